"""The shell parser: builds the tree (sequence > and-or list > pipeline > command) and the flat list of
simple commands at once."""
from __future__ import annotations

from lint.core.model import Span
from lint.core.source import MappedText
from lint.shell.lexer import _Lexer, _MAX_DEPTH, _SEPARATORS, _Tok
from lint.shell.script import (
    Redirect, Script, SimpleCommand, Word, _AndOr, _Compound, _Pipe, _Seq, _is_assignment,
)


# ---------------------------------------------------------------------------------------------
# Parser: builds the tree and the flat list of simple commands at once

_LOOPS = {"while", "until", "for"}


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
