"""What well-known base images contain: curl, wget, a shell, their own HEALTHCHECK, usual ports.

`lookup("python:3.12-slim")` answers from a table keyed on repository and tag pattern. Every
fact comes from the base image survey (IMAGES.md: each row read from the image's own
Dockerfile or rootfs manifest). Unknown is `None`, and rules stay silent on unknown: a cell
the survey only inferred (its † cells) is `None` too, with the likely value kept in
`ImageFacts.inferred` for messages. A tag the table does not know gets only what holds for
every tag of its repository.

Users extend or override the table in config (`images`): a list of entries such as
`{"image": "registry.example.com/team/api:*", "like": "python:3.12-slim", "curl": true}`,
matched before the built-in rows.

The table (image_table.py) is plain Python data; its regular expressions are compiled on first use so that
importing this module stays cheap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from fnmatch import fnmatchcase
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from lint.knowledge.image_table import SH, _table

__all__ = ["ImageFacts", "Reference", "lookup", "parse_reference"]



@dataclass(frozen=True, eq=True)
class ImageFacts:
    """What one image (repository + tag) is known to contain. `None` always means unknown."""

    image: str  # the normalised reference these facts are for, e.g. "python:3.12-slim"
    curl: bool | None = None
    wget: str | bool | None = None  # 'gnu' | 'busybox' | True (flavour unknown) | False | None
    shell: str | bool | None = None  # path of the shell ('/bin/sh', '/busybox/sh'), False: none
    sh: str | None = None  # what /bin/sh is: 'dash' | 'ash' (BusyBox) | 'bash' | None
    bash: bool | None = None
    healthcheck: bool | None = None  # the image declares its own HEALTHCHECK
    ports: tuple[str, ...] | None = None  # usual ports ('80', '443/udp'); () for none
    exposed: bool | None = None  # those ports are EXPOSEd (False: only set through env/config)
    server: bool | None = False  # a known network server image (expects a health check)
    helpers: Mapping[str, bool] = field(default_factory=dict)  # probe programs: present or not
    probe: tuple[str, ...] | None = None  # suggested compose `healthcheck.test`
    probe_note: str | None = None  # what the probe needs to work
    user: str | None = None  # default user when it is not root ('memcache', '65532', ...)
    complete: bool = False  # no program beyond those listed exists (scratch, distroless)
    # curl and wget are part of what the image is for: the full Debian images built on buildpack-deps
    # (python:3, node:22, golang, ruby, old openjdk) ship them for building, in every release
    tools_by_design: bool = False
    inferred: Mapping[str, Any] = field(default_factory=dict)  # likely values of None cells
    source: str = ""

    def __post_init__(self) -> None:
        # rows share their dicts; a caller must not be able to change the table through them
        object.__setattr__(self, "helpers", MappingProxyType(dict(self.helpers)))
        object.__setattr__(self, "inferred", MappingProxyType(dict(self.inferred)))

    def has(self, tool: str) -> bool | None:
        """Whether `tool` (a name or a path) can run in the image: True, False or None (unknown).

        `sh` and `/bin/sh` mean /bin/sh itself: distroless `:debug` has only /busybox/sh, so
        shell-form commands still fail there and `has("sh")` is False.
        """
        if tool in ("sh", SH):
            if self.shell is None:
                return None
            return self.shell == SH
        if tool.startswith("/") and self.shell and tool == self.shell:
            return True
        name = tool.rsplit("/", 1)[-1]
        if name == "curl":
            return self.curl
        if name == "wget":
            return None if self.wget is None else bool(self.wget)
        if name == "bash":
            return self.bash
        if name == "busybox" and (self.wget == "busybox" or self.sh == "ash"):
            return True
        if name in self.helpers:
            return self.helpers[name]
        return False if self.complete else None

    def likely(self, tool: str) -> bool | None:
        """Like `has`, but fills unknown cells with what the survey inferred (for wording only)."""
        known = self.has(tool)
        if known is not None or not self.inferred:
            return known
        return ImageFacts(**{**_values(self), **self.inferred, "inferred": {}}).has(tool)

    @property
    def dockerfile_probe(self) -> str | None:
        """The suggested probe as a Dockerfile `HEALTHCHECK CMD ...` line (compose `$$` undone)."""
        if not self.probe:
            return None
        kind, *argv = self.probe
        argv = [arg.replace("$$", "$") for arg in argv]
        if kind == "CMD-SHELL":
            return "HEALTHCHECK CMD " + argv[0]
        import json

        return "HEALTHCHECK CMD " + json.dumps(argv)


def _values(facts: ImageFacts) -> dict[str, Any]:
    return {f.name: getattr(facts, f.name) for f in fields(facts)}


# ---------------------------------------------------------------------------------------
# Image references

@dataclass(frozen=True)
class Reference:
    """A parsed image reference. `name` is canonical: Docker Hub official images lose
    `docker.io/library/`, other Hub images lose `docker.io/`, registries are lower-cased."""

    name: str
    tag: str | None  # None when only a digest names the image
    digest: str | None

    def __str__(self) -> str:
        return self.name + (f":{self.tag}" if self.tag else "") + (f"@{self.digest}" if self.digest else "")


_HUB = {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}
# Registries that mirror the Docker Hub official images under these prefixes.
_MIRRORS = ("public.ecr.aws/docker/library/", "mirror.gcr.io/library/", "mirror.gcr.io/")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    return (
        re.compile(r"[\w][\w.-]{0,127}"),  # tag
        re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}"),  # digest
        re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"),  # path component
    )


def parse_reference(image: str) -> Reference | None:
    """`[registry[:port]/][namespace/]repo[:tag][@digest]` -> Reference, or None when the text
    is not a plain reference (empty, still holding `$`, spaces, invalid parts)."""
    text = image.strip() if isinstance(image, str) else ""
    if not text or "$" in text or any(c.isspace() for c in text):
        return None
    tag_re, digest_re, _ = _patterns()
    name, _, digest = text.partition("@")
    if digest and not digest_re.fullmatch(digest):
        return None
    tag = None
    slash = name.rfind("/")
    colon = name.rfind(":")
    if colon > slash:
        name, tag = name[:colon], name[colon + 1:]
        if not tag_re.fullmatch(tag):
            return None
    canonical = _canonical_name(name, pattern=False)
    if canonical is None:
        return None
    if tag is None and not digest:
        tag = "latest"
    return Reference(canonical, tag, digest or None)


def _canonical_name(name: str, pattern: bool) -> str | None:
    parts = name.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        registry, rest = parts[0].lower(), parts[1:]
    else:
        registry, rest = "docker.io", parts
    if not rest or any(not part for part in rest):
        return None
    host, _, port = registry.partition(":")
    if not pattern and (not host or (port and not port.isdigit())):
        return None
    if not pattern and not all(_patterns()[2].fullmatch(part) for part in rest):
        return None
    if registry in _HUB:
        if len(rest) == 2 and rest[0] == "library":
            return rest[1]
        return "/".join(rest)
    full = registry + "/" + "/".join(rest)
    for mirror in _MIRRORS:
        if full.startswith(mirror) and "/" not in full[len(mirror):]:
            return full[len(mirror):]
    return full


# ---------------------------------------------------------------------------------------
# Public lookup

def lookup(image: str, extra: Iterable[Mapping[str, Any]] | Mapping[str, Any] | None = None) -> ImageFacts | None:
    """Facts for `image`, or None when the image is unknown (or the reference unresolved).

    `extra` holds user entries from config, matched first: a list of mappings with an `image`
    glob (`registry.example.com/team/*:*`; without a tag any tag matches), or a mapping from
    such globs to entries. Entry keys: the ImageFacts fields (`curl`, `wget`, `shell`, `bash`,
    `healthcheck`, `ports`, `server`, `helpers`, `probe`, `user`, `source`, ...) and `like`,
    an image whose facts the entry starts from. Keys left out keep the built-in facts.
    """
    ref = parse_reference(image)
    if ref is None:
        return None
    for entry in _user_entries(extra):
        if _user_match(entry.get("image"), ref):
            return _user_facts(entry, ref)
    return _builtin(ref.name, ref.tag)


def _user_entries(extra: Any) -> list[Mapping[str, Any]]:
    if not extra:
        return []
    if isinstance(extra, Mapping):
        if "image" in extra and not isinstance(extra.get("image"), Mapping):
            return [extra]
        return [{**entry, "image": key} for key, entry in extra.items() if isinstance(entry, Mapping)]
    return [entry for entry in extra if isinstance(entry, Mapping)]


def _user_match(pattern: Any, ref: Reference) -> bool:
    if not isinstance(pattern, str) or not pattern.strip():
        return False
    pattern = pattern.strip()
    name, _, digest = pattern.partition("@")
    tag = None
    if name.rfind(":") > name.rfind("/"):
        name, tag = name.rsplit(":", 1)
    canonical = _canonical_name(name, pattern=True)
    if canonical is None or not fnmatchcase(ref.name, canonical):
        return False
    if digest and (ref.digest is None or not fnmatchcase(ref.digest, digest)):
        return False
    if tag is None or tag == "*":
        return True
    return ref.tag is not None and fnmatchcase(ref.tag, tag)


_USER_BOOLS = ("curl", "bash", "healthcheck", "exposed", "server", "complete")


def _user_facts(entry: Mapping[str, Any], ref: Reference) -> ImageFacts:
    like = entry.get("like")
    base = lookup(like) if isinstance(like, str) else _builtin(ref.name, ref.tag)
    values = _values(base) if base else {}
    values["image"] = str(ref)
    values["inferred"] = {}
    for key in _USER_BOOLS:
        if key in entry and (entry[key] is None or isinstance(entry[key], bool)):
            values[key] = entry[key]
    if "wget" in entry and entry["wget"] in (True, False, None, "gnu", "busybox"):
        values["wget"] = entry["wget"]
    if "shell" in entry:
        shell = entry["shell"]
        if shell is True:
            values["shell"] = SH
        elif shell is False or shell is None or (isinstance(shell, str) and shell.startswith("/")):
            values["shell"] = shell
        if shell is False and "bash" not in entry:
            values["bash"] = False
    if "sh" in entry and entry["sh"] in ("dash", "ash", "bash", None):
        values["sh"] = entry["sh"]
    if "ports" in entry:
        ports = entry["ports"]
        if isinstance(ports, (list, tuple)):
            values["ports"] = tuple(str(port) for port in ports)
        elif isinstance(ports, (int, str)):
            values["ports"] = (str(ports),)
    helpers = entry.get("helpers")
    if isinstance(helpers, (list, tuple)):
        values["helpers"] = {**values.get("helpers", {}), **{str(h): True for h in helpers}}
    elif isinstance(helpers, Mapping):
        known = {str(name): value for name, value in helpers.items() if isinstance(value, bool)}
        values["helpers"] = {**values.get("helpers", {}), **known}
    probe = entry.get("probe")
    if isinstance(probe, (list, tuple)) and probe and all(isinstance(arg, str) for arg in probe):
        values["probe"] = tuple(probe)
    for key in ("user", "probe_note"):
        if isinstance(entry.get(key), str):
            values[key] = entry[key]
    values["source"] = entry["source"] if isinstance(entry.get("source"), str) else "project config (images)"
    return ImageFacts(**values)


# ---------------------------------------------------------------------------------------
# The built-in table

@lru_cache(maxsize=512)
def _builtin(name: str, tag: str | None) -> ImageFacts | None:
    key = _family(name)
    rows = _rows().get(key)
    if rows is None:
        return None
    image = name + (f":{tag}" if tag else "")
    if tag is not None:
        version = _version(tag)
        for row in rows:
            if row.matches(tag, version):
                return ImageFacts(image=image, **row.facts(name))
    return ImageFacts(image=image, **_common(key, name))


def _version(tag: str) -> tuple[int, ...] | None:
    match = re.match(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", tag)
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


@lru_cache(maxsize=1)
def _family_patterns() -> tuple[re.Pattern, re.Pattern]:
    distroless = re.compile(
        r"gcr\.io/distroless/(static|base-nossl|base|cc|java-base|java|python3|nodejs)\d*(?:-debian\d+)?"
    )
    ubi = re.compile(
        r"(?:registry\.access\.redhat\.com/|registry\.redhat\.io/|redhat/)"
        r"ubi(\d+)(?:/ubi|/ubi-(minimal|micro)|-(minimal|micro))?"
    )
    return distroless, ubi


def _family(name: str) -> str:
    """The table key for a canonical repository name (several names share one family)."""
    distroless, ubi = _family_patterns()
    match = distroless.fullmatch(name)
    if match:
        kind = match.group(1)
        return "distroless/" + ("java" if kind.startswith("java") else kind)
    match = ubi.fullmatch(name)
    if match:
        variant = match.group(2) or match.group(3)
        if variant == "minimal" and match.group(1) in ("9", "10"):
            return "ubi-minimal"
        if match.group(1) == "9":
            return "ubi-micro" if variant == "micro" else "ubi"
        return name
    if name == "docker.elastic.co/elasticsearch/elasticsearch":
        return "elasticsearch"
    return name


class _Row:
    __slots__ = ("regex", "when", "values", "by_repo")

    def __init__(self, tags: str | None, when: Callable[[tuple[int, ...] | None], bool] | None,
                 values: dict[str, Any], by_repo: dict[str, dict[str, Any]] | None = None):
        self.regex = re.compile(tags) if tags is not None else None
        self.when = when
        self.values = values
        self.by_repo = by_repo or {}

    def matches(self, tag: str, version: tuple[int, ...] | None) -> bool:
        if self.regex is None or not self.regex.fullmatch(tag):
            return False
        return self.when is None or self.when(version)

    def facts(self, name: str) -> dict[str, Any]:
        return {**self.values, **self.by_repo.get(name, {})}


_COMPARED = ("curl", "wget", "shell", "sh", "bash", "healthcheck", "ports", "exposed", "server",
             "probe", "probe_note", "user", "complete")


@lru_cache(maxsize=None)
def _common_cached(key: str, name: str) -> tuple[tuple[str, Any], ...]:
    rows = _rows()[key]
    all_facts = [row.facts(name) for row in rows]
    common: dict[str, Any] = {}
    for fname in _COMPARED:
        default = False if fname in ("server", "complete") else None
        values = [facts.get(fname, default) for facts in all_facts]
        common[fname] = values[0] if all(v == values[0] for v in values) else None
    helpers = {}
    for helper, value in all_facts[0].get("helpers", {}).items():
        if all(facts.get("helpers", {}).get(helper) == value for facts in all_facts):
            helpers[helper] = value
    common["helpers"] = helpers
    common["source"] = f"facts shared by every tag of {name} in the image survey; " + all_facts[0]["source"]
    return tuple(common.items())


def _common(key: str, name: str) -> dict[str, Any]:
    return dict(_common_cached(key, name))


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[_Row]]:
    table: dict[str, list[_Row]] = {}
    for repos, tags, when, values, by_repo in _table():
        row = _Row(tags, when, values, by_repo)
        for repo in repos.split():
            table.setdefault(repo, []).append(row)
    return table
