"""## What it does
Reports a `yum`, `dnf`, `microdnf` or `tdnf` command that changes packages (`install`, `update`,
`remove`, `groupinstall`, `module enable`, ...) without `-y` / `--assumeyes`.

hadolint: DL3030 *Use the -y switch to avoid manual input `yum install -y <package>`* and DL3038
*Use the -y switch to avoid manual input `dnf install -y <package>`*. hadolint checks only the
install verbs; `yum update` and `dnf remove` ask the same question and fail the same way. Not
reported: a stage that set `assumeyes=1` (in yum.conf or dnf.conf, or with `--setopt`), an answer
piped in (`yes | yum install ...`), and `microdnf` on an Enterprise Linux 8 base, whose microdnf
answers yes by default (it asks from microdnf 3.6, RHEL 9 / UBI 9, on).

## Why is this bad?
The command stops at "Is this ok [y/N]". A build has no terminal: the answer is end-of-file, and
yum ("Exiting on user command") or dnf ("Operation aborted") fails the RUN, while `microdnf` on UBI 9
has been seen to wait forever. It may pass today only because nothing needed a change.

## Example
```dockerfile
FROM rockylinux:9
RUN dnf install nginx && dnf clean all
```

## Use instead
```dockerfile
FROM rockylinux:9
RUN dnf install -y nginx && dnf clean all
```

## Fix safety
Adding `-y` after the command is safe: it answers the question the build cannot answer.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, Span, assumeyes_configured, el8_base, finding,
    rpm_call, rule, run_commands, run_instructions,
)

ANSWERS = {"yes", "echo", "printf"}


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3030", "DL3038"))
def check(doc, ctx):
    configured: dict[int, bool] = {}  # stage index -> assumeyes set by the end of it
    for stage in doc.stages:
        yes_set = stage.parent is not None and configured.get(stage.parent.index, False)
        el8 = el8_base([*reversed(doc.ancestors(stage)), stage])
        for ins in run_instructions(stage, ("yum", "dnf", "assumeyes")):
            for rc in run_commands(ins):
                if assumeyes_configured(rc.command):
                    yes_set = True
                    continue
                call = rpm_call(rc.command)
                if call is None or not call.changes_packages or call.assume_yes or yes_set:
                    continue
                if answered(rc) or (call.manager == "microdnf" and el8):
                    continue
                verb = call.verb_words
                span = Span(verb[0].span.start, verb[-1].span.end)
                fix = None
                if not ins.command.exec_form:
                    fix = Fix("Add -y", (Edit(doc.path, Span(span.end, span.end), " -y"),), Applicability.SAFE)
                yield finding(span, f"`{call.manager} {call.verb}` without -y: it asks for confirmation, and a build "
                                    f"cannot answer, so the RUN fails", fix=fix)
        configured[stage.index] = yes_set


def answered(rc) -> bool:
    """An answer piped in: `yes | yum install x`, `echo y | dnf install x`."""
    if rc.command.op_before != "|":
        return False
    i = rc.script.index(rc.command)
    return i > 0 and rc.script.commands[i - 1].name in ANSWERS
