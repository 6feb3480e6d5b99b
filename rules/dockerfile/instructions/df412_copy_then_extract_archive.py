"""## What it does
Reports a tar archive copied from the build context with `COPY` and then unpacked by `tar -x` in a later
`RUN` of the same stage.

Not reported: zip files (`ADD` does not unpack them, so `unzip` after `COPY` is the way), an archive
copied from another stage or image (`COPY --from`), and an archive that is copied but not unpacked.

hadolint: DL3010 *Use `ADD` for extracting archives into an image*. hadolint also reports `unzip`,
which `ADD` cannot replace, and misses the old option style `tar xzf file.tgz`.

## Why is this bad?
The `COPY` layer keeps the archive forever, even when the `RUN` deletes it afterwards: the image carries
it next to its unpacked content. `ADD app.tar.gz /opt/app/` unpacks it in one step without storing it;
where `tar` options matter (`--strip-components`, a member list), mount it instead:
`RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz ...`.

## Example
```dockerfile
FROM debian:bookworm-slim
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
ADD app.tar.gz /opt/
```
"""
import posixpath

from lint.api import DOCKERFILE, Related, Severity, copy_args, finding, rule, run_commands

TAR_NAMES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst")


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3010",))
def check(doc, ctx):
    for stage in doc.stages:
        copied = {}  # basename -> the source word of the COPY that brought it
        for ins in stage.instructions:
            if ins.keyword == "COPY" and ins.flag("from") is None:
                args = copy_args(ins)
                if args is None:
                    continue
                dest_name = posixpath.basename(args.dest.value)
                for source in args.sources:
                    name = dest_name if _tar_name(dest_name) and len(args.sources) == 1 else posixpath.basename(source.value)
                    if _tar_name(name):
                        copied[name] = (ins, source)
            elif ins.keyword == "RUN" and copied:
                for rc in run_commands(ins):
                    name = _extracted(rc.command.effective)
                    if name in copied:
                        copy, source = copied.pop(name)
                        yield finding(source.span, f"{_short(name)} is copied, then unpacked by the RUN at line {ins.line}: "
                                                   f"the layer keeps the archive; ADD it (or RUN --mount it) instead",
                                      related=(Related(doc.path, rc.command.span, "unpacked here"),))


def _tar_name(name: str) -> bool:
    return name.lower().endswith(TAR_NAMES)


def _extracted(cmd) -> str | None:
    """The basename of the archive a `tar` command extracts, if it extracts one."""
    if cmd.name != "tar":
        return None
    words = [w.value for w in cmd.args]
    extract = any(w in ("--extract", "--get") or (w.startswith("-") and not w.startswith("--") and "x" in w)
                  for w in words)
    if words and not words[0].startswith("-") and "x" in words[0] and words[0].isalpha():
        extract = True  # old style: tar xzf file.tgz
    if not extract:
        return None
    names = [posixpath.basename(w) for w in words if not w.startswith("-")]
    return next((n for n in names if _tar_name(n)), None)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
