"""## What it does
Reports a `HEALTHCHECK` whose outcome is decided by a `curl` call without `-f` / `--fail` /
`--fail-with-body` (also when combined, as in `-fsS`).

Not reported: curl piped into another command without `pipefail` (the last command decides), a
curl that prints the status with `-w '%{http_code}'` for a later check, options that come from a
variable or a config file (`-K`), and `--fail-early`, which is not `--fail`. `-of` is `-o f`: it does
not turn on `--fail`.

## Why is this bad?
Without `--fail`, curl exits 0 for any HTTP answer, 404 and 500 included. The check then only proves
that something accepts connections: an application answering "500 Internal Server Error" is still
reported healthy, so nothing restarts or replaces it and `depends_on: condition: service_healthy`
lets its dependants start.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD curl http://localhost/ || exit 1
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD curl --fail http://localhost/ || exit 1
```

## Fix safety
The fix inserts `--fail` after `curl` (a JSON item `"--fail",` in exec form). It is unsafe: an
endpoint that answers 4xx or 5xx while the service works (a health URL that does not exist, one that
needs authentication) starts failing the check, and the container turns unhealthy. Without `-L`, a
redirect (3xx) still passes. No fix is offered when curl is given `--no-fail` or several transfers
(`--next`).
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, curls_without_fail, finding, flag_insert, rule, script_of,
)

MESSAGE = "{where} runs curl without --fail: an HTTP 500 still exits 0 and counts as healthy"


@rule(DOCKERFILE, severity=Severity.ERROR, fix=Applicability.UNSAFE)
def check(doc, ctx):
    for ins in doc.instructions:
        where = "HEALTHCHECK"
        if ins.keyword == "ONBUILD" and ins.inner is not None and ins.inner.keyword == "HEALTHCHECK":
            ins, where = ins.inner, "ONBUILD HEALTHCHECK"
        check = ins.healthcheck if ins.keyword == "HEALTHCHECK" else None
        if check is None or check.none or check.command is None:
            continue
        command = check.command
        if ins.stage is not None and ins.stage.name:
            where += f" in stage '{ins.stage.name}'"
        for curl, plain, nested in curls_without_fail(script_of(command)):
            yield finding(curl.name_word.span, MESSAGE.format(where=where),
                          fix=add_fail(doc, curl, plain, command.exec_form and not nested))


def add_fail(doc, curl, plain: bool, exec_form: bool):
    """Insert --fail before curl's first argument: a JSON item in exec form, a word otherwise
    (inside a JSON string or a quoted `sh -c` word, plain text goes in as it is)."""
    if not plain:
        return None  # several transfers or --no-fail: where --fail goes is the user's choice
    edit = flag_insert(doc.source.text, curl.args[0].span.start, "--fail", exec_form)
    if edit is None:
        return None
    return Fix("Add --fail to curl", (Edit(doc.path, *edit),), Applicability.UNSAFE)
