"""Which command decides a script's exit status: pipefail, `||`, `&&`, `set -e`, conditions, exit."""
from __future__ import annotations

from lint.shell.lexer import _MAX_DEPTH
from lint.shell.parser import _LOOPS
from lint.shell.script import Script, SimpleCommand, _AndOr, _Compound, _Pipe, _Seq


# ---------------------------------------------------------------------------------------------
# Outcome: does this command's status become the script's status?


def _pipe_of(node) -> "_Pipe | None":
    return node._pipe if isinstance(node, SimpleCommand) else node.parent


def _exit_target(node) -> "_Compound | None":
    """The nearest subshell around a tree node, which `exit` ends (None: the script itself)."""
    pipe = _pipe_of(node)
    while pipe is not None and pipe.parent is not None and pipe.parent.parent is not None:
        comp = pipe.parent.parent.parent
        if comp is None:
            return None
        if comp.kind == "subshell":
            return comp
        pipe = comp.parent
    return None


def _in_condition(seq: _Seq) -> bool:
    """Inside an if/while/until condition or a loop, where `set -e` does not end the script."""
    for _ in range(_MAX_DEPTH * 4):
        comp = seq.parent
        if comp is None:
            return False
        if seq.role == "cond" or comp.kind in _LOOPS:
            return True
        if comp.parent is None or comp.parent.parent is None or comp.parent.parent.parent is None:
            return False
        seq = comp.parent.parent.parent
    return False


def _after_failure(pipe: _Pipe) -> str | None:
    """What a pipeline does when run after `||`: 'exit' when it exits non-zero (`exit 1`, `exit`,
    `exit $?`), 'fail' when it fails without exiting (`false`), None when it may succeed."""
    if pipe.negated or len(pipe.commands) != 1 or not isinstance(pipe.commands[0], SimpleCommand):
        return None
    cmd = pipe.commands[0].effective
    if cmd.name == "exit":
        if not cmd.args:
            return "exit"  # exits with the status of the failed command
        v = cmd.args[0].value
        if v in ("$?", "${?}") or (v.isdigit() and int(v) % 256 != 0):
            return "exit"
        return None
    if cmd.name == "false" and not cmd.args:
        return "fail"
    return None


def _passes_status(andor: _AndOr) -> bool:
    """`exit $?` on its own: the previous status becomes the shell's."""
    if len(andor.pipelines) != 1 or _after_failure(andor.pipelines[0]) != "exit":
        return False
    args = andor.pipelines[0].commands[0].effective.args
    return bool(args) and args[0].value in ("$?", "${?}")


def outcome_decided_by(script: Script, cmd: SimpleCommand) -> bool:
    """Whether a failure of cmd makes the whole script fail: it ends the script (or joins the end
    with `&&`), is not hidden by a later command of a pipeline (unless `pipefail`), not caught by
    `|| true` / `|| echo`, not a condition or loop. `cmd || exit 1` counts as deciding, and so does
    a command followed by `exit $?`, or any command under `set -e` outside conditions."""
    if cmd._pipe is None:
        return False
    pipefail = script.pipefail_at(cmd)
    errexit = script.errexit_at(cmd)
    node = cmd
    exits = cmd.is_exec and cmd.effective is not cmd  # exec replaces the shell
    for _ in range(_MAX_DEPTH * 4):
        if exits:
            target = _exit_target(node)
            if target is None:
                return True
            node, exits = target, False
            continue
        pipe = _pipe_of(node)
        if pipe is None or pipe.parent is None or pipe.parent.parent is None:
            return False
        if pipe.negated or (pipe.commands[-1] is not node and not pipefail):
            return False
        andor = pipe.parent
        k = andor.pipelines.index(pipe)
        while True:  # skip what `&&` no longer runs; see what `||` runs instead
            j = k
            while j < len(andor.ops) and andor.ops[j] == "&&":
                j += 1
            if j >= len(andor.ops):
                break
            outcome = _after_failure(andor.pipelines[j + 1])
            if outcome is None:
                return False
            k = j + 1
            if outcome == "exit":
                exits = True
                break
        if exits:
            continue
        seq = andor.parent
        i = seq.items.index(andor)
        if seq.seps[i] == "&":
            return False
        if i < len(seq.items) - 1:
            set_e_ends = errexit and k == len(andor.pipelines) - 1 and not _in_condition(seq)
            if _passes_status(seq.items[i + 1]) or set_e_ends:
                exits = True
                continue
            return False
        comp = seq.parent
        if comp is None:
            return True
        if seq.role == "cond" or comp.kind in _LOOPS:
            return False
        node = comp
    return False


# ---------------------------------------------------------------------------------------------
# Where a command stands: inside which compounds, in a subshell or not


def enclosing(cmd: SimpleCommand) -> list[str]:
    """The kinds of what is around cmd, innermost first: 'pipeline' for a pipeline of several commands
    (each member runs in a subshell), then the compound commands ('subshell', 'group', 'if', 'for', ...)."""
    kinds: list[str] = []
    pipe = cmd._pipe
    for _ in range(_MAX_DEPTH * 4):
        if pipe is None:
            break
        if len(pipe.commands) > 1:
            kinds.append("pipeline")
        andor = pipe.parent
        seq = andor.parent if andor is not None else None
        comp = seq.parent if seq is not None else None
        if comp is None:
            break
        kinds.append(comp.kind)
        pipe = comp.parent
    return kinds


def in_subshell(cmd: SimpleCommand) -> bool:
    """cmd runs in a subshell: inside `( ... )` or as part of a pipeline, so what it changes in the shell
    (`cd`, `export`, `set`) ends with it."""
    return any(kind in ("subshell", "pipeline") for kind in enclosing(cmd))


def pipeline_of(cmd: SimpleCommand) -> list:
    """The members of the pipeline cmd is a direct member of (simple commands, or compounds for `{ ...; }`,
    `( ... )`, loops), in order; [] when cmd is not in a pipeline of several commands."""
    pipe = cmd._pipe
    if pipe is None or len(pipe.commands) < 2 or not any(member is cmd for member in pipe.commands):
        return []
    return list(pipe.commands)
