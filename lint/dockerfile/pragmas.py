"""hadolint's comment pragmas that are not suppressions: `# hadolint shell=<shell>`.

`# hadolint shell=powershell` tells which shell runs the shell-form RUNs that follow, for bases whose
default shell is not POSIX sh (Windows images). As hadolint 2.15 reads it: one before the first FROM sets
the shell of the whole file; one inside a stage sets it for the rest of that stage (the next FROM goes back
to the file's). A later pragma replaces an earlier one.
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
    """The shell a `# hadolint shell=` pragma names for this instruction, or None when none applies."""
    pragmas = doc.memo.get("shell_pragmas")
    if pragmas is None:
        pragmas = doc.memo["shell_pragmas"] = shell_pragmas(doc)
    if not pragmas:
        return None
    first_from = doc.stages[0].from_.line if doc.stages else None
    stage = instruction.stage
    stage_start = stage.from_.line if stage is not None else None
    shell = None
    for line, name in pragmas:
        if line > instruction.line:
            break
        if first_from is None or line < first_from:
            shell = name  # the file's shell
        elif stage_start is not None and line > stage_start:
            shell = name  # this stage's, from here on
    return shell
