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
from lint.api import DOCKERFILE, Option, Severity, finding, removals, rule, run_commands, run_instructions, zypper_call

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
                for package in call.packages:
                    if package.pin in accepted or package.name in removed:
                        continue
                    how = "exact version" if package.pin in ("range", "variable") else "version"
                    yield finding(package.word.span,
                                  f"`{package.word.value}` has no {how}: two builds may install "
                                  f"different ones; pin `{package.name}=<version>`")
