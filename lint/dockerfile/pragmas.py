"""hadolint's comment pragmas that are not suppressions: `# hadolint shell=<shell>`.

`# hadolint shell=powershell` tells which shell runs the shell-form RUNs that follow, for bases whose
default shell is not POSIX sh (Windows images). As hadolint 2.15 reads it: one before the first FROM sets
the shell of the whole file; one inside a stage sets it for the rest of that stage and the stages built FROM
it (another FROM goes back to the file's). A later pragma replaces an earlier one.
"""
from __future__ import annotations

import re

from lint.dockerfile.model import Dockerfile, Instruction

SHELL_PRAGMA = re.compile(r"#\s*hadolint\s+shell\s*=\s*(?P<shell>[^\s#]+)", re.I)


def shell_pragmas(doc: Dockerfile) -> list[tuple[int, str]]:
    """(line, shell) of every `# hadolint shell=` comment, in file order."""
    found = []
    for comment in doc.comments:
        match = SHELL_PRAGMA.match(comment.text.lstrip())
        if match:
            found.append((comment.line, match["shell"]))
    return found


def shell_pragma(doc: Dockerfile, instruction: Instruction) -> str | None:
    """The shell a `# hadolint shell=` pragma names for this instruction, or None when none applies. A stage
    built FROM another stage of the file keeps the shell that stage ended with (its image carries the shell)."""
    pragmas = doc.memo.get("shell_pragmas")
    if pragmas is None:
        pragmas = doc.memo["shell_pragmas"] = shell_pragmas(doc)
    if not pragmas:
        return None
    first_from = doc.stages[0].from_.line if doc.stages else None
    shell = next((name for line, name in reversed(pragmas) if first_from is None or line < first_from), None)
    stage = instruction.stage
    if stage is None:
        return shell
    for each in (*reversed(doc.ancestors(stage)), stage):
        end = instruction.line if each is stage else (each.instructions[-1].end_line if each.instructions
                                                      else each.from_.line)
        for line, name in pragmas:
            if each.from_.line < line <= end:
                shell = name
    return shell
