"""## What it does
Reports a Dockerfile that Docker cannot build as written: an unknown instruction, an unterminated
heredoc, a bad parser directive, an instruction before the first `FROM`, or bytes that are not UTF-8.

## Why is this bad?
`docker build` stops at the first of these, often after minutes of work in CI. The rest of the file is
still linted, so you see every other problem in the same run.

## Example
```dockerfile
FROM alpine:3.20
RUNN echo hello
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN echo hello
```
"""
from lint import DOCKERFILE, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.ERROR)
def check(doc, ctx):
    for problem in doc.errors:
        yield finding(problem.span, problem.message)
