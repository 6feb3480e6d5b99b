"""Validation: values compose rejects whatever the schema says, compose-go's casts and decodes, and the
JSON Schema (compose.schema.json) check with messages that point at the offending node."""
from __future__ import annotations

import re
from typing import Any

from lint.compose.nodes import MAP, SCALAR, SEQ, Node, SchemaProblem
from lint.core.model import Severity, Span


# --------------------------------------------------------------------------------------------
# Values compose rejects whatever the schema says


def _check_values(node: Node, problems: list[SchemaProblem]) -> None:
    """Unquoted dates: go-yaml reads them as timestamps, which compose cannot use outside x-*
    (the schema does not look inside extensions, at any level)."""
    if node.kind == SCALAR:
        if node.yaml_type == "timestamp":
            problems.append(
                SchemaProblem(
                    f"{node.raw} is read as a date, which compose rejects (invalid jsonType time.Time): quote it",
                    node.span,
                )
            )
        return
    for key, child in node.items() if node.kind == MAP else enumerate(node.value):
        if isinstance(key, str) and key.startswith("x-"):
            continue
        _check_values(child, problems)


# --------------------------------------------------------------------------------------------
# Schema


# compose-go casts strings at these paths (after interpolation, before the schema check);
# a string that does not cast is an error. '*' is any key, '[]' any list item.
_INT, _INT64, _FLOAT, _BOOL = "int", "int64", "float", "bool"
_CASTS: dict[tuple[str, ...], str] = {
    **{
        ("services", "*", *path): cast
        for path, cast in {
            ("configs", "[]", "mode"): _INT,
            ("cpu_count",): _INT64,
            ("cpu_percent",): _FLOAT,
            ("cpu_period",): _INT64,
            ("cpu_quota",): _INT64,
            ("cpu_rt_period",): _INT64,
            ("cpu_rt_runtime",): _INT64,
            ("cpus",): _FLOAT,
            ("cpu_shares",): _INT64,
            ("init",): _BOOL,
            ("deploy", "replicas"): _INT,
            ("deploy", "update_config", "parallelism"): _INT,
            ("deploy", "update_config", "max_failure_ratio"): _FLOAT,
            ("deploy", "rollback_config", "parallelism"): _INT,
            ("deploy", "rollback_config", "max_failure_ratio"): _FLOAT,
            ("deploy", "restart_policy", "max_attempts"): _INT,
            ("deploy", "placement", "max_replicas_per_node"): _INT,
            ("healthcheck", "retries"): _INT,
            ("healthcheck", "disable"): _BOOL,
            ("oom_kill_disable",): _BOOL,
            ("oom_score_adj",): _INT64,
            ("pids_limit",): _INT64,
            ("ports", "[]", "target"): _INT,
            ("privileged",): _BOOL,
            ("read_only",): _BOOL,
            ("scale",): _INT,
            ("secrets", "[]", "mode"): _INT,
            ("stdin_open",): _BOOL,
            ("tty",): _BOOL,
            ("ulimits", "*"): _INT,
            ("ulimits", "*", "hard"): _INT,
            ("ulimits", "*", "soft"): _INT,
            ("volumes", "[]", "read_only"): _BOOL,
            ("volumes", "[]", "volume", "nocopy"): _BOOL,
        }.items()
    },
    ("networks", "*", "external"): _BOOL,
    ("networks", "*", "internal"): _BOOL,
    ("networks", "*", "attachable"): _BOOL,
    ("networks", "*", "enable_ipv4"): _BOOL,
    ("networks", "*", "enable_ipv6"): _BOOL,
    ("volumes", "*", "external"): _BOOL,
    ("secrets", "*", "external"): _BOOL,
    ("configs", "*", "external"): _BOOL,
}
_CAST_NAMES = {_INT: "an integer", _INT64: "an integer", _FLOAT: "a number", _BOOL: "a boolean"}
_BOOLEANS = {"true": True, "false": False, "y": True, "yes": True, "on": True, "n": False, "no": False, "off": False}


