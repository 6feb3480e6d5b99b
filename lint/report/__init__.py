"""Output formats: one module per format, each with render(result, *, display, ...) -> str."""
from __future__ import annotations

import re
from pathlib import Path

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


def repository_root() -> Path:
    """The directory CI tools read a report's relative paths from: the root of the git repository that
    holds the working directory (GitHub code scanning and annotations and GitLab Code Quality all take
    paths from the repository root, whatever directory the step ran in), else the working directory."""
    cwd = Path.cwd()
    for directory in (cwd, *cwd.parents):
        if (directory / ".git").exists():
            return directory
    return cwd


def repository_path(path: str, root: Path) -> str:
    """A finding's (absolute) path relative to `root` with forward slashes; absolute when outside it."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()
