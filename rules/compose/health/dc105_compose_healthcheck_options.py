"""## What it does
Checks a compose `healthcheck`'s options: `start_interval` without `start_period`, a duration compose
cannot read (`interval`, `timeout`, `start_period`, `start_interval`), a negative or sub-millisecond
duration, a negative `retries`, and `disable: true` written beside a `test` in the same block (turning
off a check inherited through `extends` or from an earlier file is not reported). Values that hold a
`${VARIABLE}` are not judged, and a value the schema check (DC001) already reports is not reported
twice.

## Why is this bad?
Since Compose v2.36, `up` fails with "healthcheck.start_interval requires healthcheck.start_period to
be set". Durations are read by go-str2duration: Go's units (`ns`, `us`, `ms`, `s`, `m`, `h`) plus `d`
and `w`; `10` without a unit or `5 s` fail to load. Negative values and non-zero values below 1ms load
but make container creation fail. A negative `retries` fails to load ("-1 overflows uint"). With
`disable: true`, compose ignores the `test` silently, while `docker stack deploy` rejects the file
("test and disable can't be set at the same time"): one of the two is a mistake. Under
`runtime = "swarm"`, `d` and `w` are reported too, as `docker stack` reads durations with Go's own
parser.

## Example
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
      interval: 10
      start_interval: 1s
```

## Use instead
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
      interval: 10s
      start_period: 30s
      start_interval: 1s
```
"""
from __future__ import annotations

from lint.api import COMPOSE, MILLISECOND, Severity, finding, healthchecks, parse_duration, rule

DURATIONS = ("interval", "timeout", "start_period", "start_interval")


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    swarm = getattr(ctx, "runtime", None) == "swarm"
    for service, healthcheck in healthchecks(doc, ctx):
        name = service.name
        for key in DURATIONS:
            node = healthcheck.get(key)
            if node is None or node.path != doc.path:
                continue
            problem = duration_problem(node, swarm)
            if problem and not schema_reports(doc, node):
                yield finding(node.span, f'service "{name}": healthcheck {key} {problem}', service=name)

        retries = healthcheck.get("retries")
        if retries is not None and retries.path == doc.path and negative(retries):
            yield finding(retries.span, f'service "{name}": healthcheck retries {retries.text} is negative: compose '
                                        f"refuses the file", service=name)

        start_interval = healthcheck.get("start_interval")
        if (start_interval is not None and start_interval.path == doc.path and start_interval.value is not None
                and healthcheck.get("start_period") is None):
            yield finding(start_interval.key_span or start_interval.span,
                          f'service "{name}": healthcheck start_interval without start_period: `docker compose up` '
                          f"fails (Compose 2.36+)", service=name)

        disable, test = healthcheck.get("disable"), healthcheck.get("test")
        if (disable is not None and test is not None and disable.path == test.path == doc.path
                and written_together(healthcheck, disable, test) and is_true(disable) and not empty(test)):
            yield finding(disable.key_span or disable.span,
                          f'service "{name}": healthcheck has disable: true and a test: the test is ignored; remove '
                          f"one", severity=Severity.WARNING, service=name)


def schema_reports(doc, node) -> bool:
    """DC001 already reports a value compose cannot decode: one finding per problem."""
    spans = [s for s in (node.key_span, node.span) if s is not None]
    return any(p.span == s or p.span.overlaps(s) for p in doc.schema_problems for s in spans)


def duration_problem(node, swarm: bool) -> str:
    if node.kind != "scalar" or node.value is None or node.interpolated or not isinstance(node.value, str):
        return ""  # a variable; a number is a schema problem (DC001: "must be a string")
    text = node.value
    nanoseconds, why = parse_duration(text)
    if nanoseconds is None:
        return f"{text!r} is not a duration compose reads ({why})"
    if nanoseconds < 0:
        return f"{text!r} is negative: the container cannot be created"
    if 0 < nanoseconds < MILLISECOND:
        return f"{text!r} is below 1ms: the container cannot be created"
    if swarm and parse_duration(text, days=False)[0] is None:
        return f"{text!r} uses d or w, which `docker stack deploy` cannot read"
    return ""


def written_together(healthcheck, disable, test) -> bool:
    """Both keys written in this one healthcheck block. Turning off a check inherited through `extends`
    or from an earlier file (`disable: true` in an override) is the way to do it, not a mistake."""
    block = healthcheck.span
    return all(node.key_span is not None and block.start <= node.key_span.start < block.end
               for node in (disable, test))


def negative(node) -> bool:
    if node.kind != "scalar" or node.interpolated or isinstance(node.value, bool):
        return False
    if isinstance(node.value, int):
        return node.value < 0
    if isinstance(node.value, str):
        text = node.value.strip()
        return text.startswith("-") and text[1:].isdigit()
    return False


def is_true(node) -> bool:
    if node.kind != "scalar" or node.interpolated:
        return False
    if isinstance(node.value, bool):
        return node.value
    return isinstance(node.value, str) and node.value.strip().lower() in ("true", "yes", "on", "y")


def empty(test) -> bool:
    return test.value in (None, "", [])
