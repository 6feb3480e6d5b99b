"""Scripts inside instructions and words: exec form (JSON arrays), `sh -c '...'`, the shells that run
them."""
from __future__ import annotations

import posixpath
import re

from lint.core.model import Span
from lint.core.source import MappedText
from lint.shell.parser import parse_script
from lint.shell.script import Script, SimpleCommand, Word, _AndOr, _Pipe, _Seq


# ---------------------------------------------------------------------------------------------
# Exec form and scripts inside words

# the shells a script is handed to (`sh -c`, a shebang, a probe that runs a script); "busybox sh" is how a
# shebang names BusyBox's
SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox sh"})


def script_of(command) -> Script:
    """The script of a Dockerfile Command: parsed shell form, or one simple command made of the
    exec-form arguments (no shell runs, so no operator means anything there)."""
    text: MappedText = command.text
    if not getattr(command, "exec_form", False):
        return parse_script(text)
    args = getattr(command, "exec_args", None) or []
    if not args:
        return Script(text, [])
    index = {offset: i for i, offset in enumerate(text.offsets[:-1])}
    words = [_exec_word(value, span, text, index) for value, span in args]
    cmd = SimpleCommand(words, [], [], span=Span(words[0].span.start, words[-1].span.end))
    seq, andor, pipe = _Seq(), _AndOr(), _Pipe()
    pipe.commands.append(cmd)
    pipe.parent, andor.pipelines, andor.parent, seq.items, seq.seps = andor, [pipe], seq, [andor], [None]
    cmd._pipe = pipe
    return Script(text, [cmd], [], seq)


def _exec_word(value: str, span: Span, text: MappedText, index: dict[int, int]) -> Word:
    """A word of an exec-form argument; its span may or may not include the JSON quotes."""
    i = index.get(span.start)
    j = index.get(span.end - 1) if span.end > span.start else None
    raw = text.text[i : j + 1] if i is not None and j is not None and j >= i else value
    offsets = None
    if i is not None and j is not None:
        body_at, body = i, raw
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            body_at, body = i + 1, raw[1:-1]
        decoded, idx = _decode_json_string(body)
        if decoded == value:
            offsets = [text.offsets[body_at + k] for k in idx] + [text.span(body_at, body_at + len(body)).end]
    if offsets is None:
        offsets = [span.start] * len(value) + [span.end]
    return Word(value, raw, span, True, False, offsets)


def instruction_scripts(instruction) -> list[Script]:
    """Every script a RUN / CMD / ENTRYPOINT / HEALTHCHECK instruction runs: its command, plus
    each heredoc body that the shell runs as a script (`RUN <<EOF` alone, or `bash <<EOF`,
    `sh -s <<EOF`), unless a `#!` line names another interpreter."""
    command = getattr(instruction, "command", None)
    health = getattr(instruction, "healthcheck", None)
    if command is None and health is not None:
        command = health.command
    if command is None:
        return []
    main = script_of(command)
    scripts = [main]
    if getattr(command, "exec_form", False):
        return scripts
    unused = list(getattr(instruction, "heredocs", None) or [])
    for cmd in main.commands:
        runs_stdin = not cmd.words or (
            cmd.effective.name in SHELLS and not any("c" in w.value[1:] for w in cmd.effective.args
                                                      if w.value.startswith("-") and w.value != "--"))
        for r in cmd.redirects:
            if r.op not in ("<<", "<<-") or r.target is None:
                continue
            heredoc = next((h for h in unused if h.delimiter == r.target.value), None)
            if heredoc is None:
                continue
            unused.remove(heredoc)
            if r.fd not in (None, "0") or not runs_stdin:
                continue
            body: MappedText = heredoc.body
            first_line = body.text.split("\n", 1)[0]
            if first_line.startswith("#!") and not any(
                posixpath.basename(part) in SHELLS for part in first_line[2:].split()[:2]
            ):
                continue
            scripts.append(parse_script(body))
    return scripts


def _decode_json_string(body: str) -> tuple[str, list[int]]:
    simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
    out: list[str] = []
    idx: list[int] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e in simple:
                out.append(simple[e])
                idx.append(i)
                i += 2
                continue
            if e == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                code = int(body[i + 2 : i + 6], 16)
                low = body[i + 6 : i + 12]
                if 0xD800 <= code < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", low):
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00)
                    out.append(chr(code))
                    idx.append(i)
                    i += 12
                    continue
                out.append(chr(code))
                idx.append(i)
                i += 6
                continue
        out.append(c)
        idx.append(i)
        i += 1
    return "".join(out), idx


def inner_script(cmd: SimpleCommand) -> Script | None:
    """The script of `sh -c '...'` (also bash/ash/dash, `-ec`, `-xc`, `-o pipefail -c`), mapped
    back to the source; None when cmd is not such a shell or the script is not literal."""
    eff = cmd.effective
    if eff.name not in SHELLS:
        return None
    args = eff.args
    i = 0
    found_c = False
    while i < len(args):
        v = args[i].value
        if v == "-o" or v == "+o":
            i += 2
            continue
        if v.startswith(("-", "+")) and len(v) > 1 and v != "--":
            if "c" in v[1:]:
                found_c = True
            i += 1
            continue
        break
    if not found_c or i >= len(args):
        return None
    word = args[i]
    if word.has_expansion and word.value.startswith("$") and not word.quoted:
        return None
    return parse_script(word.mapped())


def command_substitutions(word: Word) -> list[Script]:
    """The scripts of the `$( … )` and backquoted substitutions in a word (its value keeps them as written),
    mapped back to the source; `$(( … ))` arithmetic is not one. A word without expansions has none."""
    if not word.has_expansion:
        return []
    text = word.mapped()
    value = text.text
    found: list[Script] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            i += 2
            continue
        if value.startswith("$(", i) and not value.startswith("$((", i):
            end = _closing(value, i + 2)
            if end is None:
                break
            found.append(parse_script(text.slice(i + 2, end)))
            i = end + 1
            continue
        if c == "`":
            end = value.find("`", i + 1)
            if end < 0:
                break
            found.append(parse_script(text.slice(i + 1, end)))
            i = end + 1
            continue
        i += 1
    return found


def _closing(value: str, start: int) -> int | None:
    """The index of the `)` that closes a `$(` whose text starts at `start`."""
    depth, i, quote = 1, start, None
    while i < len(value):
        c = value[i]
        if c == "\\" and quote != "'":
            i += 2
            continue
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
