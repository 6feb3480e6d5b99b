"""Plain YAML scalars resolved as go-yaml v3 (compose-go) resolves them: `no` is a string, `0440` is octal,
dates are timestamps; not as ruamel's constructors would."""
from __future__ import annotations

import re
from typing import Any


# --------------------------------------------------------------------------------------------
# Scalars as go-yaml v3 resolves them

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_FLOAT_SPECIAL = {
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
}  # fmt: skip
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
# go-yaml tries Go's time formats 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (t too) and
# "2006-1-2 15:4:5.999999999"; all start with four digits and a dash
_TIMESTAMP = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})"
    r"| \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)?\Z"
)
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


def _go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64) (and ParseUint): base from the prefix, a bare leading 0 is octal."""
    sign = 1
    body = text
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    base = 10
    lowered = body[:2].lower()
    if lowered in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[lowered]
        body = body[2:]
    elif len(body) > 1 and body[0] == "0":
        base = 8
        body = body[1:]
    if not body or any(c not in _DIGITS[base] for c in body):
        return None
    value = sign * int(body, base)
    if not -(2**63) <= value < 2**64:
        return None
    return value


def resolve_plain(text: str) -> tuple[str, Any]:
    """(yaml type, value) of an unquoted, untagged scalar as go-yaml v3 reads it."""
    if text in _NULLS:
        return "null", None
    if text in _TRUE:
        return "bool", True
    if text in _FALSE:
        return "bool", False
    if text in _FLOAT_SPECIAL:
        return "float", _FLOAT_SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if first != "." and _TIMESTAMP.match(text):
            return "timestamp", text
        plain = text.replace("_", "")
        if first != ".":
            number = _go_int(plain)
            if number is not None:
                return "int", number
        if _YAML_FLOAT.match(plain):
            return "float", float(plain)
    return "str", text


def _resolve_tagged(tag: str, text: str) -> tuple[str, Any]:
    """An explicitly tagged scalar (`!!str 0440`, `!!int "12"`)."""
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if short == "!!str":
        return "str", text
    kind, value = resolve_plain(text) if text else ("null", None)
    wanted = {"!!int": "int", "!!float": "float", "!!bool": "bool", "!!null": "null", "!!timestamp": "timestamp"}
    if short in wanted and kind != wanted[short]:
        if short == "!!float" and kind == "int":
            return "float", float(value)
        return "str", text  # compose would fail to decode it; keep the text
    return kind, value
