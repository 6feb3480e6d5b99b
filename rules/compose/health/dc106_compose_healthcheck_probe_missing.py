"""## What it does
Reports a compose healthcheck `test` that runs a program the service's image does not have — `curl` on
`python:3.12-slim` is the common case — and a `CMD-SHELL` or string test on an image without
`/bin/sh` (distroless, .NET chiseled, scratch). The image is the one the service builds (its readable
Dockerfile's target stage: the base image's contents plus packages installed and not removed again) or
its `image:` as the image table knows it. Unknown images, programs copied in, and tools the probe
first looks for (`command -v curl && ...`) are not judged.

## Why is this bad?
The probe fails with "executable file not found" or exit 127 every time, so the container is never
healthy: `docker compose up` stops at a `condition: service_healthy` dependant, and `up --wait` fails.
It often starts after an innocent base image change (slim variants drop curl and wget; .NET 8 images
ship neither).

## Example
```yaml
services:
  api:
    image: python:3.12-slim
    command: ["python", "-m", "http.server", "8000"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/"]
```

## Use instead
```yaml
services:
  api:
    image: python:3.12-slim
    command: ["python", "-m", "http.server", "8000"]
    healthcheck:
      test: ["CMD", "python", "-c", "import urllib.request as u; u.urlopen('http://localhost:8000/')"]
```
"""
from __future__ import annotations

from lint.api import (
    COMPOSE, Related, Severity, finding, image_facts, missing_tools, probes_in, rule, service_image,
)


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for service, test, probe in probes_in(doc, ctx):
        if probe.form not in ("CMD", "CMD-SHELL", "string"):
            continue
        image = service_image(service)
        facts = image_facts(image, ctx)
        if facts is None:
            continue
        dockerfile = stage = None
        if service.build is not None:
            dockerfile, stage = service.dockerfile, service.target_stage
        for missing in missing_tools(probe.script, facts, dockerfile, stage, shell=probe.shell):
            exact = probe.exact or probe.form == "CMD"
            anchor = missing.span if exact and missing.tool != "sh" else test.span
            if missing.tool == "sh":
                message = f'service "{service.name}": the {form_name(probe)} test needs /bin/sh, but {missing.reason}'
            else:
                message = (f'service "{service.name}": the healthcheck runs {missing.tool}, but {missing.reason}: it '
                           f"always fails")
            yield finding(anchor, message, related=built_from(dockerfile, stage), service=service.name)


def built_from(dockerfile, stage) -> tuple:
    """The Dockerfile stage the service runs: where the missing tool would be installed, and a change that
    removes it must be reported with this finding (pre-commit given only the Dockerfile)."""
    if dockerfile is None or stage is None:
        return ()
    return (Related(str(dockerfile.path), stage.from_.span, "the image is built here"),)


def form_name(probe) -> str:
    return "CMD-SHELL" if probe.form == "CMD-SHELL" else "string"
