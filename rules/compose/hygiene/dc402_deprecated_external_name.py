"""## What it does
Reports `external: {name: x}` on a network, volume, secret or config: the deprecated way to name an
external resource.

## Why is this bad?
Compose rewrites it as `name: x` plus `external: true` and warns "external.name is deprecated" on every
run. When a `name:` beside it says something else, compose refuses the file ("name and external.name
conflict; only use name").

## Example
```yaml
services:
  web:
    image: nginx:1.27
    networks: [app-net]
networks:
  app-net:
    external:
      name: nat
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    networks: [app-net]
networks:
  app-net:
    name: nat
    external: true
```

## Fix safety
Safe: compose reads both forms the same way. Offered only when there is no other `name:`, or the same
one; when the two names differ you must choose, so there is no fix. When comments sit inside the
`external` block the fix is only shown, since applying it would drop them.
"""
from lint.api import COMPOSE, Applicability, Edit, Fix, Severity, finding, rule

SECTIONS = ("networks", "volumes", "secrets", "configs")


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.SAFE)
def check(doc, ctx):
    root = doc.root
    if root is None or root.kind != "map":
        return
    for section in SECTIONS:
        resources = root.get(section)
        if resources is None or resources.kind != "map":
            continue
        for name, resource in resources.items():
            external = resource.get("external") if resource.kind == "map" else None
            old_name = external.get("name") if external is not None and external.kind == "map" else None
            if old_name is None or external.key_span is None:
                continue
            yield from judge(doc, section, name, resource, external, old_name)


def judge(doc, section, name, resource, external, old_name):
    kind = section[:-1]
    new_name = resource.get("name")
    if new_name is not None and new_name.raw != old_name.raw:
        yield finding(old_name.key_span or old_name.span,
                      f"{kind} '{name}': `name: {new_name.raw}` and `external.name: {old_name.raw}` differ: compose "
                      f"refuses the file", severity=Severity.ERROR)
        return
    source = doc.source
    line = source.position(external.key_span.start)[0]
    indent = source.indentation(line)
    span = external.key_span.__class__(external.key_span.start, external.span.end)
    has_comment = any(span.start <= c.span.start < span.end for c in doc.comments)
    if new_name is not None:
        text = "external: true"
    else:
        text = f"name: {old_name.raw}{source.newline}{indent}external: true"
    applicability = Applicability.DISPLAY if has_comment else Applicability.SAFE
    fix = Fix(f"Use `name: {old_name.raw}` and `external: true`", (Edit(doc.path, span, text),), applicability)
    yield finding(old_name.key_span or old_name.span,
                  f"{kind} '{name}': `external.name` is deprecated: use "
                  f"`name: {old_name.raw}` with `external: true`", fix=fix)
