"""Apply fixes: non-overlapping edits, to a fixpoint, never adding a parse or schema error; atomic writes."""
from __future__ import annotations

import difflib
import os
import stat
import tempfile
from pathlib import Path

from lint.model import Applicability, Edit, Finding

MAX_PASSES = 10
ERROR_RULES = ("DF000", "DC000", "DC001")


def eligible(item: Finding, unsafe: bool) -> bool:
    if item.fix is None:
        return False
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return item.fix.applicability in allowed


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply edits that do not overlap; the caller chose them."""
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[: edit.span.start] + edit.text + text[edit.span.end :]
    return text


def choose(findings: list[Finding], path: str, unsafe: bool) -> list[Edit]:
    """The edits of the eligible fixes, in order, skipping a fix that overlaps one already taken or
    that edits another file (a fix is applied whole or not at all)."""
    taken: list[Edit] = []
    for item in sorted(findings, key=Finding.sort_key):
        if not eligible(item, unsafe):
            continue
        edits = item.fix.edits
        if any(e.path != path for e in edits):
            continue
        if any(e.span.overlaps(t.span) or (e.span == t.span) for e in edits for t in taken):
            continue
        taken.extend(edits)
    return taken


def error_count(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.rule_id in ERROR_RULES)


def fix_to_fixpoint(text: str, relint, path: str, unsafe: bool) -> tuple[str, int, list[Finding]]:
    """relint(text) -> findings for that text. Returns (new text, fixes applied, findings of the new text)."""
    findings = relint(text)
    seen = {text}
    applied = 0
    for _ in range(MAX_PASSES):
        edits = choose(findings, path, unsafe)
        if not edits:
            break
        candidate = apply_edits(text, edits)
        if candidate in seen:
            break
        candidate_findings = relint(candidate)
        if error_count(candidate_findings) > error_count(findings):
            # an edit that adds a parse or schema error is rejected; try the fixes one at a time
            candidate, candidate_findings, count = one_by_one(text, findings, relint, path, unsafe)
            if count == 0:
                break
            applied += count
        else:
            applied += count_fixes(findings, edits)
        seen.add(candidate)
        text, findings = candidate, candidate_findings
    return text, applied, findings


def count_fixes(findings: list[Finding], edits: list[Edit]) -> int:
    chosen = set(edits)
    return sum(1 for f in findings if f.fix and f.fix.edits and set(f.fix.edits) <= chosen)


def one_by_one(text, findings, relint, path, unsafe):
    baseline = error_count(findings)
    for item in sorted(findings, key=Finding.sort_key):
        if not eligible(item, unsafe) or any(e.path != path for e in item.fix.edits):
            continue
        candidate = apply_edits(text, list(item.fix.edits))
        candidate_findings = relint(candidate)
        if error_count(candidate_findings) <= baseline:
            return candidate, candidate_findings, 1
    return text, findings, 0


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def encode_like(text: str, original: bytes) -> bytes:
    """Encode new text the way the file was: UTF-16 stays UTF-16 (the BOM is part of the text)."""
    import codecs

    if original.startswith(codecs.BOM_UTF16_LE):
        return text.lstrip("\ufeff").encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""])
    if original.startswith(codecs.BOM_UTF16_BE):
        return text.lstrip("\ufeff").encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""])
    return text.encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temp file and rename onto the real path (behind a symlink), keeping the mode."""
    real = Path(os.path.realpath(path))
    mode = stat.S_IMODE(real.stat().st_mode) if real.exists() else None
    fd, temp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, real)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
