"""Output formats: one module per format, each with render(result, *, display, ...) -> str."""
from __future__ import annotations

import re

FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit")

# XML 1.0 has no way to write these, not even as &#N;: control characters other than tab and line
# breaks, U+FFFE, U+FFFF, and lone surrogates (Python's stand-ins for the bytes of a file name that
# is not UTF-8). A file may hold any of them, and messages and paths quote the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_safe(text: str) -> str:
    """Text every XML parser accepts: each character XML cannot hold written as \\xNN or \\uNNNN."""
    return _NOT_XML.sub(_shown, text)


def json_safe(dumped: str) -> str:
    """JSON text (dumped with ensure_ascii=False) that encodes as UTF-8: the bytes of a file name that is
    not UTF-8, which Python keeps as lone surrogates, written as \\xNN inside their strings."""
    return _SURROGATE.sub(lambda match: "\\" + _shown(match), dumped)
