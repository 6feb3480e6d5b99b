"""Open documents as the server holds them: positions in the negotiated units, the kind of a buffer,
and the warm project (compose files merged from models the workspace already holds)."""
from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from lsprotocol import types as lsp
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import PositionCodec

from lint.core.model import Finding, Span
from lint.core.rules import COMPOSE, DOCKERFILE
from lint.engine import Document, Workspace
from lint.project.discover import (
    COMPOSE_NAME, SKIP_DIRS, TEMPLATE_SUFFIXES, TOP_SERVICES, kind_from_content, kind_from_name,
)


LINE_BREAK = re.compile(r"\r\n|\r|\n")


# ------------------------------------------------------------------------------------------- positions

class Lines:
    """A text's lines as the protocol counts them, converting code-point offsets to and from positions
    in the negotiated units."""

    def __init__(self, text: str, codec: PositionCodec, skip_bom: bool = False) -> None:
        self.text = text
        self.codec = codec
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        # a file read from disk: editors do not show its BOM, so line 0 counts from after it
        self.first = 1 if skip_bom and text.startswith("\ufeff") else 0

    def _line_start(self, line: int) -> int:
        return max(self.starts[line], self.first) if line == 0 else self.starts[line]

    def _line_end(self, line: int) -> int:
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        if self.text[end - 1] == "\n":
            end -= 1
        if end > self.starts[line] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self._line_start(line)
        offset = max(start, min(offset, self._line_end(line)))
        return lsp.Position(line=line, character=self.codec.client_num_units(self.text[start:offset]))

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: lsp.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self._line_start(position.line), self._line_end(position.line)
        if self.codec.encoding == lsp.PositionEncodingKind.Utf32:
            return min(start + position.character, end)
        units, index, count = 0, start, self.codec.impl.code_units_for_char
        while index < end and units < position.character:
            units += count(self.text[index])
            index += 1
        return index


@dataclass
class OpenFile:
    uri: str
    path: Path
    language_id: str
    version: int | None = None
    kind: str | None = None
    document: Document | None = None  # the Document of the text the findings belong to
    findings: list[Finding] = field(default_factory=list)
    lines: Lines | None = None
    published: list | None = None
    actions: dict = field(default_factory=dict)  # code actions computed for this text, by key


def to_path(uri: str) -> Path | None:
    fs = to_fs_path(uri)
    return Path(os.path.abspath(fs)) if fs else None


def document_kind(language_id: str, path: Path, text: str) -> str | None:
    """Dockerfile, compose file or neither: the editor's language id, else the name, else the content."""
    lang = (language_id or "").lower()
    if path.name.lower().endswith(TEMPLATE_SUFFIXES):
        return None  # Dockerfile.j2: editors call it a Dockerfile, but Docker never reads this text
    if lang in ("dockerfile", "containerfile"):
        return DOCKERFILE
    if "compose" in lang:  # VS Code's dockercompose, Helix's docker-compose, Neovim's yaml.docker-compose
        return COMPOSE
    by_name = kind_from_name(path.name)
    if by_name:
        return by_name
    if lang.partition(".")[0] in ("yaml", "yml"):
        return COMPOSE if TOP_SERVICES.search(text) else None  # a workflow or a chart is not compose
    if lang in ("", "plaintext"):
        return kind_from_content(text)
    return None


def warm_project(root: Path, workspace: Workspace, listings: dict):
    """A Project that reuses the list of compose files found under the root by the previous one: walking
    the tree on every keystroke would cost more than the lint. File events drop the list. Open compose
    buffers count too, on disk or not yet: a new compose.override.yaml merges while it is typed."""
    project = warm_project_class()(root, workspace.model)
    project.listings = listings
    project.buffers = [path for path in workspace.buffers if COMPOSE_NAME.match(path.name)]
    return project


@functools.lru_cache(maxsize=1)
def warm_project_class():
    from lint.project import Project

    class WarmProject(Project):
        listings: dict
        buffers: list[Path]

        def compose_files(self) -> list[Path]:
            if self._compose_files is None:
                known = self.listings.get(self.root)
                if known is None:
                    found = Project.compose_files(self)
                    self.listings[self.root] = (list(found), list(self._env_dirs), list(self._dockerfile_paths))
                else:
                    self._compose_files, self._env_dirs, self._dockerfile_paths = (list(k) for k in known)
                unsaved = [p for p in self.buffers if p not in self._compose_files and self.walks_to(p)]
                if unsaved:  # in the walk's order: by directory, then by name
                    self._compose_files = sorted(self._compose_files + unsaved, key=lambda p: (p.parent, p.name))
            return self._compose_files

        def walks_to(self, path: Path) -> bool:
            try:
                directories = path.relative_to(self.root).parts[:-1]
            except ValueError:
                return False
            return not SKIP_DIRS.intersection(directories)

    return WarmProject
