"""## What it does
Reports a GNU Wget download in a RUN that sets none of `--progress=...`, `-q` / `--quiet`, `-nv` /
`--no-verbose`, `-o` / `-a` (messages to a file), `-b` or `--spider`, and whose standard error is not
sent to a file (`2>/dev/null`, `>log 2>&1`).

hadolint: DL3047 *Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`*.
Unlike hadolint: BusyBox wget (Alpine and BusyBox images, any `*-alpine` tag, a Dockerfile that runs
`apk`, `busybox wget`) is not reported: it has no `--progress` option and rejects it, which breaks
the build hadolint's advice is for, and its status line is redrawn at most once a second anyway. A
wget package installed by the stage is GNU Wget, whatever the base. `wget -O - URL | tar -x` is
reported too: the download goes to the pipe, the progress still to standard error and the log.

## Why is this bad?
A build has no terminal, so GNU Wget falls back to its "dot" display: a line of dots for every 50 KB.
A 200 MB download writes some 4,000 lines into the build log, burying what matters and slowing CI log
viewers. It is noise, not an error: the rule is `info`.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends wget ca-certificates \
    && wget https://downloads.example.org/tool.tar.gz
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends wget ca-certificates \
    && wget --progress=dot:giga https://downloads.example.org/tool.tar.gz
```

## Fix safety
The fix inserts `--progress=dot:giga` (one dot per MB, one line per 32 MB) after `wget`. It is safe
where the wget is known to be GNU Wget (a Debian, Ubuntu or RHEL-family base, or a wget package the
stage installs); where that cannot be told it is only shown, since BusyBox wget would reject it.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule, run_commands, run_instructions,
    wget_flags, wget_flavour,
)


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.SAFE, aliases=("DL3047",))
def check(doc, ctx):
    for stage in doc.stages:
        chain = [*reversed(doc.ancestors(stage)), stage]
        facts = ctx.image(chain[0].base_resolved)
        for ins in run_instructions(stage, ("wget",)):
            for rc in run_commands(ins):
                flags = wget_flags(rc.command)
                if flags is None or flags.options_unknown or not (flags.urls or flags.input_file) or flags.name_word is None:
                    continue
                if flags.quiet or flags.no_verbose or flags.progress or flags.log_file or flags.background or flags.spider:
                    continue
                if stderr_to_file(rc.command):
                    continue
                flavour = wget_flavour(chain, facts, rc.command, before=ins)
                if flavour == "busybox":
                    continue
                fix = None
                if not ins.command.exec_form:
                    at = flags.name_word.span.end
                    fix = Fix("Add --progress=dot:giga", (Edit(doc.path, Span(at, at), " --progress=dot:giga"),),
                              Applicability.SAFE if flavour == "gnu" else Applicability.DISPLAY)
                what = "GNU Wget" if flavour == "gnu" else "wget (if GNU Wget)"
                yield finding(flags.name_word.span,
                              f"{what} without --progress writes a line of dots per 50 KB into the build log: "
                              f"add --progress=dot:giga or -nv", fix=fix)


def stderr_to_file(command) -> bool:
    """The command's standard error, where wget writes its progress, goes to a file: `2>/dev/null`,
    `&>log`, `>log 2>&1`."""
    stdout_to_file = False
    for r in command.redirects:
        if r.op in ("&>", "&>>"):
            return True
        if r.op in (">", ">>", ">|"):
            if r.fd == "2":
                return True
            if r.fd in (None, "1"):
                stdout_to_file = True
        if r.op == ">&" and r.fd == "2" and r.target is not None and r.target.value == "1" and stdout_to_file:
            return True
    return False
