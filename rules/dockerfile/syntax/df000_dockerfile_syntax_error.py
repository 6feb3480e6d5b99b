"""## What it does
Reports a Dockerfile that Docker cannot build as written: an unknown instruction, an unterminated
heredoc, a bad parser directive, an instruction before the first `FROM` (only `ARG` may stand there),
or bytes that are not UTF-8. A forbidden `ONBUILD` trigger is DF409's.
An unresolved merge conflict is one finding at its `<<<<<<<` line, with its other markers related.
A file with no instruction at all (empty, or only comments: a placeholder such as a course's "write
your Dockerfile here") is reported only when a compose service builds it.

hadolint: DL1000 (its parse error) and DL3061 *Invalid instruction order. Dockerfile must begin with
`FROM`, `ARG` or comment.* hadolint's parser fails the whole file when an instruction follows a heredoc
terminator directly (`EOF` then `RUN ...` on the next line), a file Docker builds; this rule reads
heredocs as BuildKit does.

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
import re

from lint.api import DOCKERFILE, Related, Severity, Span, finding, rule

# what git writes for a conflict: `<<<<<<< ours`, `|||||||` (diff3), `=======`, `>>>>>>> theirs`
MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r]|$)", re.MULTILINE)


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL1000", "DL3061"))
def check(doc, ctx):
    conflicts = merge_conflicts(doc.source.text)
    marked = [span for markers in conflicts for span in markers]
    for markers in conflicts:
        first, *others = markers
        last_line = doc.source.position(markers[-1].start)[0]
        yield finding(first, f"unresolved merge conflict (to line {last_line}): docker build fails on its markers",
                      related=[Related(doc.path, span, "conflict marker") for span in others])
    for problem in doc.errors:
        if any(span.start <= problem.span.start < span.end for span in marked):
            continue
        if problem.kind == "onbuild-trigger":
            continue  # DF409 reports it
        if not doc.instructions and not ctx.building(doc):
            continue  # empty or only comments: a placeholder nothing builds yet (an exercise, a stub)
        yield finding(problem.span, problem.message)


def merge_conflicts(text: str) -> list[list[Span]]:
    """The marker spans of each conflict, from its `<<<<<<<` to its `>>>>>>>` (an unfinished one too)."""
    conflicts: list[list[Span]] = []
    current: list[Span] | None = None
    for match in MARKER.finditer(text):
        end = text.find("\n", match.start())
        span = Span(match.start(), len(text) if end < 0 else end)
        kind = match.group(1)[0]
        if kind == "<":
            current = [span]
            conflicts.append(current)
        elif current is not None:
            current.append(span)
            if kind == ">":
                current = None
    return conflicts
