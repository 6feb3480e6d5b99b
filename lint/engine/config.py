"""Configuration: [tool.hullcheck] in pyproject.toml or .hullcheck.toml (nearest to the file wins),
validated by our JSON Schema, plus the keys of an existing .hadolint.yaml that map to ours."""
from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.core.model import Severity
from lint.core.rules import CODED_RULE, ID_PREFIXES, RULE_CODE
from lint.engine import registry
from lint.engine.config_errors import ConfigError, nearest
from lint.engine.registry import PluginError, RuleInfo, find_rule, manifest

CONFIG_FILES = (".hullcheck.toml", "pyproject.toml")
SCHEMA_PATH = Path(__file__).with_name("config.schema.json")
RUNTIMES = ("compose", "swarm", "kubernetes")


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from (None: defaults)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    failure_threshold: Severity = Severity.WARNING
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    target: str | None = None
    baseline: str | None = None  # the baseline file, relative to the config file
    runtime: str = "compose"
    images: tuple[dict, ...] = ()
    rules: dict[str, dict] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()  # plugins to run, by distribution or entry-point name
    shellcheck: bool = False  # run ShellCheck over the RUN scripts (the `shellcheck` rule; needs the binary)
    no_fail: bool = False  # hadolint's no-fail / failure-threshold none: findings never fail the run
    hadolint_pragmas: bool = True  # hadolint's disable-ignore-pragma turns `# hadolint ignore=` off

    @property
    def directory(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def fingerprint(self) -> str:
        data = json.dumps(
            [self.select, self.extend_select, self.ignore, sorted((k, int(v)) for k, v in self.severity.items()),
             sorted(self.per_file_ignores.items()), self.target, self.runtime, self.images, self.rules,
             str(self.directory), self.plugins, self.shellcheck, self.shellcheck_identity(), self.hadolint_pragmas,
             sorted(registry.PLUGIN_VERSIONS[i] for i, info in registry.PLUGIN_RULES.items() if self.enabled(info))],
            sort_keys=True, default=str,
        )
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    def shellcheck_identity(self) -> str:
        """Which ShellCheck binary runs, when one does: another version finds other things, so cached results
        of the old one must not be reused."""
        info = find_rule(CODED_RULE)
        if info is None or not self.enabled(info):
            return ""
        from lint.shell.shellcheck import identity

        return identity()

    def enabled(self, info: RuleInfo, path: Path | None = None) -> bool:
        owners = registry.PLUGIN_OWNERS.get(info.id)
        if owners is not None and not any(name.lower() in owners for name in self.plugins):
            # a plugin this config does not name: its rule runs only where selected by its id, prefix or name
            keys = (*(self.select or ()), *self.extend_select)
            chosen = any(key.strip().upper() != "ALL" and matches(info, key) for key in keys)
        elif info.id == CODED_RULE and not self.shellcheck:
            # ShellCheck runs a binary: only when switched on, or when the rule or one of its codes is named
            chosen = any(named(info, key) or names_code(info, key) for key in (*(self.select or ()), *self.extend_select))
        else:
            keys = (*(self.select or ()), *self.extend_select)
            chosen = info.default if self.select is None else any(matches(info, key) for key in self.select)
            chosen = chosen or any(matches(info, key) for key in self.extend_select)
            chosen = chosen or any(names_code(info, key) for key in keys)
        if not chosen or any(matches(info, key) for key in self.ignore):
            return False
        if self.runtime == "kubernetes" and info.id == "DF101":
            return False  # kubernetes ignores a Dockerfile HEALTHCHECK: its probes are set in the pod spec
        if path is not None and self.per_file_ignores:
            for pattern, keys in self.per_file_ignores.items():
                if path_matches(path, pattern, self.directory) and any(matches(info, k) for k in keys):
                    return False
        return True

    def code_enabled(self, info: RuleInfo, code: str, path: Path | None = None) -> bool:
        """Whether a finding with its own code (SC2086) of an enabled rule is kept: not when its code is
        ignored (also per file); when the selection names codes of the rule but not the rule as a whole,
        only those codes."""
        code = code.upper()
        if any(key.strip().upper() == code for key in self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            for pattern, keys in self.per_file_ignores.items():
                if any(key.strip().upper() == code for key in keys) and path_matches(path, pattern, self.directory):
                    return False
        keys = (*(self.select or ()), *self.extend_select)
        if not any(names_code(info, key) for key in keys):
            return True
        whole = (self.select is None or any(matches(info, key) for key in self.select)
                 or any(matches(info, key) for key in self.extend_select))
        return whole or any(key.strip().upper() == code for key in keys)

    def severity_of(self, info: RuleInfo, code: str = "") -> Severity | None:
        if code and code.upper() in self.severity:
            return self.severity[code.upper()]
        for key in (info.id, info.name, *info.aliases):
            if key in self.severity:
                return self.severity[key]
        return None

    def options_of(self, info: RuleInfo) -> dict:
        """The rule's option values: its declared defaults, replaced by what the config sets."""
        if not info.options and not self.rules:
            return {}  # most rules declare none: asked for every rule of every file
        merged = {name: declared["default"] for name, declared in info.options.items()}
        for key in (info.id, info.name):
            merged.update(self.rules.get(key, {}))
        return merged

    def excluded(self, path: Path) -> bool:
        return any(path_matches(path, pattern, self.directory) for pattern in self.exclude)


def matches(info: RuleInfo, key: str) -> bool:
    """A selector matches a rule by id, id prefix (DF1), name, alias, or ALL."""
    key = key.strip()
    upper = key.upper()
    if upper == "ALL" or upper == info.id or info.id.startswith(upper) and upper[:2] in ID_PREFIXES:
        return True
    if upper and info.id.startswith(upper) and info.id in registry.PLUGIN_OWNERS:  # a plugin's prefix (ACME)
        return True
    return key.lower() == info.name or upper in (a.upper() for a in info.aliases)


def named(info: RuleInfo, key: str) -> bool:
    """A selector that names the rule itself: its id or name (no prefix, no ALL)."""
    key = key.strip()
    return key.upper() == info.id or key.lower() == info.name


def names_code(info: RuleInfo, key: str) -> bool:
    """A selector that is one of the rule's own finding codes (SC2086 for the ShellCheck rule)."""
    return info.id == CODED_RULE and bool(RULE_CODE.match(key.strip()))


def path_matches(path: Path, pattern: str, base: Path) -> bool:
    try:
        relative = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
        return True
    # a directory pattern excludes what is below it
    parts = relative.split("/")
    return any(fnmatch.fnmatch("/".join(parts[: i + 1]), pattern) for i in range(len(parts) - 1))


def read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def table_of(path: Path) -> dict | None:
    """The hullcheck table of a config file, or None when a pyproject.toml has none."""
    data = read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("hullcheck")
        return table if isinstance(table, dict) else None
    return data


# what each declared option type is in the config schema
OPTION_SCHEMAS = {
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "str": {"type": "string"},
    "list": {"type": "array", "items": {"type": "string"}},
}
# what a rule's table accepts besides its declared options
RULE_KEYS = {"severity": {"$ref": "#/definitions/severity"}}


def rule_table_schema(info: RuleInfo) -> dict:
    """The schema of `[rules.<ID>]`: the per-rule keys and the options the rule declares, nothing else."""
    properties = dict(RULE_KEYS)
    for name, declared in info.options.items():
        properties[name] = {**OPTION_SCHEMAS[declared["type"]], "description": declared["help"]}
        if declared.get("choices"):
            properties[name]["enum"] = declared["choices"]
    return {"type": "object", "additionalProperties": False, "properties": properties}


def schema() -> dict:
    """Our config schema, its `rules` table built from the rules' declared options."""
    data = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    rules = data["properties"]["rules"]
    rules["properties"] = {key: rule_table_schema(info) for info in manifest() for key in (info.id, info.name)}
    return data


def check_rule_tables(table: dict, path: Path) -> None:
    """An unknown rule or an undeclared option under `rules` is an error naming it and its nearest valid key."""
    rules = table.get("rules")
    if not isinstance(rules, dict):
        return
    for key, options in rules.items():
        info = find_rule(key)
        if info is None:
            choices = [name for i in manifest() for name in (i.id, i.name)]
            raise ConfigError(f"{path}: invalid config at rules: unknown rule {key!r}{nearest(key, choices)}")
        if not isinstance(options, dict):
            continue
        valid = [*RULE_KEYS, *info.options]
        for name in options:
            if name not in valid:
                raise ConfigError(f"{path}: invalid config at rules.{key}: unknown key {name!r}"
                                  f"{nearest(name, valid)}")


def validate(table: dict, path: Path) -> None:
    """Check a table against our schema; the verdict is cached by content so jsonschema loads rarely."""
    from lint.engine import cache

    check_rule_tables(table, path)
    options = sorted((info.id, sorted(info.options.items())) for info in manifest() if info.options)
    key = hashlib.sha256(json.dumps([table, options], sort_keys=True, default=str).encode()).hexdigest()
    if cache.config_known_valid(key):
        return
    import jsonschema

    schema_data = schema()
    errors = sorted(jsonschema.Draft7Validator(schema_data).iter_errors(table), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.path) or "(top level)"
        message = error.message
        if error.validator == "additionalProperties" and not error.path:
            message = message.replace("Additional properties are not allowed", "unknown key")
        raise ConfigError(f"{path}: invalid config at {where}: {message}")
    cache.remember_config_valid(key)


def check_rule_keys(keys: list[str], where: str, path: Path) -> None:
    for key in keys:
        upper = key.strip().upper()
        if upper == "ALL" or find_rule(key) or RULE_CODE.match(upper):
            continue
        if upper[:2] not in ID_PREFIXES:  # an id outside ours: the plugin that has it, if one is installed
            try:
                if registry.enable_plugins_for(key):
                    continue
            except PluginError as exc:
                raise ConfigError(f"{path}: {exc}") from None
        # a family (DF) or an id prefix (DF1), as ruff takes E and E4
        if upper[:2] in ID_PREFIXES and (upper[2:] == "" or upper[2:].isdigit()) and any(i.id.startswith(upper) for i in manifest()):
            continue
        raise ConfigError(f"{path}: {where}: unknown rule {key!r} (see `hullcheck rules`)")


def from_table(table: dict, path: Path | None) -> Config:
    where = path or Path("<command line>")
    try:
        registry.enable_plugins(table.get("plugins", []))
    except PluginError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    for key in ("select", "extend-select", "ignore"):
        check_rule_keys(table.get(key, []), key, where)
    severity = {}
    for key, value in table.get("severity", {}).items():
        check_rule_keys([key], "severity", where)
        info = find_rule(key)
        severity[info.id if info else key.strip().upper()] = Severity.parse(value)
    for key, options in table.get("rules", {}).items():
        check_rule_keys([key], "rules", where)
        if "severity" in options:  # `[rules.<ID>] severity = ...` is the same as `[severity] <ID> = ...`
            info = find_rule(key)
            severity.setdefault(info.id if info else key, Severity.parse(options["severity"]))
    for pattern, keys in table.get("per-file-ignores", {}).items():
        check_rule_keys(keys, f"per-file-ignores[{pattern!r}]", where)
    return Config(
        path=path,
        select=tuple(table["select"]) if "select" in table else None,
        extend_select=tuple(table.get("extend-select", ())),
        ignore=tuple(table.get("ignore", ())),
        severity=severity,
        failure_threshold=Severity.parse(table.get("failure-threshold", "warning")),
        per_file_ignores={k: tuple(v) for k, v in table.get("per-file-ignores", {}).items()},
        exclude=tuple(table.get("exclude", ())) + tuple(table.get("extend-exclude", ())),
        target=table.get("target"),
        baseline=table.get("baseline"),
        runtime=table.get("runtime", "compose"),
        images=tuple(table.get("images", ())),
        rules={(find_rule(k).id if find_rule(k) else k): {n: o for n, o in v.items() if n not in RULE_KEYS}
               for k, v in table.get("rules", {}).items()},
        plugins=tuple(table.get("plugins", ())),
        shellcheck=bool(table.get("shellcheck", False)),
        no_fail=bool(table.get("no-fail", False)),
        hadolint_pragmas=bool(table.get("hadolint-pragmas", True)),
    )


HADOLINT_FILES = (".hadolint.yaml", ".hadolint.yml")


def hadolint_table(directory: Path) -> dict:
    """What the .hadolint.yaml in this folder means in our terms (lint/engine/hadolint.py), or {}."""
    from lint.engine import hadolint

    path = hadolint.file_in(directory)
    return hadolint.read(path) if path is not None else {}


class ConfigResolver:
    """Finds the nearest config for each file (cached per directory)."""

    def __init__(self, explicit: Path | None = None, overrides: dict | None = None) -> None:
        self.overrides = overrides or {}
        self.environment: dict | None = None  # HADOLINT_* variables, read on first use (a bad one is a ConfigError)
        self.explicit = self._load(explicit) if explicit else None
        self.by_directory: dict[Path, Config] = {}
        self.by_path: dict[Path, Config] = {}

    def _load(self, path: Path) -> Config:
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        if path.suffix in (".yaml", ".yml"):  # hadolint's `-c hadolint.yaml`, given as --config
            from lint.engine import hadolint

            return self._apply_overrides(from_table(self._with_environment({}, hadolint.read(path)), path))
        table = table_of(path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.hullcheck] table")
        validate(table, path)
        return self._apply_overrides(from_table(self._with_environment(table), path))

    def _with_environment(self, table: dict, hadolint_file: dict | None = None) -> dict:
        from lint.engine import hadolint

        if self.environment is None:
            self.environment = hadolint.environment()
        return hadolint.merge(hadolint.merge(hadolint_file or {}, self.environment), table)

    def _apply_overrides(self, config: Config) -> Config:
        if not self.overrides:
            return config
        return replace(config, **self.overrides)

    def for_path(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        if path not in self.by_path:  # asked for each file and each finding's file
            directory = path.resolve().parent if not path.is_dir() else path.resolve()
            self.by_path[path] = self._for_directory(directory)
        return self.by_path[path]

    def _top_config(self) -> Config:
        """No config up to the repository root: hadolint's own places ($PWD, then the user's), else defaults."""
        from lint.engine import hadolint

        if "top" not in self.__dict__:
            path = hadolint.fallback_file()
            table = self._with_environment({}, hadolint.read(path) if path is not None else {})
            self.top = self._apply_overrides(from_table(table, path) if table or path else Config())
        return self.top

    def _for_directory(self, directory: Path) -> Config:
        from lint.engine import hadolint

        if directory in self.by_directory:
            return self.by_directory[directory]
        config = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                table = table_of(candidate)
                if table is not None:
                    validate(table, candidate)
                    merged = self._with_environment(table, hadolint_table(directory))
                    config = self._apply_overrides(from_table(merged, candidate))
                    break
        if config is None:
            hadolint_file = hadolint.file_in(directory)
            if hadolint_file is not None:
                merged = self._with_environment({}, hadolint.read(hadolint_file))
                config = self._apply_overrides(from_table(merged, hadolint_file))
        if config is None:
            parent = directory.parent
            is_top = parent == directory or (directory / ".git").exists()
            config = self._top_config() if is_top else self._for_directory(parent)
        self.by_directory[directory] = config
        return config
