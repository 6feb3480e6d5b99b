"""## What it does
Reports `condition: service_healthy` on a service that has no usable health check: no `test` in its
compose `healthcheck` and no HEALTHCHECK in the image it runs (its readable Dockerfile's target stage,
or an image the table knows), or a check turned off with `disable: true`, `test: ["NONE"]` or
`HEALTHCHECK NONE`. A `healthcheck:` with only timing keys (`interval`, `retries`, ...) is no check of
its own: it only retimes the image's, and there is none to retime.

It is an error when we know there is no check, a warning when the dependency has `required: false`,
and an info ("cannot verify") when the image is one we know nothing about. A team's own images that
do have a HEALTHCHECK can be declared in config (`images`), which turns the info into silence.

## Why is this bad?
The container's health stays unset, and `docker compose up` stops with "dependency failed to start:
container db has no healthcheck configured" instead of starting the dependent service. With
`required: false` compose only warns and starts it without waiting, which is not what the condition
says.

## Example
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
```

## Use instead
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 5s
      retries: 5
```
"""
from __future__ import annotations

from lint import COMPOSE, Related, Severity, finding, rule
from lint.health import NO, UNKNOWN, service_health


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        for service in stack.services.values():
            for dep in service.depends_on.values():
                if dep.implicit or dep.condition != "service_healthy" or dep.name not in stack.services:
                    continue
                condition = dep.node.get("condition") if dep.node is not None else None
                if condition is None or condition.path != doc.path:
                    continue
                target = stack.services[dep.name]
                health = service_health(target, ctx)
                if health.state == NO:
                    yield missing(service, target, dep, health, condition)
                elif health.state == UNKNOWN:
                    yield finding(
                        condition.span,
                        f'cannot verify that "{target.name}" has a health check for "{service.name}" to wait on '
                        f"({health.reason or 'its image is unknown'}); without one `up` fails. Declare the image "
                        f"in config `images` if it has a HEALTHCHECK",
                        severity=Severity.INFO,
                        related=related(target, health),
                    )


def missing(service, target, dep, health, condition):
    why = health.reason or f'"{target.name}" has no health check'
    if not health.disabled and target.get("healthcheck") is not None and target.get("healthcheck", "test") is None:
        why += f' and the `healthcheck:` of "{target.name}" only sets timing'
    start = f'"{service.name}" waits for "{target.name}" to be healthy, but {why}'
    if dep.required:
        return finding(condition.span, f'{start}: `docker compose up` fails with "container has no healthcheck '
                                       f'configured"', related=related(target, health))
    return finding(condition.span, f"{start}: with `required: false` compose only warns and starts "
                                   f'"{service.name}" without waiting', severity=Severity.WARNING,
                   related=related(target, health))


def related(target, health) -> tuple:
    """Where the deciding piece is: the compose setting that turns the check off, the Dockerfile's
    HEALTHCHECK NONE, or the service's image."""
    node = health.node
    if node is not None and getattr(node, "span", None) is not None:
        return (Related(node.path, node.span, "the health check is turned off here"),)
    instruction = health.instruction
    if instruction is not None and health.dockerfile is not None:
        return (Related(str(health.dockerfile.path), instruction.span, "HEALTHCHECK NONE"),)
    image = target.get("image")
    if image is not None:
        return (Related(image.path, image.span, f'the image of "{target.name}"'),)
    return ()
