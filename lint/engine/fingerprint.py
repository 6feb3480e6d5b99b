"""Finding fingerprints: an identity for a finding that survives unrelated edits.

A baseline, SARIF's partialFingerprints and GitLab's Code Quality report need to know that a
finding is "the same one" after lines were added above it, another instruction or service was
reformatted, or the compose file was reindented. So the fingerprint holds no line number and no
offset, only:

- the rule id;
- the enclosing unit: a Dockerfile stage (its name; an unnamed stage by its base image and its
  index among the unnamed stages on that base, so a stage added above on another base shifts
  nothing), or a compose top-level entry (`services.web`, `networks.front`, `version`);
- where in the unit: the enclosing instruction's keyword, or the key path inside the service
  (`healthcheck.test[]`: sequence indexes are left out, inserting an item must not move others);
- the normalised text of the offending node: whitespace runs collapsed, `\\`-newline
  continuations and comment lines inside them dropped, YAML quotes ignored; for an empty span
  (a finding about something absent) the node it is anchored on: the whole instruction, or the
  YAML line;
- an ordinal among findings with all of the above equal, so two identical problems in one file
  stay two.

The path is not part of it: the baseline stores it beside the fingerprint and CI reporters
combine the two. Computed from the parsed model the engine already holds: nothing is re-parsed.
"""
from __future__ import annotations

import bisect
import hashlib
import re

from lint.core.model import Finding, Span

_WHITESPACE = re.compile(r"\s+")


def assign(doc, findings: list[Finding]) -> None:
    """Set `fingerprint` on each finding of one document (findings located in that document)."""
    if not findings:
        return
    try:
        locate = _dockerfile_locator(doc) if doc.kind == "dockerfile" else _compose_locator(doc)
    except Exception:  # a model that cannot be read still gets fingerprints from its text alone
        locate = _text_locator(doc)
    seen: dict[tuple[str, str, str, str], int] = {}
    for item in sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule_id, f.message)):
        try:
            unit, place, text = locate(item.span)
        except Exception:
            unit, place, text = _text_locator(doc)(item.span)
        key = (item.rule_id, unit, place, text)
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        payload = "\0".join((*key, str(ordinal)))
        item.fingerprint = hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def normalise(text: str, escape: str | None = None) -> str:
    """Collapse whitespace; with an escape character (Dockerfile), drop line continuations and the
    comment lines that may stand inside them."""
    text = text.replace("\ufeff", "")
    if escape is not None and "\n" in text:
        lines = text.splitlines()
        kept = [lines[0]] + [line for line in lines[1:] if not line.lstrip().startswith("#")]
        joined = []
        for line in kept:
            stripped = line.rstrip()
            joined.append(stripped[:-1] if stripped.endswith(escape) else line)
        text = " ".join(joined)
    return _WHITESPACE.sub(" ", text).strip()


def _line_text(source, offset: int) -> str:
    line, _ = source.position(min(offset, len(source.text)))
    return source.line_text(line)


def _text_locator(doc):
    source = doc.source

    def locate(span: Span) -> tuple[str, str, str]:
        text = normalise(source.text[span.start:span.end]) or normalise(_line_text(source, span.start))
        return "", "", text

    return locate


def _dockerfile_locator(doc):
    model = doc.model
    source = doc.source
    escape = model.escape or "\\"
    instructions = sorted(model.instructions, key=lambda i: i.span.start)
    starts = [i.span.start for i in instructions]
    stages = list(model.stages)
    stage_starts = [s.from_.span.start for s in stages]
    stage_units = []
    unnamed: dict[str, int] = {}
    for stage in stages:
        if stage.name:
            stage_units.append(f"stage:{stage.name.lower()}")
        else:
            base = normalise(stage.base).lower()
            number = unnamed.get(base, 0)
            unnamed[base] = number + 1
            stage_units.append(f"base:{base}#{number}")

    def locate(span: Span) -> tuple[str, str, str]:
        index = bisect.bisect_right(stage_starts, span.start) - 1
        unit = stage_units[index] if index >= 0 else "global"
        at = bisect.bisect_right(starts, span.start) - 1
        instruction = instructions[at] if at >= 0 and span.start <= instructions[at].span.end else None
        place = instruction.keyword if instruction is not None else ""
        text = normalise(source.text[span.start:span.end], escape)
        if not text:  # about something absent: the instruction it is anchored on, else its line
            if instruction is not None:
                text = normalise(source.text[instruction.span.start:instruction.span.end], escape)
            else:
                text = normalise(_line_text(source, span.start))
        return unit, place, text

    return locate


def _compose_locator(doc):
    model = doc.model
    source = doc.source
    root = model.root
    units: list[tuple[int, int, str, object]] = []  # start, end, unit name, node
    if root is not None and root.kind == "map":
        for key, node in root.items():
            children = list(node.items()) if key in _NAMED_SECTIONS and node.kind == "map" else []
            for name, child in children:
                start, end = _region(child)
                units.append((start, end, f"{key}.{name}", child))
            start, end = _region(node)
            units.append((start, end, key, node))

    def locate(span: Span) -> tuple[str, str, str]:
        unit, node = "", None
        for start, end, name, candidate in units:  # a named entry comes before its section
            if start <= span.start and span.end <= end:
                unit, node = name, candidate
                break
        place = _key_path(node, span) if node is not None else ""
        text = normalise(source.text[span.start:span.end])
        if not text:
            text = normalise(_line_text(source, span.start))
        return unit, place, text.replace('"', "").replace("'", "")

    return locate


# top-level sections whose entries are units of their own
_NAMED_SECTIONS = frozenset({"services", "networks", "volumes", "configs", "secrets", "models"})


def _region(node) -> tuple[int, int]:
    start = node.key_span.start if node.key_span is not None else node.span.start
    return start, max(node.span.end, start)


def _key_path(node, span: Span) -> str:
    """Keys from the unit down to the deepest node holding the span; sequence items as `[]`."""
    parts: list[str] = []
    for _depth in range(64):  # bounded: a recursive alias must not loop
        if node is None or node.kind not in ("map", "seq"):
            break
        inner = None
        if node.kind == "map":
            for key, child in node.items():
                start, end = _region(child)
                if start <= span.start and span.end <= end:
                    parts.append(key)
                    inner = child
                    break
        else:
            for child in node.value:
                if child.span.start <= span.start and span.end <= child.span.end:
                    parts[-1:] = [f"{parts[-1]}[]"] if parts else ["[]"]
                    inner = child
                    break
        node = inner
    return ".".join(parts)
