"""## What it does
Reports a stage whose name an earlier stage already has. Names are compared without case, as BuildKit
compares them (`AS Build` and `AS build` are the same stage name).

hadolint: DL3024 *FROM aliases (stage names) must be unique*; BuildKit: DuplicateStageName. hadolint
compares names with their case.

## Why is this bad?
`COPY --from=<name>`, `FROM <name>` and `--target <name>` can reach only one of the two stages: which
one depends on the builder and on where the reference stands, so a build may copy from, build on, or
stop at another stage than the one you meant.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/api ./cmd/api
FROM golang:1.22 AS build
RUN go build -o /out/worker ./cmd/worker
```

## Use instead
```dockerfile
FROM golang:1.22 AS build-api
RUN go build -o /out/api ./cmd/api
FROM golang:1.22 AS build-worker
RUN go build -o /out/worker ./cmd/worker
```
"""
from lint.api import DOCKERFILE, Related, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3024", "DuplicateStageName"))
def check(doc, ctx):
    seen = {}
    for stage in doc.stages:
        if stage.name is None:
            continue
        key = stage.name.lower()
        first = seen.setdefault(key, stage)
        if first is stage:
            continue
        yield finding(stage.name_span, f"stage name '{stage.name}' is already used at line {first.from_.line}: "
                                       f"references to it reach only one of the two stages",
                      related=[Related(doc.path, first.name_span, "the first stage of that name")])
