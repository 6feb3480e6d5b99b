"""## What it does
Reports a `HEALTHCHECK` of the built image (the target stage's own, or the one it inherits from a
parent stage) that runs a program the image does not have: `curl` on `python:3.12-slim`, `bash` on
Alpine, `wget` on `eclipse-temurin:25`. What the image has comes from the image table for its base
image, plus what the Dockerfile does on top: packages installed (and not removed again) in the
target stage or the stages it is built from.

It also reports a shell-form `HEALTHCHECK` on an image without `/bin/sh` (distroless, .NET chiseled,
`scratch`). Docker runs a shell-form check as `/bin/sh -c ...` whatever `SHELL` says, so distroless
`:debug`, whose shell is `/busybox/sh`, cannot run it either.

When the base image is not in the table (or the table cannot say whether it has curl or wget), a
probe with curl or wget that the Dockerfile never installs is reported as `info`: the check relies on
the base image shipping it, and base images drop such tools (the .NET 5 images dropped curl, and the
checks that used it failed); not for a bare name such as `FROM base`, most likely an image the
project builds itself. Silent when the Dockerfile may have brought the program in a way we
cannot follow: a `COPY` or `ADD` (also `--from`) into a directory on `PATH`, into
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
from lint.api import (
    BASE_TOOLS, DOCKERFILE, Severity, UnknownClientsAbsent, finding, missing_tools, rule, script_of,
    short_image, stage_chain,
)


@rule(DOCKERFILE, severity=Severity.ERROR)
def check(doc, ctx):
    target = ctx.target_stage(doc)
    if target is None:
        return
    chain = stage_chain(doc, target)
    ins = next((s.last("HEALTHCHECK") for s in reversed(chain) if s.last("HEALTHCHECK")), None)
    check = ins.healthcheck if ins is not None else None
    if check is None or check.none or check.command is None:
        return
    base = chain[0].base_resolved
    if not base or "$" in base:
        return
    facts = ctx.image(base)
    shell_form = not check.command.exec_form
    script = script_of(check.command)
    reported = set()
    for missing in missing_tools(script, facts, doc, target, shell=shell_form):
        reported.add(missing.span)
        if missing.tool == "sh" and shell_form:
            note = " (SHELL does not change it)" if any(s.find("SHELL") for s in chain) else ""
            yield finding(missing.span, f"shell-form HEALTHCHECK needs /bin/sh, which {short_image(base)} lacks{note}: "
                                        f"use the exec form")
        elif missing.removed_line is not None:
            yield finding(missing.span, f"HEALTHCHECK runs {missing.tool}, which line {missing.removed_line} removes "
                                        f"again: every probe fails and the container never becomes healthy")
        else:
            yield finding(missing.span, f"HEALTHCHECK runs {missing.tool}, which {short_image(base)} lacks and the "
                                        f"Dockerfile never installs: it never becomes healthy")
    # where the image table cannot say, a client the Dockerfile never installs comes from the base, if at all;
    # a bare name (`FROM base`) is most likely an image of the project's own (a bake context), not judged
    if facts is None and not any(c in base for c in "/:@"):
        return
    assumed = UnknownClientsAbsent(facts, base)
    for missing in missing_tools(script, assumed, doc, target, shell=shell_form):
        if missing.span in reported or missing.tool not in BASE_TOOLS or not assumed.unknown(missing.tool):
            continue
        if missing.removed_line is not None:
            yield finding(missing.span, f"HEALTHCHECK runs {missing.tool}, which line {missing.removed_line} removes "
                                        f"again: every probe fails and the container never becomes healthy")
        else:
            yield finding(missing.span, f"HEALTHCHECK relies on {short_image(base)} shipping {missing.tool}, which "
                                        f"the Dockerfile never installs: a new base version may drop it",
                          severity=Severity.INFO)
