"""## What it does
Reports a service that names another service of the project as a host it connects to, but has no
dependency on it, direct or through other services. A host is read from:
- a URL: `scheme://NAME`, `scheme://user:pass@NAME:port/path`;
- `NAME:port` (as in `db:5432`, `wait-for-it cache:6379`);
- the value of a variable whose name ends in `_HOST`, `_URL`, `_ADDR`, `_DSN` or `_SERVER` (also the
  `__`-separated names .NET reads as sections, such as `RngApi__Url`; case does not matter).

Environment values, `command` and `entrypoint` are read. Only whole host names count
(`http://api-gateway` does not name `api`), only services of the same project, and never a part that
comes from a `${VARIABLE}`. When the named service itself depends on this one, no dependency can
be added without a cycle: the finding is then an info, without a fix.

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
has a health check, else `service_started`. It is unsafe: the service now starts only after the
other one (and waits for its health check), and stopping or recreating the dependency can affect
it. No fix is offered where the dependency would close a cycle, or would require a service that only
runs with a profile.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from lint import COMPOSE, Applicability, Edit, Fix, Severity, Span, finding, rule
from lint.health import YES, scalar_mapped, service_health
from lint.yamledit import block_mapping, shared

HOST_SUFFIXES = ("_HOST", "_URL", "_ADDR", "_DSN", "_SERVER")
URL = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://(?P<authority>[^/?#\s\"'<>]*)")
HOST_PORT = re.compile(r"(?<![\w.\-/:\x00])(?P<host>[A-Za-z0-9][\w.\-]*):(?P<port>\d{2,5})(?![\w.:@\x00])")
WHOLE_HOST = re.compile(r"\s*(?P<host>[A-Za-z0-9][\w.\-]*)(?::\d{1,5})?\s*\Z")
LIBPQ_HOST = re.compile(r"(?<![\w])host=(?P<host>[A-Za-z0-9][\w.\-]*)")
VARIABLE = re.compile(r"\$\$|\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*")
DASH = re.compile(r"[ \t]*-[ \t]+\Z")
TWO_DIGIT_PORTS = {21, 22, 25, 53}  # below 80 most `name:NN` are image tags (`postgres:16`), not ports


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    for stack in ctx.stacks(doc):
        services = stack.services
        names = {name.lower(): name for name in services}
        reach = Reachability(services)
        for service in services.values():
            mode = service.get("network_mode")
            if mode is not None and mode.text == "host":
                continue  # on the host's network service names do not resolve: another problem than order
            seen = set()
            for node, label, start, end, target_name in mentions(service, names):
                if target_name == service.name or target_name in seen:
                    continue
                seen.add(target_name)  # the first mention speaks for the pair
                if reach.reaches(service.name, target_name) or node.path != doc.path:
                    continue
                target = services[target_name]
                span = source_span(node, label, start, end, doc.source.text)
                where = f"its {label}" if label in ("command", "entrypoint") else label
                if reach.reaches(target_name, service.name):
                    yield finding(
                        span,
                        f'"{service.name}" connects to "{target_name}" ({where}), but "{target_name}" depends on '
                        f'"{service.name}": compose starts "{service.name}" first and depends_on would be a cycle, '
                        f'so "{service.name}" must retry until "{target_name}" answers',
                        severity=Severity.INFO,
                    )
                    continue
                restart = service.restart
                retry = (f"; `restart: {restart}` only retries after it fails"
                         if restart and restart not in ("no", "") else "")
                yield finding(
                    span,
                    f'"{service.name}" connects to "{target_name}" ({where}) but does not depend on it, so compose '
                    f'may start "{service.name}" before "{target_name}" is up{retry}; add "{target_name}" to its '
                    f"depends_on",
                    fix=dependency_fix(doc, stack, service, target, ctx),
                )


# ------------------------------------------------------------------------------------- finding hosts

def mentions(service, names):
    """(node, label, start, end, service name) for each host naming a service: start/end index the
    node's YAML value (before interpolation), in the order they are written."""
    environment = service.get("environment")
    if environment is not None and environment.kind == "map":
        for key, node in environment.value.items():
            host_variable = key.upper().endswith(HOST_SUFFIXES)
            yield from scan(node, key, names, host_variable)
    for key in ("command", "entrypoint"):
        node = service.get(key)
        if node is None:
            continue
        for item in node.value if node.kind == "seq" else [node]:
            yield from scan(item, key, names, False)


