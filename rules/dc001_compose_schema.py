"""## What it does
Checks a compose file against the Compose Specification: unknown top-level keys, values of the wrong
type, misspelt service keys, the obsolete v1 file format, invalid interpolation.

## Why is this bad?
`docker compose` rejects a file that breaks the schema, so nothing starts. A misspelt key such as
`healtcheck:` inside a service is reported as a warning: a newer compose may know keys we do not, but
more often it is a typo that silently drops the setting.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports: 8080
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
```
"""
from lint import COMPOSE, Severity, finding, rule


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for problem in doc.schema_problems:
        yield finding(problem.span, problem.message, severity=problem.severity)
