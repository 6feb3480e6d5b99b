"""## What it does
Reports an `ONBUILD` whose trigger is `ONBUILD`, `FROM` or `MAINTAINER`: Docker refuses these three
as triggers and the build stops at that line.

hadolint: DL3043 *`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.*

## Why is this bad?
`docker build` fails on the instruction ("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "FROM
isn't allowed as an ONBUILD trigger"), so the image is never built.

## Example
```dockerfile
FROM python:3.12-slim
ONBUILD FROM python:3.12-slim
ONBUILD COPY . /app
```

## Use instead
```dockerfile
FROM python:3.12-slim
ONBUILD COPY . /app
```
"""
from lint.api import DOCKERFILE, Severity, finding, rule

FORBIDDEN = ("ONBUILD", "FROM", "MAINTAINER")


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3043",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "ONBUILD" or ins.inner is None or ins.inner.keyword not in FORBIDDEN:
            continue
        if ins.inner.keyword == "ONBUILD":
            message = "`ONBUILD ONBUILD` is refused by Docker: a trigger cannot add another trigger"
        else:
            message = f"{ins.inner.keyword} is refused by Docker as an ONBUILD trigger: the build fails here"
        yield finding(ins.inner.keyword_span, message)
