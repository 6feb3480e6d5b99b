"""## What it does
Reports a RUN with a pipeline whose first commands can fail unseen (`curl … | tar -xz`, `wget -O- … | sh`):
the shell runs without `pipefail`, and the pipeline's status decides whether the RUN fails. One finding per
RUN, on the first such command; the others are related places. `sh -c '…'` and heredoc scripts count, each
with the options of the shell that runs it, and so does a pipeline inside the `$( … )` of a bare assignment
(`deps="$(scanelf … | awk …)" && apk add $deps`), whose status is the assignment's.

Silent when `pipefail` is on: a `SHELL` with `-o pipefail` in the stage or a stage it is built FROM (the image
config carries it), `set -o pipefail` earlier in the script, `bash -o pipefail -c '…'`. Silent when nothing
would change or `pipefail` would break the build: the pipeline's status is ignored anyway (`… || true`, an `if`
condition, a `;` without `set -e`, a `$( … )` in a command's arguments); the first command cannot fail (`echo`,
`printf`, `cat` of a heredoc or of /proc, `uname`, `dpkg --print-architecture`) or ends by SIGPIPE by design
(`yes | …`); a later one stops reading early (`head`, `grep -q`), which pipefail would turn into a SIGPIPE
failure. Only the first command's failure counts: a filter further on (`… | grep x | wc -l`) fails when nothing
matched. Silent under a non-POSIX SHELL (PowerShell, cmd).

hadolint: DL4006 *Set the SHELL option -o pipefail before RUN with a pipe in it*. hadolint reports every RUN
with a `|`, also the cases above, and also after `SHELL ["/bin/sh", "-o", "pipefail", "-c"]`, which works where
`/bin/sh` is BusyBox ash (Alpine) or bash, and in a stage built FROM a stage that set the SHELL.

## Why is this bad?
Without `pipefail` a pipeline's status is its last command's. When `curl` fails, `sh` reads an empty script
and exits 0, `tar` may unpack a truncated file: the build succeeds and the image is broken.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/install.sh | sh
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
```

## Fix safety
Where the base image has bash (`/bin/ash` on Alpine), the fix inserts `SHELL ["/bin/bash", "-o", "pipefail",
"-c"]` before the stage's first such RUN. It is unsafe: every later RUN of the stage then runs in bash and
fails where a pipeline's first command fails, including ones that fail harmlessly today.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, command_substitutions, finding, outcome_decided_by,
    pipeline_of, rule,
    sh_flavour, shell_at, shell_scripts, stage_chain,
)

CANNOT_FAIL = {"echo", "printf", "true", ":", "yes", "uname", "nproc", "arch", "date", "id"}
WINDOWS = ("windows", "nanoserver", "servercore")


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.UNSAFE, aliases=("DL4006",))
def check(doc, ctx):
    for stage in doc.stages:
        chain = stage_chain(doc, stage)
        base = (chain[0].base_resolved or chain[0].base or "").lower()
        if any(word in base for word in WINDOWS):
            continue
        fixed = False
        for ins in stage.instructions:
            if ins.keyword != "RUN" or ins.command is None:
                continue
            written = doc.source.text[ins.span.start:ins.span.end]
            if "|" not in written:
                continue
            shell = shell_at(doc, stage, ins)
            if not shell.posix:
                continue
            hidden = []
            for each in shell_scripts(ins, shell):
                hidden.extend((cmd, last, each) for cmd, last in _hidden(each))
            if not hidden:
                continue
            cmd, last, each = hidden[0]
            name = cmd.effective.name or cmd.name
            status = f"`{last.effective.name}`'s status"
            if each.depth == 0:
                message = f"`{name}` failing goes unseen: without pipefail only {status} counts; set SHELL with -o pipefail"
            else:
                message = (f"`{name}` failing goes unseen: only {status} counts (SHELL's options stop at `{each.program} "
                           f"-c`); use `bash -o pipefail -c`")
            fix = None
            if not fixed and each.depth == 0 and shell.instruction is None:
                fix = _shell_fix(doc, ctx, chain, ins)
                fixed = fix is not None
            related = [Related(doc.path, c.effective.name_word.span, "failure hidden here too") for c, _, _ in hidden[1:]]
            yield finding(cmd.effective.name_word.span, message, fix=fix, related=related)


def _hidden(each):
    """(command, the pipeline's last command) for each command whose failure the pipeline hides: in the
    script, and in the `$( … )` of a bare assignment (`deps="$(scanelf … | awk …)"`), whose status is the
    substitution's."""
    script = each.script
    for cmd in script.commands:
        if cmd.assignments and cmd.name_word is None and not each.pipefail and not script.pipefail_at(cmd) \
                and outcome_decided_by(script, cmd):
            for word in cmd.assignments:
                for inner in command_substitutions(word):
                    yield from _hidden_in(inner, inner.commands)
        yield from _hidden_in(script, [cmd], each.pipefail)


def _hidden_in(script, commands, pipefail=False):
    for cmd in commands:
        members = pipeline_of(cmd)
        if not members or members[-1] is cmd or members[0] is not cmd:
            continue
        last = members[-1]
        if not hasattr(last, "effective") or pipefail or script.pipefail_at(cmd):
            continue
        # the first command is the one whose failure matters: a filter further on (`grep`, `sed`) failing
        # means "no line matched", and pipefail would turn that into a failed RUN
        if _cannot_fail(cmd) or any(_stops_early(m) for m in members[1:]):
            continue
        if cmd.effective.name_word is None or not outcome_decided_by(script, last):
            continue
        yield cmd, last


def _cannot_fail(member) -> bool:
    if not hasattr(member, "effective"):
        return False  # `{ a; b; } | c`, `( … ) | c`
    eff = member.effective
    if eff.name in CANNOT_FAIL:
        return True
    if eff.name == "dpkg":
        return [w.value for w in eff.args] == ["--print-architecture"]
    # `cat <<EOF`, `cat -`: reads what the shell gives it; `cat /proc/cpuinfo`: the kernel's
    return eff.name == "cat" and all(w.value == "-" or w.value.startswith("/proc/") for w in eff.args)


def _stops_early(member) -> bool:
    """The reader may exit before the writer is done, which pipefail reports as the writer's SIGPIPE."""
    if not hasattr(member, "effective"):
        return False
    eff = member.effective
    if eff.name == "head":
        return True
    return eff.name in ("grep", "egrep", "fgrep") and any(
        w.value in ("-q", "--quiet", "--silent", "-l") or (w.value.startswith("-") and not w.value.startswith("--")
                                                          and ("q" in w.value or "m" in w.value))
        for w in eff.args)


def _shell_fix(doc, ctx, chain, ins):
    facts = ctx.image(chain[0].base_resolved)
    if facts is not None and facts.has("bash") is True:
        program = "/bin/bash"
    elif sh_flavour(chain, facts) == "ash":
        program = "/bin/ash"  # BusyBox ash knows pipefail
    else:
        return None
    at = doc.source.line_span(ins.line).start
    text = f'SHELL ["{program}", "-o", "pipefail", "-c"]{doc.source.newline}'
    return Fix(f"Run the stage's RUN lines with {program} -o pipefail", (Edit(doc.path, Span(at, at), text),),
               Applicability.UNSAFE)
