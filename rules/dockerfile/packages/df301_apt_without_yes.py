"""## What it does
Reports `apt-get install` (also `apt`, `aptitude`, and `upgrade`, `dist-upgrade`, `remove`, `purge`,
`autoremove`, `build-dep`) run without anything that answers apt's "Do you want to continue? [Y/n]"
prompt. hadolint: DL3014 *Use the -y switch to avoid manual input `apt-get -y install <package>`*.

Answers are `-y`, `--yes`, `--assume-yes` (alone or in a group such as `-yq`), a quiet level of 2
(`-qq`, `-q -q`, `-q=2`: apt-get's manual says it implies `-y`), `-o APT::Get::Assume-Yes=true`, the same
setting written to an apt.conf file by an earlier instruction, or `yes |` piped into the command; a
simulation (`-s`, `--dry-run`, `--print-uris`) asks nothing. A
single `-q` is no answer (hadolint agrees). Better than hadolint: the call is also found behind `sudo`
and `env`, inside `sh -c '...'` and in heredoc scripts, and `yes | apt-get install x` is not reported.

## Why is this bad?
apt asks before installing anything beyond the packages named (their dependencies) or removing
anything. A build has no terminal to answer: apt reads end-of-file, prints "Abort." and fails, so the
image builds only as long as no new dependency shows up. `DEBIAN_FRONTEND=noninteractive` does not help:
it silences debconf's questions, not apt's prompt.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix adds `-y` right after the verb (`apt-get install -y`) and is safe: it answers yes to the
prompt the build could not answer, which is what a build that works today does.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Severity, apt_call, apt_config_at, assumes_yes,
                      finding, flag_after, no_action, rule, run_commands, run_instructions, yes_piped)

PROMPTING = {"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove",
             "build-dep", "satisfy", "safe-upgrade"}


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3014",))
def check(doc, ctx):
    for ins in run_instructions(doc):
        config = None
        for rc in run_commands(ins):
            pc = apt_call(rc.command)
            if pc is None or pc.verb not in PROMPTING or pc.verb_word is None or yes_piped(rc.command):
                continue
            if config is None:
                config = apt_config_at(doc, ins)
                if config is None:
                    break  # an apt.conf copied in from outside may answer it
            if assumes_yes(pc, config) or no_action(pc):
                continue
            fix = None
            exec_form = ins.command.exec_form
            edit = flag_after(doc.source.text, pc.verb_word.span, "-y", exec_form)
            if edit is not None and not pc.verb_word.has_expansion:
                fix = Fix("Add -y", (Edit(doc.path, edit[0], edit[1]),), Applicability.SAFE)
            yield finding(pc.verb_word.span,
                          f"`{pc.manager} {pc.verb}` without -y stops at apt's prompt, which a build cannot answer "
                          f"(apt aborts): add -y", fix=fix)
