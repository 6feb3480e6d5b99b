"""## What it does
Reports a `COPY` or `ADD` to a relative destination (`COPY . .`, `COPY app.py src/`) when no `WORKDIR`
was set before it in the stage or the stages it is built on: the files land in the base image's
`WORKDIR`, which this Dockerfile does not say.

A warning on a base image known to set no `WORKDIR` (the operating system images, `python`, `node`,
`openjdk` ...: the files land in `/`); `info` on a base image that may set one or not (hullcheck cannot
tell where the files go).

Not reported: any `WORKDIR` before it (also a relative one after an absolute one), a base image made to
be extended in its own `WORKDIR` (`php`, `wordpress`, `tomcat`, `golang`, `neo4j` ...: `COPY conf/
conf/` there means that folder), a stage built `FROM scratch` (relative paths start at `/`), absolute
and Windows destinations, and a destination in a variable whose value is unknown. Variables with an
`ARG` or `ENV` default are resolved.

hadolint: DL3045 *`COPY` to a relative destination without `WORKDIR` set.* hadolint also reports
`FROM scratch` stages and the base images that set their own `WORKDIR`, and skips every destination
written with a variable.

## Why is this bad?
Most base images leave `WORKDIR` at `/`, so `COPY . .` spreads the build context over the root
filesystem; others set their own (`golang` uses `/go`), which can change with the tag. Either way the
files' place is decided by an image you do not control, and later relative paths follow it.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```
"""
import re

from lint.api import BASE, DOCKERFILE, Severity, base_workdir, copy_args, expand, finding, rule, variables_at, \
    workdir_at

WINDOWS_ABSOLUTE = re.compile(r"[A-Za-z]:[\\/]|\\\\")


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3045",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword not in ("COPY", "ADD") or ins.stage is None:
            continue
        args = copy_args(ins)
        if args is None:
            continue
        dest = expand(args.dest.raw, variables_at(doc, ins)) if "$" in args.dest.raw else args.dest.value
        if dest is None or not dest or dest.startswith("/") or WINDOWS_ABSOLUTE.match(dest):
            continue
        if workdir_at(doc, ins) != BASE or _workdir_before(doc, ins):
            continue
        root = ([ins.stage] + doc.ancestors(ins.stage))[-1]
        base = root.base_resolved or root.base
        workdir = base_workdir(base)
        if workdir is None:
            yield finding(args.dest.span, f"{ins.keyword} to relative '{_short(args.dest.raw, 30)}' with no WORKDIR: the files land "
                                          f"in the WORKDIR of {_short(base)}, not known here",
                          severity=Severity.INFO)
        elif workdir == "/":
            yield finding(args.dest.span, f"{ins.keyword} to relative '{_short(args.dest.raw, 30)}' with no WORKDIR: "
                                          f"{_short(base)} sets none, so the files land in /; set WORKDIR first")


def _workdir_before(doc, ins) -> bool:
    for stage in [*reversed(doc.ancestors(ins.stage)), ins.stage]:
        for each in stage.instructions:
            if each is ins:
                return False
            if each.keyword == "WORKDIR":
                return True
    return False


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
