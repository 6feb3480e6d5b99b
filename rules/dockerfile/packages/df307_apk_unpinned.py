"""## What it does
Reports packages that `apk add` installs without a version: `curl` rather than `curl=8.9.1-r2`. Off by
default: a policy, run when selected. hadolint: DL3018 *Pin versions in apk add*.

A repository tag (`curl@edge`) chooses where a package comes from, not its version: reported. Not
reported: `.apk` files and paths, the `--virtual` group name, packages named by a variable, and packages
the same `RUN` removes again (`apk del pkg`, or `apk add --virtual .build-deps gcc ...` followed by
`apk del .build-deps`): build tools gone at the end of the step pin nothing in the image. hadolint reports
those build dependencies.

## Why is this bad?
Without a version, a rebuild installs whatever the repository holds that day: the image changes with no
change to the Dockerfile. Alpine keeps only the latest build of each package in a branch, so a pin also
fails the build once it is superseded: many teams choose not to pin, hence off by default.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
```

## Options
`pin` (default `exact`): `exact` wants one version (`pkg=1.2.3-r0`); a fuzzy or range constraint
(`pkg~1.2`, `"pkg>=1.2"`) is reported, and a version from a variable is judged by its ARG default when it
has one. `any` accepts any constraint (`=`, `~`, `<`, `>`), variables included. `off` reports nothing.
"""
import re

from lint.api import (DOCKERFILE, Option, Related, Severity, apk_call, apk_group, apk_packages, finding, removals,
                      rule, run_commands, run_instructions)

VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3018",), default=False,
      options=(Option("pin", str, "exact", "exact: one version per package; any: any version constraint, "
                                           "variables included; off: no finding", choices=("exact", "any", "off")),))
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for ins in run_instructions(doc):
        commands = run_commands(ins)
        removed = removed_in(commands)
        for rc in commands:
            pc = apk_call(rc.command)
            if pc is None or pc.verb != "add":
                continue
            group = apk_group(pc)
            if group is not None and group in removed:
                continue
            loose = []
            for package in apk_packages(pc):
                if package.name in removed:
                    continue
                why = unpinned(doc, ins, package, mode)
                if why:
                    loose.append((package, why))
            if not loose:
                continue
            first, why = loose[0]
            more = f" (and {len(loose) - 1} more)" if len(loose) > 1 else ""
            related = tuple(Related(doc.path, p.word.span, f"{p.name}: {w}") for p, w in loose[1:])
            yield finding(first.word.span,
                          f"{first.name} {why}{more}: rebuilds get whatever version the repository has that day",
                          related=related)


def unpinned(doc, ins, package, mode) -> str | None:
    """Why the package is not pinned, or None when it is (or cannot be judged)."""
    if package.operator is None:
        return f"is pinned to a repository (@{package.tag}), not a version" if package.tag else "has no version"
    if mode == "any":
        return None
    if package.operator != "=":
        return f"has a version range ({package.operator}{package.version}), not one version"
    version = package.version or ""
    match = VARIABLE.match(version)
    if match:
        version = doc.arg_default(match.group(1), ins.stage) if ins.stage is not None else None
        if version is None:
            return None
    return None


def removed_in(commands) -> set[str]:
    """The apk packages and --virtual groups the RUN deletes again (apk del)."""
    scripts = []
    for rc in commands:
        if not any(rc.script is known for known in scripts):
            scripts.append(rc.script)
    return {r.package for script in scripts for r in removals(script) if r.family == "apk"}
