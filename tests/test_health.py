"""Where a compose service's health check comes from: compose, the Dockerfile it builds, the image table."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from lint.engine import Workspace
from lint.compose import scalar_mapped
from lint.knowledge import probe_of, service_health
from lint.core.source import Source

TABLE = {
    "postgres:16": SimpleNamespace(healthcheck=False),
    "myteam/api:1": SimpleNamespace(healthcheck=True),  # declared in config `images`
}


class Ctx:
    def image(self, reference):
        return TABLE.get(reference)


def services(tmp_path: Path, compose: str, files: dict[str, str] | None = None):
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "compose.yaml").write_text(compose, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    project = Workspace().project(tmp_path)
    (stack,) = project.stacks_for(tmp_path / "compose.yaml")
    return stack.services


def health(tmp_path, compose, files=None, name="app"):
    return service_health(services(tmp_path, compose, files)[name], Ctx())


@pytest.mark.parametrize(
    "check, state, disabled",
    [
        ('test: ["CMD", "true"]', "yes", False),
        ("test: curl -f http://localhost", "yes", False),
        ('test: ["CMD-SHELL", "true"]', "yes", False),
        ('test: ["NONE"]', "no", True),
        ('test: ["CMD", "true"]\n      disable: true', "no", True),
        ("disable: true", "no", True),
    ],
)
def test_compose_healthcheck_decides(tmp_path, check, state, disabled):
    result = health(tmp_path, f"services:\n  app:\n    image: postgres:16\n    healthcheck:\n      {check}\n")
    assert (result.state, result.source, result.disabled) == (state, "compose", disabled)


def test_string_none_is_a_command_not_a_switch(tmp_path):
    # compose turns a string test into CMD-SHELL: `test: NONE` runs a program called NONE
    result = health(tmp_path, "services:\n  app:\n    image: postgres:16\n    healthcheck:\n      test: NONE\n")
    assert result.state == "yes" and not result.disabled


@pytest.mark.parametrize("check", ["test: []", "interval: 5s\n      retries: 2", 'test: ""'])
def test_empty_test_and_timing_only_fall_through_to_the_image(tmp_path, check):
    compose = f"services:\n  app:\n    image: IMAGE\n    healthcheck:\n      {check}\n"
    assert health(tmp_path / "a", compose.replace("IMAGE", "postgres:16")).state == "no"
    own = health(tmp_path / "b", compose.replace("IMAGE", "myteam/api:1"))
    assert (own.state, own.source) == ("yes", "image")
    unknown = health(tmp_path / "c", compose.replace("IMAGE", "diamol/ch08-numbers-api:v3"))
    assert unknown.state == "unknown" and unknown.image == "diamol/ch08-numbers-api:v3"


def test_healthcheck_of_the_built_target_stage(tmp_path):
    dockerfile = (
        "FROM postgres:16 AS base\nHEALTHCHECK CMD pg_isready\n"
        "FROM base AS final\nRUN true\n"
        "FROM postgres:16 AS other\n"
    )
    compose = "services:\n  app:\n    build:\n      context: .\n      target: final\n"
    result = health(tmp_path, compose, {"Dockerfile": dockerfile})
    assert (result.state, result.source) == ("yes", "dockerfile")
    assert result.instruction.line == 2  # inherited from the parent stage
    assert result.stage.name == "final"


def test_last_stage_without_healthcheck_falls_to_its_base_image(tmp_path):
    dockerfile = "FROM postgres:16 AS base\nHEALTHCHECK CMD pg_isready\nFROM postgres:16\n"
    result = health(tmp_path, "services:\n  app:\n    build: .\n", {"Dockerfile": dockerfile})
    assert (result.state, result.source, result.image) == ("no", None, "postgres:16")


def test_healthcheck_none_in_the_dockerfile_turns_it_off(tmp_path):
    dockerfile = "FROM myteam/api:1\nHEALTHCHECK NONE\n"
    result = health(tmp_path, "services:\n  app:\n    build: .\n", {"Dockerfile": dockerfile})
    assert (result.state, result.source, result.disabled) == ("no", "dockerfile", True)


def test_built_image_inherits_the_base_images_check(tmp_path):
    result = health(tmp_path, "services:\n  app:\n    build: ./api\n", {"api/Dockerfile": "FROM myteam/api:1\n"})
    assert (result.state, result.source) == ("yes", "image")


def test_unreadable_dockerfile_or_unknown_target_is_unknown(tmp_path):
    assert health(tmp_path / "a", "services:\n  app:\n    build: ./missing\n").state == "unknown"
    compose = "services:\n  app:\n    build:\n      context: .\n      target: nope\n"
    assert health(tmp_path / "b", compose, {"Dockerfile": "FROM postgres:16\n"}).state == "unknown"


def test_override_file_replaces_test_and_disable_wins(tmp_path):
    compose = "services:\n  app:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n"
    override = "services:\n  app:\n    healthcheck:\n      disable: true\n"
    result = health(tmp_path, compose, {"compose.override.yaml": override})
    assert result.disabled and result.node.path.endswith("compose.override.yaml")


# --- reading a `test` -----------------------------------------------------------------------------

def parsed_test(text: str):
    from lint.compose import parse_compose

    doc = parse_compose(Source("compose.yaml", text))
    return doc.root.get("services", "app", "healthcheck", "test"), doc.source.text


def words_at(probe, text):
    return [(w.value, text[w.span.start:w.span.end]) for w in probe.script.commands[0].words]


def test_cmd_shell_script_maps_back_through_quotes_and_dollars():
    node, text = parsed_test('services:\n  app:\n    healthcheck:\n      test: ["CMD-SHELL", "curl \\"$$HOST\\"/x"]\n')
    probe = probe_of(node, text)
    assert probe.form == "CMD-SHELL" and probe.exact
    (cmd,) = probe.script.commands
    assert cmd.name == "curl"
    host = cmd.args[0]
    assert host.has_expansion and text[host.span.start:host.span.end] == '\\"$$HOST\\"/x'


def test_string_and_block_forms_are_shell_scripts():
    node, text = parsed_test("services:\n  app:\n    healthcheck:\n      test: |\n        curl -s x || exit 1\n")
    probe = probe_of(node, text)
    assert probe.form == "string" and probe.exact
    assert [c.name for c in probe.script.commands] == ["curl", "exit"]
    node, text = parsed_test("services:\n  app:\n    healthcheck:\n      test: 'wget -q ''x'''\n")
    probe = probe_of(node, text)
    # the shell quotes are YAML's doubled quotes: the word starts at the first of them
    assert [w.value for w in probe.script.commands[0].words] == ["wget", "-q", "x"]
    assert text[probe.script.commands[0].words[2].span.start:].startswith("''x''")


def test_cmd_items_are_argv_words():
    node, text = parsed_test('services:\n  app:\n    healthcheck:\n      test: [CMD, curl, "-s", \'http://x\']\n')
    probe = probe_of(node, text)
    assert probe.form == "CMD" and [i.value for i in probe.argv] == ["curl", "-s", "http://x"]
    # each argv word is its whole item, quotes included
    assert words_at(probe, text) == [("curl", "curl"), ("-s", '"-s"'), ("http://x", "'http://x'")]
    assert probe.script.commands[0].name == "curl"


def test_cmd_item_holding_a_compose_variable_is_not_known():
    node, text = parsed_test('services:\n  app:\n    healthcheck:\n      test: [CMD, curl, "${CURL_OPTS}", x]\n')
    word = probe_of(node, text).script.commands[0].args[0]
    assert word.has_expansion


@pytest.mark.parametrize("value, form", [("[]", "inherit"), ('["cmd", "x"]', "invalid"), ("[NONE]", "NONE")])
def test_forms(value, form):
    node, text = parsed_test(f"services:\n  app:\n    healthcheck:\n      test: {value}\n")
    assert probe_of(node, text).form == form


def test_folded_block_of_several_lines_is_not_exact():
    node, text = parsed_test("services:\n  app:\n    healthcheck:\n      test: >\n        curl\n        x\n")
    mapped, exact = scalar_mapped(node, text)
    assert mapped.text == "curl x\n" and not exact


# --- durations as compose (go-str2duration) and BuildKit (time.ParseDuration) read them -----------

@pytest.mark.parametrize(
    "text, compose, go",
    [
        ("5s", 5 * 10**9, 5 * 10**9),
        ("1m30s", 90 * 10**9, 90 * 10**9),
        ("1.5h", 5400 * 10**9, 5400 * 10**9),
        ("1d", 86400 * 10**9, None),  # compose reads days and weeks; Go and `docker stack` do not
        ("1w2d", 9 * 86400 * 10**9, None),
        ("-1s", -(10**9), -(10**9)),
        ("0", 0, 0),
        ("10", None, None),  # missing unit
        ("5 s", None, None),
        ("", None, None),
        (".s", None, None),
    ],
)
def test_durations(text, compose, go):
    from lint.core.goparse import parse_duration

    assert parse_duration(text)[0] == compose
    assert parse_duration(text, days=False)[0] == go


def test_image_from_a_variable(tmp_path):
    from lint.knowledge import image_reference

    compose = ("services:\n  tag:\n    image: postgres:${PG:-16}\n  repo:\n    image: ${DB_IMAGE:-postgres:16}\n"
               "  fixed:\n    image: postgres:16\n")
    found = services(tmp_path, compose)
    assert health(tmp_path / "t", compose, name="tag").state == "no"  # every postgres tag lacks a HEALTHCHECK
    assert health(tmp_path / "r", compose, name="repo").state == "unknown"
    assert image_reference(found["tag"]) == "postgres:16"
    assert image_reference(found["tag"], strict=True) is None  # what is inside differs by tag
    assert image_reference(found["fixed"], strict=True) == "postgres:16"
