"""Compose file model: a YAML node tree with exact spans, read the way compose-go reads it.

ruamel.yaml's composer gives the node tree and the positions (code-point offsets into the text
we pass, BOM included). Everything after that is ours, because compose-go (go-yaml v3) reads
YAML differently from ruamel's constructors: plain scalars are resolved by our own table
(`no` is a string, `0440` is octal 288, dates are timestamps that compose rejects), duplicate
keys are errors, `<<` merges let local keys win, and values are interpolated (`${VAR:-d}`)
before the JSON-schema check. Unset variables always read as "": lint results must not depend
on the environment they run in.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from lint.core.model import Severity, Span
from lint.core.source import Source

MAP, SEQ, SCALAR = "map", "seq", "scalar"


@dataclass(frozen=True)
class Problem:
    """A file compose cannot read (DC000): YAML syntax, duplicate keys, tabs."""

    message: str
    span: Span
    related: tuple = ()  # (span, message): the other place of a duplicate key


@dataclass(frozen=True)
class SchemaProblem:
    """A file compose reads but rejects (DC001), or a key it may not know (a warning)."""

    message: str
    span: Span
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Comment:
    text: str  # from the '#' to the end of the line, without the newline
    span: Span
    line: int
    trailing: bool  # code precedes it on its line


@dataclass(eq=False)
class Node:
    kind: str  # MAP, SEQ or SCALAR
    path: str
    span: Span  # the value itself: no tag or anchor before it, no trailing newline
    value: Any  # dict[str, Node] | list[Node] | str | int | float | bool | None
    key_span: Span | None = None  # the key whose value this is
    tag: str | None = None  # '!reset' / '!override' (other explicit tags are resolved away)
    raw: str | None = None  # scalar source text (quotes and block indicators included)
    style: str | None = None  # None plain, "'", '"', '|', '>'
    yaml_type: str = "str"  # 'map' 'seq' 'str' 'int' 'float' 'bool' 'null' 'timestamp'
    interpolated: bool = False  # a string scalar holding $VAR / ${VAR...}
    alias_span: Span | None = None  # where `*name` stands, when the value is reached through an alias
    shared: bool = False  # written once, used in more places through an alias or merge key (so are its children)
    _text: str | None = field(default=None, repr=False)  # interpolated string form

    def get(self, *keys: str | int) -> "Node | None":
        node: Node | None = self
        for key in keys:
            if node is None:
                return None
            if isinstance(key, int):
                if node.kind != SEQ or not -len(node.value) <= key < len(node.value):
                    return None
                node = node.value[key]
            else:
                if node.kind != MAP:
                    return None
                node = node.value.get(key)
        return node

    def items(self) -> Iterator[tuple[str, "Node"]]:
        if self.kind == MAP:
            yield from self.value.items()

    def __iter__(self) -> Iterator["Node"]:
        if self.kind == SEQ:
            yield from self.value
        elif self.kind == MAP:
            yield from self.value.values()

    @property
    def text(self) -> str | None:
        """The scalar as compose would use it as a string, variables substituted with their
        defaults (unset variables read as ""). None for null, maps and sequences."""
        if self.kind != SCALAR or self.value is None:
            return None
        if self._text is not None:
            return self._text
        return scalar_string(self.value)

    def plain(self) -> Any:
        """Plain Python data, interpolated with defaults."""
        if self.kind == MAP:
            return {key: child.plain() for key, child in self.value.items()}
        if self.kind == SEQ:
            return [child.plain() for child in self.value]
        if self._text is not None:
            return self._text
        return self.value

    def __repr__(self) -> str:
        shown = self.raw if self.kind == SCALAR else self.kind
        return f"Node({shown!r} @{self.span.start}..{self.span.end})"


def scalar_string(value: Any) -> str | None:
    """A resolved scalar as compose turns it into a string (a label, an env value)."""
    if value is None:
        return None
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    return str(value)


@dataclass(eq=False)
class ComposeFile:
    source: Source
    root: Node | None
    errors: list[Problem] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # interpolation and scalar problems found while reading; schema ones are added lazily
    value_problems: list[SchemaProblem] = field(default_factory=list)
    _schema_problems: list[SchemaProblem] | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def services(self) -> dict[str, Node]:
        node = self.root.get("services") if self.root else None
        return dict(node.value) if node is not None and node.kind == MAP else {}

    def extending(self, name: str) -> list[str]:
        """Services of this file that `extends` the service `name` of this same file: they inherit what
        an edit adds to it."""
        found = []
        for other, node in self.services.items():
            extends = node.get("extends") if node.kind == MAP else None
            if extends is None:
                continue
            base = extends.text if extends.kind == SCALAR else None
            if extends.kind == MAP and extends.get("file") is None and extends.get("service") is not None:
                base = extends.get("service").text
            if base == name:
                found.append(other)
        return found

    @property
    def is_fragment(self) -> bool:
        """No service has an image or a build: a piece meant to be merged with others."""
        return not any(
            svc.get("image") is not None or svc.get("build") is not None for svc in self.services.values()
        )

    @property
    def schema_problems(self) -> list[SchemaProblem]:
        """DC001: what compose would reject after reading the YAML (computed on first use)."""
        if self._schema_problems is None:
            problems = list(self.value_problems)
            if self.root is not None and not self.errors:
                problems.extend(validate(self.root))
            elif self.root is None and not self.errors:
                problems.append(SchemaProblem("the file is empty: compose rejects an empty compose file", Span(0, 0)))
            problems.sort(key=lambda p: (p.span.start, p.span.end, p.message))
            self._schema_problems = problems
        return self._schema_problems

    def validate(self) -> list[SchemaProblem]:
        return self.schema_problems


# --------------------------------------------------------------------------------------------
# Scalars as go-yaml v3 resolves them

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_FLOAT_SPECIAL = {
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
}  # fmt: skip
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
# go-yaml tries Go's time formats 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (t too) and
# "2006-1-2 15:4:5.999999999"; all start with four digits and a dash
_TIMESTAMP = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})"
    r"| \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)?\Z"
)
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


def _go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64) (and ParseUint): base from the prefix, a bare leading 0 is octal."""
    sign = 1
    body = text
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    base = 10
    lowered = body[:2].lower()
    if lowered in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[lowered]
        body = body[2:]
    elif len(body) > 1 and body[0] == "0":
        base = 8
        body = body[1:]
    if not body or any(c not in _DIGITS[base] for c in body):
        return None
    value = sign * int(body, base)
    if not -(2**63) <= value < 2**64:
        return None
    return value


