"""GitHub Actions workflow commands: one `::error|warning|notice file=...,line=...::message` per finding.

The runner turns each line into an annotation on the file and line (in the job summary and the pull
request's diff). Values are escaped as the runner unescapes them: `%`, CR and LF in the message;
those and `:` and `,` in properties. Columns are sent only for a one-line finding: annotations
support columns on a single line only. `file=` is relative to the repository root: the runner reads a
relative path from there (and makes an absolute one relative to the workspace), not from the
directory the step ran in.
"""
from __future__ import annotations

from lint.core.model import Severity
from lint.report import repository_path, repository_root

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.STYLE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result, *, display) -> str:
    root = repository_root()
    lines = []
    for item in result.findings:
        properties = [("file", repository_path(item.path, root))]
        if item.line:
            properties += [("line", item.line), ("endLine", item.end_line)]
            if item.end_line == item.line:
                properties += [("col", item.column), ("endColumn", item.end_column)]
        properties.append(("title", f"{item.shown_id} {item.rule_name}".strip()))
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
        lines.append(f"::{COMMANDS[item.severity]} {joined}::{escape_data(item.message)}\n")
    return "".join(lines)
