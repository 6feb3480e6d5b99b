"""## What it does
Reports `ADD` of local files or folders that Docker copies as they are: not tar archives, not URLs, not
git repositories. `COPY` does exactly that and nothing more.

Docker decides by content whether `ADD` unpacks a file: a tar archive, plain or compressed with gzip,
bzip2, xz or zstd, is unpacked whatever its name; anything else (a zip, a jar, a `.gz` of a single
file) is copied. Where the file can be read in the build context (the `build.context` of the compose
services building the Dockerfile, else the Dockerfile's folder) its content decides; where it cannot, its
name does (`.tar`, `.tgz`, `.gz`, `.bz2`, `.xz`, `.zst` ... are taken as archives). Sources in a variable
whose value is unknown are not judged (`ADD $URL /opt/`).

hadolint: DL3020 *Use COPY instead of ADD for files and folders*. hadolint goes by name only: it
reports a tar archive named without an extension, which `ADD` does unpack, and `ADD $URL`.

## Why is this bad?
`ADD` does more than copy: it unpacks tar archives and fetches URLs. A reader cannot tell which was
meant, and a file that turns into a tar archive later (a vendored dependency, a renamed artefact) gets
unpacked without anyone asking.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
ADD requirements.txt app.py ./
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt app.py ./
```

## Fix safety
The fix replaces `ADD` with `COPY`. It is safe when hullcheck read every source in the build context
and found no tar archive (directories included: `ADD` never unpacks inside them), and `ADD` has no
option `COPY` lacks; otherwise (an `ONBUILD ADD` too: it reads the context of a later build) it is only
shown.
"""
from pathlib import Path

from lint.api import DOCKERFILE, Applicability, Edit, Fix, Severity, copy_args, expand, finding, is_archive, \
    named_like_archive, rule, variables_at

COPY_FLAGS = {"chown", "chmod", "link", "exclude"}


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3020",))
def check(doc, ctx):
    contexts = None
    for ins in doc.instructions:
        onbuild = ins.keyword == "ONBUILD" and ins.inner is not None
        if onbuild:
            ins = ins.inner  # runs in a later build, from that build's context
        if ins.keyword != "ADD" or ins.stage is None:
            continue
        args = copy_args(ins)
        if args is None or not args.sources:
            continue
        scope = variables_at(doc, ins)
        values = [expand(s.raw, scope) if "$" in s.raw else s.value for s in args.sources]
        if any(v is None for v in values):
            continue  # a source we cannot know may be a URL
        if contexts is None:
            contexts = ctx.build_contexts(doc)
        remote = [_remote(v) for v in values]
        verdicts = [None if far else _archive(v, [] if onbuild else contexts) for v, far in zip(values, remote)]
        plain = [s for s, far, verdict in zip(args.sources, remote, verdicts) if not far and not verdict]
        if not plain or (any(verdicts) and not any(remote)):
            continue  # ADD unpacks (or, going by the name, probably unpacks) some of it: its own job
        names = ", ".join(f"'{_short(s.raw, 30)}'" for s in plain[:2]) + (", ..." if len(plain) > 2 else "")
        if any(remote):
            yield finding(ins.keyword_span, f"ADD of {names} beside a URL: keep ADD for the URL and COPY {names} on "
                                            f"its own")
            continue
        read = all(v is False for v in verdicts)
        safe = read and {f.name for f in ins.flags} <= COPY_FLAGS
        fix = Fix("Use COPY", (Edit(doc.path, ins.keyword_span, "COPY"),),
                  Applicability.SAFE if safe else Applicability.DISPLAY)
        what = "no archive, by content" if read else "no archive, by name"
        yield finding(ins.keyword_span, f"ADD of {names} only copies ({what}): use COPY; ADD also unpacks archives "
                                        f"and fetches URLs", fix=fix)


def _remote(value: str) -> bool:
    return "://" in value or value.startswith("git@")


def _archive(value: str, contexts: list[Path]) -> bool | None:
    """True: unpacked (or named like an archive and unreadable); False: read and copied as is; None: not read
    and not named like an archive."""
    found = []
    for context in contexts:
        matches = list(context.glob(value.lstrip("/"))) if any(c in value for c in "*?[") else [context / value.lstrip("/")]
        if not matches or not all(m.resolve().is_relative_to(context.resolve()) for m in matches):
            found.append(None)
            continue
        found.extend(is_archive(m) for m in matches)
    if found and all(v is False for v in found):
        return False
    if any(found):
        return True
    return True if named_like_archive(value) else None


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
