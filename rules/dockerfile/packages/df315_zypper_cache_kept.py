"""## What it does
Reports a RUN whose `zypper` command downloads packages or metadata (`install`, `update`, `patch`,
`dist-upgrade`, `refresh`, ...) when nothing after it in the same RUN empties the cache: no `zypper
clean` (`cc`), no `rm -rf /var/cache/zypp`.

hadolint: DL3036 *`zypper clean` missing after zypper use*. Unlike hadolint: `update`, `patch`,
`dist-upgrade` and `refresh` fill the cache too; a `--mount=type=cache` or `type=tmpfs` on
/var/cache/zypp keeps it out of the layer (not reported); a build stage that other stages only copy
files from never reaches the image (not reported); a `--root` install keeps its cache under that root
(not reported).

## Why is this bad?
The downloaded packages and the repository metadata in /var/cache/zypp stay in the layer: the image
is bigger for nothing, and a clean-up in a later RUN cannot shrink the earlier layer.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
```

## Fix safety
The fix appends ` && zypper clean --all` to the RUN. It is safe when no later RUN of the stage or of
a stage built FROM it runs zypper; otherwise unsafe: without metadata, a later zypper call depends on
the repositories refreshing by themselves. There is no fix for an exec-form RUN, a heredoc, or a
script ending in `;` or a comment.
"""
from lint.api import (
    DOCKERFILE, ZYPPER_CACHE_DIRS, Applicability, Edit, Fix, Severity, Span, cache_mount_targets,
    cleans_zypper_cache, finding, mount_covers, only_copied_from, rule, run_append_point, run_commands,
    run_instructions, zypper_call,
)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3036",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    for stage in doc.stages:
        if only_copied_from(doc, stage, target):
            continue
        for ins in run_instructions(stage, ("zypper",)):
            if mount_covers(cache_mount_targets(ins), ZYPPER_CACHE_DIRS):
                continue
            commands = run_commands(ins)
            first = last = None
            for i, rc in enumerate(commands):
                call = zypper_call(rc.command)
                if call is not None and call.fills_cache and not call.root:
                    first = first or call
                    last = i
            if last is None or any(cleans_zypper_cache(rc.command) for rc in commands[last + 1:]):
                continue
            fix = None
            at = run_append_point(ins)
            if at is not None:
                safe = not zypper_later(doc, stage, ins)
                fix = Fix("Append `zypper clean --all` to the RUN", (Edit(doc.path, Span(at, at), " && zypper clean --all"),),
                          Applicability.SAFE if safe else Applicability.UNSAFE)
            yield finding(first.verb_word.span, f"`zypper {first.verb_word.value}` leaves its package cache in the "
                                                f"layer: add `zypper clean --all` at the end of this RUN", fix=fix)


def zypper_later(doc, stage, ins) -> bool:
    """A later RUN of the stage, or of a stage built FROM it, runs zypper."""
    for other in doc.stages:
        if other is not stage and stage not in doc.ancestors(other):
            continue
        for later in run_instructions(other, ("zypper",)):
            if later.line > ins.line and any(zypper_call(rc.command) for rc in run_commands(later)):
                return True
    return False
