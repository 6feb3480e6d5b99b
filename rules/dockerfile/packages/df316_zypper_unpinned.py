"""## What it does
Reports each package a `zypper install` names without a version (`curl` rather than `curl=8.6.0`).
Off by default: pinning is a policy, select the rule to use it.

Not reported: a package the same RUN removes again, local `.rpm` files and URLs, `pattern:` /
`patch:` / `product:` names, and words made of a variable (`$PACKAGES`).

hadolint: DL3037 *Specify version with `zypper install -y <package>=<version>`*. Unlike hadolint:
a package installed and removed in the same RUN needs no pin, and `name-1.2` (an edition after the
name) counts as a version.

## Why is this bad?
An unpinned package is whatever the repository has on the day of the build: two builds of the same
Dockerfile can differ, and an update can break the image without any change to the file.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean --all
```

## Options
`pin` (default `any`): `exact` accepts only `name=version` or `name-version`; `any` also accepts a
range (`'curl>=8'`) and a version from a variable (`curl=${CURL_VERSION}`); `off` reports nothing.
"""
from lint.api import (DOCKERFILE, Option, Related, Severity, finding, removals, rule, run_commands, run_instructions,
                      zypper_call)

ACCEPTED = {"exact": {"exact"}, "any": {"exact", "range", "variable"}, "off": None}


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3037",), default=False,
      options=(Option("pin", str, "any", "which pins count: exact (a literal version), any (also ranges and "
                                         "variables), off", choices=("exact", "any", "off")),))
def check(doc, ctx):
    accepted = ACCEPTED.get(ctx.option("pin"), ACCEPTED["any"])
    if accepted is None:
        return
    for stage in doc.stages:
        for ins in run_instructions(stage, ("zypper",)):
            commands = run_commands(ins)
            removed = {r.package for script in {id(rc.script): rc.script for rc in commands}.values()
                       for r in removals(script) if r.family == "zypper"}
            for rc in commands:
                call = zypper_call(rc.command)
                if call is None:
                    continue
                loose = [p for p in call.packages if p.pin not in accepted and p.name not in removed]
                if not loose:
                    continue  # one finding per install, the other unpinned packages related
                package = loose[0]
                how = "exact version" if package.pin in ("range", "variable") else "version"
                more = f" (and {len(loose) - 1} more)" if len(loose) > 1 else ""
                yield finding(package.word.span,
                              f"`{package.word.value}` has no {how}{more}: two builds may install "
                              f"different ones; pin `{package.name}=<version>`",
                              related=[Related(doc.path, p.word.span, "also unpinned") for p in loose[1:]])
