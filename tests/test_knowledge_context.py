"""lint.knowledge.context: the cross-file questions rules ask through ctx. One that cannot be answered
raises, and the engine reports it as HC900 naming the rule, instead of the rule going quiet."""
from __future__ import annotations

from pathlib import Path

from lint.api import Context
from lint.engine import INTERNAL_ERROR, Workspace, lint_document, read_document
from lint.engine.config import Config
from lint.project import Project

COMPOSE = "services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n"


def test_the_rule_api_exposes_the_typed_context() -> None:
    for question in ("building", "target_stage", "target_name", "stacks", "services", "image"):
        assert getattr(Context, question).__doc__, question


def test_a_failing_question_is_an_internal_error_naming_the_rule(tmp_path: Path, monkeypatch) -> None:
    def broken(self, path):
        raise RuntimeError("project broke")

    monkeypatch.setattr(Project, "stacks_for", broken)
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    doc = read_document(tmp_path / "compose.yaml", "compose")
    found = lint_document(doc, Config(), Workspace().project(tmp_path))
    errors = [f for f in found if f.rule_id == INTERNAL_ERROR]
    assert errors, found
    assert any("DC201" in f.message and "project broke" in f.message for f in errors), [f.message for f in errors]
