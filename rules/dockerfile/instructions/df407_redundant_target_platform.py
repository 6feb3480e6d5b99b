"""## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): a stage is built for the target
platform without the flag.

hadolint: DL3065 *Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant*; BuildKit:
RedundantTargetPlatform.

## Why is this bad?
The flag says what the build does anyway, and its presence suggests to a reader that this stage is
special. It is noise in every stage that carries it.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
RUN apk add --no-cache ca-certificates
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
```

## Fix safety
Removing the flag is safe: BuildKit builds every stage for `$TARGETPLATFORM` unless told otherwise.
"""
import re

from lint.api import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule

TARGET_PLATFORM = re.compile(r"\$(\{)?TARGETPLATFORM(?(1)\})\Z")


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.SAFE, aliases=("DL3065", "RedundantTargetPlatform"))
def check(doc, ctx):
    text = doc.source.text
    for stage in doc.stages:
        flag = stage.from_.flag("platform")
        if flag is None or flag.value is None or not TARGET_PLATFORM.match(flag.value.strip()):
            continue
        end = flag.span.end
        while end < len(text) and text[end] in " \t":
            end += 1
        fix = Fix("Remove the redundant --platform", (Edit(doc.path, Span(flag.span.start, end), ""),),
                  Applicability.SAFE)
        yield finding(flag.span, f"`--platform={flag.value}` is what every stage is built for anyway", fix=fix)
