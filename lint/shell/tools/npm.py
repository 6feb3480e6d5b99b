"""npm, yarn and pnpm: which calls install packages (named ones, or a project's from its lockfile), the
package specs they name and whether each pins a version, and yarn's cache.

Specs follow npm-package-arg: `pkg`, `pkg@1.2.3`, `@scope/pkg@^1`, `pkg@latest` (a tag), `pkg@npm:other@1`
(an alias), tarballs (`*.tgz`, a URL), local folders (`./lib`, `file:../x`), git URLs and hosted
shorthands (`git+https://...#v1`, `github:user/repo#sha`, `user/repo`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.args import Args, scan

# npm's options that take a value (config keys of string, number or url type); `--key=value` always works
NPM_WITH_VALUE = {
    "--registry", "--prefix", "-C", "--cache", "--userconfig", "--globalconfig", "--loglevel", "--tag", "--omit",
    "--include", "-w", "--workspace", "--save-prefix", "--install-strategy", "--before", "--otp", "--location",
    "--scope", "--cafile", "--ca", "--cert", "--key", "--proxy", "--https-proxy", "--noproxy", "--fetch-retries",
    "--fetch-retry-factor", "--fetch-retry-mintimeout", "--fetch-retry-maxtimeout", "--fetch-timeout",
    "--maxsockets", "--script-shell", "--shell", "--umask", "--user-agent", "--cpu", "--os", "--libc",
    "--only", "--also", "--depth", "--logs-dir", "--logs-max", "--node-options", "--lockfile-version",
    "--auth-type", "--local-address", "--replace-registry-host", "--cache-min", "--cache-max", "--network-timeout",
    "--cache-folder", "--modules-folder", "--global-folder", "--mutex", "--link-folder", "--use-yarnrc",
    "--dir", "--store-dir", "--virtual-store-dir", "--filter", "-F", "--reporter", "--network-concurrency",
    "--child-concurrency", "--config", "--otp",
}
NPM_INSTALLS = {"install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal",
                "isntall", "install-test", "it"}
YARN_V1_ONLY = {"--frozen-lockfile", "--pure-lockfile", "--production", "--prod", "--no-lockfile",
                "--prefer-offline", "--network-timeout", "--ignore-engines", "--non-interactive", "--flat",
                "--har", "--ignore-optional", "--link-duplicates", "--check-files", "--no-bin-links",
                "--modules-folder", "--cache-folder", "--ignore-platform", "--skip-integrity-check", "--force"}
YARN_BERRY_ONLY = {"--immutable", "--immutable-cache", "--check-cache", "--inline-builds", "--mode",
                   "--refresh-lockfile", "--check-resolutions"}
TARBALLS = (".tgz", ".tar", ".tar.gz")
GIT = ("git://", "git+ssh://", "git+http://", "git+https://", "git+file://", "github:", "gitlab:", "bitbucket:",
       "gist:")
_EXACT = re.compile(r"=?v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")
_PARTIAL = re.compile(r"(\d+|[xX*])(\.(\d+|[xX*])){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")


@dataclass(frozen=True)
class Spec:
    word: Word
    name: str | None
    kind: str  # registry | tarball | path | git | unknown
    pin: str | None  # exact | range | None (none, or a moving tag such as `latest`)


@dataclass(frozen=True)
class NodeInstall:
    """One npm / yarn / pnpm call that installs: named packages, or (no names) the project's."""

    command: SimpleCommand
    tool: str  # npm, yarn or pnpm
    verb: Word | None  # None for a bare `yarn` / `pnpm` that installs
    args: Args
    packages: list[Word]  # the specs named (empty: the project's dependencies, from its lockfile)
    global_: bool


