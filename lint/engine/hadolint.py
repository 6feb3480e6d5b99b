"""hadolint's configuration, read so a project moving from hadolint keeps its settings: `.hadolint.yaml`
(or `.yml`) and the `HADOLINT_*` environment variables, translated into a hullcheck config table.

Where a `.hadolint.yaml` is looked for, first found wins: the linted file's folder and each one above it up
to the repository root (beside a hullcheck config there, it is merged under it); then hadolint's own places,
in hadolint's order: `$PWD/.hadolint.yaml`, `$XDG_CONFIG_HOME/hadolint.yaml`, `~/.config/hadolint.yaml`,
`~/.hadolint/hadolint.yaml`, `~/hadolint/config.yaml`, `~/.hadolint.yaml` (each also as `.yml`). The user
places are read only where no hullcheck config applies: a project's own config is never changed by a file
in someone's home folder.

Keys and what they become (the keys of a hullcheck config beside it win):
  ignored                  ignore (codes hullcheck has no rule for are skipped)
  override.error|warning|info|style   severity
  failure-threshold        failure-threshold; `none` never fails, `ignore` fails on any finding
  no-fail                  never fail (exit 0 with findings)
  trustedRegistries        rules.DF502.trusted-registries (a string or a list)
  label-schema             rules.DF602.schema (`label: type` becomes "label:type")
  strict-labels            rules.DF602.strict
  disable-ignore-pragma    `# hadolint ignore=`, `global ignore=` and `stage ignore=` are not honoured
  format, no-color         accepted, no effect (hullcheck's --format names differ; NO_COLOR is read)
Any other key, a value of the wrong type or a file that is not YAML is an error (exit 2) naming it.

Environment variables (over the file's values, under a hullcheck config's): HADOLINT_NOFAIL,
HADOLINT_FAILURE_THRESHOLD, HADOLINT_OVERRIDE_ERROR / _WARNING / _INFO / _STYLE, HADOLINT_IGNORE,
HADOLINT_TRUSTED_REGISTRIES, HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS,
HADOLINT_DISABLE_IGNORE_PRAGMA (lists comma-separated; flags 1/true/yes or 0/false/no). HADOLINT_VERBOSE
and HADOLINT_FORMAT have no effect.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

FILES = (".hadolint.yaml", ".hadolint.yml")
LEVELS = ("error", "warning", "info", "style")
THRESHOLDS = (*LEVELS, "ignore", "none")
LABEL_TYPES = ("text", "url", "semver", "hash", "rfc3339", "spdx", "email")
FORMATS = ("tty", "json", "checkstyle", "codeclimate", "gitlab_codeclimate", "gnu", "codacy", "sonarqube", "sarif",
           "junit")
KEYS = ("failure-threshold", "format", "ignored", "label-schema", "no-color", "no-fail", "override", "strict-labels",
        "disable-ignore-pragma", "trustedRegistries")
REGISTRY_RULE = "DF502"
LABEL_RULE = "DF602"
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")


def user_files(environ=None) -> list[Path]:
    """hadolint's own places for its config, in its order (each name also with .yml)."""
    environ = os.environ if environ is None else environ
    home = Path(environ.get("HOME") or Path.home())
    xdg = environ.get("XDG_CONFIG_HOME") or str(home / ".config")
    places = [Path(xdg) / "hadolint.yaml", home / ".config" / "hadolint.yaml", home / ".hadolint" / "hadolint.yaml",
              home / "hadolint" / "config.yaml", home / ".hadolint.yaml"]
    found = []
    for place in places:
        for candidate in (place, place.with_suffix(".yml")):
            if candidate not in found:
                found.append(candidate)
    return found


def file_in(directory: Path) -> Path | None:
    for name in FILES:
        if (directory / name).is_file():
            return directory / name
    return None


def fallback_file(environ=None) -> Path | None:
    """The file hadolint itself would read when none is near the linted file: $PWD's, then the user's."""
    here = file_in(Path.cwd())
    if here is not None:
        return here
    return next((p for p in user_files(environ) if p.is_file()), None)


