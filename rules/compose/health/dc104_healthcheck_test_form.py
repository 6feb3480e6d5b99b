"""## What it does
Reports a healthcheck `test` list that the engine cannot run as written: a first item that is not
exactly `NONE`, `CMD` or `CMD-SHELL` (compose refuses the file), `["CMD", "curl -f http://x"]` (one
argv item holding spaces), and `["CMD-SHELL", "curl", "-f", "x"]` (a shell script split into items).
`test: []` is not reported: it keeps the image's own check.

## Why is this bad?
The first item is matched case-sensitively: `["cmd", ...]` or `["curl", "-f", ...]` make `docker
compose` fail with "healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"". With `CMD`
each item is one argument and no shell runs, so `["CMD", "curl -f http://x"]` executes a program
literally named `curl -f http://x`, which does not exist: the check always fails. With `CMD-SHELL` only
the second item is the script and later items become `$0`, `$1`, …, so `["CMD-SHELL", "curl", "-f",
"x"]` runs a bare `curl`, which fails too. Either way the container turns unhealthy for good.

## Example
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["curl", "-f", "http://localhost/"]
```

## Use instead
```yaml
services:
  api:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
```

## Fix safety
Unsafe: the probe starts to run, and may report the container unhealthy. A missing form is prepended
(`CMD`, or `CMD-SHELL` before a single item holding spaces), a wrongly cased one is corrected,
`CMD` before a single script item becomes `CMD-SHELL`, and `CMD-SHELL` before an argv list becomes
`CMD`.
"""
from __future__ import annotations

import re

from lint.api import (
    COMPOSE, TEST_FORMS, Applicability, Edit, Fix, Severity, finding, healthchecks, item_insert, quote_like,
    rule,
)

SPACE = re.compile(r"\s")


@rule(COMPOSE, severity=Severity.ERROR, fix=Applicability.UNSAFE)
def check(doc, ctx):
    text = doc.source.text
    for service, healthcheck in healthchecks(doc, ctx):
        test = healthcheck.get("test")
        if test is None or test.kind != "seq" or not test.value or test.path != doc.path:
            continue
        items = test.value
        if any(item.kind != "scalar" or item.interpolated for item in items):
            continue  # a variable, or a shape the schema check reports
        first = items[0]
        word = first.value if isinstance(first.value, str) else None
        if word is None:
            continue
        name = service.name
        if word not in TEST_FORMS:
            yield from wrong_form(doc, name, test, first, word, text)
        elif word == "CMD" and len(items) >= 2 and isinstance(items[1].value, str) and SPACE.search(items[1].value):
            fix = None
            if len(items) == 2:
                fix = replace_form(doc, first, "CMD-SHELL", "Run the item as a shell script (CMD-SHELL)")
            yield finding(items[1].span, f'service "{name}": CMD runs a program named "{short(items[1].value)}" (no '
                                         f"shell splits it): always fails", fix=fix, service=name)
        elif word == "CMD-SHELL" and len(items) > 2:
            fix = None
            if isinstance(items[1].value, str) and not SPACE.search(items[1].value):
                fix = replace_form(doc, first, "CMD", "Run the items as a command (CMD)")
            yield finding(items[2].span, f'service "{name}": only the first item after CMD-SHELL is the script: the '
                                         f"check runs a bare {short(str(items[1].value))!r}", fix=fix, service=name)


def wrong_form(doc, name, test, first, word, text):
    upper = word.upper()
    if upper in TEST_FORMS:
        fix = replace_form(doc, first, upper, f"Write {upper} in capitals")
        message = f'service "{name}": write "{upper}" in capitals: compose refuses a healthcheck test starting "{word}"'
    else:
        form = "CMD-SHELL" if len(test.value) == 1 and SPACE.search(word) else "CMD"
        fix = None
        edit = item_insert(test, first, form, text, doc.source.newline, before=True)
        if edit is not None:
            fix = Fix(f"Prepend {form}", (Edit(doc.path, *edit),), Applicability.UNSAFE)
        message = (f'service "{name}": test starts with "{short(word)}", not CMD, CMD-SHELL or NONE: '
                   f"compose refuses it")
    yield finding(first.span, message, fix=fix, service=name)


def short(text: str, width: int = 24) -> str:
    """A value quoted in a message, cut to keep the message on one line."""
    return text if len(text) <= width else text[:width - 3] + "..."


def replace_form(doc, item, form: str, title: str) -> Fix:
    return Fix(title, (Edit(doc.path, item.span, quote_like(item, form)),), Applicability.UNSAFE)
