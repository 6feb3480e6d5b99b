"""The Dockerfile model: instructions with exact spans, flags, heredocs, directives, stages (base image
with ARG defaults resolved where possible, name, parent), the target stage and ARG scopes."""
from __future__ import annotations

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
    # a problem another rule reports under its own id ('onbuild-trigger': DF409), so DF000 leaves it
    kind: str = ""


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
    # answers worked out from this model and kept with it (the model never changes once parsed)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

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

    def expand(self, text: str, stage: Stage | None = None, before: Instruction | None = None) -> str | None:
        """`text` with its ARG references replaced by their defaults, as seen in a stage just before the
        instruction `before` (at the end of the stage without it; the global scope without a stage);
        None when the value depends on something unknown (a --build-arg, a platform ARG)."""
        if stage is None:
            return _expand(text, self._global_scope())
        return _expand(text, self._scope(stage, before))

    def _global_scope(self) -> dict[str, object]:
        scope: dict[str, object] = {name: _UNKNOWN for name in PLATFORM_ARGS}
        for ins in self.global_args:
            _apply_arg(ins, scope, None)
        return scope

    def _scope(self, stage: Stage, before: Instruction | None = None) -> dict[str, object]:
        """ARG values visible at the end of a stage, or just before one of its instructions (its base
        stages' ARGs included)."""
        globals_ = self._global_scope()
        scope: dict[str, object] = {}
        for s in [*reversed(self.ancestors(stage)), stage]:
            for ins in s.instructions:
                if ins is before:
                    break
                if ins.keyword == "ARG":
                    _apply_arg(ins, scope, globals_)
        return scope


class _Unknown:
    """A variable set at build time to a value we cannot know (platform ARGs)."""

    def __repr__(self) -> str:
        return "<unknown>"


_UNKNOWN = _Unknown()


def _whole(text: MappedText) -> Span:
    return text.span(0, len(text.text))


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


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