def resolve_plain(text: str) -> tuple[str, Any]:
    """(yaml type, value) of an unquoted, untagged scalar as go-yaml v3 reads it."""
    if text in _NULLS:
        return "null", None
    if text in _TRUE:
        return "bool", True
    if text in _FALSE:
        return "bool", False
    if text in _FLOAT_SPECIAL:
        return "float", _FLOAT_SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if first != "." and _TIMESTAMP.match(text):
            return "timestamp", text
        plain = text.replace("_", "")
        if first != ".":
            number = _go_int(plain)
            if number is not None:
                return "int", number
        if _YAML_FLOAT.match(plain):
            return "float", float(plain)
    return "str", text


def _resolve_tagged(tag: str, text: str) -> tuple[str, Any]:
    """An explicitly tagged scalar (`!!str 0440`, `!!int "12"`)."""
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if short == "!!str":
        return "str", text
    kind, value = resolve_plain(text) if text else ("null", None)
    wanted = {"!!int": "int", "!!float": "float", "!!bool": "bool", "!!null": "null", "!!timestamp": "timestamp"}
    if short in wanted and kind != wanted[short]:
        if short == "!!float" and kind == "int":
            return "float", float(value)
        return "str", text  # compose would fail to decode it; keep the text
    return kind, value


# --------------------------------------------------------------------------------------------
# Interpolation, as compose-go's template package does it

_TEMPLATE = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)"
    r"|\{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|(?P<invalid>)))",
    re.IGNORECASE,
)
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")


class InterpolationError(ValueError):
    pass


def _closing_brace(text: str) -> int:
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        if text[i] == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _operator(template: str) -> str:
    found = [(template.find(op), n, op) for n, op in enumerate(_OPERATORS) if op in template]
    return min(found)[2] if found else _OPERATORS[0]


def interpolate(template: str) -> tuple[str, bool]:
    """(result, uses_variables) with every variable unset: `${V:-d}` -> d, `${V}` -> "".
    `${V:?err}` gives "" (the user's environment is expected to set it).
    Raises InterpolationError for an invalid `${...}`."""
    used = False

    def replace(match: re.Match) -> str:
        nonlocal used
        whole = match.group(0)
        if match.group("escaped"):
            return "$"
        operator = _operator(whole)
        end = _closing_brace(whole)
        rest = ""
        if end > -1:
            whole, rest = whole[: end + 1], whole[end + 1 :]
        m = _TEMPLATE.match(whole)
        substitution = m.group("named") if m else None
        braced = False
        if not substitution:
            substitution = m.group("braced") if m else None
            braced = True
        if not substitution:
            raise InterpolationError(match.group(0))
        used = True
        if braced and operator in substitution:
            argument = substitution.split(operator, 1)[1]
            value = ""
            if operator in (":-", "-"):
                value, _ = interpolate(argument)
            else:
                interpolate(argument)  # still must be well formed
            nested, _ = interpolate(rest)
            return value + nested
        return ""

    if "$" not in template:
        return template, False
    result = _TEMPLATE.sub(replace, template)
    return result, used


# --------------------------------------------------------------------------------------------
# Reading the YAML

_TAB_ERROR = "found character '\\t' that cannot start any token"


def parse_compose(source: Source) -> ComposeFile:
    """Read a compose file. Never raises: problems are recorded with their spans."""
    import warnings

    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = source.text
    parsed = text
    doc = ComposeFile(source, None)
    roots: list[Any] = _compose_fast(text) or []
    composer: Any = None
    for _attempt in range(0 if roots else 200):
        roots = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # duplicate anchors: go-yaml lets the last one win too
                yaml = YAML(typ="safe", pure=True)
                yaml.Composer = _composer_class()
                composer = yaml.composer
                for root in yaml.compose_all(parsed):
                    roots.append(root)
            break
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            index = min(mark.index, len(text)) if mark is not None else 0
            if exc.problem == _TAB_ERROR:
                fixed = _space_out_tab(parsed, index)
                if fixed is not None:
                    parsed = fixed
                    continue
                message = "a tab here is not allowed: YAML indents with spaces only"
                doc.errors.append(Problem(message, _tab_span(text, index)))
            else:
                doc.errors.append(Problem(_yaml_message(exc), _point(text, index)))
            roots = []
            break
        except RecursionError:
            doc.errors.append(Problem("the YAML is nested too deeply to read", Span(0, 0)))
            roots = []
            break
        except (YAMLError, ValueError) as exc:  # anything else the reader may raise
            doc.errors.append(Problem(f"cannot read the YAML: {exc}", Span(0, 0)))
            roots = []
            break
    builder = _Builder(source, doc, composer.alias_marks if roots and composer is not None else {})
    try:
        nodes = [n for n in (builder.build(root) for root in roots) if n is not None]
    except RecursionError:
        doc.errors.append(Problem("the YAML is nested too deeply to read", Span(0, 0)))
        nodes = []
    doc.root = _merge_documents(nodes) if nodes else None
    doc.comments = _comments(text, builder.scalar_spans if not doc.errors else None)
    if doc.root is not None and not doc.errors:
        _check_values(doc.root, doc.value_problems)
    return doc


