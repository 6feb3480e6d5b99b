"""What a Dockerfile's stages refer to, as BuildKit reads them: the image a `FROM` pulls (its tag and
digest, ARG defaults resolved), what a `COPY --from` names (an earlier stage, the stage itself, a later
one, an image), the stage names BuildKit reserves, the `SHELL` in effect at an instruction, and the
exec form a simple shell-form command can be written in."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from lint.core.model import Span

# BuildKit's validateStageNames (frontend/dockerfile/dockerfile2llb/convert.go): `scratch` is the empty
# image of `FROM scratch`, `context` the name of the main build context among named contexts
RESERVED_STAGE_NAMES = frozenset({"context", "scratch"})
# characters a shell treats specially in a word: their meaning goes in exec form
SHELL_SYNTAX = set("$`*?[]{}~!#;&|<>()\\'\"")


@dataclass(frozen=True)
class ImageName:
    """An image reference split at its tag and digest (no validation beyond that)."""

    text: str
    name: str  # registry, namespace and repository: everything before the tag
    tag: str | None
    digest: str | None
    tag_start: int | None  # offset of the tag in `text` (after the ':')


def split_image(text: str | None) -> ImageName | None:
    """`[registry[:port]/]repo[:tag][@digest]` split into its parts; None for text holding a variable,
    blanks, or nothing. A colon before the last `/` is a registry port, not a tag."""
    if not text or "$" in text or any(c.isspace() for c in text):
        return None
    name, _, digest = text.partition("@")
    tag = tag_start = None
    slash, colon = name.rfind("/"), name.rfind(":")
    if colon > slash:
        tag, tag_start = name[colon + 1:], colon + 1
        name = name[:colon]
    return ImageName(text, name, tag, digest or None, tag_start)


def base_image(doc, stage) -> ImageName | None:
    """The image a stage's `FROM` pulls, ARG defaults resolved; None when it names an earlier stage,
    `scratch`, or a value only known at build time (an ARG without a default, a platform ARG)."""
    if stage.parent is not None:
        return None
    text = stage.base_resolved if "$" in stage.base else stage.base
    if not text or text.lower() == "scratch":
        return None
    return split_image(text)


def tag_span(stage, image: ImageName) -> Span | None:
    """The tag as written in the FROM line (None when it comes from a variable)."""
    if image.tag_start is None or "$" in stage.base:
        return None
    start = stage.base_span.start + image.tag_start
    return Span(start, start + len(image.tag or ""))


@dataclass(frozen=True)
class CopySource:
    """What a `COPY --from` value names. kind: 'earlier', 'self' or 'later' (a stage, by name or index),
    'bad-index' (no stage has that index), 'image' (a reference BuildKit pulls, or a named build
    context), 'invalid' (neither a stage nor a valid image reference), 'variable' (written with `$`:
    BuildKit does not expand variables in `--from` and stops the build; Podman and Buildah expand them,
    and `value` is what they would get, None when only known at build time)."""

    kind: str
    value: str | None
    stage: object | None = None  # the stage named, if any
    near: object | None = None  # for an image: a stage whose name it is a likely misspelling of


def copy_source(doc, stage, ins, written: str) -> CopySource:
    from lint.knowledge.images import lookup, parse_reference

    if "$" in written:
        return CopySource("variable", doc.expand(written, stage, ins))
    value = written.strip()
    if not value:
        return CopySource("invalid", value)
    if value.isdigit():
        index = int(value)
        if index >= len(doc.stages):
            return CopySource("bad-index", value)
        named = doc.stages[index]
    else:
        named = doc.stage_by_name(value)
    if named is not None:
        kind = "earlier" if named.index < stage.index else "self" if named is stage else "later"
        return CopySource(kind, value, named)
    if parse_reference(value) is None:
        return CopySource("invalid", value)
    near = None
    if not any(c in value for c in "/:@") and lookup(value) is None:
        near = misspelt_stage(doc, value)
    return CopySource("image", value, near=near)


def misspelt_stage(doc, name: str):
    """The stage whose name `name` is most likely a misspelling of (one or two letters off), or None."""
    best, best_ratio = None, 0.0
    for stage in doc.stages:
        if stage.name is None or len(stage.name) < 4:
            continue
        other = stage.name.lower()
        ratio = SequenceMatcher(None, name.lower(), other).ratio()
        if ratio >= 0.8 and abs(len(other) - len(name)) <= 2 and ratio > best_ratio:
            best, best_ratio = stage, ratio
    return best


def shell_in_effect(doc, stage, ins):
    """The `SHELL` instruction in effect at `ins` (in its stage or the stages it is built on); None when the
    default `/bin/sh -c` runs shell forms."""
    from lint.knowledge.shells import shell_at

    return shell_at(doc, stage, ins).instruction


def exec_form_words(doc, command) -> list[str] | None:
    """The exec-form arguments a shell-form command is the same as: one simple command without shell
    syntax (no variable, glob, quote, redirection, operator, assignment or comment) — a leading `exec`
    dropped; None otherwise."""
    from lint.shell import script_of

    script = script_of(command)
    if script.problems or len(script.commands) != 1:
        return None
    cmd = script.commands[0]
    if cmd.redirects or cmd.assignments or cmd.negated or cmd.in_pipeline or cmd.op_before or cmd.op_after:
        return None
    text = doc.source.text
    outside = text[command.span.start:cmd.span.start] + text[cmd.span.end:command.span.end]
    if outside.replace(doc.escape + "\n", "").replace(doc.escape + "\r\n", "").strip():
        return None  # a comment, a block, a subshell
    words = [w.raw for w in cmd.words]
    if any(SHELL_SYNTAX & set(raw) for raw in words):
        return None
    if words and words[0] == "exec":
        words = words[1:]
    return words or None


def replaced_instructions(doc, keyword: str):
    """(earlier, last, where) for every instruction of a kind that only counts once per stage (CMD,
    ENTRYPOINT, HEALTHCHECK) and that a later one of the same stage replaces; `where` names the stage."""
    for stage in doc.stages:
        found = stage.find(keyword)
        where = f"stage '{stage.name}'" if stage.name else "this stage"
        for earlier in found[:-1]:
            yield earlier, found[-1], where
