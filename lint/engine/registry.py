"""The rule registry: finds rule modules under `lint.rules` and keeps the manifest (ids, names, kinds,
module paths) so that a run imports only the rules it selects; adds the rules of the plugins a config
enables (entry-point group `hullcheck.rules`, scanned only then and by `rules` / `explain`)."""
from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lint.core.rules import (
    COMPOSE, DOCKERFILE, ENGINE, ID_PREFIXES, KINDS, MODULE_NAME, PLUGIN_MODULE_NAME, RESERVED_PREFIXES, Rule, RuleInfo,
    rule, summary_of,
)

MANIFEST_PATH = Path(__file__).with_name("manifest.json")


def rule_modules() -> list[str]:
    """Every rule module in the installed `lint.rules` package and its family sub-packages, by file name."""
    import lint.rules

    names = []
    for directory in lint.rules.__path__:
        root = Path(directory)
        for path in sorted(root.rglob("*.py")):
            if MODULE_NAME.match(path.stem):
                parts = path.relative_to(root).with_suffix("").parts
                names.append(".".join(("lint.rules", *parts)))
    return sorted(set(names), key=lambda name: name.rpartition(".")[2])  # by id, whatever the family


def load_rule(module_name: str) -> Rule:
    module = importlib.import_module(module_name)
    return module.check.rule


def build_manifest() -> list[RuleInfo]:
    return [load_rule(name).info for name in rule_modules()]


def write_manifest() -> Path:
    """Regenerate the manifest after adding, moving or changing a rule (`python -m lint.engine`)."""
    MANIFEST_PATH.write_text(manifest_text(build_manifest()), encoding="utf-8")
    return MANIFEST_PATH


def manifest_text(infos: list[RuleInfo]) -> str:
    return json.dumps([info.to_json() for info in infos], indent=1, sort_keys=True) + "\n"


def manifest() -> tuple[RuleInfo, ...]:
    """Every rule a run may use: the built-in ones, then those of the plugins enabled so far."""
    return builtin_manifest() + tuple(PLUGIN_RULES.values())


@lru_cache(maxsize=1)
def builtin_manifest() -> tuple[RuleInfo, ...]:
    """The rule manifest (generated, kept current by a test); falls back to importing the rules."""
    try:
        data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
        infos = tuple(RuleInfo.from_json(item) for item in data)
    except (OSError, ValueError, KeyError):
        return tuple(build_manifest())
    # a rule file added or removed since the manifest was written: import them all (slower, still right)
    if {info.module for info in infos} != set(rule_modules()):
        return tuple(build_manifest())
    return infos


def find_rule(key: str) -> RuleInfo | None:
    """A rule by id, kebab-case name or alias (case-insensitive for ids)."""
    key = key.strip()
    for info in manifest():
        if key.upper() == info.id or key.lower() == info.name:
            return info
    for info in manifest():
        if key in info.aliases or key.upper() in (a.upper() for a in info.aliases):
            return info
    return None


PLUGIN_GROUP = "hullcheck.rules"
PLUGIN_RULES: dict[str, RuleInfo] = {}  # id -> rule, for the plugins enabled in this process
PLUGIN_OWNERS: dict[str, frozenset[str]] = {}  # id -> the names that enable it (entry point, distribution)
PLUGIN_VERSIONS: dict[str, str] = {}  # id -> "distribution version", part of the results cache's key


class PluginError(Exception):
    """A plugin that cannot be used: one line, exit code 2."""


@dataclass(frozen=True)
class Plugin:
    """One installed entry point of the group: it names a rule module."""

    name: str  # the entry point's name
    distribution: str  # the package that installed it
    module: str
    version: str = ""

    @property
    def names(self) -> frozenset[str]:
        return frozenset({self.name.lower(), self.distribution.lower()})

    @property
    def rule_id(self) -> str:
        """The id its module name gives (read without importing it)."""
        match = PLUGIN_MODULE_NAME.match(self.module.rpartition(".")[2])
        return match["id"].upper() if match else ""


@lru_cache(maxsize=1)
def installed_plugins() -> tuple[Plugin, ...]:
    """The entry points of every installed plugin (a scan of the installed packages, ~16 ms: never on a
    run whose config enables no plugin)."""
    from importlib.metadata import entry_points

    found = []
    for point in entry_points(group=PLUGIN_GROUP):
        dist = getattr(point, "dist", None)
        distribution, version = (dist.name, dist.version) if dist is not None else (point.name, "")
        found.append(Plugin(point.name, distribution, point.value.partition(":")[0].strip(), version))
    return tuple(sorted(set(found), key=lambda p: (p.rule_id, p.module)))


def load_plugin(plugin: Plugin) -> RuleInfo:
    """Import a plugin's rule module and check its id; any failure is a PluginError of one line."""
    where = f"plugin {plugin.distribution!r} ({plugin.module})"
    try:
        module = importlib.import_module(plugin.module)
        info = module.check.rule.info
    except Exception as exc:  # the plugin's own code: whatever it raises is its failure, not ours
        text = str(exc).splitlines()[0] if str(exc) else ""
        raise PluginError(f"{where} cannot be loaded: {type(exc).__name__}: {text}".rstrip(": ")) from None
    prefix = info.id.rstrip("0123456789")
    if prefix in RESERVED_PREFIXES:
        raise PluginError(
            f"{where} declares {info.id}: the prefixes {', '.join(RESERVED_PREFIXES)} belong to hullcheck")
    if info.kind not in (DOCKERFILE, COMPOSE):
        raise PluginError(f"{where}: rule {info.id} has kind {info.kind!r} (expected dockerfile or compose)")
    return info


def enable_plugin(plugin: Plugin) -> None:
    if any(info.module == plugin.module for info in PLUGIN_RULES.values()):
        return
    info = load_plugin(plugin)
    if info.id in PLUGIN_RULES and PLUGIN_RULES[info.id].module != info.module:
        raise PluginError(f"plugin {plugin.distribution!r} ({plugin.module}) declares {info.id}, which "
                          f"{PLUGIN_RULES[info.id].module} declares too")
    PLUGIN_RULES[info.id] = info
    PLUGIN_OWNERS[info.id] = plugin.names
    PLUGIN_VERSIONS[info.id] = f"{plugin.distribution} {plugin.version}"


def enable_plugins(names: list[str]) -> None:
    """Load the plugins a config names (by distribution or entry-point name)."""
    plugins = installed_plugins()
    for name in names:
        chosen = [p for p in plugins if name.lower() in p.names]
        if not chosen:
            known = sorted({p.distribution for p in plugins})
            raise PluginError(f"no installed plugin {name!r} (installed: {', '.join(known) or 'none'})")
        for plugin in chosen:
            enable_plugin(plugin)


def enable_plugins_for(key: str) -> bool:
    """Load the plugins whose rule a selector outside the built-in prefixes names (an id or an id prefix)."""
    upper = key.strip().upper()
    if not upper or upper[:2] in RESERVED_PREFIXES or not upper[0].isalpha():
        return False
    chosen = [p for p in installed_plugins() if p.rule_id and p.rule_id.startswith(upper)]
    for plugin in chosen:
        enable_plugin(plugin)
    return bool(chosen)


def enable_installed_plugins() -> None:
    """Every installed plugin, for `hullcheck rules` and `explain`."""
    for plugin in installed_plugins():
        enable_plugin(plugin)
