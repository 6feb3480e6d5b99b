"""## What it does
Reports each comment that ignores a rule for one instruction or line: `# hadolint ignore=...` and
`# hullcheck: ignore=...` (off by default).

File-wide and stage-wide ignores (`# hadolint global ignore=`,
`# hadolint stage ignore=`, `# hullcheck: ignore-file=`) are not reported: they are one visible decision
at the top of a file or stage, not exceptions scattered through it.

hadolint: DL1001 *Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`*. hadolint
reports only its own pragma; this rule reports ours too, since a team that bans one form would otherwise
move to the other.

## Why is this bad?
Some teams want every exception to the linter's rules in one reviewed place (the config file), not in
comments anyone can add beside the code that breaks the rule. This is a policy, so the rule is off unless
selected.

## Example
```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3018
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
```
"""
from lint.api import ENGINE, Severity, rule


@rule(ENGINE, severity=Severity.INFO, aliases=("DL1001",), default=False)
def check(doc, ctx):
    # The engine reports these: it alone parses the ignore comments of every document.
    return iter(())
