"""Which scripts of a Dockerfile ShellCheck reads, in which dialect, with which variables already set.

Every shell-form RUN (ONBUILD's too) is a script: its lines joined as BuildKit joins them, followed by the
heredocs it feeds (the shell receives them together); a heredoc body a shell runs (`RUN <<EOF`, `RUN bash
<<EOF`) is a script of its own. The dialect is the one that runs it: the SHELL in effect (`SHELL
["/bin/bash", "-c"]`: bash; PowerShell or cmd: not read), else the image's /bin/sh (dash on Debian and
Ubuntu, BusyBox on Alpine, bash on the RHEL family, POSIX sh when unknown); `# hadolint shell=<name>` names it
from there to the end of the stage, or of the file when written before the first FROM, as hadolint reads it.
A stage built FROM another stage keeps that stage's SHELL, variables and pragma. The variables are the
ARG and ENV names declared so far in the stage chain, with the value the Dockerfile gives them (an ARG's default,
an ENV's value; unknown when it expands another variable), and the proxy variables Docker passes to every RUN.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lint.core.source import MappedText
from lint.dockerfile.model import _arg_words, _shell_words
from lint.shell.exec import instruction_scripts
from lint.core.model import Span
from lint.shell.shellcheck import Comment, Job, check, joined, span_in, without_cr

# the build arguments Docker predefines and passes to RUN without an ARG (Dockerfile reference: "Predefined ARGs")
PROXY_NAMES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
               "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# a shell's program name -> ShellCheck's dialect; "sh" means the image's /bin/sh
DIALECTS = {"sh": "sh", "bash": "bash", "dash": "dash", "ash": "busybox", "busybox": "busybox", "ksh": "ksh",
            "mksh": "ksh", "ksh93": "ksh"}
FLAVOURS = {"dash": "dash", "ash": "busybox", "bash": "bash"}  # sh_flavour's answer -> dialect
NOT_SHELLS = ("pwsh", "powershell", "cmd")


@dataclass(frozen=True)
class Target:
    """One script to check: where each of its characters is in the Dockerfile, and its job."""

    mapped: MappedText
    job: Job


@dataclass
class _State:
    variables: dict  # name -> value, None when unknown
    shell: str | None  # the SHELL's program, or a pragma's name; None: the image's /bin/sh


def shellcheck_targets(doc, ctx=None) -> list[Target]:
    """The scripts of a Dockerfile for ShellCheck, in file order (kept with the model)."""
    known = doc.memo.get("shellcheck_targets")
    if known is None:
        known = doc.memo["shellcheck_targets"] = _targets(doc, ctx)
    return known


def _targets(doc, ctx) -> list[Target]:
    from lint.dockerfile.pragmas import shell_pragmas

    pragmas = shell_pragmas(doc)
    first_from = next((s.from_.line for s in doc.stages), None)
    file_shell = next((shell for line, shell in reversed(pragmas) if first_from is None or line < first_from), None)
    ends: dict[int, _State] = {}
    found: list[Target] = []
    for stage in doc.stages:
        parent = ends.get(stage.parent.index) if stage.parent is not None else None
        state = (_State(dict(parent.variables), parent.shell) if parent
                 else _State(dict.fromkeys(PROXY_NAMES), file_shell))
        flavour = _flavour(doc, stage, ctx)
        events = [(ins.line, 1, ins) for ins in stage.instructions]
        end_line = stage.instructions[-1].end_line if stage.instructions else stage.from_.end_line
        events += [(line, 0, shell) for line, shell in pragmas if stage.from_.line < line <= end_line]
        for _, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 0:
                state.shell = item
                continue
            ins = item.inner if item.keyword == "ONBUILD" and item.inner is not None else item
            if ins.keyword == "ARG":
                state.variables.update(_arg_values(ins.args.text))
            elif ins.keyword == "ENV":
                state.variables.update(_env_values(ins.args.text))
            elif ins.keyword == "SHELL" and ins.json_args:
                state.shell = " ".join(value for value, _ in ins.json_args)
            elif ins.keyword == "RUN":
                dialect = _dialect(state.shell, flavour)
                if dialect is not None:
                    variables = tuple(sorted((n, v) for n, v in state.variables.items() if NAME.match(n)))
                    found.extend(_scripts(ins, dialect, flavour, variables))
        ends[stage.index] = state
    return found


def _flavour(doc, stage, ctx) -> str | None:
    from lint.knowledge.startup import sh_flavour

    chain = [*reversed(doc.ancestors(stage)), stage]
    facts = None
    reference = chain[0].base_resolved
    if ctx is not None and reference and "$" not in reference:
        try:
            facts = ctx.image(reference)
        except Exception:  # an image-table problem must not stop ShellCheck
            facts = None
    return sh_flavour(chain, facts)


def _dialect(shell: str | None, flavour: str | None) -> str | None:
    """ShellCheck's dialect for a SHELL / pragma value, or None when it is no shell ShellCheck reads."""
    if shell is None:
        return FLAVOURS.get(flavour or "", "sh")
    words = shell.split()
    for word in words:
        name = posixpath.basename(word.replace("\\", "/")).lower()
        if name.endswith(".exe"):
            name = name[:-4]
        if name.startswith(NOT_SHELLS):
            return None
        if name in ("env", "busybox") and word is not words[-1]:
            continue
        if name == "sh":
            return FLAVOURS.get(flavour or "", "sh")
        return DIALECTS.get(name)
    return None


