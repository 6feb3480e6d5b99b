"""## What it does
Reports a `pip install` (also `pip3`, `pip3.12`, `python -m pip`, inside `sh -c` and heredoc scripts)
that leaves pip's download and wheel cache (`~/.cache/pip`) in the image. hadolint: DL3042 *Avoid use
of cache directory with pip. Use `pip install --no-cache-dir <package>`*.

Not reported where the cache does not stay in the image:
- `--no-cache-dir` on the call (or an abbreviation pip accepts, such as `--no-cache`);
- `PIP_NO_CACHE_DIR` set by `ENV` or `ARG` before the `RUN`, on the command (`PIP_NO_CACHE_DIR=1 pip
  install ...`) or exported earlier in the script. pip turns its cache off for **any** boolean value,
  `0`, `false` and `off` included (a backwards-compatibility rule of pip's option parser); hadolint
  still reports those;
- `pip config set global.no-cache-dir ...` earlier, or a `pip.conf` / `PIP_CONFIG_FILE` we cannot read;
- a `--mount=type=cache` or `type=tmpfs` on the cache directory or a parent (`/root/.cache`): hadolint
  accepts only a cache mount on exactly `/root/.cache/pip`;
- `pip cache purge` or `rm -rf ~/.cache/pip` (or `~/.cache`) later in the same `RUN`;
- a stage whose files reach the image only through `COPY --from` of other paths (a builder stage):
  its cache is thrown away with it. hadolint reports those too.

`pipx`, `pipenv` and `uv pip` are not pip's command line and keep their own caches; they are left out.
So is a pip older than 6.0, which kept no cache and rejects `--no-cache-dir`: the one of Ubuntu 14.04 and
Debian 8 (and older) images, and a `python-pip` installed from the distribution of a base image whose
release we do not know, until something upgrades it (`pip install -U pip`, get-pip.py, conda).

## Why is this bad?
pip keeps every downloaded wheel and sdist, and each wheel it builds, under `~/.cache/pip`. In a
container image nobody installs again, so the cache is dead weight in the layer: often tens, with
compiled packages (numpy, torch) hundreds of megabytes.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix safety
The fix inserts `--no-cache-dir` right after `install`, in every such call of the `RUN`. It is safe: the
packages installed are the same, only the cache is not written.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, config_disables_cache, covers, finding, flag_insert,
    keeps_files, no_cache_value, pip_call, purges_cache, removed_paths, rule, run_commands, scratch_mounts,
    upgrades_pip, environment_at, DISTRO_PIPS, distro_pip_age, installs,
)

MESSAGE = "pip install keeps its download cache (~/.cache/pip) in the image: add --no-cache-dir"
DEFAULT_CACHE = "/root/.cache/pip"


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.SAFE, aliases=("DL3042",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    configured: set[int] = set()  # stages (by index) where pip's config turns the cache off
    pips: dict[int, list[str | None]] = {}  # per stage (by index): where its pip comes from, and the distro's age
    for ins in doc.instructions:
        run = ins.inner if ins.keyword == "ONBUILD" and ins.inner is not None else ins
        if ins.keyword == "FROM" and ins.stage is not None:
            parent = ins.stage.parent
            pips[ins.stage.index] = list(pips.get(parent.index, ["base", None])) if parent is not None else \
                ["base", distro_pip_age(ins.stage.base_resolved or ins.stage.base)]
        if run.keyword != "RUN":
            if ins.stage is not None and ins.keyword in ("COPY", "ADD") and "pip.conf" in ins.args.text:
                configured.add(ins.stage.index)
            continue
        stage = ins.stage
        if "pip" not in run.args.text + "".join(h.body.text for h in run.heredocs):
            continue  # neither installs with pip nor changes which pip the stage has
        commands = run_commands(run)
        pip = pips.get(stage.index, ["base", None]) if stage is not None else ["base", None]
        undated = undated_calls(commands, pip)
        if any(config_disables_cache(rc.command) for rc in commands) and stage is not None:
            configured.add(stage.index)
        if stage is not None and (configured & {s.index for s in [stage, *doc.ancestors(stage)]}
                                  or not keeps_files(doc, stage, [DEFAULT_CACHE], target)):
            continue
        env = environment_at(doc, ins) if run is ins else {}
        if "PIP_CONFIG_FILE" in env or ("PIP_NO_CACHE_DIR" in env and no_cache_value(env["PIP_NO_CACHE_DIR"]) is not False):
            continue
        mounts = scratch_mounts(run) if run is ins else []
        kept = [call for call in (pip_call(rc.command) for rc in commands)
                if call is not None and call.tool == "pip" and not call.no_cache and call.command not in undated
                and not cache_gone(call, commands, env, mounts)]
        if not kept:
            continue
        first, others = kept[0], kept[1:]
        edits = [edit for edit in (no_cache_edit(doc, run, call, commands) for call in kept) if edit is not None]
        fix = Fix("Add --no-cache-dir to pip install", tuple(edits), Applicability.SAFE) \
            if len(edits) == len(kept) else None
        yield finding(first.verb.span, MESSAGE, fix=fix,
                      related=[Related(doc.path, call.verb.span, "another pip install keeping its cache")
                               for call in others])


def undated_calls(commands, pip: list) -> list:
    """The commands whose pip keeps no cache or cannot be dated: the pip of an Ubuntu 14.04 / Debian 8 base
    (older than 6.0), or a distribution's python-pip on a base whose release is unknown, until something
    upgrades pip. `pip` is the stage's state (where its pip comes from, the distribution's age), updated."""
    undated = []
    for rc in commands:
        if (pip[0] == "distro" and pip[1] != "current") or (pip[0] == "base" and pip[1] == "old"):
            undated.append(rc.command)
        if upgrades_pip(rc.command):
            pip[0] = "upgraded"
        elif pip[0] != "upgraded" and any(i.command is rc.command and i.package in DISTRO_PIPS
                                          for i in installs(rc.script)):
            pip[0] = "distro"
    return undated


def cache_gone(call, commands, env, mounts) -> bool:
    """Whether the cache this call writes stays out of the image: turned off on the command line or by an
    export before it, written to a cache/tmpfs mount, or deleted later in the same RUN."""
    cmd = call.command
    before = [rc.command for rc in commands if rc.command.span.start < cmd.span.start]
    after = [rc.command for rc in commands if rc.command.span.start > cmd.span.start]
    assigned = {w.value.partition("=")[0]: w.value.partition("=")[2] for w in cmd.effective.assignments}
    for other in before:
        if other.effective.name == "export":
            assigned.update({w.value.partition("=")[0]: w.value.partition("=")[2]
                             for w in other.effective.args if "=" in w.value})
    value = assigned.get("PIP_NO_CACHE_DIR")
    if value is not None and no_cache_value(None if "$" in value else value) is not False:
        return True
    if any(config_disables_cache(c) for c in before) or any(purges_cache(c) for c in after):
        return True
    explicit = call.cache_dir or assigned.get("PIP_CACHE_DIR") or env.get("PIP_CACHE_DIR")
    if "PIP_CACHE_DIR" in env and env["PIP_CACHE_DIR"] is None and not call.cache_dir:
        return True  # set to something we cannot know
    places = mounts + removed_paths(after)
    if explicit:
        return "$" in explicit or any(covers(place, explicit.rstrip("/")) for place in places if place.startswith("/"))
    return any(holds_pip_cache(place) for place in places)


def holds_pip_cache(path: str) -> bool:
    """A directory that is or holds pip's default cache of some user: `/root/.cache`, `~/.cache/pip`."""
    return path.endswith(("/.cache", "/.cache/pip")) or path in ("~/.cache", "~/.cache/pip")


def no_cache_edit(doc, run, call, commands):
    """The edit adding `--no-cache-dir` after `install` (a JSON item in an exec-form RUN)."""
    words = call.command.words
    index = next((i for i, w in enumerate(words) if w is call.verb), None)
    if index is None:
        return None
    exec_form = run.command is not None and run.command.exec_form and any(
        rc.command is call.command and rc.depth == 0 for rc in commands)
    if index + 1 < len(words):
        nxt = words[index + 1]
        before = nxt.offsets[0] if exec_form and nxt.offsets else nxt.span.start
        edit = flag_insert(doc.source.text, before, "--no-cache-dir", exec_form)
    else:
        edit = None if exec_form else (Span(call.verb.span.end, call.verb.span.end), " --no-cache-dir")
    return Edit(doc.path, *edit) if edit is not None else None
