"""Which programs a health-check probe runs, and whether the image it runs in has them.

Shared by the Dockerfile rule DF106 (a HEALTHCHECK) and the compose rule DC106 (a service's
`healthcheck.test`). A probe is a lint.shell.Script: a shell-form HEALTHCHECK, a compose
CMD-SHELL or string test (all run by `/bin/sh -c`), or the single command of an exec-form /
`CMD` list (run without a shell).

What an image has comes from the image table (lint.knowledge.images: None is unknown), and, for an image
built from a Dockerfile, from what its stage chain does on top of the base: packages installed
and not removed again. Anything we cannot follow makes the answer unknown, and unknown is never
reported: a COPY or ADD (also --from) into a directory on PATH, into / or /usr (a copied tree may
hold bin/), or of a file named like the tool into such a directory; any COPY or ADD after an ENV
that changes PATH; a package install with a variable in its package list; a RUN that runs a
script of its own; a RUN that moves, links or downloads a file named like the tool. A file copied
anywhere else can neither be run by its bare name nor become /bin/sh.

Only a failure that decides the probe's outcome counts (lint.shell.outcome_decided_by):
`curl -f x || wget -q --spider x` still works without curl. A tool the probe first looks for
(`command -v curl`, `which curl`, `type curl`, `hash curl`) is not judged either.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lint.core.model import Span
from lint.shell import SHELLS

__all__ = ["MissingTool", "missing_tools", "tool_available", "root_base", "stage_chain"]

# programs the image table tracks, or that a team rarely builds itself: an image "complete" in
# the table (scratch, distroless) answers False for any name, but a program of the project's
# own (copied in) is not something we can see, so only these are judged
JUDGED = frozenset({
    "curl", "wget", "sh", "bash", "busybox", "nc", "netcat", "ncat", "python", "python3", "node",
    "pg_isready", "redis-cli", "mysqladmin", "mariadb-admin", "mongosh", "mongo", "java",
})
# directories on the default PATH, where a path names the same program as its bare name
SYSTEM_BIN = frozenset({"/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin", "/usr/local/sbin"})
# OS packages that put the program on PATH, beyond a package of the program's own name
PACKAGES = {
    "nc": {"netcat-openbsd", "netcat-traditional", "netcat", "nmap-ncat", "ncat", "openbsd-netcat",
           "busybox-extras", "nmap", "nc"},
    "ncat": {"nmap-ncat", "ncat", "nmap"},
    "sh": {"busybox", "dash", "bash"},
    "pg_isready": {"postgresql-client", "postgresql"},
    "redis-cli": {"redis", "redis-tools"},
    "mysqladmin": {"mysql-client", "mariadb-client", "default-mysql-client", "mysql"},
    "mariadb-admin": {"mariadb-client", "mariadb"},
    "mongosh": {"mongodb-mongosh"},
    "node": {"nodejs", "nodejs-current"},
}
PACKAGE_MANAGERS = frozenset({"apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper"})
PROBES_FOR_TOOL = frozenset({"command", "which", "type", "hash"})


@dataclass(frozen=True)
class MissingTool:
    """A program a probe needs and the image does not have.

    tool: the program ('curl'), or 'sh' when a shell-form probe finds no /bin/sh.
    span: where the probe names it (the command word), or the whole script for 'sh'.
    reason: one phrase for a message: "python:3.12-slim has no curl", "Dockerfile removes curl again at line 9".
    """

    tool: str
    span: Span
    reason: str
    removed_line: int | None = None  # the Dockerfile installs it, then removes it again on this line


def stage_chain(dockerfile, stage) -> list:
    """The stage and the stages it is built FROM, in build order (the root stage first)."""
    return [*reversed(dockerfile.ancestors(stage)), stage]


def root_base(dockerfile, stage) -> str | None:
    """The image the stage really starts from (parent stages followed), ARG defaults resolved."""
    return stage_chain(dockerfile, stage)[0].base_resolved


def missing_tools(script, facts, dockerfile=None, stage=None, *, shell: bool = False) -> list[MissingTool]:
    """What the probe `script` needs and the image lacks, each with where the probe names it.

    facts: the image table's ImageFacts for the image (for a built image: its root base); None
    (unknown image) gives []. dockerfile, stage: the Dockerfile stage the image is built from, if
    any, so that installs, removals and copies on top of the base count. shell: the probe runs as
    `/bin/sh -c <script>` (shell-form HEALTHCHECK, compose CMD-SHELL or string test).
    """
    if facts is None or script is None:
        return []
    if shell:
        if tool_available("sh", facts, dockerfile, stage) is False:
            text = script.text
            span = text.span(0, len(text.text)) if text.text else Span(text.offsets[0], text.offsets[0])
            return [MissingTool("sh", span, f"{getattr(facts, 'image', 'the image')} has no /bin/sh")]
    return _missing_in(script, facts, dockerfile, stage, _tools_looked_for(script))


def _missing_in(script, facts, dockerfile, stage, looked_for: set[str]) -> list[MissingTool]:
    from lint.shell import inner_script, outcome_decided_by

    image = getattr(facts, "image", "the image")
    found: list[MissingTool] = []
    for cmd in script.commands:
        if not outcome_decided_by(script, cmd):
            continue
        word = cmd.effective.name_word
        if word is None or word.has_expansion:
            continue
        tool = _tool_name(word.value, facts)
        if tool is not None and tool not in looked_for:
            removed: list[int] = []
            if tool_available(tool, facts, dockerfile, stage, removed) is False:
                reason = f"{posixpath.basename(dockerfile.path)} removes {tool} again at line {removed[0]}" if removed else \
                    f"{image} has no {'shell' if tool == 'sh' else tool}"
                found.append(MissingTool(tool, word.span, reason, removed[0] if removed else None))
                continue  # what it would run does not matter
        inner = inner_script(cmd)
        if inner is not None:
            found.extend(_missing_in(inner, facts, dockerfile, stage, looked_for))
    return found


def tool_available(tool: str, facts, dockerfile=None, stage=None, removed: list | None = None) -> bool | None:
    """Whether a program (bare name) can run in the image: True, False or None (cannot tell).

    The base image's answer (facts.has) is changed by what the stage chain does in build order:
    a package that provides it installed (True) or removed (False). `removed` receives the line
    of the removal when one decides.
    """
    state = facts.has(tool) if facts is not None else None
    if dockerfile is None or stage is None:
        return state
    # the chain's answer depends only on the tool, the stage and what the base has: kept with the model,
    # since several rules ask it for every tool of every probe
    key = ("tool_available", tool, id(stage), state)
    if key not in dockerfile.memo:
        line: list = []
        dockerfile.memo[key] = (_tool_available_in_chain(tool, state, dockerfile, stage, line), line)
    answer, line = dockerfile.memo[key]
    if line and removed is not None:
        removed[:] = line
    return answer


def _tool_available_in_chain(tool: str, state, dockerfile, stage, removed: list) -> bool | None:
    from lint.shell import installs, removals

    workdir: str | None = "/"
    path_changed = False
    for each in stage_chain(dockerfile, stage):
        for ins in each.instructions:
            if ins.keyword == "WORKDIR":
                workdir = _chdir(workdir, ins.args.text.strip())
            elif ins.keyword == "ENV" and re.search(r"(?:^|\s)PATH[=\s]", ins.args.text):
                path_changed = True  # a program may now be found in any directory
            elif ins.keyword in ("COPY", "ADD"):
                if path_changed or _may_bring(ins, tool, workdir):
                    return None
            elif ins.keyword == "RUN":
                for script in _run_scripts(ins):
                    if _opaque(script, tool):
                        return None
                    added = [i for i in installs(script) if _provides(i.package, tool)]
                    taken = [r for r in removals(script) if _provides(r.package, tool) or _removes_group(r, added)]
                    # within one RUN, the order of the commands decides
                    events = sorted([(i.command.span.start, True, i) for i in added]
                                    + [(r.command.span.start, False, r) for r in taken], key=lambda e: e[0])
                    for _, present, item in events:
                        state = present
                        if not present:
                            removed[:] = [dockerfile.source.position(item.word.span.start)[0]]
    return state


# ----------------------------------------------------------------------------------------- helpers

def _tool_name(word: str, facts) -> str | None:
    """The program a command word names, if it is one we judge; None for paths we cannot see."""
    if "/" in word:
        directory, name = posixpath.split(word)
        if directory == "/busybox" and getattr(facts, "shell", None) == "/busybox/sh":
            return None  # distroless :debug has BusyBox there: fine, and nothing else to judge
        if directory not in SYSTEM_BIN:
            return None  # the project's own program, copied in
        word = name
    if word == "sh" and isinstance(getattr(facts, "shell", None), str):
        return None  # a bare `sh` in an argv is found on PATH (distroless :debug: /busybox/sh)
    return word if word in JUDGED or word in getattr(facts, "helpers", {}) else None


def _tools_looked_for(script) -> set[str]:
    """Programs the probe checks for before using them (`command -v curl && curl ...`)."""
    from lint.shell import inner_script

    found: set[str] = set()
    for cmd in script.commands:
        eff = cmd.effective
        if cmd.name in PROBES_FOR_TOOL or eff.name in PROBES_FOR_TOOL:
            args = cmd.args if cmd.name in PROBES_FOR_TOOL else eff.args
            found.update(posixpath.basename(w.value) for w in args if not w.value.startswith("-"))
        inner = inner_script(cmd)
        if inner is not None:
            found |= _tools_looked_for(inner)
    return found


def _run_scripts(ins) -> list:
    """The shell scripts a RUN runs: its command and the bodies of its heredocs (read once per RUN)."""
    from lint.shell import parse_script, script_of

    known = ins.__dict__.get("_run_scripts")
    if known is not None:
        return known
    scripts = ins.__dict__["_run_scripts"] = []
    if ins.command is not None:
        scripts.append(script_of(ins.command))
    for heredoc in ins.heredocs:
        scripts.append(parse_script(heredoc.body))
    return scripts


def _provides(package: str, tool: str) -> bool:
    package = package.lower()
    return package == tool or package in PACKAGES.get(tool, ()) or \
        (tool in ("python", "python3") and package.startswith("python3"))


def _removes_group(removal, installed) -> bool:
    """`apk del .deps` after `apk add --virtual .deps curl`."""
    return any(i.group is not None and removal.package == i.group for i in installed)


def _names_tool(text: str, tool: str) -> bool:
    """A path or word whose last component is the tool (`bin/curl`, `curl`)."""
    if tool not in text:
        return False  # most words: no pattern to run
    return re.search(rf"(?:^|[\s/\"'=]){re.escape(tool)}(?:$|[\s\"',\]])", text) is not None


def _chdir(workdir: str | None, path: str) -> str | None:
    if workdir is None or "$" in path or not path:
        return None
    return posixpath.normpath(posixpath.join(workdir, path.strip("\"'")))


def _may_bring(ins, tool: str, workdir: str | None) -> bool:
    """Whether a COPY or ADD may put the tool where it runs from: a directory on PATH (or / or
    /usr, where a copied tree may hold bin/), or a file of its name there. Files copied anywhere
    else cannot be run by name, nor become /bin/sh."""
    if ins.json_args is not None:
        words = [value for value, _ in ins.json_args]
    else:
        words = [w.strip("\"'") for w in ins.args.text.split()]
    if not words:
        return True
    dest = words[-1]
    if "$" in dest:
        return True
    if not dest.startswith("/"):
        if workdir is None:
            return True
        dest = posixpath.join(workdir, dest)
    dest = posixpath.normpath(dest)
    if dest in SYSTEM_BIN or dest in ("/", "/usr", "/usr/local"):
        return True
    return posixpath.basename(dest) == tool and posixpath.dirname(dest) in SYSTEM_BIN


def _opaque(script, tool: str) -> bool:
    """Whether this RUN may put the tool in place in a way we do not follow: a script or command we cannot
    read (whatever the tool), or a command that handles a file named like the tool. Every probe asks it of
    every RUN of the chain, so the part that does not depend on the tool is found once per script, and the
    other only where the script's text names the tool."""
    unreadable = script.__dict__.get("_unreadable")
    if unreadable is None:
        unreadable = script.__dict__["_unreadable"] = _unreadable(script)
    return unreadable or (tool in script.text.text and _handles_file_named(script, tool))


