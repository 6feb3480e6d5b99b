"""## What it does
Reports `FROM --platform=<value>` that pins a stage to one platform (`--platform=linux/amd64`, or a
variable of your own). Off by default: a policy for teams that build for several platforms. Not
reported: `--platform=$BUILDPLATFORM`, the standard way to run a cross-compiling stage on the build
machine, and `--platform=$TARGETPLATFORM`, which is the default (DF407 reports it as redundant).

hadolint: DL3029 *Do not use --platform flag with FROM*. hadolint reports `$BUILDPLATFORM` too, which
Docker's own multi-platform guide recommends.

## Why is this bad?
A fixed platform builds the stage for that platform whatever `docker build --platform` asks: on a
machine of another architecture it runs under emulation (slow, or failing without QEMU), and a
multi-platform build ships the same binary for every platform.

## Example
```dockerfile
FROM --platform=linux/amd64 node:22-bookworm-slim
COPY . /app
```

## Use instead
```dockerfile
FROM node:22-bookworm-slim
COPY . /app
```
"""
import re

from lint.api import DOCKERFILE, Severity, finding, rule

# `$BUILDPLATFORM` / `${BUILDPLATFORM}`: the build machine's platform; `$TARGETPLATFORM`: the default
PLATFORM_VARIABLE = re.compile(r"\$(\{)?(BUILDPLATFORM|TARGETPLATFORM)(?(1)\})\Z")


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3029",), default=False)
def check(doc, ctx):
    for stage in doc.stages:
        flag = stage.from_.flag("platform")
        if flag is None or flag.value is None or PLATFORM_VARIABLE.match(flag.value.strip()):
            continue
        yield finding(flag.span, f"`FROM --platform={flag.value}` builds this stage for that platform whatever "
                                 f"the build asks for")
