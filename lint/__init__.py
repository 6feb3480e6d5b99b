"""hullcheck: a linter for Dockerfiles and Docker Compose files, read together.

Rules (and plugins) import `lint.api`; the packages under `lint` are grouped by idea (see DESIGN.md)."""

__version__ = "0.1.0"

__all__ = ["__version__"]
