"""## What it does
Reports long-running compose services with no restart policy: neither `restart:` nor a
`deploy.restart_policy` with a `condition`.

Only where at least two other services of the project are meant to stay up (`restart: always` or
`unless-stopped`; one alone may be incidental, a proxy or a mail catcher): the file shows that
restarts matter, and each service left without one is most
likely an oversight. `on-failure` alone does not count: it is mostly a retry while a service's
dependencies start. Where no service stays up, nothing is reported: most such files are tutorials,
examples, local and test stacks, where a policy would not be wanted, and the file cannot tell the rest
apart. A service whose comment says it is not for serving ("for testing purposes only, disable in
production") is left alone too.

One-shot and interactive work is never judged:
- a service others wait for with `condition: service_completed_successfully` (an init or migration
  job), one with an explicit `restart: "no"`, one behind `profiles`;
- test runners: a service named `test`/`tests`/`e2e`, and every service of a Docker Hub autotest
  file (one with a `sut` service: the others are there for the test);
- keep-alives that only hold a container open for `exec`: `sleep infinity`, `tail -f /dev/null`,
  `while sleep ...; do ...; done`;
- a single one-shot or placeholder command (`echo`, `true`, `ls`, `cat`, `env`, `sleep 3600`, ...);
- a service whose block holds a commented-out `# restart: ...` line (left out on purpose);
- a partial service with no `image`, `build` or `extends`, in a file merged onto another;
- a service named as a job run once (`db-migrate`, `minio-init`, `api-seed`, `configurator`);
- interactive services (`stdin_open: true` with `tty: true`);
- a development or test build target (`target: dev`, `development`, `debug`, `test`);
- files whose name or folder marks them as development, tests, teaching or an example:
  `compose.dev.yml`, `docker-compose.test.yaml`, `.devcontainer/`, `tests/`, `e2e/`, `examples/`,
  `tutorial/`, a repository named `*-examples`, developer tooling (`tools/`, `hack/`); files whose
  opening comment says so ("for development only", "do not use in production", "used to test ...",
  "for learning"); files named for building images (`docker-compose.build.yml`).

Under `runtime = "swarm"` Swarm restarts by default, and under `kubernetes` the pod spec decides, so
the rule is silent there.

## Why is this bad?
Without a policy a container that crashes, or whose host or Docker daemon restarts, stays down until
someone notices. When the file already restarts some services, the one without a policy is most
likely an oversight.

## Example
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    ports:
      - "8080:8080"
  db:
    image: postgres:16
    restart: unless-stopped
  cache:
    image: redis:7
    restart: unless-stopped
```

## Use instead
```yaml
services:
  api:
    image: registry.example.com/shop/api:1.4
    restart: unless-stopped
    ports:
      - "8080:8080"
  db:
    image: postgres:16
    restart: unless-stopped
  cache:
    image: redis:7
    restart: unless-stopped
```

## Fix safety
Unsafe: the policy the file's other services use most (else `unless-stopped`) is added as the
service's first key. A service that is meant to run once and exit would then be restarted after a
failure, so review it. No fix where the service is an alias of another (`web2: *web`) or is extended
by a service that is not reported too.

## Options
Where every long-running service must have a policy, even beside a single one that has, set
`min-staying-up = 1`; the default 2 keeps a lone proxy or mail catcher with a policy from
making the rest of the file look like oversights.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lint.api import (
    COMPOSE, DEV_OR_TEST, NOT_SERVING, WORDS, Applicability, Edit, Fix, Option, Severity, Span, block_mapping, finding,
    not_for_serving, rule, truthy,
)

STAYING_UP = ("always", "unless-stopped")
TEST_RUNNERS = {"sut", "test", "tests", "e2e", "tester"}
# words of a service name that mark a job run once: `db-migrate`, `minio-init`, `api-seed`
ONE_SHOT_NAMES = {"seed", "seeder", "migrate", "migrator", "migration", "migrations", "init", "setup", "bootstrap",
                  "provision", "provisioner", "configurator", "installer"}
ONE_SHOT = {"sleep", "echo", "true", "false", "exit", "ls", "cat", "env", "printenv", "date", "id", "whoami", "hostname",
            "uname"}
KEEP_ALIVE = re.compile(r"\bsleep\s+(infinity|inf)\b|\btail\s+-f\s+/dev/null\b|\bwhile\s+sleep\b"
                        r"|\bwhile\s+(true|:)\s*;\s*do\s+sleep\b")
COMMENTED_RESTART = re.compile(r"#+\s*restart\s*:")


@rule(COMPOSE, severity=Severity.WARNING, fix=Applicability.UNSAFE, options=(
    Option("min-staying-up", int, 2, "services with `restart: always` or `unless-stopped` a file needs before "
                                     "one without a policy is reported"),
))
def check(doc, ctx):
    if ctx.runtime != "compose" or not_served(doc, ctx):
        return
    for stack in ctx.stacks(doc):
        if "sut" in stack.services:
            continue  # a Docker Hub autotest file: every other service is there for the test
        # `always` / `unless-stopped` say a service is meant to stay up; `on-failure` alone is mostly a
        # retry while dependencies start, and says nothing about the rest
        policies = [s.restart for s in stack.services.values() if s.restart in STAYING_UP]
        missing = [s for s in stack.services.values()
                   if s.key_path == doc.path and s.restart is None and long_running(s, stack, doc)
                   and not marked_not_serving(s, doc)]
        if not missing or len(policies) < ctx.option("min-staying-up"):
            continue  # one service with a policy may be incidental (a proxy, a mail catcher): two are a habit
        if policies:
            usual = restart_value(stack, Counter(policies).most_common(1)[0][0])
            names = {s.name for s in missing}
            for service in missing:
                # an edit to a service that others extend is right only if each of them lacks a policy too
                shared = any(other not in names for other in doc.extending(service.name))
                yield finding(service.key_span, f"service '{service.name}' has no restart policy, unlike others "
                                                f"here: if it crashes it stays down",
                              fix=None if shared else restart_fix(doc, service.name, usual, names))


def not_served(doc, ctx) -> bool:
    """A file for development, tests, teaching or an example (its folders, name or opening comment), or
    one named for building images (`docker-compose.build.yml`)."""
    if "build" in (word.lower() for word in WORDS.findall(Path(doc.path).name)):
        return True
    first_key = doc.root.span.start if doc.root is not None else len(doc.source.text)
    opening = [c.text for c in doc.comments if c.span.start < first_key]
    return not_for_serving(doc.path, getattr(ctx.project, "root", None), opening)


def long_running(service, stack, doc) -> bool:
    """Not one-shot, test or interactive work, nor a service whose policy was left out on purpose (see the
    docstring)."""
    if service.profiles or service.name.lower() in TEST_RUNNERS:
        return False
    if any(word.lower() in ONE_SHOT_NAMES for word in WORDS.findall(service.name)):
        return False
    if all(service.get(key) is None for key in ("image", "build", "extends")):
        return False  # a partial service for an overlay: the file it is merged onto runs it
    if commented_restart(service, doc):
        return False
    if any(dep.condition == "service_completed_successfully" and dep.name == service.name
           for other in stack.services.values() for dep in other.depends_on.values()):
        return False
    if service.get("deploy", "restart_policy") is not None:
        return False  # one without a condition: DC303 says what that means
    if truthy(service.get("stdin_open")) and truthy(service.get("tty")):
        return False
    build = service.build
    target = getattr(build, "target", None)
    if target and any(word.lower() in DEV_OR_TEST for word in WORDS.findall(target)):
        return False
    words = command_words(service)
    script = " ".join(words)
    if KEEP_ALIVE.search(script):
        return False
    single = not any(mark in script for mark in ("&", ";", "|", "\n"))
    return not (words and single and Path(words[0]).name in ONE_SHOT)


def marked_not_serving(service, doc) -> bool:
    """The comment right above the service says it is not for serving: "for testing purposes only,
    disable in production" above a log generator."""
    node = doc.services.get(service.name)
    if node is None or node.path != doc.path or node.key_span is None:
        return False
    before = [other.span.end for other in doc.services.values()
              if other.path == doc.path and other.span.end <= node.key_span.start]
    start = max(before, default=0)
    return any(start <= c.span.start < node.key_span.start and NOT_SERVING.search(c.text) for c in doc.comments)


