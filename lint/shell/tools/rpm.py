"""The RPM package managers yum, dnf, microdnf and tdnf: what a call does (its verb, whether it asks
for confirmation, whether it fills the package cache or empties it), the packages it installs with
their pins, and the cache clean-up and cache mounts a RUN has. Every fact carries its words' spans.

Facts (yum(8), dnf(8), microdnf and tdnf `--help`; see each rule's docstring for sources):
- yum, dnf and tdnf ask "Is this ok [y/N]" before changing packages; a build has no terminal, the
  answer is EOF and the command fails ("Exiting on user command", "Operation aborted"). `-y` /
  `--assumeyes` (also in a short-option cluster: `-qy`), `--setopt=assumeyes=1` or `assumeyes=1` in
  yum.conf / dnf.conf answer yes. microdnf asks too since 3.6 (RHEL 9 / UBI 9); RHEL 8's microdnf
  keeps assumeyes on by default.
- The cache lives in /var/cache/yum (yum, microdnf), /var/cache/dnf (dnf 4), /var/cache/libdnf5
  (dnf 5) and /var/cache/tdnf. `clean all` empties it; `keepcache=0` (the default) only drops the
  downloaded packages after a successful transaction: the repository metadata stays.
- A package is `name`, `name-version`, `name-version-release`, each with an optional `.arch`, or an
  epoch (`name-1:2.3`); the version starts with a digit. `name >= 1.2` style ranges are provides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.packages import PackageCommand, package_command

RPM_MANAGERS = ("yum", "dnf", "microdnf", "tdnf")
RPM_CACHE_DIRS = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf")

# verbs that change packages and so ask for confirmation (group and module sub-commands are joined:
# "group install", "module enable")
_CHANGES = {
    "install", "in", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "up", "update-minimal",
    "upgrade-minimal", "remove", "rm", "erase", "autoremove", "downgrade", "distro-sync", "distrosync",
    "groupupdate", "groupremove", "groupupgrade", "builddep", "swap", "localupdate",
    "group install", "group remove", "group upgrade", "group update", "groups install", "groups remove",
    "module install", "module enable", "module remove", "module reset", "module switch-to", "module disable",
    "module update",
}
# verbs that download metadata and packages into the cache
_FILLS_CACHE = {
    "install", "in", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "up", "update-minimal",
    "upgrade-minimal", "downgrade", "distro-sync", "distrosync", "groupupdate", "groupupgrade", "builddep",
    "swap", "makecache", "localupdate", "group install", "group upgrade", "group update", "groups install",
    "module install", "module enable", "module update",
}
INSTALL_VERBS = {"install", "in", "localinstall", "reinstall"}
_SUBCOMMANDS = {"group", "groups", "module"}
_ASSUMEYES_SETTING = re.compile(r"assumeyes\s*=\s*(1|true|yes|on)\b", re.IGNORECASE)
_VERSION_START = re.compile(r"(\d+:)?\d")  # an epoch, then a digit


@dataclass
class RpmPackage:
    """One package argument of an install: its name and how it is pinned."""

    word: Word
    name: str
    pin: str  # 'exact' (name-1.2), 'range' (name >= 1.2), 'variable' (name-$V), 'none'


@dataclass
class RpmCall:
    """One yum / dnf / microdnf / tdnf call."""

    call: PackageCommand
    verb: str  # 'install', 'group install', 'module enable', 'clean', ...
    verb_words: list[Word]  # the verb's word(s): `group install` has two
    assume_yes: bool  # -y, --assumeyes, --setopt=assumeyes=1, or --assumeno (a decided answer)
    installroot: bool  # --installroot: packages (and their cache) go elsewhere
    cache_only: bool  # -C / --cacheonly: needs the cache that a clean-up removes
    packages: list[RpmPackage] = field(default_factory=list)

    @property
    def manager(self) -> str:
        return self.call.manager

    @property
    def name_word(self) -> Word | None:
        return self.call.command.effective.name_word if self.call.command is not None else None

    @property
    def changes_packages(self) -> bool:
        return self.verb in _CHANGES

    @property
    def fills_cache(self) -> bool:
        return self.verb in _FILLS_CACHE

    @property
    def cleans_cache(self) -> bool:
        return self.verb == "clean" and any(w.value == "all" for w, option in self.call.operands if option is None)


def rpm_call(cmd: SimpleCommand) -> RpmCall | None:
    """The yum / dnf / microdnf / tdnf call cmd makes (through sudo, env...), or None."""
    pc = package_command(cmd)
    if pc is None or pc.family != "rpm" or pc.verb_word is None:
        return None
    plain = [w for w, option in pc.operands if option is None]
    verb, verb_words, args = pc.verb, [pc.verb_word], plain
    if verb in _SUBCOMMANDS and plain:
        verb, verb_words, args = f"{'group' if verb == 'groups' else verb} {plain[0].value}", [pc.verb_word, plain[0]], plain[1:]
    assume_yes = False
    for word in pc.option_words or []:
        v = word.value
        if v in ("--assumeyes", "--assumeno") or (v.startswith("-") and not v.startswith("--") and "y" in _short_switches(v)):
            assume_yes = True
    setopts = [w.value for w, option in pc.operands if option == "--setopt"]
    setopts += [o.split("=", 1)[1] for o in pc.options if o.startswith("--setopt=")]
    if any(_ASSUMEYES_SETTING.search(s) for s in setopts):
        assume_yes = True
    installroot = any(o == "--installroot" or o.startswith("--installroot=") for o in pc.options)
    cache_only = any(o in ("-C", "--cacheonly") for o in pc.options)
    call = RpmCall(pc, verb, verb_words, assume_yes, installroot, cache_only)
    if verb == "swap":  # yum: `swap -- remove A -- install B C`; dnf: `swap A B`
        values = [w.value for w in args]
        args = args[values.index("install") + 1:] if "install" in values else args[1:2]
    if verb in INSTALL_VERBS or verb in ("module install", "swap"):
        call.packages = [p for p in (_package(w, verb) for w in args) if p is not None]
    return call


# short options of yum/dnf that take a value: a cluster stops at the first of them (`-yd1` is -y -d 1)
_SHORT_WITH_VALUE = set("cdexR")


def _short_switches(option: str) -> str:
    letters = ""
    for letter in option[1:]:
        letters += letter
        if letter in _SHORT_WITH_VALUE:
            break
    return letters


def _package(word: Word, verb: str) -> RpmPackage | None:
    """A package argument and its pin; None for what is no package name (files, URLs, groups,
    words made of a variable)."""
    value = word.value
    if not value or value.startswith(("@", "/", "./", "../")) or "://" in value or value.endswith(".rpm"):
        return None
    if verb == "module install":
        name, _, stream = value.partition(":")
        pin = "variable" if "$" in stream else ("exact" if stream else "none")
        return RpmPackage(word, name, pin)
    if re.search(r"[<>=]", value):
        return RpmPackage(word, re.split(r"\s*[<>=]", value, maxsplit=1)[0], "range")
    if word.has_expansion:
        head, dash, tail = value.rpartition("-")
        if dash and "$" in tail and "$" not in head:
            return RpmPackage(word, head, "variable")
        return None  # `$PKG`, `${PKGS}`: the names are unknown
    parts = value.split("-")
    # name-version or name-version-release: the last part (the release, or the version) starts with a digit
    if len(parts) >= 2 and _VERSION_START.match(parts[-1]):
        name_end = -2 if len(parts) >= 3 and _VERSION_START.match(parts[-2]) else -1
        return RpmPackage(word, "-".join(parts[:name_end]), "exact")
    return RpmPackage(word, value.rsplit(".", 1)[0] if _is_arch(value) else value, "none")


def _is_arch(value: str) -> bool:
    return value.rsplit(".", 1)[-1] in ("x86_64", "aarch64", "noarch", "i686", "i386", "ppc64le", "s390x", "armv7hl")


def assumeyes_configured(cmd: SimpleCommand) -> bool:
    """cmd writes `assumeyes=1` into a configuration (`echo assumeyes=1 >> /etc/yum.conf`, `sed`,
    `dnf config-manager --setopt=assumeyes=1 --save`): later calls need no -y."""
    return any(_ASSUMEYES_SETTING.search(w.value) for w in cmd.words)


# ---------------------------------------------------------------------------------------------
# Cache clean-up


def removes_path(cmd: SimpleCommand, directories: tuple[str, ...]) -> bool:
    """cmd is an `rm` of one of the directories, of its contents, of a folder below it, or of a folder
    above it (`rm -rf /var/cache`); `{a,b}` braces are expanded."""
    eff = cmd.effective
    if eff.name != "rm":
        return False
    for word in eff.args:
        if word.value.startswith("-"):
            continue
        for path in _braces(word.value):
            path = re.sub(r"(/\*+)+$", "", path).rstrip("/") or "/"
            path = path.rstrip("*")
            for directory in directories:
                if path == directory or directory.startswith(path.rstrip("/") + "/") or path.startswith(directory):
                    if path not in ("", "/", "/var"):
                        return True
    return False


def _braces(value: str) -> list[str]:
    m = re.search(r"\{([^{}]*,[^{}]*)\}", value)
    if m is None:
        return [value]
    return [x for alt in m.group(1).split(",") for x in _braces(value[: m.start()] + alt + value[m.end() :])]


def cleans_rpm_cache(cmd: SimpleCommand) -> bool:
    """cmd empties the RPM package cache: `yum|dnf|microdnf|tdnf clean all`, or an `rm` of a cache
    directory (whichever manager's: which one a tool uses depends on its version and settings)."""
    call = rpm_call(cmd)
    if call is not None:
        return call.cleans_cache
    return removes_path(cmd, RPM_CACHE_DIRS)


def cache_mount_targets(instruction) -> list[str]:
    """The targets of a RUN's `--mount=type=cache` and `--mount=type=tmpfs`: what is written there
    stays out of the layer."""
    targets = []
    for flag in getattr(instruction, "flags", None) or []:
        if flag.name != "mount" or not flag.value:
            continue
        fields = {}
        for part in flag.value.split(","):
            key, _, value = part.strip().partition("=")
            fields[key.strip().lower()] = value.strip().strip("\"'")
        if fields.get("type") in ("cache", "tmpfs"):
            target = fields.get("target") or fields.get("dst") or fields.get("destination")
            if target:
                targets.append(target.rstrip("/") or "/")
    return targets


def mount_covers(targets: list[str], directories: tuple[str, ...]) -> bool:
    """One of the mount targets is one of the directories, above one or below one."""
    for target in targets:
        for directory in directories:
            if target == directory or directory.startswith(target + "/") or target.startswith(directory + "/"):
                return True
    return False
