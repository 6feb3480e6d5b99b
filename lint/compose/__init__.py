"""Compose files: a YAML node tree with exact spans, read the way compose-go reads it.

ruamel.yaml's composer gives the node tree and the positions (code-point offsets into the text
we pass, BOM included). Everything after that is ours, because compose-go (go-yaml v3) reads
YAML differently from ruamel's constructors: plain scalars are resolved by our own table
(`no` is a string, `0440` is octal 288, dates are timestamps that compose rejects), duplicate
keys are errors, `<<` merges let local keys win, and values are interpolated (`${VAR:-d}`)
before the JSON-schema check. Unset variables always read as "": lint results must not depend
on the environment they run in.

The names below are read from their modules on first use, so that a run which only needs one part (a
Dockerfile-only run reads compose scalars, never the YAML reader or the schema) does not import the rest.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from lint.core.lazy import lazy_exports

_EXPORTS = {
    "MAP": "lint.compose.nodes",
    "SEQ": "lint.compose.nodes",
    "SCALAR": "lint.compose.nodes",
    "Problem": "lint.compose.nodes",
    "SchemaProblem": "lint.compose.nodes",
    "Comment": "lint.compose.nodes",
    "Node": "lint.compose.nodes",
    "scalar_string": "lint.compose.nodes",
    "ComposeFile": "lint.compose.model",
    "resolve_plain": "lint.compose.scalars",
    "parse_compose": "lint.compose.yaml",
    "InterpolationError": "lint.compose.interpolation",
    "interpolate": "lint.compose.interpolation",
    "validate": "lint.compose.schema",
    "scalar_mapped": "lint.compose.text",
    "unescape_dollars": "lint.compose.text",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from lint.compose.nodes import MAP, SEQ, SCALAR, Problem, SchemaProblem, Comment, Node, scalar_string
    from lint.compose.model import ComposeFile
    from lint.compose.scalars import resolve_plain
    from lint.compose.yaml import parse_compose
    from lint.compose.interpolation import InterpolationError, interpolate
    from lint.compose.schema import validate
    from lint.compose.text import scalar_mapped, unescape_dollars


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
