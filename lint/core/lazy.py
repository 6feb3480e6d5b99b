"""Lazy package re-exports: a package names what it offers and where it lives, and a name's module is
imported on first use, so importing a package (or `lint.api`) does not load everything at start-up."""
from __future__ import annotations

import importlib
from typing import Callable


def lazy_exports(package: str, exports: dict[str, str], namespace: dict) -> Callable[[str], object]:
    """A module `__getattr__` that imports `exports[name]` on first use and keeps the value in the
    package's namespace, so the look-up happens once."""
    def __getattr__(name: str):
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
