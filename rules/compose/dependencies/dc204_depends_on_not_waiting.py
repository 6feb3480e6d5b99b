"""## What it does
Reports a short-form `depends_on` (a list of names) that names a service with a health check, where
the service is seen to connect to it: its environment, command or entrypoint names the dependency as a
host (`postgres://db:5432/app`, `DB_HOST=db`, `db:5432`). The short form means
`condition: service_started`: compose starts the dependency's container first and then starts this one
at once, without waiting for the health check to pass.

A dependency the service does not visibly connect to is left alone: a Kafka Connect worker ordered
after the databases its connectors will read (registered later), a proxy in front of replicas that
answers 502 until they are up. Waiting for their health would gain nothing.

## Why is this bad?
The dependency has a health check precisely because it is not ready the moment its container starts
(a database replaying its log, an API warming up). The dependent service connects too early, fails or
logs errors, and relies on luck or restarts. The long form with `condition: service_healthy` makes
`docker compose up` wait until the check passes.

## Example
```yaml
services:
  api:
    image: python:3.12-slim
    environment:
      DATABASE_URL: postgres://app@db:5432/app
    depends_on:
      - db
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
```

## Use instead
```yaml
services:
  api:
    image: python:3.12-slim
    environment:
      DATABASE_URL: postgres://app@db:5432/app
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
```

## Fix safety
The fix rewrites the whole `depends_on` list in the long form, at the list's own indentation and
keeping comments: `condition: service_healthy` for each entry whose service has a health check,
`condition: service_started` (what the short form meant) for the others. It is unsafe: `up` now waits
for the check, and fails if the dependency never becomes healthy. It is offered only for a list whose
entries are plain names, one to a line (or a one-line flow list `[a, b]`).
"""
from __future__ import annotations

import re

from lint.api import (
    COMPOSE, YES, Applicability, Edit, Fix, Severity, Span, block_mapping, connects, finding, rule,
    service_health,
)

DASH = re.compile(r"[ \t]*-[ \t]+\Z")


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    stacks = ctx.stacks(doc)
    for name, raw in doc.services.items():
        block = raw.get("depends_on") if raw.kind == "map" else None
        if block is None or block.kind != "seq" or block.path != doc.path:
            continue
        for stack in stacks:
            service = stack.services.get(name)
            if service is None:
                continue
            fix = None
            for item in block.value:
                target_name = item.text if item.kind == "scalar" else None
                target = stack.services.get(target_name) if target_name else None
                dep = service.depends_on.get(target_name) if target else None
                if dep is None or dep.implicit or dep.condition != "service_started":
                    continue  # another file turned it into the long form, or it is undefined (DC201)
                if not connects(service, target.name, stack.services):
                    continue  # nothing shows it reaches the dependency at start: waiting would gain nothing
                health = service_health(target, ctx)
                if health.state != YES:
                    continue
                if fix is None:
                    fix = long_form_fix(doc, raw, block, stack, ctx) or False
                yield finding(item.span, f'service "{name}" waits only for "{target.name}" to start, not to be healthy: '
                                         f"use `condition: service_healthy`", fix=fix or None,
                              service=name)
            break  # one stack decides: the list is the same text in each


def long_form_fix(doc, service_node, block, stack, ctx) -> Fix | None:
    """The list rewritten as a mapping, entry by entry, so comments between and after entries stay."""
    text = doc.source.text
    source = doc.source
    items = block.value
    names = [item.text for item in items]
    if (not items or block.alias_span is not None or any(i.kind != "scalar" or i.alias_span is not None
                                                         or i.interpolated or not i.text for i in items)
            or len(set(names)) != len(names)):
        return None
    if any("\n" in text[i.span.start:i.span.end] for i in items):
        return None

    def condition(name: str) -> str:
        target = stack.services.get(name)
        if target is not None and service_health(target, ctx).state == YES:
            return "service_healthy"
        return "service_started"

    key_span = block.key_span
    layout = block_mapping(source, service_node)
    if key_span is None or layout is None:
        return None
    key_line = source.position(key_span.start)[0]
    key_column, step = len(layout.indent), len(layout.step)
    newline = source.newline
    edits = []
    flow = text[block.span.start:block.span.start + 1] == "["
    if flow:
        between = text[key_span.end:block.span.start]
        if source.position(block.span.end)[0] != key_line or not re.fullmatch(r"[ \t]*:[ \t]*", between):
            return None
        inside = text[block.span.start:block.span.end]
        for item in reversed(items):  # nothing but the names, commas and blanks (no anchor, tag or comment)
            start, end = item.span.start - block.span.start, item.span.end - block.span.start
            inside = inside[:start] + inside[end:]
        if not re.fullmatch(r"\[[ \t,]*\]", inside):
            return None
        entry = " " * (key_column + step)
        body = "".join(
            f"{newline}{entry}{text[i.span.start:i.span.end]}:{newline}{entry}{' ' * step}condition: {condition(n)}"
            for i, n in zip(items, names))
        edits.append(Edit(doc.path, Span(key_span.end, block.span.end), ":" + body))
        return Fix("Write depends_on in the long form with conditions", tuple(edits), Applicability.UNSAFE)
    for item, name in zip(items, names):
        line = source.position(item.span.start)[0]
        line_span = source.line_span(line)
        prefix = text[line_span.start:item.span.start]
        if not DASH.match(prefix):
            return None
        dash_column = len(prefix) - len(prefix.lstrip(" \t"))
        entry_column = dash_column if dash_column > key_column else key_column + step
        rest = text[item.span.end:line_span.end]  # blanks and a trailing comment stay on the entry's line
        replacement = (f"{' ' * entry_column}{text[item.span.start:item.span.end]}:{rest}{newline}"
                       f"{' ' * (entry_column + step)}condition: {condition(name)}")
        edits.append(Edit(doc.path, line_span, replacement))
    return Fix("Write depends_on in the long form with conditions", tuple(edits), Applicability.UNSAFE)
