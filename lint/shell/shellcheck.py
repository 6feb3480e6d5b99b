"""ShellCheck, run as a binary over many scripts at once, its findings mapped back to the Dockerfile.

A `Job` is one script as a shell receives it (a RUN's joined lines, a heredoc body), the dialect that runs it
and the variables the build environment sets (ARG, ENV): those are declared in a header line, so ShellCheck
does not call them unassigned, with their value where the Dockerfile gives one (ShellCheck then knows that
`$VERSION` = `1.2` never splits, and that a value with a space does). Results are kept per job for the life of the process: a script
written twice (or re-linted while fixing) costs one check, and the runner checks the scripts of every file
of a run in a few processes (`check`), before the rule asks for them one file at a time.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lint.core.model import Severity, Span
from lint.core.source import MappedText

# SC1090/SC1091: a `source` ShellCheck cannot follow (no file to read, and no directive can be written in a
# Dockerfile for it); SC2187: "ash is checked as dash" (hullcheck names BusyBox's dialect itself)
EXCLUDED = ("SC1090", "SC1091", "SC2187")
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "style": Severity.STYLE}
# each dialect as a shebang names it to ShellCheck
SHEBANGS = {"sh": "/bin/sh", "bash": "/bin/bash", "dash": "/bin/dash", "ksh": "/bin/ksh",
            "busybox": "/bin/busybox sh"}
BATCH = 400  # scripts per ShellCheck process at most: well under any argument-length limit
MIN_BATCH = 64  # fewer scripts than this per process would cost more in start-up than the cores save
MEMO_LIMIT = 50_000  # scripts whose findings are kept for the life of the process
ENV_BINARY = "HULLCHECK_SHELLCHECK"
INSTALL_HINT = "pip install 'hullcheck[shellcheck]'"


class ShellCheckMissing(Exception):
    """No ShellCheck binary: the run cannot do what was asked (exit code 2)."""

    def __init__(self, detail: str = "") -> None:
        where = f" ({detail})" if detail else ""
        super().__init__(f"shellcheck is on but the shellcheck binary was not found{where}: {INSTALL_HINT}")


class ShellCheckFailed(Exception):
    """ShellCheck ran but gave no readable report."""


@dataclass(frozen=True)
class Job:
    dialect: str  # a key of SHEBANGS
    variables: tuple[tuple[str, str | None], ...]  # what the build sets (ARG, ENV), sorted; None: value unknown
    text: str  # the script as the shell gets it

    @property
    def header(self) -> str:
        # a variable of unknown value is declared without one: set, so no SC2154, yet of unknown content, so
        # SC2086 still applies (hadolint's `=1` tells ShellCheck that every build variable never splits)
        words = [name if value is None else f"{name}={quoted(value)}" for name, value in self.variables]
        exports = f"export {' '.join(words)}" if words else ":"
        return f"#!{SHEBANGS[self.dialect]}\n{exports}\n"

    HEADER_LINES = 2

    def script(self) -> str:
        return self.header + self.text


def quoted(value: str) -> str:
    """A value as one single-quoted sh word, on one line (the header must stay two lines)."""
    return "'" + value.replace("'", "'\\''").replace("\n", " ") + "'"


@dataclass(frozen=True)
class Comment:
    """One ShellCheck finding, positioned in the job's text (0-based character offsets)."""

    code: str  # SC2086
    severity: Severity
    message: str
    start: int
    end: int


_results: dict[Job, list[Comment]] = {}
calls = 0  # ShellCheck processes started by this process (tests count them)


def binary() -> str | None:
    """The ShellCheck to run: $HULLCHECK_SHELLCHECK, else the one on PATH, else the one installed beside this
    Python (pipx and pre-commit environments put `hullcheck[shellcheck]`'s binary there, off PATH)."""
    import sysconfig

    named = os.environ.get(ENV_BINARY)
    if named:
        return shutil.which(named)
    found = shutil.which("shellcheck")
    if found:
        return found
    for directory in {sysconfig.get_path("scripts"), str(Path(sys.executable).parent)}:
        found = shutil.which("shellcheck", path=directory)
        if found:
            return found
    return None


def identity() -> str:
    """The binary that would run, by path, size and time (no process started): part of the cache key."""
    program = binary()
    if program is None:
        return "missing"
    try:
        st = os.stat(program)
    except OSError:
        return program
    return f"{os.path.realpath(program)}:{st.st_size}:{st.st_mtime_ns}"


