"""## What it does
Reports a `RUN` that downloads the apt package lists (`apt-get update`, `apt update`, `aptitude update`)
and leaves them in its layer: no `rm -rf /var/lib/apt/lists/*` (or `apt-get distclean`) after the update
in the same `RUN`, and no `--mount=type=cache` or `type=tmpfs` on /var/lib/apt/lists or a folder holding
it. hadolint: DL3009 *Delete the apt-get lists after installing something*.

Only stages whose layers ship are judged: the image's stage (the last one, or the target that
`--target`, the configuration or compose's `build.target` names) and the stages it is built `FROM`. A
stage used only through `COPY --from` never reaches the image, so its lists cost nothing; hadolint still
reports such a stage when another stage is built `FROM` it. Also unlike hadolint: `rm -rf /tmp/*` is no
clean-up (hadolint accepts any `rm -rf`), removing the lists *before* the update is none either, a lists
cache mount on /var/lib/apt alone is enough, and `apt update` inside `sh -c` or a heredoc counts. A clean-up
in a later `RUN` does not help: the earlier layer keeps the files. A script whose name says it cleans up
(`/usr/local/bin/apt-cleanup.sh`) may remove them: no finding then.

## Why is this bad?
The lists are 20 to 50 MB for Debian or Ubuntu, useless once the packages are installed, and stale a
day later. Kept in a layer, they ship in every image and every pull.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix appends ` && rm -rf /var/lib/apt/lists/*` to the and-list of the `RUN`'s last apt command. It is
safe when no later `RUN` of the stage, or of a stage built `FROM` it, installs with apt (or asks
`apt-cache`) without its own `apt-get update`: such a step would fail with "Unable to locate package"
once the lists are gone, so the fix is unsafe then. No fix where that and-list goes on with `||`, runs in
a loop, or ends in a compound command.
"""
from lint.api import (DOCKERFILE, NEEDS_LISTS, Applicability, Edit, Fix, Severity, Span, apt_call, finding,
                      in_shipped_layers, kept_out_by_mount, names_cleanup, removes_lists, rule, run_commands,
                      run_instructions)

LISTS = "/var/lib/apt/lists"
CLEANUP = " && rm -rf /var/lib/apt/lists/*"


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3009",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    for ins in run_instructions(doc):
        onbuild = ins.stage is not None and ins not in ins.stage.instructions
        if not in_shipped_layers(doc, ins, target):
            continue
        if kept_out_by_mount(ins, LISTS):
            continue
        commands = run_commands(ins)
        updates = [rc for rc in commands if writes_lists(rc.command)]
        if not updates:
            continue
        last = updates[-1].command
        later = [rc.command for rc in commands if rc.command.span.start > last.span.start]
        if any(removes_lists(cmd) or names_cleanup(cmd) for cmd in later):
            continue
        word = apt_call(last).verb_word
        fix = cleanup_fix(doc, ins, commands, onbuild)
        yield finding(word.span, "the apt lists this update downloads stay in the layer (tens of MB): "
                                 "remove /var/lib/apt/lists/* in the same RUN", fix=fix)


def writes_lists(cmd) -> bool:
    pc = apt_call(cmd)
    return pc is not None and pc.verb == "update"


def uses_lists(cmd) -> bool:
    pc = apt_call(cmd)
    if pc is not None:
        return pc.verb in NEEDS_LISTS or pc.verb == "update"
    return cmd.effective.name == "apt-cache"


def cleanup_fix(doc, ins, commands, onbuild):
    if ins.command is None or ins.command.exec_form:
        return None
    last = [rc.command for rc in commands if uses_lists(rc.command)][-1]
    end = and_list_end(last)
    if end is None:
        return None
    safe = not onbuild and not needed_later(doc, ins)
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    title = "Remove the apt lists in the same RUN"
    return Fix(title, (Edit(doc.path, Span(end, end), CLEANUP),), applicability)


def and_list_end(cmd):
    """Where the and-list holding cmd ends (after its last command), or None where appending there would
    change what runs: an `||` after cmd, a loop, a compound command at the end."""
    if cmd.in_loop or cmd._pipe is None or cmd._pipe.parent is None:
        return None
    andor = cmd._pipe.parent
    index = andor.pipelines.index(cmd._pipe)
    if any(op != "&&" for op in andor.ops[index:]):
        return None
    tail = andor.pipelines[-1].commands[-1]
    if not hasattr(tail, "span") or not hasattr(tail, "words"):
        return None
    return tail.span.end


def needed_later(doc, ins) -> bool:
    """Whether a later RUN of the stage, or of a stage built FROM it, uses the lists without its own update."""
    stage = ins.stage
    after = False
    for other in run_instructions(doc, onbuild=False):
        if other is ins:
            after = True
            continue
        if not after or (other.stage is not stage and stage not in doc.ancestors(other.stage)):
            continue
        updated = False
        for rc in run_commands(other):
            if writes_lists(rc.command):
                updated = True
            elif uses_lists(rc.command) and not updated:
                return True
    return False
