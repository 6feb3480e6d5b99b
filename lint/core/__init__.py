"""Core types every part shares: spans and sources, findings and fixes, rule metadata, Go-style value readers, text edits."""
from lint.core.model import Span, Severity, Applicability, Edit, Fix, Related, Finding, finding
from lint.core.source import DecodeError, is_binary, decode, Source, MappedText
from lint.core.goparse import UNITS, DAY_UNITS, MILLISECOND, MAX_DURATION, parse_duration
from lint.core.rules import (
    DOCKERFILE,
    COMPOSE,
    ENGINE,
    KINDS,
    ID_PREFIXES,
    MODULE_NAME,
    RuleInfo,
    Rule,
    rule,
    summary_of,
)
from lint.core.edits import BlockMapping, shared, block_mapping, line_removal

__all__ = [
    "Applicability",
    "BlockMapping",
    "COMPOSE",
    "DAY_UNITS",
    "DOCKERFILE",
    "DecodeError",
    "ENGINE",
    "Edit",
    "Finding",
    "Fix",
    "ID_PREFIXES",
    "KINDS",
    "MAX_DURATION",
    "MILLISECOND",
    "MODULE_NAME",
    "MappedText",
    "Related",
    "Rule",
    "RuleInfo",
    "Severity",
    "Source",
    "Span",
    "UNITS",
    "block_mapping",
    "decode",
    "finding",
    "is_binary",
    "line_removal",
    "parse_duration",
    "rule",
    "shared",
    "summary_of",
]
