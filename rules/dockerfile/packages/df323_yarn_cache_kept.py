"""## What it does
Reports a Yarn 1 install (`yarn`, `yarn install`, `yarn add`, `yarn global add`) that leaves Yarn's
package cache in the image. hadolint: DL3060 *`yarn cache clean` missing after `yarn install` was run*.

Not reported where the cache does not stay in the image: `yarn cache clean` later in the same `RUN`,
`rm -rf` of the cache folder (`/usr/local/share/.cache/yarn` for root, `~/.cache/yarn`, or the one
`--cache-folder` / `YARN_CACHE_FOLDER` names), a `--mount=type=cache` or `type=tmpfs` on it or a parent,
and a stage whose files reach the image only through `COPY --from` of other paths (a builder stage).
Yarn 2+ ("berry": `--immutable`, `yarn set version`, corepack) is left out: its cache is the project's
`.yarn/cache` or a global one that Plug'n'Play installs read packages from, and cleaning it can break
the application.

hadolint misses bare `yarn`, `yarn add` and scripts inside `sh -c`.

## Why is this bad?
Yarn 1 keeps a copy of every package it fetched in its cache, beside the copy in `node_modules`: the
image carries each dependency twice, often hundreds of megabytes.

## Example
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
```

## Use instead
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
```

## Fix safety
The fix adds `&& yarn cache clean` right after the last Yarn install of the `RUN` (not inside `sh -c`,
heredocs, exec form or pipelines). It is unsafe: in a Yarn 2+ project we did not recognise, Plug'n'Play
reads packages from the cache it removes.
"""
from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, Span, covers, finding, keeps_files, node_install, removed_paths, rule, run_commands,
    scratch_mounts, environment_at, yarn_berry_sign, yarn_cache_clean,
)

MESSAGE = "{what} leaves Yarn's package cache in the image: run `yarn cache clean` in the same RUN"
ROOT_CACHE = "/usr/local/share/.cache/yarn"


@rule(DOCKERFILE, severity=Severity.INFO, fix=Applicability.UNSAFE, aliases=("DL3060",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    for ins in doc.instructions:
        if ins.keyword != "RUN" or ins.stage is None or "yarn" not in ins.args.text + "".join(
                h.body.text for h in ins.heredocs):
            continue
        commands = run_commands(ins)
        if any(yarn_berry_sign(rc.command) for rc in commands) or berry_in_stage(doc, ins):
            continue
        if not keeps_files(doc, ins.stage, [ROOT_CACHE, "/root/.cache/yarn"], target):
            continue
        env = environment_at(doc, ins)
        mounts = scratch_mounts(ins)
        for rc in commands:
            install = node_install(rc.command)
            if install is None or install.tool != "yarn":
                continue
            after = [o.command for o in commands if o.command.span.start > rc.command.span.start]
            if any(yarn_cache_clean(c) for c in after):
                continue
            folder = install.args.values("--cache-folder") or [env.get("YARN_CACHE_FOLDER") or ""]
            if "YARN_CACHE_FOLDER" in env and env["YARN_CACHE_FOLDER"] is None:
                continue  # a folder we cannot know
            if cache_gone(folder[-1], mounts + removed_paths(after)):
                continue
            word = install.verb or rc.command.effective.name_word
            what = f"yarn {install.verb.value}" if install.verb is not None else "yarn"
            last = [o for o in commands if (i := node_install(o.command)) is not None and i.tool == "yarn"][-1]
            yield finding(word.span, MESSAGE.format(what=what), fix=clean_fix(doc, ins, last))
            break  # one finding per RUN: one `yarn cache clean` after its last install fixes every one


def clean_fix(doc, ins, rc):
    """`&& yarn cache clean` right after the RUN's last yarn install, where that is plain shell: on the RUN
    line itself (not in `sh -c`, a heredoc or exec form), not piped, not redirected."""
    cmd = rc.command
    if rc.depth or ins.command is None or ins.command.exec_form or ins.heredocs or cmd.in_pipeline \
            or cmd.redirects or cmd.op_after not in (None, "&&", ";", "\n"):
        return None
    end = Span(cmd.span.end, cmd.span.end)
    return Fix("Run `yarn cache clean` after the install", (Edit(doc.path, end, " && yarn cache clean"),),
               Applicability.UNSAFE)


def cache_gone(folder: str, places: list[str]) -> bool:
    """Whether the cache folder (given, or Yarn's default for root or another user) is on a cache/tmpfs
    mount or deleted."""
    if "$" in folder:
        return True
    for place in places:
        if folder and place.startswith("/") and covers(place, folder.rstrip("/")):
            return True
        if not folder and (covers(place, ROOT_CACHE) if place.startswith("/") else False):
            return True
        if not folder and (place.endswith(("/.cache", "/.cache/yarn")) or place in ("~/.cache", "~/.cache/yarn")):
            return True
        if "$(yarn cache dir)" in place:
            return True
    return False


def berry_in_stage(doc, ins) -> bool:
    """A Yarn 2+ project: `.yarnrc.yml` or `.yarn/` copied in, or a berry-only call, before this RUN."""
    chain = [*reversed(doc.ancestors(ins.stage)), ins.stage]
    for stage in chain:
        for other in stage.instructions:
            if other is ins:
                return False
            if other.keyword in ("COPY", "ADD") and (".yarnrc.yml" in other.args.text or ".yarn/" in other.args.text
                                                     or other.args.text.split()[:1] == [".yarn"]):
                return True
            if other.keyword == "RUN" and any(yarn_berry_sign(rc.command) for rc in run_commands(other)):
                return True
    return False
