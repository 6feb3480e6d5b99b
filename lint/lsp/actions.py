"""Code actions: the quick fix of a finding, "ignore ID here" (checked by re-linting), fix all safe
problems in a file."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from lint.core.model import Applicability, Finding, Span
from lint.core.rules import COMPOSE, DOCKERFILE
from lint.engine import Document, Workspace, lint_document, read_document
from lint.engine.suppress import IGNORE_LINE
from lint.lsp.documents import OpenFile, warm_project

if TYPE_CHECKING:  # the server makes the actions for its open files
    from lint.lsp.server import HullcheckServer

FIX_ALL = "source.fixAll.hullcheck"


# ------------------------------------------------------------------------------------------- code actions

def single_edit(old: str, new: str) -> tuple[Span, str]:
    """One replacement turning old into new: the changed region between the common prefix and suffix,
    never splitting a \\r\\n."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    if prefix and old[prefix - 1:prefix + 1] == "\r\n":
        prefix -= 1
    suffix = 0
    limit -= prefix
    while suffix < limit and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if suffix and old[len(old) - suffix - 1:len(old) - suffix + 1] == "\r\n":
        suffix -= 1
    return Span(prefix, len(old) - suffix), new[prefix:len(new) - suffix]


def ignore_edit(doc: Document, finding: Finding) -> tuple[Span, str] | None:
    """The suppression comment for a finding: `# hullcheck: ignore=ID` on its own line above the
    instruction (its first line) or above the YAML line, with that line's indentation; added to an ignore
    comment already standing there."""
    source = doc.source
    line = source.position(finding.span.start)[0]
    if doc.kind == DOCKERFILE:
        holder = next((i for i in doc.model.instructions if i.line <= line <= i.end_line), None)
        if holder is None:
            return None
        line = holder.line
    if line > 1:
        above = IGNORE_LINE.match(source.line_text(line - 1))
        if above is not None:
            keys = [k.strip().upper() for k in above["keys"].split(",")]
            if ignore_key(finding) in keys:
                return None
            at = source.line_span(line - 1).start + above.end("keys")
            return Span(at, at), f",{ignore_key(finding)}"
    at = source.offset(line, 1)
    return Span(at, at), f"{source.indentation(line)}# hullcheck: ignore={ignore_key(finding)}{source.newline}"


def ignore_key(finding: Finding) -> str:
    """What an ignore comment names for a finding: its own code (SC2086) when it has one, else its rule."""
    return finding.code or finding.rule_id


def count(findings: list[Finding], *keys: str) -> int:
    return sum(1 for f in findings if ignore_key(f) in keys)


def apply_one(text: str, span: Span, new: str) -> str:
    return text[:span.start] + new + text[span.end:]


