"""hullcheck: a linter for Dockerfiles and Docker Compose files, read together."""
from lint.core.model import Applicability, Edit, Finding, Fix, Related, Severity, Span, finding
from lint.core.rules import COMPOSE, DOCKERFILE, ENGINE, rule

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "COMPOSE",
    "DOCKERFILE",
    "ENGINE",
    "Edit",
    "Finding",
    "finding",
    "Fix",
    "Related",
    "Severity",
    "Span",
    "rule",
    "__version__",
]
