r"""## What it does
Runs [ShellCheck](https://www.shellcheck.net) over every shell script a RUN hands to a shell — the RUN
line with its continuations, the heredocs it feeds, a heredoc body a shell runs — and reports each of its
findings under ShellCheck's own code (`SC2086`) at the exact word in the Dockerfile. Off unless switched
on: `--shellcheck`, `shellcheck = true` in config, or naming the rule or an `SC` code in `select`.

## Why is this bad?
A RUN script fails the same way a shell script does: an unquoted variable split into words, a `cd`
without `|| exit`, a bash-only `[[` under a `/bin/sh` that is dash. ShellCheck knows hundreds of these.
hadolint runs it too, but pins every finding to the RUN's first line, column 1, and reports a repeated
finding once; here each occurrence is reported where it is, through `\` continuations, comment lines
inside them, `# escape=` directives, CRLF files and heredocs. The script is checked in the dialect that
runs it: the `SHELL` in effect (PowerShell and cmd are not read), else the base image's `/bin/sh` (dash
on Debian and Ubuntu, BusyBox on Alpine, bash on the RHEL family; POSIX sh when unknown), or the shell
a `# hadolint shell=<name>` comment names. The stage's ARG and ENV names and Docker's proxy variables
count as set, so SC2154 does not fire for them; SC1090, SC1091 and SC2187 are left out, as hadolint
does. Each `SC` code works like a rule id in `select`, `ignore`, `severity` and in `# hullcheck:
ignore=SC2086` and `# hadolint ignore=SC2086` comments. The severity is ShellCheck's (error, warning,
info, style). Needs the `shellcheck` binary: `pip install 'hullcheck[shellcheck]'`. hadolint: the `SC`
codes of its ShellCheck integration.

## Example
```dockerfile
FROM debian:12
ARG VERSION=1.0
RUN curl -fsSLo /tmp/app.tgz https://example.com/app-$VERSION.tgz \
    && tar -xzf /tmp/app.tgz -C $target
```

## Use instead
```dockerfile
FROM debian:12
ARG VERSION=1.0
ARG TARGET=/opt/app
RUN curl -fsSLo /tmp/app.tgz "https://example.com/app-$VERSION.tgz" \
    && tar -xzf /tmp/app.tgz -C "$TARGET"
```
"""
from lint.api import DOCKERFILE, Severity, finding, rule, shellcheck_findings


@rule(DOCKERFILE, severity=Severity.WARNING)
def check(doc, ctx):
    for span, comment in shellcheck_findings(doc, ctx):
        yield finding(span, comment.message, severity=comment.severity, code=comment.code)