def _commands_and_inner(script):
    """Each command of the script with the `sh -c` script it runs (None when it runs none)."""
    from lint.shell import inner_script

    for cmd in script.commands:
        eff = cmd.effective
        if eff.name_word is None:
            continue
        yield cmd, eff, (inner_script(cmd) if (eff.name or "") in SHELLS else None)


def _unreadable(script) -> bool:
    for cmd, eff, inner in _commands_and_inner(script):
        name = eff.name or ""
        if name in PACKAGE_MANAGERS:
            if any(w.has_expansion for w in eff.args):
                return True  # `apt-get install -y $PACKAGES`
            continue
        if name in SHELLS:
            if inner is None or _unreadable(inner):
                return True  # `sh install.sh`, `curl ... | sh`: a script we cannot read
            continue
        value = eff.name_word.value
        if eff.name_word.has_expansion or value.endswith(".sh") or ("/" in value and posixpath.dirname(value) not in SYSTEM_BIN):
            return True  # the project's own script
    return False


def _handles_file_named(script, tool: str) -> bool:
    for cmd, eff, inner in _commands_and_inner(script):
        name = eff.name or ""
        if name in PACKAGE_MANAGERS:
            continue
        if name in SHELLS:
            if inner is not None and _handles_file_named(inner, tool):
                return True
            continue
        if name != tool and any(_names_tool(w.value, tool) for w in eff.args):
            return True  # cp/ln/mv/install/chmod of a file named like the tool, `-o /usr/bin/curl`
    return False


BASE_TOOLS = ("curl", "wget")


class UnknownClientsAbsent:
    """An image's facts (or none: an image the table does not know) with an unknown curl or wget read as
    absent. What `missing_tools` then finds is what the probe takes from the base image without the
    Dockerfile installing it: where the table cannot say, the probe relies on the base shipping it."""

    def __init__(self, facts, image: str) -> None:
        self.facts = facts
        self.image = getattr(facts, "image", None) or image
        self.shell = getattr(facts, "shell", None)
        self.helpers = getattr(facts, "helpers", {}) or {}
        self.wget = getattr(facts, "wget", None)

    def has(self, tool: str):
        known = self.facts.has(tool) if self.facts is not None else None
        if known is None and tool.rsplit("/", 1)[-1] in BASE_TOOLS:
            return False
        return known

    def unknown(self, tool: str) -> bool:
        return self.facts is None or self.facts.has(tool) is None
