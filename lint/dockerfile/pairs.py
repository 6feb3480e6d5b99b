"""The `key=value` pairs of ENV, LABEL and ARG, with the exact span of each key and value.

Forms, as BuildKit parses them: `ENV A=1 B="two words"`, the legacy `ENV A one two` (one pair: the rest of
the line is the value; LABEL takes it too), `ARG NAME` and `ARG NAME=default` (several per line). Keys and
values may be quoted (`LABEL "com.example.a"="x"`): `key` and `value` have the quotes removed.
"""
from __future__ import annotations

from dataclasses import dataclass

from lint.core.model import Span
from lint.dockerfile.model import SPACES, Instruction

PAIR_KEYWORDS = ("ENV", "LABEL", "ARG")


@dataclass(frozen=True)
class KeyValue:
    key: str  # quotes removed
    value: str | None  # quotes removed; None for `ARG NAME` without a default
    key_span: Span
    value_span: Span | None  # the value as written (quotes included)
    span: Span  # the whole `key=value` word (or the legacy pair)


def unquote(text: str) -> str:
    """Shell-like quote removal: '...' literal, "..." with \\ escapes, a bare \\ escapes the next character."""
    out = []
    quote = ""
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                out.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and pos + 1 < len(text) and text[pos + 1] in '"\\$`':
                pos += 1
                out.append(text[pos])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and pos + 1 < len(text):
            pos += 1
            out.append(text[pos])
        else:
            out.append(ch)
        pos += 1
    return "".join(out)


def _words(text: str) -> list[tuple[int, int]]:
    """Blank-separated words; quotes and backslash escapes keep blanks inside a word."""
    words = []
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos] in SPACES:
            pos += 1
        if pos >= n:
            break
        start, quote = pos, ""
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


def _equals(word: str) -> int:
    """Where the `=` that ends the key is (outside quotes), or -1."""
    quote = ""
    for index, ch in enumerate(word):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "=":
            return index
    return -1


def key_values(instruction: Instruction) -> list[KeyValue]:
    """The pairs an ENV, LABEL or ARG sets (empty for other instructions)."""
    if instruction.keyword not in PAIR_KEYWORDS:
        return []
    args = instruction.args
    text = args.text
    words = _words(text)
    if not words:
        return []
    first_start, first_end = words[0]
    if instruction.keyword != "ARG" and _equals(text[first_start:first_end]) < 0:
        # the legacy form: `ENV NAME the rest of the line`
        key = text[first_start:first_end]
        if len(words) == 1:
            return [KeyValue(unquote(key), "", args.span(first_start, first_end), None,
                             args.span(first_start, first_end))]
        value_start, value_end = words[1][0], words[-1][1]
        return [KeyValue(unquote(key), unquote(text[value_start:value_end]), args.span(first_start, first_end),
                         args.span(value_start, value_end), args.span(first_start, value_end))]
    pairs = []
    for start, end in words:
        word = text[start:end]
        at = _equals(word)
        if at < 0:
            pairs.append(KeyValue(unquote(word), None, args.span(start, end), None, args.span(start, end)))
            continue
        pairs.append(KeyValue(unquote(word[:at]), unquote(word[at + 1:]), args.span(start, start + at),
                              args.span(start + at + 1, end), args.span(start, end)))
    return pairs
