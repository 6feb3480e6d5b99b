"""## What it does
Reports a long-running compose service with no restart policy: neither `restart:` nor
`deploy.restart_policy`, or a `restart_policy` without `condition` (which compose turns into "no").

## Why is this bad?
Without a policy a container that crashes, or whose host or Docker daemon restarts, stays down until
someone notices. One-shot jobs are not judged: services that others wait for with
`condition: service_completed_successfully`, services with an explicit `restart: "no"`, and services
behind `profiles` (optional tools). Under `runtime = "swarm"` Swarm restarts by default, and under
`kubernetes` the pod spec decides, so the rule is silent there.

## Example
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    ports:
      - "8080:8080"
```

## Use instead
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    restart: unless-stopped
    ports:
      - "8080:8080"
```

## Fix safety
Unsafe: `restart: unless-stopped` is added as the service's first key. A service that is meant to run
once and exit would then be restarted after a failure, so review it.
"""
from lint import COMPOSE, Applicability, Edit, Fix, Severity, Span, finding, rule
from lint.yamledit import block_mapping


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    if ctx.runtime != "compose":
        return
    for stack in ctx.stacks(doc):
        one_shot = {name for service in stack.services.values() for name, dep in service.depends_on.items()
                    if dep.condition == "service_completed_successfully"}
        for name, service in stack.services.items():
            if service.key_path != doc.path or name in one_shot or service.profiles:
                continue
            policy = service.get("deploy", "restart_policy")
            if service.get("restart") is not None or (policy is not None and policy.get("condition") is not None):
                continue
            if policy is not None:
                continue  # a restart_policy without condition: DC303 says what that means
            yield finding(service.key_span,
                          f"service '{name}' has no restart policy: if it crashes or the host restarts, "
                          f"it stays down", fix=restart_fix(doc, name))


def restart_fix(doc, name):
    """`restart: unless-stopped` as the service's first key, indented like the others."""
    layout = block_mapping(doc.source, doc.services.get(name))
    if layout is None:
        return None
    text = f"{layout.indent}restart: unless-stopped{doc.source.newline}"
    return Fix("Add `restart: unless-stopped`", (Edit(doc.path, Span(layout.before, layout.before), text),),
               Applicability.UNSAFE)
