"""Merging compose files as compose-go does (override/merge.go, uncity.go, loader/reset.go) on our own
Node trees, so every merged leaf keeps the file and span it came from; service normalisation."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from lint.core.model import Span


# Keys whose list entries compose de-duplicates after a merge (compose-go override/uncity.go); the
# later entry takes the earlier one's place.
UNIQUE_LISTS = {"ports", "volumes", "secrets", "configs", "links", "profiles", "cap_add", "cap_drop", "dns",
                "dns_opt", "dns_search", "expose", "env_file", "tmpfs", "devices", "label_file"}
# Keys that are a mapping or a list of `KEY=VALUE` strings; both forms become a mapping.
KEY_VALUE = {"environment", "labels", "annotations", "sysctls"}
BUILD_KEY_VALUE = {"args", "labels"}
KEY_VALUE_PATHS = {(k,) for k in KEY_VALUE} | {("build", k) for k in BUILD_KEY_VALUE} | {("deploy", "labels")}
# Service keys replaced whole by a later file instead of merged.
REPLACED = {("command",), ("entrypoint",), ("healthcheck", "test")}


# ----------------------------------------------------------------------------------------- node helpers

def _derive(node, value, kind: str | None = None, **attrs):
    """A copy of `node` holding another value: merged containers keep the place of the node they grew from."""
    new = copy.copy(node)
    new.value = value
    if kind is not None and kind != "scalar":
        new.kind = kind
        new.raw = new.style = new._text = None
        new.yaml_type = kind
        new.interpolated = False
    for name, val in attrs.items():
        setattr(new, name, val)
    return new


def _synthetic(item, value, span: Span | None = None, key_span: Span | None = None):
    """A scalar compose implies from a shorter form (`FOO=bar`, a short depends_on entry), placed on the
    text it comes from; string values are interpolated like any other."""
    new = copy.copy(item)
    new.kind = "scalar"
    new.tag = None
    new.value = value
    new.raw = value if isinstance(value, str) else None
    new.yaml_type = {bool: "bool", int: "int", type(None): "null"}.get(type(value), "str")
    new._text = None
    new.interpolated = False
    if span is not None:
        new.span = span
    if key_span is not None:
        new.key_span = key_span
    if isinstance(value, str) and "$" in value:
        from lint.compose import InterpolationError, interpolate

        try:
            new._text, new.interpolated = interpolate(value)
        except InterpolationError:
            pass
    return new


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _is_map(node) -> bool:
    return node is not None and node.kind == "map" and isinstance(node.value, dict)


def _is_seq(node) -> bool:
    return node is not None and node.kind == "seq" and isinstance(node.value, list)


def _text(node) -> str | None:
    if node is None or node.kind != "scalar":
        return None
    try:
        return node.text
    except Exception:
        return None if node.value is None else str(node.value)


def _truth(node, default: bool) -> bool:
    """A boolean as compose casts it (true/false, and yes/no/on/off/y/n with a warning)."""
    if node is None or node.kind != "scalar" or node.value is None:
        return default
    if isinstance(node.value, bool):
        return node.value
    text = (_text(node) or "").strip().lower()
    if text in ("true", "yes", "on", "y", "1"):
        return True
    if text in ("false", "no", "off", "n", "0"):
        return False
    return default


# ----------------------------------------------------------------------------------------- normalising

def _key_value_map(node):
    """environment/labels as a mapping: list entries `K=V` become K -> a scalar holding V."""
    if not _is_seq(node):
        return node
    entries: dict[str, Any] = {}
    for item in node.value:
        if item.kind != "scalar" or item.value is None:
            continue
        raw = item.value if isinstance(item.value, str) else _text(item) or ""
        key, sep, rest = raw.partition("=")
        if not key:
            continue
        span = item.span
        key_span = item.span
        if item.style is None and item.raw == raw:  # plain text: point at the key and the value themselves
            key_span = Span(span.start, span.start + len(key))
            if sep:
                span = Span(key_span.end + 1, span.end)
        entries[key] = _synthetic(item, rest if sep else None, span, key_span)
    return _derive(node, entries, "map")


def _depends_on_map(node):
    """Short form `[a, b]` as the long form: a -> {condition: service_started, required: true}."""
    if not _is_seq(node):
        return node
    entries: dict[str, Any] = {}
    for item in node.value:
        name = _text(item)
        if not name:
            continue
        defaults = {"condition": _synthetic(item, "service_started"), "required": _synthetic(item, True)}
        entries[name] = _derive(item, defaults, "map", key_span=item.span)
    return _derive(node, entries, "map")


def _build_map(node):
    """`build: ./dir` as `build: {context: ./dir}`."""
    if node is None or node.kind != "scalar" or node.value is None:
        return node
    return _derive(node, {"context": node}, "map")


def _networks_map(node):
    if not _is_seq(node):
        return node
    entries = {}
    for item in node.value:
        name = _text(item)
        if name:
            entries[name] = _synthetic(item, None, key_span=item.span)
    return _derive(node, entries, "map")


def normalise_service(node):
    """One file's service in the forms the merge works on (list or map forms made maps)."""
    if not _is_map(node):
        return node
    value = dict(node.value)
    changed = False
    for key, child in node.value.items():
        new = child
        if key in KEY_VALUE:
            new = _key_value_map(child)
        elif key == "depends_on":
            new = _depends_on_map(child)
        elif key == "networks":
            new = _networks_map(child)
        elif key == "build":
            new = _build_map(child)
            if _is_map(new):
                inner = dict(new.value)
                for sub in BUILD_KEY_VALUE:
                    if sub in inner:
                        inner[sub] = _key_value_map(inner[sub])
                new = _derive(new, inner, "map") if inner != new.value else new
        elif key == "deploy" and _is_map(child) and "labels" in child.value:
            inner = dict(child.value)
            inner["labels"] = _key_value_map(inner["labels"])
            new = _derive(child, inner, "map")
        if new is not child:
            value[key] = new
            changed = True
    return _derive(node, value, "map") if changed else node