def _compose_fast(text: str) -> list[Any] | None:
    """The documents composed by ruamel's C parser (libyaml, from ruamel.yaml.clib) when it is installed:
    about four times faster than the pure-Python one, which matters when an editor re-reads the file on
    every change. Used only where the two read alike: no BOM (libyaml counts offsets after it), tabs,
    directives, YAML 1.1 line breaks, anchors or aliases (libyaml allows fewer characters in their names,
    and the pure composer notes where each `*name` is written), no one-pair mapping in a flow sequence,
    and text the C parser accepts. Anything else (None) takes the pure path, whose messages and tab
    handling the rest relies on."""
    if _reads_differently(text) or _nests_deeply(text):
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.main import CParser

    if CParser is None:
        return None
    yaml = YAML(typ="safe", pure=False)
    if yaml.Parser is not CParser:
        return None
    yaml.Resolver = _tag_keeping_resolver()
    try:
        roots = list(yaml.compose_all(text))
    except Exception:
        return None
    if "[" in text and _has_flow_pair(roots, text):
        return None
    return roots


_TAG_KEEPING: Any = None


def _tag_keeping_resolver() -> Any:
    """A resolver that gives implicit nodes the generic tag of their kind: the C parser asks the Python
    resolver about every node, which took half its time, and we resolve plain scalars ourselves
    (resolve_plain); explicit tags such as !reset are kept as written."""
    global _TAG_KEEPING
    if _TAG_KEEPING is None:
        from ruamel.yaml.resolver import VersionedResolver

        generic = {"ScalarNode": "tag:yaml.org,2002:str", "SequenceNode": "tag:yaml.org,2002:seq",
                   "MappingNode": "tag:yaml.org,2002:map"}

        class TagKeepingResolver(VersionedResolver):
            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                return generic[kind.__name__]

        _TAG_KEEPING = TagKeepingResolver
    return _TAG_KEEPING


