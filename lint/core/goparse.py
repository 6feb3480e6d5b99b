"""Durations as Docker reads them: Go's time.ParseDuration (BuildKit's HEALTHCHECK options, `docker
stack`) and go-str2duration, which compose uses and which also reads `d` (24h) and `w` (7d)."""
from __future__ import annotations

import re

UNITS = {"ns": 1, "us": 1_000, "\u00b5s": 1_000, "\u03bcs": 1_000, "ms": 1_000_000, "s": 10**9,
         "m": 60 * 10**9, "h": 3600 * 10**9}
DAY_UNITS = {"d": 86400 * 10**9, "w": 7 * 86400 * 10**9}
MILLISECOND = 1_000_000
MAX_DURATION = (1 << 63) - 1
_PART = re.compile(r"(\d*)(?:\.(\d*))?([^\d.]*)")


def parse_duration(text: str, days: bool = True) -> tuple[int | None, str]:
    """(nanoseconds, "") or (None, why it is rejected). `days`: the compose reader (d and w allowed)."""
    units = {**UNITS, **DAY_UNITS} if days else UNITS
    rest = text
    negative = False
    if rest[:1] in ("-", "+"):
        negative, rest = rest[0] == "-", rest[1:]
    if rest == "0":
        return 0, ""
    if not rest:
        return None, "not a duration (expected a number and a unit such as 30s)"
    total = 0
    while rest:
        match = _PART.match(rest)
        whole, fraction, unit = match.group(1), match.group(2), match.group(3)
        if not whole and not fraction:
            return None, "not a duration (expected a number and a unit such as 30s)"
        if not unit:
            return None, "a number without a unit (write 30s, 1m30s, 500ms)"
        if unit not in units:
            extra = " (Docker has no days or weeks: use h)" if unit in DAY_UNITS else ""
            return None, f"unknown unit {unit!r}{extra}"
        scale = units[unit]
        value = int(whole or "0") * scale
        if fraction:
            value += int(int(fraction) * scale / 10 ** len(fraction))
        total += value
        if total > MAX_DURATION + (1 if negative else 0):
            return None, "a duration too long for Docker"
        rest = rest[match.end():]
    return (-total if negative else total), ""