def scan(node, label, names, host_variable):
    if node is None or node.kind != "scalar" or not isinstance(node.value, str):
        return
    raw = node.value
    # a part that comes from a variable is not known: blank it out, keeping every offset
    masked = VARIABLE.sub(lambda m: m.group(0) if m.group(0) == "$$" else "\x00" * len(m.group(0)), raw)
    found = []
    for match in URL.finditer(masked):
        authority = match.group("authority")
        offset = match.start("authority")
        at = authority.rfind("@") + 1  # user:password@ is not the host
        for part in authority[at:].split(","):
            host = part.split(":", 1)[0]
            if host and not host.startswith("["):
                found.append((offset + at, offset + at + len(host)))
            offset += len(part) + 1
    for match in HOST_PORT.finditer(masked):
        port = int(match.group("port"))
        if port <= 65535 and (port >= 80 or port in TWO_DIGIT_PORTS):
            found.append(match.span("host"))
    if host_variable:
        whole = WHOLE_HOST.match(masked)
        if whole:
            found.append(whole.span("host"))
        found.extend(m.span("host") for m in LIBPQ_HOST.finditer(masked))
    for start, end in sorted(set(found)):
        host = masked[start:end]
        if "\x00" in host:
            continue
        name = names.get(host.lower())
        if name is not None:
            yield node, label, start, end, name


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
    """Which services a service depends on, directly or through others (implicit dependencies too)."""

    def __init__(self, services: dict) -> None:
        self.services = services
        self.cache: dict[str, set[str]] = {}

    def reaches(self, source: str, target: str) -> bool:
        if source not in self.cache:
            seen: set[str] = set()
            pending = [source]
            while pending:
                service = self.services.get(pending.pop())
                for name in service.depends_on if service is not None else ():
                    if name not in seen:
                        seen.add(name)
                        pending.append(name)
            self.cache[source] = seen
        return target in self.cache[source]


# ------------------------------------------------------------------------------------- the fix

def dependency_fix(doc, stack, service, target, ctx) -> Fix | None:
    """Add `target` to the depends_on of the service as this file writes it, in the style it uses."""
    if Path(doc.path).resolve() not in {Path(f).resolve() for f in stack.files}:
        return None  # an `extends` or `include` source: an edit there changes every service built from it
    if target.profiles and not (service.profiles and set(service.profiles) <= set(target.profiles)):
        return None  # a required dependency on a profile-only service fails whenever the profile is off
    raw = doc.services.get(service.name)
    if raw is None or raw.kind != "map" or raw.path != doc.path or raw.alias_span is not None:
        return None
    source, text = doc.source, doc.source.text
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
        if healthy:
            body = (f"{newline}{indent}depends_on:{newline}{indent}{step}{name}:{newline}"
                    f"{indent}{step * 2}condition: {condition}")
        else:
            body = f"{newline}{indent}depends_on:{newline}{indent}{step}- {name}"
        return insertion_fix(doc, layout.after, body, title)
    if existing.alias_span is not None or existing.path != doc.path or shared(existing):
        return None  # an edit of an anchor's list would add the dependency to every service using it
    if existing.kind == "seq":
        items = existing.value
        if any(i.kind != "scalar" or i.alias_span is not None for i in items):
            return None
        if text[existing.span.start:existing.span.start + 1] == "[":
            if line_column(source, existing.span.start)[0] != line_column(source, existing.span.end)[0]:
                return None
            if not items:
                return Fix(title, (Edit(doc.path, existing.span, f"[{name}]"),), Applicability.UNSAFE)
            return Fix(title, (Edit(doc.path, Span(items[-1].span.end, items[-1].span.end), f", {name}"),),
                       Applicability.UNSAFE)
        last = items[-1]
        line = line_column(source, last.span.start)[0]
        line_span = source.line_span(line)
        prefix = text[line_span.start:last.span.start]
        if not DASH.match(prefix) or line != line_column(source, last.span.end)[0]:
            return None
        return Fix(title, (Edit(doc.path, Span(line_span.end, line_span.end), f"{newline}{prefix}{name}"),),
                   Applicability.UNSAFE)
    entries = block_mapping(source, existing)
    if entries is not None:
        first = next(iter(existing.value.values()))
        if first.path != doc.path:
            return None
        nested = block_mapping(source, first)  # `name:` then `condition:` one level in, as written there
        inner = nested.step if nested is not None else layout.step
        body = f"{newline}{entries.indent}{name}:{newline}{entries.indent}{inner}condition: {condition}"
        return insertion_fix(doc, entries.after, body, title)
    return None


def insertion_fix(doc, at: int, body: str, title: str) -> Fix:
    return Fix(title, (Edit(doc.path, Span(at, at), body),), Applicability.UNSAFE)


def line_column(source, offset: int) -> tuple[int, int]:
    """1-based line and 0-based column."""
    line, column = source.position(offset)
    return line, column - 1


def yaml_name(name: str) -> str:
    """A service name as a YAML key or item: quoted when YAML would read it as something else."""
    from lint.compose import resolve_plain

    if resolve_plain(name)[0] == "str" and re.fullmatch(r"[A-Za-z0-9_][\w.\-]*", name):
        return name
    return f'"{name}"'