def _has_flow_pair(roots: list[Any], text: str) -> bool:
    """libyaml reads `["a": , b]` as a one-pair mapping inside the sequence; the pure parser rejects it."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        kind = type(node).__name__
        if kind == "SequenceNode":
            stack.extend(node.value)
        elif kind == "MappingNode":
            if node.flow_style and not text.startswith("{", node.start_mark.index):
                return True
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return False


def _reads_differently(text: str) -> bool:
    """Where libyaml reads differently: a tab, a BOM, a directive, YAML 1.1 line breaks (NEL, LS, PS), and
    `&name` / `*name` where a token may start (`&&` in a command and `*.example.com` in quotes are not).
    Substring tests first: a regular expression trying each position costs a tenth of the C parse."""
    if any(char in text for char in "\t\ufeff\x85\u2028\u2029"):
        return True
    if "%" in text and _DIRECTIVE.search(text):
        return True
    return ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text) is not None


def _nests_deeply(text: str) -> bool:
    """libyaml composes recursively in C: nesting thousands deep would overflow its stack, where the pure
    path reports a clear error. Flow brackets, a long indentation, a long run of `- - - ...` on one line."""
    if text.count("[") + text.count("{") > 1000 or " " * 1000 in text:
        return True
    return ("- - " in text or "? " in text) and _COMPACT_RUN.search(text) is not None


_DIRECTIVE = re.compile(r"^%", re.M)
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s&*]")
_COMPACT_RUN = re.compile(r"(?:[-?][ \t]+){100}")


_COMPOSER: Any = None


def _composer_class() -> Any:
    """ruamel's composer, also noting where each alias (`*name`) is written: the composed tree
    hands back the anchored node itself and forgets the alias."""
    global _COMPOSER
    if _COMPOSER is None:
        from ruamel.yaml.composer import Composer
        from ruamel.yaml.events import AliasEvent

        class AliasMarkingComposer(Composer):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.alias_marks: dict[tuple[int, int], Span] = {}

            def compose_node(self, parent: Any, index: Any) -> Any:
                if parent is not None and index is not None and self.parser.check_event(AliasEvent):
                    event = self.parser.peek_event()
                    where = index if isinstance(index, int) else id(index)
                    self.alias_marks[(id(parent), where)] = Span(event.start_mark.index, event.end_mark.index)
                return super().compose_node(parent, index)

        _COMPOSER = AliasMarkingComposer
    return _COMPOSER


def _point(text: str, index: int) -> Span:
    """A one-character span at index (empty at the end of the text)."""
    if index < len(text) and text[index] not in "\r\n":
        return Span(index, index + 1)
    return Span(index, index)


def _tab_span(text: str, index: int) -> Span:
    end = index
    while end < len(text) and text[end] == "\t":
        end += 1
    return Span(index, max(end, index))


def _space_out_tab(text: str, index: int) -> str | None:
    """A tab after `key:` or before a comment or the line end is fine to compose (go-yaml) but
    not to ruamel: replace that run of blanks with spaces (same length, so offsets stay)."""
    if index >= len(text) or text[index] != "\t":
        return None
    line_start = text.rfind("\n", 0, index) + 1
    start = index
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    if start == line_start:
        return None  # indentation
    end = index
    while end < len(text) and text[end] in " \t":
        end += 1
    after = text[end] if end < len(text) else "\n"
    if text[start - 1] == ":" or after in "#\r\n":
        return text[:start] + " " * (end - start) + text[end:]
    return None


def _yaml_message(exc: Any) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if problem.startswith("found undefined alias"):
        return f"{problem}: define the anchor (&name) before using it"
    if problem.startswith("expected <block end>"):
        return f"invalid YAML: bad indentation ({context}, {problem.replace('<block mapping start>', 'a new mapping')})"
    message = f"{context}: {problem}" if context and problem else problem or context or "invalid YAML"
    return f"invalid YAML: {message}"


class _Builder:
    """Turns ruamel nodes into ours: values resolved, merges applied, spans exact."""

    def __init__(self, source: Source, doc: ComposeFile, alias_marks: dict[tuple[int, int], Span]) -> None:
        self.alias_marks = alias_marks
        self.text = source.text
        self.path = source.path
        self.doc = doc
        self.memo: dict[int, Node] = {}
        self.building: set[int] = set()  # collections not finished yet: an alias to one is a cycle
        self.scalar_spans: list[tuple[int, int]] = []  # raw extents: '#' inside is not a comment

    def build(self, node: Any, key_span: Span | None = None, alias_span: Span | None = None) -> Node | None:
        known = self.memo.get(id(node))
        if id(node) in self.building:
            anchor = getattr(node, "anchor", None) or "?"
            self.doc.errors.append(Problem(f"anchor {anchor!r} contains an alias to itself", alias_span or known.span))
            return None
        if known is not None:  # an alias: the same value, reached from another key
            _mark_shared(known)
            copy = Node(**{f: getattr(known, f) for f in known.__dataclass_fields__})
            copy.key_span = key_span
            copy.alias_span = alias_span
            return copy
        kind = type(node).__name__
        if kind == "ScalarNode":
            built = self._scalar(node, key_span)
        elif kind == "SequenceNode":
            built = Node(SEQ, self.path, Span(0, 0), [], key_span, self._custom_tag(node), yaml_type="seq")
            self.memo[id(node)] = built
            self.building.add(id(node))
            ends = []
            for index, item in enumerate(node.value):
                child = self.build(item, None, self.alias_marks.get((id(node), index)))
                if child is not None:
                    built.value.append(child)
                    ends.append(_written_end(child))
            built.span = self._collection_span(node, ends)
            self.building.discard(id(node))
        elif kind == "MappingNode":
            built = Node(MAP, self.path, Span(0, 0), {}, key_span, self._custom_tag(node), yaml_type="map")
            self.memo[id(node)] = built
            self.building.add(id(node))
            ends = self._mapping(node, built)
            self.building.discard(id(node))
            built.span = self._collection_span(node, ends)
        else:
            return None
        self.memo[id(node)] = built
        return built

    def _custom_tag(self, node: Any, value_start: int | None = None) -> str | None:
        """!reset / !override. Only a node written with a tag can have one: reading ruamel's node.tag
        decodes the tag URI anew for every node, a fifth of the time of reading a file."""
        if value_start is None:
            value_start = self._value_start(node)
        if "!" not in self.text[node.start_mark.index : value_start]:
            return None
        return _custom_tag(node.tag)

    def _value_start(self, node: Any) -> int:
        """Skip the node's properties (&anchor, !tag) and the blanks after them."""
        text = self.text
        i = node.start_mark.index
        end = node.end_mark.index
        while i < end and text[i] in "&!":
            while i < end and text[i] not in " \t\r\n":
                i += 1
            while i < end:
                if text[i] in " \t\r\n":
                    i += 1
                elif text[i] == "#":
                    while i < end and text[i] not in "\r\n":
                        i += 1
                else:
                    break
        return i

    def _scalar(self, node: Any, key_span: Span | None) -> Node:
        text = self.text
        start = self._value_start(node)
        end = max(start, node.end_mark.index)
        style = node.style or None
        self.scalar_spans.append((start, end))
        if style in ("|", ">"):
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
        raw = text[start:end]
        tag = self._custom_tag(node, start)
        explicit = _explicit_tag(text, node.start_mark.index, start)
        if style is not None:
            yaml_type, value = "str", node.value
            if explicit and explicit.startswith("!!") and explicit != "!!str":
                yaml_type, value = _resolve_tagged(explicit, node.value)
        elif explicit and explicit.startswith("!!"):
            yaml_type, value = _resolve_tagged(explicit, node.value)
        else:
            yaml_type, value = resolve_plain(node.value)
        if start == end and value is None and key_span is not None:
            colon = text.find(":", key_span.end)
            if colon != -1 and colon < node.start_mark.index + 1:
                start = end = colon + 1
        built = Node(SCALAR, self.path, Span(start, end), value, key_span, tag, raw, style, yaml_type)
        if yaml_type == "str" and "$" in value:
            try:
                result, used = interpolate(value)
            except InterpolationError:
                self.doc.value_problems.append(
                    SchemaProblem(f"invalid interpolation format in {value!r}: write a literal $ as $$", built.span)
                )
            else:
                built._text = result
                built.interpolated = used
        return built

    def _mapping(self, node: Any, built: Node) -> list[int]:
        """Fill built.value; return where each entry's value ends in the text."""
        seen: dict[str, Span] = {}
        merges: list[tuple[Any, Span, Span | None]] = []
        ends: list[int] = []
        for key_node, value_node in node.value:
            key_start = self._value_start(key_node)
            key_end = max(key_start, key_node.end_mark.index)
            if type(key_node).__name__ != "ScalarNode":
                self.doc.errors.append(Problem("a mapping key must be a plain value", Span(key_start, key_end)))
                continue
            self.scalar_spans.append((key_start, key_end))
            key = node_key = key_node.value
            key_span = Span(key_start, key_end)
            if key in seen:
                first = seen[key]
                first_line = self.text.count("\n", 0, first.start) + 1
                self.doc.errors.append(Problem(f"duplicate key {key!r}: already defined on line {first_line}",
                                               key_span, ((first, f"{key!r} first defined here"),)))
            seen[key] = key_span
            alias_span = self.alias_marks.get((id(node), id(key_node)))
            if node_key == "<<" and not key_node.style:  # the C parser writes a plain style as ''
                merges.append((value_node, key_span, alias_span))
                continue
            child = self.build(value_node, key_span, alias_span)
            if child is not None:
                built.value[key] = child
                ends.append(max(key_span.end, _written_end(child)))
        for value_node, key_span, alias_span in merges:
            merged = self._merge(value_node, key_span, alias_span, built)
            ends.append(_written_end(merged) if merged is not None else key_span.end)
        return ends

    def _merge(self, value_node: Any, key_span: Span, alias_span: Span | None, built: Node) -> Node | None:
        """`<<: *a` / `<<: [*a, *b]`: keys not set locally come from the merged maps, the
        earlier map in a list winning."""
        merged = self.build(value_node, key_span, alias_span)
        sources = [merged] if merged is not None and merged.kind != SEQ else list(merged.value) if merged else []
        for source in sources:
            if source.kind != MAP:
                self.doc.errors.append(Problem("a merge key `<<` needs a mapping or a list of mappings", source.span))
                return merged
        for source in sources:
            for key, child in source.value.items():
                built.value.setdefault(key, child)
        return merged

    def _collection_span(self, node: Any, ends: list[int]) -> Span:
        start = self._value_start(node)
        if node.flow_style or not ends:
            return Span(start, max(start, node.end_mark.index))
        # a block collection ends with its last item, not with the blank or comment lines after it
        return Span(start, max([start, *ends]))