class Actions:
    """Code actions of one open file for a range."""

    def __init__(self, server: HullcheckServer, item: OpenFile) -> None:
        self.server = server
        self.item = item
        self.doc = item.document

    def text_edit(self, path: Path, span: Span, text: str) -> tuple[str, lsp.TextEdit] | None:
        lines = self.item.lines if path == self.item.path else self.server.lines_of(path)
        if lines is None:
            return None
        uri = self.item.uri if path == self.item.path else from_fs_path(str(path))
        return uri, lsp.TextEdit(range=lines.range(span), new_text=text)

    def workspace_edit(self, edits) -> lsp.WorkspaceEdit | None:
        changes: dict[str, list[lsp.TextEdit]] = {}
        for path, span, text in edits:
            converted = self.text_edit(Path(os.path.abspath(path)), span, text)
            if converted is None:
                return None
            changes.setdefault(converted[0], []).append(converted[1])
        return lsp.WorkspaceEdit(changes=changes)

    def relint_text(self, text: str) -> list[Finding]:
        """Findings of this file if its text were `text` (the rest of the workspace unchanged)."""
        if text == self.doc.source.text:
            return self.item.findings
        server, path = self.server, self.item.path
        current = server.lint_workspace
        scratch = Workspace({**current.buffers, path: text.encode("utf-8", "replace")})
        scratch.documents = {p: d for p, d in current.documents.items() if p != path}
        doc = read_document(path, self.doc.kind, scratch.buffers[path])
        scratch.add(doc)
        project = warm_project(server.root_of(path), scratch, server.listings)
        return lint_document(doc, server.config_of(path), project)

    def fix_action(self, finding: Finding, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
        fix = finding.fix
        if fix.applicability == Applicability.DISPLAY:
            capability = self.server.client_capabilities.text_document
            code_action = capability.code_action if capability else None
            if not (code_action and code_action.disabled_support):
                return None
            return lsp.CodeAction(
                title=f"Suggestion: {fix.title}", kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                disabled=lsp.CodeActionDisabled(reason="a suggestion to adapt by hand: hullcheck cannot know "
                                                       "the right values"))
        edit = self.workspace_edit((e.path, e.span, e.text) for e in fix.edits)
        if edit is None:
            return None
        safe = fix.applicability == Applicability.SAFE
        return lsp.CodeAction(
            title=fix.title if safe else f"Fix (unsafe): {fix.title}", kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic], is_preferred=safe, edit=edit)

    def ignore_action(self, finding: Finding, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
        key = ("ignore", ignore_key(finding), finding.span)
        if key not in self.item.actions:
            self.item.actions[key] = self.checked_ignore(finding)
        found = self.item.actions[key]
        if found is None:
            return None
        title, span, text = found
        return lsp.CodeAction(
            title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            edit=self.workspace_edit([(str(self.item.path), span, text)]))

    def checked_ignore(self, finding: Finding) -> tuple[str, Span, str] | None:
        """The suppression comment for the line, else (inside a YAML block scalar, where a comment line
        would be part of the string) one for the file; each kept only when linting the edited text shows
        that it hides the finding and breaks nothing."""
        candidates = []
        try:
            here = ignore_edit(self.doc, finding)
        except Exception:
            here = None
        if here is not None:
            candidates.append((f"Ignore {ignore_key(finding)} here", *here))
        if self.doc.kind == COMPOSE:
            candidates.append((f"Ignore {finding.rule_id} in this file", Span(0, 0),
                               f"# hullcheck: ignore-file={finding.rule_id}{self.doc.source.newline}"))
        from lint.engine.fix import adds_breakage

        before = self.item.findings
        for title, span, text in candidates:
            after = self.relint_text(apply_one(self.doc.source.text, span, text))
            if count(after, ignore_key(finding)) >= count(before, ignore_key(finding)):
                continue
            if adds_breakage(before, after) or count(after, "HC001") > count(before, "HC001"):
                continue
            return title, span, text
        return None

    def fix_all(self) -> lsp.CodeAction | None:
        if "fix-all" not in self.item.actions:
            self.item.actions["fix-all"] = self.compute_fix_all()
        found = self.item.actions["fix-all"]
        if found is None:
            return None
        span, text = found
        return lsp.CodeAction(title="Fix all safe problems in this file", kind=FIX_ALL,
                              edit=self.workspace_edit([(str(self.item.path), span, text)]))

    def compute_fix_all(self) -> tuple[Span, str] | None:
        from lint.engine.fix import eligible, fix_to_fixpoint

        path = str(self.item.path)
        if self.doc.decode_error is not None:
            return None
        if not any(eligible(f, False) and all(e.path == path for e in f.fix.edits) for f in self.item.findings):
            return None
        old = self.doc.source.text
        new, _, _ = fix_to_fixpoint(old, self.relint_text, path, False)
        return single_edit(old, new) if new != old else None

    def for_range(self, request: lsp.Range, context: lsp.CodeActionContext | None) -> list[lsp.CodeAction]:
        """The fixes and ignores of every finding on the requested lines and of every diagnostic the
        client sends in the context: most clients send the cursor position as the range, with the
        line's diagnostics, and the cursor is rarely inside a finding's exact span."""
        only = context.only if context is not None else None

        def wanted(kind: str) -> bool:
            return not only or any(kind == o or kind.startswith(o + ".") for o in only)

        actions: list[lsp.CodeAction] = []
        if wanted(lsp.CodeActionKind.QuickFix):
            sent = [sent_key(d) for d in (context.diagnostics if context is not None else [])]
            for finding, diagnostic in zip(self.item.findings, self.item.published or []):
                on_lines = (diagnostic.range.start.line <= request.end.line
                            and request.start.line <= diagnostic.range.end.line)
                if not on_lines and sent_key(diagnostic) not in sent:
                    continue
                if finding.fix is not None:
                    action = self.fix_action(finding, diagnostic)
                    if action is not None:
                        actions.append(action)
                if self.doc is not None:
                    action = self.ignore_action(finding, diagnostic)
                    if action is not None:
                        actions.append(action)
        if wanted(FIX_ALL) and self.doc is not None:
            action = self.fix_all()
            if action is not None:
                actions.append(action)
        return actions


def sent_key(diagnostic: lsp.Diagnostic) -> tuple:
    """What identifies a published diagnostic when a client sends it back: clients may drop `data` or
    fields they do not know, but keep the code, range and message."""
    start, end = diagnostic.range.start, diagnostic.range.end
    return str(diagnostic.code), start.line, start.character, end.line, end.character, diagnostic.message