def node_install(cmd: SimpleCommand) -> NodeInstall | None:
    """The install `cmd` runs: `npm install|i|add [pkg...]`, `npm ci`, `yarn [install]`, `yarn add`,
    `yarn global add`, `pnpm install|i|add`; None for anything else (`npm run install` included)."""
    eff = cmd.effective
    tool = eff.name or ""
    if tool not in ("npm", "yarn", "pnpm"):
        return None
    args = scan(eff.args, NPM_WITH_VALUE if tool == "npm" else NPM_WITH_VALUE - {"-w"})
    words = args.operands
    global_ = args.has("-g", "--global") or any(o.name == "--location" and o.value == "global" for o in args.options)
    if tool == "yarn" and words[:1] and words[0].value == "global":
        words, global_ = words[1:], True
    if not words:
        if tool in ("yarn", "pnpm") and not args.has("-v", "--version", "-h", "--help"):
            return NodeInstall(cmd, tool, None, args, [], global_)  # bare `yarn`: install
        return None
    verb, *packages = words
    if tool == "npm" and verb.value in NPM_INSTALLS or verb.value == "ci" and tool in ("npm", "pnpm"):
        pass
    elif tool == "yarn" and verb.value in ("install", "add"):
        pass
    elif tool == "pnpm" and verb.value in ("install", "i", "add"):
        pass
    else:
        return None
    if verb.value == "ci" or tool in ("yarn", "pnpm") and verb.value in ("install", "i"):
        packages = []
    return NodeInstall(cmd, tool, verb, args, packages, global_)


def spec(word: Word) -> Spec:
    """What one package word names, and whether it pins a version."""
    v = word.value
    if word.has_expansion and (v.startswith("$") or "@" not in v.lstrip("@")):
        return Spec(word, None, "unknown", None)
    if v.startswith(("/", "./", "../", "~/", "file:")) or v in (".", ".."):
        return Spec(word, None, "path", None)
    git_url = v.startswith(("http://", "https://")) and (v.split("#", 1)[0].endswith(".git"))
    if not git_url and (v.endswith(TARBALLS) or v.startswith(("http://", "https://"))):
        return Spec(word, None, "tarball", None)
    if git_url or v.startswith(GIT) or ("/" in v and not v.startswith("@")):
        ref = v.split("#", 1)[1] if "#" in v else None
        if ref is None:
            return Spec(word, None, "git", None)
        ref = ref.removeprefix("semver:")
        exact = "$" in ref or re.fullmatch(r"[0-9a-f]{7,40}", ref) or _EXACT.fullmatch(ref)
        return Spec(word, None, "git", "exact" if exact else None if ref in ("master", "main", "HEAD") else "range")
    scoped = v.startswith("@")
    name, at, version = v[1:].partition("@") if scoped else v.partition("@")
    name = "@" + name if scoped else name
    if not at:
        return Spec(word, name, "registry", None)
    if version.startswith("npm:"):
        inner = spec(Word(version[4:], version[4:], word.span, word.quoted, word.has_expansion))
        return Spec(word, name, "registry", inner.pin)
    return Spec(word, name, "registry", version_pin(version))


def version_pin(version: str) -> str | None:
    """exact for `1.2.3` (`=1.2.3`, `v1.2.3`), range for a semver range, None for a tag (`latest`) or `*`."""
    version = version.strip()
    if "$" in version:
        return "exact"
    if _EXACT.fullmatch(version):
        return "exact"
    if version in ("", "*", "x", "X") or not _is_range(version):
        return None
    return "range"


def _is_range(version: str) -> bool:
    """A semver range (`^1.2`, `~1.2.3-beta.1`, `>=1 <2`, `1.x || 2`, `1 - 2`), not a tag such as `next`."""
    for token in re.split(r"\s+|\|\|", version):
        token = token.lstrip("^~<>=v")
        if token and token != "-" and not _PARTIAL.fullmatch(token):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# yarn's cache

YARN_CACHE_DIRS = ("/usr/local/share/.cache/yarn", "~/.cache/yarn", "/root/.cache/yarn")


def yarn_cache_clean(cmd: SimpleCommand) -> bool:
    """`yarn cache clean` (any arguments)."""
    eff = cmd.effective
    values = [w.value for w in eff.args if not w.value.startswith("-")]
    return eff.name == "yarn" and values[:2] == ["cache", "clean"]


def yarn_berry_sign(cmd: SimpleCommand) -> bool:
    """A call only Yarn 2+ (berry) accepts: `--immutable`, `yarn set version`, `yarn dlx`, `yarn
    workspaces focus`, or corepack choosing the version the project names."""
    eff = cmd.effective
    if eff.name == "corepack":
        return True
    if eff.name != "yarn":
        return False
    values = [w.value for w in eff.args]
    if any(v.partition("=")[0] in YARN_BERRY_ONLY for v in values):
        return True
    plain = [v for v in values if not v.startswith("-")]
    return plain[:2] in (["set", "version"], ["workspaces", "focus"]) or plain[:1] in (["dlx"], ["plugin"])
