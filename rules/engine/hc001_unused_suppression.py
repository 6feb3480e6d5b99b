"""## What it does
Reports a `# hullcheck: ignore=...` comment that suppresses nothing: the rule it names does not fire
on the instruction or line it covers, or no rule has that id or name.

## Why is this bad?
A stale suppression hides nothing today but will silently hide the next real problem on that line.
An unknown rule name is usually a typo, so the suppression never worked.

## Example
```dockerfile
FROM nginx:1.27
# hullcheck: ignore=DF102
HEALTHCHECK CMD curl --fail http://localhost/ || exit 1
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD curl --fail http://localhost/ || exit 1
```

## Fix safety
Safe: the comment (or the unused name in it) is removed, which changes nothing else.
"""
from lint.api import ENGINE, Applicability, Severity, rule


@rule(ENGINE, severity=Severity.WARNING, fix=Applicability.SAFE)
def check(doc, ctx):
    # The engine reports these after it has applied suppressions: it alone knows which ones were used.
    return iter(())
