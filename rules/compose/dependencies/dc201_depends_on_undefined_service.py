"""## What it does
Reports a dependency on a service the project does not define: a `depends_on` entry, a `links`
entry, `volumes_from: [name]` or `network_mode: service:name` (also `ipc`, `pid`, `uts`, `cgroup`)
naming a service that is not in the merged compose model.

Each file is judged in the project `docker compose` would load it in: a base file (`compose.yaml`,
`docker-compose.yml` ...) with its override file or the `COMPOSE_FILE` of its folder's `.env`; a file
that another one `include`s or `extends` from, inside that project; a file such as
`docker-compose.monitoring.yml` alone when it loads alone, else merged onto the base file of its own or
a parent folder (`docker compose -f docker-compose.yml -f docker-compose.monitoring.yml`). A file that
loads in none of these ways, but whose missing services another compose file of the repository defines,
is a piece of a `-f` chain we cannot rebuild: it is not judged.

## Why is this bad?
`docker compose` refuses to load the project ("service "web" depends on undefined service "dbb"":
invalid compose project), so nothing starts. `required: false` does not excuse it: that only tolerates a
service that is defined but disabled by its `profiles`. The usual cause is a typo, or a service renamed
or moved to another file that is not merged in.

A service that only runs with a profile counts as undefined whenever that profile is off: an always-on
service that requires it makes `docker compose up` fail unless the profile is given. That case is a
warning, since it works with `--profile`; a profile that `COMPOSE_PROFILES` in the project's `.env`
turns on is always given. Fix it with `required: false` on the dependency, or by giving both services
the same profile.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    depends_on:
      - dbb
  db:
    image: postgres:16
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    depends_on:
      - db
  db:
    image: postgres:16
```
"""
from __future__ import annotations

import difflib

from lint.api import COMPOSE, Severity, entry_span, finding, rule

SOURCE = {
    None: "depends on",
    "links": "links to",
    "volumes_from": "takes volumes_from",
    "network_mode": "uses the network of",
}


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    seen = set()  # a file judged in several projects: one finding per entry
    for stack in ctx.stacks(doc):
        defined = set(stack.services)
        for service in stack.services.values():
            for dep in service.depends_on.values():
                node = dep.node
                if node is None or node.path != doc.path:
                    continue
                span = entry_span(dep)
                if span in seen:
                    continue
                if dep.name in defined:
                    message = profile_gap(stack, service, stack.services[dep.name], dep)
                    if message:
                        seen.add(span)
                        yield finding(span, message, severity=Severity.WARNING)
                    continue
                if getattr(node, "interpolated", False):
                    continue  # the name comes from a variable we cannot know
                seen.add(span)
                verb = SOURCE.get(dep.implicit, f"shares the {dep.implicit} namespace of")
                hint = difflib.get_close_matches(dep.name, sorted(defined), n=1)
                suggestion = f' (did you mean "{hint[0]}"?)' if hint else ""
                yield finding(span, f'"{service.name}" {verb} undefined service "{dep.name}"{suggestion}: compose '
                                    f"refuses to load the project")


def profile_gap(stack, service, target, dep) -> str | None:
    """A required dependency of an enabled service on a service that is disabled unless a profile is
    given (COMPOSE_PROFILES in the project's .env counts as given)."""
    if not dep.required or "*" in target.profiles or stack.enabled(target):
        return None
    own = service.profiles
    if own and set(own) <= set(target.profiles):
        return None  # whatever enables this service also enables the target
    names = ", ".join(f'"{p}"' for p in target.profiles)
    return (f'"{service.name}" requires "{target.name}", which needs profile {names}: without it compose refuses '
            f"to load the project")
