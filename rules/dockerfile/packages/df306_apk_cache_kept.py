"""## What it does
Reports `apk add` without `--no-cache` in a `RUN` that leaves the package index in its layer: no
`rm -rf /var/cache/apk/*` after it in the same `RUN`, and no `--mount=type=cache` or `type=tmpfs` on
/var/cache/apk. hadolint: DL3019 *Use the `--no-cache` switch to avoid the need to use `--update` and
remove `/var/cache/apk/*` when done installing packages*.

Unlike hadolint, a `RUN` that removes /var/cache/apk/* after installing is not reported: nothing is left
in the layer. The call is also found behind `sudo`, inside `sh -c '...'` and in heredoc scripts.

## Why is this bad?
Without `--no-cache`, apk reads the repository indexes from /var/cache/apk, which `apk update` or
`--update` wrote there, and they stay in the image: a few megabytes of data useless at run time and stale
the next day. With `--no-cache`, apk fetches the indexes for this one call and keeps nothing, so no
`apk update` and no clean-up are needed.

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
The fix adds `--no-cache` after `add` and drops `--update` / `-U` where it is a word of its own (where
deleting it would leave an empty continuation line, it stays: harmless). It is safe: `--no-cache`
fetches fresh indexes itself, so the same packages install. An `apk update` earlier in the same `RUN`
still writes the indexes: remove it by hand.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Severity, apk_call, apk_update_words, finding,
                      flag_after, kept_out_by_mount, removes_apk_cache, rule, run_commands, run_instructions,
                      word_removal)

CACHE = "/var/cache/apk"


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.SAFE, aliases=("DL3019",))
def check(doc, ctx):
    for ins in run_instructions(doc):
        if kept_out_by_mount(ins, CACHE):
            continue
        commands = run_commands(ins)
        for rc in commands:
            pc = apk_call(rc.command)
            if pc is None or pc.verb != "add" or "--no-cache" in pc.options or pc.verb_word is None:
                continue
            start = rc.command.span.start
            if any(removes_apk_cache(other.command) for other in commands if other.command.span.start > start):
                continue
            yield finding(pc.verb_word.span, "`apk add` without --no-cache leaves the package index in the layer: "
                                             "add --no-cache (no apk update or --update needed then)",
                          fix=no_cache_fix(doc, ins, pc))


def no_cache_fix(doc, ins, pc):
    text = doc.source.text
    if pc.verb_word.has_expansion:
        return None
    exec_form = ins.command.exec_form
    edit = flag_after(text, pc.verb_word.span, "--no-cache", exec_form)
    if edit is None:
        return None
    edits = [Edit(doc.path, edit[0], edit[1])]
    if not exec_form:
        for word in apk_update_words(pc):
            span = word_removal(text, word.span)
            if span is not None and text[word.span.start:word.span.end] == word.value:
                edits.append(Edit(doc.path, span, ""))
    return Fix("Add --no-cache", tuple(edits), Applicability.SAFE)
