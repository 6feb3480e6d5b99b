"""`path:line:col: ID [severity] message`, `[*]` when a fix would apply; on a terminal, the source line,
a caret and the suggested fix."""
from __future__ import annotations

import difflib
import os
from collections import Counter

from lint.core.model import Applicability

COLORS = {"error": "31", "warning": "33", "info": "36", "style": "35"}


def paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(result, *, show_source: bool, color: bool, unsafe: bool, statistics: bool, quiet: bool,
           display) -> str:
    lines = []
    fixable = 0
    fixable_unsafe = 0
    for file_result in result.files:
        source = file_result.source
        for item in file_result.findings:
            applies = item.fix is not None and (
                item.fix.applicability is Applicability.SAFE
                or unsafe and item.fix.applicability is Applicability.UNSAFE)
            if item.fix is not None and item.fix.applicability is Applicability.SAFE:
                fixable += 1
            elif item.fix is not None and item.fix.applicability is Applicability.UNSAFE:
                fixable_unsafe += 1
            mark = " [*]" if applies else ""
            where = f"{display(item.path)}:{item.line}:{item.column}:"
            severity = paint(f"[{item.severity}]", COLORS[str(item.severity)], color)
            lines.append(f"{paint(where, '1', color)} {paint(item.shown_id, '1', color)} {severity}{mark} {item.message}")
            if show_source and source is not None and item.line:
                lines.extend(snippet(source, item, color))
    if statistics:
        counts = Counter((f.rule_id, f.rule_name) for f in result.findings)
        stats = [f"{count:5d}  {rule_id}  {name}" for (rule_id, name), count in counts.most_common()]
        return "\n".join(stats) + ("\n" if stats else "")
    total = len(result.findings)
    if not quiet:
        if total:
            summary = f"Found {total} problem{'s' if total != 1 else ''}"
            if fixable:
                summary += f" ({fixable} fixable with --fix"
                summary += f", {fixable_unsafe} more with --unsafe-fixes)" if fixable_unsafe else ")"
            elif fixable_unsafe:
                summary += f" ({fixable_unsafe} fixable with --fix --unsafe-fixes)"
            lines.append(summary + ".")
        fixed = sum(r.fixes_applied for r in result.files)
        if fixed:
            lines.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
        if not total and not fixed and not result.errors:
            lines.append("All checks passed.")
    return "\n".join(lines) + ("\n" if lines else "")


def snippet(source, item, color: bool) -> list[str]:
    text = source.line_text(item.line).replace("\t", " ")
    number = str(item.line)
    pad = " " * len(number)
    width = (item.end_column - item.column) if item.end_line == item.line else len(text) - item.column + 1
    caret = " " * (item.column - 1) + "^" * max(1, width)
    out = [f"  {pad} |", f"  {number} | {text}", f"  {pad} | {paint(caret, COLORS[str(item.severity)], color)}"]
    if item.fix is not None:
        label = {"safe": "fix", "unsafe": "unsafe fix", "display": "suggestion"}[str(item.fix.applicability)]
        out.append(f"  {pad} = {paint(label, '32', color)}: {item.fix.title}")
        for edit in item.fix.edits[:3]:
            for sign, line in preview(source, item.path, edit)[:PREVIEW_LINES]:
                out.append(f"  {pad}   {paint(sign + ' ' + line, '31' if sign == '-' else '32', color)}")
    out.append("")
    return out


PREVIEW_LINES = 12


def preview(source, path: str, edit) -> list[tuple[str, str]]:
    """The lines an edit changes, as they are (-) and as they would be (+): the whole lines it touches,
    so an edit inside a line shows that line before and after, and a deletion shows what goes."""
    if edit.path != path:  # another file's text is not at hand: its new text alone
        return [("+", line) for line in edit.text.strip("\r\n").splitlines()]
    text = source.text
    start = text.rfind("\n", 0, edit.span.start) + 1
    end = len(text) if edit.span.end == len(text) else text.find("\n", edit.span.end)
    if end < 0:
        end = len(text)
    if edit.span.end > edit.span.start and text[edit.span.end - 1] == "\n":
        end = edit.span.end - 1  # a deletion of whole lines ends at the last one's newline
    old = text[start:end].splitlines()
    new = (text[start:edit.span.start] + edit.text + text[edit.span.end:end]).splitlines()
    lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            lines.extend(("-", line) for line in old[a1:a2])
            lines.extend(("+", line) for line in new[b1:b2])
    return lines


def use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()
