"""The shell a RUN runs in and what it accepts: the SHELL in effect (declared in the stage or in a stage it
is built FROM), its options, whether `/bin/sh` knows `-o pipefail`, and the USER a RUN runs as.

dash, the `/bin/sh` of Debian and Ubuntu, rejects `set -o pipefail` ("Illegal option -o pipefail", exit 2,
FACTS.md §1) up to Debian 12 bookworm (0.5.12-2, run here) and Ubuntu 24.04 noble (0.5.12-6ubuntu5); the
pipefail patch is in Debian's dash 0.5.12-7 (Debian bug #1071238, 2024), so Debian 13 trixie and Ubuntu
25.04 accept it. BusyBox ash and bash always do.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

DEFAULT_SHELL = ("/bin/sh", "-c")
POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"})

# Debian suites and Ubuntu releases whose dash rejects `-o pipefail` (False) or accepts it (True);
# Ubuntu 24.10 oracular is left out: which dash it shipped was not checked
DASH_PIPEFAIL_BY_SUITE = {
    **dict.fromkeys(("wheezy", "jessie", "stretch", "buster", "bullseye", "bookworm"), False),
    **dict.fromkeys(("trixie", "forky", "duke", "sid", "testing", "unstable"), True),
    **dict.fromkeys(("trusty", "xenial", "bionic", "cosmic", "disco", "eoan", "focal", "groovy", "hirsute",
                     "impish", "jammy", "kinetic", "lunar", "mantic", "noble"), False),
    **dict.fromkeys(("plucky", "questing", "resolute"), True),
}


@dataclass(frozen=True)
class ShellInEffect:
    """The shell a shell-form RUN runs through: the default `/bin/sh -c`, or a SHELL instruction's."""

    argv: tuple[str, ...]
    instruction: object | None = None  # the SHELL instruction; None for the default

    @property
    def program(self) -> str:
        return posixpath.basename(self.argv[0]) if self.argv else ""

    @property
    def posix(self) -> bool:
        """A POSIX-style shell (sh, bash, ash, ...), not PowerShell or cmd."""
        return self.program in POSIX_SHELLS

    @property
    def pipefail(self) -> bool:
        """`-o pipefail` is among its options (before the `-c`)."""
        return shell_flag_pipefail([*self.argv[1:]]) is True


def shell_flag_pipefail(args: list[str]) -> bool | None:
    """What a shell's own options do to pipefail (`-o pipefail`, `-eo pipefail`, `+o pipefail`), read up to
    the option that takes the script (`-c`); None when they do not name it."""
    state = None
    i = 0
    while i < len(args):
        v = args[i]
        if not v.startswith(("-", "+")) or v in ("-", "--"):
            break
        letters = v[1:]
        if letters.isalpha() and "o" in letters:
            if i + 1 < len(args) and args[i + 1] == "pipefail":
                state = v[0] == "-"
            i += 2
        else:
            i += 1
        if "c" in letters:
            break
    return state


def shell_at(doc, stage, instruction=None) -> ShellInEffect:
    """The SHELL in effect at `instruction` of `stage` (at its end without one): the last SHELL before it in
    the stage, else in the stages it is built FROM (the image config carries it over), else `/bin/sh -c`."""
    from lint.knowledge.probes import stage_chain

    found = ShellInEffect(DEFAULT_SHELL)
    for each in stage_chain(doc, stage):
        for ins in each.instructions:
            if ins is instruction:
                return found
            if ins.keyword == "SHELL" and ins.json_args:
                found = ShellInEffect(tuple(value for value, _ in ins.json_args), ins)
    return found


def sh_pipefail(chain, facts) -> bool | None:
    """Whether the image's `/bin/sh` accepts `-o pipefail`: True for BusyBox ash and bash, for dash only
    from Debian 13 / Ubuntu 25.04 on (told by the base's tag or release name); None when it cannot be told."""
    from lint.knowledge.startup import sh_flavour

    flavour = sh_flavour(chain, facts)
    if flavour in ("ash", "bash"):
        return True
    if flavour != "dash":
        return None
    return dash_pipefail(chain[0].base_resolved or chain[0].base or "")


def dash_pipefail(base: str) -> bool | None:
    """Whether the dash of a Debian or Ubuntu based image accepts `-o pipefail`, by the release its
    reference names (`debian:12`, `ubuntu:24.04`, `python:3.12-slim-bookworm`); None for a tag that moves
    (`latest`, `stable`, `3.12-slim`) or names no release."""
    base = base.lower().split("@", 1)[0]
    last = base.rsplit("/", 1)[-1]
    repo, _, tag = last.partition(":")
    if "$" in base:
        return None
    for part in re.split(r"[-_.:]", tag):
        if part in DASH_PIPEFAIL_BY_SUITE:
            return DASH_PIPEFAIL_BY_SUITE[part]
    version = re.match(r"(\d+)(?:\.(\d+))?", tag)
    if version is None:
        return None
    major, minor = int(version[1]), int(version[2] or 0)
    if repo == "debian":
        return major >= 13
    if repo == "ubuntu" and version[2] is not None:
        if (major, minor) == (24, 10):
            return None
        return (major, minor) >= (25, 4)
    return None


