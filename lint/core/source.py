"""Decoded source text with an offset <-> (line, column) table.

Text is never normalised: CRLF stays CRLF, so spans never drift.
"""
from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field

from lint.core.model import Span


class DecodeError(Exception):
    """Bytes that do not decode; `line` and `column` (1-based) locate the first bad byte."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def is_binary(data: bytes) -> bool:
    """A NUL byte outside a UTF-16 text means binary, as git and ripgrep judge it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:8192]


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM kept as U+FEFF so offsets stay true) or UTF-16 with a BOM.

    Raises DecodeError with the place of the first undecodable byte.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16: {exc.reason}", 1, 1) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        raise DecodeError(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}: the file must be UTF-8 (or UTF-16 with a BOM)",
            line,
            column,
        ) from None


@dataclass
class Source:
    path: str
    text: str
    line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        text = self.text
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.line_starts = starts

    @property
    def newline(self) -> str:
        """The file's own newline: the first one it uses, else "\\n"."""
        i = self.text.find("\n")
        if i > 0 and self.text[i - 1] == "\r":
            return "\r\n"
        return "\n"

    @property
    def has_bom(self) -> bool:
        return self.text.startswith("\ufeff")

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Code-point offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.text))

    def line_count(self) -> int:
        return len(self.line_starts)

    def line_span(self, line: int) -> Span:
        """The span of a line's text, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        text = self.text[start:end]
        if text.endswith("\n"):
            end -= 1
            if text.endswith("\r\n"):
                end -= 1
        return Span(start, end)

    def line_text(self, line: int) -> str:
        span = self.line_span(line)
        return self.text[span.start : span.end]

    def indentation(self, line: int) -> str:
        text = self.line_text(line)
        return text[: len(text) - len(text.lstrip(" \t"))]

    def utf16_column(self, line: int, column: int) -> int:
        """The same place counted in UTF-16 code units (what editors use by default)."""
        start = self.line_starts[line - 1]
        prefix = self.text[start : start + column - 1]
        return 1 + sum(2 if ord(c) > 0xFFFF else 1 for c in prefix)


@dataclass
class MappedText:
    """Text assembled from pieces of a source (continuations joined, comment lines dropped).

    offsets[i] is the source offset of text[i]; offsets has one extra entry, the source
    offset just past the last character, so spans of the joined text map back exactly.
    """

    text: str
    offsets: list[int]

    @classmethod
    def plain(cls, text: str, start: int) -> "MappedText":
        return cls(text, list(range(start, start + len(text) + 1)))

    def span(self, start: int, end: int) -> Span:
        if end <= start:
            return Span(self.offsets[start], self.offsets[start])
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    def slice(self, start: int, end: int) -> "MappedText":
        return MappedText(self.text[start:end], self.offsets[start:end] + [self.span(start, end).end])
