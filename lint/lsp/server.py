"""The language server: negotiation, diagnostics (debounced, re-published for linked files), hover,
configuration changes, and the handlers that wire them to pygls."""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import traceback
from pathlib import Path
from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from lint import __version__
from lint.core.model import Finding, Severity, Span
from lint.engine import (
    INTERNAL_ERROR, Document, Workspace, lint_document, project_root, read_document, rule_info,
)
from lint.engine import docs
from lint.engine.config import CONFIG_FILES, HADOLINT_FILES, Config, ConfigError, ConfigResolver
from lint.lsp.actions import Actions, FIX_ALL
from lint.lsp.documents import Lines, OpenFile, document_kind, to_path, warm_project
from lint.project.discover import COMPOSE_NAME, kind_from_name


log = logging.getLogger(__name__)

SOURCE = "hullcheck"


DEFAULT_DEBOUNCE_MS = 150
DEPENDENTS_DELAY = 0.1  # seconds of quiet before files that depend on an edited one are linted again
# the rule's own module is its documentation (the docstring `hullcheck explain` renders): a stable address
CONFIG_NAMES = set(CONFIG_FILES) | set(HADOLINT_FILES)
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.STYLE: lsp.DiagnosticSeverity.Hint,
}
# our spans count code points: UTF-32 needs no conversion, UTF-8 is cheaper to count than UTF-16
ENCODING_PREFERENCE = (lsp.PositionEncodingKind.Utf32, lsp.PositionEncodingKind.Utf8,
                       lsp.PositionEncodingKind.Utf16)


WATCHED = ("**/{pyproject.toml,.hullcheck.toml,.hadolint.yaml,.hadolint.yml,.env}",
           "**/{Dockerfile,Containerfile,dockerfile,containerfile}*", "**/*.{dockerfile,Dockerfile,containerfile}",
           "**/*compose*.{yml,yaml}")


# --------------------------------------------------------------------------------------------- the server

class Protocol(LanguageServerProtocol):
    """pygls' protocol with our encoding preference and line-break rules for incremental changes."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            # pygls takes the first encoding the client lists that it supports: put ours first
            offered = list(general.position_encodings)
            ours = [e for e in ENCODING_PREFERENCE if e in offered]
            general.position_encodings = ours + [e for e in offered if e not in ours]
        return (yield from super().lsp_initialize(params))

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        document = self.workspace.get_text_document(uri)
        text = document.source
        codec = self.workspace.position_codec
        server: HullcheckServer = self._server  # type: ignore[assignment]
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                lines = server.lines_of_open(uri, text) or Lines(text, codec)
                start, end = lines.offset(change.range.start), lines.offset(change.range.end)
                text = text[:start] + change.text + text[max(start, end):]
            else:
                text = change.text
        self.workspace.put_text_document(lsp.TextDocumentItem(
            uri=uri, language_id=document.language_id or "", version=params.text_document.version, text=text))
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


def rule_url(rule_id: str) -> str | None:
    info = rule_info(rule_id)
    return docs.rule_url(info) if info else None


def guarded(default=None):
    """A handler's exception is logged to the client and answered with `default`: the server keeps serving."""

    def wrap(handler):
        @functools.wraps(handler)
        def run(server: "HullcheckServer", *args):
            try:
                return handler(server, *args)
            except Exception:
                server.log_error(f"{handler.__name__} failed")
                return default

        return run

    return wrap


class HullcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("hullcheck", __version__, protocol_cls=Protocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.resolver = ConfigResolver()
        self.config_errors: set[str] = set()
        self.lint_workspace = Workspace({})
        self.files: dict[Path, OpenFile] = {}
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.waiting: set[Path] = set()  # open files to lint again because a file they depend on changed
        self.dependents_timer: asyncio.TimerHandle | None = None
        self.listings: dict[Path, tuple[list[Path], list[Path]]] = {}  # compose files under each root
        self.other_lines: dict[Path, tuple[Document, Lines]] = {}
        self.linked_published: dict[Path, list] = {}  # diagnostics published for files that are not open
        self.shut_down = False  # the client asked to shut down: `exit` then means success

    # -- reporting
    def log_error(self, what: str) -> None:
        message = f"hullcheck: {what}: {traceback.format_exc()}"
        log.error(message)
        try:
            self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error, message=message))
        except Exception:
            pass

    def tell(self, message: str, kind=lsp.MessageType.Warning) -> None:
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    # -- the engine's workspace
    def codec(self) -> PositionCodec:
        return self.workspace.position_codec

    def invalidate(self, changed: set[Path]) -> None:
        """A new Workspace with the open buffers, reusing every Document except the changed ones; the
        projects are rebuilt on demand from those warm models."""
        old = self.lint_workspace
        buffers = {}
        for path, item in self.files.items():
            if item.kind is not None:
                buffers[path] = self.text_of(item).encode("utf-8", "replace")
        fresh = Workspace(buffers)
        fresh.documents = {p: d for p, d in old.documents.items() if p not in changed}
        self.lint_workspace = fresh
        for path in changed:
            self.other_lines.pop(path, None)

    def text_of(self, item: OpenFile) -> str:
        return self.workspace.get_text_document(item.uri).source

    def document_of(self, item: OpenFile) -> Document | None:
        if item.kind is None:
            return None
        doc = self.lint_workspace.documents.get(item.path)
        if doc is None or doc.kind != item.kind:
            doc = read_document(item.path, item.kind, self.lint_workspace.buffers[item.path])
            self.lint_workspace.add(doc)
        return doc

    def root_of(self, path: Path) -> Path:
        """The repository root (a directory holding .git), else the editor's workspace folder holding the
        file, else the file's directory."""
        root = project_root(path)
        if (root / ".git").exists():
            return root
        folders = []
        for folder in self.workspace.folders.values():
            folder_path = to_path(folder.uri)
            if folder_path is not None and (folder_path == path or folder_path in path.parents):
                folders.append(folder_path)
        if not folders and self.workspace.root_path:
            root_path = Path(os.path.abspath(self.workspace.root_path))
            if root_path in path.parents:
                folders.append(root_path)
        return max(folders, key=lambda p: len(p.parts)) if folders else root

    def project_of(self, path: Path):
        root = self.root_of(path)
        workspace = self.lint_workspace
        if root not in workspace.projects:
            workspace.projects[root] = warm_project(root, workspace, self.listings)
        return workspace.projects[root]

    def config_of(self, path: Path) -> Config:
        try:
            config = self.resolver.for_path(path)
        except ConfigError as exc:
            message = str(exc)
            if message not in self.config_errors:
                self.config_errors.add(message)
                self.tell(f"hullcheck: {message}; linting with the default settings")
            return Config()
        return config

    # -- linting and publishing
    def lint(self, item: OpenFile) -> list[Finding]:
        doc = self.document_of(item)
        if doc is None:
            return []
        config = self.config_of(item.path)
        if config.excluded(item.path):
            return []
        return lint_document(doc, config, self.project_of(item.path))

    def relint(self, item: OpenFile, force_publish: bool = True) -> None:
        try:
            text = self.text_of(item)
            item.version = self.workspace.get_text_document(item.uri).version
            if item.lines is None or item.lines.text != text:
                item.lines = Lines(text, self.codec())
            item.actions = {}
            try:
                item.findings = self.lint(item)
                item.document = self.document_of(item)
            except Exception as exc:
                # the engine failed outside a rule (rules' failures are HC900 findings already): say so
                # in place of the old findings, whose spans belong to the text before
                self.log_error(f"linting {item.path} failed")
                item.findings = [Finding(INTERNAL_ERROR, Severity.ERROR, f"internal error while linting this "
                                         f"file: {type(exc).__name__}: {exc}; please report it (the traceback "
                                         f"is in the server's log)", str(item.path), Span(0, 0))]
                item.document = None  # no code actions from a failed lint
            diagnostics = [self.diagnostic(item, f) for f in item.findings]
        except Exception:
            self.log_error(f"linting {item.path} failed")
            return
        if force_publish or diagnostics != item.published:
            item.published = diagnostics
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=item.uri, version=item.version, diagnostics=diagnostics))
        self.linked_published.pop(item.path, None)  # open now: its own diagnostics replace those
        self.publish_linked({item.path})

    def publish_linked(self, paths: set[Path]) -> None:
        """A finding in a file that is not open but names an open file among its related locations (the
        compose service probing with curl that the open Dockerfile no longer installs) is published for
        its own file, where the fix belongs: the editor lists it with the workspace's problems and the
        diagnostic's related information leads back to the open file. Files published so before are
        checked again, so such findings go away with the change or the file that caused them."""
        targets = set(self.linked_published)
        for path in paths:
            kind = self.kind_of(path)
            if kind is not None:
                try:
                    targets.update(p for p, _ in self.project_of(path).linked_files(path, kind))
                except Exception:
                    self.log_error(f"finding the files linked to {path} failed")
        for path in sorted(targets - set(self.files)):
            try:
                diagnostics = self.linked_diagnostics(path)
            except Exception:
                self.log_error(f"linting {path} failed")
                continue
            if diagnostics != self.linked_published.get(path, []):
                if diagnostics:
                    self.linked_published[path] = diagnostics
                else:
                    self.linked_published.pop(path, None)
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                    uri=from_fs_path(str(path)) or str(path), diagnostics=diagnostics))

    def linked_diagnostics(self, path: Path) -> list:
        doc = self.lint_workspace.document(path)
        config = self.config_of(path)
        if doc is None or config.excluded(path):
            return []
        findings = [f for f in lint_document(doc, config, self.project_of(path))
                    if any(Path(os.path.abspath(r.path)) in self.files for r in f.related)]
        if not findings:
            return []
        shown = OpenFile(from_fs_path(str(path)) or str(path), path, "", kind=doc.kind, lines=self.lines_of(path))
        return [self.diagnostic(shown, f) for f in findings]

    def lines_of(self, path: Path) -> Lines | None:
        item = self.files.get(path)
        if item is not None and item.lines is not None:
            return item.lines
        doc = self.lint_workspace.document(path)
        if doc is None:
            return None
        known = self.other_lines.get(path)
        if known is None or known[0] is not doc:
            known = (doc, Lines(doc.source.text, self.codec(), skip_bom=True))
            self.other_lines[path] = known
        return known[1]

    def lines_of_open(self, uri: str, text: str) -> Lines | None:
        path = to_path(uri)
        item = self.files.get(path) if path else None
        if item is not None and item.lines is not None and item.lines.text == text:
            return item.lines
        return None

    def diagnostic(self, item: OpenFile, finding: Finding) -> lsp.Diagnostic:
        related = []
        for other in finding.related:
            path = Path(os.path.abspath(other.path))
            lines = item.lines if path == item.path else self.lines_of(path)
            if lines is None:
                continue
            related.append(lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=from_fs_path(str(path)) or other.path, range=lines.range(other.span)),
                message=other.message or finding.message))
        url = f"https://www.shellcheck.net/wiki/{finding.code}" if finding.code else rule_url(finding.rule_id)
        return lsp.Diagnostic(
            range=item.lines.range(finding.span),
            severity=SEVERITIES.get(finding.severity, lsp.DiagnosticSeverity.Warning),
            code=finding.shown_id,
            code_description=lsp.CodeDescription(href=url) if url else None,
            source=SOURCE,
            message=finding.message,
            related_information=related or None,
            tags=[lsp.DiagnosticTag.Unnecessary] if finding.rule_id == "HC001" else None,
            data={"rule": finding.rule_id, "span": [finding.span.start, finding.span.end],
                  "fingerprint": finding.fingerprint, "version": item.version},
        )

    # -- changes
    def schedule(self, item: OpenFile) -> None:
        timer = self.timers.pop(item.path, None)
        if timer is not None:
            timer.cancel()
        if self.debounce <= 0:
            self.settle(item.path)
            return
        loop = asyncio.get_running_loop()
        self.timers[item.path] = loop.call_later(self.debounce, self.settle_guarded, item.path)

    def settle_guarded(self, path: Path) -> None:
        try:
            self.settle(path)
        except Exception:
            self.log_error(f"linting {path} failed")

    def settle(self, path: Path) -> None:
        """The buffer of an open file changed: read it again and lint it and the open files that depend
        on it."""
        self.timers.pop(path, None)
        item = self.files.get(path)
        if item is None:
            return
        self.changed({path}, own=item)

    def flush(self, item: OpenFile) -> None:
        """Lint now if a change is waiting for its debounce: a request must see the current text."""
        timer = self.timers.pop(item.path, None)
        if timer is not None:
            timer.cancel()
            self.settle(item.path)
        elif item.lines is None or item.lines.text != self.text_of(item):
            self.settle(item.path)
        elif item.path in self.waiting:
            self.waiting.discard(item.path)
            self.relint(item, force_publish=False)

    def changed(self, paths: set[Path], own: OpenFile | None = None, everything: bool = False) -> None:
        before = set() if everything else self.dependents(paths)
        if own is not None:
            own.kind = document_kind(own.language_id, own.path, self.text_of(own))
        self.invalidate(paths)
        after = set() if everything else self.dependents(paths)
        targets = set(self.files) if everything else (before | after)
        if own is not None:
            self.relint(own)
            targets.discard(own.path)
        if own is None or everything:
            for path in sorted(targets):
                self.relint_dependent(path)
            return
        # the edited file's diagnostics go out first; the files that depend on it follow once typing
        # pauses, so a burst of keystrokes does not lint them on every one
        self.waiting |= targets
        if self.dependents_timer is not None:
            self.dependents_timer.cancel()
        self.dependents_timer = asyncio.get_running_loop().call_later(
            max(self.debounce, DEPENDENTS_DELAY), self.relint_waiting)

    def relint_dependent(self, path: Path) -> None:
        item = self.files.get(path)
        # a file with its own change waiting is linted when that settles, with its new text
        if item is not None and item.kind is not None and path not in self.timers:
            self.relint(item, force_publish=False)

    def relint_waiting(self) -> None:
        self.dependents_timer = None
        waiting, self.waiting = self.waiting, set()
        for path in sorted(waiting):
            self.relint_dependent(path)

    def dependents(self, paths: set[Path]) -> set[Path]:
        """Open files whose findings may change with these files: compose files of the stacks that build
        a Dockerfile; the Dockerfiles a compose file's stacks build and the other files of those stacks."""
        found: set[Path] = set()
        for path in paths:
            kind = self.kind_of(path)
            if kind is None:
                continue
            try:
                found.update(p for p, _ in self.project_of(path).linked_files(path, kind))
            except Exception:
                self.log_error(f"finding the files that depend on {path} failed")
                found |= set(self.files)
        return {p for p in found if p in self.files} - paths

    def forget_listing_without(self, path: Path) -> None:
        """The compose files listed under the file's root lack this compose file (created since, maybe by
        the editor that does not watch files): list them again."""
        if COMPOSE_NAME.match(path.name):
            root = self.root_of(path)
            known = self.listings.get(root)
            if known is not None and path not in known[0]:
                del self.listings[root]

    def kind_of(self, path: Path) -> str | None:
        item = self.files.get(path)
        return item.kind if item is not None else kind_from_name(path.name)

    def config_changed(self) -> None:
        self.resolver = ConfigResolver()
        self.config_errors.clear()
        self.invalidate(set())
        self.changed(set(), everything=True)

    def files_changed(self, events: list[lsp.FileEvent]) -> None:
        paths = {p for p in (to_path(e.uri) for e in events) if p is not None}
        if any(p.name in CONFIG_NAMES for p in paths):
            self.resolver = ConfigResolver()
            self.config_errors.clear()
            self.changed(paths, everything=True)
            return
        created_or_deleted = any(e.type != lsp.FileChangeType.Changed for e in events)
        if created_or_deleted or any(p.name == ".env" for p in paths):
            self.listings.clear()  # compose files came or went: stacks change anywhere below the root
            self.changed(paths, everything=True)
            return
        # an open file's buffer is what counts, not its file on disk
        self.changed({p for p in paths if p not in self.files})


