"""## What it does
Reports a `FROM` image without a tag or digest (`FROM ubuntu`, `FROM registry:5000/team/app`): Docker
then pulls `latest`. An ARG in the image is resolved with its default (`ARG BASE=ubuntu` then `FROM
${BASE}` is reported; `ARG TAG=24.04` then `FROM ubuntu:${TAG}` is not). Not reported: `FROM scratch`,
an earlier stage (`FROM builder`), and an image whose value is only known at build time (an ARG without
a default, a platform ARG such as `${TARGETARCH}`).

hadolint: DL3006 *Always tag the version of an image explicitly*. hadolint reports `FROM base-${ARCH}`
even when `ARCH` has no default and the value is unknowable, misses `FROM ${BASE}` whose default has
no tag, and takes a registry port (`localhost:5000/app`) for a tag; this rule resolves the ARG and reads
the reference as Docker does.

## Why is this bad?
`latest` is whatever the image's publisher pushed last: the same Dockerfile builds a different image
from one day to the next, a new major version breaks the build or the app without any change on your
side, and nobody can tell which base a running image was built on.

## Example
```dockerfile
FROM python
COPY app.py /app/app.py
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/app.py
```
"""
from lint.api import DOCKERFILE, Severity, base_image, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3006",))
def check(doc, ctx):
    for stage in doc.stages:
        image = base_image(doc, stage)
        if image is None or image.tag is not None or image.digest is not None:
            continue
        via = f" (`{image.text}` by default)" if "$" in stage.base else ""
        yield finding(stage.base_span, f"`FROM {stage.base}`{via} has no tag: it pulls whatever `latest` is; "
                                       f"pin a version")
