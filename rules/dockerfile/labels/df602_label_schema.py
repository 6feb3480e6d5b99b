"""## What it does
Checks the image's labels against a label schema you give.

Each label the schema names must be there
(hadolint DL3049), not empty (DL3051) and of its type: `url` (DL3052), `rfc3339` (DL3053), `spdx`
(DL3054), `hash` (DL3055), `semver` (DL3056), `email` (DL3058); `text` takes anything. With `strict`, a
label the schema does not name is reported too (DL3050). Silent without a schema (and without `strict`).

hadolint's `label-schema` and `strict-labels` in `.hadolint.yaml` (and `--require-label`,
`HADOLINT_REQUIRE_LABELS`) are read into these options. hadolint reports a missing label in every stage,
though only the image's stage and the stages it is built FROM give the image its labels; here a missing
label is reported once, on the image's FROM. A value from a variable (`version="${VERSION}"`) is known
only at build time and is not judged (hadolint reports it unless the schema says `text`). An email label
may be written `Name <name@example.com>` (an RFC 5322 mailbox).

## Why is this bad?
Labels are how registries, scanners and people find where an image came from, its version and licence.
A schema makes sure every image of a project carries them in a form tools can read.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2" \\
      org.opencontainers.image.source="github.com/example/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0" \\
      org.opencontainers.image.source="https://github.com/example/app" \\
      org.opencontainers.image.licenses="Apache-2.0"
```

## Options
- `schema`: the labels required, as `"label:type"` strings (`"org.opencontainers.image.version:semver"`);
  types: text, url, semver, hash, rfc3339, spdx, email.
- `strict`: also report labels the schema does not name.

```toml
[rules.DF602]
schema = ["org.opencontainers.image.version:semver", "org.opencontainers.image.source:url",
          "org.opencontainers.image.licenses:spdx"]
```
"""
from lint.api import DOCKERFILE, Option, Severity, finding, key_values, label_value_problem, rule

HADOLINT_CODES = ("DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058")


def parse_schema(items) -> dict[str, str]:
    schema = {}
    for item in items:
        label, _, kind = item.partition(":")
        if label.strip():
            schema[label.strip()] = (kind.strip() or "text").lower()
    return schema


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=HADOLINT_CODES, options=(
    Option("schema", list, [], "labels the image must have, as \"label:type\" (types: text, url, semver, hash, "
                               "rfc3339, spdx, email)"),
    Option("strict", bool, False, "also report labels the schema does not name"),
))
def check(doc, ctx):
    schema = parse_schema(ctx.option("schema"))
    strict = ctx.option("strict")
    if not schema and not strict:
        return
    for ins in doc.instructions:
        if ins.keyword != "LABEL":
            continue
        for pair in key_values(ins):
            kind = schema.get(pair.key)
            if kind is None:
                if strict:
                    yield finding(pair.key_span, f"label '{pair.key}' is not in the label schema (strict labels)",
                                  severity=Severity.INFO)
                continue
            value = pair.value or ""
            if "$" in value:
                continue  # known only at build time
            if not value.strip():
                span = pair.value_span if pair.value_span and pair.value_span.end > pair.value_span.start \
                    else pair.key_span
                yield finding(span, f"label '{pair.key}' is empty; the schema requires a {kind} value")
                continue
            reason = label_value_problem(kind, value)
            if reason:
                yield finding(pair.value_span, f"label '{pair.key}' {reason}")
    stage = ctx.target_stage(doc)
    if stage is None or not schema:
        return
    present = {pair.key for each in (stage, *doc.ancestors(stage)) for ins in each.find("LABEL")
               for pair in key_values(ins)}
    for label, kind in schema.items():
        if label not in present:
            yield finding(stage.base_span, f"the image has no label '{label}' ({kind}) that the label schema requires", severity=Severity.INFO)
