"""## What it does
Reports a compose file that is not valid YAML as compose reads it: a syntax error, a duplicate key
(reported where it is repeated, the first place related), tab indentation, or bytes that are not UTF-8.

## Why is this bad?
`docker compose` refuses to load the file, so nothing starts. YAML tools disagree on duplicate keys
(some keep the first, some the last), so the file may mean different things to different tools.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    image: nginx:1.26
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
```
"""
from lint.api import COMPOSE, Related, Severity, finding, rule


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for problem in doc.errors:
        related = [Related(doc.path, span, message) for span, message in problem.related]
        yield finding(problem.span, problem.message, related=related)
