"""No finding is misplaced: every rule, on multi-stage, heredoc, ONBUILD, escape-directive and CRLF files
(fixtures/spans/), reports a span that lies on the text it names — inside one instruction (or the comment it
is about), starting and ending on a visible character, never on a line break or a continuation — and the
reviewed listing `<name>.spans.txt` shows each finding's rule and the exact text under its span
(UPDATE_FIXTURES=1 rewrites it, to be read in the commit)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lint.engine.config import Config
from tests.fixture_support import FIXTURES, lint_files

SPANS = FIXTURES / "spans"
FILES = sorted(p for p in SPANS.iterdir() if p.name.endswith("Dockerfile"))


def lint_all(path: Path):
    config = Config(select=("ALL",))
    doc, findings = lint_files([path], SPANS, config)[path]
    return doc, findings


def listing(path: Path) -> str:
    doc, findings = lint_all(path)
    text = doc.source.text
    out = [f"# every finding on {path.name} with all rules selected: place, rule, the text under its span"]
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.rule_id)):
        under = text[f.span.start:f.span.end].replace("\r", "\u240d").replace("\n", "\u23ce")
        out.append(f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.rule_id} {getattr(f, 'code', None) or ''}"
                   .rstrip() + f" | {under}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_span_lies_on_a_word_of_one_instruction(path):
    doc, findings = lint_all(path)
    model = doc.model
    text = doc.source.text
    assert findings, f"{path.name}: the file is meant to trigger many rules"
    for f in findings:
        where = f"{path.name}:{f.line}:{f.column} {f.rule_id} {f.message}"
        if f.rule_id == "DF000" and f.span.start == f.span.end:
            continue
        under = text[f.span.start:f.span.end]
        assert under.strip(), f"{where}: empty or blank span"
        assert under == under.strip(), f"{where}: span starts or ends on whitespace: {under!r}"
        assert not under.endswith(("\\", "`")), f"{where}: span ends on a line continuation: {under!r}"
        owners = [i for i in model.instructions if i.span.start <= f.span.start and f.span.end <= i.span.end]
        comments = [c for c in model.comments if c.span.start <= f.span.start and f.span.end <= c.span.end]
        assert owners or comments, f"{where}: span {under!r} is not inside one instruction or comment"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_span_listing_is_reviewed(path):
    expected_path = path.with_name(path.name.partition(".")[0] + ".spans.txt")
    got = listing(path)
    if os.environ.get("UPDATE_FIXTURES"):
        expected_path.write_text(got, encoding="utf-8")
    assert expected_path.exists(), f"{expected_path.name} missing: run with UPDATE_FIXTURES=1 and review it"
    assert got == expected_path.read_text(encoding="utf-8")
