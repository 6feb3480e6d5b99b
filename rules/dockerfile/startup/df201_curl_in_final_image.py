"""## What it does
Reports curl or wget kept in the built image only so that the image can probe: its `HEALTHCHECK`,
or a start-up check in `CMD` / `ENTRYPOINT` (`curl --fail http://api/health && exec app`). The tool
is either installed by this Dockerfile in the target stage or a stage it is built from, and not
removed again (`apt-get purge`, `apt-get purge --auto-remove`, `apt-mark auto` + `autoremove`,
`apk del` of the package or of its `--virtual` group), or it comes with a base image that happens
to ship it (per the image table; curl only). Not the full Debian images built on `buildpack-deps`
(`python:3`, `node:22`, `golang`, `ruby`): they ship curl on purpose, as a build environment.

The base image case is info: the tool is there today, the risk is a later base release. Also
info when the tool is also used otherwise: by a `RUN` after the install, by `CMD` /
`ENTRYPOINT` for something else than a check, or possibly by a start script we cannot read
(`ENTRYPOINT ["./entrypoint.sh"]`). A base image the image table does not know is not judged.

## Why is this bad?
A tool installed for one probe stays in every container: a bigger image, more packages to patch,
and a ready download tool for anyone who breaks in. A tool that only comes with the base is worse:
the base can drop it in any release, and the check then fails with "curl: not found" and the
container turns unhealthy. It happened when the .NET 5 images dropped curl (the probe in the
seed's numbers-api v2), with eclipse-temurin 22 and with tomcat's move to JDK 25.

Probe with what the image has anyway (the app's own runtime: `python -c`, `node -e`; BusyBox
`wget` on Alpine), or build a small checker in its own stage with the app's toolchain and
`COPY --from` it, as the seed's method 2 does with its `http-check-builder` stage.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY app.py /app/app.py
HEALTHCHECK CMD curl --fail http://localhost:8000/health || exit 1
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/app.py
HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://localhost:8000/health', timeout=4)"]
CMD ["python", "/app/app.py"]
```

## Fix safety
The suggested probe is only shown, never applied: it replaces the `HEALTHCHECK` command with one
that uses the image's Python or Node.js, BusyBox wget, or a checker binary you still have to build
in its own stage. Removing the package from the install is left to you.
"""
import json
import posixpath
import re
from dataclasses import dataclass

from lint.api import (
    DOCKERFILE, SHELLS, Applicability, Edit, Fix, Severity, curl_urls, finding, http_client, inner_script,
    installs, instruction_scripts, removals, removes, rule, script_of, short_image, start_instructions,
    startup_checks, tool_available, wget_flags,
)

TOOLS = ("curl", "wget")
CHECKER = "/usr/local/bin/healthcheck"
SYSTEM_BIN = {"/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin", "/usr/local/sbin"}


@dataclass
class Probe:
    tool: str
    instruction: object  # the HEALTHCHECK, CMD or ENTRYPOINT
    command: object  # the curl / wget SimpleCommand


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY)
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    chain = [*reversed(doc.ancestors(stage)), stage]
    probes = probes_of(doc, stage, chain)
    if not probes:
        return
    base = chain[0].base_resolved
    facts = ctx.image(base) if base else None
    for tool in TOOLS:
        uses = [p for p in probes if p.tool == tool]
        if not uses:
            continue
        kept, touched = kept_installs(chain, tool)
        what = used_for(uses)
        advice, fix = suggestion(doc, stage, facts, tool, uses)
        if kept and facts is not None and facts.has(tool) is True:
            continue  # the base ships it anyway: leaving the install out would not take it away
        if kept:
            run, install = kept[0]
            other = other_uses(doc, chain, tool, run, install, uses)
            if other:
                message = f"{tool} is kept for the {what} ({other}); unless the app needs it, {advice}"
            else:
                message = f"{tool} is installed only for the {what} and stays in the image; {advice}"
            yield finding(install.word.span, message, severity=Severity.INFO if other else None, fix=fix)
        elif tool == "curl" and not touched and facts is not None and facts.has("curl") is True \
                and not facts.tools_by_design:
            message = f"the {what} relies on the curl in {short_image(base)}, which an update may drop: {advice}"
            yield finding(uses[0].instruction.keyword_span, message, severity=Severity.INFO, fix=fix)


def probes_of(doc, stage, chain) -> list[Probe]:
    """curl / wget calls of the image's HEALTHCHECK (the last one along the chain) and of the
    start-up checks in its CMD / ENTRYPOINT."""
    found = []
    health = next((ins for each in reversed(chain) for ins in reversed(each.instructions)
                   if ins.keyword == "HEALTHCHECK"), None)
    check = health.healthcheck if health is not None else None
    if check is not None and not check.none and check.command is not None:
        for cmd in commands_in(script_of(check.command)):
            if http_client(cmd):
                found.append(Probe(http_client(cmd), health, cmd))
    for ins, cmd, kind in startup_checks(doc, stage):
        if kind != "wrapper" and http_client(cmd):
            found.append(Probe(http_client(cmd), ins, cmd))
    return found