def _mark_shared(node: Node) -> None:
    """An edit of this text changes every place that uses it: fixes ask before editing (lint/yamledit.py)."""
    if node.shared:
        return
    node.shared = True
    children = node.value.values() if node.kind == MAP else node.value if node.kind == SEQ else ()
    for child in children:
        _mark_shared(child)


def _written_end(node: Node) -> int:
    """Where a value ends in the text at the place it is used (an alias ends at `*name`)."""
    return node.alias_span.end if node.alias_span is not None else node.span.end


def _explicit_tag(text: str, start: int, value_start: int) -> str | None:
    for word in text[start:value_start].split():
        if word.startswith("!"):
            return word
    return None


def _custom_tag(tag: Any) -> str | None:
    tag = str(tag) if tag is not None else None
    return tag if tag in ("!reset", "!override") else None


def _merge_documents(nodes: list[Node]) -> Node:
    """Several `---` documents are merged in order, as compose does: maps by key, the later
    document's other values replacing the earlier ones."""
    result = nodes[0]
    for node in nodes[1:]:
        result = _merge_two(result, node)
    return result


def _merge_two(base: Node, over: Node) -> Node:
    if base.kind != MAP or over.kind != MAP:
        return over
    merged = dict(base.value)
    for key, child in over.value.items():
        merged[key] = _merge_two(merged[key], child) if key in merged else child
    copy = Node(**{f: getattr(over, f) for f in over.__dataclass_fields__})
    copy.value = merged
    return copy


# --------------------------------------------------------------------------------------------
# Comments


def _comments(text: str, scalar_spans: list[tuple[int, int]] | None) -> list[Comment]:
    """Every `#` comment: a '#' at a line start or after a blank, outside any scalar. Without a
    node tree (a YAML error), quotes are tracked within each line instead."""
    starts = sorted(scalar_spans or [])
    begins = [s for s, _ in starts]
    comments: list[Comment] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        quote = None
        for i, char in enumerate(body):
            if scalar_spans is None:
                if quote:
                    if char == quote:
                        quote = None
                    continue
                if char in "'\"" and (i == 0 or body[i - 1] in " \t:[{,-"):
                    quote = char
                    continue
            if char != "#" or (i > 0 and body[i - 1] not in " \t\ufeff"):
                continue
            at = offset + i
            if scalar_spans is not None:
                k = bisect.bisect_right(begins, at) - 1
                inside = any(s <= at < e for s, e in starts[max(0, k - 8) : k + 1])
                if inside:
                    continue
            trailing = body[:i].strip(" \t\ufeff") != ""
            comments.append(Comment(body[i:], Span(at, offset + len(body)), number, trailing))
            break
        offset += len(line)
    return comments


# --------------------------------------------------------------------------------------------
# Values compose rejects whatever the schema says


def _check_values(node: Node, problems: list[SchemaProblem]) -> None:
    """Unquoted dates: go-yaml reads them as timestamps, which compose cannot use outside x-*
    (the schema does not look inside extensions, at any level)."""
    if node.kind == SCALAR:
        if node.yaml_type == "timestamp":
            problems.append(
                SchemaProblem(
                    f"{node.raw} is read as a date, which compose rejects (invalid jsonType time.Time): quote it",
                    node.span,
                )
            )
        return
    for key, child in node.items() if node.kind == MAP else enumerate(node.value):
        if isinstance(key, str) and key.startswith("x-"):
            continue
        _check_values(child, problems)


# --------------------------------------------------------------------------------------------
# Schema


