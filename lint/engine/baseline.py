"""Baseline: the findings a repository already has, so that a CI gate fails only on new ones.

`.hullcheck-baseline.json` lists each finding as (path relative to the baseline file, rule id,
fingerprint); line and message are kept for the reader only. A finding matches an entry with the
same path, rule and fingerprint; entries are a multiset (two entries cover two equal findings).
Fingerprints (lint/fingerprint.py) hold no line numbers, so unrelated edits do not break matches.
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lint.core.model import Finding

DEFAULT_NAME = ".hullcheck-baseline.json"
VERSION = 1


class BaselineError(Exception):
    """A baseline that cannot be read or written: one clear line, exit code 2."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the baseline file's directory, forward slashes
    rule: str
    fingerprint: str
    line: int = 0  # for the reader only: never used to match
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)

    def to_json(self) -> dict:
        return {"path": self.path, "rule": self.rule, "fingerprint": self.fingerprint, "line": self.line,
                "message": self.message}


@dataclass
class Baseline:
    file: Path  # absolute
    entries: list[Entry] = field(default_factory=list)

    @property
    def directory(self) -> Path:
        return self.file.parent

    def relative(self, path: str | Path) -> str:
        """A finding's (absolute) path as an entry stores it."""
        try:
            return Path(os.path.relpath(path, self.directory)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(path).as_posix()

    def absolute(self, entry: Entry) -> Path:
        return Path(os.path.normpath(self.directory / entry.path))

    def entry_for(self, item: Finding) -> Entry:
        return Entry(self.relative(item.path), item.rule_id, item.fingerprint, item.line, item.message)


@dataclass
class Comparison:
    new: list[Finding]  # not covered by the baseline
    kept: list[Entry]  # entries that still occur (line and message refreshed), plus those out of scope
    fixed: list[Entry]  # in the run's scope and no longer found


def resolve(file: Path | str) -> Path:
    """Absolute, with the directory's symlinks resolved as the linted paths are (the file itself may be a
    link)."""
    file = Path(file)
    return file.parent.resolve() / file.name


def create(file: Path, findings: Iterable[Finding]) -> Baseline:
    baseline = Baseline(resolve(file))
    baseline.entries = sorted_entries(baseline.entry_for(f) for f in findings)
    return baseline


def sorted_entries(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.path, e.line, e.rule, e.fingerprint, e.message))


def load(file: Path) -> Baseline:
    """Read a baseline file. Raises BaselineError with one line saying what is wrong."""
    shown, file = file, resolve(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{shown}: baseline file not found (create it with `hullcheck baseline create`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{shown}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BaselineError(f"{shown}: invalid baseline: not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{shown}: invalid baseline: expected an object with a \"findings\" list")
    version = data.get("version")
    if type(version) is int and version > VERSION:
        raise BaselineError(f"{shown}: baseline version {version} is newer than this hullcheck reads ({VERSION}): "
                            f"upgrade hullcheck")
    if type(version) is not int or version != VERSION:  # JSON true and 1.0 equal 1 in Python
        raise BaselineError(f"{shown}: unsupported baseline version {json.dumps(version)} (expected {VERSION})")
    entries = []
    for number, item in enumerate(data["findings"]):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) and item.get(k)
                                               for k in ("path", "rule", "fingerprint"))):
            raise BaselineError(f"{shown}: invalid baseline: findings[{number}] needs string path, rule and "
                                f"fingerprint")
        line = item.get("line", 0)
        message = item.get("message", "")
        entries.append(Entry(item["path"], item["rule"], item["fingerprint"],
                             line if isinstance(line, int) else 0, message if isinstance(message, str) else ""))
    return Baseline(file, entries)


def dumps(baseline: Baseline) -> str:
    data = {"version": VERSION, "findings": [e.to_json() for e in sorted_entries(baseline.entries)]}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # a file name that is not UTF-8 holds lone surrogates: as \uDCxx escapes the file stays UTF-8 and
    # loads back to the same name
    return re.sub("[\ud800-\udfff]", lambda match: f"\\u{ord(match.group()):04x}", text)


def write(baseline: Baseline) -> None:
    """Write atomically (temp file + rename), keeping the mode of an existing file. Never an empty or
    partial file at the path, not even for a moment: a CI job may be reading it."""
    from lint.engine.fix import write_atomic

    try:
        new = not baseline.file.exists()
        write_atomic(baseline.file, dumps(baseline).encode("utf-8"))
        if new:  # the umask's mode like any new file, not the temp file's private 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(baseline.file, 0o666 & ~umask)
    except OSError as exc:
        raise BaselineError(f"{baseline.file}: cannot write the baseline: {exc.strerror or exc}") from None


def compare(baseline: Baseline, findings: Iterable[Finding], in_scope: Callable[[Entry], bool]) -> Comparison:
    """Match findings to entries (path + rule + fingerprint, each entry covering one finding)."""
    available: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for entry in baseline.entries:
        available[entry.key].append(entry)
    new, kept = [], []
    for item in findings:
        entry = baseline.entry_for(item)
        if available.get(entry.key):
            available[entry.key].pop()
            kept.append(entry)
        else:
            new.append(item)
    fixed = []
    for remaining in available.values():
        for entry in remaining:
            (fixed if in_scope(entry) else kept).append(entry)
    return Comparison(new, sorted_entries(kept), sorted_entries(fixed))


def run_scope(baseline: Baseline, result, paths: list[Path], resolver) -> Callable[[Entry], bool]:
    """Which entries a run can declare fixed: those of files it linted, for rules enabled there, and
    those of files gone from a directory it walked. Linting one file says nothing about the others."""
    from lint.engine import rule_info

    linted = {Path(os.path.normpath(r.path)) for r in result.files}
    directories = [Path(p).resolve() for p in paths if Path(p).is_dir()]

    def in_scope(entry: Entry) -> bool:
        path = baseline.absolute(entry)
        if path in linted:
            info = rule_info(entry.rule)
            try:
                return info is None or resolver.for_path(path).enabled(info, path)
            except Exception:
                return True
        if path.exists():
            return False  # not linted this time (excluded, or outside the paths given)
        return any(directory == path or directory in path.parents for directory in directories)

    return in_scope


def apply(baseline: Baseline, result, paths: list[Path], resolver) -> Comparison:
    """Keep only the findings the baseline does not cover in `result` (so every report format and the
    exit code see just those); return the comparison for the summary."""
    comparison = compare(baseline, result.findings, run_scope(baseline, result, paths, resolver))
    new = {id(item) for item in comparison.new}
    for file_result in result.files:
        file_result.findings = [f for f in file_result.findings if id(f) in new]
    return comparison


def fixed_note(count: int) -> str:
    problems = "problem no longer occurs" if count == 1 else "problems no longer occur"
    return f"{count} baselined {problems}; run `hullcheck baseline update` to shrink the baseline"
