"""The compose model: YAML node tree read as compose-go reads it, interpolation, schema."""
from lint.compose.model import (
    Problem,
    SchemaProblem,
    Comment,
    Node,
    scalar_string,
    ComposeFile,
    resolve_plain,
    InterpolationError,
    interpolate,
    parse_compose,
    validate,
)

__all__ = [
    "Comment",
    "ComposeFile",
    "InterpolationError",
    "Node",
    "Problem",
    "SchemaProblem",
    "interpolate",
    "parse_compose",
    "resolve_plain",
    "scalar_string",
    "validate",
]
