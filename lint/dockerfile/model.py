"""Dockerfile model and parser.

Our own line scanner decides where instructions start and end, as BuildKit's parser does
(frontend/dockerfile/parser): parser directives at the top, `# escape`, continuation lines,
comment and blank lines inside continuations, heredoc bodies, an unfinished last line, a BOM.
dockerfile-parse gets several of these wrong (heredoc bodies become instructions, comment
lines inside continuations move), so it is not used for the model; tests check our output
against its `structure` where it is right.

Every node carries exact spans into the Source text: nothing is normalised, CRLF stays CRLF
and a BOM stays in the text (offsets count it). Bad input never raises: what BuildKit would
reject is recorded in `Dockerfile.errors` (reported as DF000) and parsing goes on.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lint.core.model import Span
from lint.core.source import MappedText, Source

KEYWORDS = frozenset(
    "ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL "
    "STOPSIGNAL USER VOLUME WORKDIR".split()
)
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
# instructions whose arguments may be a JSON array (BuildKit's parseMaybeJSON / parseMaybeJSONToList)
JSON_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL", "ADD", "COPY", "VOLUME"})
COMMAND_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT"})
DIRECTIVES = ("syntax", "escape", "check")
# ARGs BuildKit defines in the global scope on its own: usable in FROM, value known only at build time
PLATFORM_ARGS = frozenset(
    f"{side}{part}" for side in ("TARGET", "BUILD") for part in ("PLATFORM", "OS", "ARCH", "VARIANT")
)

# Go's unicode.IsSpace for the characters that matter in a Dockerfile line
SPACES = " \t\n\v\f\r\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
KEYWORD_END = " \t\v\f\r"  # BuildKit splits the keyword off at [\t\v\f\r ]+
DIRECTIVE_RE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z", re.S)
HEREDOC_RE = re.compile(r"(\d*)<<(-?)([^<]*)\Z", re.S)
STAGE_NAME_RE = re.compile(r"[a-z][a-z0-9-_.]*\Z")
VARIABLE_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Problem:
    """Something BuildKit rejects (reported as DF000)."""

    message: str
    span: Span


@dataclass(frozen=True)
class Directive:
    name: str  # lower case: 'syntax', 'escape' or 'check'
    value: str
    span: Span  # the directive line, from '#' to its last non-blank character
    value_span: Span


@dataclass(frozen=True)
class Comment:
    text: str  # from '#' to the end of the line (newline excluded)
    span: Span
    line: int


@dataclass(frozen=True)
class Flag:
    name: str  # without the leading '--'
    value: str | None  # quotes removed; None for `--flag` without '='
    span: Span  # the whole `--name=value` word
    value_span: Span | None  # the value as written (quotes included)
    name_span: Span


@dataclass(frozen=True)
class Heredoc:
    word: str  # as written: `3<<-"EOF"`
    delimiter: str  # `EOF`
    quoted: bool  # some part of the delimiter quoted: no build-time expansion of the body
    strip_tabs: bool  # `<<-`
    span: Span  # of the word
    body: MappedText  # raw body lines (newlines kept), without the closing delimiter line
    body_span: Span
    fd: int | None = None  # `3<<EOF` -> 3
    terminated: bool = True


@dataclass(frozen=True)
class Command:
    exec_form: bool
    text: MappedText  # the shell script in shell form; the JSON text in exec form
    exec_args: list[tuple[str, Span]] | None  # exec form: each string's value and the span of its text
    span: Span


@dataclass(frozen=True)
class Healthcheck:
    none: bool
    type_span: Span  # the CMD / NONE word
    options: list[Flag]
    command: Command | None


@dataclass(eq=False)
class Instruction:
    keyword: str  # upper case
    span: Span
    keyword_span: Span
    line: int
    end_line: int
    flags: list[Flag]
    args: MappedText
    heredocs: list[Heredoc] = field(default_factory=list)
    command: Command | None = None
    healthcheck: Healthcheck | None = None
    inner: Instruction | None = None
    # a valid JSON array of strings as arguments (any keyword that accepts one: RUN, CMD, SHELL, COPY, ...)
    json_args: list[tuple[str, Span]] | None = None
    # whitespace-only lines inside the continuation (BuildKit warns: NoEmptyContinuation)
    empty_continuation_lines: list[int] = field(default_factory=list)
    stage: Stage | None = field(default=None, repr=False)

    def flag(self, name: str) -> Flag | None:
        """The first flag of that name (BuildKit rejects repeats)."""
        return next((f for f in self.flags if f.name == name), None)


@dataclass(eq=False)
class Stage:
    index: int
    name: str | None  # as written; compare case-insensitively
    name_span: Span | None
    from_: Instruction
    base: str  # the image as written
    base_span: Span
    base_resolved: str | None = None
    parent: Stage | None = None
    instructions: list[Instruction] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Stage({self.index}, name={self.name!r}, base={self.base!r})"

    def find(self, keyword: str) -> list[Instruction]:
        keyword = keyword.upper()
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.find(keyword)
        return found[-1] if found else None


@dataclass(eq=False)
class Dockerfile:
    source: Source
    directives: dict[str, Directive] = field(default_factory=dict)
    escape: str = "\\"
    instructions: list[Instruction] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    global_args: list[Instruction] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Dockerfile({self.path!r}, {len(self.instructions)} instructions, {len(self.stages)} stages)"

    @property
    def path(self) -> str:
        return self.source.path

    def stage_by_name(self, name: str) -> Stage | None:
        name = name.lower()
        return next((s for s in self.stages if s.name is not None and s.name.lower() == name), None)

    def target_stage(self, target: str | None = None) -> Stage | None:
        """The stage a build makes: the last one, unless a target is named (None if unknown)."""
        if target is None:
            return self.stages[-1] if self.stages else None
        return self.stage_by_name(target)

    def ancestors(self, stage: Stage) -> list[Stage]:
        """The stages this one is based on through `FROM <stage>`, nearest first."""
        chain: list[Stage] = []
        parent = stage.parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = parent.parent
        return chain

    def stage_reference(self, ref: str, stage: Stage | None = None) -> Stage | None:
        """The stage a `--from` value names: a stage name or an earlier stage's index."""
        if "$" in ref and stage is not None:
            ref = _expand(ref, self._scope(stage)) or ""
        if ref.isdigit():
            index = int(ref)
            return self.stages[index] if index < len(self.stages) else None
        return self.stage_by_name(ref) if ref else None

    def dependencies(self, stage: Stage) -> list[Stage]:
        """Stages this one needs directly: its FROM parent, COPY --from and RUN --mount=from=."""
        found: list[Stage] = [stage.parent] if stage.parent else []
        for ins in stage.instructions:
            refs: list[str] = []
            if ins.keyword in ("COPY", "ADD"):
                refs += [f.value for f in ins.flags if f.name == "from" and f.value]
            elif ins.keyword == "RUN":
                refs += [v for f in ins.flags if f.name == "mount" and f.value for v in _mount_from(f.value)]
            for ref in refs:
                dep = self.stage_reference(ref, stage)
                if dep is not None and dep is not stage and dep not in found:
                    found.append(dep)
        return found

    def reachable(self, target_stage: Stage | None) -> list[Stage]:
        """The stages built for that target (itself included), in file order."""
        if target_stage is None:
            return []
        seen = [target_stage]
        todo = [target_stage]
        while todo:
            for dep in self.dependencies(todo.pop()):
                if dep not in seen:
                    seen.append(dep)
                    todo.append(dep)
        return sorted(seen, key=lambda s: s.index)

    def arg_default(self, name: str, stage: Stage | None = None) -> str | None:
        """The value ARG `name` has without --build-arg: globally (stage None) or at the end of a stage."""
        scope = self._scope(stage) if stage is not None else self._global_scope()
        value = scope.get(name)
        return value if isinstance(value, str) else None

    def _global_scope(self) -> dict[str, object]:
        scope: dict[str, object] = {name: _UNKNOWN for name in PLATFORM_ARGS}
        for ins in self.global_args:
            _apply_arg(ins, scope, None)
        return scope

    def _scope(self, stage: Stage) -> dict[str, object]:
        """ARG values visible at the end of a stage (its base stages' ARGs included)."""
        globals_ = self._global_scope()
        scope: dict[str, object] = {}
        for s in [*reversed(self.ancestors(stage)), stage]:
            for ins in s.instructions:
                if ins.keyword == "ARG":
                    _apply_arg(ins, scope, globals_)
        return scope