def commands_in(script):
    """Every command of a script, those of `sh -c '...'` scripts inside it included."""
    for cmd in script.commands:
        yield cmd
        inner = inner_script(cmd)
        if inner is not None:
            yield from commands_in(inner)


def used_for(uses) -> str:
    kinds = []
    for p in uses:
        kind = "HEALTHCHECK" if p.instruction.keyword == "HEALTHCHECK" else f"check in {p.instruction.keyword}"
        if kind not in kinds:
            kinds.append(kind)
    return " and the ".join(kinds)


def kept_installs(chain, tool):
    """([(RUN, Install)] of the tool still installed at the end of the chain, in build order;
    whether the chain installs or removes the tool at all)."""
    kept = []
    touched = False
    for stage in chain:
        for ins in stage.find("RUN"):
            for script in instruction_scripts(ins):
                added = [i for i in installs(script) if i.package == tool]
                dropped = removals(script)
                touched = touched or bool(added) or any(r.package == tool for r in dropped)
                events = sorted([(i.command.span.start, 0, i) for i in added]
                                + [(r.command.span.start, 1, r) for r in dropped], key=lambda e: (e[0], e[1]))
                for _, removal, item in events:
                    if not removal:
                        kept.append((ins, item))
                    else:
                        kept = [(run, i) for run, i in kept if not (removes([item], i) or matches_all(item, i))]
    return kept, touched


def matches_all(removal, install) -> bool:
    """`apt-mark auto '.*'` + `apt-get purge --auto-remove`: every package not marked manual again goes."""
    return removal.family == install.family and any(c in removal.package for c in "*?[")


def other_uses(doc, chain, tool, run, install, probes) -> str | None:
    """What else needs the tool, in words: a later RUN, CMD / ENTRYPOINT, or a start script we cannot read."""
    after = False
    for stage in chain:
        for ins in stage.find("RUN"):
            after = after or ins is run
            if not after:
                continue
            for script in instruction_scripts(ins):
                for cmd in commands_in(script):
                    if cmd.effective.name == tool and (ins is not run or cmd.span.start > install.command.span.start):
                        return f"RUN line {ins.line} uses it too"
    probe_spans = {p.command.span for p in probes}
    for ins in start_instructions(chain):
        if ins is None or ins.command is None:
            continue
        for cmd in commands_in(script_of(ins.command)):
            if cmd.effective.name == tool and cmd.span not in probe_spans:
                return f"{ins.keyword} uses it too"
            script = start_script(cmd)
            if script:
                return f"{script} may use it"
    return None


def start_script(cmd) -> str | None:
    """The name of a script a start command runs (`./entrypoint.sh`, `sh start.sh`), if any."""
    eff = cmd.effective
    words = eff.words[len(eff.assignments):]
    if words and eff.name in SHELLS and len(words) > 1 and not words[1].value.startswith("-"):
        words = words[1:]  # `sh start.sh`
    if not words or words[0].has_expansion:
        return None
    value = words[0].value
    name = posixpath.basename(value)
    if re.search(r"\.(sh|bash)$", name) or "entrypoint" in name.lower():
        return name
    return None


def suggestion(doc, stage, facts, tool, uses):
    """(advice in words, a display Fix replacing the HEALTHCHECK command or None)."""
    def has(name: str) -> bool:
        return tool_available(name, facts, doc, stage) is True

    health = next((p for p in uses if p.instruction.keyword == "HEALTHCHECK"), None)
    url = None
    if health is not None:
        flags = wget_flags(health.command) if tool == "wget" else None
        words = curl_urls(health.command) if tool == "curl" else flags.urls if flags else []
        url = next((w.value for w in words if not w.has_expansion), None)
    target = url or "URL"
    python = "python3" if has("python3") else "python" if has("python") else None
    if health is None:
        return "let compose wait (condition: service_healthy)", None
    if python:
        advice = f"probe with its {python} instead"
        argv = [python, "-c", f"import urllib.request as u; u.urlopen('{target}', timeout=4)"]
    elif has("node"):
        advice = "probe with its node instead"
        argv = ["node", "-e", f"require('http').get('{target}', r => process.exit(r.statusCode < 400 ? 0 : 1))"
                              ".on('error', () => process.exit(1))"]
    elif facts is not None and facts.wget == "busybox":
        advice = "probe with its BusyBox wget instead"
        argv = ["wget", "-q", "--spider", target]
    else:
        advice = "build a checker in its own stage"
        argv = [CHECKER, target]
    fix = None
    if health is not None and url is not None:
        command = health.instruction.healthcheck.command
        title = "Probe without " + tool if argv[0] != CHECKER else \
            f"Run a checker built in its own stage and copied in with COPY --from (to {CHECKER})"
        fix = Fix(title, (Edit(doc.path, command.span, json.dumps(argv)),), Applicability.DISPLAY)
    return advice, fix
