"""Package managers (apt, apk, rpm: yum/dnf/microdnf, zypper): which packages a script installs and
removes, with spans."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lint.shell.script import Script, SimpleCommand, Word


# ---------------------------------------------------------------------------------------------
# Package installs and removals


@dataclass
class Install:
    manager: str  # the tool as written: apt-get, apt, aptitude, apk, yum, dnf, microdnf, tdnf, zypper
    package: str  # the name without version, release or architecture
    word: Word
    command: SimpleCommand
    group: str | None = None  # apk add --virtual NAME

    @property
    def family(self) -> str:
        return _FAMILIES.get(self.manager) or _MARK_FAMILIES.get(self.manager, self.manager)


_FAMILIES = {"apt-get": "apt", "apt": "apt", "aptitude": "apt", "apk": "apk", "yum": "rpm", "dnf": "rpm",
             "microdnf": "rpm", "tdnf": "rpm", "zypper": "zypper"}
_MARK_FAMILIES = {"apt-mark": "apt"}
# options (of the tool or its sub-command) that take the next word as their value
_PM_OPTIONS_WITH_VALUE = {
    "apt": {"-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a",
            "--host-architecture"},
    "apk": {"-X", "--repository", "-t", "--virtual", "-p", "--root", "--keys-dir", "--repositories-file",
            "--cache-dir", "--arch", "--cache-max-age", "--timeout"},
    "rpm": {"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "--installroot", "--enablerepo",
            "--disablerepo", "--repo", "--repoid", "-x", "--exclude", "--releasever", "--setopt", "--forcearch",
            "--downloaddir", "--destdir", "--rpmverbosity", "--color", "--comment"},
    "zypper": {"-t", "--type", "-r", "--repo", "--root", "-R", "--from", "-c", "--config", "-D", "--reposd-dir",
               "-C", "--cache-dir", "--installroot"},
}
_INSTALL_VERBS = {"apt": {"install"}, "apk": {"add"}, "rpm": {"install"}, "zypper": {"install", "in"}}
_REMOVE_VERBS = {"apt": {"remove", "purge", "autoremove"}, "apk": {"del"}, "rpm": {"remove", "erase", "autoremove"},
                 "zypper": {"remove", "rm"}}


def _package_name(family: str, value: str) -> str:
    if family == "apt":
        return re.split(r"[=/]", value, maxsplit=1)[0].split(":")[0]
    if family in ("apk", "zypper"):
        return re.split(r"[=<>~@]", value, maxsplit=1)[0]
    return re.split(r"[=<>]", value, maxsplit=1)[0].strip()


def unknown_name(name: str) -> bool:
    """A package word that may stand for several packages, versions included: wholly a variable
    (`$PKGS`, `${BUILD_DEPS}`) or holding a command substitution. `python${PY}-dev` names one package."""
    return "$(" in name or "`" in name or re.fullmatch(
        r"\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-=+?][^}]*)?\}?", name) is not None


@dataclass
class PackageCommand:
    """One package-manager call, as `package_command` reads it (wrappers such as sudo and env removed)."""

    manager: str  # as written: apt-get, apt, aptitude, apk, yum, dnf, microdnf, tdnf, zypper
    family: str  # apt, apk, rpm or zypper
    verb: str  # install, add, remove, del, update, upgrade, clean, ...
    options: list[str]
    operands: list[tuple[Word, str | None]]  # (word, the option whose value it is, or None)
    command: SimpleCommand | None = None  # the command as written
    option_words: list[Word] | None = None  # the words of `options`, for spans and edits
    verb_word: Word | None = None


_PackageCommand = PackageCommand


def package_command(cmd: SimpleCommand) -> PackageCommand | None:
    """The package-manager call cmd makes (apt-get, apt, aptitude, apk, yum, dnf, microdnf, tdnf,
    zypper), or None: options before and after the verb, and the operands with the option each is the
    value of. Read once per command: every package rule asks it of every command."""
    known = cmd.__dict__.get("_package_command")
    if known is None:
        known = cmd.__dict__["_package_command"] = (_package_command(cmd),)
    return known[0]


def _package_command(cmd: SimpleCommand) -> PackageCommand | None:
    eff = cmd.effective
    manager = eff.name or ""
    family = _FAMILIES.get(manager)
    if family is None:
        return None
    with_value = _PM_OPTIONS_WITH_VALUE[family]
    verb = None
    verb_word = None
    options: list[str] = []
    option_words: list[Word] = []
    operands: list[tuple[Word, str | None]] = []
    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        i += 1
        if v.startswith("-") and len(v) > 1:
            options.append(v)
            option_words.append(w)
            if v in with_value and i < len(args):
                operands.append((args[i], v))
                i += 1
        elif verb is None:
            verb, verb_word = v, w
        else:
            operands.append((w, None))
    if verb is None:
        return None
    return PackageCommand(manager, family, verb, options, operands, cmd, option_words, verb_word)


def _packages(pc: _PackageCommand, cmd: SimpleCommand, group: str | None = None) -> list[Install]:
    found = []
    for w, option in pc.operands:
        v = w.value
        if option is not None or w.has_expansion or not v:
            continue
        if v.startswith(("/", "./", "../", "http:", "https:")) or v.endswith((".deb", ".rpm", ".apk")):
            continue  # a local or remote package file, not a name
        found.append(Install(pc.manager, _package_name(pc.family, v), w, cmd, group))
    return found


def installs(script: Script) -> list[Install]:
    """OS packages the script installs (apt-get/apt install, apk add, yum/dnf/microdnf install,
    zypper install); words with expansions are left out (their packages are unknown)."""
    return list(_remembered(script, "_installs", _installs))


def _remembered(script: Script, name: str, compute) -> list:
    """A fact about a script, found once: a compose probe check asks about every RUN of the Dockerfile
    for each probe and tool."""
    known = vars(script).get(name)
    if known is None:
        known = vars(script)[name] = compute(script)
    return known


def _installs(script: Script) -> list[Install]:
    found = []
    for cmd in script.commands:
        pc = _package_command(cmd)
        if pc is None or pc.verb not in _INSTALL_VERBS[pc.family]:
            continue
        group = None
        if pc.family == "apk":
            group = next((w.value for w, option in pc.operands if option in ("--virtual", "-t")), None)
        found.extend(_packages(pc, cmd, group))
    return found


def removals(script: Script) -> list[Install]:
    """Packages the script removes: apt-get/apt remove|purge, apk del (a package or a --virtual
    group name), dnf/yum/microdnf remove, zypper remove, and `apt-mark auto X` followed by
    `apt-get autoremove` (or remove/purge with `--auto-remove`)."""
    return list(_remembered(script, "_removals", _removals))


def _removals(script: Script) -> list[Install]:
    found = []
    marked_auto: list[Install] = []
    for cmd in script.commands:
        eff = cmd.effective
        if eff.name == "apt-mark" and eff.args and eff.args[0].value in ("auto", "markauto"):
            marked_auto.extend(Install("apt-mark", _package_name("apt", w.value), w, cmd)
                               for w in eff.args[1:] if not w.value.startswith("-") and not w.has_expansion)
            continue
        pc = _package_command(cmd)
        if pc is None or pc.verb not in _REMOVE_VERBS[pc.family]:
            continue
        found.extend(_packages(pc, cmd))
        autoremove = pc.verb == "autoremove" or any(o in ("--auto-remove", "--autoremove") for o in pc.options)
        if pc.family == "apt" and autoremove:
            found.extend(marked_auto)
            marked_auto = []
    return found


def removes(removed: list[Install], install: Install) -> bool:
    """Whether one of the removals takes away this installed package (by name or apk group)."""
    for r in removed:
        if r.family != install.family:
            continue
        if r.package == install.package or (install.group is not None and r.package == install.group):
            return True
    return False
