"""## What it does
Reports a `RUN` that writes Alpine's package index to /var/cache/apk and leaves it in its layer:
`apk update`, or `apk add` (also `upgrade` ...) without `--no-cache` (apk fetches a missing or stale
index into the cache on its own, `--update` or not), and no `rm -rf /var/cache/apk/*` after it in the same
`RUN`, and no `--mount=type=cache` or `type=tmpfs` on /var/cache/apk. hadolint: DL3019 *Use the
`--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing
packages*.

Unlike hadolint, a `RUN` that removes /var/cache/apk/* after installing is not reported: nothing is left
in the layer. Reported here and not by hadolint: `apk update && apk add --no-cache x`, where the update
still writes the index, and a `RUN apk update` of its own. The call is also found behind `sudo`, inside
`sh -c '...'` and in heredoc scripts. As for the apt lists (DF303), only stages whose layers ship are
judged: the image's stage and the stages it is built `FROM`, not a stage only copied from. A plain
`apk add` after a `RUN` that left the index (reported there) reads that index and writes nothing.

## Why is this bad?
The index is a few megabytes per repository, useless at run time and stale the next day, shipped in
every image. With `--no-cache`, apk fetches the index for the one call and keeps nothing: no
`apk update`, no `--update`, no clean-up needed.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --update curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix safety
The fix adds `--no-cache` to every apk call of the `RUN` that reads the index (`add`, `upgrade`, ...),
drops `--update` / `-U` where it is a word of its own, and removes an `apk update &&` at the head of an
and-list; where an `apk update` stands elsewhere there is no fix. It is safe: `--no-cache` fetches the
index for each call, so the same packages install, and a later `apk add` without it fetches a missing
index on its own.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, apk_call, apk_update_words,
                      finding, flag_after, in_shipped_layers, kept_out_by_mount, reads_index, removes_apk_cache, rule,
                      run_commands, run_instructions, word_removal, writes_index)

CACHE = "/var/cache/apk"


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.SAFE, aliases=("DL3019",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    left: dict = {}  # stage -> whether an earlier RUN of it (or of its base stages) left the index
    for ins in run_instructions(doc):
        stage = ins.stage
        if stage is not None and stage not in left:
            left[stage] = next((left[s] for s in doc.ancestors(stage) if s in left), False)
        earlier = left.get(stage, False)
        if kept_out_by_mount(ins, CACHE):
            continue
        commands = run_commands(ins)
        writers = [(rc, pc, writes_index(pc)) for rc in commands
                   if (pc := apk_call(rc.command)) is not None and writes_index(pc) is not None]
        if earlier:  # a fresh index is there: a plain `apk add` reads it and writes nothing
            writers = [(rc, pc, w) for rc, pc, w in writers if w is not pc.verb_word or pc.verb == "update"]
        if not writers:
            if any(removes_apk_cache(rc.command) for rc in commands) and stage is not None:
                left[stage] = False
            continue
        last = writers[-1][0].command.span.start
        if any(removes_apk_cache(rc.command) for rc in commands if rc.command.span.start > last):
            continue
        if stage is not None and ins in stage.instructions:
            left[stage] = True
        if not in_shipped_layers(doc, ins, target):
            continue
        _, pc, word = writers[0]
        related = tuple(Related(doc.path, w.span, "also writes the index") for _, _, w in writers[1:])
        what = "`apk update`" if pc.verb == "update" else f"`apk {pc.verb} {word.value}`" \
            if word is not pc.verb_word else f"`apk {pc.verb}` without --no-cache"
        yield finding(word.span, f"{what} leaves the package index in the layer: use apk add --no-cache "
                                 f"(no update needed)",
                      fix=no_cache_fix(doc, ins, commands), related=related)


def no_cache_fix(doc, ins, commands):
    if ins.command is None or ins.command.exec_form:
        return None
    text = doc.source.text
    edits = []
    for rc in commands:
        pc = apk_call(rc.command)
        if pc is None or pc.verb_word is None or pc.verb_word.has_expansion:
            continue
        if pc.verb == "update":
            span = update_removal(rc.command)
            if span is None:
                return None
            edits.append(Edit(doc.path, span, ""))
            continue
        if not reads_index(pc) or "--no-cache" in pc.options:
            continue
        at, flag = flag_after(text, pc.verb_word.span, "--no-cache")
        edits.append(Edit(doc.path, at, flag))
        for word in apk_update_words(pc):
            span = word_removal(text, word.span)
            if span is not None and text[word.span.start:word.span.end] == word.value:
                edits.append(Edit(doc.path, span, ""))
    if not edits:
        return None
    return Fix("Use apk --no-cache", tuple(edits), Applicability.SAFE)


def update_removal(cmd):
    """The span deleting `apk update && ` at the head of an and-list, or None."""
    pipe = cmd._pipe
    if pipe is None or pipe.parent is None or pipe.commands != [cmd]:
        return None
    andor = pipe.parent
    if andor.pipelines[0] is not pipe or len(andor.pipelines) < 2 or andor.ops[0] != "&&":
        return None
    following = andor.pipelines[1].commands[0]
    if not hasattr(following, "span") or not hasattr(following, "words"):
        return None
    return Span(cmd.span.start, following.span.start)
