"""What a rule is: its kinds, metadata (RuleInfo) and the @rule decorator that reads id and name from
the module's name.

A rule is one module under `lint.rules` (in its family folder) named `<id>_<snake_name>.py`; its docstring is its
documentation and its `check(doc, ctx)` generator yields findings.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from lint.core.model import Applicability, Severity

DOCKERFILE = "dockerfile"
COMPOSE = "compose"
ENGINE = "engine"  # findings the engine itself makes (unused suppressions, internal errors)
KINDS = (DOCKERFILE, COMPOSE, ENGINE)

# the built-in rule id prefixes: Dockerfile, compose, the engine's own findings
ID_PREFIXES = ("DF", "DC", "HC")
MODULE_NAME = re.compile(
    r"^(?P<id>(?:" + "|".join(prefix.lower() for prefix in ID_PREFIXES) + r")\d{3})_(?P<name>[a-z0-9]+(?:_[a-z0-9]+)*)$"
)
# prefixes no plugin may use: ours, and SC, kept for ShellCheck's codes
RESERVED_PREFIXES = (*ID_PREFIXES, "SC")
# findings of the ShellCheck rule carry ShellCheck's own code, accepted wherever a rule id is
CODED_RULE = "DF390"
RULE_CODE = re.compile(r"SC\d{4}\Z", re.I)
# a plugin's rule module (`acme001_no_latest_tag`): letters, three digits, the name
PLUGIN_MODULE_NAME = re.compile(r"^(?P<id>[a-z]{2,}\d{3})_(?P<name>[a-z0-9]+(?:_[a-z0-9]+)*)$")


OPTION_TYPES = {"bool": bool, "int": int, "str": str, "list": list}  # list: a list of strings


@dataclass(frozen=True)
class Option:
    """One option a rule declares: `[tool.hullcheck.rules.<ID>] <name> = <value>` in config."""

    name: str
    type: type
    default: Any
    help: str
    choices: tuple = ()  # the only values accepted, when the option is one of a few words

    def to_json(self) -> dict:
        data = {"type": self.type.__name__, "default": self.default, "help": self.help}
        if self.choices:
            data["choices"] = list(self.choices)
        return data


@dataclass(frozen=True)
class RuleInfo:
    """What the manifest says of a rule: enough for selection, `rules`, `explain` and config checks."""

    id: str
    name: str
    kind: str
    severity: Severity
    fix: Applicability | None
    aliases: tuple[str, ...]
    options: dict[str, dict]  # name -> {"type", "default", "help"}, as the rule declares them
    module: str
    summary: str = ""
    default: bool = True  # on unless the config selects otherwise; off-by-default rules run when named


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
            "default": self.default,
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
            default=data.get("default", True),
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
    options: tuple[Option, ...] = (),
    default: bool = True,
) -> Callable[[Callable], Callable]:
    """Declare the `check` function of a rule module; id and name come from the module's name.

    `default=False`: a policy or taste rule, run only when a selector names it (its id, name, an alias, a
    prefix such as `DF3`, or `ALL`), never by the default selection."""
    if kind not in KINDS:
        raise ValueError(f"unknown rule kind {kind!r}")
    for option in options:
        if OPTION_TYPES.get(option.type.__name__) is not option.type or not isinstance(option.default, option.type):
            raise ValueError(f"option {option.name!r}: type must be one of {', '.join(OPTION_TYPES)} and fit the default")

    def decorate(check: Callable) -> Callable:
        module = sys.modules[check.__module__]
        short = check.__module__.rpartition(".")[2]
        match = MODULE_NAME.match(short) or PLUGIN_MODULE_NAME.match(short)
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
            options={option.name: option.to_json() for option in options},
            module=check.__module__,
            summary=summary_of(doc),
            default=default,
        )
        check.rule = Rule(info, check, doc)  # type: ignore[attr-defined]
        return check

    return decorate


def summary_of(doc: str) -> str:
    """The first sentence under 'What it does', one line."""
    match = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|\Z)", doc, re.S)
    text = match.group(1) if match else doc.split("\n\n", 1)[0]
    return " ".join(text.split())
