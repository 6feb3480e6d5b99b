"""## What it does
Reports `zypper dist-upgrade` (`dup`) in a RUN, except on openSUSE Tumbleweed, where `dup` is the
way to update the rolling release.

hadolint: DL3035 *Do not use `zypper dist-upgrade`*. hadolint also reports it on Tumbleweed.

## Why is this bad?
`dist-upgrade` may move the image to another distribution release, change package vendors and
remove packages to solve conflicts: what the build makes depends on the day, not on the Dockerfile.
Take a newer base image instead, or `zypper update` for updates within the release.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n dist-upgrade && zypper -n install curl && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
```
"""
from lint.api import DOCKERFILE, Severity, finding, rule, run_commands, run_instructions, zypper_call


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3035",))
def check(doc, ctx):
    for stage in doc.stages:
        chain = [*reversed(doc.ancestors(stage)), stage]
        if "tumbleweed" in (chain[0].base_resolved or chain[0].base or "").lower():
            continue
        for ins in run_instructions(stage, ("zypper",)):
            for rc in run_commands(ins):
                call = zypper_call(rc.command)
                if call is not None and call.verb == "dist-upgrade":
                    yield finding(call.verb_word.span,
                                  f"`zypper {call.verb_word.value}` may switch the release and vendors of the whole "
                                  f"image: use a newer base image, or `zypper update`")