def _scripts(ins, dialect: str, flavour: str | None, names: tuple) -> list[Target]:
    command = ins.command
    if command is None or command.exec_form:
        return []
    scripts = instruction_scripts(ins)
    targets = []
    main = scripts[0] if scripts else None
    if main is not None and main.commands and any(cmd.words for cmd in main.commands):
        pieces = [command.text]
        for heredoc in ins.heredocs:  # the shell reads the heredocs after the line that names them
            newline = MappedText("\n", [heredoc.body_span.start, heredoc.body_span.start])
            closing = MappedText(heredoc.delimiter + "\n", [heredoc.body_span.end] * (len(heredoc.delimiter) + 2))
            pieces += [newline, heredoc.body, closing]
        targets.append(_target(joined(*pieces), dialect, names))
    for script in scripts[1:]:
        body = script.text
        own = _shebang_dialect(body.text, flavour) or _runner_dialect(main, ins, body, flavour)
        if body.text.startswith("#!") and own is None:
            continue  # a shell ShellCheck does not read (zsh)
        if body.text.startswith("#!"):  # its own `#!` line decides; the line itself stays, blanked, so lines keep their place
            cut = body.text.find("\n")
            body = joined(MappedText("", [body.offsets[0]]), body.slice(cut if cut >= 0 else len(body.text), len(body.text)))
        targets.append(_target(body, own or dialect, names))
    return targets


def _shebang_dialect(text: str, flavour: str | None) -> str | None:
    if not text.startswith("#!"):
        return None
    return _dialect(text[2:].split("\n", 1)[0].strip(), flavour)


def _runner_dialect(main, ins, body: MappedText, flavour: str | None) -> str | None:
    """The dialect of the shell a heredoc is fed to (`bash <<EOF`); None when no command names one (`RUN
    <<EOF`: the SHELL in effect runs it)."""
    heredoc = next((h for h in ins.heredocs if h.body is body or h.body_span.start == body.offsets[0]), None)
    if heredoc is None or main is None:
        return None
    for cmd in main.commands:
        if cmd.words and any(r.op in ("<<", "<<-") and r.target is not None and r.target.value == heredoc.delimiter
                             for r in cmd.redirects):
            return _dialect(cmd.effective.name or "", flavour)
    return None


def _target(mapped: MappedText, dialect: str, names: tuple) -> Target:
    mapped = without_cr(mapped)
    return Target(mapped, Job(dialect, names, mapped.text))


def _arg_values(text: str) -> list[tuple[str, str | None]]:
    """`ARG A=1 B`: A's default, B unknown."""
    found = []
    for word in _arg_words(text):
        name, eq, value = word.partition("=")
        found.append((name, _literal(value) if eq else None))
    return found


def _env_values(text: str) -> list[tuple[str, str | None]]:
    """`ENV A=1 B="x y"`, or the old `ENV A value with spaces`."""
    words = [text[start:end] for start, end in _shell_words(text)]
    if not words:
        return []
    if "=" not in words[0]:
        return [(words[0], _literal(text[text.index(words[0]) + len(words[0]):].strip()))]
    return [(name, _literal(value)) for name, eq, value in (w.partition("=") for w in _arg_words(text)) if eq]


def _literal(value: str) -> str | None:
    """A value as the build sets it, when no expansion or escape is left to work out."""
    return None if any(char in value for char in "$\\\"'`") else value


def shellcheck_findings(doc, ctx=None) -> list[tuple[Span, Comment]]:
    """ShellCheck's findings on a Dockerfile's scripts, each with its exact place in the Dockerfile. Scripts
    the runner has already checked (with every other file of the run) are not checked again."""
    targets = shellcheck_targets(doc, ctx)
    results = check([target.job for target in targets])
    return [(span_in(target.mapped, comment), comment) for target in targets for comment in results[target.job]]
