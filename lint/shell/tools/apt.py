"""apt-get, apt and aptitude: what a call answers, installs and leaves behind, with spans.

Facts from apt-get(8) and apt.conf(5): `-y`, `--yes`, `--assume-yes` answer the "Do you want to continue?"
prompt, and so does a quiet level of 2 (`-qq`, `-q -q`, `-q=2`); `-o APT::Get::Assume-Yes=true` too. A
single `-q` does not, nor does `DEBIAN_FRONTEND=noninteractive` (it silences debconf, not apt).
Recommended packages are left out with `--no-install-recommends` or `APT::Install-Recommends` false (on the
command line with `-o`, or in an apt.conf file). Configuration names are case-insensitive. `apt-get update`
writes the package lists to /var/lib/apt/lists; `apt-get clean` empties /var/cache/apt/archives and leaves
the lists; `apt-get distclean` (apt 2.7.8 and later) removes them too.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lint.shell.commands import run_commands
from lint.shell.script import Script, SimpleCommand, Word
from lint.shell.tools.packages import PackageCommand, package_command, unknown_name

APT_TOOLS = frozenset({"apt-get", "apt", "aptitude"})
LISTS = "/var/lib/apt/lists"
# verbs that read the package lists (a call without lists installs nothing new or fails)
NEEDS_LISTS = frozenset({"install", "reinstall", "build-dep", "source", "download", "upgrade", "dist-upgrade",
                         "full-upgrade", "satisfy", "safe-upgrade", "search", "show", "policy", "madison",
                         "depends", "rdepends", "showpkg", "showsrc", "changelog"})
# apt verbs apt-get has under the same name, and those it has under another
APT_GET_VERBS = frozenset({"install", "remove", "purge", "autoremove", "update", "upgrade", "dist-upgrade",
                           "full-upgrade", "clean", "autoclean", "source", "build-dep", "download", "satisfy",
                           "changelog", "check"})
_APT_GET_NAME = {"full-upgrade": "dist-upgrade"}
_FALSE = {"0", "false", "no", "off", "without", "disable"}
_TRUE = {"1", "true", "yes", "on", "with", "enable"}


def apt_call(cmd: SimpleCommand) -> PackageCommand | None:
    """The apt-get / apt / aptitude call cmd makes (past sudo, env, ...), or None."""
    pc = package_command(cmd)
    return pc if pc is not None and pc.family == "apt" and pc.manager in APT_TOOLS else None


def option_settings(pc: PackageCommand) -> dict[str, str]:
    """Configuration set on the command line: `-o Name=value`, `-oName=value`, `--option=Name=value`;
    names lower-cased (apt reads them case-insensitively)."""
    found: dict[str, str] = {}
    texts = [w.value for w, option in pc.operands if option in ("-o", "--option")]
    for v in pc.options:
        if v.startswith("--option="):
            texts.append(v[len("--option="):])
        elif v.startswith("-o") and len(v) > 2 and not v.startswith("--"):
            texts.append(v[2:].lstrip("="))
    for text in texts:
        name, eq, value = text.partition("=")
        if eq:
            found[name.strip().lower()] = value.strip().strip("\"'").lower()
    return found


def quiet_level(pc: PackageCommand) -> int:
    level = 0
    for v in pc.options:
        m = re.fullmatch(r"(?:-q=?|--quiet=)(\d+)", v)
        if m:
            level = int(m.group(1))
        elif v == "--quiet":
            level += 1
        elif re.fullmatch(r"-[A-Za-z]+", v):
            level += v.count("q")
    return level


def _short_flag(pc: PackageCommand, letter: str) -> bool:
    return any(re.fullmatch(r"-[A-Za-z]+", v) and letter in v[1:] for v in pc.options)


def assumes_yes(pc: PackageCommand, config: dict[str, str] | None = None) -> bool:
    """Whether the call answers apt's prompt itself: -y / --yes / --assume-yes (aptitude: -y,
    --assume-yes), a quiet level of 2, or APT::Get::Assume-Yes true on the command line or in `config`
    (settings written to apt.conf earlier)."""
    if any(v in ("--yes", "--assume-yes") or v.startswith(("--yes=", "--assume-yes=")) for v in pc.options):
        return True
    if _short_flag(pc, "y") or (pc.manager != "aptitude" and quiet_level(pc) >= 2):
        return True
    settings = {**(config or {}), **option_settings(pc)}
    value = settings.get("apt::get::assume-yes")
    return value is not None and value in _TRUE


NO_ACTION = frozenset({"-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act", "--print-uris"})


def no_action(pc: PackageCommand) -> bool:
    """Whether the call only simulates or prints (`-s`, `--dry-run`, `--print-uris`): apt asks nothing then."""
    return any(v in NO_ACTION or (re.fullmatch(r"-[A-Za-z]+", v) and "s" in v[1:]) for v in pc.options)


def yes_piped(cmd: SimpleCommand) -> bool:
    """`yes | apt-get install x`: a `yes` earlier in the same pipeline answers every prompt."""
    pipe = cmd._pipe
    if pipe is None or cmd not in pipe.commands:
        return False
    before = pipe.commands[: pipe.commands.index(cmd)]
    return any(isinstance(c, SimpleCommand) and c.effective.name == "yes" for c in before)


def skips_recommends(pc: PackageCommand, config: dict[str, str] | None = None) -> bool:
    """Whether recommended packages are left out: --no-install-recommends (aptitude: -R,
    --without-recommends), or APT::Install-Recommends false on the command line or in `config`. Options
    apply in order: the last one that speaks of recommends wins."""
    value = (config or {}).get("apt::install-recommends")
    skip = value is not None and value in _FALSE
    words = [w.value for w in pc.command.effective.args] if pc.command is not None else pc.options
    for i, v in enumerate(words):
        if v in ("--no-install-recommends", "--install-recommends=no", "--install-recommends=false") or (
                pc.manager == "aptitude" and (v == "--without-recommends" or re.fullmatch(r"-[A-Za-z]*R[A-Za-z]*", v))):
            skip = True
        elif v in ("--install-recommends", "--install-recommends=yes", "--with-recommends"):
            skip = False
        else:
            setting = words[i + 1] if v in ("-o", "--option") and i + 1 < len(words) else \
                v[len("--option="):] if v.startswith("--option=") else v[2:].lstrip("=") if v.startswith("-o") else ""
            name, eq, value = setting.partition("=")
            if eq and name.strip().lower() == "apt::install-recommends":
                skip = value.strip().strip("\"'").lower() in _FALSE
    return skip


# ---------------------------------------------------------------------------------------------
# apt.conf written by the Dockerfile

APT_CONF = re.compile(r"^/etc/apt/apt\.conf(\.d/.*)?$")
_SETTING = re.compile(r"""([A-Za-z][\w:-]*::[\w:-]+)\s*(?:=\s*|\s+)["']?([A-Za-z0-9]+)["']?""")


def conf_settings(text: str) -> dict[str, str]:
    """The `Name "value";` settings in an apt.conf text (names lower-cased); `\\n` as echo and printf
    write it separates lines."""
    text = text.replace("\\n", "\n").replace("\\t", " ")
    return {m.group(1).lower(): m.group(2).lower() for m in _SETTING.finditer(text)}


def conf_writes(script: Script, heredocs: dict[str, str] | None = None) -> list[tuple[SimpleCommand, dict[str, str]]]:
    """Settings a script writes to apt.conf or apt.conf.d: `echo '...' > /etc/apt/apt.conf.d/x`,
    `printf`, `echo ... | tee -a /etc/apt/apt.conf.d/x`, `cat > /etc/apt/apt.conf.d/x <<EOF`."""
    heredocs = heredocs or {}
    found = []
    for i, cmd in enumerate(script.commands):
        eff = cmd.effective
        targets = [r.target.value for r in cmd.redirects if r.op in (">", ">>", ">|") and r.target is not None]
        if eff.name == "tee":
            targets += [w.value for w in eff.args if not w.value.startswith("-")]
        if not any(APT_CONF.match(t) for t in targets):
            continue
        text = " ".join(w.value for w in eff.args)
        if eff.name == "tee" and cmd.in_pipeline and i > 0:
            text = " ".join(w.value for w in script.commands[i - 1].effective.args)
        for r in cmd.redirects:
            if r.op == "<<<" and r.target is not None:
                text += " " + r.target.value
            elif r.op in ("<<", "<<-") and r.target is not None:
                text += " " + heredocs.get(r.target.value, "")
        found.append((cmd, conf_settings(text)))
    return found


def apt_config_written(instructions) -> dict[str, str] | None:
    """The apt settings the instructions (RUN, COPY, ADD of a stage, in order) write to apt.conf files;
    None when one of them copies an apt.conf file in from outside (its content is unknown here)."""
    settings: dict[str, str] = {}
    for ins in instructions:
        written = _written_by(ins)
        if written is None:
            return None
        settings.update(written)
    return settings


def _written_by(ins) -> dict[str, str] | None:
    """The apt settings one instruction writes ({} for most; None: it copies in an unknown apt.conf). Read once
    per instruction: every apt RUN after it asks."""
    known = ins.__dict__.get("_apt_config_written")
    if known is None:
        known = ins.__dict__["_apt_config_written"] = (_read_written(ins),)
    return known[0]


def _read_written(ins) -> dict[str, str] | None:
    settings: dict[str, str] = {}
    heredocs = {h.delimiter: h.body.text for h in getattr(ins, "heredocs", None) or []}
    if ins.keyword in ("COPY", "ADD"):
        words = ins.args.text.split()
        if not any("apt.conf" in w or w.rstrip("/") in ("/etc/apt", "/etc") for w in words):
            return settings
        if heredocs and words and APT_CONF.match(words[-1]):
            for body in heredocs.values():
                settings.update(conf_settings(body))
            return settings
        return None
    if ins.keyword != "RUN":
        return settings
    scripts: list[Script] = []
    for rc in run_commands(ins):
        if not any(rc.script is known for known in scripts):
            scripts.append(rc.script)
    for script in scripts:
        for _cmd, found in conf_writes(script, heredocs):
            settings.update(found)
    return settings


# ---------------------------------------------------------------------------------------------
# the package lists


def lists_written(pc: PackageCommand) -> bool:
    """Whether the call downloads the package lists: `update` (apt-get, apt, aptitude)."""
    return pc.verb == "update"


def removes_lists(cmd: SimpleCommand) -> bool:
    """Whether cmd deletes the package lists: `rm -r` of /var/lib/apt/lists (or its contents, or a
    folder holding it), `find /var/lib/apt/lists ... -delete`, `apt-get distclean`."""
    eff = cmd.effective
    if eff.name == "rm":
        words = [w.value for w in eff.args]
        return any(_covers_lists(v) for v in words if not v.startswith("-"))
    if eff.name == "find":
        words = [w.value for w in eff.args]
        return bool(words) and _covers_lists(words[0]) and ("-delete" in words or "rm" in words)
    pc = apt_call(cmd)
    return pc is not None and pc.verb == "distclean"


def _covers_lists(path: str) -> bool:
    path = path.rstrip("/") or "/"
    for glob in ("/*", "/*.*", "/**"):
        if path.endswith(glob):
            path = path[: -len(glob)]
            break
    return path in (LISTS, "/var/lib/apt")


def names_cleanup(cmd: SimpleCommand) -> bool:
    """A script or program whose name says it cleans up (`/usr/local/bin/cleanup.sh`, `apt-clean`): what
    it removes cannot be read here."""
    name = cmd.effective.name or ""
    word = cmd.effective.name_word
    if name in ("sh", "bash") and cmd.effective.args:
        name = posixpath.basename(cmd.effective.args[0].value)
    return "clean" in name.lower() and apt_call(cmd) is None and word is not None


# ---------------------------------------------------------------------------------------------
# package words and their pins


@dataclass
class AptPackage:
    word: Word
    name: str  # without architecture, version or release
    version: str | None  # after `=`, as written (may hold `*` or a variable)
    release: str | None  # after `/`: a release such as bookworm-backports, not a version

    @property
    def variable_version(self) -> bool:
        return self.version is not None and "$" in self.version

    @property
    def wildcard(self) -> bool:
        return self.version is not None and any(c in self.version for c in "*?[")


def apt_packages(pc: PackageCommand) -> list[AptPackage]:
    """The packages an install names, with their pins; local or remote .deb files, words made wholly of
    variables (`$PKGS`) and `pkg-` (a removal) are left out."""
    found = []
    for w, option in pc.operands:
        v = w.value
        if option is not None or not v:
            continue
        if v.startswith(("/", "./", "../", "http:", "https:", "~")) or v.endswith(".deb"):
            continue
        name, eq, version = v.partition("=")
        release = None
        if not eq and "/" in name:
            name, _, release = name.partition("/")
        name = name.split(":")[0]
        if not name or name.endswith("-") or unknown_name(name):
            continue
        found.append(AptPackage(w, name, version if eq else None, release))
    return found


def apt_get_name(verb: str) -> str | None:
    """The apt-get verb that does what `apt <verb>` does, or None (apt list, apt search, apt show)."""
    if verb not in APT_GET_VERBS:
        return None
    return _APT_GET_NAME.get(verb, verb)


def _may_write_apt_config(ins) -> bool:
    text = ins.args.text + "".join(h.body.text for h in getattr(ins, "heredocs", None) or [])
    if ins.keyword == "RUN":
        return "apt.conf" in text  # conf_writes follows writes to /etc/apt/apt.conf(.d/...) only
    return ins.keyword in ("COPY", "ADD") and "/etc" in text


def apt_config_at(dockerfile, instruction) -> dict[str, str] | None:
    """The apt settings in effect when a RUN starts: those the instructions before it in its stage, and
    in the stages it is built FROM, write to apt.conf files (None when one copies in an unknown file)."""
    stage = getattr(instruction, "stage", None)
    if stage is None:
        return {}
    chain = [*reversed(dockerfile.ancestors(stage)), stage]
    earlier = [ins for s in chain for ins in s.instructions if s is not stage or ins.line < instruction.line]
    if not any(_may_write_apt_config(ins) for ins in earlier):
        return {}  # nothing before it writes an apt setting (most files): no script to read
    known = dockerfile.memo.setdefault("apt_config_at", {})  # several apt rules ask it of each apt RUN
    if id(instruction) not in known:
        known[id(instruction)] = (instruction, apt_config_written(earlier))
    config = known[id(instruction)][1]
    return None if config is None else dict(config)