# compose-go casts strings at these paths (after interpolation, before the schema check);
# a string that does not cast is an error. '*' is any key, '[]' any list item.
_INT, _INT64, _FLOAT, _BOOL = "int", "int64", "float", "bool"
_CASTS: dict[tuple[str, ...], str] = {
    **{
        ("services", "*", *path): cast
        for path, cast in {
            ("configs", "[]", "mode"): _INT,
            ("cpu_count",): _INT64,
            ("cpu_percent",): _FLOAT,
            ("cpu_period",): _INT64,
            ("cpu_quota",): _INT64,
            ("cpu_rt_period",): _INT64,
            ("cpu_rt_runtime",): _INT64,
            ("cpus",): _FLOAT,
            ("cpu_shares",): _INT64,
            ("init",): _BOOL,
            ("deploy", "replicas"): _INT,
            ("deploy", "update_config", "parallelism"): _INT,
            ("deploy", "update_config", "max_failure_ratio"): _FLOAT,
            ("deploy", "rollback_config", "parallelism"): _INT,
            ("deploy", "rollback_config", "max_failure_ratio"): _FLOAT,
            ("deploy", "restart_policy", "max_attempts"): _INT,
            ("deploy", "placement", "max_replicas_per_node"): _INT,
            ("healthcheck", "retries"): _INT,
            ("healthcheck", "disable"): _BOOL,
            ("oom_kill_disable",): _BOOL,
            ("oom_score_adj",): _INT64,
            ("pids_limit",): _INT64,
            ("ports", "[]", "target"): _INT,
            ("privileged",): _BOOL,
            ("read_only",): _BOOL,
            ("scale",): _INT,
            ("secrets", "[]", "mode"): _INT,
            ("stdin_open",): _BOOL,
            ("tty",): _BOOL,
            ("ulimits", "*"): _INT,
            ("ulimits", "*", "hard"): _INT,
            ("ulimits", "*", "soft"): _INT,
            ("volumes", "[]", "read_only"): _BOOL,
            ("volumes", "[]", "volume", "nocopy"): _BOOL,
        }.items()
    },
    ("networks", "*", "external"): _BOOL,
    ("networks", "*", "internal"): _BOOL,
    ("networks", "*", "attachable"): _BOOL,
    ("networks", "*", "enable_ipv4"): _BOOL,
    ("networks", "*", "enable_ipv6"): _BOOL,
    ("volumes", "*", "external"): _BOOL,
    ("secrets", "*", "external"): _BOOL,
    ("configs", "*", "external"): _BOOL,
}
_CAST_NAMES = {_INT: "an integer", _INT64: "an integer", _FLOAT: "a number", _BOOL: "a boolean"}
_BOOLEANS = {"true": True, "false": False, "y": True, "yes": True, "on": True, "n": False, "no": False, "off": False}


# Strings compose reads later, while decoding into its types (a failure is an error there too)
_DURATION, _SIZE = "duration", "size"
_DECODED: dict[tuple[str, ...], str] = {
    ("services", "*", *path): kind
    for path, kind in {
        ("stop_grace_period",): _DURATION,
        ("healthcheck", "interval"): _DURATION,
        ("healthcheck", "timeout"): _DURATION,
        ("healthcheck", "start_period"): _DURATION,
        ("healthcheck", "start_interval"): _DURATION,
        ("deploy", "restart_policy", "delay"): _DURATION,
        ("deploy", "restart_policy", "window"): _DURATION,
        ("deploy", "update_config", "delay"): _DURATION,
        ("deploy", "update_config", "monitor"): _DURATION,
        ("deploy", "rollback_config", "delay"): _DURATION,
        ("deploy", "rollback_config", "monitor"): _DURATION,
        ("mem_limit",): _SIZE,
        ("mem_reservation",): _SIZE,
        ("memswap_limit",): _SIZE,
        ("mem_swappiness",): _SIZE,
        ("shm_size",): _SIZE,
        ("build", "shm_size"): _SIZE,
        ("volumes", "[]", "tmpfs", "size"): _SIZE,
        ("deploy", "resources", "limits", "memory"): _SIZE,
        ("deploy", "resources", "reservations", "memory"): _SIZE,
        ("attach",): _BOOL,
        ("build", "no_cache"): _BOOL,
        ("build", "pull"): _BOOL,
        ("build", "privileged"): _BOOL,
        ("volumes", "[]", "bind", "create_host_path"): _BOOL,
        ("depends_on", "*", "restart"): _BOOL,
        ("env_file", "[]", "required"): _BOOL,
        ("post_start", "[]", "privileged"): _BOOL,
        ("pre_stop", "[]", "privileged"): _BOOL,
    }.items()
}
# only what is plainly not a size: compose's size reader takes "1gb", "1.5 GiB", "1e3", ...
_SIZE_START = re.compile(r"\s*[-+]?[0-9.]")
_DECODED_NAMES = {_DURATION: "a duration (such as 30s or 1m30s)", _SIZE: "a size (such as 512m or 1gb)",
                  _BOOL: "a boolean"}


def _decoded_ok(text: str, kind: str) -> bool:
    if kind == _DURATION:
        from lint.core.goparse import parse_duration

        return parse_duration(text)[0] is not None
    if kind == _SIZE:
        return bool(_SIZE_START.match(text))
    return text.lower() in _BOOLEANS


def _pattern_for(table: dict[tuple[str, ...], str], path: tuple) -> str | None:
    """The kind of the first pattern of `table` that `path` matches ('*' any key, '[]' any list item).
    Walks a trie of the patterns: this runs for every scalar of the file on every change."""
    if not path or path[0] not in ("services", "networks", "volumes", "secrets", "configs"):
        return None
    trie = _TRIES.get(id(table))
    if trie is None:
        trie = _TRIES[id(table)] = _trie(table)
    nodes = [trie]
    for key in path:
        nodes = [child for node in nodes for child in (
            (node.get("[]"),) if isinstance(key, int) else (node.get(key), node.get("*"))) if child is not None]
        if not nodes:
            return None
    ends = [node[None] for node in nodes if None in node]
    return min(ends)[1] if ends else None


