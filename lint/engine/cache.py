"""Results cache, as ruff keeps one: findings by (file hash, config, project context, version).

Lives in `.hullcheck_cache/` under the project root (or $HULLCHECK_CACHE_DIR). Any problem with
the cache only costs speed: it is read and written best-effort.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from lint import __version__

_directory: Path | None = None
_enabled = True


def configure(root: Path | None, enabled: bool = True) -> None:
    global _directory, _enabled
    _enabled = enabled
    env = os.environ.get("HULLCHECK_CACHE_DIR")
    if env:
        _directory = Path(env)
    elif root is not None:
        _directory = root / ".hullcheck_cache"
    else:
        _directory = None


def _dir() -> Path | None:
    if not _enabled:
        return None
    if _directory is None:
        env = os.environ.get("HULLCHECK_CACHE_DIR")
        return Path(env) if env else None
    return _directory


def key_of(*parts: str | bytes) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _path(kind: str, key: str) -> Path | None:
    directory = _dir()
    if directory is None:
        return None
    return directory / __version__ / kind / key[:2] / key


def read(kind: str, key: str):
    path = _path(kind, key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(kind: str, key: str, value) -> None:
    path = _path(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        gitignore = path.parents[3] / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# created by hullcheck\n*\n", encoding="utf-8")
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle)
        os.replace(temp, path)
    except OSError:
        pass


def config_known_valid(key: str) -> bool:
    return read("config", key) is True


def remember_config_valid(key: str) -> None:
    write("config", key, True)
