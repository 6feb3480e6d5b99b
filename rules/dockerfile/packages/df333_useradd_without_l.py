"""## What it does
Reports `useradd` with a high user id (`-u 1234567`, at or above the `min-uid` option, 100000 by default)
and without `-l` / `--no-log-init`. A UID from a variable (`-u "$UID"`, a build argument often given the
host user's id) is reported at `info` unless the ARG's default is high: the value cannot be known; a UID an
`ENV` of the Dockerfile sets is judged by that value.

hadolint: DL3046 *`useradd` without flag `-l` and high UID will result in excessively large Image*. hadolint
judges the length of the text after `-u`, so `-u ${UID}` (6 characters) is "high" and `-u $UID` is not;
here a literal is compared as a number and a variable resolved through its ARG default.

## Why is this bad?
Without `-l`, useradd writes the new user's record into `/var/log/lastlog` (292 bytes per UID, indexed by
UID) and `/var/log/faillog`: a sparse file as large as the UID times the record size, 29 MB for UID 100000 and
hundreds of GB for the UIDs of directory services. Image layers do not keep files sparse, so the build writes
all those zeros into the layer (moby/moby#5419): slow builds, huge images, full disks.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN useradd -m -u 1000123 app
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN useradd -l -m -u 1000123 app
```

## Fix safety
The fix adds `-l` after `useradd`. It is safe: only the login records of a user that never logs in are
skipped.

## Options
- `min-uid` (int, default 100000): the lowest UID reported; below it the sparse file stays under ~30 MB.
"""
import re

from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Option, Severity, Span, env_value, finding, rule, run_commands,
)

WITH_VALUE = set("bcdefgGkKpsuRPZ")
VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3046",),
      options=(Option("min-uid", int, 100000, "the lowest UID reported"),))
def check(doc, ctx):
    least = ctx.option("min-uid")
    for stage in doc.stages:
        for ins in stage.instructions:
            if ins.keyword != "RUN" or ins.command is None:
                continue
            written = doc.source.text[ins.span.start:ins.span.end]
            if "useradd" not in written:
                continue
            for rc in run_commands(ins):
                cmd = rc.command.effective
                if cmd.name != "useradd":
                    continue
                no_log, uid = _options(cmd.args)
                if no_log or uid is None:
                    continue
                severity = None
                if uid.has_expansion:
                    match = VARIABLE.fullmatch(uid.value)
                    fixed = env_value(doc, stage, match[1], ins) if match else None
                    if fixed is not None and fixed.isdigit():
                        if int(fixed) < least:
                            continue  # an ENV value is what the build uses
                        number = int(fixed)
                    else:
                        default = doc.arg_default(match[1], stage) if match and fixed is None else None
                        number = int(default) if default is not None and default.isdigit() else None
                    if number is not None and number >= least:
                        message = (f"`useradd -u {uid.raw}` (= {number}) without -l writes a sparse lastlog "
                                   f"of ~{_size(number)} into the layer")
                    else:
                        severity = Severity.INFO
                        message = (f"`useradd -u {uid.raw}` without -l: a high UID (a host's, often > 100000) "
                                   f"puts a sparse lastlog of UID x 292 bytes in the layer")
                elif uid.value.isdigit() and int(uid.value) >= least:
                    message = (f"`useradd -u {uid.value}` without -l writes a sparse lastlog of "
                               f"~{_size(int(uid.value))} into the layer")
                else:
                    continue
                at = cmd.name_word.span.end
                fix = Fix("Add -l (--no-log-init)", (Edit(doc.path, Span(at, at), " -l"),), Applicability.SAFE)
                yield finding(cmd.name_word.span, message, severity=severity, fix=fix)


def _options(args):
    """(has -l / --no-log-init, the UID word or None)."""
    no_log, uid = False, None
    i = 0
    while i < len(args):
        v = args[i].value
        if v == "--":
            break
        if v == "--no-log-init":
            no_log = True
        elif v == "--uid":
            uid = args[i + 1] if i + 1 < len(args) else None
            i += 1
        elif v.startswith("--uid="):
            uid = _Literal(v[6:])
        elif v.startswith("-") and not v.startswith("--") and len(v) > 1:
            for k, letter in enumerate(v[1:], 1):
                if letter == "l":
                    no_log = True
                if letter in WITH_VALUE:
                    rest = v[k + 1:]
                    if letter == "u":
                        uid = _Literal(rest) if rest else (args[i + 1] if i + 1 < len(args) else None)
                    if not rest:
                        i += 1
                    break
        i += 1
    return no_log, uid


class _Literal:
    """A UID written inside an option word (`-u1000123`, `--uid=1000123`)."""

    def __init__(self, value: str) -> None:
        self.value = self.raw = value
        self.has_expansion = "$" in value


def _size(uid: int) -> str:
    size = uid * 292
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if size < 1000:
            return f"{size:.0f} {unit}"
        size /= 1000
    return f"{size:.0f} PB"
