"""Restart policies as compose v2 maps them to the engine (FACTS §4)."""
from __future__ import annotations

from lint.project import RESTART_NAMES

ENGINE_POLICIES = ("no", "always", "on-failure", "unless-stopped")


def engine_policy(value: str) -> str | None:
    """The engine's policy name for a `restart:` value or a restart_policy condition, or None if the
    engine would refuse it."""
    name = value.split(":", 1)[0]
    name = RESTART_NAMES.get(name, name)  # compose maps none and any before the engine sees them
    return name if name in ENGINE_POLICIES else None


def condition_policy(condition: str | None) -> str:
    """What a deploy.restart_policy condition means under compose: an empty one is "no" (Engine >= 25)."""
    if not condition:
        return "no"
    return engine_policy(condition) or condition
