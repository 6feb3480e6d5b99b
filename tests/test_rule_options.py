"""Options a rule declares: set per rule in config, checked against the declarations (a misspelt key is
exit 2 with the nearest valid one), listed by `explain`, and read by the rule."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_support import FIXTURES

CASE = FIXTURES / "DC301" / "bad-one-staying-up.compose.yaml"


def run(*args, cwd):
    environment = {**os.environ, "NO_COLOR": "1", "HULLCHECK_CACHE_DIR": str(Path(cwd) / ".cache-test")}
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()  # a repository root, so the project stops here
    shutil.copy(CASE, tmp_path / "compose.yaml")
    return tmp_path


def findings(result) -> list[tuple[str, int]]:
    return [(f["rule"], f["start"]["line"]) for f in json.loads(result.stdout)]


def test_an_option_changes_the_findings(project):
    default = run("--select", "DC301", "--format", "json", cwd=project)
    assert default.returncode == 0, default.stderr
    assert findings(default) == []
    (project / "pyproject.toml").write_text('[tool.hullcheck.rules.DC301]\nmin-staying-up = 1\n')
    strict = run("--select", "DC301", "--format", "json", cwd=project)
    assert strict.returncode == 1, strict.stderr
    assert findings(strict) == [("DC301", 5)]
    # by name, in .hullcheck.toml
    (project / "pyproject.toml").unlink()
    (project / ".hullcheck.toml").write_text('[rules.missing-restart-policy]\nmin-staying-up = 1\n')
    assert findings(run("--select", "DC301", "--format", "json", cwd=project)) == [("DC301", 5)]


def test_a_misspelt_option_is_exit_2_with_the_nearest_one(project):
    (project / "pyproject.toml").write_text('[tool.hullcheck.rules.DC301]\nmin-stayingup = 1\n')
    result = run(cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "rules.DC301" in lines[0] and "'min-stayingup'" in lines[0]
    assert "did you mean 'min-staying-up'?" in lines[0]


def test_a_misspelt_per_rule_key_is_exit_2_with_the_nearest_one(project):
    (project / "pyproject.toml").write_text('[tool.hullcheck.rules.DF101]\nseverty = "info"\n')
    result = run(cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "'severty'" in lines[0] and "did you mean 'severity'?" in lines[0]
    (project / "pyproject.toml").write_text('[tool.hullcheck.rules.missing-restart-polcy]\nmin-staying-up = 1\n')
    result = run(cwd=project)
    assert result.returncode == 2
    assert "unknown rule 'missing-restart-polcy'; did you mean 'missing-restart-policy'?" in result.stderr


def test_an_option_of_the_wrong_type_is_exit_2(project):
    (project / ".hullcheck.toml").write_text('[rules.DC301]\nmin-staying-up = "one"\n')
    result = run(cwd=project)
    assert result.returncode == 2
    assert "rules.DC301.min-staying-up" in result.stderr and "integer" in result.stderr


def test_per_rule_severity_is_valid_and_applies(project):
    (project / ".hullcheck.toml").write_text('[rules.DC301]\nmin-staying-up = 1\nseverity = "info"\n')
    result = run("--select", "DC301", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr  # info is below the failure threshold
    assert [f["severity"] for f in json.loads(result.stdout)] == ["info"]


def test_explain_lists_the_options(tmp_path):
    result = run("explain", "DC301", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    options = result.stdout.split("## Options\n", 1)[1]
    assert "`min-staying-up` (int, default 2): services with `restart: always`" in options
    assert "[tool.hullcheck.rules.DC301]" in options
    # a rule without options has no such heading
    assert "## Options" not in run("explain", "DF101", cwd=tmp_path).stdout


def test_a_pin_mode_outside_its_choices_is_exit_2_and_each_choice_works(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 git=1:2.39.*\n")
    (tmp_path / ".hullcheck.toml").write_text('extend-select = ["DF305"]\n[rules.DF305]\npin = "exactt"\n')
    result = run("--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "'exactt' is not one of ['exact', 'any', 'off']" in result.stderr
    seen = {}
    for mode in ("exact", "any", "off"):
        (tmp_path / ".hullcheck.toml").write_text(f'extend-select = ["DF305"]\n[rules.DF305]\npin = "{mode}"\n')
        seen[mode] = [f for f in findings(run("--format", "json", "--select", "DF305", cwd=tmp_path))]
    assert seen == {"exact": [("DF305", 2)], "any": [], "off": []}
