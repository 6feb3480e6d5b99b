"""## What it does
Reports services that depend on each other in a circle (`a -> b -> a`), a service that depends on
itself, counting the dependencies compose adds on its own: `links`, `volumes_from: [service]` and
`network_mode: service:x` (also `ipc`, `pid`, `uts`, `cgroup`).

## Why is this bad?
Compose cannot order the start-up and refuses to load the project ("dependency cycle detected:
a -> b -> a"), so nothing starts. Each cycle is reported once, on the dependency that closes it when
the services are walked in name order, as compose walks them.

## Example
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      - worker
  worker:
    image: python:3.12-slim
    links:
      - api
```

## Use instead
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      - worker
  worker:
    image: python:3.12-slim
```
"""
from __future__ import annotations

from lint.api import COMPOSE, Severity, entry_span, finding, rule


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    seen = set()  # a file judged in several projects: one finding per entry
    for stack in ctx.stacks(doc):
        for service, dep, cycle in cycles(stack.services):
            node = dep.node
            if node is None or node.path != doc.path or entry_span(dep) in seen:
                continue
            seen.add(entry_span(dep))
            how = f" (through {dep.implicit})" if dep.implicit else ""
            yield finding(
                entry_span(dep),
                f"dependency cycle {' -> '.join(cycle)}{how}: compose cannot order the services and refuses "
                f"to load the project",
            )


def cycles(services: dict) -> list:
    """(service, the dependency closing the cycle, the cycle's names) for each back edge of a depth-first
    walk in name order (compose's order, so our first cycle is the one it reports)."""
    found = []
    state: dict[str, str] = {}  # 'open' while on the current path, 'done' after
    for root in sorted(services):
        if root in state:
            continue
        path = [root]
        state[root] = "open"
        pending = [iter(sorted(services[root].depends_on))]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = "done"
                pending.pop()
                continue
            if target not in services:
                continue  # DC201 reports it
            if state.get(target) == "open":
                service = services[path[-1]]
                found.append((service, service.depends_on[target], path[path.index(target):] + [target]))
            elif target not in state:
                state[target] = "open"
                path.append(target)
                pending.append(iter(sorted(services[target].depends_on)))
    return found
