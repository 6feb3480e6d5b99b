"""## What it does
Reports every `ENTRYPOINT` of a stage that a later `ENTRYPOINT` in the same stage replaces. Stages are judged
each on their own: a stage may set its own `ENTRYPOINT` over the one of the stage or image it is built on,
and an `ONBUILD ENTRYPOINT` belongs to the images built on this one.

hadolint: DL4004 *Multiple `ENTRYPOINT` instructions found*; BuildKit: MultipleInstructionsDisallowed. hadolint
reports the later instruction, the one that takes effect; this rule reports the replaced one, which
does nothing.

## Why is this bad?
Only the last `ENTRYPOINT` of a stage takes effect. An earlier one is dead text that a reader takes for
what the container runs, and an edit to it changes nothing.

## Example
```dockerfile
FROM python:3.12-slim
ENTRYPOINT ["python", "-m", "http.server"]
COPY app.py /app/app.py
ENTRYPOINT ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/app.py
ENTRYPOINT ["python", "/app/app.py"]
```

## Fix safety
The suggested fix, deleting the replaced `ENTRYPOINT`, is only shown: which of the two you meant is yours
to say.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Related, Severity, finding, instruction_removal,
                      replaced_instructions, rule)

KEYWORD = "ENTRYPOINT"


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY,
      aliases=("DL4004", "MultipleInstructionsDisallowed"))
def check(doc, ctx):
    for earlier, last, where in replaced_instructions(doc, KEYWORD):
        fix = Fix(f"Remove the replaced {KEYWORD}", (Edit(doc.path, instruction_removal(doc.source, earlier), ""),),
                  Applicability.DISPLAY)
        yield finding(earlier.keyword_span,
                      f"{KEYWORD} is replaced by the one at line {last.line} in {where}: only the last one counts",
                      fix=fix, related=[Related(doc.path, last.keyword_span, f"the {KEYWORD} that takes effect")])
