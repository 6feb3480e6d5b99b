"""## What it does
Reports packages that `apt-get install` (also `apt`, `aptitude`) installs without a version: `curl`
rather than `curl=7.88.1-10+deb12u8`. Off by default: a policy, run when selected. hadolint: DL3008 *Pin
versions in apt get install*.

A release (`curl/bookworm-backports`, `-t bookworm-backports`) chooses where a package comes from, not
its version: reported, where hadolint accepts it. Not reported: `.deb` files and paths, packages named
by a variable (`$PKGS`: unknown here; hadolint reports them), and packages the same `RUN` removes again
(`apt-get purge`, `apt-mark auto` + `autoremove`): build tools gone at the end of the step pin nothing in
the image, where hadolint still asks for a version.

## Why is this bad?
Without a version, a rebuild installs whatever the archive holds that day: the image changes with no
change to the Dockerfile, and a new release can break the build or the app. A pinned version makes the
build repeatable until you change it (and fails loudly when the archive drops that version, which is the
price of pinning: many teams choose not to pin, hence off by default).

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    && rm -rf /var/lib/apt/lists/*
```

## Options
`pin` (default `exact`): `exact` wants one version (`pkg=1.2.3-1`); a wildcard (`pkg=1.2.*`) is
reported, and a version from a variable is judged by its ARG default when it has one. `any` accepts any
version constraint, wildcards and variables included. `off` reports nothing.
"""
import re

from lint.api import (DOCKERFILE, Option, Related, Severity, apt_call, apt_packages, finding, removals, rule,
                      run_commands, run_instructions)

VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3008",), default=False,
      options=(Option("pin", str, "exact", "exact: one version per package; any: any version or constraint, "
                                           "variables included; off: no finding", choices=("exact", "any", "off")),))
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for ins in run_instructions(doc):
        commands = run_commands(ins)
        removed = removed_in(commands)
        for rc in commands:
            pc = apt_call(rc.command)
            if pc is None or pc.verb != "install":
                continue
            loose = []
            for package in apt_packages(pc):
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
                          f"{first.name} {why}{more}: rebuilds get whatever version the archive has that day",
                          related=related)


def unpinned(doc, ins, package, mode) -> str | None:
    """Why the package is not pinned, or None when it is (or cannot be judged)."""
    if package.version is None:
        return f"is pinned to a release ({package.release}), not a version" if package.release else "has no version"
    if mode == "any":
        return None
    version = written = package.version
    match = VARIABLE.match(version)
    if match:
        version = doc.arg_default(match.group(1), ins.stage) if ins.stage is not None else None
        if version is None:
            return None  # set at build time: cannot be judged
        written = f"{package.version} = {version}"
    elif "$" in version:
        return None
    if any(c in version for c in "*?["):
        return f"has a version pattern ({written}), not one version"
    return None


def removed_in(commands) -> set[str]:
    """The apt packages the RUN removes again (purge, remove, apt-mark auto + autoremove)."""
    scripts = []
    for rc in commands:
        if not any(rc.script is known for known in scripts):
            scripts.append(rc.script)
    return {r.package for script in scripts for r in removals(script) if r.family == "apt"}
