"""## What it does
Reports a service that names another service of the project as a host it connects to, but has no
dependency on it, direct or through other services. A host is read from:
- a URL: `scheme://NAME`, `scheme://user:pass@NAME:port/path`;
- `NAME:port` (as in `db:5432`, `wait-for-it cache:6379`);
- the value of a variable whose name ends in `_HOST`, `_URL`, `_ADDR`, `_DSN` or `_SERVER` (also the
  `__`-separated names .NET reads as sections, such as `RngApi__Url`; case does not matter).

Environment values, `command` and `entrypoint` are read. Only whole host names count
(`http://api-gateway` does not name `api`), only services of the same project, and never a part that
comes from a `${VARIABLE}`. Not reported:
- peers: when the named service connects back, directly or through others, or depends on this one
  (a Kafka quorum, a gossip cluster, a proxy in front of its backends), there is no start order to
  state;
- telemetry endpoints (`OTEL_*`, `JAEGER_*`, `ZIPKIN_*`, `*_METRICS_*`, `SENTRY_*`, ...): exporters
  send in the background and retry, so a collector that starts later stops nothing;
- hosts inside a here-document the command writes (a config file for later, not a connection now);
- a value written once and shared by services that run different programs (an anchor merged into a
  database and an app): which of them reads it cannot be told.

A value written once and used by several services of the same program is one finding where it is
written, naming the services.

## Why is this bad?
Without `depends_on`, compose may start the service before the one it talks to, so its first
requests fail; a `restart: on-failure` policy then papers over the race by crashing and retrying,
and `docker compose up --wait`, logs and alerts show failures that are not real. `depends_on`
states the order (and with `condition: service_healthy`, waits for readiness); it also makes
`docker compose up numbers-web` start what it needs.

## Example
```yaml
services:
  numbers-api:
    image: diamol/ch08-numbers-api:v3
  numbers-web:
    image: diamol/ch08-numbers-web:v3
    restart: on-failure
    environment:
      - RngApi__Url=http://numbers-api/rng
```

## Use instead
```yaml
services:
  numbers-api:
    image: diamol/ch08-numbers-api:v3
  numbers-web:
    image: diamol/ch08-numbers-web:v3
    restart: on-failure
    environment:
      - RngApi__Url=http://numbers-api/rng
    depends_on:
      - numbers-api
```

## Fix safety
The fix adds the service to `depends_on`: to the existing list or mapping (in its style), or as a
new key after the service's last key. The condition is `service_healthy` when the named service
has a health check, else `service_started`. A service that only runs with a profile is added with
`required: false` (long form), so runs without that profile still load. It is unsafe: the service now
starts only after the other one (and waits for its health check), and stopping or recreating the
dependency can affect it. No fix is offered where the depends_on is written under an anchor or
merged in with `<<` (other services share it), where the service is an `extends` base of a service
that does not connect to the same host, or for a short-form list that would need `required: false`.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from lint.api import (
    COMPOSE, YES, Applicability, Edit, Fix, Severity, Span, block_mapping, connections, finding, item_append,
    resolve_plain, rule, runs, scalar_mapped, service_health, shared
)

DASH = re.compile(r"[ \t]*-[ \t]+\Z")


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        services = stack.services
        links, users = connections(services)
        reach = Reachability(services)
        talks = Reachability(services, links)
        for name, targets in links.items():
            service = services[name]
            for target_name, (node, label, start, end) in targets.items():
                if node.path != doc.path or reach.reaches(name, target_name):
                    continue
                if talks.reaches(target_name, name):
                    continue  # peers (a cluster naming its members), or a cycle: no start order to state
                sharing = users[(node.path, node.span)] - {target_name}  # the target naming itself proves nothing
                if len({runs(services[other]) for other in sharing}) > 1:
                    continue  # a value shared by different programs: we cannot tell which of them use it
                target = services[target_name]
                item = finding(source_span(node, label, start, end, doc.source.text),
                               f'service "{name}" connects to "{target_name}" but does not depend on it: '
                               f"compose may start it first",
                               fix=dependency_fix(doc, stack, service, target, ctx, links), service=name)
                # where a shared value is written: one finding for all the services that use it
                item.extra["template"] = (f'{{services}} connect to "{target_name}" but do not depend on it: '
                                          f"compose may start it first")
                yield item


def source_span(node, label, start, end, text) -> Span:
    """Where the host stands in the file; the whole value when the YAML text is not the value verbatim."""
    mapped, exact = scalar_mapped(node, text)
    if not exact and node.style and node.key_span == node.span:
        # a quoted list entry `- "KEY=value"`: the value starts after `KEY=`
        prefix = f"{label}="
        whole = SimpleNamespace(value=prefix + node.value, span=node.span, style=node.style)
        mapped, exact = scalar_mapped(whole, text)
        start, end = start + len(prefix), end + len(prefix)
    if exact and end <= len(mapped.text):
        return mapped.span(start, end)
    return node.span


class Reachability:
    """Which services a service depends on, directly or through others (implicit dependencies too);
    with `links`, also through the services each one connects to."""

    def __init__(self, services: dict, links: dict | None = None) -> None:
        self.services = services
        self.links = links or {}
        self.cache: dict[str, set[str]] = {}

    def reaches(self, source: str, target: str) -> bool:
        if source not in self.cache:
            seen: set[str] = set()
            pending = [source]
            while pending:
                current = pending.pop()
                service = self.services.get(current)
                for name in [*(service.depends_on if service is not None else ()), *self.links.get(current, ())]:
                    if name not in seen:
                        seen.add(name)
                        pending.append(name)
            self.cache[source] = seen
        return target in self.cache[source]


# ------------------------------------------------------------------------------------- the fix

def dependency_fix(doc, stack, service, target, ctx, links) -> Fix | None:
    """Add `target` to the depends_on of the service as this file writes it, in the style it uses."""
    if Path(doc.path).resolve() not in {Path(f).resolve() for f in stack.files}:
        return None  # an `extends` or `include` source: an edit there changes every service built from it
    if any(target.name not in links.get(name, {}) for name in doc.extending(service.name)):
        return None  # the edit would also hold back a service extending this one that does not connect
    # a dependency on a service only some profiles enable must not be required: compose would refuse
    # every run without that profile ("depends on undefined service"); `required: false` excuses it
    optional = bool(target.profiles) and not (service.profiles and set(service.profiles) <= set(target.profiles))
    raw = doc.services.get(service.name)
    if raw is None or raw.kind != "map" or raw.path != doc.path or raw.alias_span is not None:
        return None
    source = doc.source
    layout = block_mapping(source, raw)
    if layout is None:
        return None
    healthy = service_health(target, ctx).state == YES
    condition = "service_healthy" if healthy else "service_started"
    name = yaml_name(target.name)
    newline = source.newline
    existing = raw.value.get("depends_on")
    title = f"Add {target.name} to depends_on of {service.name}"
    if existing is None:
        indent, step = layout.indent, layout.step
        if healthy or optional:
            body = (f"{newline}{indent}depends_on:{newline}{indent}{step}{name}:{newline}"
                    f"{indent}{step * 2}condition: {condition}")
            if optional:
                body += f"{newline}{indent}{step * 2}required: false"
        else:
            body = f"{newline}{indent}depends_on:{newline}{indent}{step}- {name}"
        return insertion_fix(doc, layout.after, body, title)
    if (existing.alias_span is not None or existing.path != doc.path or shared(existing)
            or not raw.span.contains(existing.span)):
        return None  # written under an anchor or merged in with `<<`: an edit would reach every service using it
    if existing.kind == "seq":
        if optional or any(i.kind != "scalar" or i.alias_span is not None for i in existing.value):
            return None
        edit = item_append(source, existing, name)
        return Fix(title, (Edit(doc.path, *edit),), Applicability.UNSAFE) if edit is not None else None
    entries = block_mapping(source, existing)
    if entries is not None:
        first = next(iter(existing.value.values()))
        if first.path != doc.path:
            return None
        nested = block_mapping(source, first)  # `name:` then `condition:` one level in, as written there
        inner = nested.step if nested is not None else layout.step
        body = f"{newline}{entries.indent}{name}:{newline}{entries.indent}{inner}condition: {condition}"
        if optional:
            body += f"{newline}{entries.indent}{inner}required: false"
        return insertion_fix(doc, entries.after, body, title)
    return None


def insertion_fix(doc, at: int, body: str, title: str) -> Fix:
    return Fix(title, (Edit(doc.path, Span(at, at), body),), Applicability.UNSAFE)


def yaml_name(name: str) -> str:
    """A service name as a YAML key or item: quoted when YAML would read it as something else."""
    if resolve_plain(name)[0] == "str" and re.fullmatch(r"[A-Za-z0-9_][\w.\-]*", name):
        return name
    return f'"{name}"'
