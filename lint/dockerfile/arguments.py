"""The arguments of COPY / ADD, ENV and WORKDIR as BuildKit reads them, with spans; the variables (ARG and
ENV values) known at an instruction; the working directory an instruction runs in.

BuildKit splits COPY / ADD arguments at blanks (or reads a JSON array), the last one being the
destination; ENV is `ENV name=value ...` (words kept whole through quotes) or the old `ENV name value`
(the rest of the line). Each word is then expanded by its shell-like lexer: `$VAR` and `${VAR}` outside
single quotes, not after the escape character.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lint.core.model import Span
from lint.dockerfile.model import _UNKNOWN, VARIABLE_RE, _apply_arg, _expand, _shell_words
from lint.dockerfile.pairs import unquote


@dataclass(frozen=True)
class Arg:
    """One argument word."""

    value: str  # quotes removed (variables not expanded)
    raw: str  # as written
    span: Span  # of the word as written


@dataclass(frozen=True)
class CopyArgs:
    sources: list[Arg]  # the paths, URLs or git references copied (heredoc sources not included)
    dest: Arg
    heredoc_sources: int  # how many sources are `<<EOF` bodies


@dataclass(frozen=True)
class EnvPair:
    name: str
    name_span: Span
    value: Arg  # value.raw as written (quotes kept): what BuildKit expands


@dataclass(frozen=True)
class Reference:
    """A variable a word expands: `$NAME` or `${NAME...}`."""

    name: str
    start: int  # offsets in the word's raw text, `$` to the end of the reference
    end: int


def copy_args(ins) -> CopyArgs | None:
    """Sources and destination of a COPY or ADD (None when it has fewer than two arguments)."""
    if ins.json_args is not None:
        words = [Arg(value, value, span) for value, span in ins.json_args]
    else:
        text = ins.args.text
        words = [Arg(unquote(text[m.start():m.end()]), m.group(), ins.args.span(m.start(), m.end()))
                 for m in re.finditer(r"[^\t\v\f\r\n ]+", text)]
    if len(words) < 2:
        return None
    heredoc_words = {h.span for h in ins.heredocs}
    sources = [w for w in words[:-1] if w.span not in heredoc_words]
    return CopyArgs(sources, words[-1], len(words) - 1 - len(sources))


def env_pairs(ins) -> list[EnvPair]:
    """The name=value pairs an ENV sets (the old form `ENV name value` gives one pair)."""
    text = ins.args.text
    words = _shell_words(text)
    if not words:
        return []
    first = text[words[0][0]:words[0][1]]
    if "=" not in first:
        rest = re.match(r"[^\t\n\v\f\r ]+[\t\n\v\f\r ]+(.*?)[\t\n\v\f\r ]*\Z", text, re.S)
        if not rest:
            return []
        start, end = rest.start(1), rest.end(1)
        value = Arg(unquote(text[start:end]), text[start:end], ins.args.span(start, end))
        return [EnvPair(first, ins.args.span(*words[0]), value)]
    pairs = []
    for start, end in words:
        word = text[start:end]
        name, eq, raw = word.partition("=")
        if not eq:
            return []  # BuildKit refuses the instruction
        at = start + len(name) + 1
        pairs.append(EnvPair(name, ins.args.span(start, start + len(name)),
                             Arg(unquote(raw), raw, ins.args.span(at, end))))
    return pairs


def references(raw: str, escape: str = "\\") -> list[Reference]:
    """The variables a word expands, as BuildKit's lexer reads it: not in single quotes, not escaped."""
    found = []
    quote = ""
    pos = 0
    while pos < len(raw):
        ch = raw[pos]
        if quote == "'":
            if ch == "'":
                quote = ""
        elif ch == escape:
            pos += 1
        elif ch in "'\"" and (not quote or ch == quote):
            quote = "" if quote else ch
        elif ch == "$":
            if raw.startswith("${", pos):
                match = VARIABLE_RE.match(raw, pos + 2)
                close = raw.find("}", pos)
                if match and close != -1:
                    found.append(Reference(match.group(), pos, close + 1))
                    pos = close
            else:
                match = VARIABLE_RE.match(raw, pos + 1)
                if match:
                    found.append(Reference(match.group(), pos, match.end()))
                    pos = match.end() - 1
        pos += 1
    return found


def _chain(doc, stage):
    return [*reversed(doc.ancestors(stage)), stage]


def variables_at(doc, ins) -> dict[str, object]:
    """ARG and ENV values visible at an instruction (before it runs): ENV of its stage and the stages it is
    built FROM, ARG of its own stage only; a string where known; other values
    (a build argument without default, a platform ARG) are unknown. Variables the base image sets are
    not listed. Found once per instruction (several rules ask it)."""
    known = doc.memo.setdefault("variables_at", {})
    if id(ins) not in known:
        known[id(ins)] = (ins, _variables_at(doc, ins))
    return dict(known[id(ins)][1])


def _variables_at(doc, ins) -> dict[str, object]:
    globals_ = doc._global_scope()
    scope: dict[str, object] = {}
    for stage in _chain(doc, ins.stage):
        for each in stage.instructions:
            if each is ins:
                return scope
            if each.keyword == "ARG" and stage is ins.stage:  # an ARG does not carry into a child stage
                _apply_arg(each, scope, globals_)
            elif each.keyword == "ENV":
                # every value of one ENV is expanded with the variables as they were before it
                values = [(pair.name, expand(pair.value.raw, scope)) for pair in env_pairs(each)]
                for name, value in values:
                    scope[name] = _UNKNOWN if value is None else value
    return scope


def expand(text: str, scope: dict[str, object]) -> str | None:
    """`text` with its variables substituted and quotes removed; None when a value is unknown."""
    if "$" not in text:
        return unquote(text)
    expanded = _expand(text, scope)
    return None if expanded is None else unquote(expanded)


BASE = "base"  # the working directory the base image sets (unknown to us)


def workdir_at(doc, ins) -> str | None:
    """The working directory an instruction runs in: an absolute path; BASE when it depends on the base
    image's own WORKDIR (no absolute WORKDIR before it); None when a variable we cannot resolve decides.
    A stage built FROM scratch starts in `/`."""
    root = _chain(doc, ins.stage)[0]
    current: str | None = "/" if root.parent is None and (root.base_resolved or root.base).lower() == "scratch" else BASE
    for stage in _chain(doc, ins.stage):
        for each in stage.instructions:
            if each is ins:
                return current
            if each.keyword == "WORKDIR":
                current = _change_dir(current, each, doc)
    return current


def _change_dir(current: str | None, ins, doc) -> str | None:
    path = expand(ins.args.text.strip(), variables_at(doc, ins))
    if path is None:
        return None
    if path.startswith("/"):
        return posixpath.normpath(path)
    if current is None or current == BASE:
        return current
    return posixpath.normpath(posixpath.join(current, path))
