"""## What it does
Reports a `FROM` image tagged `latest` without a digest (`FROM node:latest`). An ARG in the image is
resolved with its default. `FROM node:latest@sha256:...` is pinned by its digest and not reported.

hadolint: DL3007 *Using latest is prone to errors if the image will ever update. Pin the version
explicitly to a release tag*.

## Why is this bad?
`latest` moves with every release of the image: the same Dockerfile builds on a different base from
one day to the next, a new major version breaks the build or the app without any change on your side,
and the tag says nothing about which version a running image was built on.

## Example
```dockerfile
FROM node:latest
COPY . /app
```

## Use instead
```dockerfile
FROM node:22-bookworm-slim
COPY . /app
```
"""
from lint.api import DOCKERFILE, Severity, base_image, finding, rule, tag_span


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3007",))
def check(doc, ctx):
    for stage in doc.stages:
        image = base_image(doc, stage)
        if image is None or image.tag != "latest" or image.digest is not None:
            continue
        via = f" (`{image.text}` by default)" if "$" in stage.base else ""
        yield finding(tag_span(stage, image) or stage.base_span,
                      f"`FROM {stage.base}`{via} follows every new release: pin a version tag")
