"""## What it does
Reports each package a `yum`, `dnf`, `microdnf` or `tdnf` install names without a version
(`httpd` rather than `httpd-2.4.57`). Off by default: pinning is a policy, select the rule to use it.

Not reported: a package the same RUN removes again (a build dependency), local `.rpm` files and
URLs, `@group` and `@module` names, and words made of a variable (`$PACKAGES`). A `dnf module
install` counts as pinned with its stream (`nodejs:20`).

hadolint: DL3033 *Specify version with `yum install -y <package>-<version>`* and DL3041 *Specify
version with `dnf install -y <package>-<version>`*. Unlike hadolint: DL3033 takes any dash for a
version, so `python3-devel` passes, and DL3041 takes `java-1.8.0-openjdk` for pinned; here the
version is the part after the last dash (or the two last: version and release) when it starts with
a digit. hadolint also asks for a pin on a package the RUN installs and removes again.

## Why is this bad?
An unpinned package is whatever the repository has on the day of the build: two builds of the same
Dockerfile can differ, and an update can break the image without any change to the file.

## Example
```dockerfile
FROM rockylinux:9
RUN dnf install -y nginx && dnf clean all
```

## Use instead
```dockerfile
FROM rockylinux:9
RUN dnf install -y nginx-1.20.1 && dnf clean all
```

## Options
`pin` (default `any`): `exact` accepts only a literal version (`nginx-1.20.1`); `any` also accepts a
range (`'nginx >= 1.20'`) and a version from a variable (`nginx-${NGINX_VERSION}`); `off` reports
nothing.
"""
from lint.api import (
    DOCKERFILE, Option, Related, Severity, finding, removals, rpm_call, rule, run_commands, run_instructions,
)

ACCEPTED = {"exact": {"exact"}, "any": {"exact", "range", "variable"}, "off": None}


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3033", "DL3041"), default=False,
      options=(Option("pin", str, "any", "which pins count: exact (a literal version), any (also ranges and "
                                         "variables), off", choices=("exact", "any", "off")),))
def check(doc, ctx):
    accepted = ACCEPTED.get(ctx.option("pin"), ACCEPTED["any"])
    if accepted is None:
        return
    for stage in doc.stages:
        for ins in run_instructions(stage, ("yum", "dnf")):
            commands = run_commands(ins)
            removed = {r.package for script in {id(rc.script): rc.script for rc in commands}.values()
                       for r in removals(script) if r.family == "rpm"}
            for rc in commands:
                call = rpm_call(rc.command)
                if call is None:
                    continue
                loose = [p for p in call.packages if p.pin not in accepted and p.name not in removed]
                if not loose:
                    continue  # one finding per install, the other unpinned packages related
                package = loose[0]
                how = "exact version" if package.pin in ("range", "variable") else "version"
                pinned = f"{package.name}:<stream>" if call.verb == "module install" else f"{package.name}-<version>"
                more = f" (and {len(loose) - 1} more)" if len(loose) > 1 else ""
                yield finding(package.word.span,
                              f"`{package.word.value}` has no {how}{more}: two builds may install "
                              f"different ones; pin `{pinned}`",
                              related=[Related(doc.path, p.word.span, "also unpinned") for p in loose[1:]])
