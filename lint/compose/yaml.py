"""Reading compose YAML: ruamel's composer (C parser first, pure parser as reference), the node tree
builder, merges, tags and comments."""
from __future__ import annotations

import bisect
import re
from typing import Any

from lint.compose.interpolation import InterpolationError, interpolate
from lint.compose.model import ComposeFile
from lint.compose.nodes import MAP, SCALAR, SEQ, Comment, Node, Problem, SchemaProblem
from lint.compose.scalars import _resolve_tagged, resolve_plain
from lint.compose.schema import _check_values
from lint.core.model import Span
from lint.core.source import Source


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
