"""## What it does
Reports a RUN whose `yum`, `dnf`, `microdnf` or `tdnf` command downloads packages or metadata
(`install`, `update`, `groupinstall`, `makecache`, ...) when nothing after it in the same RUN empties
the cache: no `<tool> clean all`, no `rm -rf /var/cache/yum` (or `/var/cache/dnf`,
`/var/cache/libdnf5`, `/var/cache/tdnf`).

hadolint: DL3032 *`yum clean all` missing after yum command* and DL3040 *`dnf clean all` missing
after dnf command*. Unlike hadolint: `yum update` and `makecache` fill the cache too; a clean-up
before the install does not count; a `--mount=type=cache` or `type=tmpfs` on a cache directory
keeps it out of the layer (not reported); a build stage that other stages only copy files from
never reaches the image (not reported); an `--installroot` install keeps its cache under that
root (not reported).

## Why is this bad?
The repository metadata (often 100 MB and more with EPEL) and, with `keepcache=1`, the packages
stay in the layer: the image is bigger for nothing. A clean-up in a later RUN cannot shrink the
earlier layer. `--setopt=keepcache=0` is no clean-up: it is the default, and drops only the
downloaded packages, not the metadata.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd && yum clean all
```

## Fix safety
The fix appends ` && <tool> clean all` to the RUN. It is safe: a later `yum`/`dnf` command downloads
the metadata again by itself; unsafe only when a later RUN uses `-C` / `--cacheonly`, which needs the
cache. There is no fix for an exec-form RUN, a heredoc, or a script ending in `;` or a comment.
"""
from lint.api import (
    DOCKERFILE, RPM_CACHE_DIRS, Applicability, Edit, Fix, Severity, Span, cache_mount_targets, cleans_rpm_cache,
    finding, mount_covers, only_copied_from, rpm_call, rule, run_append_point, run_commands, run_instructions,
)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3032", "DL3040"))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    cache_only_later = cache_only_uses(doc)
    for stage in doc.stages:
        if only_copied_from(doc, stage, target):
            continue
        for ins in run_instructions(stage, ("yum", "dnf")):
            if mount_covers(cache_mount_targets(ins), RPM_CACHE_DIRS):
                continue
            commands = run_commands(ins)
            first = last = None
            for i, rc in enumerate(commands):
                call = rpm_call(rc.command)
                if call is not None and call.fills_cache and not call.installroot:
                    first = first or call
                    last = i
            if last is None or any(cleans_rpm_cache(rc.command) for rc in commands[last + 1:]):
                continue
            verb = first.verb_words
            span = Span(verb[0].span.start, verb[-1].span.end)
            fix = None
            at = run_append_point(ins)
            if at is not None:
                safe = not any(line > ins.line for line in cache_only_later)
                fix = Fix(f"Append `{first.manager} clean all` to the RUN",
                          (Edit(doc.path, Span(at, at), f" && {first.manager} clean all"),),
                          Applicability.SAFE if safe else Applicability.UNSAFE)
            yield finding(span, f"`{first.manager} {first.verb}` leaves its package cache in the layer: add "
                                f"`{first.manager} clean all` at the end of this RUN", fix=fix)


def cache_only_uses(doc) -> list[int]:
    """Lines of RUNs whose rpm command runs from the cache alone (`-C`, `--cacheonly`)."""
    lines = []
    for stage in doc.stages:
        for ins in run_instructions(stage, ("yum", "dnf")):
            if any((call := rpm_call(rc.command)) is not None and call.cache_only for rc in run_commands(ins)):
                lines.append(ins.line)
    return lines
