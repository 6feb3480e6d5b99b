"""## What it does
Reports an image pulled from a registry that the `trusted-registries` option does not list.

Images are looked for in `FROM`,
in `COPY --from=<image>` / `ADD --from` and in `RUN --mount=from=<image>`. Silent until the option is set.

A name without a registry host (`nginx`, `library/nginx`, `bitnami/redis`) comes from Docker Hub, which is
`docker.io`; `index.docker.io` and `registry-1.docker.io` are Docker Hub too. `scratch` and the names of
earlier stages are not images. An entry may use `*` wildcards: `*.gcr.io` trusts `eu.gcr.io` (not `gcr.io`
itself), `*` trusts every registry.

hadolint: DL3026 *Use only an allowed registry in the FROM image* (`trustedRegistries` in `.hadolint.yaml`,
which hullcheck reads into this option). hadolint treats `index.docker.io/...` as another registry than
`docker.io`, and reports `FROM ${BASE}` whose image it cannot know; neither is reported here.

## Why is this bad?
An organisation that mirrors, scans or signs the images it uses wants every base and every copied-from
image to come through those registries; one pulled straight from elsewhere skips the checks and may
vanish or change.

## Example
```dockerfile
FROM quay.io/prometheus/busybox:latest
COPY app /bin/app
```

## Use instead
```dockerfile
FROM registry.example.com/mirror/busybox:1.36
COPY app /bin/app
```

## Options
- `trusted-registries`: the registries images may come from (`docker.io`, `registry.example.com:5000`,
  `*.gcr.io`); empty (the default) turns the rule off.

```toml
[rules.DF502]
trusted-registries = ["docker.io", "registry.example.com"]
```
"""
import fnmatch
import re

from lint.api import DOCKERFILE, Option, Severity, Span, finding, rule

DOCKER_HUB = {"docker.io", "index.docker.io", "registry-1.docker.io"}
MOUNT_FROM = re.compile(r"(?:^|,)from=(?P<value>[^,]+)")


def registry_of(image: str) -> str:
    """The registry host an image reference names (Docker Hub for a bare name)."""
    first, slash, _ = image.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        first = first.lower()
        return "docker.io" if first in DOCKER_HUB else first
    return "docker.io"


def trusted(registry: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.strip().lower()
        if pattern in DOCKER_HUB:
            pattern = "docker.io"
        if fnmatch.fnmatchcase(registry, pattern):
            return True
    return False


def image_references(doc, stage):
    """(image, span, where) of each image the stage pulls: its FROM, COPY/ADD --from and RUN --mount from."""
    if stage.parent is None and stage.base.lower() != "scratch":
        image = stage.base_resolved if "$" in stage.base else stage.base
        if image and "$" not in image:
            yield image, stage.base_span, "FROM"
    for ins in stage.instructions:
        values = []
        if ins.keyword in ("COPY", "ADD"):
            values = [(f.value, f.value_span, f"{ins.keyword} --from") for f in ins.flags if f.name == "from" and f.value]
        elif ins.keyword == "RUN":
            for flag in ins.flags:
                match = MOUNT_FROM.search(flag.value or "") if flag.name == "mount" else None
                if match:
                    span = flag.span
                    if flag.value_span is not None and doc.source.text[flag.value_span.start:flag.value_span.end] == flag.value:
                        start = flag.value_span.start + match.start("value")
                        span = Span(start, start + len(match["value"]))
                    values.append((match["value"].strip("'\""), span, "RUN --mount"))
        for value, span, where in values:
            if "$" in value or value.isdigit() or doc.stage_by_name(value) is not None or value.lower() == "scratch":
                continue  # a stage, or an image we cannot know
            yield value, span or ins.keyword_span, where


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3026",), options=(
    Option("trusted-registries", list, [], "registries images may come from (docker.io for Docker Hub names, "
                                           "`*` wildcards); empty: the rule is off"),
))
def check(doc, ctx):
    patterns = ctx.option("trusted-registries")
    if not patterns:
        return
    for stage in doc.stages:
        for image, span, where in image_references(doc, stage):
            registry = registry_of(image)
            if not trusted(registry, patterns):
                yield finding(span, f"{where} image '{image}' comes from {registry}, not a trusted registry")
