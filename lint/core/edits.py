"""Edits of a compose file's text that fixes share: where a key can be added to a block mapping (indented
as its own keys are), which text is shared through an anchor, how whole lines are deleted.

The fixes that add a key (a service's `healthcheck:`, `restart:` or `depends_on:`, an entry of a
long-form `depends_on`) ask here, so they agree on what layouts they can edit safely, and none of them
edits a mapping that an alias or merge key (`*name`, `<<: *name`) repeats elsewhere by accident."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.core.model import Span


@dataclass(frozen=True)
class BlockMapping:
    indent: str  # the indentation of its keys
    step: str  # one level deeper: its keys' indentation beyond the key that holds it ("  " when unknown)
    before: int  # start of its first key's line: a key inserted here comes first
    after: int  # end of its last line (after any comment there): a key inserted here comes last


def shared(node) -> bool:
    """Whether a node's text is used in more places than where it is written: the anchored value of an
    alias or merge key, or anything inside one. An edit there changes every service that uses it, so a
    fix edits it only when the change is right for each of them."""
    return bool(getattr(node, "shared", False))


def block_mapping(source, node, shared_ok: bool = False) -> BlockMapping | None:
    """The layout of a block mapping, or None where adding a line could go wrong: not a mapping, empty,
    a flow mapping, keys sharing a line with other text, tabs in the indentation, or (unless the caller
    knows the key is right for every user: `shared_ok`) a mapping shared through an anchor."""
    text = source.text
    if node is None or node.kind != "map" or not node.value or text[node.span.start:node.span.start + 1] == "{":
        return None
    if shared(node) and not shared_ok:
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


def line_removal(source, first: int, last: int) -> Span:
    """The span that deletes lines first..last (1-based) with their newline, in any file (a Dockerfile's
    comment too). Where they hold the file's
    first key (only comments or blank lines above) or follow a blank line, the blank lines after them
    go too: the file does not start with a blank line, and no gap doubles."""
    text = source.text
    start = source.line_span(first).start
    end = source.offset(last + 1, 1) if last < source.line_count() else source.line_span(last).end
    above = [source.line_text(n).strip().lstrip("\ufeff") for n in range(1, first)]
    first_key = all(not line or line.startswith("#") or line == "---" for line in above)
    after_blank = bool(above) and not above[-1]
    if first_key or after_blank:
        line = last + 1
        while line < source.line_count() and not source.line_text(line).strip():
            end = source.offset(line + 1, 1)
            line += 1
    if start == 0 and text.startswith("\ufeff"):
        start = 1  # the byte order mark stays
    return Span(start, end)
