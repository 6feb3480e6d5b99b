"""What a RUN instruction runs with, besides its script: its `--mount` flags, and the variables ENV and
ARG put in its environment. Cache rules ask both: a cache directory on a cache or tmpfs mount never
reaches the image, and `ENV PIP_NO_CACHE_DIR=1` turns pip's cache off for every later RUN."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lint.dockerfile.arguments import variables_at
from lint.dockerfile.model import Dockerfile, Instruction, Stage, _shell_words


@dataclass(frozen=True)
class Mount:
    type: str  # bind (BuildKit's default), cache, tmpfs, secret, ssh
    target: str | None  # normalised absolute path, when given
    source: str | None
    from_: str | None


def run_mounts(ins: Instruction) -> list[Mount]:
    """The `--mount=` flags of a RUN (`type=cache,target=/root/.cache/pip`, `dst=`/`destination=` too)."""
    found = []
    for flag in ins.flags:
        if flag.name != "mount" or not flag.value:
            continue
        fields: dict[str, str] = {}
        for part in flag.value.split(","):
            key, _, value = part.strip().partition("=")
            fields[key.strip().lower()] = value.strip().strip("\"'")
        target = fields.get("target") or fields.get("dst") or fields.get("destination")
        if target:
            target = posixpath.normpath(target) if target.startswith("/") else target
        found.append(Mount(fields.get("type", "bind").lower(), target, fields.get("source") or fields.get("src"),
                           fields.get("from")))
    return found


def scratch_mounts(ins: Instruction) -> list[str]:
    """Targets of the cache and tmpfs mounts of a RUN: what is written there stays out of the image."""
    return [m.target for m in run_mounts(ins) if m.type in ("cache", "tmpfs") and m.target]


def covers(directory: str, path: str) -> bool:
    """Whether `path` is `directory` or inside it (both absolute and normalised)."""
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def kept_out_by_mount(ins: Instruction, path: str) -> bool:
    """Whether what a RUN writes under `path` stays out of the image: a cache or tmpfs mount is on the
    path or on a folder holding it."""
    path = posixpath.normpath(path)
    return any(covers(target, path) for target in scratch_mounts(ins) if target.startswith("/"))


def environment_at(doc: Dockerfile, ins: Instruction) -> dict[str, str | None]:
    """The variables ENV and ARG put in the environment of `ins` (`variables_at`), a value we cannot know
    (an ARG without default, an expansion of one) as None."""
    return {name: value if isinstance(value, str) else None for name, value in variables_at(doc, ins).items()}


def image_stages(doc: Dockerfile, target: Stage | None = None) -> list[Stage]:
    """Stages whose files become an image someone runs: the target (the last stage unless named), every
    stage no other stage uses (a build target of its own, such as `dev`), and the stages they are built
    FROM. A stage only copied from (`COPY --from=builder /app /app`) is not one: only what is copied leaves
    it."""
    if not doc.stages:
        return []
    known = doc.memo.setdefault("image_stages", {})  # asked for every RUN by the cache rules
    if id(target) not in known:
        known[id(target)] = _image_stages(doc, target)
    return list(known[id(target)])


def _image_stages(doc: Dockerfile, target: Stage | None) -> list[Stage]:
    used: set[int] = set()
    for stage in doc.stages:
        for dep in doc.dependencies(stage):
            used.add(dep.index)
    roots = [target or doc.stages[-1]] + [s for s in doc.stages if s.index not in used]
    found: list[Stage] = []
    for root in roots:
        for stage in [root, *doc.ancestors(root)]:
            if stage not in found:
                found.append(stage)
    return found


def copied_paths(doc: Dockerfile, stage: Stage) -> list[str]:
    """The source paths other stages copy out of `stage` with `COPY --from` (normalised, absolute ones)."""
    paths = []
    for other in doc.stages:
        for ins in other.instructions:
            if ins.keyword not in ("COPY", "ADD"):
                continue
            source = next((f.value for f in ins.flags if f.name == "from" and f.value), None)
            if source is None or doc.stage_reference(source, other) is not stage:
                continue
            words = [ins.args.text[a:b] for a, b in _shell_words(ins.args.text)]
            if ins.json_args:
                words = [value for value, _ in ins.json_args]
            for word in words[:-1]:
                if word.startswith("/"):
                    paths.append(posixpath.normpath(word))
    return paths


def keeps_files(doc: Dockerfile, stage: Stage, directories: list[str], target: Stage | None = None) -> bool:
    """Whether files `stage` leaves in any of `directories` end up in an image: the stage is one whose
    files become an image (see image_stages), or another stage copies out of it (or out of a stage built
    FROM it) a path that holds one of them (`COPY --from=build / /`, `COPY --from=build /root /root`)."""
    if stage in image_stages(doc, target):
        return True
    heirs = [s for s in doc.stages if s is stage or stage in doc.ancestors(s)]  # they hold its files too
    return any(covers(path, d) for heir in heirs for path in copied_paths(doc, heir) for d in directories)
