"""## What it does
Reports a `HEALTHCHECK` of the built image (the target stage's own, or the one it inherits from a
parent stage) that runs a program the image does not have: `curl` on `python:3.12-slim`, `bash` on
Alpine, `wget` on `eclipse-temurin:25`. What the image has comes from the image table for its base
image, plus what the Dockerfile does on top: packages installed (and not removed again) in the
target stage or the stages it is built from.

It also reports a shell-form `HEALTHCHECK` on an image without `/bin/sh` (distroless, .NET chiseled,
`scratch`). Docker runs a shell-form check as `/bin/sh -c ...` whatever `SHELL` says, so distroless
`:debug`, whose shell is `/busybox/sh`, cannot run it either.

Silent when the base image is not in the table, or when the Dockerfile may have brought the
program in a way we cannot follow: a `COPY` or `ADD` (also `--from`) into a directory on `PATH`, into
`/` or `/usr`, or after an `ENV PATH=...`; a package list in a variable; a script of its own; a `RUN`
that moves, links or downloads a file of that name. A file copied elsewhere (`COPY --from=build
/server /server`) can neither be run by its bare name nor become `/bin/sh`.

## Why is this bad?
Every probe fails with "executable file not found" (exit 127), so the container never becomes
healthy: `depends_on: condition: service_healthy` blocks its dependants, `docker compose up --wait`
fails, and a Swarm service is restarted in a loop. Images drop tools over time (.NET 5 lost curl,
Temurin 25 lost curl and wget), so a check that worked can break with a base image update.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "-m", "app"]
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "-m", "app"]
HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://localhost:8000/health', timeout=3)"]
```
"""
from lint import DOCKERFILE, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.ERROR)
def check(doc, ctx):
    from lint.probes import missing_tools, stage_chain
    from lint.shell import script_of

    target = ctx.target_stage(doc)
    if target is None:
        return
    chain = stage_chain(doc, target)
    ins = next((s.last("HEALTHCHECK") for s in reversed(chain) if s.last("HEALTHCHECK")), None)
    check = ins.healthcheck if ins is not None else None
    if check is None or check.none or check.command is None:
        return
    base = chain[0].base_resolved
    facts = ctx.image(base)
    if facts is None:
        return
    shell_form = not check.command.exec_form
    for missing in missing_tools(script_of(check.command), facts, doc, target, shell=shell_form):
        if missing.tool == "sh" and shell_form:
            note = " (SHELL does not change the shell health checks run with)" if any(
                s.find("SHELL") for s in chain) else ""
            yield finding(missing.span,
                          f"shell-form HEALTHCHECK needs /bin/sh, which {base} does not have{note}: the check "
                          f"never runs and the container never becomes healthy; use the exec form "
                          f"HEALTHCHECK CMD [\"program\", \"arg\"]")
        elif missing.removed_line is not None:
            yield finding(missing.span,
                          f"HEALTHCHECK runs {missing.tool}, but the Dockerfile removes it again at line "
                          f"{missing.removed_line}: every probe fails and the container never becomes healthy")
        else:
            yield finding(missing.span,
                          f"HEALTHCHECK runs {missing.tool}, but {missing.reason} and the Dockerfile does not "
                          f"install it: every probe fails and the container never becomes healthy")
