"""## What it does
Reports `condition: service_completed_successfully` on a service whose restart policy restarts it
whatever its exit status: `restart: always` or `unless-stopped`, or a `deploy.restart_policy` with
`condition: any` (which compose applies in place of `restart`).

## Why is this bad?
Compose waits for the dependency's container to reach the state "exited" with status 0. With such a
restart policy the engine restarts it as soon as it exits, so it goes to "restarting" and never stays
"exited": `docker compose up` waits forever (there is no default timeout), and the dependent service
never starts. A one-shot job (migrations, a seed, a build step) should run without a restart policy
(or with `on-failure`).

## Example
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: python:3.12-slim
    command: ["python", "manage.py", "migrate"]
    restart: always
```

## Use instead
```yaml
services:
  api:
    image: python:3.12-slim
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: python:3.12-slim
    command: ["python", "manage.py", "migrate"]
    restart: on-failure
```
"""
from __future__ import annotations

from lint.api import COMPOSE, Related, Severity, finding, rule

FOREVER = ("always", "unless-stopped")


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        for service in stack.services.values():
            for dep in service.depends_on.values():
                if dep.implicit or dep.condition != "service_completed_successfully":
                    continue
                target = stack.services.get(dep.name)
                condition = dep.node.get("condition") if dep.node is not None else None
                if target is None or condition is None or condition.path != doc.path:
                    continue
                policy, node = restart_policy(target)
                if policy not in FOREVER:
                    continue
                key = "restart" if target.get("restart") is node else "deploy.restart_policy.condition"
                yield finding(
                    condition.span,
                    f'service "{service.name}" waits for "{target.name}" to complete, but `{key}: {node.text}` restarts '
                    f"it: `up` waits forever",
                    related=(Related(node.path, node.span, "the restart policy that keeps it running"),),
                    service=service.name,
                )


def restart_policy(service):
    """(the policy compose applies, the node it comes from); (None, None) when it cannot be told. A
    `deploy.restart_policy` replaces `restart` in compose v2."""
    policy = service.get("deploy", "restart_policy")
    if policy is not None and policy.kind == "map":
        node = policy.get("condition")
    else:
        node = service.get("restart")
    if node is None or node.kind != "scalar" or node.interpolated:
        return None, None
    return service.restart, node
