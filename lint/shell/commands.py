"""Every simple command an instruction runs, wherever it is written: the RUN line itself, the scripts
of `sh -c '...'` (nested too), and heredoc bodies a shell runs (`RUN <<EOF`, `RUN bash <<EOF`).

Rules about programs (package managers, sudo, cd, wget) ask this one list, so that a command inside
`sh -c` or a heredoc is judged like one on the RUN line, with its span in the Dockerfile.
"""
from __future__ import annotations

from dataclasses import dataclass

from lint.shell.exec import inner_script, instruction_scripts
from lint.shell.script import Script, SimpleCommand

_NESTING = 4  # sh -c inside sh -c inside ...: deeper is not written by hand


@dataclass(frozen=True, eq=False)
class RunCommand:
    command: SimpleCommand  # as written; `command.effective` sees through sudo, env, gosu, ...
    script: Script  # the script it belongs to: ask it for pipefail / errexit at this command
    depth: int  # 0 on the instruction (or a heredoc body it runs), 1 inside `sh -c`, ...

    @property
    def name(self) -> str | None:
        """The program that runs, past wrappers (`sudo apt-get` -> apt-get)."""
        return self.command.effective.name


def run_commands(instruction) -> list[RunCommand]:
    """The simple commands a RUN / CMD / ENTRYPOINT / HEALTHCHECK runs, in source order per script:
    each script's own commands, then those of every `sh -c` script inside it. A `sh -c` command is
    listed itself too (it runs `sh`). Exec-form instructions give their one command."""
    memo = getattr(instruction, "__dict__", None)  # asked by every rule of every RUN: read once
    known = memo.get("_run_commands") if memo is not None else None
    if known is not None:
        return known
    found: list[RunCommand] = []
    for script in instruction_scripts(instruction):
        _collect(script, 0, found)
    if memo is not None:
        memo["_run_commands"] = found
    return found


def _collect(script: Script, depth: int, found: list[RunCommand]) -> None:
    for cmd in script.commands:
        found.append(RunCommand(cmd, script, depth))
        if depth < _NESTING:
            inner = inner_script(cmd)
            if inner is not None:
                _collect(inner, depth + 1, found)


def run_instructions(scope, onbuild: bool = True, mentioning: tuple[str, ...] = ()) -> list:
    """The RUN instructions of a Dockerfile or of one stage, in order, with those an ONBUILD holds (they run
    in the builds of child images) unless `onbuild` is False. With `mentioning`, only those whose text
    (heredoc bodies included) holds one of those words, so that a rule about one program does not have
    every other RUN's script parsed."""
    found = []
    for ins in scope.instructions:
        if ins.keyword == "ONBUILD" and ins.inner is not None:
            if not onbuild:
                continue
            ins = ins.inner
        if ins.keyword != "RUN":
            continue
        if mentioning:
            text = ins.args.text + "".join(h.body.text for h in ins.heredocs)
            if not any(word in text for word in mentioning):
                continue
        found.append(ins)
    return found


def in_shipped_layers(dockerfile, instruction, target) -> bool:
    """Whether what a RUN leaves in its layer ships in the image built for `target` (a stage): the RUN is in
    that stage or a stage it is built FROM, or it is an ONBUILD RUN (it runs in a child image's build). A
    stage only copied from (`COPY --from`) ships no layer."""
    stage = getattr(instruction, "stage", None)
    if stage is not None and instruction not in stage.instructions:
        return True  # held by ONBUILD
    return target is not None and (stage is target or stage in dockerfile.ancestors(target))