def user_at(doc, stage, instruction=None) -> tuple[str | None, object | None]:
    """(user, the USER instruction) in effect at `instruction`: the last USER before it in the stage or the
    stages it is built FROM; (None, None) when none sets it (the base image's user)."""
    from lint.knowledge.probes import stage_chain

    found: tuple[str | None, object | None] = (None, None)
    for each in stage_chain(doc, stage):
        for ins in each.instructions:
            if ins is instruction:
                return found
            if ins.keyword == "USER":
                words = ins.args.text.split()
                name = words[0].strip("\"'").split(":", 1)[0] if words else ""
                found = (name, ins)
    return found


def is_root(user: str | None) -> bool:
    return user in ("root", "0")


@dataclass(frozen=True)
class ShellScript:
    """A script an instruction runs, with the shell that runs it and whether that shell starts with
    pipefail on (from SHELL's options or the `sh -o pipefail -c` that runs it)."""

    script: object
    program: str  # 'sh', 'bash', ... (basename)
    pipefail: bool
    depth: int  # 0: run by SHELL (the RUN line or a `RUN <<EOF` body); 1+: by a shell command inside it


def shell_scripts(instruction, shell: ShellInEffect) -> list[ShellScript]:
    """Every script a RUN runs and the shell running it: the RUN line (through SHELL, or exec form), heredoc
    bodies (`RUN <<EOF` through SHELL; `RUN bash <<EOF` through bash with its own options), and the scripts of
    `sh -c '...'` inside them (a shell started inside does not inherit SHELL's `-o pipefail`)."""
    from lint.shell import SHELLS, inner_script, instruction_scripts

    scripts = instruction_scripts(instruction)
    if not scripts:
        return []
    command = getattr(instruction, "command", None)
    main, bodies = scripts[0], scripts[1:]
    found: list[ShellScript] = []
    if command is not None and command.exec_form:
        found.append(ShellScript(main, "", False, 1))  # no shell: its one command may start one
    else:
        found.append(ShellScript(main, shell.program, shell.pipefail, 0))
    reader = next((c for c in main.commands if c.effective.name in SHELLS
                   and any(r.op in ("<<", "<<-") for r in c.redirects)), None)
    for body in bodies:
        if reader is None:
            found.append(ShellScript(body, shell.program, shell.pipefail, 0))
        else:
            flags = shell_flag_pipefail([w.value for w in reader.effective.args])
            found.append(ShellScript(body, reader.effective.name or "sh", flags is True, 1))
    out: list[ShellScript] = []
    for each in found:
        _with_inner(each, out, inner_script)
    return out


def _with_inner(each: ShellScript, out: list[ShellScript], inner_script, depth: int = 0) -> None:
    out.append(each)
    if depth > 4:
        return
    for cmd in each.script.commands:
        inner = inner_script(cmd)
        if inner is not None:
            flags = shell_flag_pipefail([w.value for w in cmd.effective.args])
            _with_inner(ShellScript(inner, cmd.effective.name or "sh", flags is True, each.depth + 1), out,
                        inner_script, depth + 1)


def env_value(doc, stage, name: str, instruction=None) -> str | None:
    """The value the last `ENV name=…` (or legacy `ENV name value`) before `instruction` in the stage chain
    gives, quotes removed and variables left as written; None when no ENV sets it or it cannot be read."""
    import shlex

    from lint.knowledge.probes import stage_chain

    found = None
    for each in stage_chain(doc, stage):
        for ins in each.instructions:
            if ins is instruction:
                return found
            if ins.keyword != "ENV":
                continue
            try:
                words = shlex.split(ins.args.text.replace("\\\n", " "), posix=True)
            except ValueError:
                continue
            if words and "=" not in words[0]:
                if words[0] == name:
                    found = " ".join(words[1:])
                continue
            for word in words:
                key, sep, value = word.partition("=")
                if sep and key == name:
                    found = value
    return found


SH_PATHS = ("/bin/sh", "/usr/bin/sh")


def sh_link(cmd):
    """The destination word of an `ln` that replaces /bin/sh (`ln -sf /bin/bash /bin/sh`), else None."""
    eff = cmd.effective
    if eff.name != "ln":
        return None
    operands = [w for w in eff.args if not w.value.startswith("-")]
    if len(operands) >= 2 and operands[-1].value.rstrip("/") in SH_PATHS:
        return operands[-1]
    return None


def sh_replaced(doc, stage, instruction=None) -> bool:
    """Whether a RUN of the stage chain before `instruction` points /bin/sh elsewhere (`ln -sf /bin/bash
    /bin/sh`): what the base's /bin/sh is no longer tells what runs."""
    from lint.knowledge.probes import stage_chain
    from lint.shell import run_commands

    for each in stage_chain(doc, stage):
        for ins in each.instructions:
            if ins is instruction:
                return False
            if ins.keyword == "RUN" and any(sh_link(rc.command) is not None for rc in run_commands(ins)):
                return True
    return False
