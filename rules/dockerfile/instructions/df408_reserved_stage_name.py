"""## What it does
Reports a stage named with a word BuildKit reserves: `scratch` (the empty image of `FROM scratch`) or
`context` (`COPY --from=context` copies from the build context). Compared without case, as BuildKit reads
stage names in lower case.

hadolint: DL3063 *stage name should not be a reserved word*; BuildKit: ReservedStageName.

## Why is this bad?
The name means two things at once: a later `FROM scratch` or `COPY --from=scratch` may get your stage
or the empty image depending on the builder, and `COPY --from=context` may get your stage or the
build context. Docker warns on every build.

## Example
```dockerfile
FROM alpine:3.20 AS scratch
RUN mkdir -p /out && echo ok > /out/status
```

## Use instead
```dockerfile
FROM alpine:3.20 AS workspace
RUN mkdir -p /out && echo ok > /out/status
```
"""
from lint.api import DOCKERFILE, RESERVED_STAGE_NAMES, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3063", "ReservedStageName"))
def check(doc, ctx):
    for stage in doc.stages:
        if stage.name is not None and stage.name.lower() in RESERVED_STAGE_NAMES:
            yield finding(stage.name_span, f"'{stage.name}' is a reserved word in BuildKit: references to this "
                                           f"stage are ambiguous; choose another stage name")
