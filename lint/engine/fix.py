"""Apply fixes: non-overlapping edits, to a fixpoint, never adding a finding that makes compose or docker refuse
the file (checked for the fixes of a pass together); atomic writes."""
from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from pathlib import Path

from lint.core.model import Applicability, Edit, Finding

MAX_PASSES = 10
# what a fix must never add: a file that no longer parses or loads (DF000, DC000, DC001), a dependency on a
# service that is not there (DC201), a depends_on cycle (DC202); compose refuses each of them
BREAKING_RULES = ("DF000", "DC000", "DC001", "DC201", "DC202")


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


def choose_fixes(findings: list[Finding], path: str, unsafe: bool, refused=frozenset()) -> list[Finding]:
    """The findings whose fixes a pass applies, in order: eligible, not refused in an earlier pass, editing
    only this file (a fix is applied whole or not at all), not overlapping a fix already taken."""
    taken: list[Edit] = []
    chosen = []
    for item in sorted(findings, key=Finding.sort_key):
        if not eligible(item, unsafe) or identity(item) in refused:
            continue
        edits = item.fix.edits
        if any(e.path != path for e in edits):
            continue
        if any(e.span.overlaps(t.span) or (e.span == t.span) for e in edits for t in taken):
            continue
        taken.extend(edits)
        chosen.append(item)
    return chosen


def identity(item: Finding) -> tuple:
    """A fix across passes, whose edits move as other fixes land: its finding's fingerprint and title."""
    return item.rule_id, item.fingerprint, item.message, item.fix.title if item.fix else ""


def breaking(findings: list[Finding]) -> Counter:
    return Counter(f.rule_id for f in findings if f.rule_id in BREAKING_RULES)


def adds_breakage(before: list[Finding], after: list[Finding]) -> bool:
    was = breaking(before)
    return any(count > was[rule] for rule, count in breaking(after).items())


def fix_to_fixpoint(text: str, relint, path: str, unsafe: bool) -> tuple[str, int, list[Finding]]:
    """relint(text) -> findings for that text. Returns (new text, fixes applied, findings of the new text).

    Each pass applies the chosen fixes together and relints: fixes that are right alone can be wrong
    together (two services each made to wait for the other: a cycle). A pass that adds a breaking
    finding keeps only the fixes that do not (keep_together)."""
    findings = relint(text)
    seen = {text}
    applied = 0
    refused: set[tuple] = set()  # fixes that broke something: out, so the fixes they overlap get a turn
    for _ in range(MAX_PASSES):
        chosen = choose_fixes(findings, path, unsafe, refused)
        if not chosen:
            break
        fixes = [tuple(item.fix.edits) for item in chosen]
        kept, candidate, candidate_findings = keep_together(text, findings, fixes, relint)
        refused.update(identity(item) for item, fix in zip(chosen, fixes) if fix not in kept)
        if not kept:
            continue
        if candidate in seen:
            break
        applied += count_fixes(findings, [edit for fix in kept for edit in fix])
        seen.add(candidate)
        text, findings = candidate, candidate_findings
    return text, applied, findings


def keep_together(text: str, findings: list[Finding], fixes: list[tuple[Edit, ...]], relint):
    """The fixes of one pass that can be applied together without adding a breaking finding, found by
    bisection: a group is kept whole when it adds none; otherwise each half is tried, the second on top
    of what the first kept, down to single fixes. k bad fixes among n cost about k*log2(n) relints.
    Returns (kept fixes, their text, its findings)."""
    relinted: dict[str, list[Finding]] = {}

    def attempt(chosen: list[tuple[Edit, ...]]) -> tuple[str, list[Finding]]:
        candidate = apply_edits(text, [edit for fix in chosen for edit in fix])
        if candidate not in relinted:
            relinted[candidate] = relint(candidate)
        return candidate, relinted[candidate]

    def keep(group: list[tuple[Edit, ...]], base: list[tuple[Edit, ...]]) -> list[tuple[Edit, ...]]:
        if not group:
            return []
        if not adds_breakage(findings, attempt(base + group)[1]):
            return group
        if len(group) == 1:
            return []
        middle = len(group) // 2
        first = keep(group[:middle], base)
        return first + keep(group[middle:], base + first)

    kept = keep(fixes, [])
    return (kept, *attempt(kept))


def count_fixes(findings: list[Finding], edits: list[Edit]) -> int:
    chosen = set(edits)
    return sum(1 for f in findings if f.fix and f.fix.edits and set(f.fix.edits) <= chosen)


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
