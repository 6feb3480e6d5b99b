"""## What it does
Checks `restart:` and `deploy.restart_policy` values: the engine accepts only `no`, `always`,
`on-failure[:N]` (N ≥ 0) and `unless-stopped`, and a retry count only with `on-failure`.

## Why is this bad?
The schema leaves these as free strings, so `docker compose config` passes `restart: sometimes` or
`restart: always:3`, and `docker compose up` then fails at create with "invalid restart policy".
`none` and `any` work under compose, which maps them, but the spec and Swarm do not know them for
`restart:`, and Swarm rejects `condition: always` (info). An unquoted `restart: no` is read as the
boolean false by YAML 1.1 tools (PyYAML, older docker-compose), which then reject or misread it (style).

## Example
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    restart: always:3
```

## Use instead
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    restart: on-failure:3
```

## Fix safety
Only the unquoted `no` is fixed: quoting it is safe, every tool then reads the same string.
"""
from lint.api import COMPOSE, Applicability, Edit, Fix, Severity, engine_policy, finding, rule


@rule(COMPOSE, severity=Severity.ERROR, fix=Applicability.SAFE)
def check(doc, ctx):
    for name, service in doc.services.items():
        if service.kind != "map":
            continue
        restart = service.get("restart")
        if restart is not None and restart.kind == "scalar" and not restart.interpolated:
            yield from judge_restart(doc, name, restart)
        policy = service.get("deploy", "restart_policy")
        if policy is not None and policy.kind == "map":
            yield from judge_policy(name, policy)


def judge_restart(doc, name, node):
    value = node.text or ""
    policy, _, count = value.partition(":")
    if engine_policy(value) is None:
        yield finding(node.span, f"service '{name}': `restart: {value}` is not a restart policy: `up` fails (use no, "
                                 f"always, on-failure[:N], unless-stopped)", service=name)
    elif count and engine_policy(value) != "on-failure":
        yield finding(node.span, f"service '{name}': `restart: {value}`: a retry count works only with on-failure: "
                                 f"`up` fails", service=name)
    elif count and not (count.isdigit()):
        yield finding(node.span, f"service '{name}': `restart: {value}`: compose reads a count that is not a whole "
                                 f"number as 0, retry forever", severity=Severity.WARNING, service=name)
    elif policy in ("none", "any"):
        yield finding(node.span, f"service '{name}': `restart: {policy}` is compose's alias; the spec and Swarm do "
                                 f"not know it (use `{engine_policy(value)}`)", severity=Severity.INFO, service=name)
    elif value == "no" and node.style is None:
        fix = Fix('Quote it: "no"', (Edit(doc.path, node.span, '"no"'),), Applicability.SAFE)
        yield finding(node.span, f"service '{name}': unquoted `restart: no` is the boolean false to YAML 1.1 tools; "
                                 f"quote it", severity=Severity.STYLE, fix=fix, service=name)


def judge_policy(name, policy):
    condition = policy.get("condition")
    attempts = policy.get("max_attempts")
    value = condition.text if condition is not None and condition.kind == "scalar" else None
    if condition is not None and condition.interpolated:
        return
    if value:
        if engine_policy(value) is None:
            yield finding(condition.span, f"service '{name}': restart_policy condition `{value}` is not a policy: "
                                          f"`up` fails (use none, on-failure or any)", service=name)
            return
        if value == "always":
            yield finding(condition.span, f"service '{name}': condition `always` works under compose only; Swarm "
                                          f"rejects it (use `any`)", severity=Severity.INFO, service=name)
    if attempts is not None and not attempts.interpolated and (engine_policy(value or "") != "on-failure"):
        yield finding(attempts.key_span or attempts.span,
                      f"service '{name}': max_attempts works only with condition on-failure: `up` fails",
                      service=name)
