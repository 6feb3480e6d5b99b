"""## What it does
Reports a `zypper` command that changes packages (`install`/`in`, `remove`/`rm`, `update`/`up`,
`patch`, `dist-upgrade`/`dup`, `source-install`/`si`, ...) without the global `-n` /
`--non-interactive` before the command, or `-y` / `--no-confirm` after it.

hadolint: DL3034 *Non-interactive switch missing from `zypper` command: `zypper install -y`*.
Unlike hadolint: `-n` after the command (`zypper install -n pkg`) is `--name`, not non-interactive,
so it is reported; hadolint accepts any `-n` and leaves out `update` and `dist-upgrade`.

## Why is this bad?
zypper asks "Continue? [y/n/...]". A build has no terminal: zypper prints "Cannot read input: bad
stream or EOF" and fails. Piping `yes` into it does not help: zypper reads the answer from the
terminal, not from standard input.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper clean --all
```

## Fix safety
The fix adds the global `-n` after `zypper`. It is safe: zypper then takes the default answer to
each question, which is what lets the build go on at all.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule, run_commands, run_instructions, zypper_call,
)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3034",))
def check(doc, ctx):
    for stage in doc.stages:
        for ins in run_instructions(stage, ("zypper",)):
            for rc in run_commands(ins):
                call = zypper_call(rc.command)
                if call is None or not call.changes_packages or call.non_interactive:
                    continue
                fix = None
                name = call.name_word
                if name is not None and not ins.command.exec_form:
                    fix = Fix("Add -n (non-interactive)", (Edit(doc.path, Span(name.span.end, name.span.end), " -n"),),
                              Applicability.SAFE)
                yield finding(call.verb_word.span,
                              f"`zypper {call.verb_word.value}` without -n: it asks for confirmation, and a build "
                              f"cannot answer, so the RUN fails", fix=fix)
