"""## What it does
Reports a compose `healthcheck` that sets timing options (`interval`, `timeout`, `retries`,
`start_period`, `start_interval`) but no `test`. It only retimes the image's own HEALTHCHECK: a
warning when the image is known to have none (its readable Dockerfile's target stage and the stages
and base image it comes from, or an image in the image table), an info when the image is unknown. It
is silent when the image has a check of its own.

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

from lint import COMPOSE, Related, Severity, finding, rule
from lint.health import NO, UNKNOWN, healthchecks, image_health, is_inherit, truthy

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
        if health.state not in (NO, UNKNOWN):
            continue
        anchor = healthcheck.key_span or healthcheck.span
        keys = ", ".join(timing)
        start = f'service "{service.name}": healthcheck sets {keys} but no test'
        if health.state == NO:
            yield finding(anchor, f"{start}, and {health.reason}: no check runs, so the service never becomes "
                                  f"healthy", related=related(health))
        else:
            why = health.reason or "the image is unknown"
            yield finding(anchor, f"{start}: it only retimes the image's HEALTHCHECK, and {why}; if the image has "
                                  f"none, no check runs", severity=Severity.INFO)


def related(health) -> tuple:
    if health.instruction is not None and health.dockerfile is not None:
        return (Related(str(health.dockerfile.path), health.instruction.span, "HEALTHCHECK NONE"),)
    return ()
