"""The shell model: words with spans, redirections, simple commands (with the command wrappers
such as `env`, `gosu`, `timeout` seen through) and the parsed script."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace

from lint.core.model import Span
from lint.core.source import MappedText


# ---------------------------------------------------------------------------------------------
# Model


@dataclass
class Word:
    value: str  # quotes removed, escapes resolved, expansions kept as written
    raw: str  # the text as written (continuations removed)
    span: Span
    quoted: bool = False  # some part is quoted or escaped
    has_expansion: bool = False  # $VAR, ${...}, $(...), $((...)) or `...` outside single quotes
    # source offset of each character of value, plus one past the end
    offsets: list[int] = field(default_factory=list, repr=False, compare=False)

    def mapped(self) -> MappedText:
        """The value as a MappedText, so a script inside a word (`sh -c '...'`) maps back too."""
        offsets = self.offsets if len(self.offsets) == len(self.value) + 1 else None
        if offsets is None:
            offsets = [self.span.start] * len(self.value) + [self.span.end]
        return MappedText(self.value, offsets)

    @property
    def literal(self) -> bool:
        """The value is known before the shell runs (no expansion)."""
        return not self.has_expansion


@dataclass
class Redirect:
    op: str  # '>', '>>', '<', '<<', '<<-', '<<<', '<>', '>&', '<&', '>|', '&>', '&>>'
    fd: str | None  # the number before the operator, as in `2>&1`
    target: Word | None
    span: Span
    _range: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)  # text indices


@dataclass(eq=False)
class SimpleCommand:
    words: list[Word]  # every word but redirections, leading assignments included
    assignments: list[Word] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    op_before: str | None = None
    op_after: str | None = None
    in_pipeline: bool = False
    pipeline_last: bool = True
    negated: bool = False
    in_loop: str | None = None  # innermost enclosing loop: 'until', 'while' or 'for'
    in_condition: bool = False  # part of an if / elif / while / until condition
    span: Span = field(default_factory=lambda: Span(0, 0))
    # position in the parse tree, for outcome_decided_by
    _pipe: "_Pipe | None" = field(default=None, repr=False)
    _first_tok: int = field(default=0, repr=False)
    _last_tok: int = field(default=0, repr=False)

    @property
    def name_word(self) -> Word | None:
        return self.words[len(self.assignments)] if len(self.words) > len(self.assignments) else None

    @property
    def name(self) -> str | None:
        known = self.__dict__.get("_name")  # every rule asks every command its name
        at = len(self.assignments)
        word = self.words[at] if len(self.words) > at else None
        if known is not None and known[0] is word:
            return known[1]
        if word is None:
            return None
        name = posixpath.basename(word.value) or word.value
        self.__dict__["_name"] = (word, name)
        return name

    @property
    def args(self) -> list[Word]:
        return self.words[len(self.assignments) + 1 :]

    @property
    def is_exec(self) -> bool:
        return self.name == "exec"

    @property
    def effective(self) -> "SimpleCommand":
        """The command that really runs, past wrappers such as `exec`, `env A=b`, `command`,
        `nohup`, `timeout 5`, `sudo -u x`, `gosu user`, `su-exec user`, `busybox`, `tini --`.
        Found once per command (rules ask it of every command of every RUN) and kept while the words stay."""
        known = self.__dict__.get("_effective")
        if known is not None and known[0] == len(self.words):
            return known[1]
        effective = self._unwrapped()
        self.__dict__["_effective"] = (len(self.words), effective)
        return effective

    def _unwrapped(self) -> "SimpleCommand":
        words = self.words[len(self.assignments) :]
        for _ in range(8):  # wrappers of wrappers, bounded
            k = 0
            while k < len(words) and _is_assignment(words[k]):
                k += 1  # from `env A=1`
            rest = _unwrap(words[k:])
            if rest is None:
                break
            words = words[:k] + rest
        if len(words) == len(self.words) - len(self.assignments):
            return self
        assignments = []
        while len(assignments) < len(words) and _is_assignment(words[len(assignments)]):
            assignments.append(words[len(assignments)])
        return replace(self, words=list(words), assignments=assignments)


@dataclass
class Script:
    text: MappedText
    commands: list[SimpleCommand]
    problems: list[tuple[str, Span]] = field(default_factory=list)
    _root: "_Seq | None" = field(default=None, repr=False)

    def index(self, cmd: SimpleCommand) -> int:
        for i, c in enumerate(self.commands):
            if c is cmd:
                return i
        return len(self.commands)

    def _option_at(self, cmd: SimpleCommand | None, letter: str, name: str) -> bool:
        end = len(self.commands) if cmd is None else self.index(cmd)
        on = False
        for c in self.commands[:end]:
            if c.name == "set":
                state = _set_option(c, letter, name)
                if state is not None:
                    on = state
        return on

    def pipefail_at(self, cmd: SimpleCommand | None = None) -> bool:
        """Whether `set -o pipefail` is in effect when cmd runs (at the end, without cmd)."""
        return self._option_at(cmd, "", "pipefail")

    def errexit_at(self, cmd: SimpleCommand | None = None) -> bool:
        """Whether `set -e` is in effect when cmd runs."""
        return self._option_at(cmd, "e", "errexit")

    @property
    def sets_pipefail(self) -> bool:
        return any(c.name == "set" and _set_option(c, "", "pipefail") for c in self.commands)


# parse tree behind the flat list: sequence > and-or list > pipeline > command
@dataclass(eq=False)
class _Seq:
    items: list["_AndOr"] = field(default_factory=list)
    seps: list[str | None] = field(default_factory=list)
    parent: "_Compound | None" = None
    role: str = "body"  # 'cond' or 'body' within the parent


@dataclass(eq=False)
class _AndOr:
    pipelines: list["_Pipe"] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)
    parent: _Seq | None = None


@dataclass(eq=False)
class _Pipe:
    commands: list["SimpleCommand | _Compound"] = field(default_factory=list)
    negated: bool = False
    parent: _AndOr | None = None


@dataclass(eq=False)
class _Compound:
    kind: str  # 'subshell', 'group', 'if', 'while', 'until', 'for', 'case', 'test'
    parts: list[_Seq] = field(default_factory=list)
    parent: _Pipe | None = None


_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=")


def _is_assignment(word: Word) -> bool:
    m = _ASSIGNMENT.match(word.raw)
    return m is not None


# ---------------------------------------------------------------------------------------------
# Wrappers, `set`

_WRAPPER_OPTIONS_WITH_VALUE = {
    "env": {"-u", "--unset", "-C", "--chdir", "-S", "--split-string"},
    "sudo": {"-u", "--user", "-g", "--group", "-h", "--host", "-p", "--prompt", "-C", "--close-from",
             "-D", "--chdir", "-r", "--role", "-t", "--type", "-T", "--command-timeout", "-U", "--other-user"},
    "timeout": {"-s", "--signal", "-k", "--kill-after"},
    "nice": {"-n", "--adjustment"},
    "exec": {"-a"},
    "stdbuf": {"-i", "-o", "-e"},
    "tini": {"-s", "-p", "-e", "-l"},
    "dumb-init": {"-r", "--rewrite"},
}
# wrappers followed by one positional argument before the command
_WRAPPER_POSITIONALS = {"timeout": 1, "gosu": 1, "su-exec": 1, "s6-setuidgid": 1}
_WRAPPERS = {"exec", "env", "command", "nohup", "timeout", "sudo", "gosu", "su-exec", "nice", "time",
             "busybox", "tini", "dumb-init", "stdbuf", "s6-setuidgid"}


def _unwrap(words: list[Word]) -> list[Word] | None:
    """Drop one wrapper from the front of a command's words (None when there is none)."""
    if not words:
        return None
    name = posixpath.basename(words[0].value)
    if name not in _WRAPPERS:
        return None
    if name == "command" and any(w.value in ("-v", "-V") for w in words[1:2]):
        return None  # `command -v x` asks, does not run
    with_value = _WRAPPER_OPTIONS_WITH_VALUE.get(name, set())
    i = 1
    while i < len(words):
        v = words[i].value
        if v == "--":
            i += 1
            break
        if name == "env" and "=" in v and not v.startswith("-"):
            i += 1  # env VAR=value: keep going, assignments go with the command
            continue
        if v.startswith("-") and len(v) > 1 and name != "busybox":
            i += 2 if v in with_value else 1
            continue
        break
    i += _WRAPPER_POSITIONALS.get(name, 0)
    rest = words[i:]
    if name == "env":
        rest = [w for w in words[1:i] if "=" in w.value and not w.value.startswith("-")] + rest
    if not [w for w in rest if not _is_assignment(w)]:
        return None
    return rest


def _set_option(cmd: SimpleCommand, letter: str, name: str) -> bool | None:
    """What a `set` command does to an option: True on, False off, None untouched."""
    state = None
    args = cmd.args
    i = 0
    while i < len(args):
        v = args[i].value
        if v in ("-o", "+o"):
            if i + 1 < len(args) and args[i + 1].value == name:
                state = v == "-o"
            i += 2
            continue
        if len(v) > 1 and v[0] in "-+" and v[1:].isalpha():
            on = v[0] == "-"
            if letter and letter in v[1:]:
                state = on
            if "o" in v[1:] and i + 1 < len(args):
                if args[i + 1].value == name:
                    state = on
                i += 2
                continue
        i += 1
    return state
