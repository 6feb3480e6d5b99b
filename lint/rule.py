"""Rule metadata, the @rule decorator and the rule manifest.

A rule is one module in `lint.rules` named `<id>_<snake_name>.py`; its docstring is its
documentation and its `check(doc, ctx)` generator yields findings.
"""
from __future__ import annotations

import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from lint.model import Applicability, Severity

DOCKERFILE = "dockerfile"
COMPOSE = "compose"
ENGINE = "engine"  # findings the engine itself makes (unused suppressions, internal errors)
KINDS = (DOCKERFILE, COMPOSE, ENGINE)

MODULE_NAME = re.compile(r"^(?P<id>(?:df|dc|hc)\d{3})_(?P<name>[a-z0-9]+(?:_[a-z0-9]+)*)$")
MANIFEST_PATH = Path(__file__).with_name("manifest.json")


@dataclass(frozen=True)
class RuleInfo:
    """What the manifest says of a rule: enough for selection, `rules`, `explain` and config checks."""

    id: str
    name: str
    kind: str
    severity: Severity
    fix: Applicability | None
    aliases: tuple[str, ...]
    options: dict[str, Any]
    module: str
    summary: str = ""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "severity": str(self.severity),
            "fix": str(self.fix) if self.fix else None,
            "aliases": list(self.aliases),
            "options": self.options,
            "module": self.module,
            "summary": self.summary,
        }

    @classmethod
    def from_json(cls, data: dict) -> "RuleInfo":
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            severity=Severity.parse(data["severity"]),
            fix=Applicability(data["fix"]) if data["fix"] else None,
            aliases=tuple(data["aliases"]),
            options=dict(data["options"]),
            module=data["module"],
            summary=data.get("summary", ""),
        )


@dataclass
class Rule:
    info: RuleInfo
    check: Callable[..., Iterator]
    doc: str = field(default="", repr=False)


def rule(
    kind: str,
    *,
    severity: Severity,
    fix: Applicability | None = None,
    aliases: tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
) -> Callable[[Callable], Callable]:
    """Declare the `check` function of a rule module; id and name come from the module's name."""
    if kind not in KINDS:
        raise ValueError(f"unknown rule kind {kind!r}")

    def decorate(check: Callable) -> Callable:
        module = sys.modules[check.__module__]
        short = check.__module__.rpartition(".")[2]
        match = MODULE_NAME.match(short)
        if not match:
            raise ValueError(f"rule module name {short!r} is not <id>_<name>")
        doc = (module.__doc__ or "").strip()
        info = RuleInfo(
            id=match["id"].upper(),
            name=match["name"].replace("_", "-"),
            kind=kind,
            severity=severity,
            fix=fix,
            aliases=tuple(aliases),
            options=dict(options or {}),
            module=check.__module__,
            summary=summary_of(doc),
        )
        check.rule = Rule(info, check, doc)  # type: ignore[attr-defined]
        return check

    return decorate


def summary_of(doc: str) -> str:
    """The first sentence under 'What it does', one line."""
    match = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|\Z)", doc, re.S)
    text = match.group(1) if match else doc.split("\n\n", 1)[0]
    return " ".join(text.split())


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


if __name__ == "__main__":  # python -m lint.rule: regenerate the manifest after adding or changing a rule
    MANIFEST_PATH.write_text(manifest_text(build_manifest()), encoding="utf-8")
    print(f"wrote {MANIFEST_PATH}")
