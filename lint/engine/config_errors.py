"""The configuration error (one clear line, exit code 2) and the nearest-key hint its messages give: shared
by our config and hadolint's."""
from __future__ import annotations


class ConfigError(Exception):
    """Bad configuration: one clear line, exit code 2."""


def nearest(word: str, choices) -> str:
    """`; did you mean 'x'?` for the closest choice, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
        close = [c for c in choices if close and c.lower() == close[0]][:1]
    return f"; did you mean {close[0]!r}?" if close else ""