_TRIES: dict[int, dict] = {}


def _trie(table: dict[tuple[str, ...], str]) -> dict:
    root: dict = {}
    for order, (pattern, kind) in enumerate(table.items()):
        node = root
        for part in pattern:
            node = node.setdefault(part, {})
        node.setdefault(None, (order, kind))
    return root


def _cast_for(path: tuple) -> str | None:
    return _pattern_for(_CASTS, path)


def _cast(text: str, cast: str) -> Any:
    if cast == _BOOL:
        return _BOOLEANS[text.lower()]
    if cast == _FLOAT:
        if not _GO_FLOAT.match(text):
            raise ValueError(text)
        return float(text.replace("_", ""))
    if not re.fullmatch(r"[+-]?[0-9]+", text):  # strconv.Atoi / ParseInt(s, 10, 64)
        raise ValueError(text)
    return int(text)


_GO_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)\Z", re.I)


def _validation_data(node: Node, path: tuple, problems: list[SchemaProblem]) -> Any:
    """The data compose validates: interpolated with defaults, strings cast at compose's cast paths."""
    # `!reset` values are dropped before compose validates (they only undo an inherited value)
    if node.kind == MAP:
        return {
            key: _validation_data(child, (*path, key), problems)
            for key, child in node.value.items()
            if child.tag != "!reset"
        }
    if node.kind == SEQ:
        return [_validation_data(child, (*path, i), problems) for i, child in enumerate(node.value)]
    value = node.plain()
    if isinstance(value, str) and node.yaml_type == "str":
        # an interpolated value may be fine once its variables are set: judge only literal text
        cast = _cast_for(path)
        if cast is not None:
            try:
                return _cast(value, cast)
            except (ValueError, KeyError):
                if not node.interpolated:
                    problems.append(
                        SchemaProblem(f"{_dotted(path)}: {value!r} is not {_CAST_NAMES[cast]}", _problem_span(node))
                    )
        decoded = _pattern_for(_DECODED, path)
        if decoded is not None and not node.interpolated and not _decoded_ok(value, decoded):
            problems.append(
                SchemaProblem(f"{_dotted(path)}: {value!r} is not {_DECODED_NAMES[decoded]}", _problem_span(node))
            )
    return value


_VALIDATOR: Any = None


def _validator() -> Any:
    """The compose schema validator, built once per process."""
    global _VALIDATOR
    if _VALIDATOR is None:
        import json
        from pathlib import Path

        from jsonschema import Draft202012Validator

        schema = json.loads((Path(__file__).with_name("compose.schema.json")).read_text(encoding="utf-8"))
        _VALIDATOR = Draft202012Validator(schema)
    return _VALIDATOR


def _dotted(path: tuple | list) -> str:
    return ".".join(str(p) for p in path) or "the top level"


def _problem_span(node: Node) -> Span:
    return node.key_span or node.span


def _v1_services(root: Node) -> list[str]:
    """Top-level keys that look like Compose v1 services (`web: {image: x}` without `services:`)."""
    if root.get("services") is not None:
        return []
    return [
        key
        for key, child in root.items()
        if key not in _TOP_LEVEL and not key.startswith("x-") and child.kind == MAP
        and any(k in child.value for k in ("image", "build", "command", "ports", "links", "volumes"))
    ]


_TOP_LEVEL = {"version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models"}


def validate(root: Node) -> list[SchemaProblem]:
    """Check the file against our compose schema; every problem sits on the key at fault."""
    if root.kind != MAP:
        return [SchemaProblem("a compose file must be a mapping of top-level keys (services:, ...)", root.span)]
    legacy = _v1_services(root)
    if legacy:
        first = root.get(legacy[0])
        return [
            SchemaProblem(
                f"obsolete Compose v1 format (service {legacy[0]!r} at the top level): put the services under "
                "`services:`",
                _problem_span(first),
            )
        ]
    problems: list[SchemaProblem] = []
    data = _validation_data(root, (), problems)
    for error in _schema_errors(data):
        problems.extend(_explain(error, root))
    return problems


# a service's schema errors by (name, content): an edit in an editor re-validates only the service it touches
_SERVICE_ERRORS: dict[tuple[str, str], list] = {}


def _schema_errors(data: Any) -> list:
    """jsonschema's errors for the file, in the order it finds them. Each service is validated on its own
    (and remembered by its content) in the place the whole file's validation would reach it: after the
    top-level keys the schema lists before `services`, before the error on invalid service names."""
    import json

    validator = _validator()
    services = data.get("services") if isinstance(data, dict) else None
    shape = validator.schema["properties"]["services"]
    patterns = list(shape.get("patternProperties", {}))
    if not isinstance(services, dict) or list(shape) != ["type", "patternProperties", "additionalProperties"] or \
            len(patterns) != 1:
        return list(validator.iter_errors(data))
    pattern = re.compile(patterns[0])
    named = {name: value for name, value in services.items() if pattern.search(name)}
    service_errors = []
    for name, value in named.items():
        try:
            key = (name, json.dumps(value, default=repr))
        except (TypeError, ValueError):
            key = None
        errors = _SERVICE_ERRORS.get(key) if key else None
        if errors is None:
            errors = list(_service_validator().iter_errors(value))
            for error in errors:
                error.path.extendleft(reversed(("services", name)))
                error.schema_path.extendleft(reversed(("properties", "services", "patternProperties", patterns[0])))
            if key:
                if len(_SERVICE_ERRORS) > 1000:
                    _SERVICE_ERRORS.clear()
                _SERVICE_ERRORS[key] = errors
        service_errors.extend(errors)
    # the rest, with an empty service (valid) in place of each named one
    rest = list(validator.iter_errors({**data, "services": {n: {} if n in named else v for n, v in services.items()}}))
    keys = list(validator.schema["properties"])
    before = set(keys[: keys.index("services")])
    split = 0
    while split < len(rest) and rest[split].path and rest[split].path[0] in before:
        split += 1
    return rest[:split] + service_errors + rest[split:]


