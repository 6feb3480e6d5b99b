"""One-line finding messages stay short: what is wrong and why it matters, under about 120 characters; the
rest belongs in the rule's docstring (`hullcheck explain`, the editor's hover)."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.engine.config import Config
from lint.engine import INTERNAL_ERROR, UNUSED_SUPPRESSION, Workspace, lint_document, read_document
from tests.fixture_support import FIXTURES, kind_of

LIMIT = 130  # "about 120": a message quoting service names or key paths may run a little longer
ENGINE_RULES = (UNUSED_SUPPRESSION, INTERNAL_ERROR)


def fixture_messages() -> list[tuple[str, str, str]]:
    """(rule, fixture file, message) of every finding of every rule on every fixture file, each case
    folder linted as one project."""
    found = []
    for case in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        workspace = Workspace()
        files = sorted(p for p in case.rglob("*") if p.is_file() and kind_of(p))
        for path in files:
            doc = read_document(path.resolve(), kind_of(path))
            workspace.add(doc)
            for item in lint_document(doc, Config(), workspace.project(path.parent.resolve())):
                found.append((item.rule_id, str(path.relative_to(FIXTURES)), item.message))
    return found


def too_long(messages) -> list[str]:
    return sorted({f"{rule} ({len(message)}): {message}  [{where}]"
                   for rule, where, message in messages if len(message) > LIMIT})


@pytest.fixture(scope="module")
def messages() -> list[tuple[str, str, str]]:
    return fixture_messages()


def test_the_engine_s_own_messages_are_short(messages) -> None:
    assert too_long(m for m in messages if m[0] in ENGINE_RULES or m[0] in ("DF000", "DC000")
                    and m[2].startswith("invalid UTF")) == []


def test_an_internal_error_message_is_short_whatever_the_exception_says(tmp_path: Path, monkeypatch) -> None:
    import lint.engine.run

    class Broken:
        def check(self, model, context):
            raise ValueError("x" * 500)

    monkeypatch.setattr(lint.engine.run, "load", lambda info: Broken())
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    doc = read_document(tmp_path / "Dockerfile", "dockerfile")
    found = [f for f in lint_document(doc, Config(), None) if f.rule_id == INTERNAL_ERROR]
    assert found and all(len(f.message) <= LIMIT for f in found), [len(f.message) for f in found]
    assert found[0].message.startswith("internal error in rule ")



def test_every_finding_message_of_every_fixture_is_short(messages) -> None:
    assert too_long(messages) == []
