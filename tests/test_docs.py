"""The README's promises: exactly two set-up commands, the second one is what CI runs, and the rule
index is the one generated from the rules' metadata (UPDATE_FIXTURES=1 rewrites it)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from lint.engine import docs
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


def test_every_neovim_set_up_finds_the_root_by_every_compose_base_name() -> None:
    """Without .git, a Dockerfile's project is found by the compose file beside or above it: every
    Neovim set-up (0.11's root_markers, 0.8-0.10's and 0.7's marker lists) names all base names."""
    from lint.project import BASE_NAMES

    text = README.read_text(encoding="utf-8")
    lua = re.findall(r"```lua\n(.*?)```", text, re.S)
    assert len(lua) == 3  # 0.11+, 0.8-0.10, 0.7
    for block in lua:
        markers = re.search(r"(?:root_markers|hullcheck_markers) = \{(.*?)\}", block, re.S)
        assert markers is not None, block
        assert set(re.findall(r"'([^']+)'", markers.group(1))) >= {*BASE_NAMES, ".hullcheck.toml", ".git"}
    assert "vim.lsp.start({" in lua[1] and "FileType" in lua[1]
    assert "vim.lsp.start_client(" in lua[2] and "vim.lsp.buf_attach_client(" in lua[2]
