"""## What it does
Reports a service that sets both `restart:` and `deploy.restart_policy` when they disagree, and a
`restart_policy` without `condition` beside `restart:`.

## Why is this bad?
Under compose v2 a `deploy.restart_policy` replaces `restart` entirely, so the `restart:` line a reader
trusts does nothing. A `restart_policy` without `condition` has an empty policy, which the engine turns
into "no": restarts are silently off, whatever `restart:` says.

## Example
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    restart: always
    deploy:
      restart_policy:
        condition: on-failure
```

## Use instead
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    deploy:
      restart_policy:
        condition: on-failure
```
"""
from lint.api import COMPOSE, Related, Severity, condition_policy, engine_policy, finding, rule


@rule(COMPOSE, severity=Severity.WARNING)
def check(doc, ctx):
    for service in ctx.services(doc):
        restart = service.get("restart")
        policy = service.get("deploy", "restart_policy")
        if restart is None or policy is None or policy.kind != "map" or restart.interpolated:
            continue
        condition = policy.get("condition")
        if condition is not None and condition.interpolated:
            continue
        wanted = engine_policy(restart.text or "")
        applied = condition_policy(condition.text if condition is not None else None)
        related = (Related(restart.path, restart.span, "this `restart:` is ignored"),)
        anchor = condition if condition is not None else policy
        span = anchor.key_span or anchor.span
        if condition is None:
            yield finding(span, f"service '{service.name}': restart_policy has no condition, so `restart: "
                                f"{restart.text}` is ignored and restarts are off", path=anchor.path, related=related,
                          service=service.name)
        elif wanted != applied:
            yield finding(span, f"service '{service.name}': restart_policy (condition: {condition.text}) replaces "
                                f"`restart: {restart.text}`: the policy is \"{applied}\"", path=anchor.path,
                          related=related, service=service.name)
