"""Compose files: a YAML node tree with exact spans, read the way compose-go reads it.

ruamel.yaml's composer gives the node tree and the positions (code-point offsets into the text
we pass, BOM included). Everything after that is ours, because compose-go (go-yaml v3) reads
YAML differently from ruamel's constructors: plain scalars are resolved by our own table
(`no` is a string, `0440` is octal 288, dates are timestamps that compose rejects), duplicate
keys are errors, `<<` merges let local keys win, and values are interpolated (`${VAR:-d}`)
before the JSON-schema check. Unset variables always read as "": lint results must not depend
on the environment they run in.
"""
from lint.compose.nodes import MAP, SEQ, SCALAR, Problem, SchemaProblem, Comment, Node, scalar_string
from lint.compose.model import ComposeFile
from lint.compose.yaml import resolve_plain, parse_compose
from lint.compose.interpolate import InterpolationError, interpolate
from lint.compose.schema import validate
from lint.compose.text import scalar_mapped, unescape_dollars

__all__ = [
    "Comment",
    "ComposeFile",
    "InterpolationError",
    "MAP",
    "Node",
    "Problem",
    "SCALAR",
    "SEQ",
    "SchemaProblem",
    "interpolate",
    "parse_compose",
    "resolve_plain",
    "scalar_mapped",
    "scalar_string",
    "unescape_dollars",
    "validate",
]