class _Unknown:
    """A variable set at build time to a value we cannot know (platform ARGs)."""

    def __repr__(self) -> str:
        return "<unknown>"


_UNKNOWN = _Unknown()


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
    def error(self, message: str, span: Span) -> None:
        self.doc.errors.append(Problem(message, span))

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
            self.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", inner.keyword_span)
        elif inner.keyword in ("FROM", "MAINTAINER"):
            self.error(f"{inner.keyword} isn't allowed as an ONBUILD trigger", inner.keyword_span)

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


def _whole(text: MappedText) -> Span:
    return text.span(0, len(text.text))


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


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


def _shell_words(text: str) -> list[tuple[int, int]]:
    """Whitespace-separated words, quotes and backslash escapes kept (BuildKit's heredoc word scan)."""
    words = []
    pos = 0
    n = len(text)
    while pos < n:
        pos = _skip(text, pos, SPACES)
        if pos >= n:
            break
        start = pos
        quote = ""
        while pos < n:
            ch = text[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and quote == '"':
                    pos += 1
            elif ch in SPACES:
                break
            elif ch in "'\"":
                quote = ch
            elif ch == "\\":
                pos += 1
            pos += 1
        words.append((start, min(pos, n)))
    return words


def _unquote(word: str) -> tuple[str | None, bool]:
    """The heredoc delimiter a word names (quotes removed) and whether any part was quoted."""
    out: list[str] = []
    quoted = False
    quote = ""
    pos = 0
    while pos < len(word):
        ch = word[pos]
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                out.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and pos + 1 < len(word) and word[pos + 1] in '"\\$`':
                pos += 1
                out.append(word[pos])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
            quoted = True
        elif ch in SPACES:
            return None, False  # not a single word
        elif ch == "\\" and pos + 1 < len(word):
            pos += 1
            out.append(word[pos])
        else:
            out.append(ch)
        pos += 1
    return "".join(out), quoted


def _mount_from(value: str) -> list[str]:
    """The `from=` of a `--mount` value (comma-separated key=value fields, fields may be quoted)."""
    found = []
    for part in value.split(","):
        key, _, val = part.strip().partition("=")
        if key.strip().lower() == "from" and val:
            found.append(val.strip().strip("\"'"))
    return found


# ---------------------------------------------------------------------------------------------
# stages and variables


def _build_stages(doc: Dockerfile, error) -> None:
    stage: Stage | None = None
    for ins in doc.instructions:
        if ins.keyword == "FROM":
            stage = _new_stage(doc, ins, error)
            doc.stages.append(stage)
        elif stage is None:
            if ins.keyword == "ARG":
                doc.global_args.append(ins)
            elif ins.keyword in KEYWORDS:
                error("no build stage in current context", ins.keyword_span)
            continue
        ins.stage = stage
        stage.instructions.append(ins)
        if ins.inner is not None:
            ins.inner.stage = stage


def _new_stage(doc: Dockerfile, ins: Instruction, error) -> Stage:
    words = _words(ins.args)
    base, base_span = words[0] if words else ("", ins.args.span(0, 0))
    name = name_span = None
    if len(words) == 3 and words[1][0].lower() == "as":
        name, name_span = words[2]
        if not STAGE_NAME_RE.match(name.lower()):
            message = f'invalid name for build stage: "{name}", name can\'t start with a number or contain symbols'
            error(message, name_span)
    elif len(words) != 1:
        error("FROM requires either one or three arguments", _whole(ins.args) if words else ins.keyword_span)
    stage = Stage(index=len(doc.stages), name=name, name_span=name_span, from_=ins, base=base, base_span=base_span)
    stage.base_resolved = _expand(base, doc._global_scope()) if base else None
    key = (stage.base_resolved or base).lower()
    stage.parent = next((s for s in doc.stages if s.name is not None and s.name.lower() == key), None)
    return stage


def _words(args: MappedText) -> list[tuple[str, Span]]:
    """Arguments split at blanks (BuildKit's parseStringsWhitespaceDelimited), with spans."""
    return [(m.group(), args.span(m.start(), m.end())) for m in re.finditer(r"[^\t\v\f\r ]+", args.text)]


def _apply_arg(ins: Instruction, scope: dict[str, object], globals_: dict[str, object] | None) -> None:
    """Record the ARGs one instruction declares: `ARG A=1 B` (a bare name takes the global default)."""
    for word in _arg_words(ins.args.text):
        name, eq, value = word.partition("=")
        if not name:
            continue
        if eq:
            expanded = _expand(value, scope)
            scope[name] = expanded if expanded is not None else _UNKNOWN
        elif globals_ is not None and name in globals_:
            scope[name] = globals_[name]
        else:
            scope.setdefault(name, None)


def _arg_words(text: str) -> list[str]:
    """Words of an ARG line with quotes removed from values."""
    words = []
    for start, end in _shell_words(text):
        raw = text[start:end]
        name, eq, value = raw.partition("=")
        if eq and len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        words.append(name + eq + value)
    return words


def _expand(text: str, scope: dict[str, object]) -> str | None:
    """Substitute $VAR, ${VAR}, ${VAR:-word}, ${VAR-word}, ${VAR:+word}, ${VAR+word}.

    None when the result depends on something we cannot know: a variable without a default
    value, a platform ARG, or another form of expansion.
    """
    out: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch != "$":
            out.append(ch)
            pos += 1
            continue
        if text.startswith("${", pos):
            close = text.find("}", pos)
            if close == -1:
                return None
            inner = text[pos + 2 : close]
            pos = close + 1
            match = VARIABLE_RE.match(inner)
            if not match:
                return None
            name, rest = match.group(), inner[match.end() :]
            value = scope.get(name)
            if value is _UNKNOWN:
                return None
            if rest == "":
                if not isinstance(value, str):
                    return None
                out.append(value)
            elif rest[:2] in (":-", ":+") or rest[:1] in ("-", "+"):
                colon = rest.startswith(":")
                op, word = rest[1 if colon else 0], rest[2 if colon else 1 :]
                is_set = isinstance(value, str) and (value != "" or not colon)
                if op == "-":
                    sub = value if is_set else _expand(word, scope)
                else:
                    sub = _expand(word, scope) if is_set else ""
                if sub is None:
                    return None
                out.append(sub)  # type: ignore[arg-type]
            else:
                return None
            continue
        match = VARIABLE_RE.match(text, pos + 1)
        if not match:
            out.append(ch)
            pos += 1
            continue
        value = scope.get(match.group())
        if not isinstance(value, str):
            return None
        out.append(value)
        pos = match.end()
    return "".join(out)
