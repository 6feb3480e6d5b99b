"""The CLI as users run it: real subprocesses, real files, exact exit codes and output."""
from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN_DOCKERFILE = "FROM alpine:3.20\nRUNN echo hi\n"
CLEAN_DOCKERFILE = "FROM alpine:3.20\nRUN echo hi\n"
UNUSED_IGNORE = "FROM alpine:3.20\n# hullcheck: ignore=DF102\nRUN echo hi\n"


def run(*args, cwd, stdin=None, env=None):
    environment = {**os.environ, "NO_COLOR": "1", "HULLCHECK_CACHE_DIR": str(Path(cwd) / ".cache-test")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=environment, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()  # a repository root, so the project stops here
    return tmp_path


def test_clean_file_exits_0(project):
    (project / "Dockerfile").write_text(CLEAN_DOCKERFILE)
    result = run("--select", "DF000", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed." in result.stdout.decode()


def test_findings_exit_1_with_exact_location(project):
    (project / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    result = run("Dockerfile", "--select", "DF000", cwd=project)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == "Dockerfile:2:1: DF000 [error] unknown instruction: RUNN"


def test_check_subcommand_is_the_default(project):
    (project / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    assert run("check", ".", "--select", "DF000", cwd=project).stdout == run(".", "--select", "DF000", cwd=project).stdout


def test_exit_zero_and_failure_threshold(project):
    (project / "Dockerfile").write_text(UNUSED_IGNORE)  # HC001 is a warning
    # an unused suppression is reported only when the rule it names runs
    assert run("--select", "HC001", cwd=project).returncode == 0
    assert run("--select", "HC001,DF102", cwd=project).returncode == 1
    assert run("--select", "HC001,DF102", "--exit-zero", cwd=project).returncode == 0
    assert run("--select", "HC001,DF102", "--failure-threshold", "error", cwd=project).returncode == 0


def test_missing_path_is_one_line_and_exit_2(project):
    result = run("nope/Dockerfile", cwd=project)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == ["hullcheck: error: nope/Dockerfile: no such file or directory"]
    assert b"Traceback" not in result.stderr


def test_unknown_rule_in_select_is_exit_2(project):
    result = run("--select", "DF999", cwd=project)
    assert result.returncode == 2
    assert "unknown rule 'DF999'" in result.stderr.decode()


def test_bad_config_is_one_line_and_exit_2(project):
    (project / "Dockerfile").write_text(CLEAN_DOCKERFILE)
    (project / ".hullcheck.toml").write_text('failure-threshold = "loud"\n')
    result = run(cwd=project)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "failure-threshold" in lines[0] and "Traceback" not in lines[0]
    (project / ".hullcheck.toml").write_text("colour = true\n")
    result = run(cwd=project)
    assert result.returncode == 2 and "unknown key" in result.stderr.decode()
    (project / ".hullcheck.toml").write_text("select = [\n")
    result = run(cwd=project)
    assert result.returncode == 2 and "invalid TOML" in result.stderr.decode()


def test_config_in_pyproject_selects_and_ignores(project):
    (project / "Dockerfile").write_text(UNUSED_IGNORE)
    (project / "pyproject.toml").write_text('[tool.hullcheck]\nignore = ["unused-suppression"]\n')
    assert run(cwd=project).returncode == 0


def test_binary_file_is_skipped_with_a_notice(project):
    (project / "Dockerfile").write_bytes(b"\x7fELF\x00\x00\x01binary")
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 0
    assert "Dockerfile: binary file skipped" in result.stderr.decode()


def test_undecodable_bytes_are_a_located_finding(project):
    (project / "compose.yaml").write_bytes(b"services:\n  web:\n    image: caf\xe9\n")
    result = run("compose.yaml", "--select", "DC000", cwd=project)
    assert result.returncode == 1
    assert result.stdout.decode().startswith("compose.yaml:3:15: DC000 [error] invalid UTF-8 byte 0xe9")


def test_utf16_with_bom_is_read(project):
    (project / "Dockerfile").write_bytes(BROKEN_DOCKERFILE.encode("utf-16"))
    result = run("Dockerfile", "--select", "DF000", cwd=project)
    assert "Dockerfile:2:1: DF000" in result.stdout.decode()


def test_named_file_kind_from_content(project):
    (project / "prod.yml").write_text("services:\n  web:\n    image: nginx\n    image: x\n")
    result = run("prod.yml", "--select", "DC000", cwd=project)
    assert result.returncode == 1 and "prod.yml:4:5: DC000" in result.stdout.decode()


def test_discovery_skips_templates_and_gitignored(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".git" / "info").mkdir(exist_ok=True)
    (project / ".gitignore").write_text("ignored/\n")
    (project / "ignored").mkdir()
    (project / "ignored" / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    (project / "Dockerfile.j2").write_text(BROKEN_DOCKERFILE)
    (project / "app.dockerignore").write_text(BROKEN_DOCKERFILE)
    (project / "svc").mkdir()
    (project / "svc" / "Dockerfile.prod").write_text(BROKEN_DOCKERFILE)
    result = run("--select", "DF000", cwd=project)
    out = result.stdout.decode()
    assert "svc/Dockerfile.prod:2:1: DF000" in out
    assert "ignored" not in out and "j2" not in out and "dockerignore" not in out


def test_stdin_needs_a_filename_and_is_linted(project):
    result = run("-", cwd=project, stdin=BROKEN_DOCKERFILE.encode())
    assert result.returncode == 2
    result = run("-", "--stdin-filename", "Dockerfile", "--select", "DF000", cwd=project,
                 stdin=BROKEN_DOCKERFILE.encode())
    assert result.returncode == 1 and "Dockerfile:2:1: DF000" in result.stdout.decode()


def test_json_format(project):
    (project / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    result = run("--format", "json", "--select", "DF000", cwd=project)
    data = json.loads(result.stdout)
    fingerprint = data[0].pop("fingerprint")
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)  # what a baseline would record for it
    assert data == [{
        "rule": "DF000", "name": "dockerfile-syntax-error", "severity": "error",
        "message": "unknown instruction: RUNN", "file": "Dockerfile",
        "start": {"line": 2, "column": 1}, "end": {"line": 2, "column": 5}, "fix": None, "related": [],
    }]


def test_fix_writes_atomically_keeping_mode_and_symlink(project):
    real = project / "real.Dockerfile"
    real.write_text(UNUSED_IGNORE)
    real.chmod(0o640)
    (project / "Dockerfile").symlink_to(real.name)
    result = run("Dockerfile", "--fix", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "Dockerfile").is_symlink()
    assert real.read_text() == CLEAN_DOCKERFILE
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert "Fixed 1 problem." in result.stdout.decode()


def test_fix_keeps_crlf(project):
    (project / "Dockerfile").write_bytes(UNUSED_IGNORE.replace("\n", "\r\n").encode())
    run("--fix", cwd=project)
    assert (project / "Dockerfile").read_bytes() == CLEAN_DOCKERFILE.replace("\n", "\r\n").encode()


def test_without_fix_nothing_is_written(project):
    path = project / "Dockerfile"
    path.write_text(UNUSED_IGNORE)
    before = path.stat().st_mtime_ns
    run(cwd=project)
    assert path.read_text() == UNUSED_IGNORE and path.stat().st_mtime_ns == before


def test_diff_prints_and_does_not_write(project):
    (project / "Dockerfile").write_text(UNUSED_IGNORE)
    result = run("--diff", cwd=project)
    assert result.returncode == 1
    assert "-# hullcheck: ignore=DF102" in result.stdout.decode()
    assert (project / "Dockerfile").read_text() == UNUSED_IGNORE


def test_diff_with_output_file_reports_nothing_fixed(project):
    (project / "Dockerfile").write_text(UNUSED_IGNORE)
    result = run("--diff", "--output-file", "report.txt", "Dockerfile", cwd=project)
    assert result.returncode == 1
    assert "-# hullcheck: ignore=DF102" in result.stdout.decode()
    report = (project / "report.txt").read_text()
    assert "Dockerfile:2:1: HC001" in report and "Fixed" not in report  # --diff writes nothing
    assert (project / "Dockerfile").read_text() == UNUSED_IGNORE

def test_fix_on_stdin_prints_fixed_text(project):
    result = run("-", "--stdin-filename", "Dockerfile", "--fix", cwd=project, stdin=UNUSED_IGNORE.encode())
    assert result.stdout.decode() == CLEAN_DOCKERFILE


@pytest.mark.parametrize("data", [
    b"FROM alpine:3.20\nRUN echo \xff\n",  # a byte that is not UTF-8: no fix is written for such a file
    "FROM alpine:3.20\nRUN echo hi\n".encode("utf-16"),  # UTF-16 with a BOM, nothing to fix
])
def test_fix_on_stdin_gives_back_the_same_bytes_when_nothing_is_fixed(project, data):
    result = run("-", "--stdin-filename", "Dockerfile", "--fix", cwd=project, stdin=data)
    assert result.stdout == data  # an editor replaces its buffer with this: not one byte may change


def test_fix_on_stdin_keeps_utf16(project):
    data = UNUSED_IGNORE.encode("utf-16")
    result = run("-", "--stdin-filename", "Dockerfile", "--fix", cwd=project, stdin=data)
    assert result.stdout == CLEAN_DOCKERFILE.encode("utf-16")

def test_cache_gives_the_same_results(project):
    (project / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    first = run("--format", "json", cwd=project)
    assert any((project / ".cache-test").rglob("*")), "the cache was not written"
    second = run("--format", "json", cwd=project)
    assert first.stdout == second.stdout and first.returncode == second.returncode
    (project / "Dockerfile").write_text(CLEAN_DOCKERFILE)
    third = run("--format", "json", "--select", "DF000", cwd=project)
    assert json.loads(third.stdout) == []


def test_rules_and_explain(project):
    listing = run("rules", cwd=project).stdout.decode()
    assert "DF000" in listing and "unused-suppression" in listing
    page = run("explain", "unused-suppression", cwd=project)
    assert page.returncode == 0 and "## Why is this bad?" in page.stdout.decode()
    assert run("explain", "nope", cwd=project).returncode == 2


def test_version(project):
    assert run("--version", cwd=project).stdout.decode().startswith("hullcheck ")


def test_colour_only_on_a_terminal(project):
    (project / "Dockerfile").write_text(BROKEN_DOCKERFILE)
    result = run("--select", "DF000", cwd=project, env={"NO_COLOR": ""})
    assert b"\x1b[" not in result.stdout  # a pipe is not a terminal


# -- the results cache is the fast path; --diff and previews show what a fix does

NUMBERS_API = """\
FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /out .
EXPOSE 80
ENTRYPOINT ["dotnet", "Numbers.Api.dll"]
"""
NUMBERS_COMPOSE = """\
version: "3.7"

services:
  numbers-api:
    image: diamol/ch08-numbers-api:v3
    restart: unless-stopped
    healthcheck:
      test:
        - CMD
        - curl
        - http://localhost/health
      interval: 5s
"""


def logging_git(tmp_path: Path) -> tuple[dict, Path]:
    """An environment whose `git` records each run, then runs the real one."""
    import shutil

    log = tmp_path / "git-runs.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    real = shutil.which("git")
    script = bin_dir / "git"
    script.write_text(f"#!/bin/sh\necho run >> '{log}'\n" + (f"exec '{real}' \"$@\"\n" if real else "exit 128\n"))
    script.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}, log


def test_a_folder_of_unrelated_files_asks_git_once_per_run(tmp_path):
    """Each Dockerfile of a folder outside a repository is its own project: working out each file's
    cache key must not start a process per file, and a warm cache must not either."""
    folder = tmp_path / "images"
    for number in range(30):
        (folder / f"svc{number:02d}").mkdir(parents=True)
        (folder / f"svc{number:02d}" / "Dockerfile").write_text(NUMBERS_API.replace("80", str(8000 + number)))
    env, log = logging_git(tmp_path)
    cold = run("images", "--format", "json", cwd=tmp_path, env=env)
    runs_cold = len(log.read_text().splitlines()) if log.exists() else 0
    warm = run("images", "--format", "json", cwd=tmp_path, env=env)
    runs_warm = (len(log.read_text().splitlines()) if log.exists() else 0) - runs_cold
    assert cold.returncode == warm.returncode == 1
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    assert runs_cold <= 1 and runs_warm <= 1  # the directory walk's one `git check-ignore`


def test_cache_key_sees_a_changed_project_file(tmp_path):
    """The cache key of a Dockerfile covers the compose files of its project: a service that starts
    probing it with curl changes the Dockerfile's findings on the next warm run."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text(NUMBERS_API)
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  numbers-api:\n    build: ./api\n")
    first = run("--format", "json", "api/Dockerfile", cwd=tmp_path)
    compose.write_text("services:\n  numbers-api:\n    build: ./api\n    healthcheck:\n"
                       "      test: [\"CMD\", \"curl\", \"--fail\", \"http://localhost/health\"]\n")
    second = run("--format", "json", "api/Dockerfile", cwd=tmp_path)
    fresh = run("--format", "json", "--no-cache", "api/Dockerfile", cwd=tmp_path)
    assert json.loads(second.stdout) == json.loads(fresh.stdout)
    assert json.loads(first.stdout) != json.loads(fresh.stdout)


def test_diff_prints_the_same_diff_on_a_second_run(project):
    (project / "compose.yaml").write_text(NUMBERS_COMPOSE)
    first = run("--diff", "--select", "DC401", cwd=project)
    second = run("--diff", "--select", "DC401", cwd=project)
    assert '-version: "3.7"' in first.stdout.decode()
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1
    assert (project / "compose.yaml").read_text() == NUMBERS_COMPOSE


def test_diff_with_only_unsafe_fixes_says_so(project):
    (project / "compose.yaml").write_text(NUMBERS_COMPOSE)
    result = run("--diff", "--select", "DC103", cwd=project)
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "hullcheck: no safe fixes to show; 1 unsafe fix shown with --diff --unsafe-fixes\n")
    shown = run("--diff", "--unsafe-fixes", "--select", "DC103", cwd=project)
    assert "+        - --fail" in shown.stdout.decode() and shown.stderr == b""


def test_fix_preview_shows_removed_and_changed_lines(project):
    """The preview is the lines a fix changes, before (-) and after (+): a deleted line shows, an item
    added to a block list is one whole line, an edit inside a line shows that line twice."""
    (project / "compose.yaml").write_text(NUMBERS_COMPOSE + "  numbers-web:\n    image: diamol/ch08-numbers-web:v3\n"
                                          "    restart: on-failure\n    healthcheck:\n"
                                          "      test: [\"CMD\", \"curl\", \"http://localhost/\"]\n")
    out = run("--show-source", "--select", "DC401,DC103", cwd=project).stdout.decode()
    previews = [[line.strip() for line in block.splitlines() if line.startswith("   ") and line.strip()[:2]
                 in ("- ", "+ ")] for block in out.split("\n\n")]
    assert previews[:3] == [
        ['- version: "3.7"'],
        ['+         - --fail'],
        ['-       test: ["CMD", "curl", "http://localhost/"]',
         '+       test: ["CMD", "curl", "--fail", "http://localhost/"]'],
    ]


def test_cache_key_sees_a_file_the_project_reads_by_any_name(tmp_path):
    """The compose file builds `docker/api.df` (a name the project fingerprint does not stamp) and
    includes a file from outside the repository: a change to either is seen on the next warm run."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docker").mkdir()
    dockerfile = repo / "docker" / "api.df"
    dockerfile.write_text(NUMBERS_API)
    (tmp_path / "shared").mkdir()
    included = tmp_path / "shared" / "cache.yaml"
    included.write_text("services:\n  cache:\n    image: redis:7\n")
    (repo / "compose.yaml").write_text(
        "include:\n  - ../shared/cache.yaml\nservices:\n  numbers-api:\n    build:\n      context: .\n"
        "      dockerfile: docker/api.df\n    ports:\n      - \"8087:80\"\n"
        "    depends_on:\n      cache:\n        condition: service_healthy\n")

    def same_as_fresh():
        warm = run("--format", "json", "compose.yaml", cwd=repo)
        fresh = run("--format", "json", "--no-cache", "compose.yaml", cwd=repo)
        assert json.loads(warm.stdout) == json.loads(fresh.stdout)
        return json.loads(fresh.stdout)

    first = same_as_fresh()
    dockerfile.write_text(NUMBERS_API.replace("EXPOSE 80\n", "EXPOSE 80\nHEALTHCHECK CMD curl http://localhost/\n"))
    second = same_as_fresh()
    included.write_text("services:\n  cache:\n    image: redis:7\n    healthcheck:\n"
                        "      test: [\"CMD\", \"redis-cli\", \"ping\"]\n")
    third = same_as_fresh()
    assert first != second != third


def test_stdin_named_into_a_folder_that_is_not_there(project):
    """An editor lints a new buffer before it is saved: its folder does not exist yet, and stays so."""
    first = run("-", "--stdin-filename", "services/api/Dockerfile", cwd=project, stdin=NUMBERS_API.encode())
    second = run("-", "--stdin-filename", "services/api/Dockerfile", cwd=project, stdin=NUMBERS_API.encode())
    assert first.returncode == second.returncode == 1, first.stderr.decode()  # DF101: no HEALTHCHECK
    assert first.stdout == second.stdout and b"Traceback" not in first.stderr + second.stderr
    assert not (project / "services").exists()
