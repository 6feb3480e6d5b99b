"""## What it does
Reports `apt-get install` (also `apt install`, `aptitude install`) that installs the packages apt
recommends along with those named. hadolint: DL3015 *Avoid additional packages by specifying
`--no-install-recommends`*.

Recommends are left out by `--no-install-recommends` (aptitude: `-R`, `--without-recommends`),
`-o APT::Install-Recommends=false` (or `0`, `no`, `off`), or that setting written to an apt.conf file by an
earlier instruction of the stage or of a stage it is built from (`echo 'APT::Install-Recommends "0";' >
/etc/apt/apt.conf.d/99norecommends`); hadolint does not read the file and reports those installs. An
apt.conf copied in from the build context cannot be read here: no finding then. Options apply in order:
`--no-install-recommends -o APT::Install-Recommends=true` installs them (hadolint sees the flag only).
Better than hadolint: the
call is also found behind `sudo`, inside `sh -c '...'` and in heredoc scripts.

## Why is this bad?
Debian and Ubuntu install recommended packages by default: documentation, X11 libraries, compilers,
often tens or hundreds of megabytes the image never uses, each one more package to patch.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix adds `--no-install-recommends` after the verb and is unsafe: what the build relied on may have
come in only as a recommendation. `ca-certificates` is the classic one (recommended by curl, wget,
openssl): without it every `curl https://...` in a later step fails with a certificate error. Add such
packages by name, then apply the fix. No fix where the command sets recommends itself: that choice is
yours to undo.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Severity, apt_call, apt_config_at, finding,
                      flag_after, rule, run_commands, run_instructions, skips_recommends)


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.UNSAFE, aliases=("DL3015",))
def check(doc, ctx):
    for ins in run_instructions(doc):
        config = None
        for rc in run_commands(ins):
            pc = apt_call(rc.command)
            if pc is None or pc.verb != "install" or pc.verb_word is None:
                continue
            if config is None:
                config = apt_config_at(doc, ins)
                if config is None:
                    break  # an apt.conf copied in from outside may turn recommends off
            if skips_recommends(pc, config):
                continue
            fix = None
            explicit = any("install-recommends" in w.value.lower() for w in rc.command.effective.args)
            flag = "--without-recommends" if pc.manager == "aptitude" else "--no-install-recommends"
            edit = flag_after(doc.source.text, pc.verb_word.span, flag, ins.command.exec_form)
            if edit is not None and not pc.verb_word.has_expansion and not explicit:
                fix = Fix(f"Add {flag}", (Edit(doc.path, edit[0], edit[1]),), Applicability.UNSAFE)
            yield finding(pc.verb_word.span,
                          f"`{pc.manager} install` also installs every recommended package, often many megabytes "
                          f"unused: add {flag}", fix=fix)
