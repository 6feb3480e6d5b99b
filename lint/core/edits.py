"""The text edits fixes share, for Dockerfiles and compose files alike: delete whole lines or an
instruction, a trailing comment or one key of a comma list; add a flag to a command, a key to a block mapping (indented as its
own keys are) or an item beside a list item (block or flow style, quoted as its siblings are); and which
YAML text is shared through an anchor.

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


def instruction_removal(source, instruction) -> Span:
    """The span that deletes an instruction's lines (continuations and heredoc bodies included) with the
    newline of its last line; no blank line around it goes."""
    start = source.line_span(instruction.line).start
    end = (source.offset(instruction.end_line + 1, 1) if instruction.end_line < source.line_count()
           else len(source.text))
    return Span(start, end)


def comment_removal(text: str, comment: Span) -> Span:
    """The span that deletes a comment at the end of a line, with the blanks before it."""
    start = comment.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Span(start, comment.end)


def list_entry_removal(text: str, entry: Span) -> Span:
    """The span that deletes one entry of a comma list such as `ignore=DF101, DF102`, with its comma."""
    start, end = entry.start, entry.end
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] == ",":
        end = after + 1
        while end < len(text) and text[end] in " \t":
            end += 1
    else:
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before > 0 and text[before - 1] == ",":
            start = before - 1
    return Span(start, end)


def quote_like(item, value: str) -> str:
    """`value` written the way a sibling list item is written (double, single or no quotes)."""
    style = getattr(item, "style", None)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or not re.fullmatch(r"[A-Za-z0-9_./:=@%+-]+", value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def item_insert(seq, item, value: str, text: str, newline: str, before: bool = False):
    """(span, text) of an edit adding a list item beside `item` (before or after it) in the same style:
    `, "x"` in a flow list, a new `- x` line at the same indentation in a block list; None where the
    layout is unusual."""
    written = quote_like(item, value)
    if text[seq.span.start:seq.span.start + 1] == "[":
        if before:
            return Span(item.span.start, item.span.start), f"{written}, "
        return Span(item.span.end, item.span.end), f", {written}"
    line_start = text.rfind("\n", 0, item.span.start) + 1
    prefix = text[line_start:item.span.start]
    if not re.fullmatch(r" *- +", prefix):
        return None
    if before:
        return Span(item.span.start, item.span.start), f"{written}{newline}{prefix}"
    line_end = text.find("\n", item.span.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_end - 1:line_end] == "\r":
        line_end -= 1
    if "\n" in text[item.span.start:item.span.end]:
        return None
    return Span(line_end, line_end), f"{newline}{prefix}{written}"


_DASH = re.compile(r"[ \t]*-[ \t]+\Z")


def item_append(source, seq, written: str) -> tuple[Span, str] | None:
    """(span, text) of an edit adding `written` (already quoted for YAML) after the last item of a list:
    `[a, written]` in a flow list written on one line (`[written]` when empty), a new `- written` line at
    the last item's indentation in a block list; None where the layout is unusual."""
    text = source.text
    items = seq.value
    if text[seq.span.start:seq.span.start + 1] == "[":
        if source.position(seq.span.start)[0] != source.position(seq.span.end)[0]:
            return None
        if not items:
            return seq.span, f"[{written}]"
        return Span(items[-1].span.end, items[-1].span.end), f", {written}"
    last = items[-1]
    line = source.position(last.span.start)[0]
    line_span = source.line_span(line)
    prefix = text[line_span.start:last.span.start]
    if not _DASH.match(prefix) or line != source.position(last.span.end)[0]:
        return None
    return Span(line_span.end, line_span.end), f"{source.newline}{prefix}{written}"


def flag_insert(text: str, before: int, flag: str, exec_form: bool = False) -> tuple[Span, str] | None:
    """(span, text) of an edit adding `flag` to a command before the argument that starts at `before`: a
    word and a space in a shell command (inside a quoted string too, as it is), a JSON item (`"--fail", `)
    in an exec-form array; None when that argument is not a plain JSON string there."""
    if exec_form:
        quote = before - 1
        if quote < 0 or text[quote] != '"':
            return None
        return Span(quote, quote), f'"{flag}", '
    return Span(before, before), f"{flag} "



def flag_after(text: str, word: Span, flag: str, exec_form: bool = False) -> tuple[Span, str] | None:
    """(span, text) of an edit adding `flag` right after a command's word (`apt-get install` ->
    `apt-get install -y`): a space and the flag in a shell command, a JSON item (`, "-y"`) after the
    word's string in an exec-form array; None when the word is not a plain JSON string there."""
    if exec_form:
        if text[word.end:word.end + 1] != '"':
            return None
        return Span(word.end + 1, word.end + 1), f', "{flag}"'
    return Span(word.end, word.end), f" {flag}"


def word_removal(text: str, word: Span) -> Span | None:
    """The span that deletes one word of a shell command with the blanks that separate it from the next
    word on its line (or from the word before it, at the end of a line); None when the word stands alone
    on its line, where deleting it would leave a line with only a continuation."""
    end = word.end
    while end < len(text) and text[end] in " \t":
        end += 1
    if end > word.end and end < len(text) and text[end] not in "\\\r\n":
        return Span(word.start, end)
    start = word.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start < word.start and start > 0 and text[start - 1] not in "\r\n":
        return Span(start, word.end)
    return None
