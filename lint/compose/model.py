"""The compose model: the parsed file (ComposeFile) with its node tree, services, comments and problems."""
from __future__ import annotations

from dataclasses import dataclass, field

from lint.compose.nodes import MAP, SCALAR, Comment, Node, Problem, SchemaProblem
from lint.core.model import Span
from lint.core.source import Source


@dataclass(eq=False)
class ComposeFile:
    source: Source
    root: Node | None
    errors: list[Problem] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # interpolation and scalar problems found while reading; schema ones are added lazily
    value_problems: list[SchemaProblem] = field(default_factory=list)
    _schema_problems: list[SchemaProblem] | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def services(self) -> dict[str, Node]:
        node = self.root.get("services") if self.root else None
        return dict(node.value) if node is not None and node.kind == MAP else {}

    def extending(self, name: str) -> list[str]:
        """Services of this file that `extends` the service `name` of this same file: they inherit what
        an edit adds to it."""
        found = []
        for other, node in self.services.items():
            extends = node.get("extends") if node.kind == MAP else None
            if extends is None:
                continue
            base = extends.text if extends.kind == SCALAR else None
            if extends.kind == MAP and extends.get("file") is None and extends.get("service") is not None:
                base = extends.get("service").text
            if base == name:
                found.append(other)
        return found

    @property
    def is_fragment(self) -> bool:
        """No service has an image or a build: a piece meant to be merged with others."""
        return not any(
            svc.get("image") is not None or svc.get("build") is not None for svc in self.services.values()
        )

    @property
    def schema_problems(self) -> list[SchemaProblem]:
        """DC001: what compose would reject after reading the YAML (computed on first use)."""
        if self._schema_problems is None:
            from lint.compose.schema import validate  # the schema module is read only when asked

            problems = list(self.value_problems)
            if self.root is not None and not self.errors:
                problems.extend(validate(self.root))
            elif self.root is None and not self.errors:
                problems.append(SchemaProblem("the file is empty: compose rejects an empty compose file", Span(0, 0)))
            problems.sort(key=lambda p: (p.span.start, p.span.end, p.message))
            self._schema_problems = problems
        return self._schema_problems

    def validate(self) -> list[SchemaProblem]:
        return self.schema_problems
