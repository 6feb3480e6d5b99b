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
from lint import DOCKERFILE, Applicability, Edit, Fix, Severity, finding, rule

MESSAGE = "{where} runs curl without --fail: an HTTP 500 still exits 0, so the container stays healthy"


@rule(DOCKERFILE, severity=Severity.ERROR, fix=Applicability.UNSAFE)
def check(doc, ctx):
    from lint.shell import script_of

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
        for word, insert_at, text in curl_without_fail(script_of(command), doc.source.text, command.exec_form):
            fix = None
            if insert_at is not None:
                fix = Fix("Add --fail to curl", (Edit(doc.path, insert_at, text),), Applicability.UNSAFE)
            yield finding(word.span, MESSAGE.format(where=where), fix=fix)


def curl_without_fail(script, source_text: str, exec_form: bool):
    """(curl word, insertion span or None, text to insert) for each curl that decides the outcome
    without --fail; looks into `sh -c '...'` scripts."""
    from lint import Span
    from lint.shell import curl_fail, curl_transfers, curl_writes_status, inner_script, outcome_decided_by

    for cmd in script.commands:
        if not outcome_decided_by(script, cmd):
            continue
        eff = cmd.effective
        if eff.name == "curl":
            groups = curl_transfers(cmd) or []
            if not any(g.urls for g in groups) or curl_fail(cmd) is not False or curl_writes_status(cmd):
                continue
            first = eff.args[0]
            insert_at, text = None, ""
            if len(groups) == 1 and not any(w.value in ("--no-fail", "--no-fail-with-body") for w in eff.args):
                if exec_form:
                    quote = first.span.start - 1
                    if quote >= 0 and source_text[quote] == '"':
                        insert_at, text = Span(quote, quote), '"--fail", '
                else:
                    insert_at, text = Span(first.span.start, first.span.start), "--fail "
            yield eff.name_word, insert_at, text
            continue
        inner = inner_script(cmd)
        if inner is not None:
            # inside a JSON string or a quoted word, plain text goes in as it is
            yield from curl_without_fail(inner, source_text, False)
