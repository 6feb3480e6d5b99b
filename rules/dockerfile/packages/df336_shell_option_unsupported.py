"""## What it does
Reports `-o pipefail` given to a `/bin/sh` that is a dash without it, which makes the build fail:
- `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` (or `/bin/dash`): every later RUN of the stage fails;
- `set -o pipefail` in a RUN script that `/bin/sh` runs (the RUN line, a `RUN <<EOF` body, `sh -c '…'`):
  that RUN fails, even after `|| true`, since `set` is a special builtin and its error ends the shell.

dash, the `/bin/sh` of Debian and Ubuntu, rejects the option ("Illegal option -o pipefail", exit 2) up to
Debian 12 bookworm and Ubuntu 24.04 noble; Debian 13 trixie and Ubuntu 25.04 carry dash's pipefail patch.
Reported only where the base names its release (`debian:12`, `ubuntu:22.04`, `python:3.12-slim-bookworm`,
`node:20-bullseye`); for a moving tag (`python:3.12-slim`, `ubuntu:latest`) it cannot be told, and nothing is
reported. BusyBox ash (Alpine) and bash accept the option, and so does a `/bin/sh` that an earlier RUN
pointed to bash (`ln -sf /bin/bash /bin/sh`).

hadolint: no DL code. hadolint's DL4006 asks for `-o pipefail` and accepts it only for bash, zsh and ash;
on a Debian base this is the error its advice leads to when written with `/bin/sh`.

## Why is this bad?
The build fails at the first RUN after the SHELL, with a message about an illegal option that does not
name the SHELL instruction that caused it.

## Example
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
```

## Fix safety
The fix names `/bin/bash` instead of `/bin/sh` in the SHELL, where the base image has bash. It is unsafe:
the RUN lines then run in bash, which differs from dash in details (`echo` escapes, `[[`).
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, Span, dash_pipefail, finding, rule, sh_flavour, sh_pipefail,
    sh_replaced, shell_at, shell_flag_pipefail, shell_scripts, stage_chain,
)


@rule(DOCKERFILE, severity=Severity.ERROR, fix=Applicability.UNSAFE)
def check(doc, ctx):
    for stage in doc.stages:
        if not any("pipefail" in doc.source.text[ins.span.start:ins.span.end] for ins in stage.instructions):
            continue
        chain = stage_chain(doc, stage)
        facts = ctx.image(chain[0].base_resolved)
        base = chain[0].base_resolved or chain[0].base or ""
        support = {"sh": sh_pipefail(chain, facts), "dash": dash_pipefail(base)}
        if support["sh"] is not False and support["dash"] is not False:
            continue
        release = f"dash in {base}" if sh_flavour(chain, facts) == "dash" else "dash"
        for ins in stage.instructions:
            if sh_replaced(doc, stage, ins):
                break  # `ln -sf /bin/bash /bin/sh`: /bin/sh is no longer the base's dash
            if ins.keyword == "SHELL" and ins.json_args:
                argv = [value for value, _ in ins.json_args]
                program = argv[0].rsplit("/", 1)[-1]
                if support.get(program) is False and shell_flag_pipefail(argv[1:]):
                    word = next(span for value, span in ins.json_args if value == "pipefail")
                    yield finding(word, f"{argv[0]} is {release}, which rejects `-o pipefail`: every later RUN "
                                        f"fails; use /bin/bash", fix=_bash_fix(doc, ins, facts))
            elif ins.keyword == "RUN" and ins.command is not None:
                shell = shell_at(doc, stage, ins)
                for each in shell_scripts(ins, shell):
                    if support.get(each.program) is not False:
                        continue
                    for cmd in each.script.commands:
                        if cmd.name == "set" and _sets_pipefail(cmd):
                            word = next(w for w in cmd.args if w.value == "pipefail")
                            shown = " ".join(w.value for w in cmd.words)
                            yield finding(word.span, f"`{shown}` fails this RUN: /bin/sh is {release}, which "
                                                     f"rejects pipefail; use SHELL with /bin/bash")
                            break


def _sets_pipefail(cmd) -> bool:
    args = [w.value for w in cmd.args]
    return "pipefail" in args and shell_flag_pipefail(args) is not None


def _bash_fix(doc, ins, facts):
    if facts is None or facts.has("bash") is not True:
        return None
    value, span = ins.json_args[0]
    text = doc.source.text[span.start:span.end]
    if value not in text:
        return None
    at = span.start + text.index(value)
    return Fix("Use /bin/bash for the SHELL", (Edit(doc.path, Span(at, at + len(value)), "/bin/bash"),),
               Applicability.UNSAFE)