# Strings compose reads later, while decoding into its types (a failure is an error there too)
_DURATION, _SIZE = "duration", "size"
_DECODED: dict[tuple[str, ...], str] = {
    ("services", "*", *path): kind
    for path, kind in {
        ("stop_grace_period",): _DURATION,
        ("healthcheck", "interval"): _DURATION,
        ("healthcheck", "timeout"): _DURATION,
        ("healthcheck", "start_period"): _DURATION,
        ("healthcheck", "start_interval"): _DURATION,
        ("deploy", "restart_policy", "delay"): _DURATION,
        ("deploy", "restart_policy", "window"): _DURATION,
        ("deploy", "update_config", "delay"): _DURATION,
        ("deploy", "update_config", "monitor"): _DURATION,
        ("deploy", "rollback_config", "delay"): _DURATION,
        ("deploy", "rollback_config", "monitor"): _DURATION,
        ("mem_limit",): _SIZE,
        ("mem_reservation",): _SIZE,
        ("memswap_limit",): _SIZE,
        ("mem_swappiness",): _SIZE,
        ("shm_size",): _SIZE,
        ("build", "shm_size"): _SIZE,
        ("volumes", "[]", "tmpfs", "size"): _SIZE,
        ("deploy", "resources", "limits", "memory"): _SIZE,
        ("deploy", "resources", "reservations", "memory"): _SIZE,
        ("attach",): _BOOL,
        ("build", "no_cache"): _BOOL,
        ("build", "pull"): _BOOL,
        ("build", "privileged"): _BOOL,
        ("volumes", "[]", "bind", "create_host_path"): _BOOL,
        ("depends_on", "*", "restart"): _BOOL,
        ("env_file", "[]", "required"): _BOOL,
        ("post_start", "[]", "privileged"): _BOOL,
        ("pre_stop", "[]", "privileged"): _BOOL,
    }.items()
}
# only what is plainly not a size: compose's size reader takes "1gb", "1.5 GiB", "1e3", ...
_SIZE_START = re.compile(r"\s*[-+]?[0-9.]")
_DECODED_NAMES = {_DURATION: "a duration (such as 30s or 1m30s)", _SIZE: "a size (such as 512m or 1gb)",
                  _BOOL: "a boolean"}


def _decoded_ok(text: str, kind: str) -> bool:
    if kind == _DURATION:
        from lint.core.goparse import parse_duration

        return parse_duration(text)[0] is not None
    if kind == _SIZE:
        return bool(_SIZE_START.match(text))
    return text.lower() in _BOOLEANS


def _pattern_for(table: dict[tuple[str, ...], str], path: tuple) -> str | None:
    """The kind of the first pattern of `table` that `path` matches ('*' any key, '[]' any list item).
    Walks a trie of the patterns: this runs for every scalar of the file on every change."""
    if not path or path[0] not in ("services", "networks", "volumes", "secrets", "configs"):
        return None
    trie = _TRIES.get(id(table))
    if trie is None:
        trie = _TRIES[id(table)] = _trie(table)
    nodes = [trie]
    for key in path:
        nodes = [child for node in nodes for child in (
            (node.get("[]"),) if isinstance(key, int) else (node.get(key), node.get("*"))) if child is not None]
        if not nodes:
            return None
    ends = [node[None] for node in nodes if None in node]
    return min(ends)[1] if ends else None


_TRIES: dict[int, dict] = {}


def _trie(table: dict[tuple[str, ...], str]) -> dict:
    root: dict = {}
    for order, (pattern, kind) in enumerate(table.items()):
        node = root
        for part in pattern:
            node = node.setdefault(part, {})
        node.setdefault(None, (order, kind))
    return root


def _cast_for(path: tuple) -> str | None:
    return _pattern_for(_CASTS, path)


def _cast(text: str, cast: str) -> Any:
    if cast == _BOOL:
        return _BOOLEANS[text.lower()]
    if cast == _FLOAT:
        if not _GO_FLOAT.match(text):
            raise ValueError(text)
        return float(text.replace("_", ""))
    if not re.fullmatch(r"[+-]?[0-9]+", text):  # strconv.Atoi / ParseInt(s, 10, 64)
        raise ValueError(text)
    return int(text)


_GO_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)\Z", re.I)


def _validation_data(node: Node, path: tuple, problems: list[SchemaProblem]) -> Any:
    """The data compose validates: interpolated with defaults, strings cast at compose's cast paths."""
    # `!reset` values are dropped before compose validates (they only undo an inherited value)
    if node.kind == MAP:
        return {
            key: _validation_data(child, (*path, key), problems)
            for key, child in node.value.items()
            if child.tag != "!reset"
        }
    if node.kind == SEQ:
        return [_validation_data(child, (*path, i), problems) for i, child in enumerate(node.value)]
    value = node.plain()
    if isinstance(value, str) and node.yaml_type == "str":
        # an interpolated value may be fine once its variables are set: judge only literal text
        cast = _cast_for(path)
        if cast is not None:
            try:
                return _cast(value, cast)
            except (ValueError, KeyError):
                if not node.interpolated:
                    problems.append(
                        SchemaProblem(f"{_dotted(path)}: {value!r} is not {_CAST_NAMES[cast]}", _problem_span(node))
                    )
        decoded = _pattern_for(_DECODED, path)
        if decoded is not None and not node.interpolated and not _decoded_ok(value, decoded):
            problems.append(
                SchemaProblem(f"{_dotted(path)}: {value!r} is not {_DECODED_NAMES[decoded]}", _problem_span(node))
            )
    return value


