"""The README's promises: exactly two set-up commands, the second one is what CI runs, and the rule
index is the one generated from the rules' metadata (UPDATE_FIXTURES=1 rewrites it)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from lint import docs
from tests.fixture_support import ROOT

README = ROOT / "README.md"
START, END = "<!-- rules:start -->\n", "<!-- rules:end -->"


def setup_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    assert commands[0].startswith("pip install . && hullcheck ")
    assert commands[1] == "pip install -e '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = setup_commands()[1].split(" && ")
    assert "python -m " + install in script or install in script
    assert test in script


def test_readme_rule_index_is_current():
    text = README.read_text(encoding="utf-8")
    index = docs.index_markdown()
    current = text.split(START, 1)[1].split(END, 1)[0]
    if os.environ.get("UPDATE_FIXTURES") and current != index:
        README.write_text(text.replace(START + current + END, START + index + END), encoding="utf-8")
        current = index
    assert current == index, "README rule index is stale: run UPDATE_FIXTURES=1 python -m pytest tests/test_docs.py"


def test_bundled_example_runs(tmp_path):
    """The first set-up command's example gives findings (exit 1), not an error (exit 2)."""
    target = setup_commands()[0].split("hullcheck ", 1)[1]
    result = subprocess.run([sys.executable, "-m", "lint", target, "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "HC900" not in result.stdout
