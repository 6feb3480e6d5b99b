"""## What it does
Reports a dependency on a service the project does not define: a `depends_on` entry, a `links`
entry, `volumes_from: [name]` or `network_mode: service:name` (also `ipc`, `pid`, `uts`, `cgroup`)
naming a service that is not in the merged compose model.

## Why is this bad?
`docker compose` refuses to load the project ("service "web" depends on undefined service "dbb"":
invalid compose project), so nothing starts. `required: false` does not excuse it: that only tolerates a
service that is defined but disabled by its `profiles`. The usual cause is a typo, or a service renamed
or moved to another file that is not merged in.

A service that only runs with a profile counts as undefined whenever that profile is off: an always-on
service that requires it makes `docker compose up` fail unless the profile is given. That case is a
warning, since it works with `--profile`.

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
from pathlib import Path

from lint import COMPOSE, Severity, finding, rule

BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
SOURCE = {
    None: "depends on",
    "links": "links to",
    "volumes_from": "takes volumes_from",
    "network_mode": "uses the network of",
}


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        defined = set(stack.services)
        maybe_elsewhere = None
        for service in stack.services.values():
            for dep in service.depends_on.values():
                node = dep.node
                if node is None or node.path != doc.path:
                    continue
                if dep.name in defined:
                    message = profile_gap(service, stack.services[dep.name], dep)
                    if message:
                        yield finding(entry_span(dep), message, severity=Severity.WARNING)
                    continue
                if getattr(node, "interpolated", False):
                    continue  # the name comes from a variable we cannot know
                if maybe_elsewhere is None:
                    maybe_elsewhere = sibling_services(ctx, stack)
                if dep.name in maybe_elsewhere:
                    continue  # a file meant to be combined with `-f` alongside the one defining it
                verb = SOURCE.get(dep.implicit, f"shares the {dep.implicit} namespace of")
                hint = difflib.get_close_matches(dep.name, sorted(defined), n=1)
                suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
                yield finding(
                    entry_span(dep),
                    f'service "{service.name}" {verb} undefined service "{dep.name}": compose refuses to load '
                    f"the project{suggestion}",
                )


def profile_gap(service, target, dep) -> str | None:
    """A required dependency on a service that is disabled whenever `service` runs without its profile."""
    if not dep.required or not target.profiles or "*" in target.profiles:
        return None
    own = service.profiles
    if own and set(own) <= set(target.profiles):
        return None  # whatever enables this service also enables the target
    names = ", ".join(f'"{p}"' for p in target.profiles)
    when = "without" if len(target.profiles) == 1 else "without one of"
    return (f'service "{service.name}" requires "{target.name}", which only runs with profile {names}: {when} it '
            f"compose refuses to load the project; add `required: false` or give both the same profile")


def entry_span(dep):
    """The text naming the dependency: a depends_on key or list item, a links / volumes_from item, the
    `service:x` value."""
    node = dep.node
    if dep.implicit is None and node.key_span is not None:
        return node.key_span
    return node.span


def sibling_services(ctx, stack) -> set[str]:
    """Services of the other compose files in the same directory, when this stack is not built from the
    directory's base file: such a file (`docker-compose.monitoring.yml`) is often used as an extra `-f`
    file, and we cannot tell which files the user combines."""
    files = [Path(f) for f in stack.files]
    if not files or files[0].name in BASE_NAMES or ctx.project is None:
        return set()
    names: set[str] = set()
    try:
        for other in ctx.project.stacks:
            if other is stack or not other.files or Path(other.files[0]).parent != files[0].parent:
                continue
            names.update(other.services)
    except Exception:
        return set()
    return names
