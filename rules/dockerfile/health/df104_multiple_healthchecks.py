"""## What it does
Reports every `HEALTHCHECK` of a stage that a later `HEALTHCHECK` in the same stage replaces.

## Why is this bad?
Only the last `HEALTHCHECK` of a stage takes effect, and it replaces the whole configuration: no
option carries over from an earlier one. A reader of the first one (often near the top, with the
options someone tuned) is misled about what runs, and an edit to it changes nothing.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=5s CMD curl -f http://localhost/
COPY site/ /usr/share/nginx/html/
HEALTHCHECK CMD curl -f http://localhost/health
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=5s CMD curl -f http://localhost/health
```

## Fix safety
The suggested fix, deleting the replaced `HEALTHCHECK`, is only shown: the options of the earlier one
may be the ones you meant to keep, so merge them into the last one by hand.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Severity, finding, instruction_removal,
                      replaced_instructions, rule)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY,
      aliases=("DL3012", "MultipleInstructionsDisallowed"))
def check(doc, ctx):
    for earlier, last, where in replaced_instructions(doc, "HEALTHCHECK"):
        fix = Fix("Remove the replaced HEALTHCHECK", (Edit(doc.path, instruction_removal(doc.source, earlier), ""),),
                  Applicability.DISPLAY)
        yield finding(earlier.keyword_span,
                      f"HEALTHCHECK is replaced by the one at line {last.line} in {where}: only the last counts, "
                      f"nothing carries over", fix=fix)
