"""## What it does
Reports that a rule failed with an unexpected error on this file. The rest of the rules still ran.

## Why is this bad?
It is a bug in hullcheck, not in your file: the failed rule could not check this file, so a problem
may have gone unreported. Please report it with the file that triggers it.

## Example
```dockerfile
FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```
"""
from lint.api import ENGINE, Severity, rule


@rule(ENGINE, severity=Severity.ERROR)
def check(doc, ctx):
    # The engine reports these when a rule raises; this module carries the metadata and documentation.
    return iter(())
