"""Rules, manifest and fixture folders match one to one; ids and names are well-formed; every docstring has
its headings; each rule's *Example* triggers it and its *Use instead* does not."""
from __future__ import annotations

import re
from dataclasses import replace

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

import pytest

from lint.engine.config import Config
from lint.engine.registry import ENGINE, MANIFEST_PATH, build_manifest, load_rule, manifest_text, rule_modules
from tests.fixture_support import FIXTURES, lint_files, snapshot_name

INFOS = build_manifest()
HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead")


def test_manifest_is_current():
    assert MANIFEST_PATH.read_text(encoding="utf-8") == manifest_text(INFOS), (
        "lint/engine/manifest.json is stale: run `python -m lint.engine`")


def test_ids_and_names_are_unique_and_well_formed():
    ids = [i.id for i in INFOS]
    names = [i.name for i in INFOS]
    assert len(ids) == len(set(ids)), "duplicate rule id"
    assert len(names) == len(set(names)), "duplicate rule name"
    for info in INFOS:
        assert re.fullmatch(r"(DF|DC|HC)\d{3}", info.id), info.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.name


def test_every_rule_has_a_fixture_folder_and_every_folder_a_rule():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir() and re.fullmatch(r"(DF|DC|HC)\d{3}", p.name)}
    ids = {i.id for i in INFOS if i.kind != ENGINE or i.id in ("HC001", "HC002")}  # the engine rules with fixtures
    assert folders == ids, f"folders without rule: {sorted(folders - ids)}; rules without folder: {sorted(ids - folders)}"
    for rule_id in ids:
        names = [p.name for p in (FIXTURES / rule_id).iterdir()]
        assert any(n.startswith("bad") for n in names), f"{rule_id}: no bad fixture"
        assert any(n.startswith("good") for n in names), f"{rule_id}: no good fixture"


def test_every_bad_fixture_has_its_message_snapshot_and_every_snapshot_a_fixture():
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and re.fullmatch(r"(DF|DC|HC)\d{3}", p.name)):
        names = {p.name for p in folder.iterdir()}
        cases = {n for n in names
                 if n.startswith("bad") and ".fixed." not in n and not n.endswith((".expect", ".snap", ".toml"))}
        snaps = {n for n in names if n.endswith(".snap")}
        missing = sorted(snapshot_name(folder / n).name for n in cases if snapshot_name(folder / n).name not in snaps)
        stray = sorted(s for s in snaps if s[: -len(".snap")] not in cases)
        assert not missing, f"{folder.name}: no snapshot {missing}: run UPDATE_FIXTURES=1 python -m pytest tests/test_fixtures.py"
        assert not stray, f"{folder.name}: snapshots without a bad fixture: {stray}"


def sections(doc: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", doc, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


@pytest.mark.parametrize("module", rule_modules())
def test_docstring_has_every_heading(module):
    rule = load_rule(module)
    found = sections(rule.doc)
    wanted = list(HEADINGS)
    if rule.info.fix:
        wanted.append("Fix safety")
    if rule.info.options:
        wanted.append("Options")
    missing = [h for h in wanted if h not in found]
    assert not missing, f"{module}: docstring lacks {missing}"
    for heading in wanted:
        assert found[heading].strip(), f"{module}: '{heading}' is empty"


CODE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def write_blocks(directory, text):
    """The code blocks of a docstring section as files of a small project."""
    files = []
    for lang, body in CODE.findall(text):
        lang = lang.lower()
        if lang in ("dockerfile", "docker"):
            path = directory / ("Dockerfile" if not any(f.name == "Dockerfile" for f in files) else "Dockerfile.2")
        elif lang in ("yaml", "yml"):
            path = directory / "compose.yaml"
        else:
            continue
        path.write_text(body, encoding="utf-8")
        files.append(path)
    return files


@pytest.mark.parametrize("info", [i for i in INFOS if i.kind != ENGINE], ids=lambda i: i.id)
def test_example_triggers_and_use_instead_does_not(info, tmp_path):
    found = sections(load_rule(info.module).doc)
    config = Config(select=(info.id,))
    # a rule that is silent until configured shows its config in a ```toml block of its Options
    settings = [body for lang, body in CODE.findall(found.get("Options", "")) if lang.lower() == "toml"]
    if settings:
        from lint.engine.config import from_table

        config = replace(from_table(tomllib.loads(settings[0]), None), select=(info.id,))
    for heading, should_fire in (("Example", True), ("Use instead", False)):
        # a neutral folder name: "example" would mark the files as an example stack (lint.purpose)
        directory = tmp_path / ("fires" if should_fire else "quiet")
        directory.mkdir()
        files = write_blocks(directory, found[heading])
        assert files, f"{info.id}: '{heading}' has no dockerfile or yaml code block"
        results = lint_files(files, directory, config)
        hits = [f for _, findings in results.values() for f in findings if f.rule_id == info.id]
        if should_fire:
            assert hits, f"{info.id}: its Example does not trigger it"
        else:
            assert not hits, f"{info.id}: its 'Use instead' triggers it: {[h.message for h in hits]}"