def _error(path: Path, message: str):
    from lint.engine.config_errors import ConfigError

    return ConfigError(f"{path}: invalid hadolint config: {message}")


def _strings(value: Any, key: str, path: Path, single: bool = False) -> list[str]:
    if single and isinstance(value, str):
        return [value]
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _error(path, f"{key} must be a list of strings")
    return value


def _flag(value: Any, key: str, path: Path) -> bool:
    if not isinstance(value, bool):
        raise _error(path, f"{key} must be true or false")
    return value


def read(path: Path) -> dict:
    """The hullcheck table a `.hadolint.yaml` means."""
    from ruamel.yaml import YAML, YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(path, f"cannot read: {exc}") from None
    except YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise _error(path, f"not YAML: {problem}{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _error(path, "expected a mapping of keys (ignored, override, ...)")
    return translate(data, path)


def translate(data: dict, path: Path) -> dict:
    from lint.engine.config_errors import nearest

    for key in data:
        if key not in KEYS:
            raise _error(path, f"unknown key {key!r}{nearest(str(key), KEYS)}")
    table: dict[str, Any] = {}
    ignored = _strings(data.get("ignored"), "ignored", path)
    if ignored:
        table["ignore"] = known_codes(ignored, "ignored", path)
    override = data.get("override") or {}
    if not isinstance(override, dict):
        raise _error(path, "override must map error/warning/info/style to lists of rules")
    severity = {}
    for level, codes in override.items():
        if level not in LEVELS:
            raise _error(path, f"unknown key 'override.{level}'{nearest(str(level), LEVELS)}")
        for code in known_codes(_strings(codes, f"override.{level}", path), f"override.{level}", path):
            severity[code] = level
    if severity:
        table["severity"] = severity
    if "failure-threshold" in data:
        table.update(threshold(data["failure-threshold"], path))
    if data.get("no-fail") is not None and _flag(data["no-fail"], "no-fail", path):
        table["no-fail"] = True
    for key in ("no-color", "strict-labels", "disable-ignore-pragma"):
        if data.get(key) is not None:
            _flag(data[key], key, path)
    if data.get("format") is not None and data["format"] not in FORMATS:
        raise _error(path, f"format must be one of {', '.join(FORMATS)}")
    if data.get("disable-ignore-pragma"):
        table["hadolint-pragmas"] = False
    registries = _strings(data.get("trustedRegistries"), "trustedRegistries", path, single=True)
    if registries:
        table.setdefault("rules", {}).setdefault(REGISTRY_RULE, {})["trusted-registries"] = registries
    schema = data.get("label-schema")
    if schema is not None:
        if not isinstance(schema, dict):
            raise _error(path, "label-schema must map label names to types")
        items = [f"{label}:{kind}" for label, kind in schema.items()]
        table.setdefault("rules", {}).setdefault(LABEL_RULE, {})["schema"] = label_schema(items, path)
    if data.get("strict-labels"):
        table.setdefault("rules", {}).setdefault(LABEL_RULE, {})["strict"] = True
    return table


def threshold(value: Any, where) -> dict:
    if value not in THRESHOLDS:
        raise _error(where, f"failure-threshold must be one of {', '.join(THRESHOLDS)}")
    if value == "none":
        return {"no-fail": True}
    return {"failure-threshold": "style" if value == "ignore" else value}


def label_schema(items: list[str], where) -> list[str]:
    """`label:type` items, checked: hadolint's types only."""
    checked = []
    for item in items:
        label, _, kind = item.partition(":")
        kind = (kind.strip() or "text").lower()
        if not label.strip() or kind not in LABEL_TYPES:
            raise _error(where, f"label schema {item!r}: expected label:type with a type among {', '.join(LABEL_TYPES)}")
        checked.append(f"{label.strip()}:{kind}")
    return checked


def known_codes(codes: list[str], key: str, path: Path) -> list[str]:
    """The codes hullcheck has a rule for (DL codes through aliases). hadolint's own codes without a rule here
    are skipped; anything that is not a rule code at all is an error."""
    import re

    from lint.engine.registry import find_rule

    kept = []
    for code in codes:
        if find_rule(code):
            kept.append(code)
        elif not re.fullmatch(r"(DL|SC)\d{4}", code.strip().upper()):
            raise _error(path, f"{key}: unknown rule {code!r}")
    return kept


def environment(environ=None) -> dict:
    """The hullcheck table the HADOLINT_* variables mean."""
    environ = os.environ if environ is None else environ
    where = Path("$HADOLINT_*")
    table: dict[str, Any] = {}

    def items(name: str) -> list[str]:
        return [v.strip() for v in environ.get(name, "").split(",") if v.strip()]

    def flag(name: str) -> bool:
        value = environ.get(name)
        if value is None:
            return False
        if value.strip().lower() in TRUE:
            return True
        if value.strip().lower() in FALSE:
            return False
        from lint.engine.config_errors import ConfigError

        raise ConfigError(f"{name}={value!r}: expected 1, true or yes (or 0, false, no)")

    def error(name: str, message: str):
        from lint.engine.config_errors import ConfigError

        return ConfigError(f"{name}: {message}")

    if items("HADOLINT_IGNORE"):
        table["ignore"] = known_codes_env(items("HADOLINT_IGNORE"), "HADOLINT_IGNORE")
    severity = {}
    for level in LEVELS:
        name = f"HADOLINT_OVERRIDE_{level.upper()}"
        for code in known_codes_env(items(name), name):
            severity[code] = level
    if severity:
        table["severity"] = severity
    value = environ.get("HADOLINT_FAILURE_THRESHOLD", "").strip()
    if value:
        if value not in THRESHOLDS:
            raise error("HADOLINT_FAILURE_THRESHOLD", f"expected one of {', '.join(THRESHOLDS)}, not {value!r}")
        table.update(threshold(value, where))
    if flag("HADOLINT_NOFAIL"):
        table["no-fail"] = True
    if flag("HADOLINT_DISABLE_IGNORE_PRAGMA"):
        table["hadolint-pragmas"] = False
    if items("HADOLINT_TRUSTED_REGISTRIES"):
        table.setdefault("rules", {}).setdefault(REGISTRY_RULE, {})["trusted-registries"] = items(
            "HADOLINT_TRUSTED_REGISTRIES")
    if items("HADOLINT_REQUIRE_LABELS"):
        try:
            schema = label_schema(items("HADOLINT_REQUIRE_LABELS"), where)
        except Exception as exc:
            raise error("HADOLINT_REQUIRE_LABELS", str(exc).split("config: ", 1)[-1]) from None
        table.setdefault("rules", {}).setdefault(LABEL_RULE, {})["schema"] = schema
    if flag("HADOLINT_STRICT_LABELS"):
        table.setdefault("rules", {}).setdefault(LABEL_RULE, {})["strict"] = True
    return table


def known_codes_env(codes: list[str], name: str) -> list[str]:
    try:
        return known_codes(codes, name, Path(name))
    except Exception as exc:
        from lint.engine.config_errors import ConfigError

        raise ConfigError(f"{name}: {str(exc).split(': ', 2)[-1]}") from None


def merge(lower: dict, upper: dict) -> dict:
    """`upper`'s keys over `lower`'s; `severity` and `rules` merged per rule (and per option)."""
    merged = {**lower, **upper}
    if isinstance(lower.get("severity"), dict) and isinstance(upper.get("severity"), dict):
        merged["severity"] = {**lower["severity"], **upper["severity"]}
    if isinstance(lower.get("rules"), dict) and isinstance(upper.get("rules"), dict):
        rules = {key: dict(value) for key, value in lower["rules"].items()}
        for key, value in upper["rules"].items():
            rules[key] = {**rules.get(key, {}), **value} if isinstance(value, dict) else value
        merged["rules"] = rules
    return merged
