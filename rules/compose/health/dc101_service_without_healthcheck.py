"""## What it does
Reports a compose service that runs an image it does not build, is a network service, and has no
usable health check: none in compose and none in its image. A network service is a known server image
(postgres, nginx, redis, ...) whose start command compose keeps, or a service that publishes ports and
runs something other than a shell, a keep-alive (`sleep infinity`) or a one-shot command.

A warning when other services need it ready: they depend on it (`depends_on`) and are seen to connect to
it (a URL, a `*_HOST` variable or `host:port` naming it in their environment or command), or reach it
through `links` or `network_mode: service:x`. A service only ordered after it (a Kafka Connect worker
whose sink connector is registered by hand later, an app behind a proxy) does not count. An info when
it publishes ports and nothing needs it at start, in a stack that checks the health of other services
(a stack that checks none would only hear noise). Sharing only volumes (`volumes_from`) or namespaces
(`ipc`, `pid`) does not count. Files for development, tests, teaching or examples (by folder, name,
repository name or opening comment) are not judged.

Not reported: a service that builds a Dockerfile we can read (DF101 judges it there, with this service
as a related place: a `HEALTHCHECK` in the Dockerfile serves every runtime), a service whose image we
know nothing about, one whose check is turned off on purpose (`disable: true`, `test: ["NONE"]`,
`HEALTHCHECK NONE`), and the target of `service_completed_successfully` (a one-shot job).

## Why is this bad?
Without a health check the engine only knows that the process runs, not that it answers. Dependants
cannot wait for it (`condition: service_healthy` fails with "has no healthcheck configured"), so they
start against a database that is still initialising, and `docker compose up --wait` or `docker ps`
report a hung server as fine.

## Example
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    environment:
      DATABASE_URL: postgres://shop@db:5432/shop
    depends_on:
      - db
  db:
    image: postgres:16
```

## Use instead
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    environment:
      DATABASE_URL: postgres://shop@db:5432/shop
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U \\"$${POSTGRES_USER:-postgres}\\""]
```

## Fix safety
For images in the image table that have a known probe (postgres `pg_isready`, mysql and mariadb,
redis `redis-cli ping`, mongo, rabbitmq, ...) the fix adds a `healthcheck` with that `test` after the
service's last key; it is unsafe because the probe may need settings of your own (a password, a
non-default port) and a failing check turns the container unhealthy. For other images the fix is only
shown: a template whose probe you must choose.
"""
from __future__ import annotations

import json

from lint.api import (
    COMPOSE, Applicability, Edit, Fix, Severity, Span, block_mapping, connects, finding, not_for_serving,
    publishes, rule, service_needs_check,
)

# depends_on, links and `network_mode: service:x` need the service to answer; volumes_from, ipc, pid,
# uts and cgroup only share its volumes or namespaces (a data container needs no health check)
WAITS_FOR_READINESS = (None, "links", "network_mode")


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    own = doc.services
    seen = set()
    first_key = doc.root.span.start if doc.root is not None else len(doc.source.text)
    opening = [c.text for c in doc.comments if c.span.start < first_key]
    if not_for_serving(doc.path, getattr(ctx.project, "root", None), opening):
        return  # development, tests, teaching, examples: the people running it watch it start
    for service in ctx.services(doc):
        node = own.get(service.name)
        if node is None or service.name in seen or service.key_path != doc.path:
            continue
        if service.get("healthcheck") is not None:
            continue  # a healthcheck without a test is DC102's; a disabled one is a choice
        need = service_needs_check(service, ctx)
        if need is None:
            continue
        health, why = need
        edges = [(other.name, other.depends_on[service.name]) for other in service.stack.services.values()
                 if other is not service and service.name in other.depends_on]
        if any(dep.condition == "service_completed_successfully" for _, dep in edges):
            continue  # a one-shot job: dependants wait for it to finish, not to be healthy
        stack = service.stack.services
        # a dependant that is seen to connect to it (a URL, a *_HOST variable, host:port) needs it
        # ready; one only ordered after it (a Kafka Connect worker whose sink connector is registered
        # by hand later, an app behind a proxy) does not
        dependants = sorted(name for name, dep in edges if dep.implicit in WAITS_FOR_READINESS and (
            dep.implicit is not None or connects(stack[name], service.name, stack)))
        if not dependants and not publishes(service):
            continue  # nothing waits for it and nothing reaches it from outside
        if not dependants and not any(other.get("healthcheck") is not None for other in stack.values()):
            continue  # a server nothing needs at start, in a stack that checks no health: an info is noise
        seen.add(service.name)
        fix = healthcheck_fix(doc, node, health)
        anchor = node.key_span or node.span
        if dependants:
            names = ", ".join(f'"{n}"' for n in dependants[:3]) + (f" and {len(dependants) - 3} more"
                                                                  if len(dependants) > 3 else "")
            yield finding(anchor, f'service "{service.name}" has no health check ({why}); {names} '
                                  f"{'depends' if len(dependants) == 1 else 'depend'} on it", fix=fix)
        else:
            yield finding(anchor, f'service "{service.name}" has no health check ({why}): nothing tells when '
                                  f"it is ready or hung", severity=Severity.INFO, fix=fix)


def healthcheck_fix(doc, node, health) -> Fix | None:
    """A `healthcheck:` block after the service's last line, indented like its keys."""
    layout = block_mapping(doc.source, node)
    if layout is None:
        return None
    newline, indent, step = doc.source.newline, layout.indent, layout.step
    probe = getattr(health.facts, "probe", None)
    if probe:
        test = "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in probe) + "]"
        block = f"{newline}{indent}healthcheck:{newline}{indent}{step}test: {test}"
        title = f"Add the usual health check of {health.image}"
        applicability = Applicability.UNSAFE
    else:
        block = (f"{newline}{indent}healthcheck:{newline}{indent}{step}# choose a probe this image has: curl, wget, "
                 f"or a check of the app's own{newline}{indent}{step}test: [\"CMD\", \"<probe>\", \"<args>\"]"
                 f"{newline}{indent}{step}interval: 10s{newline}{indent}{step}retries: 3")
        title = "Add a health check (choose its probe)"
        applicability = Applicability.DISPLAY
    return Fix(title, (Edit(doc.path, Span(layout.after, layout.after), block),), applicability)
