"""Every finding, message, fix and exit status over all fixtures, as the CLI reports them, against a
reviewed snapshot: moving code between modules must not change what users see. `UPDATE_FIXTURES=1`
rewrites the snapshot after a change of behaviour that is meant (review its diff)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", *args, "fixtures"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")


def compare(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_FIXTURES"):
        path.write_text(actual, encoding="utf-8", errors="surrogateescape")
    assert actual == path.read_text(encoding="utf-8", errors="surrogateescape"), (
        f"{name} differs from what the CLI reports now: review, then UPDATE_FIXTURES=1")


def test_findings_over_every_fixture_match_the_snapshot() -> None:
    result = run("--format", "json")
    report = {"exit": result.returncode, "findings": json.loads(result.stdout)}
    compare("fixtures.json", json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def test_fixes_over_every_fixture_match_the_snapshot() -> None:
    result = run("--diff", "--unsafe-fixes")
    compare("fixtures.diff", f"exit {result.returncode}\n{result.stdout}")
