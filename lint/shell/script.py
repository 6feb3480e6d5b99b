"""Words and simple commands of a POSIX shell script, with spans mapped back to the source.

Enough of sh to read Dockerfile RUN / CMD / ENTRYPOINT / HEALTHCHECK scripts: quoting, escapes,
expansions kept as written, operators, redirections, and compound commands (subshells, groups,
if, while, until, for, case) flattened into one list of simple commands. The parser never raises:
what it cannot read it reads as words, and problems (an unterminated quote) go to Script.problems.

The helpers at the end answer the questions rules ask of commands: does this curl fail on an HTTP
error, which packages does this script install or remove, does this command decide the script's
exit status.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from typing import Iterator

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
        word = self.name_word
        if word is None:
            return None
        return posixpath.basename(word.value) or word.value

    @property
    def args(self) -> list[Word]:
        return self.words[len(self.assignments) + 1 :]

    @property
    def is_exec(self) -> bool:
        return self.name == "exec"

    @property
    def effective(self) -> "SimpleCommand":
        """The command that really runs, past wrappers such as `exec`, `env A=b`, `command`,
        `nohup`, `timeout 5`, `sudo -u x`, `gosu user`, `su-exec user`, `busybox`, `tini --`."""
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


# ---------------------------------------------------------------------------------------------
# Tokenizer

_BLANKS = " \t\r"
_META = ";&|()<>"
_SEPARATORS = {"&&", "||", ";", "|", "&", "\n", ";;", "|&", ";&", ";;&"}
_OPERATORS = ("&&", "||", ";;&", ";;", ";&", "|&", ";", "|", "&", "(", ")")
_REDIRECTS = ("&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", "<", ">>", ">&", ">|", ">")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=")
_MAX_DEPTH = 50  # nesting beyond this is read flat: no recursion limit is ever reached


@dataclass
class _Tok:
    kind: str  # 'word', 'op', 'redir'
    text: str
    start: int
    end: int
    word: Word | None = None
    fd: str | None = None


class _Lexer:
    def __init__(self, text: MappedText) -> None:
        self.mt = text
        self.s = text.text
        self.problems: list[tuple[str, Span]] = []

    def problem(self, message: str, start: int, end: int) -> None:
        self.problems.append((message, self.mt.span(start, min(end, len(self.s)))))

    def tokens(self) -> list[_Tok]:
        s, n = self.s, len(self.s)
        out: list[_Tok] = []
        i = 0
        while i < n:
            c = s[i]
            if c in _BLANKS:
                i += 1
                continue
            if c == "\\" and s.startswith("\n", i + 1):
                i += 2
                continue
            if c == "\\" and s.startswith("\r\n", i + 1):
                i += 3
                continue
            if c == "\n":
                out.append(_Tok("op", "\n", i, i + 1))
                i += 1
                continue
            if c == "#":
                j = s.find("\n", i)
                i = n if j < 0 else j
                continue
            fd = None
            j = i
            while j < n and s[j].isdigit():
                j += 1
            if j > i and j < n and s[j] in "<>":
                fd = s[i:j]
            op = self._redirect_at(j if fd else i)
            if op:
                start = i
                i = (j if fd else i) + len(op)
                out.append(_Tok("redir", op, start, i, fd=fd))
                continue
            op = next((o for o in _OPERATORS if s.startswith(o, i)), None)
            if op:
                out.append(_Tok("op", op, i, i + len(op)))
                i += len(op)
                continue
            start = i
            word, i = self.read_word(i)
            out.append(_Tok("word", word.raw, start, i, word=word))
        return out

    def _redirect_at(self, i: int) -> str | None:
        return next((o for o in _REDIRECTS if self.s.startswith(o, i)), None)

    def make_word(self, start: int, end: int, value: list[str], idx: list[int], quoted: bool, exp: bool) -> Word:
        mt = self.mt
        offsets = [mt.offsets[k] for k in idx] + [mt.span(start, end).end]
        raw = self.s[start:end]
        # continuations inside the word are not part of what was written on one line
        raw = raw.replace("\\\r\n", "").replace("\\\n", "")
        return Word("".join(value), raw, mt.span(start, end), quoted, exp, offsets)

    def read_word(self, i: int) -> tuple[Word, int]:
        s, n = self.s, len(self.s)
        start = i
        value: list[str] = []
        idx: list[int] = []
        quoted = exp = False
        while i < n:
            c = s[i]
            if c in _BLANKS or c == "\n" or c in _META:
                break
            if c == "\\":
                if s.startswith("\n", i + 1):
                    i += 2
                elif s.startswith("\r\n", i + 1):
                    i += 3
                elif i + 1 < n:
                    value.append(s[i + 1])
                    idx.append(i + 1)
                    quoted = True
                    i += 2
                else:
                    value.append(c)
                    idx.append(i)
                    i += 1
            elif c == "'":
                quoted = True
                j = s.find("'", i + 1)
                if j < 0:
                    self.problem("unterminated single quote", i, n)
                    j = n
                value.extend(s[i + 1 : j])
                idx.extend(range(i + 1, j))
                i = j + 1
            elif c == '"':
                quoted = True
                i, e = self._read_dquote(i + 1, value, idx)
                exp = exp or e
            elif c == "$" and s.startswith("'", i + 1):
                quoted = True
                i = self._read_ansi_c(i + 2, value, idx)
            elif c == "$" or c == "`":
                j = self.skip_expansion(i, 0)
                if j > i + 1:
                    exp = True
                value.extend(s[i:j])
                idx.extend(range(i, j))
                i = j
            else:
                value.append(c)
                idx.append(i)
                i += 1
        return self.make_word(start, min(i, n), value, idx, quoted, exp), min(i, n)

    def _read_dquote(self, i: int, value: list[str], idx: list[int]) -> tuple[int, bool]:
        s, n = self.s, len(self.s)
        exp = False
        open_at = i - 1
        while i < n:
            c = s[i]
            if c == '"':
                return i + 1, exp
            if c == "\\" and i + 1 < n:
                nxt = s[i + 1]
                if nxt == "\n":
                    i += 2
                    continue
                if nxt == "\r" and s.startswith("\n", i + 2):
                    i += 3
                    continue
                if nxt in '$`"\\':
                    value.append(nxt)
                    idx.append(i + 1)
                    i += 2
                    continue
                value.append(c)
                idx.append(i)
                i += 1
                continue
            if c == "$" or c == "`":
                j = self.skip_expansion(i, 0)
                if j > i + 1:
                    exp = True
                value.extend(s[i:j])
                idx.extend(range(i, j))
                i = j
                continue
            value.append(c)
            idx.append(i)
            i += 1
        self.problem("unterminated double quote", open_at, n)
        return n, exp

    _ANSI = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "e": "\x1b", "0": "\0"}

    def _read_ansi_c(self, i: int, value: list[str], idx: list[int]) -> int:
        s, n = self.s, len(self.s)
        while i < n:
            c = s[i]
            if c == "'":
                return i + 1
            if c == "\\" and i + 1 < n:
                escaped = self._ANSI.get(s[i + 1])
                if escaped is None:  # \x, \u, octal...: kept as written
                    value.extend((c, s[i + 1]))
                    idx.extend((i, i + 1))
                else:
                    value.append(escaped)
                    idx.append(i + 1)
                i += 2
                continue
            value.append(c)
            idx.append(i)
            i += 1
        self.problem("unterminated $'...' quote", i, n)
        return n

    # skipping expansions: each returns the index just past what it skipped

    def skip_expansion(self, i: int, depth: int) -> int:
        """At `$` or a backtick: the end of the expansion (i + 1 when `$` is literal)."""
        s, n = self.s, len(self.s)
        if depth > _MAX_DEPTH:
            return n
        if s[i] == "`":
            return self._skip_backtick(i, depth)
        if i + 1 >= n:
            return i + 1
        c = s[i + 1]
        if c == "(":
            return self._skip_parens(i + 1, depth + 1)
        if c == "{":
            return self._skip_brace(i + 1, depth + 1)
        m = _NAME.match(s, i + 1)
        if m:
            return m.end()
        if c.isdigit() or c in "@*#?$!-":
            return i + 2
        return i + 1

    def _skip_backtick(self, i: int, depth: int) -> int:
        s, n = self.s, len(self.s)
        j = i + 1
        while j < n:
            if s[j] == "\\":
                j += 2
                continue
            if s[j] == "`":
                return j + 1
            j += 1
        self.problem("unterminated backquote", i, n)
        return n

    def _skip_quoted(self, j: int, depth: int) -> int:
        """At a quote inside an expansion: past its end."""
        s, n = self.s, len(self.s)
        if s[j] == "'":
            k = s.find("'", j + 1)
            return n if k < 0 else k + 1
        k = j + 1
        while k < n:
            c = s[k]
            if c == "\\":
                k += 2
            elif c == '"':
                return k + 1
            elif c in "$`":
                k = max(k + 1, self.skip_expansion(k, depth + 1))
            else:
                k += 1
        return n

    def _skip_nested(self, i: int, depth: int, open_: str, close: str, what: str) -> int:
        s, n = self.s, len(self.s)
        level = 0
        j = i
        while j < n:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c in "'\"":
                j = self._skip_quoted(j, depth)
                continue
            if c == "`" or (c == "$" and j + 1 < n and s[j + 1] in "({" and s[j + 1] != open_):
                j = max(j + 1, self.skip_expansion(j, depth + 1))
                continue
            if c == open_:
                level += 1
            elif c == close:
                level -= 1
                if level == 0:
                    return j + 1
            j += 1
        self.problem(f"unterminated {what}", i - 1, n)
        return n

    def _skip_parens(self, i: int, depth: int) -> int:
        return self._skip_nested(i, depth, "(", ")", "$(")

    def _skip_brace(self, i: int, depth: int) -> int:
        return self._skip_nested(i, depth, "{", "}", "${")


# ---------------------------------------------------------------------------------------------
# Parser: builds the tree and the flat list of simple commands at once

_LOOPS = {"while", "until", "for"}


def _is_assignment(word: Word) -> bool:
    m = _ASSIGNMENT.match(word.raw)
    return m is not None


class _Parser:
    def __init__(self, lexer: _Lexer, tokens: list[_Tok]) -> None:
        self.lexer = lexer
        self.toks = tokens
        self.pos = 0
        self.commands: list[SimpleCommand] = []
        self.loops: list[str] = []
        self.conditions = 0
        self.pipeline_depth = 0  # enclosing compounds that sit in a pipeline of more than one command
        self.depth = 0
        self.patterns: set[int] = set()  # tokens of case patterns: their `|` is no pipe

    # token helpers
    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def at_reserved(self, *names: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "word" and not tok.word.quoted and tok.text in names

    def at_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "op" and tok.text in ops

    def skip_newlines(self) -> None:
        while self.at_op("\n"):
            self.pos += 1

    def expect_reserved(self, name: str) -> None:
        if self.at_reserved(name):
            self.pos += 1

    # grammar
    def parse_seq(self, stop: frozenset[str], role: str = "body") -> _Seq:
        seq = _Seq(role=role)
        while self.pos < len(self.toks):
            tok = self.peek()
            if tok.kind == "op" and tok.text in ("\n", ";", "&"):
                self.pos += 1
                continue
            if self.at_op(*stop) or self.at_reserved(*stop):
                break
            before = self.pos
            andor = self.parse_andor(stop)
            if self.pos == before:  # nothing readable here: skip one token
                self.pos += 1
                continue
            if andor.pipelines:
                andor.parent = seq
                seq.items.append(andor)
                sep = None
                tok = self.peek()
                if tok is not None and tok.kind == "op" and tok.text in ("\n", ";", "&"):
                    sep = ";" if tok.text == "\n" else tok.text
                    self.pos += 1
                seq.seps.append(sep)
        return seq

    def parse_andor(self, stop: frozenset[str]) -> _AndOr:
        andor = _AndOr()
        while True:
            before = self.pos
            pipe = self.parse_pipeline(stop)
            if self.pos == before:
                break
            if pipe.commands:
                pipe.parent = andor
                andor.pipelines.append(pipe)
            if self.at_op("&&", "||"):
                if pipe.commands:
                    andor.ops.append(self.peek().text)
                self.pos += 1
                self.skip_newlines()
                continue
            break
        del andor.ops[max(0, len(andor.pipelines) - 1) :]
        return andor

    def parse_pipeline(self, stop: frozenset[str]) -> _Pipe:
        pipe = _Pipe()
        if self.at_reserved("!"):
            pipe.negated = True
            self.pos += 1
        start = len(self.commands)
        while True:
            before = self.pos
            cmd = self.parse_command(stop)
            if cmd is None:
                if self.pos == before:
                    break
            else:
                if isinstance(cmd, (SimpleCommand, _Compound)):
                    pipe.commands.append(cmd)
            if self.at_op("|", "|&"):
                self.pos += 1
                self.skip_newlines()
                continue
            break
        multi = len(pipe.commands) > 1
        flat = self.commands[start:]
        for cmd in flat:
            if cmd._pipe is None:
                cmd._pipe = pipe
            cmd.negated = cmd.negated or (pipe.negated and cmd._pipe is pipe)
            cmd.in_pipeline = cmd.in_pipeline or multi
        for member in pipe.commands:
            if isinstance(member, SimpleCommand):
                member.pipeline_last = member is pipe.commands[-1]
            else:
                member.parent = pipe
        return pipe

    def parse_command(self, stop: frozenset[str]) -> SimpleCommand | _Compound | None:
        tok = self.peek()
        if tok is None:
            return None
        if self.depth > _MAX_DEPTH:
            return self.parse_simple(stop)
        if tok.kind == "op" and tok.text == "(":
            self.pos += 1
            return self.compound("subshell", lambda c: self.part(c, frozenset({")"}) | stop, ")"))
        if tok.kind == "op":
            return None
        if self.at_reserved("{"):
            self.pos += 1
            return self.compound("group", lambda c: self.part(c, frozenset({"}"}) | stop, "}"))
        if self.at_reserved("if"):
            self.pos += 1
            return self.compound("if", lambda c: self.parse_if(c, stop))
        if self.at_reserved("while", "until"):
            kind = tok.text
            self.pos += 1
            return self.compound(kind, lambda c: self.parse_loop(c, kind, stop))
        if self.at_reserved("for"):
            self.pos += 1
            return self.compound("for", lambda c: self.parse_for(c, stop))
        if self.at_reserved("case"):
            self.pos += 1
            return self.compound("case", lambda c: self.parse_case(c, stop))
        if tok.kind == "word" and tok.text == "[[" and not tok.word.quoted:
            return self.parse_simple(stop, until="]]")
        return self.parse_simple(stop)

    def compound(self, kind: str, body) -> _Compound:
        comp = _Compound(kind)
        self.depth += 1
        body(comp)
        self.depth -= 1
        self.skip_redirects()
        return comp

    def part(self, comp: _Compound, stop: frozenset[str], closer: str | None, role: str = "body") -> None:
        if role == "cond":
            self.conditions += 1
        seq = self.parse_seq(stop, role)
        if role == "cond":
            self.conditions -= 1
        seq.parent = comp
        comp.parts.append(seq)
        if closer is not None:
            if closer == ")":
                if self.at_op(")"):
                    self.pos += 1
            else:
                self.expect_reserved(closer)

    def parse_if(self, comp: _Compound, stop: frozenset[str]) -> None:
        self.part(comp, stop | {"then"}, "then", "cond")
        self.part(comp, stop | {"elif", "else", "fi"}, None)
        while self.at_reserved("elif"):
            self.pos += 1
            self.part(comp, stop | {"then"}, "then", "cond")
            self.part(comp, stop | {"elif", "else", "fi"}, None)
        if self.at_reserved("else"):
            self.pos += 1
            self.part(comp, stop | {"fi"}, None)
        self.expect_reserved("fi")

    def parse_loop(self, comp: _Compound, kind: str, stop: frozenset[str]) -> None:
        self.loops.append(kind)
        self.part(comp, stop | {"do"}, "do", "cond")
        self.part(comp, stop | {"done"}, "done")
        self.loops.pop()

    def parse_for(self, comp: _Compound, stop: frozenset[str]) -> None:
        # for NAME [in WORDS...] ; do ... done   (also bash's for ((...)))
        while self.pos < len(self.toks) and not self.at_reserved("do") and not self.at_op(*stop):
            tok = self.peek()
            if tok.kind == "word" and tok.text in stop and not tok.word.quoted:
                break
            self.pos += 1
        self.expect_reserved("do")
        self.loops.append("for")
        self.part(comp, stop | {"done"}, "done")
        self.loops.pop()

    def parse_case(self, comp: _Compound, stop: frozenset[str]) -> None:
        # case WORD in [(]PATTERN[|PATTERN]...) LIST ;; ... esac
        if self.peek() is not None and self.peek().kind == "word":
            self.pos += 1
        self.skip_newlines()
        self.expect_reserved("in")
        inner = stop | {"esac", ";;", ";&", ";;&"}
        while self.pos < len(self.toks):
            self.skip_newlines()
            if self.at_reserved("esac") or self.at_op(*stop) or self.at_reserved(*stop):
                break
            # the pattern, up to and including ')'
            while self.pos < len(self.toks) and not self.at_op(")") and not self.at_reserved("esac"):
                self.patterns.add(self.pos)
                self.pos += 1
            if not self.at_op(")"):
                break
            self.pos += 1
            self.part(comp, inner, None)
            if self.at_op(";;", ";&", ";;&"):
                self.pos += 1
        self.expect_reserved("esac")

    def skip_redirects(self) -> None:
        while self.peek() is not None and self.peek().kind == "redir":
            self.pos += 1
            if self.peek() is not None and self.peek().kind == "word":
                self.pos += 1

    def parse_simple(self, stop: frozenset[str], until: str | None = None) -> SimpleCommand | None:
        first = self.pos
        words: list[Word] = []
        redirects: list[Redirect] = []
        while self.pos < len(self.toks):
            tok = self.peek()
            if tok.kind == "word":
                # a closing word ends the command only where a command could start
                words.append(tok.word)
                self.pos += 1
                if until is not None and tok.text == until and len(words) > 1:
                    until = None
                continue
            if tok.kind == "redir" and until is None:
                self.pos += 1
                target = None
                end = tok.end
                nxt = self.peek()
                if nxt is not None and nxt.kind == "word":
                    target = nxt.word
                    end = nxt.end
                    self.pos += 1
                redirects.append(Redirect(tok.text, tok.fd, target, Span(0, 0), (tok.start, end)))
                continue
            if until is not None and tok.kind in ("op", "redir") and tok.text != "\n":
                words.append(tok.word or self._op_word(tok))
                self.pos += 1
                continue
            break
        if self.pos == first:
            return None
        assignments = []
        for w in words:
            if not _is_assignment(w):
                break
            assignments.append(w)
        cmd = SimpleCommand(words, assignments, redirects)
        cmd.in_loop = self.loops[-1] if self.loops else None
        cmd.in_condition = self.conditions > 0
        cmd._first_tok, cmd._last_tok = first, self.pos - 1
        self.commands.append(cmd)
        return cmd

    def _op_word(self, tok: _Tok) -> Word:
        """An operator read as a word, as inside `[[ a < b && c ]]`."""
        text = self.lexer.s[tok.start : tok.end]
        return self.lexer.make_word(tok.start, tok.end, list(text), list(range(tok.start, tok.end)), False, False)


def parse_script(text: MappedText, escape: str = "\\") -> Script:
    """Parse a shell script. `escape` is the Dockerfile's escape character: it only joins
    Dockerfile lines, which the Dockerfile parser has already done, so the shell's own escape
    stays the backslash whatever it is.

    The script is kept beside its text: several rules read each RUN, and a compose probe check
    reads the RUNs of the Dockerfile it builds for every service, on every change in an editor."""
    script = vars(text).get("_script")
    if script is None:
        script = vars(text)["_script"] = _parse_script(text)
    return script


def _parse_script(text: MappedText) -> Script:
    lexer = _Lexer(text)
    tokens = lexer.tokens()
    parser = _Parser(lexer, tokens)
    root = parser.parse_seq(frozenset())
    commands = parser.commands
    for cmd in commands:
        start = tokens[cmd._first_tok].start
        end = tokens[cmd._last_tok].end
        cmd.span = text.span(start, end)
        for r in cmd.redirects:
            r.span = text.span(*r._range)
    _link_operators(tokens, commands, parser.patterns)
    return Script(text, commands, lexer.problems, root)


def _link_operators(tokens: list[_Tok], commands: list[SimpleCommand], ignored: set[int]) -> None:
    def separators(a: int, b: int) -> list[str]:
        ops = []
        for k in range(a, b):
            tok = tokens[k]
            if tok.kind == "op" and tok.text in _SEPARATORS and k not in ignored:
                ops.append({"\n": ";", ";;": ";", "|&": "|", ";&": ";", ";;&": ";"}.get(tok.text, tok.text))
        return ops

    for prev, cmd in zip(commands, commands[1:]):
        between = separators(prev._last_tok + 1, cmd._first_tok)
        if between:
            prev.op_after = between[0]
            cmd.op_before = between[-1]
    if commands:
        trailing = separators(commands[-1]._last_tok + 1, len(tokens))
        if "&" in trailing[:1]:
            commands[-1].op_after = "&"


# ---------------------------------------------------------------------------------------------
# Exec form and scripts inside words

_SHELLS = {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox sh"}


def script_of(command) -> Script:
    """The script of a Dockerfile Command: parsed shell form, or one simple command made of the
    exec-form arguments (no shell runs, so no operator means anything there)."""
    text: MappedText = command.text
    if not getattr(command, "exec_form", False):
        return parse_script(text)
    args = getattr(command, "exec_args", None) or []
    if not args:
        return Script(text, [])
    index = {offset: i for i, offset in enumerate(text.offsets[:-1])}
    words = [_exec_word(value, span, text, index) for value, span in args]
    cmd = SimpleCommand(words, [], [], span=Span(words[0].span.start, words[-1].span.end))
    seq, andor, pipe = _Seq(), _AndOr(), _Pipe()
    pipe.commands.append(cmd)
    pipe.parent, andor.pipelines, andor.parent, seq.items, seq.seps = andor, [pipe], seq, [andor], [None]
    cmd._pipe = pipe
    return Script(text, [cmd], [], seq)


def _exec_word(value: str, span: Span, text: MappedText, index: dict[int, int]) -> Word:
    """A word of an exec-form argument; its span may or may not include the JSON quotes."""
    i = index.get(span.start)
    j = index.get(span.end - 1) if span.end > span.start else None
    raw = text.text[i : j + 1] if i is not None and j is not None and j >= i else value
    offsets = None
    if i is not None and j is not None:
        body_at, body = i, raw
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            body_at, body = i + 1, raw[1:-1]
        decoded, idx = _decode_json_string(body)
        if decoded == value:
            offsets = [text.offsets[body_at + k] for k in idx] + [text.span(body_at, body_at + len(body)).end]
    if offsets is None:
        offsets = [span.start] * len(value) + [span.end]
    return Word(value, raw, span, True, False, offsets)


def instruction_scripts(instruction) -> list[Script]:
    """Every script a RUN / CMD / ENTRYPOINT / HEALTHCHECK instruction runs: its command, plus
    each heredoc body that the shell runs as a script (`RUN <<EOF` alone, or `bash <<EOF`,
    `sh -s <<EOF`), unless a `#!` line names another interpreter."""
    command = getattr(instruction, "command", None)
    health = getattr(instruction, "healthcheck", None)
    if command is None and health is not None:
        command = health.command
    if command is None:
        return []
    main = script_of(command)
    scripts = [main]
    if getattr(command, "exec_form", False):
        return scripts
    unused = list(getattr(instruction, "heredocs", None) or [])
    for cmd in main.commands:
        runs_stdin = not cmd.words or (
            cmd.effective.name in _SHELLS and not any("c" in w.value[1:] for w in cmd.effective.args
                                                      if w.value.startswith("-") and w.value != "--"))
        for r in cmd.redirects:
            if r.op not in ("<<", "<<-") or r.target is None:
                continue
            heredoc = next((h for h in unused if h.delimiter == r.target.value), None)
            if heredoc is None:
                continue
            unused.remove(heredoc)
            if r.fd not in (None, "0") or not runs_stdin:
                continue
            body: MappedText = heredoc.body
            first_line = body.text.split("\n", 1)[0]
            if first_line.startswith("#!") and not any(
                posixpath.basename(part) in _SHELLS for part in first_line[2:].split()[:2]
            ):
                continue
            scripts.append(parse_script(body))
    return scripts


def _decode_json_string(body: str) -> tuple[str, list[int]]:
    simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
    out: list[str] = []
    idx: list[int] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e in simple:
                out.append(simple[e])
                idx.append(i)
                i += 2
                continue
            if e == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                code = int(body[i + 2 : i + 6], 16)
                low = body[i + 6 : i + 12]
                if 0xD800 <= code < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", low):
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00)
                    out.append(chr(code))
                    idx.append(i)
                    i += 12
                    continue
                out.append(chr(code))
                idx.append(i)
                i += 6
                continue
        out.append(c)
        idx.append(i)
        i += 1
    return "".join(out), idx


def inner_script(cmd: SimpleCommand) -> Script | None:
    """The script of `sh -c '...'` (also bash/ash/dash, `-ec`, `-xc`, `-o pipefail -c`), mapped
    back to the source; None when cmd is not such a shell or the script is not literal."""
    eff = cmd.effective
    if eff.name not in _SHELLS:
        return None
    args = eff.args
    i = 0
    found_c = False
    while i < len(args):
        v = args[i].value
        if v == "-o" or v == "+o":
            i += 2
            continue
        if v.startswith(("-", "+")) and len(v) > 1 and v != "--":
            if "c" in v[1:]:
                found_c = True
            i += 1
            continue
        break
    if not found_c or i >= len(args):
        return None
    word = args[i]
    if word.has_expansion and word.value.startswith("$") and not word.quoted:
        return None
    return parse_script(word.mapped())


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
# curl

# short options that take a value (curl src/tool_getparam.c: ARG_STRG / ARG_FILE with a letter)
CURL_SHORT_WITH_VALUE = set("AbcCdDeEFHhKmoPQrtTuUwxXyYz")
# long options that take a value (ARG_STRG / ARG_FILE); every other known long option is a switch
CURL_LONG_WITH_VALUE = set("""
abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config connect-timeout connect-to
continue-at cookie cookie-jar create-file-mode crlfile curves data data-ascii data-binary data-raw
data-urlencode delegation dns-interface dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header ech
egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account ftp-alternative-to-user
ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip header help hostpubmd5
hostpubsha256 hsts interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key key-type knownhosts krb
krb4 libcurl limit-rate local-port login-options mail-auth mail-from mail-rcpt max-filesize max-redirs
max-time netrc-file noproxy oauth2-bearer output output-dir parallel-max parallel-max-host pass pinnedpubkey
preproxy proto proto-default proto-redir proxy proxy-cacert proxy-capath proxy-cert proxy-cert-type
proxy-ciphers proxy-crlfile proxy-header proxy-key proxy-key-type proxy-pass proxy-pinnedpubkey
proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword proxy-tlsuser proxy-user proxy1.0
pubkey quote random-file range rate referer request request-target resolve retry retry-delay retry-max-time
sasl-authzid service-name sigalgs socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit
speed-time ssl-sessions stderr telnet-option tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype
tlspassword tlsuser trace trace-ascii trace-config unix-socket upload-file upload-flags url url-query user
user-agent variable vlan-priority write-out
""".split())
_OPTION_VARIABLE = re.compile(r"OPT|ARG|FLAG|PARAM|CURL", re.IGNORECASE)


@dataclass
class CurlTransfer:
    """What curl is told for one group of URLs (`--next` starts a new group)."""

    urls: list[Word] = field(default_factory=list)
    fail: bool | None = False  # None: cannot tell
    options: list[tuple[str, Word | None, Word]] = field(default_factory=list)  # (long name, value, option word)


# every short option's long name (curl src/tool_getparam.c)
_CURL_SHORT_NAMES = dict(
    pair.split("=") for pair in """
    A=user-agent b=cookie c=cookie-jar C=continue-at d=data D=dump-header e=referer E=cert F=form H=header
    h=help K=config m=max-time o=output P=ftp-port Q=quote r=range t=telnet-option T=upload-file u=user
    U=proxy-user w=write-out x=proxy X=request y=speed-time Y=speed-limit z=time-cond a=append N=buffer
    q=disable f=fail G=get g=globoff I=head k=insecure j=junk-session-cookies l=list-only L=location M=manual
    n=netrc Z=parallel #=progress-bar 0=http1.0 4=ipv4 6=ipv6 J=remote-header-name O=remote-name
    R=remote-time i=show-headers S=show-error s=silent 2=sslv2 3=sslv3 1=tlsv1 B=use-ascii v=verbose
    V=version p=proxytunnel :=next
    """.split()
)


def _words_could_be_options(word: Word) -> bool:
    """An unquoted expansion that may split into options (`$CURL_OPTS`), or an option built from one."""
    if not word.has_expansion:
        return False
    if word.value.startswith("-"):
        return True
    if word.quoted:
        return False
    return bool(_OPTION_VARIABLE.search(word.value))


def curl_transfers(cmd: SimpleCommand) -> list[CurlTransfer] | None:
    """curl's arguments read as curl reads them, one CurlTransfer per `--next` group; None when
    cmd is not curl."""
    eff = cmd.effective
    if eff.name != "curl":
        return None
    groups = [CurlTransfer()]
    fail = False
    with_body: bool | None = False  # None: old and new curl disagree
    unknown = False
    only_urls = False

    def close_group() -> None:
        if unknown:
            groups[-1].fail = None
        elif fail or with_body:
            groups[-1].fail = True
        else:
            groups[-1].fail = None if with_body is None else False

    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        i += 1
        if only_urls or not v.startswith("-") or v == "-":
            if not only_urls and _words_could_be_options(w):
                unknown = True
            groups[-1].urls.append(w)
            continue
        if v == "--":
            only_urls = True
            continue
        # (name, on, value) for each option in the word
        found: list[tuple[str, bool, Word | None]] = []
        if v.startswith("--"):
            name, eq, inline = v[2:].partition("=")
            on = True
            if "$" in name or "`" in name:
                unknown = True
            if name.startswith("no-") and name[3:] not in CURL_LONG_WITH_VALUE:
                name, on = name[3:], False
            elif name.startswith("expand-"):
                name = name[7:]
            value = None
            if eq:
                value = replace(w, value=inline)  # curl 8.x reads --name=value
            elif name in CURL_LONG_WITH_VALUE and i < len(args):
                value = args[i]
                i += 1
            found.append((name, on, value))
        else:
            letters = v[1:]
            for k, letter in enumerate(letters):
                if letter in "$`{":
                    unknown = True  # options built from a variable
                    break
                name = _CURL_SHORT_NAMES.get(letter, letter)
                if letter in CURL_SHORT_WITH_VALUE:
                    # a short option taking a value swallows the rest of the word: -of is -o f
                    rest = letters[k + 1 :]
                    value = replace(w, value=rest) if rest else (args[i] if i < len(args) else None)
                    if not rest and i < len(args):
                        i += 1
                    found.append((name, True, value))
                    break
                found.append((name, True, None))
        for name, on, value in found:
            groups[-1].options.append((name, value, w))
            if name == "fail":
                fail = on
                if on:
                    with_body = False
                elif with_body:
                    with_body = None  # curl 7.x: --no-fail clears both; 8.x keeps --fail-with-body
            elif name == "fail-with-body":
                with_body = on
                if on:
                    fail = False
            elif name == "config":
                unknown = True
            elif name == "url" and value is not None:
                groups[-1].urls.append(value)
            elif name == "next":
                close_group()
                groups.append(CurlTransfer())
                fail, with_body, unknown = False, False, False
    close_group()
    return groups


def _judged_transfer(cmd: SimpleCommand) -> CurlTransfer | None:
    groups = curl_transfers(cmd)
    if groups is None:
        return None
    with_urls = [g for g in groups if g.urls]
    return with_urls[-1] if with_urls else groups[-1]


def curl_fail(cmd: SimpleCommand) -> bool | None:
    """True when -f / --fail / --fail-with-body is in effect for curl's (last) URL, False when
    not, None when it cannot be told (config file, options from a variable) or cmd is not curl."""
    g = _judged_transfer(cmd)
    return None if g is None else g.fail


def curl_urls(cmd: SimpleCommand) -> list[Word]:
    groups = curl_transfers(cmd)
    return [u for g in groups or [] for u in g.urls]


def curl_option(cmd: SimpleCommand, name: str) -> tuple[Word | None, Word] | None:
    """The last (value, option word) of a curl long option name in the judged transfer."""
    g = _judged_transfer(cmd)
    if g is None:
        return None
    found = [(value, word) for n, value, word in g.options if n == name]
    return found[-1] if found else None


def curl_writes_status(cmd: SimpleCommand) -> bool:
    """`-w '%{http_code}'` (or %{response_code}): the status is printed, not turned into the exit code."""
    g = _judged_transfer(cmd)
    if g is None:
        return False
    return any(n == "write-out" and value is not None and re.search(r"%\{(http_code|response_code)\}", value.value)
               for n, value, _ in g.options)


def curls_without_fail(script: Script, nested: bool = False) -> Iterator[tuple[SimpleCommand, bool, bool]]:
    """Each curl whose exit status decides the script's and that runs without --fail, looking into
    `sh -c '...'`: (the curl command past exec/env prefixes, whether inserting --fail before its first
    argument is enough — not with several transfers or --no-fail —, whether it sits in an inner script)."""
    for cmd in script.commands:
        if not outcome_decided_by(script, cmd):
            continue
        eff = cmd.effective
        if eff.name == "curl":
            groups = curl_transfers(cmd) or []
            if not any(g.urls for g in groups) or curl_fail(cmd) is not False or curl_writes_status(cmd):
                continue
            plain = len(groups) == 1 and not any(w.value in ("--no-fail", "--no-fail-with-body") for w in eff.args)
            yield eff, plain, nested
            continue
        inner = inner_script(cmd)
        if inner is not None:
            yield from curls_without_fail(inner, True)


# ---------------------------------------------------------------------------------------------
# wget

# GNU Wget and BusyBox wget short options that take a value
_WGET_SHORT_WITH_VALUE = set("OoaeiBtTwPUlARDXIQY")
_WGET_LONG_WITH_VALUE = {
    "output-document", "output-file", "append-output", "execute", "input-file", "base", "tries", "timeout",
    "wait", "directory-prefix", "user-agent", "level", "accept", "reject", "domains", "exclude-directories",
    "include-directories", "quota", "proxy", "header", "post-data", "post-file", "user", "password",
    "http-user", "http-password", "load-cookies", "save-cookies", "connect-timeout", "read-timeout",
    "dns-timeout", "method", "body-data", "body-file", "ca-certificate", "certificate", "private-key",
    "limit-rate", "waitretry", "bind-address", "referer", "progress", "local-encoding", "remote-encoding",
    "ca-directory", "certificate-type", "private-key-type", "secure-protocol", "max-redirect",
}
_WGET_SHORT_NAMES = {"O": "output-document", "q": "quiet", "T": "timeout", "t": "tries", "S": "server-response",
                     "o": "output-file", "U": "user-agent", "Y": "proxy", "P": "directory-prefix", "c": "continue",
                     "s": "save-headers", "v": "verbose", "nv": "no-verbose", "Q": "quota"}


@dataclass
class WgetFlags:
    spider: bool = False
    output: Word | None = None  # -O target
    quiet: bool = False
    timeout: Word | None = None  # -T / --timeout
    tries: Word | None = None  # -t / --tries
    urls: list[Word] = field(default_factory=list)
    unknown: bool = False  # options may come from a variable


def wget_flags(cmd: SimpleCommand) -> WgetFlags | None:
    eff = cmd.effective
    if eff.name != "wget":
        return None
    flags = WgetFlags()
    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        if not v.startswith("-") or v == "-":
            if _words_could_be_options(w):
                flags.unknown = True
            flags.urls.append(w)
            i += 1
            continue
        if v == "--":
            flags.urls.extend(args[i + 1 :])
            break
        pairs: list[tuple[str, Word | None]] = []
        if v.startswith("--"):
            name, eq, inline = v[2:].partition("=")
            value = replace(w, value=inline) if eq else None
            if name in _WGET_LONG_WITH_VALUE and not eq:
                value = args[i + 1] if i + 1 < len(args) else None
                i += 1
            pairs.append((name, value))
        elif v == "-nv":
            pairs.append(("no-verbose", None))
        else:
            letters = v[1:]
            for k, letter in enumerate(letters):
                name = _WGET_SHORT_NAMES.get(letter, letter)
                if letter in _WGET_SHORT_WITH_VALUE:
                    rest = letters[k + 1 :]
                    if rest:
                        value = replace(w, value=rest)
                    else:
                        value = args[i + 1] if i + 1 < len(args) else None
                        i += 1
                    pairs.append((name, value))
                    break
                pairs.append((name, None))
        i += 1
        if w.has_expansion:
            flags.unknown = True
        for name, value in pairs:
            if name == "spider":
                flags.spider = True
            elif name == "quiet":
                flags.quiet = True
            elif name == "output-document":
                flags.output = value
            elif name == "timeout":
                flags.timeout = value
            elif name == "tries":
                flags.tries = value
    return flags


def http_client(cmd: SimpleCommand) -> str | None:
    name = cmd.effective.name
    return name if name in ("curl", "wget") else None


def is_http_probe(cmd: SimpleCommand) -> bool:
    """curl or wget asked for a URL."""
    client = http_client(cmd)
    if client == "curl":
        return bool(curl_urls(cmd))
    if client == "wget":
        flags = wget_flags(cmd)
        return flags is not None and bool(flags.urls)
    return False


# ---------------------------------------------------------------------------------------------
# Start-up dependency probes


def is_wait_probe(cmd: SimpleCommand) -> bool:
    """A command that checks whether another service is up: curl/wget to a URL, `nc -z host port`,
    pg_isready, `mysqladmin ping`, `redis-cli ping`, wait-for-it(.sh), `dockerize -wait`."""
    eff = cmd.effective
    name = eff.name or ""
    values = [w.value for w in eff.args]
    if is_http_probe(eff):
        return True
    if name in ("nc", "netcat", "ncat"):
        return any(v.startswith("-") and not v.startswith("--") and "z" in v[1:] for v in values)
    if name in ("pg_isready", "mysqladmin") and (name == "pg_isready" or "ping" in values):
        return True
    if name == "redis-cli":
        return any(v.lower() == "ping" for v in values)
    if name.startswith(("wait-for-it", "wait-for", "wait_for")):
        return True
    if name == "dockerize":
        return any(v in ("-wait", "--wait") or v.startswith(("-wait=", "--wait=")) for v in values)
    return False


def wait_probes(script: Script) -> list[SimpleCommand]:
    """Probes in the script, including those in the condition or body of an until/while loop and
    in `sh -c '...'` scripts."""
    found = []
    for cmd in script.commands:
        if is_wait_probe(cmd):
            found.append(cmd)
            continue
        inner = inner_script(cmd)
        if inner is not None:
            found.extend(wait_probes(inner))
    return found


def waits_in_loop(script: Script) -> bool:
    """An `until probe; do sleep; done` (or while) loop: the script waits for a dependency."""
    return any(cmd.in_loop in ("until", "while") and is_wait_probe(cmd) for cmd in script.commands)


# ---------------------------------------------------------------------------------------------
# Package installs and removals


@dataclass
class Install:
    manager: str  # the tool as written: apt-get, apt, aptitude, apk, yum, dnf, microdnf, tdnf, zypper
    package: str  # the name without version, release or architecture
    word: Word
    command: SimpleCommand
    group: str | None = None  # apk add --virtual NAME

    @property
    def family(self) -> str:
        return _FAMILIES.get(self.manager) or _MARK_FAMILIES.get(self.manager, self.manager)


_FAMILIES = {"apt-get": "apt", "apt": "apt", "aptitude": "apt", "apk": "apk", "yum": "rpm", "dnf": "rpm",
             "microdnf": "rpm", "tdnf": "rpm", "zypper": "zypper"}
_MARK_FAMILIES = {"apt-mark": "apt"}
# options (of the tool or its sub-command) that take the next word as their value
_PM_OPTIONS_WITH_VALUE = {
    "apt": {"-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a",
            "--host-architecture"},
    "apk": {"-X", "--repository", "-t", "--virtual", "-p", "--root", "--keys-dir", "--repositories-file",
            "--cache-dir", "--arch", "--cache-max-age", "--timeout"},
    "rpm": {"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "--installroot", "--enablerepo",
            "--disablerepo", "--repo", "--repoid", "-x", "--exclude", "--releasever", "--setopt", "--forcearch",
            "--downloaddir", "--destdir", "--rpmverbosity", "--color", "--comment"},
    "zypper": {"-t", "--type", "-r", "--repo", "--root", "-R", "--from", "-c", "--config", "-D", "--reposd-dir",
               "-C", "--cache-dir", "--installroot"},
}
_INSTALL_VERBS = {"apt": {"install"}, "apk": {"add"}, "rpm": {"install"}, "zypper": {"install", "in"}}
_REMOVE_VERBS = {"apt": {"remove", "purge", "autoremove"}, "apk": {"del"}, "rpm": {"remove", "erase", "autoremove"},
                 "zypper": {"remove", "rm"}}


def _package_name(family: str, value: str) -> str:
    if family == "apt":
        return re.split(r"[=/]", value, maxsplit=1)[0].split(":")[0]
    if family in ("apk", "zypper"):
        return re.split(r"[=<>~@]", value, maxsplit=1)[0]
    return re.split(r"[=<>]", value, maxsplit=1)[0].strip()


@dataclass
class _PackageCommand:
    manager: str
    family: str
    verb: str
    options: list[str]
    operands: list[tuple[Word, str | None]]  # (word, the option whose value it is, or None)


def _package_command(cmd: SimpleCommand) -> _PackageCommand | None:
    eff = cmd.effective
    manager = eff.name or ""
    family = _FAMILIES.get(manager)
    if family is None:
        return None
    with_value = _PM_OPTIONS_WITH_VALUE[family]
    verb = None
    options: list[str] = []
    operands: list[tuple[Word, str | None]] = []
    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        i += 1
        if v.startswith("-") and len(v) > 1:
            options.append(v)
            if v in with_value and i < len(args):
                operands.append((args[i], v))
                i += 1
        elif verb is None:
            verb = v
        else:
            operands.append((w, None))
    if verb is None:
        return None
    return _PackageCommand(manager, family, verb, options, operands)


def _packages(pc: _PackageCommand, cmd: SimpleCommand, group: str | None = None) -> list[Install]:
    found = []
    for w, option in pc.operands:
        v = w.value
        if option is not None or w.has_expansion or not v:
            continue
        if v.startswith(("/", "./", "../", "http:", "https:")) or v.endswith((".deb", ".rpm", ".apk")):
            continue  # a local or remote package file, not a name
        found.append(Install(pc.manager, _package_name(pc.family, v), w, cmd, group))
    return found


def installs(script: Script) -> list[Install]:
    """OS packages the script installs (apt-get/apt install, apk add, yum/dnf/microdnf install,
    zypper install); words with expansions are left out (their packages are unknown)."""
    return list(_remembered(script, "_installs", _installs))


def _remembered(script: Script, name: str, compute) -> list:
    """A fact about a script, found once: a compose probe check asks about every RUN of the Dockerfile
    for each probe and tool."""
    known = vars(script).get(name)
    if known is None:
        known = vars(script)[name] = compute(script)
    return known


def _installs(script: Script) -> list[Install]:
    found = []
    for cmd in script.commands:
        pc = _package_command(cmd)
        if pc is None or pc.verb not in _INSTALL_VERBS[pc.family]:
            continue
        group = None
        if pc.family == "apk":
            group = next((w.value for w, option in pc.operands if option in ("--virtual", "-t")), None)
        found.extend(_packages(pc, cmd, group))
    return found


def removals(script: Script) -> list[Install]:
    """Packages the script removes: apt-get/apt remove|purge, apk del (a package or a --virtual
    group name), dnf/yum/microdnf remove, zypper remove, and `apt-mark auto X` followed by
    `apt-get autoremove` (or remove/purge with `--auto-remove`)."""
    return list(_remembered(script, "_removals", _removals))


def _removals(script: Script) -> list[Install]:
    found = []
    marked_auto: list[Install] = []
    for cmd in script.commands:
        eff = cmd.effective
        if eff.name == "apt-mark" and eff.args and eff.args[0].value in ("auto", "markauto"):
            marked_auto.extend(Install("apt-mark", _package_name("apt", w.value), w, cmd)
                               for w in eff.args[1:] if not w.value.startswith("-") and not w.has_expansion)
            continue
        pc = _package_command(cmd)
        if pc is None or pc.verb not in _REMOVE_VERBS[pc.family]:
            continue
        found.extend(_packages(pc, cmd))
        autoremove = pc.verb == "autoremove" or any(o in ("--auto-remove", "--autoremove") for o in pc.options)
        if pc.family == "apt" and autoremove:
            found.extend(marked_auto)
            marked_auto = []
    return found


def removes(removed: list[Install], install: Install) -> bool:
    """Whether one of the removals takes away this installed package (by name or apk group)."""
    for r in removed:
        if r.family != install.family:
            continue
        if r.package == install.package or (install.group is not None and r.package == install.group):
            return True
    return False