# ------------------------------------------------------------------------------------------- the features

def create_server() -> HullcheckServer:
    server = HullcheckServer()

    @server.feature(lsp.INITIALIZE)
    @guarded()
    def initialize(ls: HullcheckServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, options["debounce"] / 1000)

    @server.feature(lsp.INITIALIZED)
    @guarded()
    def initialized(ls: HullcheckServer, params: lsp.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if not (watched and watched.dynamic_registration):
            return
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
        future = ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="hullcheck-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options)]))
        future.add_done_callback(lambda f: f.exception() and log.warning("file watching: %s", f.exception()))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    @guarded()
    def did_open(ls: HullcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        path = to_path(params.text_document.uri)
        if path is None:
            return
        if path.name in CONFIG_NAMES:
            return  # read from disk when saved
        item = OpenFile(params.text_document.uri, path, params.text_document.language_id or "")
        ls.files[path] = item
        ls.forget_listing_without(path)
        ls.changed({path}, own=item)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    @guarded()
    def did_change(ls: HullcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        item = ls.files.get(to_path(params.text_document.uri))
        if item is not None:
            ls.schedule(item)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    @guarded()
    def did_save(ls: HullcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = to_path(params.text_document.uri)
        if path is None:
            return
        if path.name in CONFIG_NAMES:
            ls.config_changed()
            return
        ls.forget_listing_without(path)  # saved for the first time: on disk now
        item = ls.files.get(path)
        if item is not None:
            timer = ls.timers.pop(path, None)
            if timer is not None:
                timer.cancel()
            ls.changed({path}, own=item)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    @guarded()
    def did_close(ls: HullcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        path = to_path(params.text_document.uri)
        item = ls.files.pop(path, None) if path else None
        timer = ls.timers.pop(path, None) if path else None
        if timer is not None:
            timer.cancel()
        if item is None:
            return
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=item.uri, diagnostics=[]))
        if item.kind is not None:
            ls.changed({path})  # the file on disk counts again for the files that depend on it

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded()
    def did_change_watched_files(ls: HullcheckServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.files_changed(list(params.changes))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    @guarded()
    def did_change_workspace_folders(ls: HullcheckServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        # outside a repository a folder is the project root (pygls has updated the list already): the
        # compose files that build an open Dockerfile may be others now
        ls.listings.clear()
        ls.changed(set(), everything=True)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
    @guarded(default=[])
    def code_action(ls: HullcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        item = ls.files.get(to_path(params.text_document.uri))
        if item is None or item.kind is None:
            return []
        ls.flush(item)
        if item.document is None or item.lines is None:
            return []
        return Actions(ls, item).for_range(params.range, params.context)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @guarded()
    def hover(ls: HullcheckServer, params: lsp.HoverParams) -> lsp.Hover | None:
        item = ls.files.get(to_path(params.text_document.uri))
        if item is None or item.kind is None:
            return None
        ls.flush(item)
        if item.lines is None:
            return None
        offset = item.lines.offset(params.position)
        hits = [f for f in item.findings if f.span.start <= offset <= f.span.end]
        if not hits:
            return None
        pages, seen = [], set()
        for finding in hits:
            info = rule_info(finding.rule_id)
            if info is None or info.id in seen:
                continue
            seen.add(info.id)
            page = docs.explain(info).strip()
            url = rule_url(info.id)
            pages.append(f"{page}\n\n[{info.id} {info.name}]({url})" if url else page)
        if not pages:
            return None
        first = hits[0].span
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(pages)),
                         range=item.lines.range(first))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: HullcheckServer, *args) -> None:
        ls.shut_down = True
        for timer in [*ls.timers.values(), ls.dependents_timer]:
            if timer is not None:
                timer.cancel()
        ls.timers.clear()

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit (or closes stdin). The exit code is 0
    only after a shutdown request, as the protocol says: pygls swallows the SystemExit of its own `exit`
    handler, so without this every stop, even an editor crash, would look like success."""
    server = create_server()
    server.start_io()
    if not server.shut_down:
        raise SystemExit(1)