def commented_restart(service, doc) -> bool:
    """A `# restart: ...` line inside the service: the policy was left out on purpose."""
    node = doc.services.get(service.name)
    if node is None or node.path != doc.path:
        return False
    return any(node.span.start <= c.span.start < node.span.end and COMMENTED_RESTART.match(c.text)
               for c in doc.comments)


def command_words(service) -> list[str]:
    """The service's entrypoint and command as words (a shell string split on blanks)."""
    words: list[str] = []
    for key in ("entrypoint", "command"):
        node = service.get(key)
        if node is None:
            continue
        items = node.value if node.kind == "seq" else [node]
        for item in items:
            text = item.text if item.kind == "scalar" else None
            if text:
                words.extend(text.split())
    if words and Path(words[0]).name in ("sh", "bash", "ash") and len(words) > 2 and words[1].startswith("-"):
        words = words[2:]  # `sh -c "sleep infinity"`: judge the script
    return [w.strip("'\"") for w in words]


def restart_value(stack, policy: str) -> str:
    """The value as the file's services write it (`on-failure:5` kept), the first one found."""
    for service in stack.services.values():
        node = service.get("restart")
        if service.restart == policy and node is not None and node.text:
            return node.text
    return "unless-stopped"


def restart_fix(doc, name, value, missing):
    """`restart: <value>` as the service's first key, indented like the others. A service written as an
    anchor is edited only when every service that takes the new key from it (an alias, a `<<` merge
    without a restart of its own) lacks a policy too."""
    node = doc.services.get(name)
    if node is None or node.alias_span is not None:
        return None  # `name: *other`: the edit would land in the anchor every alias shares
    layout = block_mapping(doc.source, node, shared_ok=all(other in missing for other in users(doc, node)))
    if layout is None:
        return None
    text = f"{layout.indent}restart: {value}{doc.source.newline}"
    return Fix(f"Add `restart: {value}`", (Edit(doc.path, Span(layout.before, layout.before), text),),
               Applicability.UNSAFE)


def users(doc, node) -> list[str]:
    """The services of the file that would take a key added to `node`: itself, its aliases, and the
    services merging it with `<<` that do not set `restart` themselves."""
    found = []
    for other, each in doc.services.items():
        if each.span == node.span:
            found.append(other)
        elif each.kind == "map" and any(node.span.start <= child.span.start < node.span.end
                                        for child in each.value.values()):
            own = each.get("restart")
            if own is None or node.span.start <= own.span.start < node.span.end:
                found.append(other)
    return found
