"""The Dockerfile scanner: where instructions start and end, as BuildKit's parser decides
(frontend/dockerfile/parser): parser directives at the top, `# escape`, continuation lines, comment and
blank lines inside continuations, heredoc bodies, an unfinished last line, a BOM; then flags and JSON
(exec form) arguments. Bad input never raises: what BuildKit would reject goes to `Dockerfile.errors`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lint.core.model import Span
from lint.core.source import MappedText, Source
from lint.dockerfile.model import (
    COMMAND_KEYWORDS, Command, Comment, DIRECTIVES, DIRECTIVE_RE, Directive, Dockerfile, Flag,
    HEREDOC_KEYWORDS, HEREDOC_RE, Healthcheck, Heredoc, Instruction, JSON_KEYWORDS, KEYWORDS, KEYWORD_END,
    Problem, SPACES, _build_stages, _shell_words, _skip, _unquote, _whole,
)


# ---------------------------------------------------------------------------------------------
# scanner


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # offset of the first character (after a BOM on line 1)
    end: int  # offset after the last character, newline and trailing CRs excluded
    next: int  # offset of the next line


def _split_lines(text: str) -> list[_Line]:
    lines = []
    start = 1 if text.startswith("\ufeff") else 0
    number = 1
    while start < len(text) or (number == 1 and text):
        nl = text.find("\n", start)
        stop = len(text) if nl == -1 else nl
        end = stop
        while end > start and text[end - 1] == "\r":
            end -= 1
        lines.append(_Line(number, start, end, len(text) if nl == -1 else nl + 1))
        if nl == -1:
            break
        start = nl + 1
        number += 1
    return lines


def _lstrip_offset(text: str, start: int, end: int) -> int:
    while start < end and text[start] in SPACES:
        start += 1
    return start


def _continuation_cut(text: str, start: int, end: int, escape: str) -> int | None:
    """Offset of the escape character that continues this line, or None.

    As BuildKit's regex: the escape character is the last non-blank one and is not itself escaped.
    """
    stop = end
    while stop > start and text[stop - 1] in " \t":
        stop -= 1
    if stop == start or text[stop - 1] != escape:
        return None
    if stop - 1 > start and text[stop - 2] == escape:
        return None
    return stop - 1


def parse_dockerfile(source: Source) -> Dockerfile:
    """Parse a Dockerfile. Never raises: problems go to `.errors`."""
    return _Parser(source).parse()


class _Parser:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.doc = Dockerfile(source)
        self.lines = _split_lines(self.text)

    # -- helpers -------------------------------------------------------------------------------
    def error(self, message: str, span: Span, kind: str = "") -> None:
        self.doc.errors.append(Problem(message, span, kind))

    def comment(self, line: _Line) -> None:
        start = _lstrip_offset(self.text, line.start, line.end)
        self.doc.comments.append(Comment(self.text[start : line.end], Span(start, line.end), line.number))

    def is_comment(self, line: _Line) -> bool:
        start = _lstrip_offset(self.text, line.start, line.end)
        return start < line.end and self.text[start] == "#"

    def is_blank(self, line: _Line) -> bool:
        return _lstrip_offset(self.text, line.start, line.end) == line.end

    # -- top level -----------------------------------------------------------------------------
    def parse(self) -> Dockerfile:
        index = self.parse_directives()
        while index < len(self.lines):
            index = self.parse_instruction(index)
        if not self.doc.instructions:
            self.error("file with no instructions", Span(0, 0))
        _build_stages(self.doc, self.error)
        self.doc.errors.sort(key=lambda problem: problem.span.start)
        return self.doc

    def parse_directives(self) -> int:
        """Read the parser directives at the top; returns the index of the first other line."""
        doc, text = self.doc, self.text
        lines = self.lines
        index = 0
        # `#!` on line 1: BuildKit still finds `syntax` and `check` after it, but not `escape`
        shebang = bool(lines) and text.startswith("#!", _lstrip_offset(text, lines[0].start, lines[0].end))
        if shebang:
            index = 1
            self.comment(lines[0])
        while index < len(lines):
            line = lines[index]
            start = _lstrip_offset(text, line.start, line.end)
            match = DIRECTIVE_RE.match(text, start, line.end)
            if not match or match.group(1).lower() not in DIRECTIVES:
                break
            name = match.group(1).lower()
            self.comment(line)
            span = Span(start, match.end(2))
            value_span = Span(match.start(2), match.end(2))
            index += 1
            if shebang and name == "escape":
                continue  # BuildKit's main parser stopped at the `#!` line
            if name in doc.directives:
                if not shebang:  # after `#!` only the syntax detection reads them, and it takes the first
                    self.error(f"only one {name} parser directive can be used", span)
                continue
            value = match.group(2)
            doc.directives[name] = Directive(name, value, span, value_span)
            if name == "escape":
                if value in ("\\", "`"):
                    doc.escape = value
                else:
                    self.error(f"invalid escape token '{value}' does not match ` or \\", value_span)
        return index

    def parse_instruction(self, index: int) -> int:
        """Read one instruction (or skip a comment or blank line) from lines[index]; returns the next index."""
        text, lines, escape = self.text, self.lines, self.doc.escape
        line = lines[index]
        start = _lstrip_offset(text, line.start, line.end)
        if start < line.end and text[start] == "#":
            self.comment(line)
            return index + 1
        if start == line.end:
            return index + 1
        pieces: list[tuple[int, int]] = []
        empty_lines: list[int] = []
        last = line
        cut = _continuation_cut(text, start, line.end, escape)
        pieces.append((start, line.end if cut is None else cut))
        index += 1
        while cut is not None and index < len(lines):
            line = lines[index]
            index += 1
            if self.is_comment(line):
                self.comment(line)
                continue
            if self.is_blank(line):
                empty_lines.append(line.number)
                continue
            last = line
            cut = _continuation_cut(text, line.start, line.end, escape)
            pieces.append((line.start, line.end if cut is None else cut))
        logical = _join(text, pieces)
        if not logical.text.strip(SPACES):
            return index
        ins = self.instruction(logical, last.end)
        if ins is None:
            return index
        ins.empty_continuation_lines = empty_lines
        target = ins.inner if ins.keyword == "ONBUILD" and ins.inner is not None else ins
        if target.keyword in HEREDOC_KEYWORDS and target.json_args is None and "<<" in logical.text:
            index = self.read_heredocs(ins, target, logical, index)
        self.doc.instructions.append(ins)
        return index

    def instruction(self, line: MappedText, end: int, nested: bool = False) -> Instruction | None:
        """Parse a logical line (continuations joined) into an instruction ending at source offset `end`."""
        text = line.text
        begin = _skip(text, 0, SPACES)
        if begin >= len(text):
            return None
        stop = begin
        while stop < len(text) and text[stop] not in KEYWORD_END:
            stop += 1
        keyword_text = text[begin:stop]
        keyword = keyword_text.upper()
        keyword_span = line.span(begin, stop)
        flags, args_start = _scan_flags(line, _skip(text, stop, KEYWORD_END))
        args_end = len(text)
        while args_end > args_start and text[args_end - 1] in SPACES:
            args_end -= 1
        args = line.slice(args_start, args_end)
        span = Span(keyword_span.start, max(end, keyword_span.end))
        ins = Instruction(
            keyword=keyword,
            span=span,
            keyword_span=keyword_span,
            line=self.source.position(span.start)[0],
            end_line=self.source.position(span.end)[0],
            flags=flags,
            args=args,
        )
        if keyword not in KEYWORDS:
            prefix = "unknown instruction in ONBUILD" if nested else "unknown instruction"
            self.error(f"{prefix}: {keyword_text}", keyword_span)
            return ins
        if keyword in JSON_KEYWORDS and args.text:
            ins.json_args = self.json_array(args, keyword_span)
        if keyword in COMMAND_KEYWORDS and args.text:
            ins.command = self.command(args, ins.json_args)
        elif keyword == "HEALTHCHECK":
            ins.healthcheck = self.healthcheck(ins)
        elif keyword == "ONBUILD":
            self.onbuild(ins, end)
        return ins

    def json_array(self, args: MappedText, where: Span) -> list[tuple[str, Span]] | None:
        result = _json_strings(args)
        if result is _NOT_STRINGS:
            message = "when using JSON array syntax, arrays must be comprised of strings only"
            self.error(message, _whole(args) if args.text else where)
            return None
        return result  # type: ignore[return-value]

    def command(self, text: MappedText, exec_args: list[tuple[str, Span]] | None) -> Command:
        return Command(exec_args is not None, text, exec_args, _whole(text))

    def healthcheck(self, ins: Instruction) -> Healthcheck | None:
        args = ins.args
        if not args.text:
            self.error("HEALTHCHECK requires at least one argument", ins.keyword_span)
            return None
        text = args.text
        sep = 0
        while sep < len(text) and text[sep] not in SPACES:
            sep += 1
        type_word = text[:sep].upper()
        type_span = args.span(0, sep)
        rest = args.slice(_skip(text, sep, SPACES), len(text))
        if type_word == "NONE":
            if rest.text:
                self.error("HEALTHCHECK NONE takes no arguments", _whole(rest))
            return Healthcheck(True, type_span, ins.flags, None)
        if type_word != "CMD":
            self.error(f'Unknown type "{text[:sep]}" in HEALTHCHECK (try CMD)', type_span)
            return Healthcheck(False, type_span, ins.flags, None)
        exec_args = self.json_array(rest, type_span) if rest.text else None
        if not rest.text or exec_args == []:
            self.error("Missing command after HEALTHCHECK CMD", type_span)
            return Healthcheck(False, type_span, ins.flags, None)
        return Healthcheck(False, type_span, ins.flags, self.command(rest, exec_args))

    def onbuild(self, ins: Instruction, end: int) -> None:
        if not ins.args.text:
            self.error("ONBUILD requires at least one argument", ins.keyword_span)
            return
        inner = self.instruction(ins.args, end, nested=True)
        ins.inner = inner
        if inner is None:
            return
        if inner.keyword == "ONBUILD":
            self.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", inner.keyword_span, "onbuild-trigger")
        elif inner.keyword in ("FROM", "MAINTAINER"):
            self.error(f"{inner.keyword} isn't allowed as an ONBUILD trigger", inner.keyword_span, "onbuild-trigger")

    def read_heredocs(self, ins: Instruction, target: Instruction, line: MappedText, index: int) -> int:
        """Read the bodies of the heredocs named on the logical line; returns the next line index."""
        text = self.text
        heredocs = []
        for word_start, word_end in _shell_words(line.text):
            match = HEREDOC_RE.match(line.text, word_start, word_end)
            if not match or not match.group(3):
                continue
            delimiter, quoted = _unquote(match.group(3))
            if delimiter is None:
                continue
            fd = int(match.group(1)) if match.group(1) else None
            strip_tabs = match.group(2) == "-"
            body_start = self.lines[index].start if index < len(self.lines) else len(text)
            terminated = False
            body_end, end = len(text), self.lines[-1].end
            while index < len(self.lines):
                body_line = self.lines[index]
                index += 1
                candidate = text[body_line.start : body_line.end]
                if strip_tabs:
                    candidate = candidate.lstrip("\t")
                if candidate == delimiter:
                    terminated = True
                    body_end, end = body_line.start, body_line.end
                    break
            span = line.span(word_start, word_end)
            if not terminated:
                self.error("unterminated heredoc", span)
            body_start = min(body_start, body_end)
            heredocs.append(
                Heredoc(
                    word=line.text[word_start:word_end],
                    delimiter=delimiter,
                    quoted=quoted,
                    strip_tabs=strip_tabs,
                    span=span,
                    body=MappedText.plain(text[body_start:body_end], body_start),
                    body_span=Span(body_start, body_end),
                    fd=fd,
                    terminated=terminated,
                )
            )
            ins.span = Span(ins.span.start, max(ins.span.end, end))
        if heredocs:
            ins.heredocs = heredocs
            ins.end_line = self.source.position(ins.span.end)[0]
            if target is not ins:
                target.heredocs = heredocs
                target.span = Span(target.span.start, ins.span.end)
                target.end_line = ins.end_line
        return index


def _join(text: str, pieces: list[tuple[int, int]]) -> MappedText:
    parts: list[str] = []
    offsets: list[int] = []
    for start, end in pieces:
        parts.append(text[start:end])
        offsets.extend(range(start, end))
    offsets.append(pieces[-1][1])
    return MappedText("".join(parts), offsets)


_BLANK = re.compile("[" + re.escape(SPACES) + "]")


def _scan_flags(line: MappedText, pos: int) -> tuple[list[Flag], int]:
    """BuildKit's extractBuilderFlags with positions: `--name[=value]` words up to the first other word.

    Returns the flags and the index in `line` where the arguments start.
    """
    text = line.text
    n = len(text)
    flags: list[Flag] = []
    while True:
        pos = _skip(text, pos, SPACES)
        if pos >= n or not text.startswith("--", pos):
            return flags, pos
        start = pos
        blank = _BLANK.search(text, pos)
        stop = blank.start() if blank else n
        plain = text[start:stop]
        if "'" not in plain and '"' not in plain and "\\" not in plain:
            # most flags (--from=build, --chown=app:app): no quote or escape to read character by character
            if plain == "--":
                return flags, _skip(text, stop, SPACES)
            equals = plain.find("=")
            name_end = start + equals if equals >= 0 else stop
            flags.append(Flag(
                name=plain[2:equals] if equals >= 0 else plain[2:],
                value=plain[equals + 1:] if equals >= 0 else None,
                span=line.span(start, stop),
                value_span=line.span(name_end + 1, stop) if equals >= 0 else None,
                name_span=line.span(min(start + 2, name_end), name_end),
            ))
            pos = stop
            continue
        chars: list[tuple[str, int]] = []  # unquoted characters and their index in text
        quote = ""
        while pos < n:
            ch = text[pos]
            if quote:
                if ch == quote:
                    quote = ""
                    pos += 1
                    continue
            elif ch in SPACES:
                break
            elif ch in "'\"":
                quote = ch
                pos += 1
                continue
            if ch == "\\":
                if pos + 1 == n:
                    pos += 1
                    quote = ""
                    continue
                pos += 1
                ch = text[pos]
            chars.append((ch, pos))
            pos += 1
        word = "".join(c for c, _ in chars)
        if word == "--":
            return flags, _skip(text, pos, SPACES)
        equals = next((i for i, (c, _) in enumerate(chars) if c == "="), None)
        name_end = chars[equals][1] if equals is not None else pos
        name = word[2:equals] if equals is not None else word[2:]
        value = word[equals + 1 :] if equals is not None else None
        flags.append(
            Flag(
                name=name,
                value=value,
                span=line.span(start, pos),
                value_span=line.span(name_end + 1, pos) if equals is not None else None,
                name_span=line.span(min(start + 2, name_end), name_end),
            )
        )


_NOT_STRINGS = object()


class _NoConstants(ValueError):
    pass


def _reject_constant(name: str) -> object:
    raise _NoConstants(name)  # Go's encoding/json has no NaN or Infinity


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _json_strings(args: MappedText) -> list[tuple[str, Span]] | None | object:
    """Exec form as BuildKit reads it: one JSON value at the start (anything after it is ignored).

    Returns the strings with the spans of their text, None when it is not a JSON array (shell
    form), or _NOT_STRINGS for a valid array holding something else (an error).
    """
    text = args.text
    start = _skip(text, 0, SPACES)
    if not text.startswith("[", start):
        return None
    try:
        value, _ = _DECODER.raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(item, str) for item in value):
        return _NOT_STRINGS
    # valid JSON holding only strings: walk it again to find where each string is written
    result: list[tuple[str, Span]] = []
    pos = start + 1
    for item in value:
        pos = text.index('"', pos)
        end = pos + 1
        while text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        result.append((item, args.span(pos + 1, end)))
        pos = end + 1
    return result
