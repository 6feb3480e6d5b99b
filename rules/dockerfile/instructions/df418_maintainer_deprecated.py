"""## What it does
Reports `MAINTAINER`, deprecated since Docker 1.13, and offers the `LABEL` that replaces it.

hadolint: DL4000 *MAINTAINER is deprecated*; BuildKit check: `MaintainerDeprecated`.

## Why is this bad?
`MAINTAINER` only fills the image's legacy `Author` field, which few tools read; labels are what
registries, scanners and `docker inspect --format '{{ .Config.Labels }}'` show. BuildKit warns about it
on every build.

## Example
```dockerfile
FROM debian:bookworm-slim
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
LABEL maintainer="Jane Doe <jane@example.com>"
```

## Fix safety
The fix writes `LABEL maintainer="..."` with the same text: `MAINTAINER` takes its text literally while
`LABEL` expands variables and removes quotes, so `"`, `$` and the escape character are escaped. It is
safe: the build and what runs in the image do not change (only the metadata field that holds the text).
"""
from lint.api import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL4000", "MaintainerDeprecated"))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "MAINTAINER":
            continue
        text = ins.args.text.strip()
        fix = None
        if text and "\n" not in text:
            escaped = "".join(doc.escape + ch if ch in ('"', "$", doc.escape) else ch for ch in text)
            end = ins.args.span(0, len(ins.args.text.rstrip())).end
            fix = Fix("Replace MAINTAINER with LABEL maintainer", (
                Edit(doc.path, Span(ins.keyword_span.start, end), f'LABEL maintainer="{escaped}"'),),
                Applicability.SAFE)
        yield finding(ins.keyword_span, "MAINTAINER is deprecated: use LABEL maintainer=\"...\" (or "
                                        "org.opencontainers.image.authors), which tools read", fix=fix)