_VALIDATOR: Any = None


def _validator() -> Any:
    """The compose schema validator, built once per process."""
    global _VALIDATOR
    if _VALIDATOR is None:
        import json
        from pathlib import Path

        from jsonschema import Draft202012Validator

        schema = json.loads((Path(__file__).with_name("compose.schema.json")).read_text(encoding="utf-8"))
        _VALIDATOR = Draft202012Validator(schema)
    return _VALIDATOR


def _dotted(path: tuple | list) -> str:
    return ".".join(str(p) for p in path) or "the top level"


def _problem_span(node: Node) -> Span:
    return node.key_span or node.span


def _v1_services(root: Node) -> list[str]:
    """Top-level keys that look like Compose v1 services (`web: {image: x}` without `services:`)."""
    if root.get("services") is not None:
        return []
    return [
        key
        for key, child in root.items()
        if key not in _TOP_LEVEL and not key.startswith("x-") and child.kind == MAP
        and any(k in child.value for k in ("image", "build", "command", "ports", "links", "volumes"))
    ]


_TOP_LEVEL = {"version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models"}


def validate(root: Node) -> list[SchemaProblem]:
    """Check the file against our compose schema; every problem sits on the key at fault."""
    if root.kind != MAP:
        return [SchemaProblem("a compose file must be a mapping of top-level keys (services:, ...)", root.span)]
    legacy = _v1_services(root)
    if legacy:
        first = root.get(legacy[0])
        return [
            SchemaProblem(
                f"obsolete Compose v1 format (service {legacy[0]!r} at the top level): put the services under "
                "`services:`",
                _problem_span(first),
            )
        ]
    problems: list[SchemaProblem] = []
    data = _validation_data(root, (), problems)
    for error in _schema_errors(data):
        problems.extend(_explain(error, root))
    return problems


# a service's schema errors by (name, content): an edit in an editor re-validates only the service it touches
_SERVICE_ERRORS: dict[tuple[str, str], list] = {}


def _schema_errors(data: Any) -> list:
    """jsonschema's errors for the file, in the order it finds them. Each service is validated on its own
    (and remembered by its content) in the place the whole file's validation would reach it: after the
    top-level keys the schema lists before `services`, before the error on invalid service names."""
    import json

    validator = _validator()
    services = data.get("services") if isinstance(data, dict) else None
    shape = validator.schema["properties"]["services"]
    patterns = list(shape.get("patternProperties", {}))
    if not isinstance(services, dict) or list(shape) != ["type", "patternProperties", "additionalProperties"] or \
            len(patterns) != 1:
        return list(validator.iter_errors(data))
    pattern = re.compile(patterns[0])
    named = {name: value for name, value in services.items() if pattern.search(name)}
    service_errors = []
    for name, value in named.items():
        try:
            key = (name, json.dumps(value, default=repr))
        except (TypeError, ValueError):
            key = None
        errors = _SERVICE_ERRORS.get(key) if key else None
        if errors is None:
            errors = list(_service_validator().iter_errors(value))
            for error in errors:
                error.path.extendleft(reversed(("services", name)))
                error.schema_path.extendleft(reversed(("properties", "services", "patternProperties", patterns[0])))
            if key:
                if len(_SERVICE_ERRORS) > 1000:
                    _SERVICE_ERRORS.clear()
                _SERVICE_ERRORS[key] = errors
        service_errors.extend(errors)
    # the rest, with an empty service (valid) in place of each named one
    rest = list(validator.iter_errors({**data, "services": {n: {} if n in named else v for n, v in services.items()}}))
    keys = list(validator.schema["properties"])
    before = set(keys[: keys.index("services")])
    split = 0
    while split < len(rest) and rest[split].path and rest[split].path[0] in before:
        split += 1
    return rest[:split] + service_errors + rest[split:]


_SERVICE_VALIDATOR: Any = None


def _service_validator() -> Any:
    global _SERVICE_VALIDATOR
    if _SERVICE_VALIDATOR is None:
        validator = _validator()
        _SERVICE_VALIDATOR = validator.evolve(schema={"$ref": validator.schema["$id"] + "#/$defs/service"})
    return _SERVICE_VALIDATOR


def _node_at(root: Node, path: Any) -> Node:
    node = root
    for key in path:
        child = node.get(key)
        if child is None:
            break
        node = child
    return node


_JSON_TYPES = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "a boolean", "null": "null"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "a mapping"


