"""Plain data types shared by the parsers, the rules, the engine and the reporters."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """Half-open range of code-point offsets into a decoded source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends before it starts: {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        if self.start == self.end or other.start == other.end:
            # an insertion point conflicts with an edit that covers it strictly
            return self.start < other.end and other.start < self.end or self.start == other.start
        return self.start < other.end and other.start < self.end


class Severity(enum.IntEnum):
    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in reversed(cls))
            raise ValueError(f"unknown severity {text!r} (expected one of {names})") from None


class Applicability(enum.Enum):
    """How sure we are that a fix keeps the user's meaning."""

    SAFE = "safe"  # meaning kept: applied by --fix
    UNSAFE = "unsafe"  # changes behaviour the user most likely wants: --unsafe-fixes
    DISPLAY = "display"  # shown only, never applied

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Edit:
    """Replace the text in `span` of the file at `path` (empty span inserts, empty text deletes)."""

    path: str
    span: Span
    text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (e.g. the Dockerfile line behind a compose finding)."""

    path: str
    span: Span
    message: str = ""


@dataclass
class Finding:
    rule_id: str
    severity: Severity
    message: str
    path: str
    span: Span
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # filled by the engine for reporting
    rule_name: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # stable across unrelated edits (no line numbers in it): baselines, SARIF and GitLab reports use it
    fingerprint: str = ""
    extra: dict = field(default_factory=dict)
    # the finding's own code inside its rule (ShellCheck's SC2086 under the `shellcheck` rule): selection,
    # severity and suppressions accept it like a rule id
    code: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.span.start, self.span.end, self.rule_id, self.message)

    @property
    def shown_id(self) -> str:
        """The id reports print: the rule's, and its own code when it has one (`DF390/SC2086`, as SARIF
        writes a rule's sub-check)."""
        return f"{self.rule_id}/{self.code}" if self.code else self.rule_id


def finding(
    span: Span,
    message: str,
    *,
    path: str | None = None,
    severity: Severity | None = None,
    fix: Fix | None = None,
    related: tuple[Related, ...] | list[Related] = (),
    service: str | None = None,
    code: str = "",
) -> Finding:
    """What a rule yields: the engine fills in the rule id, its severity (unless given) and the path
    (unless given: a rule about the whole project may point into another file). `service` names the
    compose service the finding is about: where several services share the place (a YAML anchor, an
    `extends` base), the engine makes them one finding naming them all. `code`: the finding's own code
    inside the rule (ShellCheck's SC2086), which config and ignore comments accept like a rule id."""
    extra = {"service": service} if service is not None else {}
    return Finding("", severity, message, path or "", span, fix, tuple(related),  # type: ignore[arg-type]
                   extra=extra, code=code)
