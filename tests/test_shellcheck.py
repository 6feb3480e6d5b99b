"""ShellCheck (rule DF390, `--shellcheck`) as users run it: real subprocesses of the CLI and of ShellCheck,
exact places, SC codes in select / ignore / severity / ignore comments, one ShellCheck process per run,
the results cache, and a missing binary."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_support import FIXTURES, expectations

CASES = ["bad.Dockerfile", "bad-heredoc.Dockerfile", "bad-crlf.Dockerfile", "bad-escape.Dockerfile",
         "bad-dialect.Dockerfile"]


def run(*args, cwd, env=None):
    environment = {**os.environ, "NO_COLOR": "1", "HULLCHECK_CACHE_DIR": str(Path(cwd) / ".cache-test")}
    environment.pop("HULLCHECK_SHELLCHECK", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=120)


def places(stdout: str) -> set[tuple[str, int, int]]:
    return {(f.get("code") or f["rule"], f["start"]["line"], f["start"]["column"]) for f in json.loads(stdout)}


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_every_finding_is_on_its_word_through_continuations_heredocs_crlf_and_escape(tmp_path):
    paths = [FIXTURES / "DF390" / name for name in CASES]
    result = run("--shellcheck", "--select", "DF390", "--no-cache", "--format", "json", *map(str, paths),
                 cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)
    for path in paths:
        ours = {(f["code"], f["start"]["line"], f["start"]["column"]) for f in found
                if Path(f["file"]).name == path.name}
        assert ours == expectations(path), path.name
    # the text each finding spans is the word it names
    words = {(Path(f["file"]).name, f["code"], f["start"]["line"]): span_text(f) for f in found}
    assert words[("bad.Dockerfile", "SC2045", 20)] == "$(ls /etc/*.conf)"
    assert words[("bad-crlf.Dockerfile", "SC2154", 6)] == "$unset_var"
    assert words[("bad-escape.Dockerfile", "SC2154", 8)] == "$third"
    assert words[("bad-heredoc.Dockerfile", "SC3010", 18)] == '[[ -n "$dash_var" ]]'


def span_text(finding: dict) -> str:
    with open(FIXTURES / "DF390" / Path(finding["file"]).name, encoding="utf-8", newline="") as handle:
        text = handle.read()
    lines = text.splitlines(keepends=True)

    def offset(place):
        return sum(len(line) for line in lines[:place["line"] - 1]) + place["column"] - 1

    return text[offset(finding["start"]):offset(finding["end"])]


DOCKERFILE = """\
FROM debian:12-slim
ARG DEST=/opt
RUN cp /etc/hosts $DEST && echo $missing
# hullcheck: ignore=SC2154
RUN echo $quiet_one
# hadolint ignore=SC2086,SC2154
RUN echo $quiet_two
# hullcheck: ignore=SC2034
RUN echo ok
"""


def test_sc_codes_work_like_rule_ids(project):
    write(project / "Dockerfile", DOCKERFILE)
    everything = run("--shellcheck", "--no-cache", "--format", "json", "Dockerfile", cwd=project)
    assert places(everything.stdout) == {
        ("SC2086", 3, 33), ("SC2154", 3, 33),  # ARG DEST=/opt is set, to a value that never splits
        ("SC2086", 5, 10),  # only SC2154 ignored there
        ("HC001", 8, 1),  # an ignore of ours that hides nothing
    }
    text = run("--shellcheck", "--no-cache", "Dockerfile", cwd=project).stdout
    assert "Dockerfile:3:33: DF390/SC2154 [warning] missing is referenced but not assigned." in text

    selected = run("--select", "SC2154", "--no-cache", "--format", "json", "Dockerfile", cwd=project)
    assert places(selected.stdout) == {("SC2154", 3, 33)}  # naming a code runs ShellCheck for that code
    ignored = run("--shellcheck", "--ignore", "SC2086,HC001", "--no-cache", "--format", "json", "Dockerfile",
                  cwd=project)
    assert places(ignored.stdout) == {("SC2154", 3, 33)}
    write(project / ".hullcheck.toml", 'shellcheck = true\nignore = ["HC001"]\n[severity]\nSC2154 = "error"\n')
    configured = json.loads(run("--no-cache", "--format", "json", "Dockerfile", cwd=project).stdout)
    assert {(f["code"], f["severity"]) for f in configured} == {("SC2086", "info"), ("SC2154", "error")}


def test_off_unless_asked(project):
    write(project / "Dockerfile", DOCKERFILE)
    result = run("--no-cache", "--select", "ALL", "--format", "json", "Dockerfile", cwd=project)
    assert not [f for f in json.loads(result.stdout) if f["rule"] == "DF390"]


def test_reports_carry_the_code(project):
    write(project / "Dockerfile", "FROM debian:12-slim\nRUN echo $missing\n")
    sarif = json.loads(run("--shellcheck", "--no-cache", "--format", "sarif", "Dockerfile", cwd=project).stdout)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"DF390/SC2086", "DF390/SC2154"}
    github = run("--shellcheck", "--no-cache", "--format", "github", "Dockerfile", cwd=project).stdout
    assert "title=DF390/SC2154 shellcheck::missing is referenced but not assigned." in github


def logging_wrapper(directory: Path, log: Path) -> Path:
    """A `shellcheck` that notes each call, then runs the real one."""
    real = subprocess.run([sys.executable, "-c", "from lint.shell.shellcheck import binary; print(binary())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    wrapper = directory / "shellcheck"
    wrapper.write_text(f'#!/bin/sh\necho call >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return wrapper


def test_one_shellcheck_process_for_many_files_and_none_from_the_cache(project, tmp_path_factory):
    bin_dir = tmp_path_factory.mktemp("bin")
    log = bin_dir / "calls.log"
    logging_wrapper(bin_dir, log)
    for index in range(12):
        folder = project / f"service{index}"
        folder.mkdir()
        write(folder / "Dockerfile", f"FROM debian:12-slim\nRUN echo $var{index}\nRUN <<EOF\necho $body{index}\nEOF\n")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    first = run("--shellcheck", "--format", "json", ".", cwd=project, env=env)
    assert first.returncode == 1, first.stderr
    assert len(json.loads(first.stdout)) == 12 * 4
    assert log.read_text().count("call") == 1
    again = run("--shellcheck", "--format", "json", ".", cwd=project, env=env)
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert log.read_text().count("call") == 1  # every file from the cache: ShellCheck not needed
    without = run("--format", "json", ".", cwd=project, env=env)  # the cache key knows ShellCheck was on
    assert not [f for f in json.loads(without.stdout) if f["rule"] == "DF390"]


def test_missing_binary_is_one_clear_error(project):
    write(project / "Dockerfile", "FROM debian:12-slim\nRUN echo $missing\n")
    result = run("--shellcheck", "--no-cache", "Dockerfile", cwd=project, env={"HULLCHECK_SHELLCHECK": "no-such-shellcheck"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "hullcheck: error: shellcheck is on but the shellcheck binary was not found "
        "(HULLCHECK_SHELLCHECK=no-such-shellcheck): pip install 'hullcheck[shellcheck]'"]
    assert result.stdout == ""


def test_found_beside_python_when_not_on_path(project):
    """pipx and pre-commit install `hullcheck[shellcheck]` in an environment whose bin folder is not on PATH."""
    write(project / "Dockerfile", "FROM debian:12-slim\nRUN echo $missing\n")
    result = run("--shellcheck", "--no-cache", "--format", "json", "Dockerfile", cwd=project,
                 env={"PATH": "/usr/bin:/bin"})
    assert places(result.stdout) == {("SC2086", 2, 10), ("SC2154", 2, 10)}


def test_code_selectors_in_config(tmp_path):
    from lint.engine.config import Config, from_table
    from lint.engine.registry import find_rule

    info = find_rule("shellcheck")
    assert not Config().enabled(info) and not Config(select=("ALL",)).enabled(info)  # a binary: only when asked
    assert Config(shellcheck=True).enabled(info) and Config(select=("DF390",)).enabled(info)
    assert not Config(shellcheck=True, ignore=("shellcheck",)).enabled(info)
    only = Config(select=("SC2086", "SC2154"))
    assert only.enabled(info) and only.code_enabled(info, "SC2154") and not only.code_enabled(info, "SC2016")
    both = Config(shellcheck=True, select=("DF3", "SC2086"))
    assert both.code_enabled(info, "SC2016")  # the whole rule is selected too
    ignored = Config(shellcheck=True, ignore=("sc2086",))
    assert ignored.enabled(info) and not ignored.code_enabled(info, "SC2086") and ignored.code_enabled(info, "SC2154")
    per_file = from_table({"shellcheck": True, "per-file-ignores": {"legacy/*": ["SC2086"]}}, tmp_path / ".hullcheck.toml")
    assert not per_file.code_enabled(info, "SC2086", tmp_path / "legacy" / "Dockerfile")
    assert per_file.code_enabled(info, "SC2086", tmp_path / "Dockerfile")
    configured = from_table({"severity": {"sc2086": "error"}}, tmp_path / ".hullcheck.toml")
    assert str(configured.severity_of(info, "SC2086")) == "error" and configured.severity_of(info, "SC2154") is None


def test_explain_names_the_rule_behind_a_code(tmp_path):
    result = run("explain", "SC2086", cwd=tmp_path)
    assert result.returncode == 0
    assert "https://www.shellcheck.net/wiki/SC2086" in result.stdout and "DF390" in result.stdout
    assert "--shellcheck" in run("explain", "shellcheck", cwd=tmp_path).stdout
