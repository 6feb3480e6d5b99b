"""zypper (openSUSE, SLES): what a call does, whether it can ask a question, the packages it installs
with their pins, and the cache clean-up. Every fact carries its words' spans.

Facts (zypper(8)):
- `-n` / `--non-interactive` is a GLOBAL option: it stands before the command (`zypper -n in x`).
  After `install` or `remove`, `-n` is `--name` (select by plain name), not non-interactive. The
  commands that change packages take `-y` / `--no-confirm` after them instead.
- Without either, zypper asks "Continue? [y/n/...]"; in a build there is no terminal: "Cannot read
  input: bad stream or EOF" and the command fails. Piping `yes` does not help: zypper reads the
  answer from /dev/tty.
- Commands and their aliases: install (in), remove (rm), update (up), patch, dist-upgrade (dup),
  source-install (si), install-new-recommends (inr), refresh (ref), clean (cc).
- The cache is /var/cache/zypp (packages, raw and solv metadata). `zypper clean` (`cc`) empties it;
  `-a` / `--all` includes the metadata.
- A package is `name`, `name.arch`, `name=1.2` (exact), `name>=1.2`, `name<2` (ranges), or
  `name-1.2-3` (edition after the name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.packages import PackageCommand, package_command
from lint.shell.tools.rpm import removes_path

ZYPPER_CACHE_DIRS = ("/var/cache/zypp",)

_ALIASES = {"in": "install", "rm": "remove", "up": "update", "dup": "dist-upgrade", "si": "source-install",
            "inr": "install-new-recommends", "ref": "refresh", "cc": "clean", "ve": "verify"}
_CHANGES = {"install", "remove", "update", "patch", "dist-upgrade", "source-install", "install-new-recommends",
            "verify"}
_FILLS_CACHE = {"install", "update", "patch", "dist-upgrade", "source-install", "install-new-recommends",
                "refresh"}


@dataclass
class ZypperPackage:
    word: Word
    name: str
    pin: str  # 'exact' (name=1.2, name-1.2), 'range' (name>=1.2), 'variable' (name=$V), 'none'


@dataclass
class ZypperCall:
    call: PackageCommand
    verb: str  # the command's full name: 'install' for `in`
    verb_word: Word
    non_interactive: bool  # global -n / --non-interactive, or -y / --no-confirm after the command
    root: bool  # --root / --installroot: packages (and cache) go elsewhere
    packages: list[ZypperPackage] = field(default_factory=list)

    @property
    def name_word(self) -> Word | None:
        return self.call.command.effective.name_word if self.call.command is not None else None

    @property
    def changes_packages(self) -> bool:
        return self.verb in _CHANGES

    @property
    def fills_cache(self) -> bool:
        return self.verb in _FILLS_CACHE


def zypper_call(cmd: SimpleCommand) -> ZypperCall | None:
    """The zypper call cmd makes (through sudo, env...), or None."""
    pc = package_command(cmd)
    if pc is None or pc.family != "zypper" or pc.verb_word is None:
        return None
    verb_at = pc.verb_word.span.start
    non_interactive = False
    root = False
    for word in pc.option_words or []:
        v = word.value
        before_verb = word.span.start < verb_at
        if before_verb and (v == "--non-interactive" or (re.fullmatch(r"-[a-zA-Z]+", v) and "n" in v)):
            non_interactive = True
        if not before_verb and v in ("-y", "--no-confirm"):
            non_interactive = True
        if v.split("=", 1)[0] in ("--root", "-R", "--installroot"):
            root = True
    verb = _ALIASES.get(pc.verb, pc.verb)
    call = ZypperCall(pc, verb, pc.verb_word, non_interactive, root)
    if verb == "install":
        call.packages = [p for p in (_package(w) for w, option in pc.operands if option is None) if p is not None]
    return call


def _package(word: Word) -> ZypperPackage | None:
    value = word.value
    if not value or value.startswith(("/", "./", "../")) or "://" in value or value.endswith(".rpm"):
        return None
    if value.startswith(("pattern:", "patch:", "product:", "srcpackage:")):
        return None  # not a package
    m = re.match(r"([^<>=\s]+)\s*(>=|<=|=|<|>)\s*(.*)", value)
    if m:
        name, op, version = m.groups()
        if "$" in version:
            return ZypperPackage(word, name, "variable")
        return ZypperPackage(word, name, "exact" if op == "=" else "range")
    if word.has_expansion:
        head, dash, tail = value.rpartition("-")
        if dash and "$" in tail and "$" not in head:
            return ZypperPackage(word, head, "variable")
        return None
    parts = value.split("-")
    if len(parts) >= 2 and re.match(r"\d", parts[-1]):  # name-version or name-version-release
        name_end = -2 if len(parts) >= 3 and re.match(r"\d", parts[-2]) else -1
        return ZypperPackage(word, "-".join(parts[:name_end]), "exact")
    return ZypperPackage(word, value, "none")


def cleans_zypper_cache(cmd: SimpleCommand) -> bool:
    """cmd empties zypper's cache: `zypper clean` / `zypper cc` (any options), or an `rm` of
    /var/cache/zypp."""
    call = zypper_call(cmd)
    if call is not None:
        return call.verb == "clean"
    return removes_path(cmd, ZYPPER_CACHE_DIRS)
