"""## What it does
Reports a `COPY` or `ADD` of several sources (heredoc files included) whose destination does not end
with `/`: `COPY package.json package-lock.json .`, `COPY a.conf b.conf /etc/app`.

A single source with a wildcard (`COPY *.conf /etc/app`) is reported when it matches several files in
the build context (the `build.context` of the compose services building the Dockerfile, else the
Dockerfile's folder); where the context cannot be read, how many files it matches is known only at
build time, and it is not reported. A destination in a variable is judged when an `ARG` or `ENV` default gives its
value.

hadolint: DL3021 *COPY with more than 2 arguments requires the last argument to end with /* (hadolint
checks `COPY` only, not `ADD`).

## Why is this bad?
Docker's reference requires a directory ending with `/` here, and the classic builder (`DOCKER_BUILDKIT=0`,
older engines) fails the build: "When using COPY with more than one source file, the destination must be
a directory and end with a /". BuildKit accepts it, but where the destination does not exist yet it does
not treat it as a directory in every case (moby/buildkit#1853): with a wildcard, each match is written
over the last, and one file is left (moby/buildkit#4550).

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json .
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
```

## Fix safety
The fix appends `/` to the destination. It is safe: with several sources the destination can only be a
directory, which is what the `/` says.
"""
from lint.api import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, copy_args, expand, finding, rule, \
    variables_at


@rule(DOCKERFILE, severity=Severity.ERROR, fix=Applicability.SAFE, aliases=("DL3021",))
def check(doc, ctx):
    for ins in doc.instructions:
        onbuild = ins.keyword == "ONBUILD" and ins.inner is not None
        if onbuild:
            ins = ins.inner  # copies from the context of a later build
        if ins.keyword not in ("COPY", "ADD") or ins.stage is None:
            continue
        args = copy_args(ins)
        if args is None:
            continue
        count = len(args.sources) + args.heredoc_sources
        if count == 1 and not onbuild and ins.flag("from") is None and _wildcard(args.sources[0].value):
            count = _matches(args.sources[0].value, ctx.build_contexts(doc))
        if count < 2:
            continue
        dest = expand(args.dest.raw, variables_at(doc, ins)) if "$" in args.dest.raw else args.dest.value
        if dest is None or dest.endswith("/"):
            continue
        raw = args.dest.raw
        at = args.dest.span.end - 1 if ins.json_args is None and len(raw) > 1 and raw[-1] in "\"'" else args.dest.span.end
        fix = Fix("Add '/' to the destination", (Edit(doc.path, Span(at, at), "/"),), Applicability.SAFE)
        what = (f"'{_short(args.sources[0].raw, 20)}' ({count} files in the context)" if len(args.sources) + args.heredoc_sources == 1
                else f"{count} sources")
        yield finding(args.dest.span, f"{ins.keyword} of {what} into '{_short(raw)}' without a final '/': the "
                                      f"classic builder fails the build", fix=fix)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."


def _wildcard(value: str) -> bool:
    return any(c in value for c in "*?[")


def _matches(pattern: str, contexts) -> int:
    """How many files the pattern matches in every build context (the fewest); 0 when none can be read."""
    counts = [len(list(context.glob(pattern.lstrip("/")))) for context in contexts]
    return min(counts) if counts else 0
