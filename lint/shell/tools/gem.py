"""RubyGems: `gem install` calls, the gems they name and the version each pins (`gem:1.2.3`, `-v 1.2.3`,
`--version '~> 2.4'`, `gem:'>= 1'`); local `.gem` files and `-g Gemfile` installs are not registry names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.args import Args, scan

GEM_WITH_VALUE = {
    "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--build-root", "-s", "--source", "-p",
    "--http-proxy", "--platform", "-P", "--trust-policy", "--config-file", "--target-rbconfig", "--bulk-threshold",
    "--without", "--with",
}
_EXACT = re.compile(r"=?\s*\d+(\.[0-9A-Za-z]+)*")


@dataclass(frozen=True)
class GemInstall:
    command: SimpleCommand
    verb: Word
    args: Args
    gems: list[Word]
    from_file: bool  # `-g` / `--file`: the gems of a Gemfile

    @property
    def versions(self) -> list[str]:
        return self.args.values("-v", "--version")


def gem_install(cmd: SimpleCommand) -> GemInstall | None:
    """The `gem install` (or `gem i`) call `cmd` makes, or None. Words after `--` are build options."""
    eff = cmd.effective
    if eff.name != "gem":
        return None
    args = scan(eff.args, GEM_WITH_VALUE)
    if not args.operands or args.operands[0].value not in ("install", "i"):
        return None
    from_file = args.has("-g", "--file") or any(o.name.startswith("--file=") for o in args.options)
    return GemInstall(cmd, args.operands[0], args, args.operands[1:], from_file)


def gem_pin(word: Word, versions: list[str]) -> str | None:
    """exact, range or None for one gem word, given the `-v` values of its command; `local` for a
    `.gem` file or a path."""
    v = word.value
    if v.endswith(".gem") or "/" in v:
        return "local"
    name, colon, version = v.partition(":")
    if colon:
        return _version_pin([version])
    return _version_pin(versions) if versions else None


def _version_pin(versions: list[str]) -> str | None:
    if any("$" in v for v in versions):
        return "exact"
    if len(versions) == 1 and _EXACT.fullmatch(versions[0].strip()):
        return "exact"
    return "range" if any(v.strip() for v in versions) else None
