"""Which stages' layers end up in the built image, and which wget a stage runs (GNU or BusyBox): the
questions the package-cache and download rules ask of a Dockerfile."""
from __future__ import annotations

import re


def only_copied_from(dockerfile, stage, target) -> bool:
    """The stage is a build stage whose layers never reach the image: not the target, no stage of the
    target's chain, and other stages take files from it (`COPY --from`, `RUN --mount=from=`). A stage
    nothing refers to may be built with `--target`, so it counts as an image."""
    if target is None or stage is target or stage in dockerfile.ancestors(target):
        return False
    if any(stage in dockerfile.ancestors(other) for other in dockerfile.stages):
        return False  # some stage is built FROM it: judged where that stage is
    return any(stage in dockerfile.dependencies(other) for other in dockerfile.stages if other is not stage)


def run_instructions(stage, mentioning: tuple[str, ...] = ()) -> list:
    """The stage's RUN instructions, `ONBUILD RUN` ones included (they run in the image built FROM it);
    with `mentioning`, only those whose text (heredoc bodies included) holds one of those words, so that
    a rule about one program does not have every other RUN's script parsed."""
    found = []
    for ins in stage.instructions:
        if ins.keyword == "ONBUILD" and ins.inner is not None:
            ins = ins.inner
        if ins.keyword != "RUN":
            continue
        if mentioning:
            text = ins.args.text + "".join(h.body.text for h in ins.heredocs)
            if not any(word in text for word in mentioning):
                continue
        found.append(ins)
    return found


_EL8 = re.compile(r"(ubi8|rhel8|el8)|^[^:]*(ubi|rhel|oraclelinux|rockylinux|almalinux|centos)[^:/]*:8(\b|$)")


def el8_base(chain) -> bool:
    """The chain starts from an Enterprise Linux 8 image (UBI 8, RHEL 8, Rocky, Alma, Oracle Linux 8)."""
    base = (chain[0].base_resolved or chain[0].base or "").lower()
    return bool(_EL8.search(base))


def wget_flavour(chain, facts, command, before=None) -> str | None:
    """'gnu' or 'busybox': which wget `command` runs in the stage chain, or None when it cannot be told.
    `busybox wget` is BusyBox's; a wget package installed by the chain (up to the instruction
    `before`, itself included) is GNU Wget; then the image table; then the base's family: Alpine and BusyBox images
    have BusyBox's, Debian, Ubuntu and the RHEL family have none unless installed, and GNU Wget is
    what their package managers install."""
    from lint.knowledge.startup import sh_flavour
    from lint.shell import installs
    from lint.shell.exec import instruction_scripts

    if command.name == "busybox":
        return "busybox"
    for stage in chain:
        for ins in stage.instructions:
            if ins.keyword == "RUN" and any(i.package == "wget" for script in instruction_scripts(ins)
                                            for i in installs(script)):
                return "gnu"
            if ins is before:
                break
    if facts is not None and facts.wget in ("gnu", "busybox"):
        return facts.wget
    base = (chain[0].base_resolved or chain[0].base or "").lower().split("@", 1)[0]
    if "$" not in base and "busybox" in base.rsplit(":", 1)[0].rsplit("/", 1)[-1]:
        return "busybox"  # busybox-java, busybox-glibc: images built on BusyBox
    flavour = sh_flavour(chain, facts)
    if flavour == "ash":
        return "busybox"
    if flavour in ("dash", "bash"):
        return "gnu"
    return None


def run_append_point(instruction) -> int | None:
    """The source offset where ` && more` can be appended to a shell-form RUN so that it runs last,
    after everything the RUN did succeeded; None when appending is not that simple: exec form,
    heredocs, a script ending in `;`, `&`, `|` or a comment, or one the parser could not read."""
    from lint.shell import script_of

    command = instruction.command
    if command is None or command.exec_form or instruction.heredocs:
        return None
    script = script_of(command)
    if script.problems or not script.commands:
        return None
    text = command.text
    stripped = text.text.rstrip()
    if not stripped or stripped.endswith((";", "&", "|", "\\")):
        return None
    last = script.commands[-1]
    tail_start = next((i for i, offset in enumerate(text.offsets) if offset >= last.span.end), len(stripped))
    if "#" in stripped[tail_start:]:
        return None
    return text.offsets[len(stripped) - 1] + 1
