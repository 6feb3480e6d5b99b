"""Interpolation as compose-go's template package does it: ${VAR}, ${VAR:-default}, ${VAR:?err}."""
from __future__ import annotations

import re


# --------------------------------------------------------------------------------------------
# Interpolation, as compose-go's template package does it

_TEMPLATE = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)"
    r"|\{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|(?P<invalid>)))",
    re.IGNORECASE,
)
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")


class InterpolationError(ValueError):
    pass


def _closing_brace(text: str) -> int:
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        if text[i] == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _operator(template: str) -> str:
    found = [(template.find(op), n, op) for n, op in enumerate(_OPERATORS) if op in template]
    return min(found)[2] if found else _OPERATORS[0]


def interpolate(template: str, env: dict[str, str] | None = None) -> tuple[str, bool]:
    """(result, uses_variables) with the variables of `env` set (a project's .env file) and every
    other one unset: `${V:-d}` -> d, `${V}` -> "". `${V:?err}` gives "" (the user's environment is
    expected to set it). Raises InterpolationError for an invalid `${...}`."""
    used = False
    env = env or {}

    def replace(match: re.Match) -> str:
        nonlocal used
        whole = match.group(0)
        if match.group("escaped"):
            return "$"
        operator = _operator(whole)
        end = _closing_brace(whole)
        rest = ""
        if end > -1:
            whole, rest = whole[: end + 1], whole[end + 1 :]
        m = _TEMPLATE.match(whole)
        substitution = m.group("named") if m else None
        braced = False
        if not substitution:
            substitution = m.group("braced") if m else None
            braced = True
        if not substitution:
            raise InterpolationError(match.group(0))
        used = True
        if braced and operator in substitution:
            name, argument = substitution.split(operator, 1)
            is_set, has_value = name in env, bool(env.get(name))
            given, _ = interpolate(argument, env)  # still must be well formed
            if operator in (":-", "-"):
                value = env[name] if (has_value if operator == ":-" else is_set) else given
            elif operator in (":+", "+"):
                value = given if (has_value if operator == ":+" else is_set) else ""
            else:
                value = env.get(name, "")
            nested, _ = interpolate(rest, env)
            return value + nested
        return env.get(substitution, "")

    if "$" not in template:
        return template, False
    result = _TEMPLATE.sub(replace, template)
    return result, used
