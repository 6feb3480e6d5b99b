"""The rule registry: finds rule modules under `lint.rules` and keeps the manifest (ids, names, kinds,
module paths) so that a run imports only the rules it selects."""
from __future__ import annotations

import importlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from lint.core.rules import COMPOSE, DOCKERFILE, ENGINE, KINDS, MODULE_NAME, Rule, RuleInfo, rule, summary_of

MANIFEST_PATH = Path(__file__).with_name("manifest.json")


def rule_modules() -> list[str]:
    """Every rule module in the installed `lint.rules` package, by file name."""
    import lint.rules

    names = []
    for directory in lint.rules.__path__:
        for path in sorted(Path(directory).glob("*.py")):
            if MODULE_NAME.match(path.stem):
                names.append(f"lint.rules.{path.stem}")
    return sorted(set(names))


def load_rule(module_name: str) -> Rule:
    module = importlib.import_module(module_name)
    return module.check.rule


def build_manifest() -> list[RuleInfo]:
    return [load_rule(name).info for name in rule_modules()]


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


if __name__ == "__main__":  # python -m lint.engine.registry: regenerate the manifest after adding or changing a rule
    MANIFEST_PATH.write_text(manifest_text(build_manifest()), encoding="utf-8")
    print(f"wrote {MANIFEST_PATH}")
