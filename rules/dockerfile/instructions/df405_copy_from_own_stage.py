"""## What it does
Reports a `COPY --from` that names the stage it stands in, by name or by index (`--from=0` in the first
stage). A variable in `--from` is DF404's concern (Docker does not expand it).

hadolint: DL3023 *`COPY --from` cannot reference its own `FROM` alias*. hadolint misses the index
form.

## Why is this bad?
A stage cannot copy from itself: BuildKit stops with "circular dependency detected on stage". Copy
within the stage with `RUN cp`, or from the stage you meant.

## Example
```dockerfile
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY --from=build /src/dist /app
```

## Use instead
```dockerfile
FROM node:22-bookworm-slim AS build
WORKDIR /src
RUN npm ci && npm run build

FROM nginx:1.27
COPY --from=build /src/dist /usr/share/nginx/html
```
"""
from lint.api import DOCKERFILE, Severity, copy_source, finding, rule


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3023",))
def check(doc, ctx):
    for stage in doc.stages:
        for ins in stage.find("COPY"):
            flag = ins.flag("from")
            if flag is None or not flag.value:
                continue
            source = copy_source(doc, stage, ins, flag.value)
            if source.kind == "self":
                yield finding(flag.value_span or flag.span,
                              f"`COPY --from={flag.value}` names its own stage: the build fails with a circular dependency")
