"""Baselines as a repository adopting hullcheck uses them: real CLI runs on a copy of a fixture project."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.engine.baseline import Baseline, Entry, compare
from lint.core.model import Finding, Severity, Span

NUMBERS = Path(__file__).parent.parent / "fixtures" / "projects" / "numbers"
BASELINE = ".hullcheck-baseline.json"
# one new problem: an invalid restart policy (DC302); the service is otherwise complete
NEW_SERVICE = ("services:\n  cache:\n    image: redis:7\n    restart: sometimes\n"
               '    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n')


def run(*args, cwd):
    environment = {**os.environ, "NO_COLOR": "1", "HULLCHECK_CACHE_DIR": str(Path(cwd) / ".cache-test")}
    result = subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                            env=environment, timeout=120)
    return result


def finding_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.count(":") >= 3 and " [" in line]


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "numbers"
    shutil.copytree(NUMBERS, root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@pytest.fixture
def baselined(repo):
    before = run(cwd=repo)
    assert before.returncode == 1, before.stdout + before.stderr  # the project has findings to baseline
    created = run("baseline", "create", cwd=repo)
    assert created.returncode == 0, created.stderr
    assert f"to {BASELINE}" in created.stdout
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_created_baseline_lists_every_finding_in_a_stable_documented_format(repo):
    findings = json.loads(run("--format", "json", cwd=repo).stdout)
    assert run("baseline", "create", cwd=repo).returncode == 0
    text = (repo / BASELINE).read_text()
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["version"] == 1
    entries = data["findings"]
    assert len(entries) == len(findings)
    assert sorted((e["rule"], e["line"]) for e in entries) == sorted((f["rule"], f["start"]["line"]) for f in findings)
    assert {e["path"] for e in entries} == {"docker-compose.yml", "numbers-api/Dockerfile", "numbers-web/Dockerfile"}
    assert all(set(e) == {"path", "rule", "fingerprint", "line", "message"} for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    assert run("baseline", "create", cwd=repo).returncode == 0
    assert (repo / BASELINE).read_text() == text  # the same findings write the same bytes


def test_check_with_the_new_baseline_passes_and_shows_nothing(baselined):
    result = run("check", "--baseline", BASELINE, cwd=baselined)
    assert result.returncode == 0, result.stdout + result.stderr
    assert finding_lines(result.stdout) == []
    assert "All checks passed." in result.stdout
    assert result.stderr == ""


def test_unrelated_edits_keep_the_baseline_matching(baselined):
    compose = baselined / "docker-compose.yml"
    compose.write_text("# the numbers demo\n# from the book\n\n" + compose.read_text())
    edit(compose, "    networks:\n      - app-net\n\n  numbers-web", "    networks: [app-net]\n\n  numbers-web")
    edit(compose, "    environment:\n      - RngApi__Url", "    environment:\n    - RngApi__Url")
    web = baselined / "numbers-web" / "Dockerfile"
    web.write_text("# syntax=docker/dockerfile:1\n\n# the web app\n" + web.read_text())
    api = baselined / "numbers-api" / "Dockerfile"
    edit(api, "RUN dotnet publish -c Release -o /out Numbers.Api.csproj",
         "RUN dotnet publish \\\n    -c Release -o /out \\\n    Numbers.Api.csproj")
    result = run("check", "--baseline", BASELINE, cwd=baselined)
    assert result.returncode == 0, result.stdout + result.stderr
    assert finding_lines(result.stdout) == []


def test_one_new_problem_fails_and_is_the_only_one_shown(baselined):
    compose = baselined / "docker-compose.yml"
    compose.write_text("# added above\n" + compose.read_text())
    edit(compose, "services:\n", NEW_SERVICE)
    result = run("check", "--baseline", BASELINE, cwd=baselined)
    assert result.returncode == 1
    shown = finding_lines(result.stdout)
    assert len(shown) == 1, result.stdout
    assert shown[0].startswith("docker-compose.yml:7:14: DC302 ")
    assert "Found 1 problem." in result.stdout


def test_json_output_stays_valid_and_holds_only_the_new_problem(baselined):
    compose = baselined / "docker-compose.yml"
    edit(compose, "services:\n", NEW_SERVICE)
    edit(compose, 'version: "3.7"\n', "")  # a baselined problem fixed: the note goes to stderr
    result = run("check", "--baseline", BASELINE, "--format", "json", cwd=baselined)
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [(i["rule"], i["file"]) for i in items] == [("DC302", "docker-compose.yml")]
    assert "1 baselined problem no longer occurs" in result.stderr


def test_a_fixed_problem_is_reported_and_update_shrinks_the_baseline(baselined):
    before = json.loads((baselined / BASELINE).read_text())["findings"]
    edit(baselined / "docker-compose.yml", 'version: "3.7"\n', "")
    result = run("check", "--baseline", BASELINE, cwd=baselined)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("hullcheck: 1 baselined problem no longer occurs; run `hullcheck baseline update` to shrink the "
            "baseline") in result.stderr

    updated = run("baseline", "update", cwd=baselined)
    assert updated.returncode == 0, updated.stderr
    assert "Removed 1 entry" in updated.stdout
    after = json.loads((baselined / BASELINE).read_text())["findings"]
    assert len(after) == len(before) - 1
    assert "DC401" not in {e["rule"] for e in after}
    again = run("check", "--baseline", BASELINE, cwd=baselined)
    assert again.returncode == 0 and again.stderr == ""


def test_update_never_adds_new_problems(baselined):
    entries = json.loads((baselined / BASELINE).read_text())["findings"]
    edit(baselined / "docker-compose.yml", "services:\n", NEW_SERVICE)
    updated = run("baseline", "update", cwd=baselined)
    assert updated.returncode == 0
    assert "Removed 0 entries" in updated.stdout
    assert "1 problem is not in the baseline" in updated.stderr
    after = json.loads((baselined / BASELINE).read_text())["findings"]
    identity = lambda e: (e["path"], e["rule"], e["fingerprint"])  # noqa: E731
    assert sorted(map(identity, after)) == sorted(map(identity, entries))  # lines are refreshed, nothing added
    assert run("check", "--baseline", BASELINE, cwd=baselined).returncode == 1


def test_linting_one_file_does_not_declare_other_files_fixed(baselined):
    edit(baselined / "docker-compose.yml", 'version: "3.7"\n', "")
    result = run("check", "--baseline", BASELINE, "numbers-web/Dockerfile", cwd=baselined)
    assert result.returncode == 0
    assert "no longer occur" not in result.stderr
    for narrowing in (("--select", "DF203"), ("--ignore", "DC401")):
        result = run("check", "--baseline", BASELINE, *narrowing, cwd=baselined)
        assert result.returncode == 0, result.stdout + result.stderr  # ("DF" alone is no rule: exit 2)
        assert "no longer occur" not in result.stderr  # DC401 was not run: its entry is not fixed
    run("baseline", "update", "numbers-web", cwd=baselined)
    assert "DC401" in (baselined / BASELINE).read_text()


def test_a_deleted_file_in_a_walked_directory_counts_as_fixed(baselined):
    (baselined / "numbers-web" / "Dockerfile").unlink()
    result = run("check", "--baseline", BASELINE, cwd=baselined)
    assert "5 baselined problems no longer occur" in result.stderr  # its 5 findings


def test_baseline_in_another_directory_stores_paths_relative_to_itself(repo):
    (repo / "ci").mkdir()
    assert run("baseline", "create", "--file", "ci/hullcheck.json", cwd=repo).returncode == 0
    paths = {e["path"] for e in json.loads((repo / "ci" / "hullcheck.json").read_text())["findings"]}
    assert paths == {"../docker-compose.yml", "../numbers-api/Dockerfile", "../numbers-web/Dockerfile"}
    result = run("check", "--baseline", "../ci/hullcheck.json", ".", cwd=repo / "numbers-web")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("content", [None, "", "{", "[]", '{"version": 99, "findings": []}',
                                     '{"version": true, "findings": []}', '{"version": 1, "findings": [{}]}'])
def test_missing_or_invalid_baseline_is_one_error_line_and_exit_2(repo, content):
    if content is not None:
        (repo / BASELINE).write_text(content)
    result = run("check", "--baseline", BASELINE, cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"hullcheck: error: {BASELINE}: "), result.stderr
    if content is None:
        update = run("baseline", "update", cwd=repo)
        assert update.returncode == 2 and len(update.stderr.splitlines()) == 1


def finding(path: str, rule: str, fingerprint: str) -> Finding:
    return Finding(rule, Severity.WARNING, "m", path, Span(0, 1), fingerprint=fingerprint)


def test_entries_are_a_multiset(tmp_path):
    baseline = Baseline(tmp_path / BASELINE, [Entry("Dockerfile", "DF104", "a" * 16)] * 2)
    path = str(tmp_path / "Dockerfile")
    found = [finding(path, "DF104", "a" * 16) for _ in range(3)]
    result = compare(baseline, found, lambda entry: True)
    assert len(result.new) == 1 and len(result.kept) == 2 and result.fixed == []
    result = compare(baseline, found[:1], lambda entry: True)
    assert result.new == [] and len(result.fixed) == 1
    other_rule = compare(baseline, [finding(path, "DF102", "a" * 16)], lambda entry: False)
    assert len(other_rule.new) == 1 and len(other_rule.kept) == 2  # out of scope: kept, not fixed


def test_config_names_the_baseline_for_check_create_and_update(repo):
    (repo / ".hullcheck.toml").write_text('baseline = "ci/hullcheck-baseline.json"\n')
    (repo / "ci").mkdir()
    assert run("baseline", "create", cwd=repo).returncode == 0
    assert (repo / "ci" / "hullcheck-baseline.json").is_file() and not (repo / BASELINE).exists()
    assert run("check", cwd=repo).returncode == 0
    edit(repo / "docker-compose.yml", "services:\n", NEW_SERVICE)
    result = run("check", cwd=repo)
    assert result.returncode == 1 and len(finding_lines(result.stdout)) == 1
    everything = run("check", "--no-baseline", cwd=repo)
    assert everything.returncode == 1 and len(finding_lines(everything.stdout)) > 1
    (repo / "ci" / "hullcheck-baseline.json").unlink()
    assert run("check", cwd=repo).returncode == 2  # a configured baseline that is missing is an error


def test_a_file_name_that_is_not_utf8_round_trips_through_the_baseline(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    name = os.fsdecode(b"bad\xffname.Dockerfile")
    try:
        (root / name).write_text("FROM alpine:3.20 AS 1st\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes UTF-8 names only")
    created = run("baseline", "create", cwd=root)
    assert created.returncode == 0, created.stderr
    (entry,) = json.loads((root / BASELINE).read_bytes().decode("utf-8"))["findings"]  # strict UTF-8
    assert entry["path"] == name
    checked = run("--baseline", BASELINE, cwd=root)
    assert checked.returncode == 0 and "All checks passed." in checked.stdout


def test_a_failed_write_leaves_no_baseline_behind_and_a_new_one_is_readable(tmp_path, monkeypatch):
    import lint.engine.fix
    from lint.engine import baseline as baselines

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(lint.engine.fix, "write_atomic", disk_full)
        with pytest.raises(baselines.BaselineError, match="No space left"):
            baselines.write(Baseline(tmp_path / BASELINE, []))
    assert not (tmp_path / BASELINE).exists()  # an empty file would read as "not JSON", not "not found"
    baselines.write(Baseline(tmp_path / BASELINE, []))
    assert (tmp_path / BASELINE).stat().st_mode & 0o044  # like any new file, not the temp file's 0600
    assert baselines.load(tmp_path / BASELINE).entries == []


def test_create_and_update_write_nothing_when_a_file_cannot_be_read(baselined):
    before = (baselined / BASELINE).read_bytes()
    (baselined / "numbers-web" / "Dockerfile").write_text("FROM alpine:3.20\n")  # its entry would go
    (baselined / "gone.Dockerfile").symlink_to("missing-target")  # a file that cannot be read
    for command in (("baseline", "update"), ("baseline", "create")):
        result = run(*command, cwd=baselined)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "gone.Dockerfile: cannot read" in result.stderr
        assert (baselined / BASELINE).read_bytes() == before  # not a baseline missing that file's findings
    (baselined / BASELINE).unlink()
    assert run("baseline", "create", cwd=baselined).returncode == 2
    assert not (baselined / BASELINE).exists()