# ----------------------------------------------------------------------------------------- merging

def _service_path(path: tuple) -> tuple | None:
    """The key path inside a service, for a path that starts ('services', name, ...)."""
    if len(path) >= 2 and path[0] == "services":
        return path[2:]
    return None


def merge(base, over, path: tuple = (), keep: str = "base"):
    """Merge `over` onto `base` under compose's override rules. `keep` says whose place (path, span,
    key span) a merged container takes: the earlier file's ('base'), or the local service's with
    `extends` ('over'). Returns None when the result is deleted (`!reset`)."""
    if over is None:
        return base
    if over.tag == "!reset":
        return None
    if base is None or over.tag == "!override":
        return _strip_resets(over)
    inner = _service_path(path)
    if inner in REPLACED:
        return _strip_resets(over)
    if over.kind == "scalar" and over.value is None:
        # an empty value does not remove what an earlier file set
        return base
    if _is_map(base) and _is_map(over):
        if inner in KEY_VALUE_PATHS:
            # entries replace entries; compose reads these as `K=V` lists, so a `!reset` entry deletes nothing
            value = dict(base.value)
            value.update((k, c) for k, c in over.value.items() if c.tag != "!reset")
            return _derive(over if keep == "over" else base, value, "map", tag=None)
        if inner == ("logging",):
            driver_b, driver_o = _text(base.get("driver")), _text(over.get("driver"))
            if driver_b is not None and driver_o is not None and driver_b != driver_o:
                return _strip_resets(over)
        value = dict(base.value)
        for key, child in over.value.items():
            if key in value and not key.startswith("x-"):
                merged = merge(value[key], child, path + (key,), keep)
            else:
                merged = None if child.tag == "!reset" else _strip_resets(child)
            if merged is None:
                value.pop(key, None)
            else:
                value[key] = merged
        anchor = over if keep == "over" else base
        return _derive(anchor, value, "map", tag=None)
    if _is_seq(base) and _is_seq(over):
        items = list(base.value) + list(_strip_resets(over).value)
        anchor = over if keep == "over" else base
        return _derive(anchor, items, "seq", tag=None)
    return _strip_resets(over)


def _strip_resets(node):
    """A file's own value with its `!reset` entries dropped (they only delete inherited values)."""
    if _is_map(node):
        value = {k: _strip_resets(c) for k, c in node.value.items() if c.tag != "!reset"}
        same = len(value) == len(node.value) and all(value[k] is c for k, c in node.value.items())
        return node if same else _derive(node, value, "map")
    if _is_seq(node):
        items = [_strip_resets(c) for c in node.value if c.tag != "!reset"]
        same = len(items) == len(node.value) and all(a is b for a, b in zip(items, node.value))
        return node if same else _derive(node, items, "seq")
    return node


def _entry_key(field_name: str, item) -> str | None:
    """What compose de-duplicates a list entry on (compose-go override/uncity.go indexers)."""
    if item.kind == "scalar":
        text = _text(item)
        if text is None:
            return None
        if field_name == "volumes" or field_name == "devices":
            parts = text.split(":")
            return parts[1] if len(parts) > 1 else parts[0]
        if field_name in ("secrets", "configs"):
            return text
        if field_name in ("ports", "expose", "env_file", "tmpfs"):
            return text
        return text.split("=", 1)[0]
    if _is_map(item):
        get = lambda k: _text(item.get(k))  # noqa: E731
        if field_name == "ports":
            return f"{get('host_ip') or ''}:{get('published') or ''}:{get('target')}/{get('protocol') or 'tcp'}"
        if field_name in ("volumes", "devices"):
            return get("target")
        if field_name in ("secrets", "configs"):
            return get("target") or get("source")
        if field_name == "env_file":
            return get("path")
    return None


def _unique(field_name: str, node):
    if not _is_seq(node):
        return node
    seen: dict[str, int] = {}
    items: list = []
    for item in node.value:
        key = _entry_key(field_name, item)
        if key is not None and key in seen:
            items[seen[key]] = item
            continue
        if key is not None:
            seen[key] = len(items)
        items.append(item)
    if len(items) == len(node.value):
        return node
    return _derive(node, items, "seq")


def enforce_unicity(service):
    if not _is_map(service):
        return service
    value = dict(service.value)
    changed = False
    for key in UNIQUE_LISTS & value.keys():
        new = _unique(key, value[key])
        if new is not value[key]:
            value[key] = new
            changed = True
    return _derive(service, value, "map") if changed else service


def _without_extends(node):
    if _is_map(node) and "extends" in node.value:
        value = dict(node.value)
        value.pop("extends")
        return _derive(node, value, "map")
    return node


def dependency_names(root) -> set[str]:
    """The services a compose file's services depend on by name (depends_on, short or long form), from
    the file's top-level node."""
    services = root.get("services") if _is_map(root) else None
    found: set[str] = set()
    for node in services.value.values() if _is_map(services) else []:
        depends = node.get("depends_on") if _is_map(node) else None
        if _is_seq(depends):
            found.update(_text(item) or "" for item in depends.value)
        elif _is_map(depends):
            found.update(depends.value)
    return found