def _allowed_types(schema: dict) -> list[str]:
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return [_JSON_TYPES[t] for t in types]
    if "enum" in schema:
        return ["one of " + ", ".join(map(str, schema["enum"]))]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _allowed_types(_validator().schema["$defs"][name])
    names: list[str] = []
    for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
        names.extend(n for n in _allowed_types(branch) if n not in names)
    return names


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# keys of the old file formats that the Compose Specification dropped: compose rejects them (FACTS §5), so
# they are errors, unlike a key we do not know, which a newer compose may accept
_REMOVED_SERVICE_KEYS = {
    "net": "network_mode",
    "log_driver": "logging.driver",
    "log_opt": "logging.options",
    "dockerfile": "build.dockerfile",
    "volume_driver": "a driver on the named volume",
}


def _misspelt(key: str, known) -> str | None:
    """The known key `key` is most likely a typo of: one letter added, dropped, changed or swapped
    (`healtcheck`, `enviroment`), or a known key cut short at an underscore (`depends`). A key far from
    every known one may belong to a newer compose."""
    for name in known:
        if name.startswith(key + "_") or (len(key) >= 4 and _one_edit(key, name)):
            return name
    return None


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _explain(error: Any, root: Node) -> list[SchemaProblem]:
    """Turn one jsonschema error into problems with a clear message on the right key."""
    path = list(error.absolute_path)
    node = _node_at(root, path)
    where = _dotted(path)
    validator = error.validator
    if validator == "additionalProperties":
        extras = [key for key in error.instance if key not in error.schema.get("properties", {})
                  and not any(re.search(p, key) for p in error.schema.get("patternProperties", {}))]
        problems = []
        for key in extras:
            child = node.get(key)
            span = _problem_span(child) if child is not None else _problem_span(node)
            if not path:
                problems.append(SchemaProblem(
                    f"unknown top-level key {key!r}: compose rejects it (custom keys must start with x-)", span))
            elif path[0] in ("services", "volumes", "secrets", "configs") and len(path) == 1:
                kind = path[0][:-1]
                problems.append(SchemaProblem(
                    f"invalid {kind} name {key!r}: use only letters, digits, '.', '_' and '-'", span))
            elif len(path) == 2 and path[0] == "services" and key in _REMOVED_SERVICE_KEYS:
                problems.append(SchemaProblem(
                    f"{key!r} in service {path[1]!r} is a Compose v1/v2 key that compose rejects: use "
                    f"{_REMOVED_SERVICE_KEYS[key]}", span))
            else:
                known = error.schema.get("properties", {})
                place = f"service {path[1]!r}" if len(path) == 2 and path[0] == "services" else where
                typo = _misspelt(key, known)
                if typo:
                    problems.append(SchemaProblem(
                        f"unknown key {key!r} in {place}: compose rejects it (did you mean {typo!r}?)", span))
                else:
                    # compose rejects it too, but a newer compose may know it: said, not failed
                    problems.append(SchemaProblem(
                        f"unknown key {key!r} in {place}: compose 2.40 rejects it (a key of a newer compose?)",
                        span, Severity.INFO))
        return problems
    span = _problem_span(node)
    exact = root.get(*path) is node
    if exact and node.kind == SCALAR and node.interpolated and validator in (
            "pattern", "enum", "minimum", "maximum", "format"):
        return []  # the value comes from the environment: judged only once it is known
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [SchemaProblem(f"{where}: missing required key {', '.join(map(repr, missing))}", span)]
    if validator in ("oneOf", "anyOf"):
        # report the errors of the branch meant for this kind of value, when there is one
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [errs for errs in branches.values()
                   if not any(e.validator == "type" and list(e.absolute_path) == path for e in errs)]
        if len(fitting) == 1:
            return [p for sub in fitting[0] for p in _explain(sub, root)]
        validator = "type"
        schema = error.schema
    else:
        schema = error.schema
    if validator == "type":
        if path == ["version"]:
            return [SchemaProblem(
                f"version must be a string: write version: \"{node.raw}\" (or remove it: compose ignores it)", span)]
        allowed = _allowed_types(schema)
        return [SchemaProblem(f"{where} must be {_either(allowed)}, not {_type_name(error.instance)}", span)]
    if validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return [SchemaProblem(f"{where}: {error.instance!r} is not one of {options}", span)]
    if validator == "pattern":
        return [SchemaProblem(f"{where}: {error.instance!r} does not match {error.validator_value!r}", span)]
    if validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        return [SchemaProblem(f"{where}: {error.instance!r} must be {bound} {error.validator_value}", span)]
    return [SchemaProblem(f"{where}: {error.message}", span)]
