"""The rule registry: finds rule modules under `lint.rules` and keeps the manifest (ids, names, kinds,
module paths) so that a run imports only the rules it selects."""
from __future__ import annotations

import importlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from lint.core.rules import COMPOSE, DOCKERFILE, ENGINE, ID_PREFIXES, KINDS, MODULE_NAME, Rule, RuleInfo, rule, summary_of

MANIFEST_PATH = Path(__file__).with_name("manifest.json")


def rule_modules() -> list[str]:
    """Every rule module in the installed `lint.rules` package and its family sub-packages, by file name."""
    import lint.rules

    names = []
    for directory in lint.rules.__path__:
        root = Path(directory)
        for path in sorted(root.rglob("*.py")):
            if MODULE_NAME.match(path.stem):
                parts = path.relative_to(root).with_suffix("").parts
                names.append(".".join(("lint.rules", *parts)))
    return sorted(set(names), key=lambda name: name.rpartition(".")[2])  # by id, whatever the family


def load_rule(module_name: str) -> Rule:
    module = importlib.import_module(module_name)
    return module.check.rule


def build_manifest() -> list[RuleInfo]:
    return [load_rule(name).info for name in rule_modules()]


def write_manifest() -> Path:
    """Regenerate the manifest after adding, moving or changing a rule (`python -m lint.engine`)."""
    MANIFEST_PATH.write_text(manifest_text(build_manifest()), encoding="utf-8")
    return MANIFEST_PATH


def manifest_text(infos: list[RuleInfo]) -> str:
    return json.dumps([info.to_json() for info in infos], indent=1, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def manifest() -> tuple[RuleInfo, ...]:
    """The rule manifest (generated, kept current by a test); falls back to importing the rules."""
    try:
        data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
        infos = tuple(RuleInfo.from_json(item) for item in data)
    except (OSError, ValueError, KeyError):
        return tuple(build_manifest())
    # a rule file added or removed since the manifest was written: import them all (slower, still right)
    if {info.module for info in infos} != set(rule_modules()):
        return tuple(build_manifest())
    return infos


def find_rule(key: str) -> RuleInfo | None:
    """A rule by id, kebab-case name or alias (case-insensitive for ids)."""
    key = key.strip()
    for info in manifest():
        if key.upper() == info.id or key.lower() == info.name:
            return info
    for info in manifest():
        if key in info.aliases or key.upper() in (a.upper() for a in info.aliases):
            return info
    return None
