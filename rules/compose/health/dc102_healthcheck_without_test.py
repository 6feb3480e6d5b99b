"""## What it does
Reports a compose `healthcheck` that sets timing options (`interval`, `timeout`, `retries`,
`start_period`, `start_interval`) but no `test`. It only retimes the image's own HEALTHCHECK: a
warning when the image is known to have none (its readable Dockerfile's target stage and the stages
and base image it comes from, or an image in the image table), an info when the image is unknown. It
is silent when the image has a check of its own, also when the project builds that image itself
(another service builds the same image name, or a Dockerfile in a folder or stage named like the
image has a HEALTHCHECK), and when the image is unknown in a project that builds images of its own
(it may be one of them under another name).

## Why is this bad?
The engine fills an empty test from the image; when the image has no HEALTHCHECK, nothing runs and the
container's health stays unset. The block looks like a health check but none exists:
`depends_on: condition: service_healthy` fails with "has no healthcheck configured", and `up --wait`
fails too. Official images (postgres, redis, nginx, ...) declare no HEALTHCHECK.

## Example
```yaml
services:
  db:
    image: postgres:16
    healthcheck:
      interval: 5s
      retries: 5
```

## Use instead
```yaml
services:
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U \\"$${POSTGRES_USER:-postgres}\\""]
      interval: 5s
      retries: 5
```
"""
from __future__ import annotations

from lint.api import (
    COMPOSE, NO, UNKNOWN, Related, Severity, builds_own_images, finding, healthchecks, image_health,
    is_inherit, repository_image_health, rule, truthy,
)

TIMING = ("interval", "timeout", "retries", "start_period", "start_interval")


@rule(COMPOSE, severity=Severity.WARNING)
def check(doc, ctx):
    for service, healthcheck in healthchecks(doc, ctx):
        if healthcheck.path != doc.path or not is_inherit(healthcheck.get("test")):
            continue
        timing = [key for key in TIMING if healthcheck.get(key) is not None]
        if not timing or truthy(healthcheck.get("disable")):
            continue
        health = image_health(service, ctx)
        if health.state == UNKNOWN and service.build is None:
            health = repository_image_health(service, ctx) or health
        if health.state not in (NO, UNKNOWN) or (health.state == UNKNOWN and builds_own_images(ctx)):
            continue  # an unknown image in a project that builds its own may be one of them
        anchor = healthcheck.key_span or healthcheck.span
        keys = ", ".join(timing)
        if health.state == NO:
            yield finding(anchor, f'service "{service.name}": healthcheck sets {keys} but no test, and the image has '
                                  f"no HEALTHCHECK", related=related(health), service=service.name)
        else:
            yield finding(anchor, f'service "{service.name}": healthcheck has timing but no test; cannot tell if '
                                  f"the image has a HEALTHCHECK", severity=Severity.INFO,
                          related=related(health), service=service.name)


def related(health) -> tuple:
    """The Dockerfile's HEALTHCHECK NONE, or what was judged (the image, the Dockerfile built)."""
    if health.instruction is not None and health.dockerfile is not None:
        return (Related(str(health.dockerfile.path), health.instruction.span, "HEALTHCHECK NONE"),)
    stage = health.stage
    if health.dockerfile is not None and getattr(stage, "base_span", None) is not None:
        return (Related(str(health.dockerfile.path), stage.base_span, health.reason),)
    return ()
