"""Whether ADD would unpack a file: Docker decides by content, not by name. A local source that is a tar
archive, plain or compressed with gzip, bzip2, xz or zstd, is unpacked into the destination; any other
file (a zip, a jar, a `.gz` of something that is not a tar) is copied as it is, as COPY would
[moby pkg/archive DecompressStream + tar reader; docs.docker.com/reference/dockerfile/#add].
"""
from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

TAR_BLOCK = 512
GZIP = b"\x1f\x8b\x08"
BZIP2 = b"BZh"
XZ = b"\xfd7zXZ\x00"
ZSTD = b"\x28\xb5\x2f\xfd"
# names that usually hold a tar archive, for when the file cannot be read
ARCHIVE_SUFFIXES = (".tar", ".tgz", ".gz", ".tbz", ".tbz2", ".tb2", ".bz2", ".txz", ".xz", ".tzst", ".zst")


def named_like_archive(name: str) -> bool:
    return name.lower().rstrip("/").endswith(ARCHIVE_SUFFIXES)


def is_archive(path: Path) -> bool | None:
    """True when ADD would unpack the file, False when it would copy it as it is (a directory is copied
    too), None when we cannot tell (unreadable, zstd, a special file)."""
    try:
        if path.is_dir():
            return False
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            if head.startswith(ZSTD):
                return None
            opener = {GZIP: gzip.open, BZIP2: bz2.open, XZ: lzma.open}
            for magic, open_ in opener.items():
                if head.startswith(magic):
                    try:
                        with open_(handle) as stream:
                            return _tar_header(stream.read(TAR_BLOCK))
                    except (OSError, EOFError, lzma.LZMAError):
                        return False  # a broken stream is not unpacked either
            return _tar_header(handle.read(TAR_BLOCK))
    except OSError:
        return None


def _tar_header(block: bytes) -> bool:
    """A tar header block whose checksum holds (Go's archive/tar accepts both signed and unsigned sums)."""
    if len(block) < TAR_BLOCK or not block.strip(b"\x00"):
        return False
    field = block[148:156].replace(b"\x00", b" ").strip()
    try:
        stored = int(field, 8)
    except ValueError:
        return False
    rest = block[:148] + b" " * 8 + block[156:]
    unsigned = sum(rest)
    signed = sum(b - 256 if b > 127 else b for b in rest)
    return stored in (unsigned, signed)