def check(jobs) -> dict[Job, list[Comment]]:
    """The findings of each job; the jobs not checked before in this process run now, in a few processes
    side by side."""
    todo = list(dict.fromkeys(job for job in jobs if job not in _results))
    if todo and len(_results) > MEMO_LIMIT:  # a language server lives long: keep what is kept bounded
        kept = {job: _results[job] for job in jobs if job in _results}
        _results.clear()
        _results.update(kept)
    if todo:
        program = binary()
        if program is None:
            named = os.environ.get(ENV_BINARY)
            raise ShellCheckMissing(f"{ENV_BINARY}={named}" if named else "not on PATH")
        _run(program, todo)
    return {job: _results[job] for job in jobs}


def batches(count: int) -> list[range]:
    """Scripts per process: one process up to MIN_BATCH scripts; more spread over the cores (ShellCheck uses
    one), never more than BATCH in one process."""
    parts = max(1, min(os.cpu_count() or 1, count // MIN_BATCH), -(-count // BATCH))
    size = -(-count // parts)
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def _run(program: str, jobs: list[Job]) -> None:
    import subprocess
    import tempfile

    global calls
    with tempfile.TemporaryDirectory(prefix="hullcheck-sc-") as directory:
        names = []
        for index, job in enumerate(jobs):
            name = f"{index}.sh"
            with open(os.path.join(directory, name), "w", encoding="utf-8", newline="") as handle:
                handle.write(job.script())
            names.append(name)
        options = [program, "--format=json1", "--norc", f"--exclude={','.join(EXCLUDED)}"]
        running = []
        try:
            for part in batches(len(jobs)):
                calls += 1
                running.append(subprocess.Popen([*options, *names[part.start:part.stop]], cwd=directory,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        except OSError as exc:
            raise ShellCheckMissing(f"{program}: {exc.strerror or exc}") from None
        outputs = [(process, *process.communicate()) for process in running]
    found: dict[str, list[dict]] = {}
    for process, stdout, stderr in outputs:
        try:
            report = json.loads(stdout.decode("utf-8", errors="replace"))
        except ValueError:
            detail = (stderr.decode("utf-8", errors="replace").strip().splitlines() or ["no output"])[0]
            raise ShellCheckFailed(f"shellcheck exited with {process.returncode}: {detail}") from None
        for item in report.get("comments", []):
            found.setdefault(item["file"], []).append(item)
    for name, job in zip(names, jobs):
        _results[job] = [c for c in (_comment(job, item) for item in found.get(name, [])) if c is not None]


def _comment(job: Job, item: dict) -> Comment | None:
    starts = line_starts(job.text)
    start = _offset(starts, job.text, item["line"] - Job.HEADER_LINES, item["column"])
    end = _offset(starts, job.text, item.get("endLine", item["line"]) - Job.HEADER_LINES,
                  item.get("endColumn", item["column"]))
    if start is None:
        return None  # on the header we wrote: about nothing the user wrote
    end = max(start, end if end is not None else start)
    message = " ".join(str(item.get("message", "")).split())
    return Comment(f"SC{item['code']}", LEVELS.get(item.get("level"), Severity.WARNING), message, start, end)


def line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int | None:
    """A 1-based (line, column) of ShellCheck's json1 report (a tab counts one column) as an offset."""
    if line < 1 or line > len(starts):
        return None
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    return min(starts[line - 1] + max(column, 1) - 1, line_end)


def span_in(mapped: MappedText, comment: Comment) -> Span:
    """Where a finding lies in the Dockerfile, through the joined lines, heredocs and removed CRs."""
    end = max(comment.end, comment.start + 1) if comment.start < len(mapped.text) else comment.start
    end = min(end, len(mapped.text))
    start = min(comment.start, len(mapped.text))
    return mapped.span(start, end)


def without_cr(mapped: MappedText) -> MappedText:
    """The text with the CR of each CRLF dropped (BuildKit reads a Dockerfile line by line, CRs trimmed)."""
    if "\r" not in mapped.text:
        return mapped
    keep = [i for i, char in enumerate(mapped.text)
            if not (char == "\r" and (i + 1 == len(mapped.text) or mapped.text[i + 1] == "\n"))]
    return MappedText("".join(mapped.text[i] for i in keep), [mapped.offsets[i] for i in keep] + [mapped.offsets[-1]])


def joined(*parts: MappedText) -> MappedText:
    """Pieces of a source as one text (a RUN line and the heredocs it feeds)."""
    text, offsets = "", []
    for part in parts:
        text += part.text
        offsets += part.offsets[:-1]
    return MappedText(text, offsets + [parts[-1].offsets[-1] if parts else 0])
