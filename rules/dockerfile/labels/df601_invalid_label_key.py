"""## What it does
Reports a LABEL key in a namespace Docker reserves (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`)
and a malformed key.

Malformed: empty, with blanks in it (`"Presto SQL Version"`), starting or ending with
`.`, `-` or `_`, or with `..` or `--`. With the `strict` option it also reports what Docker's recommended
key format leaves out: upper-case letters, a first character that is not a letter, and characters other
than lower-case letters, digits, `.`, `-` and `_`.

hadolint: DL3048 *Invalid Label Key*. hadolint reports upper-case keys always; Red Hat's container
conventions require some (`Name`, `Version`, `Release`, `RUN`, `INSTALL`, read by its tools), and a
reverse-DNS key of a domain starting with a digit (`2ra.vn.version`) is right, so those wait for `strict`.

## Why is this bad?
Docker documents the reserved namespaces as its own: a label there may clash with what Docker or its
tools set and read. A key with blanks or doubled separators cannot be used as written in
`--filter label=...` or by tools that read reverse-DNS keys, and is nearly always a typo.

## Example
```dockerfile
FROM alpine:3.20
LABEL com.docker.compose.project="shop"
LABEL "Presto SQL Version"="0.280"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL com.example.shop.project="shop"
LABEL io.prestosql.version="0.280"
```

## Options
- `strict`: also report keys outside Docker's recommended format (lower case, starting with a letter), as
  hadolint does.
"""
import re

from lint.api import DOCKERFILE, Option, Severity, finding, key_values, rule

RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")
RECOMMENDED = re.compile(r"[a-z][a-z0-9._-]*\Z")


def problem(key: str, strict: bool) -> str | None:
    lower = key.lower()
    if not key:
        return "is empty"
    if lower.startswith(RESERVED):
        return f"is in the namespace '{key.split('.')[0]}.{key.split('.')[1]}.*' that Docker reserves for itself"
    if any(ch.isspace() for ch in key):
        return "has blanks in it: tools and `--filter label=` cannot use it as written"
    if key[0] in ".-_" or key[-1] in ".-_":
        return "starts or ends with a separator"
    if ".." in key or "--" in key:
        return "has a doubled separator (.. or --)"
    if strict and not RECOMMENDED.match(key):
        return "is outside Docker's format: lower case, digits, '.' and '-', starting with a letter"
    return None


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3048",), options=(
    Option("strict", bool, False, "also report keys outside Docker's recommended format (upper case, a first "
                                  "character that is not a letter), as hadolint does"),
))
def check(doc, ctx):
    strict = ctx.option("strict")
    for ins in doc.instructions:
        if ins.keyword != "LABEL":
            continue
        for pair in key_values(ins):
            if "$" in pair.key:
                continue
            reason = problem(pair.key, strict)
            if reason:
                yield finding(pair.key_span, f"label key '{pair.key}' {reason}")
