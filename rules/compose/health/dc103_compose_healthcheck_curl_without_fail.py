"""## What it does
Reports `curl` without `-f` / `--fail` / `--fail-with-body` when its exit status is the compose health
check's result, in every form of `test`: a `CMD` list, a `CMD-SHELL` script, a plain string, and
`sh -c '...'` inside a `CMD` list. A curl piped into `grep` (without `pipefail`), one whose status is
printed with `-w '%{http_code}'`, or one whose options come from a variable is not reported.

## Why is this bad?
Without `--fail`, curl exits 0 on any HTTP answer, 404 and 500 included: only a refused connection or a
timeout fails the check. A service that answers every request with an error stays "healthy", and
`depends_on: condition: service_healthy` starts its dependants against it.

## Example
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "http://localhost/health"]
```

## Use instead
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "--fail", "http://localhost/health"]
```

## Fix safety
Unsafe: with `--fail` an endpoint that answers 4xx or 5xx (a missing `/health` route, an
authentication wall) starts failing the check, and the container turns unhealthy. In a list a new
`"--fail"` item is added, quoted like its neighbours; in a script the option is inserted as text, so
compose's `$$` escapes and the rest of the line stay as written.
"""
from __future__ import annotations

from lint.api import (
    COMPOSE, Applicability, Edit, Fix, Severity, curls_without_fail, finding, flag_insert, item_insert,
    probes_in, rule
)

MESSAGE = 'service "{name}": healthcheck curl has no --fail, so HTTP errors (404, 500) pass the check'


@rule(COMPOSE, severity=Severity.ERROR, fix=Applicability.UNSAFE)
def check(doc, ctx):
    text = doc.source.text
    for service, test, probe in probes_in(doc, ctx):
        for curl, plain, nested in curls_without_fail(probe.script):
            in_argv = probe.form == "CMD" and not nested
            edit = None
            first = curl.args[0] if plain else None  # several transfers or --no-fail: the user's choice
            if first is not None and in_argv:
                item = next((i for i in probe.argv if i.span == first.span), None)
                if item is not None:
                    edit = item_insert(test, item, "--fail", text, doc.source.newline, before=True)
            elif first is not None and probe.exact:
                edit = flag_insert(text, first.span.start, "--fail")
            fix = Fix("Add --fail to curl", (Edit(doc.path, *edit),), Applicability.UNSAFE) if edit else None
            anchor = curl.name_word.span if probe.exact or in_argv else test.span
            yield finding(anchor, MESSAGE.format(name=service.name), fix=fix, service=service.name)
