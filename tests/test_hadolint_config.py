"""hadolint's configuration as a project moving from hadolint has it: `.hadolint.yaml` in the project, in
hadolint's user places, the HADOLINT_* variables and the pragmas, run through the real CLI (exit codes 0, 1
and 2, one-line errors)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT_USER = "FROM alpine:3.20\nUSER root\n"
SECRET = "FROM alpine:3.20\nENV DB_PASSWORD=changeme\nUSER 1000\n"
QUAY = "FROM quay.io/prometheus/busybox:1.36\nUSER 1000\n"
LABELS = 'FROM alpine:3.20\nLABEL version="1.2" team="web"\nUSER 1000\n'


def run(*args, cwd, env=None, home=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_") and k != "XDG_CONFIG_HOME"}
    environment.update({"NO_COLOR": "1", "HULLCHECK_CACHE_DIR": str(Path(cwd) / ".cache-test"),
                        "HOME": str(home or Path(cwd) / "home")})
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "lint", "--format", "json", *args], cwd=cwd, capture_output=True,
                          text=True, env=environment, timeout=120)


def rules_of(result) -> list[tuple[str, int]]:
    return sorted((f["rule"], f["start"]["line"]) for f in json.loads(result.stdout or "[]"))


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "home").mkdir()
    return tmp_path


def write(project: Path, dockerfile: str, hadolint: str | None = None, name: str = ".hadolint.yaml") -> None:
    (project / "Dockerfile").write_text(dockerfile)
    if hadolint is not None:
        (project / name).write_text(hadolint)


def test_without_config_the_root_user_fails_the_run(project):
    write(project, ROOT_USER)
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 1
    assert ("DF501", 2) in rules_of(result)


def test_ignored_takes_dl_codes(project):
    write(project, ROOT_USER, "ignored:\n  - DL3002\n  - DL3005\n  - SC2086\n")
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 0, result.stderr
    assert ("DF501", 2) not in rules_of(result)


def test_yml_extension_is_read(project):
    write(project, ROOT_USER, "ignored: [DL3002]\n", name=".hadolint.yml")
    assert run("Dockerfile", cwd=project).returncode == 0


def test_override_lowers_severity_below_the_threshold(project):
    write(project, ROOT_USER, "override:\n  info:\n    - DL3002\n")
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 0
    assert [f["severity"] for f in json.loads(result.stdout) if f["rule"] == "DF501"] == ["info"]


def test_failure_threshold_error_and_none(project):
    write(project, ROOT_USER, "failure-threshold: error\n")
    assert run("Dockerfile", cwd=project).returncode == 0
    write(project, ROOT_USER, "override:\n  error: [DL3002]\nfailure-threshold: none\n")
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 0 and ("DF501", 2) in rules_of(result)


def test_no_fail_reports_but_exits_zero(project):
    write(project, ROOT_USER, "no-fail: true\n")
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 0 and ("DF501", 2) in rules_of(result)


def test_the_command_line_threshold_wins_over_no_fail(project):
    write(project, ROOT_USER, "no-fail: true\n")
    assert run("Dockerfile", "--failure-threshold", "warning", cwd=project).returncode == 1


def test_trusted_registries_turn_df502_on(project):
    write(project, QUAY, "trustedRegistries:\n  - docker.io\n  - '*.gcr.io'\n")
    result = run("Dockerfile", cwd=project)
    assert ("DF502", 1) in rules_of(result) and result.returncode == 1
    write(project, QUAY, "trustedRegistries: quay.io\n")
    assert ("DF502", 1) not in rules_of(run("Dockerfile", cwd=project))


def test_label_schema_and_strict_labels(project):
    write(project, LABELS, "label-schema:\n  version: semver\n  license: spdx\nstrict-labels: true\n")
    found = rules_of(run("Dockerfile", cwd=project))
    assert found.count(("DF602", 2)) == 2  # the version that is no semver, the team the schema does not name
    assert ("DF602", 1) in found  # no license label


def test_disable_ignore_pragma(project):
    dockerfile = "FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n"
    write(project, dockerfile)
    assert ("DF501", 3) not in rules_of(run("Dockerfile", cwd=project))
    write(project, dockerfile, "disable-ignore-pragma: true\n")
    assert ("DF501", 3) in rules_of(run("Dockerfile", cwd=project))


def test_keys_without_meaning_here_are_accepted(project):
    write(project, ROOT_USER, "format: json\nno-color: true\nignored: [DL3002]\n")
    assert run("Dockerfile", cwd=project).returncode == 0


@pytest.mark.parametrize(("text", "says"), [
    ("ignore:\n  - DL3002\n", "unknown key 'ignore'; did you mean 'ignored'?"),
    ("trustedRegistry: docker.io\n", "unknown key 'trustedRegistry'; did you mean 'trustedRegistries'?"),
    ("ignored: DL3002\n", "ignored must be a list of strings"),
    ("override:\n  fatal: [DL3002]\n", "unknown key 'override.fatal'"),
    ("failure-threshold: high\n", "failure-threshold must be one of"),
    ("no-fail: maybe\n", "no-fail must be true or false"),
    ("ignored: [DL3002\n", "not YAML"),
    ("- DL3002\n", "expected a mapping"),
    ("ignored: [no-such-rule]\n", "unknown rule 'no-such-rule'"),
    ("label-schema:\n  version: number\n", "label schema 'version:number'"),
])
def test_an_invalid_hadolint_file_is_one_line_and_exit_2(project, text, says):
    write(project, ROOT_USER, text)
    result = run("Dockerfile", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ".hadolint.yaml: invalid hadolint config: " in lines[0] and says in lines[0], lines


def test_the_file_nearest_the_dockerfile_wins(project):
    (project / ".hadolint.yaml").write_text("failure-threshold: error\n")
    service = project / "svc"
    service.mkdir()
    (service / "Dockerfile").write_text(ROOT_USER)
    assert run("svc/Dockerfile", cwd=project).returncode == 0
    (service / ".hadolint.yaml").write_text("override:\n  error: [DL3002]\n")
    assert run("svc/Dockerfile", cwd=project).returncode == 1


def test_a_hullcheck_config_beside_it_wins_key_by_key(project):
    write(project, ROOT_USER, "ignored: [DL3002]\nfailure-threshold: error\n")
    (project / ".hullcheck.toml").write_text('ignore = []\n')
    result = run("Dockerfile", cwd=project)
    assert ("DF501", 2) in rules_of(result)  # our ignore replaces hadolint's
    assert result.returncode == 0  # hadolint's threshold still applies


@pytest.mark.parametrize("place", ["xdg/hadolint.yaml", "home/.config/hadolint.yaml", "home/.hadolint/hadolint.yaml",
                                   "home/hadolint/config.yaml", "home/.hadolint.yaml", "home/.hadolint.yml"])
def test_hadolints_user_places(tmp_path, place):
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    (project / "Dockerfile").write_text(ROOT_USER)
    (tmp_path / "home").mkdir()
    config = tmp_path / place
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("ignored: [DL3002]\n")
    result = run("Dockerfile", cwd=project, home=tmp_path / "home", env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert result.returncode == 0, (place, result.stdout)


def test_user_places_do_not_change_a_project_with_its_own_config(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    (project / "Dockerfile").write_text(ROOT_USER)
    (project / ".hullcheck.toml").write_text('failure-threshold = "warning"\n')
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / ".hadolint.yaml").write_text("ignored: [DL3002]\n")
    assert run("Dockerfile", cwd=project, home=tmp_path / "home").returncode == 1


def test_the_working_directory_file_for_a_dockerfile_outside_it(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".git").mkdir()
    (tmp_path / "elsewhere" / "Dockerfile").write_text(ROOT_USER)
    here = tmp_path / "here"
    here.mkdir()
    (here / ".hadolint.yaml").write_text("ignored: [DL3002]\n")
    assert run(str(tmp_path / "elsewhere" / "Dockerfile"), cwd=here).returncode == 0


@pytest.mark.parametrize(("env", "code"), [
    ({"HADOLINT_IGNORE": "DL3002,DL3008"}, 0),
    ({"HADOLINT_NOFAIL": "true"}, 0),
    ({"HADOLINT_NOFAIL": "0"}, 1),
    ({"HADOLINT_FAILURE_THRESHOLD": "error"}, 0),
    ({"HADOLINT_OVERRIDE_STYLE": "DL3002"}, 0),
    ({"HADOLINT_OVERRIDE_ERROR": "DL3002", "HADOLINT_FAILURE_THRESHOLD": "error"}, 1),
    ({"HADOLINT_VERBOSE": "1", "HADOLINT_FORMAT": "json"}, 1),
])
def test_environment_variables(project, env, code):
    write(project, ROOT_USER)
    assert run("Dockerfile", cwd=project, env=env).returncode == code


def test_environment_variables_for_registries_labels_and_pragmas(project):
    write(project, QUAY)
    assert ("DF502", 1) in rules_of(run("Dockerfile", cwd=project, env={"HADOLINT_TRUSTED_REGISTRIES": "docker.io"}))
    write(project, LABELS)
    found = rules_of(run("Dockerfile", cwd=project, env={"HADOLINT_REQUIRE_LABELS": "version:semver,team:text",
                                                         "HADOLINT_STRICT_LABELS": "yes"}))
    assert found.count(("DF602", 2)) == 1
    write(project, "FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n")
    assert ("DF501", 3) in rules_of(run("Dockerfile", cwd=project, env={"HADOLINT_DISABLE_IGNORE_PRAGMA": "1"}))


def test_environment_over_the_file(project):
    write(project, ROOT_USER, "failure-threshold: error\n")
    assert run("Dockerfile", cwd=project, env={"HADOLINT_FAILURE_THRESHOLD": "warning"}).returncode == 1


@pytest.mark.parametrize(("env", "says"), [
    ({"HADOLINT_FAILURE_THRESHOLD": "high"}, "HADOLINT_FAILURE_THRESHOLD"),
    ({"HADOLINT_NOFAIL": "perhaps"}, "HADOLINT_NOFAIL"),
    ({"HADOLINT_IGNORE": "not-a-rule"}, "HADOLINT_IGNORE"),
    ({"HADOLINT_REQUIRE_LABELS": "version:number"}, "HADOLINT_REQUIRE_LABELS"),
])
def test_an_invalid_environment_variable_is_one_line_and_exit_2(project, env, says):
    write(project, ROOT_USER)
    result = run("Dockerfile", cwd=project, env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], lines


def test_stage_ignore_covers_the_stage_it_stands_before(project):
    write(project, "# hadolint stage ignore=DL3002\nFROM alpine:3.20 AS build\nUSER root\n"
                   "FROM build\nUSER root\n")
    assert rules_of(run("Dockerfile", cwd=project)) == [("DF501", 5)]


def test_stage_ignore_inside_a_stage_covers_the_rest_of_it(project):
    write(project, "FROM alpine:3.20\nENV API_TOKEN=a\n# hadolint stage ignore=DL3064\nENV DB_PASSWORD=b\n"
                   "ENV APP_SECRET=c\nUSER 1000\n")
    assert rules_of(run("Dockerfile", cwd=project)) == [("DF503", 2)]


def test_global_ignore_and_inline_ignore_at_the_end_of_the_file(project):
    write(project, "# hadolint global ignore=DL3064\nFROM alpine:3.20\nENV API_TOKEN=a\nUSER 1000\n")
    assert rules_of(run("Dockerfile", cwd=project)) == []
    write(project, "FROM alpine:3.20\nENV API_TOKEN=a\nUSER 1000\n# hadolint ignore=DL3064\n")
    assert rules_of(run("Dockerfile", cwd=project)) == [("DF503", 2)]


def test_inline_ignore_pragma_rule_is_off_unless_selected(project):
    write(project, "FROM alpine:3.20\n# hadolint ignore=DL3064\nENV API_TOKEN=a\nUSER 1000\n")
    assert rules_of(run("Dockerfile", cwd=project)) == []
    assert rules_of(run("Dockerfile", "--extend-select", "DL1001", cwd=project)) == [("HC002", 2)]


def test_a_hadolint_file_given_as_config(project):
    write(project, ROOT_USER)
    (project / "ci").mkdir()
    (project / "ci" / "hadolint.yaml").write_text("ignored: [DL3002]\n")
    assert run("Dockerfile", "--config", "ci/hadolint.yaml", cwd=project).returncode == 0
    (project / "ci" / "hadolint.yaml").write_text("ignore: [DL3002]\n")
    result = run("Dockerfile", "--config", "ci/hadolint.yaml", cwd=project)
    assert result.returncode == 2 and "unknown key 'ignore'" in result.stderr
