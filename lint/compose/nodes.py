"""The compose node tree: YAML nodes with exact spans (kind, tag, style, raw and resolved value), and the
problems a file can have (syntax, schema)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from lint.core.model import Severity, Span


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
