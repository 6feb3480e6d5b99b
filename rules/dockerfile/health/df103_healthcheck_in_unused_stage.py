"""## What it does
Reports a `HEALTHCHECK` in a build stage that the image being built does not inherit from: a stage
that is neither the target stage nor one it is built `FROM` (directly or through other stages).
A stage used only through `COPY --from` (or `RUN --mount=from=`) does not pass on its `HEALTHCHECK`
either: only files are copied.

The target stage is the one `--target`, the config or the compose `build.target` names, else the
last one. A stage nothing else uses is left alone: it is probably built with `--target` of its own.
Nor is anything reported when the image built has a `HEALTHCHECK` of its own (a stage often repeats
its builder's): nothing is lost.

## Why is this bad?
Such a `HEALTHCHECK` has no effect on the image you run. It usually sits in a builder stage by
mistake, and the image that needs the check ships without one.

## Example
```dockerfile
FROM golang:1.23 AS build
HEALTHCHECK CMD wget -q --spider http://localhost:8080/health || exit 1
RUN go build -o /server .

FROM debian:12-slim
COPY --from=build /server /server
CMD ["/server"]
```

## Use instead
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /server .

FROM debian:12-slim
COPY --from=build /server /server
HEALTHCHECK CMD ["/server", "-healthcheck"]
CMD ["/server"]
```
"""
from lint.api import DOCKERFILE, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING)
def check(doc, ctx):
    if not doc.stages:
        return
    target = ctx.target_stage(doc)
    targets = [target] if target is not None else []
    for service in ctx.building(doc):
        name = getattr(getattr(service, "build", None), "target", None)
        stage = doc.stage_by_name(name) if name else None
        if stage is not None:
            targets.append(stage)
    used_by = {s: [t for t in doc.stages if t is not s and s in doc.dependencies(t)] for s in doc.stages}
    # a stage nothing uses may be a --target of its own (dev, test, debug)
    targets += [s for s in doc.stages if not used_by[s]]
    inherited = {s for t in targets for s in (t, *doc.ancestors(t))}
    if target is not None and has_check(doc, target):
        return  # the image built has a check of its own: nothing is lost
    for stage in doc.stages:
        if stage in inherited:
            continue
        for ins in stage.find("HEALTHCHECK"):
            if ins.healthcheck is None or ins.healthcheck.none:
                continue
            yield finding(ins.keyword_span, message(doc, stage, target, used_by[stage]))


def has_check(doc, stage) -> bool:
    """The stage's image runs a health check: its own last HEALTHCHECK or the nearest parent's, not NONE."""
    for each in (stage, *doc.ancestors(stage)):
        ins = each.last("HEALTHCHECK")
        if ins is not None:
            return ins.healthcheck is not None and not ins.healthcheck.none
    return False


def message(doc, stage, target, users) -> str:
    name = label(stage)
    copiers = [u for u in users if u.parent is not stage]
    if copiers and not any(u.parent is stage for u in users):
        return (f"HEALTHCHECK in {name} has no effect: {label(copiers[0])} only copies files from it; "
                f"the image built has none")
    return f"HEALTHCHECK in {name} has no effect: the image built ({label(target)}) is not based on it"


def label(stage) -> str:
    return f"stage '{stage.name}'" if stage.name else f"the unnamed stage {stage.index}"
