"""## What it does
Checks a compose file against the Compose Specification: unknown top-level keys, values of the wrong
type, misspelt service keys, the obsolete v1 file format, invalid interpolation.

## Why is this bad?
`docker compose` rejects a file that breaks the schema, so nothing starts. Keys of the old file
formats that the Compose Specification dropped (`net`, `log_driver`, `log_opt`, a service-level
`dockerfile`, `volume_driver`) are errors that name their replacement. An unknown service key one
letter away from a known one (`healtcheck`, `enviroment`) or cut short (`depends`) is a typo and an
error. Any other unknown key is an info: compose 2.40 rejects it, but a newer compose may know it.
A value that comes from a `${VARIABLE}` is not judged against patterns or ranges: it is known only
when the variable is set. An empty file is reported only when it holds nothing at all: a file of
comments alone is deliberate (a placeholder, a stub saying where the files moved, a layer loaded with
`-f` after others, where compose accepts it).

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
from lint.api import COMPOSE, Severity, finding, rule


@rule(COMPOSE, severity=Severity.ERROR)
def check(doc, ctx):
    for problem in doc.schema_problems:
        if doc.root is None and doc.comments:
            continue  # only comments: written that way on purpose
        yield finding(problem.span, problem.message, severity=problem.severity)
