"""pip and its kin (pip3, pip3.12, `python -m pip`, `uv pip`, pipx): which calls install, with what
requirements and options, and whether each requirement pins a version.

Requirements follow PEP 508 and pip's own forms: `pkg`, `pkg==1.2`, `pkg>=1,<2`, `pkg~=1.2`,
`pkg[extra]==1`, `pkg==1; python_version < "3.9"`, `pkg @ https://...`, VCS URLs (`git+https://...@ref`),
local paths (`.`, `./lib`, `/src/app`), wheels and sdists (`*.whl`, `*.tar.gz`). `-r`/`-c` files,
`-e` editables and `--require-hashes` are read as the options they are.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.args import Args, scan

# pip's options that take a value (general options and those of `pip install`); pip also accepts
# them before the sub-command (`pip --cache-dir /x install y`)
PIP_WITH_VALUE = {
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform",
    "--python-version", "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy",
    "-C", "--config-settings", "--global-option", "--install-option", "--build-option", "--no-binary",
    "--only-binary", "--progress-bar", "--root-user-action", "--report", "-i", "--index-url",
    "--extra-index-url", "-f", "--find-links", "--trusted-host", "--proxy", "--retries", "--timeout",
    "--exists-action", "--cert", "--client-cert", "--cache-dir", "--log", "--log-file", "--python",
    "--keyring-provider", "--use-feature", "--use-deprecated", "--resume-retries", "--group", "-b", "--build",
    "--format", "-d", "--dest", "-w", "--wheel-dir",
}
# uv's (`uv pip install`) and pipx's options that take a value
UV_WITH_VALUE = PIP_WITH_VALUE | {
    "--override", "--overrides", "--index", "--default-index", "-p", "--python-platform", "--config-file",
    "--directory", "--project", "--index-strategy", "--resolution", "--prerelease", "--exclude-newer",
    "--link-mode", "--reinstall-package", "-P", "--upgrade-package", "--no-binary-package", "--no-build-package",
    "--extra", "--color", "--allow-insecure-host", "--torch-backend", "--build-constraints", "--annotation-style",
}
PIPX_WITH_VALUE = {"--python", "--pip-args", "--suffix", "--index-url", "-i", "--editable", "-e", "--backend",
                   "--preinstall", "--global", "--fetch-python"}
# the installers pipx and pipenv call pip for: they choose their own cache behaviour
VCS = ("git+", "hg+", "svn+", "bzr+", "git://")
ARCHIVES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip", ".tar")
BRANCHES = {"master", "main", "develop", "development", "dev", "trunk", "head", "HEAD", "default", "stable",
            "latest", "nightly"}
_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_PIP = re.compile(r"pip(?:\d+(?:\.\d+)*)?")
_PYTHON = re.compile(r"python(?:\d+(?:\.\d+)*)?|py")


@dataclass(frozen=True)
class Requirement:
    word: Word
    name: str | None  # the project name, None for paths, URLs and unknown words
    kind: str  # name | vcs | url | path | unknown (an expansion hides what it is)
    pin: str | None  # exact | range | None (no version at all), for kind name and vcs


@dataclass(frozen=True)
class PipCall:
    """One call of pip (or `uv pip`, pipx) that installs: `pip install ...`."""

    command: SimpleCommand  # as written
    tool: str  # pip, uv or pipx
    verb: Word  # the `install` word
    args: Args  # options and operands after the program (pip's general options included)

    @property
    def requirements(self) -> list[Requirement]:
        return [requirement(w) for w in self.args.operands]

    @property
    def from_files(self) -> bool:
        """Requirements come (also) from files that may pin every name: `-r`, `-c`, `--require-hashes`."""
        return self.args.has("-r", "--requirement", "-c", "--constraint", "--require-hashes", "--override")

    @property
    def no_cache(self) -> bool:
        """`--no-cache-dir` given (pip accepts any unambiguous abbreviation, `--no-cache`), `--no-cache` of uv."""
        return any(len(o.name) >= 8 and "--no-cache-dir".startswith(o.name) for o in self.args.options) \
            or self.args.has("-n") and self.tool == "uv"

    @property
    def cache_dir(self) -> str | None:
        values = self.args.values("--cache-dir")
        return values[-1] if values else None


def pip_call(cmd: SimpleCommand) -> PipCall | None:
    """The pip install call `cmd` makes (through sudo, env, ...), or None: `pip install`, `pip3.12 install`,
    `python3 -m pip install`, `uv pip install`, `pipx install` / `pipx inject`."""
    eff = cmd.effective
    name = eff.name or ""
    words = eff.args
    tool = "pip"
    if _PYTHON.fullmatch(name):
        words = _after_module(words, "pip")
        if words is None:
            return None
    elif name == "uv":
        if not words or words[0].value != "pip":
            return None
        tool, words = "uv", words[1:]
    elif name == "pipx":
        tool = "pipx"
    elif not _PIP.fullmatch(name):
        return None
    table = {"pip": PIP_WITH_VALUE, "uv": UV_WITH_VALUE, "pipx": PIPX_WITH_VALUE}[tool]
    args = scan(words, table)
    if not args.operands:
        return None
    verb, *operands = args.operands
    installs = ("install", "inject") if tool == "pipx" else ("install",)
    if verb.value not in installs:
        return None
    if tool == "pipx" and verb.value == "inject":
        operands = operands[1:]  # the first is the venv that receives the packages
    return PipCall(cmd, tool, verb, Args(args.options, operands, args.rest))


def _after_module(words: list[Word], module: str) -> list[Word] | None:
    """The words after `-m <module>` of a python command line, None when it runs something else."""
    i = 0
    while i < len(words):
        v = words[i].value
        if v == "-m" and i + 1 < len(words):
            return words[i + 2:] if words[i + 1].value == module else None
        if v == "-m" + module:
            return words[i + 1:]
        if not v.startswith("-") or v == "-c":
            return None  # a script or `-c code`
        i += 2 if v in ("-W", "-X", "--check-hash-based-pycs") else 1
    return None


def requirement(word: Word) -> Requirement:
    """What one operand of pip install asks for, and whether it pins a version."""
    v = word.value.strip()
    if word.has_expansion and (v.startswith("$") or not _NAME.match(v)):
        return Requirement(word, None, "unknown", None)
    text = v.split(";", 1)[0].strip()  # environment markers
    if "@" in text and not text.startswith(VCS) and "://" in text.split("@", 1)[1]:
        name, _, url = (part.strip() for part in text.partition("@"))
        return _url(word, name.split("[", 1)[0], url)
    if text.startswith(VCS) or "://" in text or text.startswith("file:"):
        return _url(word, None, text)
    if text in (".", "..") or text.startswith(("./", "../", "/", "~")) or "/" in text or text.endswith(ARCHIVES):
        return Requirement(word, None, "path", None)
    match = _NAME.match(text)
    if match is None:
        return Requirement(word, None, "unknown", None)
    name = match.group()
    spec = text[match.end():].strip()
    if spec.startswith("["):
        close = spec.find("]")
        spec = spec[close + 1:].strip() if close != -1 else ""
    if spec and "$" in spec and not re.match(r"[=<>!~]", spec):
        return Requirement(word, name, "unknown", None)  # `pkg$SPEC`: what follows the name is unknown
    return Requirement(word, name, "name", _spec_pin(spec))


def _spec_pin(spec: str) -> str | None:
    """exact for `==1.2` / `===1.2` (with or without other clauses), range for any other specifier."""
    if not spec:
        return None
    clauses = [c.strip() for c in spec.split(",") if c.strip()]
    if any(c.startswith("===") or (c.startswith("==") and not c.rstrip().endswith("*")) for c in clauses):
        return "exact"
    return "range"


def _url(word: Word, name: str | None, url: str) -> Requirement:
    if not url.startswith(VCS):
        return Requirement(word, name, "url", None)  # an archive at a URL: that file, not a registry name
    path = url.split("://", 1)[-1].split("#", 1)[0]
    repository = path.split("/", 1)[1] if "/" in path else ""  # past the host and its `user@`
    ref = repository.split("@", 1)[1] if "@" in repository else None
    if ref is None:
        return Requirement(word, name, "vcs", None)
    if ref in BRANCHES:
        return Requirement(word, name, "vcs", None)
    exact = re.fullmatch(r"[0-9a-f]{7,40}|v?\d+(\.\d+)*([.-]?\w+)*", ref) is not None or "$" in ref
    return Requirement(word, name, "vcs", "exact" if exact else "range")


# ---------------------------------------------------------------------------------------------
# the cache

TRUTH_VALUES = {"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"}


def no_cache_value(value: str | None) -> bool | None:
    """What PIP_NO_CACHE_DIR=value does: pip turns its cache off for ANY valid boolean, `0` and `false`
    included (kept for backwards compatibility); empty leaves it on; None (unknown) stays None."""
    if value is None:
        return None
    if value == "":
        return False
    return True if value.lower() in TRUTH_VALUES else None  # anything else: pip stops with an error


def default_cache_dirs(home: str | None = None) -> list[str]:
    """Where pip keeps its cache when nothing says otherwise: `~/.cache/pip` of the user (XDG)."""
    homes = [home] if home else ["/root"]
    return [posixpath.join(h, ".cache", "pip") for h in homes]


def config_disables_cache(cmd: SimpleCommand) -> bool:
    """`pip config set global.no-cache-dir <any>` (also `install.`): pip reads it as --no-cache-dir."""
    eff = cmd.effective
    words = eff.args
    if _PYTHON.fullmatch(eff.name or ""):
        words = _after_module(words, "pip") or []
    elif not _PIP.fullmatch(eff.name or ""):
        return False
    values = [w.value for w in words if not w.value.startswith("-")]
    return len(values) >= 3 and values[0] == "config" and values[1] == "set" \
        and values[2].split(".")[-1] == "no-cache-dir" and "=" not in values[2]


def purges_cache(cmd: SimpleCommand) -> bool:
    """`pip cache purge` (or `remove`): the cache goes."""
    eff = cmd.effective
    words = eff.args
    if _PYTHON.fullmatch(eff.name or ""):
        words = _after_module(words, "pip") or []
    elif not _PIP.fullmatch(eff.name or ""):
        return False
    values = [w.value for w in words if not w.value.startswith("-")]
    return len(values) >= 2 and values[0] == "cache" and values[1] in ("purge", "remove")


# ---------------------------------------------------------------------------------------------
# pip before 6.0 (2014) had no cache, and no --no-cache-dir option either

# distribution images whose release decides the pip their package manager installs (python-pip,
# python3-pip, py3-pip); Ubuntu 12.04 (pip 1.0) and 14.04 (1.5.4), Debian 7 (1.1) and 8 (1.5.6) give a
# pip older than 6.0, the others a current one
DISTRO_BASES = re.compile(r"(?:docker\.io/)?(?:library/)?(ubuntu|debian|centos|fedora|amazonlinux|alpine|rockylinux"
                          r"|almalinux|oraclelinux|opensuse/leap|nvidia/cuda|buildpack-deps)(?::([\w.-]+))?")
_OLD_RELEASE = re.compile(r"(?<![\d.])(12\.04|14\.04)|precise|trusty|wheezy|jessie")
DISTRO_PIPS = {"python-pip", "python3-pip", "python2-pip", "py-pip", "py3-pip", "py2-pip"}


def distro_pip_age(image: str | None) -> str | None:
    """`old` (pip before 6.0) or `current` for the pip a known distribution image's package manager
    installs; None for an image we do not know (its release, and so its pip, is unknown)."""
    match = DISTRO_BASES.fullmatch(image or "")
    if match is None:
        # an image built on Alpine says so (`node:8-alpine`, `mhart/alpine-node`): its py-pip is 6.1 or later
        # since Alpine 3.2
        alpine = re.search(r"alpine[:-]?(3\.[01])?(?![\d.])", image or "")
        return ("old" if alpine.group(1) else "current") if alpine else None
    tag = match.group(2) or ""
    if match.group(1) == "alpine" and re.match(r"3\.[01](?![\d])", tag):
        return "old"
    if _OLD_RELEASE.search(tag) or (match.group(1) == "debian" and re.fullmatch(r"[78](\.\d+)*(-slim)?", tag)):
        return "old"
    return "current"


def upgrades_pip(cmd: SimpleCommand) -> bool:
    """A call that brings a current pip: `pip install -U pip` (or `pip==X`), get-pip.py, `easy_install pip`,
    a conda environment (Miniconda, Anaconda: its own Python and pip)."""
    if any("get-pip.py" in w.value or re.search(r"(?i)conda", w.value) for w in cmd.words):
        return True
    eff = cmd.effective
    if eff.name and eff.name.startswith("easy_install"):
        return any(w.value == "pip" or w.value.startswith("pip=") for w in eff.args)
    call = pip_call(cmd)
    return call is not None and call.tool == "pip" and any(r.name and r.name.lower() == "pip" for r in call.requirements)
