"""## What it does
Reports `apt` run by a Dockerfile (`RUN`, and commands inside `sh -c` or heredoc scripts). hadolint:
DL3027 *Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead*.

## Why is this bad?
`apt` is the interactive front end: its output and behaviour may change between releases, and it says
so itself ("WARNING: apt does not have a stable CLI interface. Use with caution in scripts."). `apt-get`
and `apt-cache` keep theirs stable for scripts.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Fix safety
Where apt-get has the same command (`install`, `remove`, `purge`, `autoremove`, `update`, `clean`,
`dist-upgrade`, ...) the fix renames `apt` to `apt-get`, and `apt full-upgrade` to `apt-get
dist-upgrade`; `apt upgrade` becomes `apt-get upgrade --with-new-pkgs`, since `apt upgrade` installs new
dependencies where `apt-get upgrade` would hold the package back. The fix is safe: the packages
installed are the same. One difference remains: `apt` deletes the downloaded .deb files after a
successful install and `apt-get` keeps them in /var/cache/apt/archives, which Debian's and Ubuntu's
official images empty anyway (their docker-clean apt configuration). `apt list`, `apt search`,
`apt show` and the like have no apt-get command (apt-cache's output differs): no fix.
"""
from lint.api import (DOCKERFILE, Applicability, Edit, Fix, Severity, Span, apt_call, apt_get_name, finding,
                      rule, run_commands, run_instructions)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3027",))
def check(doc, ctx):
    for ins in run_instructions(doc):
        for rc in run_commands(ins):
            if rc.name != "apt":
                continue
            name_word = rc.command.effective.name_word
            pc = apt_call(rc.command)
            verb = pc.verb if pc is not None else None
            fix = rename_fix(doc, name_word, pc) if pc is not None else None
            what = f"`apt {verb}`" if verb else "`apt`"
            yield finding(name_word.span, f"{what} is apt's interactive front end, without a stable interface for "
                                          f"scripts: use apt-get or apt-cache", fix=fix)


def rename_fix(doc, name_word, pc):
    new_verb = apt_get_name(pc.verb)
    if new_verb is None or pc.verb_word is None or name_word.has_expansion or pc.verb_word.has_expansion:
        return None
    text = doc.source.text
    if text[name_word.span.start:name_word.span.end] != name_word.value or not name_word.value.endswith("apt"):
        return None
    edits = [Edit(doc.path, Span(name_word.span.end, name_word.span.end), "-get")]
    verb_span = pc.verb_word.span
    if text[verb_span.start:verb_span.end] != pc.verb:
        return None
    if new_verb != pc.verb:
        edits.append(Edit(doc.path, verb_span, new_verb))
    if pc.verb == "upgrade" and "--with-new-pkgs" not in pc.options:
        edits.append(Edit(doc.path, Span(verb_span.end, verb_span.end), " --with-new-pkgs"))
    return Fix("Use apt-get", tuple(edits), Applicability.SAFE)
