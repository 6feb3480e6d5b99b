"""Where a key can be added to a block mapping of a compose file, indented as its own keys are.

The fixes that add a key (a service's `healthcheck:`, `restart:` or `depends_on:`, an entry of a
long-form `depends_on`) ask here, so they agree on what layouts they can edit safely."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BlockMapping:
    indent: str  # the indentation of its keys
    step: str  # one level deeper: its keys' indentation beyond the key that holds it ("  " when unknown)
    before: int  # start of its first key's line: a key inserted here comes first
    after: int  # end of its last line (after any comment there): a key inserted here comes last


def block_mapping(source, node) -> BlockMapping | None:
    """The layout of a block mapping, or None where adding a line could go wrong: not a mapping, empty,
    a flow mapping, keys sharing a line with other text, tabs in the indentation."""
    text = source.text
    if node is None or node.kind != "map" or not node.value or text[node.span.start:node.span.start + 1] == "{":
        return None
    # keys written in this block (a `<<: *defaults` merge brings keys written elsewhere)
    own = [child.key_span for child in node.value.values()
           if child.key_span is not None and node.span.start <= child.key_span.start < node.span.end]
    if not own:
        return None
    first = min(own, key=lambda span: span.start)
    line = source.position(first.start)[0]
    before = source.line_span(line).start
    indent = text[before:first.start]
    if not re.fullmatch(r" +", indent):
        return None
    step = "  "
    if node.key_span is not None:
        key_line = source.position(node.key_span.start)[0]
        if key_line == line:
            return None
        step = indent[len(source.indentation(key_line)):] or step
    end = node.span.end
    while end > node.span.start and text[end - 1] in "\r\n":
        end -= 1
    return BlockMapping(indent, step, before, source.line_span(source.position(end)[0]).end)
