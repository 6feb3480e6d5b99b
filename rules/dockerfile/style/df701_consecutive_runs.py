"""## What it does
Reports a `RUN` that directly follows another `RUN` of the same stage with the same options, when both
are single commands (`apt-get update`, then `apt-get install ...`): each `RUN` makes a layer, and two one-liners in a row usually
belong together. Comments and blank lines between them do not separate them.

Off by default (a matter of taste: separate layers cache separately, which some want); select it by
id, name or `DL3059`.

Not reported: `RUN`s with different options (`--mount`, `--network`, `--security`: they cannot simply be
merged), a `RUN` with a heredoc, and a `RUN` that already chains commands (`&&`, `;`, `|`, a `$(...)`) on
either side (the split is then most likely deliberate).

hadolint: DL3059 *Multiple consecutive `RUN` instructions. Consider consolidation.* (same logic; hadolint
also reports heredoc `RUN`s).

## Why is this bad?
Every `RUN` adds a layer and a cache step; a file created in one and deleted in the next still weighs in
the image, and `apt-get update` in one `RUN` with `apt-get install` in the next installs from stale lists
once the first is cached.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update \\
    && apt-get install -y --no-install-recommends curl
```

## Fix safety
The fix joins the two shell-form commands with `&&` in one `RUN` (comments between them stay, inside the
continuation). It is only shown: it changes the layer and cache structure, which may be deliberate.
"""
from lint.api import DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, finding, rule, run_commands

MOST_COMMANDS = 1  # hadolint 2.15 measured: `a && b` or `a | b` on either side already keeps it silent


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.DISPLAY, aliases=("DL3059",), default=False)
def check(doc, ctx):
    for stage in doc.stages:
        previous = None
        for ins in stage.instructions:
            if ins.keyword != "RUN":
                previous = None
                continue
            if previous is not None and _mergeable(previous, ins):
                yield finding(ins.keyword_span, f"RUN follows the RUN at line {previous.line}, both single commands: "
                                                f"consider one RUN (one layer)", fix=_merge(doc, previous, ins),
                              related=(Related(doc.path, previous.keyword_span, "previous RUN"),))
            previous = ins


def _options(ins) -> list[tuple[str, str | None]]:
    return sorted((f.name, f.value) for f in ins.flags)


def _commands(ins) -> int:
    """Commands of the RUN as hadolint counts them: programs named literally (not `$X/bin/tool`, not a `[`
    test), and each command substitution."""
    count = 0
    for rc in run_commands(ins):
        if rc.depth:
            continue
        word = rc.command.name_word
        if word is not None and not word.has_expansion and rc.command.name not in ("[", "[["):
            count += 1
        count += sum(_substituted(w.raw) for w in rc.command.words if not w.raw.startswith("'"))
    return count


def _substituted(raw: str) -> int:
    """Commands a word runs through `$(...)` or backquotes: one each, plus those chained inside."""
    substitutions = raw.count("$(") + raw.count("`") // 2
    if not substitutions:
        return 0
    chained = raw.count("|") - raw.count("||") + raw.count("&&") + raw.count(";")
    return substitutions + chained


def _mergeable(first, second) -> bool:
    if first.heredocs or second.heredocs or _options(first) != _options(second):
        return False
    return _commands(first) <= MOST_COMMANDS and _commands(second) <= MOST_COMMANDS


def _merge(doc, first, second) -> Fix | None:
    if first.command is None or second.command is None or first.command.exec_form or second.command.exec_form:
        return None
    script = first.command.text.text.rstrip()
    if script.endswith(("&", ";", "|", doc.escape)):
        return None
    end = first.command.span.end
    while end > first.command.span.start and doc.source.text[end - 1] in " \t\r\n":
        end -= 1
    between = doc.source.text[end:second.command.span.start]
    newline = doc.source.newline
    comments = "".join(line.strip() + newline for line in between.splitlines() if line.strip().startswith("#"))
    text = f" {doc.escape}{newline}{comments}    && "  # the continuation character is the escape one
    return Fix("Merge into one RUN", (Edit(doc.path, Span(end, second.command.span.start), text),),
               Applicability.DISPLAY)
