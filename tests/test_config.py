"""Configuration and inline suppressions as users write them: pyproject/.hullcheck.toml, .hadolint.yaml,
per-file ignores, severity overrides, runtime, and hadolint's pragmas for aliased rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.engine.config import Config, ConfigError, ConfigResolver
from lint.engine import Workspace, lint_document, read_document
from lint.core.model import Severity

TWO_CHECKS = "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD curl -f http://localhost/ok\n"


def lint(directory: Path, name: str = "Dockerfile", config: Config | None = None):
    path = directory / name
    config = config or ConfigResolver().for_path(path)
    workspace = Workspace()
    doc = read_document(path, "dockerfile")
    workspace.add(doc)
    return [(f.rule_id, f.line, str(f.severity)) for f in lint_document(doc, config, workspace.project(directory))]


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(TWO_CHECKS)
    return tmp_path


def test_defaults_report_the_replaced_healthcheck(repo):
    assert ("DF104", 2, "warning") in lint(repo)


def test_hullcheck_toml_ignore_by_name(repo):
    (repo / ".hullcheck.toml").write_text('ignore = ["multiple-healthchecks"]\n')
    assert not [f for f in lint(repo) if f[0] == "DF104"]


def test_severity_override_by_alias(repo):
    (repo / "pyproject.toml").write_text('[tool.hullcheck]\nseverity = { DL3012 = "error" }\n')
    assert ("DF104", 2, "error") in lint(repo)


def test_nearest_config_wins(repo):
    (repo / ".hullcheck.toml").write_text('ignore = ["DF104"]\n')
    sub = repo / "svc"
    sub.mkdir()
    (sub / "Dockerfile").write_text(TWO_CHECKS)
    (sub / ".hullcheck.toml").write_text("select = [\"DF1\"]\n")
    assert ("DF104", 2, "warning") in lint(sub)
    assert not [f for f in lint(repo) if f[0] == "DF104"]


def test_per_file_ignores(repo):
    (repo / "legacy").mkdir()
    (repo / "legacy" / "Dockerfile").write_text(TWO_CHECKS)
    (repo / ".hullcheck.toml").write_text('[per-file-ignores]\n"legacy/*" = ["DF104"]\n')
    assert not [f for f in lint(repo / "legacy") if f[0] == "DF104"]
    assert [f for f in lint(repo) if f[0] == "DF104"]


def test_hadolint_yaml_ignored_codes_map_to_aliases(repo):
    (repo / ".hadolint.yaml").write_text("ignored:\n  - DL3012\n")
    assert not [f for f in lint(repo) if f[0] == "DF104"]


def test_hadolint_inline_pragma_suppresses_aliased_rule(repo):
    (repo / "Dockerfile").write_text(
        "FROM nginx:1.27\n# hadolint ignore=DL3012\nHEALTHCHECK CMD curl -f http://localhost/\n"
        "HEALTHCHECK CMD curl -f http://localhost/ok\n")
    assert not [f for f in lint(repo) if f[0] == "DF104"]


def test_ignore_comment_covers_every_line_of_the_next_instruction(repo):
    (repo / "Dockerfile").write_text(
        "FROM nginx:1.27\n# hullcheck: ignore=DF104\nHEALTHCHECK \\\n  CMD curl -f http://localhost/\n"
        "HEALTHCHECK CMD curl -f http://localhost/ok\n")
    found = lint(repo)
    assert not [f for f in found if f[0] in ("DF104", "HC001")]


def test_ignore_file_comment(repo):
    (repo / "Dockerfile").write_text("# hullcheck: ignore-file=DF104\n" + TWO_CHECKS)
    assert not [f for f in lint(repo) if f[0] in ("DF104", "HC001")]


def test_unknown_key_and_bad_values_are_config_errors(repo):
    (repo / ".hullcheck.toml").write_text("colour = true\n")
    with pytest.raises(ConfigError, match="unknown key"):
        ConfigResolver().for_path(repo / "Dockerfile")
    (repo / ".hullcheck.toml").write_text('ignore = ["DF999"]\n')
    with pytest.raises(ConfigError, match="unknown rule 'DF999'"):
        ConfigResolver().for_path(repo / "Dockerfile")
    (repo / ".hullcheck.toml").write_text('runtime = "nomad"\n')
    with pytest.raises(ConfigError, match="runtime"):
        ConfigResolver().for_path(repo / "Dockerfile")


def test_kubernetes_runtime_turns_off_missing_healthcheck():
    from lint.engine.registry import find_rule

    assert not Config(runtime="kubernetes").enabled(find_rule("DF101"))
    assert Config().enabled(find_rule("DF101"))


def test_failure_threshold_is_read(repo):
    (repo / ".hullcheck.toml").write_text('failure-threshold = "error"\n')
    assert ConfigResolver().for_path(repo / "Dockerfile").failure_threshold is Severity.ERROR


def test_a_rule_family_is_a_selector():
    """`--select DF` takes every Dockerfile rule, as ruff takes `E`; an unknown family is an error."""
    from lint.engine.config import check_rule_keys, matches
    from lint.engine.registry import find_rule

    check_rule_keys(["DF", "dc", "DF1"], "select", Path("<command line>"))
    assert matches(find_rule("DF102"), "DF") and not matches(find_rule("DC103"), "DF")
    with pytest.raises(ConfigError, match="unknown rule 'DX'"):
        check_rule_keys(["DX"], "select", Path("<command line>"))
