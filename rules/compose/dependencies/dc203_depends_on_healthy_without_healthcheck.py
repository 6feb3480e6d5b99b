"""## What it does
Reports `condition: service_healthy` on a service that has no usable health check: no `test` in its
compose `healthcheck` and no HEALTHCHECK in the image it runs (its readable Dockerfile's target stage,
or an image the table knows), or a check turned off with `disable: true`, `test: ["NONE"]` or
`HEALTHCHECK NONE`. A `healthcheck:` with only timing keys (`interval`, `retries`, ...) is no check of
its own: it only retimes the image's, and there is none to retime.

It is an error when we know there is no check, a warning when the dependency has `required: false`,
and an info ("cannot verify") when the image is one we know nothing about. An image the project
builds itself is looked up in its own Dockerfile: another service that builds the same image name,
or a Dockerfile in a folder named like the image (`zipkin-eureka/Dockerfile` for
`ghcr.io/openzipkin/zipkin-eureka`) or a stage named like it. When none matches but the project
builds images of its own, the unknown image may be one of them under another name, and the rule is
silent. A team's own images that do have a HEALTHCHECK can also be declared in config (`images`),
which turns the info into silence.

Several services waiting on the same service give one finding, at the first of them, with the
others as related places.

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

from lint.api import (
    COMPOSE, NO, UNKNOWN, Related, Severity, builds_own_images, finding, repository_image_health, rule,
    service_health,
)


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        waits: dict[tuple, list] = {}  # (target, kind) -> [(service, condition)], one finding each
        health_of: dict[str, object] = {}
        for service in stack.services.values():
            for dep in service.depends_on.values():
                if dep.implicit or dep.condition != "service_healthy" or dep.name not in stack.services:
                    continue
                condition = dep.node.get("condition") if dep.node is not None else None
                if condition is None or condition.path != doc.path:
                    continue
                if dep.name not in health_of:
                    health_of[dep.name] = health(stack.services[dep.name], ctx)
                state = health_of[dep.name].state
                if state == UNKNOWN and builds_own_images(ctx):
                    continue  # maybe one of the project's own images, under a name we cannot match
                if state in (NO, UNKNOWN):
                    kind = "unknown" if state == UNKNOWN else "required" if dep.required else "optional"
                    waits.setdefault((dep.name, kind), []).append((service, condition))
        for (name, kind), waiting in waits.items():
            yield judge(stack.services[name], kind, waiting, health_of[name])


def health(target, ctx):
    """The target's health check; an image we do not know may be built from a Dockerfile of the project."""
    found = service_health(target, ctx)
    if found.state == UNKNOWN and target.build is None:
        return repository_image_health(target, ctx) or found
    return found


def judge(target, kind, waiting, health):
    """One finding for every dependant waiting on the same service: at the first, the others related."""
    (first, condition), others = waiting[0], waiting[1:]
    waiters = f'"{first.name}"' if not others else f"{len(waiting)} services"
    related = (*reasons(target, health),
               *(Related(c.path, c.span, f'"{s.name}" waits here too') for s, c in others))
    if kind == "unknown":
        return finding(condition.span, f'cannot verify that "{target.name}" has a health check for {waiters} to '
                                       f"wait on", severity=Severity.INFO, related=related)
    if health.disabled:
        why = "its health check is turned off"
    elif target.get("healthcheck") is not None and target.get("healthcheck", "test") is None:
        why = "its healthcheck has only timing and the image has none"
    else:
        why = "it has no health check"
    verb = "waits" if not others else "wait"
    if kind == "required":
        return finding(condition.span, f'{waiters} {verb} for "{target.name}" to be healthy, but {why}: '
                                       f"`docker compose up` fails", related=related)
    return finding(condition.span, f'{waiters} {verb} for "{target.name}" to be healthy (required: false), but '
                                   f"{why}: compose does not wait", severity=Severity.WARNING, related=related)


def reasons(target, health) -> tuple:
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
        return (Related(image.path, image.span, health.reason or f'the image of "{target.name}"'),)
    return ()
