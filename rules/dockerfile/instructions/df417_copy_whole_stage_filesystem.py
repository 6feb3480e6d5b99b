"""## What it does
Reports `COPY --from=<stage> / /`: the whole filesystem of another stage or image copied over the root
of a stage that already has one (any base but `scratch`).

Not reported in a stage built `FROM scratch`: copying a complete root filesystem there (to flatten an
image into one layer, or to ship a root filesystem built in another stage) is the usual way to do it.

hadolint: DL3067 *Do not copy an entire filesystem from another stage* (hadolint also reports it on
`FROM scratch`).

## Why is this bad?
Every file of the other stage replaces the base image's copy: its package database, `/etc/passwd`,
libraries and shells from another distribution or version end up mixed with this one's, the image
grows by a whole operating system, and what the base image promised no longer holds. Copy the
directories the image needs instead.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app

FROM debian:bookworm-slim
COPY --from=build / /
```

## Use instead
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
```
"""
from lint.api import DOCKERFILE, Severity, copy_args, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3067",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "COPY" or ins.stage is None or ins.flag("from") is None:
            continue
        args = copy_args(ins)
        if args is None or args.dest.value not in ("/", "/."):
            continue
        root = next((s for s in args.sources if s.value in ("/", "/.")), None)
        if root is None or _on_scratch(doc, ins.stage):
            continue
        source = ins.flag("from").value
        yield finding(root.span, f"COPY --from={_short(source, 30)} / / copies its whole filesystem over "
                                 f"{_short(ins.stage.base)}: copy only the directories needed")


def _on_scratch(doc, stage) -> bool:
    root = ([stage] + doc.ancestors(stage))[-1]
    return root.parent is None and (root.base_resolved or root.base).lower() == "scratch"


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
