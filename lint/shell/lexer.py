"""The shell tokenizer: words, quoting, expansions and operators, with each character's source offset."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.core.model import Span
from lint.core.source import MappedText
from lint.shell.script import Word


# ---------------------------------------------------------------------------------------------
# Tokenizer

_BLANKS = " \t\r"
_META = ";&|()<>"
_SEPARATORS = {"&&", "||", ";", "|", "&", "\n", ";;", "|&", ";&", ";;&"}
_OPERATORS = ("&&", "||", ";;&", ";;", ";&", "|&", ";", "|", "&", "(", ")")
_REDIRECTS = ("&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", "<", ">>", ">&", ">|", ">")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
            at = j if fd else i
            op = self._redirect_at(at) if s[at] in "<>&" else None  # every redirection starts so
            if op:
                start = i
                i = (j if fd else i) + len(op)
                out.append(_Tok("redir", op, start, i, fd=fd))
                continue
            op = next((o for o in _OPERATORS if s.startswith(o, i)), None) if c in "&|;()" else None
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
