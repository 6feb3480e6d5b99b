"""## What it does
Reports a `COPY --from` value that cannot be what its author meant: a variable, a stage defined later,
a stage index or name no stage has, or a likely misspelling of a stage name.

- a variable (`--from=$IMG`, `--from=${BUILDER}`): Docker does not expand variables in `--from` and
  stops the build ("variable expansion is not supported for --from"; older versions: "invalid
  reference format"). Podman and Buildah do expand them. The way that works everywhere is a stage
  named for the image: `FROM ${IMG} AS img`, then `COPY --from=img`;
- a stage defined *later* in the file (a forward reference: BuildKit follows it, the legacy builder
  pulls an image of that name instead, and the file reads out of order);
- a stage index no stage has (`--from=3` with three stages): the build fails;
- a value that is neither a stage name nor a valid image reference (`--from=Builder` with no stage of
  that name: image names are lower case): the build fails;
- a bare name one or two letters off a stage name (`--from=buidler` beside `AS builder`) that the image
  table does not know: Docker would pull an image of that name, which is almost surely a typo.

An index (`--from=0`) of an earlier stage is fine. Any other name is an image BuildKit pulls
(`--from=nginx:1.27`, `--from=composer`) or a named build context (`--build-context
assets=./assets`), and is not reported.

hadolint: DL3022 *`COPY --from` should reference a previously defined `FROM` alias*. hadolint reports
every name that is not an earlier stage, image references such as `--from=composer` (a common, working
idiom) and named build contexts included.

## Why is this bad?
A misspelt or misplaced stage name is not an error to Docker until it tries to pull an image of that
name: the build fails late with "pull access denied", or, worse, copies from an unrelated public image.

## Example
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /out/app ./...

FROM gcr.io/distroless/static-debian12
COPY --from=buidler /out/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /out/app ./...

FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
```
"""
from lint.api import DOCKERFILE, Related, Severity, copy_source, finding, rule


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3022",))
def check(doc, ctx):
    for stage in doc.stages:
        for ins in stage.find("COPY"):
            flag = ins.flag("from")
            if flag is None or not flag.value:
                continue
            span = flag.value_span or flag.span
            source = copy_source(doc, stage, ins, flag.value)
            if source.kind == "variable":
                yield finding(span, f"`--from={flag.value}`: Docker does not expand variables in --from and the build "
                                    f"fails; copy from a stage `FROM {flag.value} AS src`")
            elif source.kind == "later":
                yield finding(span, f"`--from={flag.value}` names a stage defined later, at line "
                                    f"{source.stage.from_.line}: the legacy builder pulls an image instead; define "
                                    f"stages before use", severity=Severity.WARNING,
                              related=[Related(doc.path, source.stage.name_span or source.stage.from_.keyword_span,
                                               "the stage named")])
            elif source.kind == "bad-index":
                yield finding(span, f"`--from={flag.value}`: there is no stage {source.value} (stages are numbered "
                                    f"from 0 to {len(doc.stages) - 1}); the build fails")
            elif source.kind == "invalid":
                yield finding(span, f"`--from={flag.value}` is no stage name and no valid image reference; the build "
                                    f"fails")
            elif source.kind == "image" and source.near is not None:
                yield finding(span, f"`--from={flag.value}` is no stage: did you mean `{source.near.name}`? Docker "
                                    f"would pull an image of that name", severity=Severity.WARNING,
                              related=[Related(doc.path, source.near.name_span, "the stage of a similar name")])
