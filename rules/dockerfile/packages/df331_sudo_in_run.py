"""## What it does
Reports `sudo` in a RUN (also inside `sh -c '…'` and heredoc scripts), once per RUN: the first `sudo`, with
the others as related places.

hadolint: DL3004 *Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce
root*. hadolint's advice is backwards: gosu drops privileges, it does not gain them. The way to run build
commands as root is a `USER root` before them (and `USER app` after).

## Why is this bad?
A RUN already runs as the USER in effect. As root (the user of most base images, and after `USER root`)
`sudo` does nothing but needs the sudo package. As another user it needs a sudoers rule that lets that user
become root without a password, and that rule stays in the image: anything running as that user in the
container can then become root, which makes the non-root USER pointless.

## Example
```dockerfile
FROM ubuntu:24.04
USER root
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM ubuntu:24.04
USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
Where a `USER root` (or `USER 0`) of the Dockerfile is in effect, the fix deletes each `sudo` that takes no
option of its own: the commands run as root either way, so the fix is safe. Elsewhere there is no fix, since
the base image's user is not known.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, finding, is_root, rule, run_commands, user_at,
)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3004",))
def check(doc, ctx):
    for stage in doc.stages:
        for ins in stage.instructions:
            if ins.keyword != "RUN" or ins.command is None:
                continue
            written = doc.source.text[ins.span.start:ins.span.end]
            if "sudo" not in written:
                continue
            sudos = [rc.command for rc in run_commands(ins) if rc.command.name == "sudo"]
            if not sudos:
                continue
            user, where = user_at(doc, stage, ins)
            switch = _target_user(sudos[0])
            if switch is not None:
                message = (f"`sudo -u {switch}` in RUN needs sudo in the image to switch users; use USER {switch} "
                           f"(or su / gosu) for these commands")
                fix = None
            elif is_root(user):
                message = f"`sudo` does nothing here: this RUN already runs as root (USER at line {where.line})"
                fix = _removal(doc, sudos)
            elif user is None:
                message = ("`sudo` in RUN: as root, the user of most bases, it does nothing; as another user it "
                           "needs a sudoers rule; use USER root")
                fix = None
            else:
                message = (f"`sudo` in RUN as '{user}' (line {where.line}) needs a sudoers rule that lets the "
                           f"container become root; use USER root")
                fix = None
            related = [Related(doc.path, s.name_word.span, "sudo here too") for s in sudos[1:]]
            yield finding(sudos[0].name_word.span, message, fix=fix, related=related)


def _target_user(cmd):
    """The user of `sudo -u NAME` / `--user=NAME`, else None."""
    words = [w.value for w in cmd.words[len(cmd.assignments) + 1:]]
    for i, v in enumerate(words):
        if not v.startswith("-"):
            break
        if v in ("-u", "--user") and i + 1 < len(words):
            return words[i + 1]
        if v.startswith("--user="):
            return v[len("--user="):]
    return None


def _removal(doc, sudos):
    """Delete `sudo ` before each command; None when a sudo takes options (`-u app`, `-E`)."""
    edits = []
    for cmd in sudos:
        rest = cmd.words[len(cmd.assignments) + 1:]
        if not rest or rest[0].value.startswith("-"):
            return None
        edits.append(Edit(doc.path, Span(cmd.name_word.span.start, rest[0].span.start), ""))
    return Fix("Remove sudo: the RUN runs as root", tuple(edits), Applicability.SAFE)
