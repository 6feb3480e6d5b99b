"""A compose scalar's value mapped back to its source: plain, single- and double-quoted and block
scalars, each character with its offset (so shell scripts inside `test:` keep exact spans)."""
from __future__ import annotations

from lint.core.model import Span
from lint.core.source import MappedText


# ------------------------------------------------------------------------------------- scalar text

_DQ_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
               "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
               "L": "\u2028", "P": "\u2029"}
_DQ_HEX = {"x": 2, "u": 4, "U": 8}


def scalar_mapped(node, text: str) -> tuple[MappedText, bool]:
    """A YAML string scalar's value (before compose interpolation) with the source offset of each
    character: exact for plain, quoted and literal-block scalars; otherwise every character points at
    the scalar's start (exact False: report on the node, make no edit inside it)."""
    value = node.value if isinstance(node.value, str) else ("" if node.value is None else str(node.value))
    raw = text[node.span.start:node.span.end]
    start = node.span.start
    mapped = None
    try:
        if node.style is None:
            if raw == value:
                mapped = MappedText.plain(value, start)
        elif node.style == "'":
            mapped = _single_quoted(raw, start)
        elif node.style == '"':
            mapped = _double_quoted(raw, start)
        elif node.style in ("|", ">"):
            mapped = _block(raw, start, value)
    except (IndexError, ValueError):
        mapped = None
    if mapped is not None and mapped.text == value:
        return mapped, True
    return _fallback(value, node.span), False


def _fallback(value: str, span: Span) -> MappedText:
    return MappedText(value, [span.start] * len(value) + [span.end])


def _single_quoted(raw: str, start: int) -> MappedText | None:
    if len(raw) < 2 or "\n" in raw or "\r" in raw:
        return None
    chars, offsets = [], []
    i = 1
    while i < len(raw) - 1:
        chars.append(raw[i])
        offsets.append(start + i)
        i += 2 if raw[i] == "'" and raw[i + 1] == "'" else 1
    return MappedText("".join(chars), offsets + [start + len(raw) - 1])


def _double_quoted(raw: str, start: int) -> MappedText | None:
    if len(raw) < 2 or "\n" in raw or "\r" in raw:
        return None
    chars, offsets = [], []
    i = 1
    while i < len(raw) - 1:
        c = raw[i]
        if c == "\\":
            e = raw[i + 1]
            if e in _DQ_ESCAPES:
                chars.append(_DQ_ESCAPES[e])
                offsets.append(start + i)
                i += 2
                continue
            if e in _DQ_HEX:
                n = _DQ_HEX[e]
                chars.append(chr(int(raw[i + 2:i + 2 + n], 16)))
                offsets.append(start + i)
                i += 2 + n
                continue
            return None
        chars.append(c)
        offsets.append(start + i)
        i += 1
    return MappedText("".join(chars), offsets + [start + len(raw) - 1])


def _block(raw: str, start: int, value: str) -> MappedText | None:
    """A literal block (`|`, `|-`, `|+`): each line without its indentation, joined by '\\n'. A folded
    block is exact only when it holds one line."""
    header_end = raw.find("\n")
    if header_end < 0:
        return None
    pos = header_end + 1
    chars: list[str] = []
    offsets: list[int] = []
    indent = None
    lines = []
    while pos <= len(raw):
        end = raw.find("\n", pos)
        end = len(raw) if end < 0 else end
        lines.append((pos, end))
        if end == len(raw):
            break
        pos = end + 1
    for line_start, line_end in lines:
        line = raw[line_start:line_end].rstrip("\r")
        if indent is None and line.strip():
            indent = len(line) - len(line.lstrip(" "))
        body_start = line_start + min(indent or 0, len(line) - len(line.lstrip(" ")))
        for k in range(body_start, line_start + len(line)):
            chars.append(raw[k])
            offsets.append(start + k)
        chars.append("\n")
        offsets.append(start + line_start + len(line))
    built = "".join(chars)  # a folded block of several lines differs from its value: not exact
    if value and built.startswith(value):
        n = len(value)
        return MappedText(built[:n], offsets[:n] + [offsets[n] if n < len(offsets) else start + len(raw)])
    return None


def unescape_dollars(mapped: MappedText) -> MappedText:
    """Compose reads `$$` as a literal `$` (FACTS.md §5); other `${VAR}` stay, read by the shell as
    expansions whose value is not known."""
    if "$$" not in mapped.text:
        return mapped
    chars, offsets = [], []
    i = 0
    text = mapped.text
    while i < len(text):
        chars.append(text[i])
        offsets.append(mapped.offsets[i])
        i += 2 if text[i] == "$" and text[i + 1:i + 2] == "$" else 1
    return MappedText("".join(chars), offsets + [mapped.offsets[-1]])
