"""One runner for every rule: each fixture under fixtures/<RULE-ID>/ is linted with only that rule on,
and the exact (rule, line, column) set must match its `# expect:` comments; good.* must give nothing;
bad.fixed.* must be reproduced byte for byte by the fixes (UPDATE_FIXTURES=1 rewrites them).

Each bad case also has a reviewed message snapshot beside it: `bad-x.Dockerfile.snap` for the file
`bad-x.Dockerfile`, `bad-x.snap` for the case folder `bad-x/`. It lists every finding of the rule in the
case (file, line, column, severity, message) and, under a finding with a fix, whether the fix is safe,
unsafe or display-only, its title and the unified diff that fix alone makes (paths relative to the case's
folder; a carriage return shows as \u240d). The test fails with a diff when the rule's output differs from
the snapshot, or when the snapshot is missing; UPDATE_FIXTURES=1 rewrites it, to be reviewed in the commit."""
from __future__ import annotations

import difflib
import os
import re

import pytest

from lint.engine import read_document
from lint.engine.fix import encode_like
from tests.fixture_support import (FIXTURES, case_files, config_for, expectations, fix_file, fixed_name, lint_files,
                                   snapshot_name, snapshot_text)

RULE_DIR = re.compile(r"^(DF|DC|HC)\d{3}$")


def cases():
    for folder in sorted(FIXTURES.iterdir()):
        if not folder.is_dir() or not RULE_DIR.match(folder.name):
            continue
        for case in sorted(folder.iterdir()):
            name = case.name
            if ".fixed." in name or name.endswith((".expect", ".toml", ".snap")) or not name.startswith(("bad", "good")):
                continue
            yield pytest.param(folder.name, case, id=f"{folder.name}/{name}")


def observed(rule_id: str, results) -> dict:
    out = {}
    for path, (_doc, findings) in results.items():
        out[path] = {(f.code or f.rule_id, f.line, f.column) for f in findings if f.rule_id == rule_id}
    return out


@pytest.mark.parametrize(("rule_id", "case"), list(cases()))
def test_fixture(rule_id, case):
    files = case_files(case)
    assert files, f"{case}: no Dockerfile or compose file in this case"
    root = case if case.is_dir() else case.parent
    config = config_for(rule_id, case)
    results = lint_files(files, root, config)
    got = observed(rule_id, results)
    for path in files:
        expected = expectations(path)
        if case.name.startswith("good"):
            assert not expected, f"{path}: a good fixture must not expect findings"
        actual = got[path]
        missing = sorted(expected - actual)
        unexpected = sorted(actual - expected)
        messages = {(f.code or f.rule_id, f.line, f.column): f.message for f in results[path][1]}
        assert not missing and not unexpected, (
            f"{path.relative_to(FIXTURES)}\n  missing:    {missing}\n  unexpected: "
            + "".join(f"\n    {u}: {messages.get(u, '')}" for u in unexpected)
        )
    if case.name.startswith("bad"):
        check_snapshot(rule_id, case, root, results)
        for path in files:
            check_fixes(rule_id, path, files, root, config)


def check_snapshot(rule_id, case, root, results):
    snap = snapshot_name(case)
    text = snapshot_text(rule_id, case, root, results)
    if os.environ.get("UPDATE_FIXTURES"):
        if not snap.exists() or snap.read_text(encoding="utf-8") != text:
            snap.write_text(text, encoding="utf-8", newline="\n")
    assert snap.exists(), f"{snap.relative_to(FIXTURES)} is missing: run UPDATE_FIXTURES=1 python -m pytest tests/test_fixtures.py"
    old = snap.read_text(encoding="utf-8")
    if old != text:
        diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), text.splitlines(keepends=True),
                                            fromfile=f"{snap.name} (reviewed)", tofile=f"{snap.name} (now)"))
        raise AssertionError(f"{snap.relative_to(FIXTURES)}: the findings differ from the snapshot "
                             f"(UPDATE_FIXTURES=1 rewrites it, then review the change):\n{diff}")


def check_fixes(rule_id, path, files, root, config):
    fixed = fixed_name(path)
    original = path.read_bytes()
    new_text = fix_file(path, files, root, config, rule_id=rule_id)
    unchanged = new_text == read_document(path.resolve(), None, original).source.text
    new_data = original if unchanged else encode_like(new_text, original)
    if os.environ.get("UPDATE_FIXTURES") and new_data != original:
        fixed.write_bytes(new_data)
    if fixed.exists():
        assert new_data == fixed.read_bytes(), f"{path}: applying the fixes does not give {fixed.name}"
        # the fixed text lints clean for this rule (the fixed file is linted in the original's place)
        again = lint_files([path], root, config, buffers={path.resolve(): new_data})
        left = [(f.rule_id, f.line, f.column) for f in again[path][1] if f.rule_id == rule_id
                and f.fix is not None and f.fix.applicability.value != "display"]
        assert not left, f"{fixed.name}: still has fixable {rule_id} findings: {left}"
    else:
        assert new_data == original, f"{path}: fixes change the file but {fixed.name} does not exist"
