"""apk (Alpine): what an `apk add` keeps in the image and how its packages are pinned, with spans.

Facts from apk(8) and apk-tools: `--no-cache` uses no local cache, so the repository indexes are fetched
for the one call and nothing is written to /var/cache/apk (no `apk update` or `--update` / `-U` is needed
with it); `apk update` and `--update-cache` / `-U` write the indexes there, and so does any call that
reads them (`add`, `upgrade`, ...) when the cached index is missing or older than `--cache-max-age`
(four hours by default): on a fresh Alpine image, a plain `apk add` downloads and keeps them.
Package words take a constraint:
`pkg=1.2-r0` one version, `pkg~1.2` any 1.2.x, `pkg>1`, `pkg>=1`, `pkg<2`, `pkg<=2` a range (quoted, or
the shell reads `>` as a redirection), `pkg@edge` a repository tag (not a version). `--virtual NAME` (`-t`)
groups the packages under NAME so that `apk del NAME` removes them all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.packages import PackageCommand, package_command, unknown_name

CACHE = "/var/cache/apk"
UPDATE_OPTIONS = frozenset({"--update", "--update-cache", "-U"})
_CONSTRAINT = re.compile(r"(>=|<=|~=|=~|[=~<>])")


def apk_call(cmd: SimpleCommand) -> PackageCommand | None:
    """The apk call cmd makes (past sudo, env, ...), or None."""
    pc = package_command(cmd)
    return pc if pc is not None and pc.family == "apk" else None


# calls that never read the repository indexes
NO_INDEX_VERBS = frozenset({"del", "update", "cache", "info", "version", "verify", "audit", "stats", "manifest"})


def writes_index(pc: PackageCommand) -> Word | None:
    """The word by which an apk call writes the repository indexes to /var/cache/apk, or None: the
    `update` verb, `--update` / `--update-cache` / `-U` (also in a group such as `-Uuv`), or the verb of any
    call that reads the indexes (apk fetches a missing or stale index into the cache on its own), unless
    --no-cache is given."""
    if "--no-cache" in pc.options:
        return None
    if pc.verb == "update":
        return pc.verb_word
    for w in pc.option_words or []:
        if w.value in UPDATE_OPTIONS or (re.fullmatch(r"-[A-Za-z]+", w.value) and "U" in w.value):
            return w
    return pc.verb_word if reads_index(pc) else None


def reads_index(pc: PackageCommand) -> bool:
    """Whether an apk call needs the repository indexes (add, upgrade, fix, search, fetch, ...)."""
    return pc.verb not in NO_INDEX_VERBS


def apk_update_words(pc: PackageCommand) -> list[Word]:
    """The `--update` / `--update-cache` / `-U` words of the call (each a word of its own)."""
    return [w for w in pc.option_words or [] if w.value in UPDATE_OPTIONS]


def removes_apk_cache(cmd: SimpleCommand) -> bool:
    """Whether cmd deletes the apk cache: `rm` of /var/cache/apk, its contents or a folder holding it."""
    eff = cmd.effective
    if eff.name != "rm":
        return False
    for w in eff.args:
        v = w.value
        if v.startswith("-"):
            continue
        path = v.rstrip("/")
        for glob in ("/*", "/*.*", "/**"):
            if path.endswith(glob):
                path = path[: -len(glob)]
                break
        if path in (CACHE, "/var/cache"):
            return True
    return False


@dataclass
class ApkPackage:
    word: Word
    name: str
    operator: str | None  # '=', '~', '>', '>=', '<', '<=', ... or None
    version: str | None
    tag: str | None  # @edge: a repository, not a version

    @property
    def variable_version(self) -> bool:
        return self.version is not None and "$" in self.version


def apk_packages(pc: PackageCommand) -> list[ApkPackage]:
    """The packages an `apk add` names (not the --virtual group name, not option values), with their
    constraints; .apk files, paths and words made wholly of variables are left out."""
    found = []
    for w, option in pc.operands:
        v = w.value
        if option is not None or not v:
            continue
        if v.startswith(("/", "./", "../", "http:", "https:")) or v.endswith(".apk"):
            continue
        name, tag = v, None
        m = _CONSTRAINT.search(v)
        operator = version = None
        if m:
            name, operator, version = v[: m.start()], m.group(1), v[m.end():]
        if "@" in name:
            name, _, tag = name.partition("@")
        if version and "@" in version:
            version, _, tag = version.partition("@")
        if not name or unknown_name(name):
            continue
        found.append(ApkPackage(w, name, operator, version, tag))
    return found


def apk_group(pc: PackageCommand) -> str | None:
    """The --virtual / -t group name of an `apk add`."""
    named = next((w.value for w, option in pc.operands if option in ("--virtual", "-t")), None)
    return named or next((v.partition("=")[2] for v in pc.options if v.startswith("--virtual=")), None)
