"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool on a temporary git repository."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is a test extra: pip install -e '.[test]'")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path):
    git("init", "-q", cwd=tmp_path)
    git("config", "user.email", "dev@example.com", cwd=tmp_path)
    git("config", "user.name", "dev", cwd=tmp_path)
    return tmp_path


def try_repo(hook, repo, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("HULLCHECK_CACHE_DIR", None)
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_hook_fails_on_a_finding_and_names_it(repo, pre_commit_home):
    (repo / "Dockerfile").write_text("FROM alpine:3.20\nRUNN echo hi\n")
    (repo / "README.md").write_text("not linted\n")
    git("add", ".", cwd=repo)
    result = try_repo("hullcheck", repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Dockerfile:2:1: DF000 [error] unknown instruction: RUNN" in result.stdout


def test_hook_passes_on_a_clean_repository(repo, pre_commit_home):
    (repo / "Dockerfile").write_text("FROM alpine:3.20\nRUN echo hi\n")
    git("add", ".", cwd=repo)
    result = try_repo("hullcheck", repo, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_rewrites_the_file(repo, pre_commit_home):
    (repo / "Dockerfile").write_text("FROM alpine:3.20\n# hullcheck: ignore=DF000\nRUN echo hi\n")
    git("add", ".", cwd=repo)
    result = try_repo("hullcheck-fix", repo, pre_commit_home)
    # pre-commit fails a hook that modified files, so the user reviews the change
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (repo / "Dockerfile").read_text() == "FROM alpine:3.20\nRUN echo hi\n"


def test_hook_given_only_a_changed_dockerfile_fails_on_the_compose_service_it_breaks(repo, pre_commit_home):
    """The Dockerfile no longer installs curl, which the compose service's health check runs: the finding
    is in compose.yaml, and the hook (passed only the Dockerfile) must fail on it."""
    shutil.copytree(ROOT / "fixtures" / "projects" / "probe-tool", repo, dirs_exist_ok=True)
    git("add", ".", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("HULLCHECK_CACHE_DIR", None)
    result = subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), "hullcheck", "--files", "api/Dockerfile",
                             "--color", "never"], cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "compose.yaml:7:21: DC106 [error]" in result.stdout
