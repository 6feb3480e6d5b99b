"""## What it does
Reports a relative `WORKDIR` (`WORKDIR app`) when no absolute `WORKDIR` comes before it in the stage or
the stages it is built on: the directory then depends on the base image's own `WORKDIR`.

Not reported: a relative `WORKDIR` after an absolute one (`WORKDIR /srv` then `WORKDIR api` is
`/srv/api` whatever the base image), a stage built `FROM scratch` (it starts in `/`), Windows paths
(`C:\\app`), `WORKDIR .` (it changes nothing), and variables whose value is unknown (`WORKDIR $HOME/app`: the base image sets `HOME`).
Variables with an `ARG` or `ENV` default are resolved.

hadolint: DL3000 *Use absolute WORKDIR*; BuildKit check: `WorkdirRelativePath`. hadolint reports every
relative `WORKDIR`, also after an absolute one, and never one written with a variable.

## Why is this bad?
A relative path is joined to the base image's `WORKDIR`, which is `/` for most images but not all
(`golang` uses `/go`, many application images their own folder), and may change with a new base tag:
files land somewhere else and commands run in another directory.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR app
COPY . .
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
```

## Fix safety
The fix prefixes the path with `/`, which is what it means on a base image whose `WORKDIR` is `/`. It is
only shown: the base image may set another `WORKDIR`, which the relative path was relying on.
"""
import re

from lint.api import BASE, DOCKERFILE, Applicability, Edit, Fix, Severity, Span, expand, finding, rule, \
    variables_at, workdir_at

WINDOWS_ABSOLUTE = re.compile(r"[A-Za-z]:[\\/]|\\\\")


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY, aliases=("DL3000", "WorkdirRelativePath"))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "WORKDIR" or ins.stage is None:
            continue
        text = ins.args.text.strip()
        if not text:
            continue
        path = expand(text, variables_at(doc, ins))
        if path is None or path.startswith("/") or WINDOWS_ABSOLUTE.match(path) or path in (".", "./"):
            continue  # `WORKDIR .` changes nothing
        if workdir_at(doc, ins) != BASE:
            continue
        lead = len(ins.args.text) - len(ins.args.text.lstrip())
        span = ins.args.span(lead, lead + len(text))
        insert_at = span.start + 1 if text[0] in "\"'" else span.start
        fix = Fix("Make the WORKDIR absolute", (Edit(doc.path, Span(insert_at, insert_at), "/"),), Applicability.DISPLAY)
        resolved = f" ({_short(path)})" if "$" in text else ""
        yield finding(span, f"WORKDIR {_short(text)}{resolved} is relative, with no absolute WORKDIR before it: it depends "
                            f"on the base image's", fix=fix)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
