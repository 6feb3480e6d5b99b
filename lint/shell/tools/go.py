"""The go command's module downloads: `go install pkg@version`, `go get pkg[@version]`, `go run
pkg@version`, the package paths they name and the version query each carries.

Without a version, `go install` and `go run` use the version the current module's go.mod requires (and
fail outside a module), so only `go get` fetches something new there: it upgrades to the latest release.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.args import scan

# build flags that take a value (Go's flag package: `-flag value` or `-flag=value`, one or two dashes)
GO_WITH_VALUE = {
    "-C", "-p", "-covermode", "-coverpkg", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags",
    "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-o",
    "-exec", "-json",
}
GO_WITH_VALUE |= {"-" + f for f in GO_WITH_VALUE}
MOVING = {"latest", "upgrade", "patch", "master", "main", "HEAD", "head", "develop", "dev", "trunk"}
_SEMVER = re.compile(r"v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")
_QUERY = re.compile(r"[<>]=?v\d+(\.\d+){0,2}|v\d+(\.\d+)?")


@dataclass(frozen=True)
class GoFetch:
    command: SimpleCommand
    verb: Word  # install, get or run
    package: Word
    path: str  # the package path, without the version
    version: str | None  # the query after `@`, None without one


def go_fetches(cmd: SimpleCommand) -> list[GoFetch]:
    """The remote packages a `go install` / `go get` / `go run` call names (a first path element with a
    dot: `github.com/x/y`, `golang.org/x/tools/...`); local paths, patterns such as `./...` and standard
    packages are left out. `go run` reads only its first operand: the rest are the program's arguments."""
    eff = cmd.effective
    if eff.name != "go" or not eff.args:
        return []
    args = scan(eff.args, GO_WITH_VALUE, long_single_dash=True)
    if not args.operands or args.operands[0].value not in ("install", "get", "run"):
        return []
    verb, *operands = args.operands
    if verb.value == "run":
        operands = operands[:1]
    found = []
    for word in operands:
        v = word.value
        path, at, version = v.partition("@")
        if word.has_expansion and "$" in path:
            continue
        if path.startswith((".", "/")) or "." not in path.split("/", 1)[0] or path.endswith(".go"):
            continue
        found.append(GoFetch(cmd, verb, word, path, version if at else None))
    return found


def go_pin(fetch: GoFetch) -> str | None:
    """exact (`@v1.2.3`, a commit hash, a variable), range (`@v1`, `@>=v1.2`), None (no version on
    `go get`, `@latest`, `@upgrade`, a branch such as `@master`), or `module` for `go install` / `go run`
    without a version (go.mod decides) and `unknown` for another word (a tag or a branch we cannot tell)."""
    version = fetch.version
    if version is None:
        return None if fetch.verb.value == "get" else "module"
    if "$" in version or _SEMVER.fullmatch(version) or re.fullmatch(r"[0-9a-f]{7,40}", version):
        return "exact"
    if version in MOVING:
        return None
    if version == "none":
        return "module"
    if _QUERY.fullmatch(version):
        return "range"
    return "unknown"
