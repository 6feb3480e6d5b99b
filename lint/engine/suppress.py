"""Inline suppressions: ours, and hadolint's, BuildKit's and dclint's through rule aliases.

  # hullcheck: ignore=DF102,curl-in-final-image     own line: the next instruction (all its lines) or,
                                                    in YAML, the next line; trailing a YAML line: that line
  # hullcheck: ignore-file=DC301                    the whole file
  # hadolint ignore=DL3012      # hadolint global ignore=DL3012      # check=skip=JSONArgsRecommended
  # hadolint stage ignore=DL3002   before a FROM: that stage; inside a stage: the rest of it
  # dclint disable-next-line rule    # dclint disable-line rule    # dclint disable rule

Ids or names are required: there is no blanket form. One of ours that matches nothing is an HC001 finding.
hadolint's `disable-ignore-pragma` setting turns hadolint's three forms off (ours stay).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.core.model import Span

OUR_MARKER = r"#\s*hullcheck:\s*"
OURS = re.compile(OUR_MARKER + r"(?P<kind>ignore-file|ignore)\s*=\s*(?P<keys>[^#]*)", re.I)
# a comment line that is only our `ignore=`, as the editor's "ignore here" action writes and extends it
IGNORE_LINE = re.compile(r"^(?P<indent>[ \t]*)" + OUR_MARKER + r"ignore\s*=\s*(?P<keys>[^#]*?)\s*$", re.I)
HADOLINT = re.compile(r"#\s*hadolint\s+(?:(?P<global>global)\s+|(?P<stage>stage)\s+)?ignore\s*=\s*(?P<keys>[\w, -]+)",
                      re.I)
BUILDKIT = re.compile(r"#\s*check\s*=\s*(?P<value>.*)", re.I)
DCLINT = re.compile(r"#\s*dclint\s+(?P<kind>disable-next-line|disable-line|disable-file|disable)\s+(?P<keys>[\w, -]+)", re.I)


@dataclass
class Suppression:
    keys: list[str]
    comment_span: Span  # the comment text, from '#'
    line: int  # the comment's line
    own_line: bool
    scope: tuple[int, int] | None  # (first, last) line covered; None: the whole file
    ours: bool
    used: set[str] = field(default_factory=set)
    key_spans: list[Span] = field(default_factory=list)
    hadolint: bool = False  # one of hadolint's pragmas (`disable-ignore-pragma` turns them off)
    inline: bool = False  # an ignore of one instruction or line (not file- or stage-wide)


def split_keys(text: str, start: int) -> tuple[list[str], list[Span]]:
    keys, spans = [], []
    for match in re.finditer(r"[^,\s]+", text):
        keys.append(match.group())
        spans.append(Span(start + match.start(), start + match.end()))
    return keys, spans


def parse(comments, source, next_unit, stage_unit=None) -> list[Suppression]:
    """Suppressions from a document's comments; next_unit(line) gives the (first, last) lines of the
    instruction or YAML line that follows a comment line (None at the end of the file); stage_unit(line)
    the lines a `# hadolint stage ignore=` on that line covers."""
    result = []
    for comment in comments:
        text = comment.text
        hash_at = text.find("#")
        if hash_at < 0:
            continue
        body = text[hash_at:]
        base = comment.span.start + hash_at
        line = comment.line
        trailing = bool(getattr(comment, "trailing", False))
        own_scope = (line, line) if trailing else next_unit(line)

        match = OURS.match(body)
        if match:
            keys, spans = split_keys(match["keys"], base + match.start("keys"))
            scope = None if match["kind"].lower() == "ignore-file" else own_scope
            if keys and (scope is not None or match["kind"].lower() == "ignore-file"):
                result.append(Suppression(keys, Span(base, comment.span.end), line, not trailing, scope, True,
                                          key_spans=spans, inline=scope is not None))
            elif keys:
                # an ignore with nothing after it: keep it, so HC001 can say it covers nothing
                result.append(Suppression(keys, Span(base, comment.span.end), line, not trailing, (0, 0), True,
                                          key_spans=spans, inline=True))
            continue
        match = HADOLINT.match(body)
        if match:
            keys, _ = split_keys(match["keys"], 0)
            if match["global"]:
                scope = None
            elif match["stage"]:
                scope = (stage_unit(line) if stage_unit else None) or (0, 0)
            else:
                scope = own_scope or (0, 0)
            result.append(Suppression(keys, Span(base, comment.span.end), line, not trailing, scope, False,
                                      hadolint=True, inline=not (match["global"] or match["stage"])))
            continue
        match = BUILDKIT.match(body)
        if match:
            value = match["value"]
            skip = re.search(r"skip\s*=\s*([^;]*)", value, re.I)
            if skip:
                keys, _ = split_keys(skip.group(1), 0)
                result.append(Suppression(keys, Span(base, comment.span.end), line, True, None, False))
            continue
        match = DCLINT.match(body)
        if match:
            keys, _ = split_keys(match["keys"], 0)
            kind = match["kind"].lower()
            if kind == "disable-line":
                scope = (line, line)
            elif kind == "disable-next-line":
                scope = own_scope
            else:
                scope = None
            result.append(Suppression(keys, Span(base, comment.span.end), line, not trailing, scope, False))
    return result


def covers(suppression: Suppression, line: int) -> bool:
    return suppression.scope is None or suppression.scope[0] <= line <= suppression.scope[1]