_SERVICE_VALIDATOR: Any = None


def _service_validator() -> Any:
    global _SERVICE_VALIDATOR
    if _SERVICE_VALIDATOR is None:
        validator = _validator()
        _SERVICE_VALIDATOR = validator.evolve(schema={"$ref": validator.schema["$id"] + "#/$defs/service"})
    return _SERVICE_VALIDATOR


def _node_at(root: Node, path: Any) -> Node:
    node = root
    for key in path:
        child = node.get(key)
        if child is None:
            break
        node = child
    return node


_JSON_TYPES = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "a boolean", "null": "null"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "a mapping"


def _allowed_types(schema: dict) -> list[str]:
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return [_JSON_TYPES[t] for t in types]
    if "enum" in schema:
        return ["one of " + ", ".join(map(str, schema["enum"]))]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _allowed_types(_validator().schema["$defs"][name])
    names: list[str] = []
    for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
        names.extend(n for n in _allowed_types(branch) if n not in names)
    return names


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# keys of the old file formats that the Compose Specification dropped: compose rejects them (FACTS §5), so
# they are errors, unlike a key we do not know, which a newer compose may accept
_REMOVED_SERVICE_KEYS = {
    "net": "network_mode",
    "log_driver": "logging.driver",
    "log_opt": "logging.options",
    "dockerfile": "build.dockerfile",
    "volume_driver": "a driver on the named volume",
}


def _misspelt(key: str, known) -> str | None:
    """The known key `key` is most likely a typo of: one letter added, dropped, changed or swapped
    (`healtcheck`, `enviroment`), or a known key cut short at an underscore (`depends`). A key far from
    every known one may belong to a newer compose."""
    for name in known:
        if name.startswith(key + "_") or (len(key) >= 4 and _one_edit(key, name)):
            return name
    return None


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _explain(error: Any, root: Node) -> list[SchemaProblem]:
    """Turn one jsonschema error into problems with a clear message on the right key."""
    path = list(error.absolute_path)
    node = _node_at(root, path)
    where = _dotted(path)
    validator = error.validator
    if validator == "additionalProperties":
        extras = [key for key in error.instance if key not in error.schema.get("properties", {})
                  and not any(re.search(p, key) for p in error.schema.get("patternProperties", {}))]
        problems = []
        for key in extras:
            child = node.get(key)
            span = _problem_span(child) if child is not None else _problem_span(node)
            if not path:
                problems.append(SchemaProblem(
                    f"unknown top-level key {key!r}: compose rejects it (custom keys must start with x-)", span))
            elif path[0] in ("services", "volumes", "secrets", "configs") and len(path) == 1:
                kind = path[0][:-1]
                problems.append(SchemaProblem(
                    f"invalid {kind} name {key!r}: use only letters, digits, '.', '_' and '-'", span))
            elif len(path) == 2 and path[0] == "services" and key in _REMOVED_SERVICE_KEYS:
                problems.append(SchemaProblem(
                    f"{key!r} in service {path[1]!r} is a Compose v1/v2 key that compose rejects: use "
                    f"{_REMOVED_SERVICE_KEYS[key]}", span))
            else:
                known = error.schema.get("properties", {})
                place = f"service {path[1]!r}" if len(path) == 2 and path[0] == "services" else where
                typo = _misspelt(key, known)
                if typo:
                    problems.append(SchemaProblem(
                        f"unknown key {key!r} in {place}: compose rejects it (did you mean {typo!r}?)", span))
                else:
                    # compose rejects it too, but a newer compose may know it: said, not failed
                    problems.append(SchemaProblem(
                        f"unknown key {key!r} in {place}: compose 2.40 rejects it (a key of a newer compose?)",
                        span, Severity.INFO))
        return problems
    span = _problem_span(node)
    exact = root.get(*path) is node
    if exact and node.kind == SCALAR and node.interpolated and validator in (
            "pattern", "enum", "minimum", "maximum", "format"):
        return []  # the value comes from the environment: judged only once it is known
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [SchemaProblem(f"{where}: missing required key {', '.join(map(repr, missing))}", span)]
    if validator in ("oneOf", "anyOf"):
        # report the errors of the branch meant for this kind of value, when there is one
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [errs for errs in branches.values()
                   if not any(e.validator == "type" and list(e.absolute_path) == path for e in errs)]
        if len(fitting) == 1:
            return [p for sub in fitting[0] for p in _explain(sub, root)]
        validator = "type"
        schema = error.schema
    else:
        schema = error.schema
    if validator == "type":
        if path == ["version"]:
            return [SchemaProblem(
                f"version must be a string: write version: \"{node.raw}\" (or remove it: compose ignores it)", span)]
        allowed = _allowed_types(schema)
        return [SchemaProblem(f"{where} must be {_either(allowed)}, not {_type_name(error.instance)}", span)]
    if validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return [SchemaProblem(f"{where}: {error.instance!r} is not one of {options}", span)]
    if validator == "pattern":
        return [SchemaProblem(f"{where}: {error.instance!r} does not match {error.validator_value!r}", span)]
    if validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        return [SchemaProblem(f"{where}: {error.instance!r} must be {bound} {error.validator_value}", span)]
    return [SchemaProblem(f"{where}: {error.message}", span)]
