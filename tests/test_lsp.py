"""`hullcheck lsp`, driven over stdio by pygls' own client the way an editor drives it."""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as t  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pygls.workspace.position_codec import PositionCodec  # noqa: E402

from lint.lsp import Lines, document_kind, single_edit  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TIMEOUT = 10  # seconds: a hung server fails the test instead of hanging CI

# the emoji sits before the finding on its line: one code point, two UTF-16 units, four UTF-8 bytes
DOCKERFILE = """\
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
 && pip download requests \\
 && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*
HEALTHCHECK CMD echo "\U0001F433" && curl http://localhost:8000/
CMD ["python", "-m", "http.server", "8000"]
"""
HEALTHCHECK_LINE = 4
BLOCK_SCALAR_PROBE = """\
services:
  web:
    image: nginx:1.27
    restart: always
    healthcheck:
      test:
        - CMD-SHELL
        - |
          curl http://localhost/
"""
CURL = DOCKERFILE.splitlines()[HEALTHCHECK_LINE].index("curl")  # in code points


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def offset_of(text: str, position: t.Position, encoding: str) -> int:
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for index, char in enumerate(line):
        if count >= position.character:
            return start + index
        count += units(char, encoding)
    return start + len(line)


def apply(text: str, edits, encoding: str) -> str:
    spans = [(offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
             for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Editor:
    """A client that keeps its buffers, records what the server publishes, and waits with timeouts."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("hullcheck-tests", "0")
        self.published: dict[str, list[t.PublishDiagnosticsParams]] = {}
        self.messages: list[str] = []
        self.registrations: list[t.Registration] = []
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.encoding = "utf-16"

        self.arrived = asyncio.Event()

        @self.client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: t.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

        @self.client.feature(t.WINDOW_LOG_MESSAGE)
        def log_message(params: t.LogMessageParams) -> None:
            self.messages.append(params.message)

        @self.client.feature(t.WINDOW_SHOW_MESSAGE)
        def show_message(params: t.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @self.client.feature(t.CLIENT_REGISTER_CAPABILITY)
        def register(params: t.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def start(self, encodings: list[str] | None = None, watch: bool = False,
                    options: dict | None = None, server: tuple[str, ...] = ("-m", "lint", "lsp")) -> t.InitializeResult:
        await self.client.start_io(sys.executable, *server, cwd=str(self.root))
        capabilities = t.ClientCapabilities(
            general=t.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
            text_document=t.TextDocumentClientCapabilities(
                code_action=t.CodeActionClientCapabilities(disabled_support=True),
                hover=t.HoverClientCapabilities(content_format=[t.MarkupKind.Markdown]),
                publish_diagnostics=t.PublishDiagnosticsClientCapabilities(related_information=True)),
            workspace=t.WorkspaceClientCapabilities(
                did_change_watched_files=t.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch)),
        )
        root_uri = from_fs_path(str(self.root))
        result = await self.wait(self.client.initialize_async(t.InitializeParams(
            capabilities=capabilities, root_uri=root_uri,
            workspace_folders=[t.WorkspaceFolder(uri=root_uri, name="project")],
            initialization_options={"debounce": 0} if options is None else options)))
        self.encoding = result.capabilities.position_encoding or "utf-16"
        self.client.initialized(t.InitializedParams())
        return result

    async def stop(self) -> None:
        try:
            await self.wait(self.client.shutdown_async(None))
            self.client.exit(None)
            await self.wait(self.client.stop())
        finally:
            server = self.client._server
            if server is not None and server.returncode is None:
                server.kill()

    @staticmethod
    async def wait(awaitable):
        return await asyncio.wait_for(awaitable, TIMEOUT)

    def uri(self, relative: str) -> str:
        return from_fs_path(str(self.root / relative))

    def open(self, relative: str, language_id: str, text: str | None = None) -> str:
        uri = self.uri(relative)
        self.texts[uri] = (self.root / relative).read_text() if text is None else text
        self.versions[uri] = 1
        self.client.text_document_did_open(t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=self.texts[uri])))
        return uri

    def edit(self, uri: str, edits) -> None:
        """Apply text edits as an editor does: to its buffer, and as incremental changes to the server
        (last edit first, so the earlier ranges stay valid)."""
        edits = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        self.texts[uri] = apply(self.texts[uri], edits, self.encoding)
        self.versions[uri] += 1
        self.client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[t.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits]))

    def replace(self, uri: str, text: str) -> None:
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))

    def seen(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def diagnostics(self, uri: str, since: int = 0, until=lambda diagnostics: True) -> list[t.Diagnostic]:
        """The first diagnostics published for uri after `since` publications that satisfy `until`."""
        async def poll():
            while True:
                for params in self.published.get(uri, [])[since:]:
                    if until(params.diagnostics):
                        return list(params.diagnostics)
                self.arrived.clear()
                await self.arrived.wait()

        return await self.wait(poll())

    async def current(self, uri: str) -> list[t.Diagnostic]:
        """The diagnostics published for the editor's current version of uri."""
        async def poll():
            while True:
                for params in self.published.get(uri, []):
                    if params.version == self.versions[uri]:
                        return list(params.diagnostics)
                self.arrived.clear()
                await self.arrived.wait()

        return await self.wait(poll())

    async def actions(self, uri: str, diagnostic: t.Diagnostic, only=None) -> list[t.CodeAction]:
        result = await self.wait(self.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=t.CodeActionContext(diagnostics=[diagnostic], only=only))))
        return list(result or [])

    def apply_action(self, action: t.CodeAction) -> None:
        for uri, edits in action.edit.changes.items():
            self.edit(uri, edits)


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def one(diagnostics, code: str) -> t.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, codes(diagnostics)
    return found[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """fixtures/DC106/bad-build: compose.yaml whose service `api` builds api/Dockerfile (no .git: the
    editor's workspace folder is the project root)."""
    shutil.copytree(FIXTURES / "DC106" / "bad-build", tmp_path, dirs_exist_ok=True)
    (tmp_path / "api" / "Dockerfile").write_text(DOCKERFILE)
    return tmp_path


def run(session) -> None:
    asyncio.run(session)


def test_diagnostics_quick_fix_ignore_and_hover_with_utf16(project: Path) -> None:
    async def session():
        editor = Editor(project)
        result = await editor.start()  # offers no encodings: UTF-16
        try:
            assert result.capabilities.position_encoding == "utf-16"
            uri = editor.open("api/Dockerfile", "dockerfile")
            diagnostics = await editor.diagnostics(uri)
            curl = one(diagnostics, "DF102")
            column = CURL + 1  # the whale is two UTF-16 units
            assert curl.range == t.Range(t.Position(HEALTHCHECK_LINE, column), t.Position(HEALTHCHECK_LINE, column + 4))
            assert curl.severity == t.DiagnosticSeverity.Error
            assert curl.source == "hullcheck"
            assert curl.code_description.href.endswith("/rules/dockerfile/health/df102_healthcheck_curl_without_fail.py")
            assert "--fail" in curl.message

            hover = await editor.wait(editor.client.text_document_hover_async(t.HoverParams(
                t.TextDocumentIdentifier(uri=uri), t.Position(HEALTHCHECK_LINE, column + 2))))
            assert hover.contents.kind == t.MarkupKind.Markdown
            assert hover.contents.value.startswith("# DF102 healthcheck-curl-without-fail")
            assert "## Why is this bad?" in hover.contents.value
            assert hover.range == curl.range

            actions = await editor.actions(uri, curl)
            titles = [a.title for a in actions]
            assert "Fix (unsafe): Add --fail to curl" in titles
            assert "Ignore DF102 here" in titles
            fix = next(a for a in actions if a.title.startswith("Fix (unsafe)"))
            assert fix.kind == t.CodeActionKind.QuickFix and not fix.is_preferred
            assert fix.diagnostics[0].code == "DF102"

            seen = editor.seen(uri)
            editor.apply_action(fix)
            diagnostics = await editor.diagnostics(uri, seen)
            assert "DF102" not in codes(diagnostics)
            assert "curl --fail http://localhost:8000/" in editor.texts[uri]

            missing = one(diagnostics, "DF106")  # the Dockerfile purges curl again
            ignore = next(a for a in await editor.actions(uri, missing) if a.title == "Ignore DF106 here")
            seen = editor.seen(uri)
            editor.apply_action(ignore)
            diagnostics = await editor.diagnostics(uri, seen)
            assert "DF106" not in codes(diagnostics) and "HC001" not in codes(diagnostics)
            lines = editor.texts[uri].splitlines()
            assert lines[HEALTHCHECK_LINE] == "# hullcheck: ignore=DF106"
            assert lines[HEALTHCHECK_LINE + 1].startswith("HEALTHCHECK CMD")
        finally:
            await editor.stop()

    run(session())


def test_ignore_joins_an_existing_comment_and_respects_continuation_lines(project: Path) -> None:
    text = (
        "FROM nginx:1.27\n"
        "  HEALTHCHECK --interval=10s \\\n"
        "    CMD curl http://localhost/\n"
    )

    async def session():
        editor = Editor(project)
        await editor.start()
        try:
            uri = editor.open("api/Dockerfile", "dockerfile", text)
            diagnostics = await editor.diagnostics(uri)
            curl = one(diagnostics, "DF102")
            assert curl.range.start.line == 2
            ignore = next(a for a in await editor.actions(uri, curl) if a.title == "Ignore DF102 here")
            seen = editor.seen(uri)
            editor.apply_action(ignore)
            diagnostics = await editor.diagnostics(uri, seen)
            assert "DF102" not in codes(diagnostics)
            # above the instruction's first line, with its indentation
            assert editor.texts[uri].splitlines()[1] == "  # hullcheck: ignore=DF102"
            # a second rule on the same instruction joins the comment
            other = one(diagnostics, "DF201")  # nginx ships the curl it probes with
            actions = await editor.actions(uri, other)
            # its fix is a template to adapt by hand: shown, but disabled and without an edit
            [suggestion] = [a for a in actions if a.title.startswith("Suggestion: ")]
            assert suggestion.disabled is not None and suggestion.edit is None
            ignore = next(a for a in actions if a.title == "Ignore DF201 here")
            assert ignore.edit.changes[uri][0].new_text == ",DF201"
            seen = editor.seen(uri)
            editor.apply_action(ignore)
            diagnostics = await editor.diagnostics(uri, seen)
            assert "DF201" not in codes(diagnostics) and "HC001" not in codes(diagnostics)
            assert editor.texts[uri].splitlines()[1] == "  # hullcheck: ignore=DF102,DF201"
        finally:
            await editor.stop()

    run(session())


def test_negotiates_utf8_and_prefers_utf32(project: Path) -> None:
    async def session(encodings, expected, column):
        editor = Editor(project)
        result = await editor.start(encodings)
        try:
            assert result.capabilities.position_encoding == expected
            uri = editor.open("api/Dockerfile", "dockerfile")
            curl = one(await editor.diagnostics(uri), "DF102")
            assert curl.range.start == t.Position(HEALTHCHECK_LINE, column)
        finally:
            await editor.stop()

    async def both():
        await asyncio.gather(
            session(["utf-16", "utf-8"], "utf-8", CURL + 3),  # four bytes for the whale
            session(["utf-16", "utf-8", "utf-32"], "utf-32", CURL),
        )

    run(both())


def test_related_information_and_fix_all_in_a_compose_file(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "DC203" / "bad-build", tmp_path, dirs_exist_ok=True)
    # a published redis without a health check, beside a service that has one: DC101, whose fix is a
    # quick fix only (unsafe)
    original = (tmp_path / "compose.yaml").read_text() + (
        '  cache:\n    image: redis:7.2\n    ports:\n      - "6379:6379"\n'
        '  queue:\n    image: rabbitmq:3.13\n    healthcheck:\n      test: ["CMD", "rabbitmq-diagnostics", "ping"]\n')
    compose = 'version: "3.8"\n' + original

    async def session():
        editor = Editor(tmp_path)
        await editor.start()
        try:
            uri = editor.open("compose.yaml", "yaml", compose)
            diagnostics = await editor.diagnostics(uri)
            # `api` turns its Dockerfile's health check off: the diagnostic points there too
            [related] = [r for d in diagnostics if d.code == "DC203" for r in d.related_information or ()]
            assert related.location.uri == editor.uri("api/Dockerfile")
            assert related.location.range == t.Range(t.Position(2, 0), t.Position(2, len("HEALTHCHECK NONE")))
            assert related.message == "HEALTHCHECK NONE"

            obsolete = one(diagnostics, "DC401")
            actions = await editor.actions(uri, obsolete, only=[t.CodeActionKind.SourceFixAll])
            assert [a.kind for a in actions] == ["source.fixAll.hullcheck"]
            assert actions[0].title == "Fix all safe problems in this file"
            seen = editor.seen(uri)
            editor.apply_action(actions[0])
            diagnostics = await editor.diagnostics(uri, seen)
            assert "DC401" not in codes(diagnostics)
            assert editor.texts[uri] == original  # only the safe fix; the unsafe ones stay quick fixes
            quick = await editor.actions(uri, one(diagnostics, "DC101"), only=[t.CodeActionKind.QuickFix])
            assert quick and all(a.kind == t.CodeActionKind.QuickFix for a in quick)

            # inside a block scalar a comment line would be part of the script: the file-wide ignore it is
            (tmp_path / "other").mkdir()
            block = editor.open("other/compose.yaml", "dockercompose", BLOCK_SCALAR_PROBE)
            curl = one(await editor.diagnostics(block), "DC103")
            titles = [a.title for a in await editor.actions(block, curl)]
            assert "Ignore DC103 here" not in titles
            ignore = next(a for a in await editor.actions(block, curl) if a.title == "Ignore DC103 in this file")
            seen = editor.seen(block)
            editor.apply_action(ignore)
            assert "DC103" not in codes(await editor.diagnostics(block, seen))
            assert editor.texts[block].startswith("# hullcheck: ignore-file=DC103\n")
        finally:
            await editor.stop()

    run(session())


def test_project_awareness_and_config_changes(project: Path) -> None:
    no_healthcheck = DOCKERFILE.replace(" && apt-get purge -y curl", "").replace(
        DOCKERFILE.splitlines()[HEALTHCHECK_LINE], "EXPOSE 8000")

    async def session():
        editor = Editor(project)
        await editor.start(watch=True)
        try:
            compose = editor.open("compose.yaml", "yaml")
            assert "DC106" in codes(await editor.diagnostics(compose))  # compose probes with the purged curl
            dockerfile = editor.open("api/Dockerfile", "dockerfile")
            assert "DF102" in codes(await editor.diagnostics(dockerfile))

            # a Dockerfile edit (not saved) changes the compose file's findings
            seen = editor.seen(compose)
            editor.replace(dockerfile, DOCKERFILE.replace(" && apt-get purge -y curl", ""))
            diagnostics = await editor.diagnostics(compose, seen)
            assert "DC106" not in codes(diagnostics)

            # and a compose edit changes the Dockerfile's: its service's healthcheck covers the image
            seen = editor.seen(dockerfile)
            editor.replace(dockerfile, no_healthcheck)
            assert "DF101" not in codes(await editor.diagnostics(dockerfile, seen))
            seen = editor.seen(dockerfile)
            editor.replace(compose, "services:\n  api:\n    build: ./api\n")
            assert "DF101" in codes(await editor.diagnostics(dockerfile, seen))

            # closed, the compose file on disk counts again; deleted, it no longer does
            seen = editor.seen(dockerfile)
            editor.client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(compose)))
            assert "DF101" not in codes(await editor.diagnostics(dockerfile, seen))
            seen = editor.seen(dockerfile)
            (project / "compose.yaml").unlink()
            editor.client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[
                t.FileEvent(uri=compose, type=t.FileChangeType.Deleted)]))
            assert "DF101" in codes(await editor.diagnostics(dockerfile, seen))

            # a new config file, reported by the editor's file watcher
            seen = editor.seen(dockerfile)
            (project / ".hullcheck.toml").write_text('ignore = ["DF101"]\n')
            editor.client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[
                t.FileEvent(uri=editor.uri(".hullcheck.toml"), type=t.FileChangeType.Created)]))
            assert "DF101" not in codes(await editor.diagnostics(dockerfile, seen))

            assert [r.method for r in editor.registrations] == [t.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        finally:
            await editor.stop()

    run(session())


def test_a_finding_in_a_closed_compose_file_that_names_the_open_dockerfile_is_published(project: Path) -> None:
    """Only the Dockerfile is open, and it purges the curl that the compose service's health check runs:
    DC106 is published for compose.yaml (its place, where the fix belongs), related to the Dockerfile; it
    goes away when the Dockerfile keeps curl, and compose.yaml's own findings take over when it opens."""
    (project / "compose.yaml").write_text('version: "3.8"\n' + (project / "compose.yaml").read_text())

    async def session():
        editor = Editor(project)
        await editor.start()
        try:
            compose = editor.uri("compose.yaml")
            dockerfile = editor.open("api/Dockerfile", "dockerfile")
            await editor.diagnostics(dockerfile)
            [probe] = await editor.diagnostics(compose)  # DC401 names no Dockerfile: not published
            assert (probe.code, probe.range.start.line) == ("DC106", 6)
            assert [r.location.uri for r in probe.related_information] == [dockerfile]
            assert probe.related_information[0].location.range.start.line == 0  # the FROM of the stage

            seen = editor.seen(compose)
            editor.replace(dockerfile, DOCKERFILE.replace(" && apt-get purge -y curl", ""))
            assert await editor.diagnostics(compose, seen) == []

            seen = editor.seen(compose)
            editor.open("compose.yaml", "yaml")
            assert "DC401" in codes(await editor.diagnostics(compose, seen))
        finally:
            await editor.stop()

    run(session())


def test_unparsable_buffers_and_debounced_changes(project: Path) -> None:
    async def session():
        editor = Editor(project)
        await editor.start(options={})  # the default debounce
        try:
            compose = editor.open("compose.yaml", "yaml", "services:\n  api: [unclosed\n")
            assert "DC000" in codes(await editor.diagnostics(compose))
            dockerfile = editor.open("api/Dockerfile", "dockerfile", "FROM alpine:3.20\nRUNN echo hi\n")
            broken = one(await editor.diagnostics(dockerfile), "DF000")
            assert broken.range.start.line == 1

            hover = await editor.wait(editor.client.text_document_hover_async(t.HoverParams(
                t.TextDocumentIdentifier(uri=dockerfile), broken.range.start)))
            assert "DF000" in hover.contents.value
            assert isinstance(await editor.actions(dockerfile, broken), list)

            seen = editor.seen(dockerfile)
            for text in ("FROM alpine:3.20\nRUN echo hi\n", "FROM alpine:3.20\nRUN echo h\n",
                         "FROM alpine:3.20\nRUN echo ok\n"):
                editor.replace(dockerfile, text)
            diagnostics = await editor.diagnostics(dockerfile, seen)
            assert "DF000" not in codes(diagnostics)
            await asyncio.sleep(0.3)
            # one lint for the burst of keystrokes, of the last text
            published = editor.published[dockerfile][seen:]
            assert [p.version for p in published] == [editor.versions[dockerfile]]
        finally:
            await editor.stop()

    run(session())


def test_lines_break_as_the_protocol_says_and_count_the_negotiated_units() -> None:
    text = "a\r\nb\rc\u2028d\nx\U0001F600e"  # CRLF, a lone CR; U+2028 is no line break to LSP
    utf16 = Lines(text, PositionCodec("utf-16"))
    e = text.index("e")
    assert utf16.position(e) == t.Position(line=3, character=3)
    assert utf16.offset(t.Position(line=3, character=3)) == e
    assert utf16.position(text.index("d")) == t.Position(line=2, character=2)
    assert utf16.position(text.index("\n", 3)) == t.Position(line=2, character=3)  # never inside a break
    assert Lines(text, PositionCodec("utf-8")).position(e) == t.Position(line=3, character=5)
    assert Lines(text, PositionCodec("utf-32")).offset(t.Position(line=3, character=2)) == e
    assert Lines(text, PositionCodec("utf-16")).offset(t.Position(line=9, character=0)) == len(text)
    on_disk = Lines("\ufeffFROM x\n", PositionCodec("utf-16"), skip_bom=True)  # editors hide the BOM
    assert on_disk.position(1) == t.Position(line=0, character=0)


def test_single_edit_keeps_crlf_whole() -> None:
    old = "a:\r\n  b: 1\r\n"
    for new in ("a:\r\n  b: 1\r\n  c: 2\r\n", "a:\r\n", "x:\r\n  b: 1\r\n"):
        span, text = single_edit(old, new)
        assert old[:span.start] + text + old[span.end:] == new
        assert old[span.start - 1:span.start + 1] != "\r\n" and old[span.end - 1:span.end + 1] != "\r\n"


def test_document_kind_from_language_id_name_and_content() -> None:
    assert document_kind("dockerfile", Path("/p/build.df"), "") == "dockerfile"
    assert document_kind("yaml.docker-compose", Path("/p/prod.yml"), "") == "compose"
    assert document_kind("yaml", Path("/p/compose.yaml"), "") == "compose"
    assert document_kind("yaml", Path("/p/prod.yml"), "services:\n  a: {}\n") == "compose"
    assert document_kind("yaml", Path("/p/.github/workflows/ci.yml"), "jobs: {}\n") is None
    assert document_kind("python", Path("/p/setup.py"), "FROM x\n") is None
    # a template is not what Docker reads, whatever language the editor gives it (as discovery skips it)
    assert document_kind("dockerfile", Path("/p/Dockerfile.j2"), "FROM {{ base }}\n") is None


def test_cli_says_what_to_install_without_pygls(tmp_path: Path) -> None:
    code = "import sys; sys.modules['pygls'] = None; from lint.cli import main; main(['lsp'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == "hullcheck lsp needs the lsp extra: pip install 'hullcheck[lsp]'"


def test_cli_does_not_import_pygls(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    for args in (["--version"], ["--no-cache", str(tmp_path / "Dockerfile")]):
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "lint", *args],
                                capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        assert "pygls" not in result.stderr and "lsprotocol" not in result.stderr


def test_exit_codes_follow_the_protocol(tmp_path: Path) -> None:
    """0 after shutdown then exit; 1 for exit without shutdown and when the editor goes away (stdin
    closed): the editor then knows the server did not stop as asked. Each promptly."""
    async def session(shutdown: bool, exit_: bool) -> int | None:
        editor = Editor(tmp_path)
        await editor.start()
        server = editor.client._server
        try:
            editor.open("Dockerfile", "dockerfile", "FROM alpine:3.20\n")
            if shutdown:
                await editor.wait(editor.client.shutdown_async(None))
            if exit_:
                editor.client.exit(None)
            else:
                server.stdin.close()
            await editor.wait(server.wait())
            return server.returncode
        finally:
            if server.returncode is None:
                server.kill()

    async def all_cases():
        return await asyncio.gather(session(True, True), session(False, True), session(False, False))

    assert asyncio.run(all_cases()) == [0, 1, 1]


# the server as `hullcheck lsp` runs it, with a rule and the engine that fail on a marker in the text
FAULTY_SERVER = """
import dataclasses
import lint.engine.run as engine
import lint.lsp.server as lsp
from lint.engine.registry import manifest

info = next(i for i in manifest() if i.id == "DF102")
rule = engine.load(info)

def check(doc, ctx):
    if "RULE-FAILS" in doc.source.text:
        raise RuntimeError("rule broke")
    return rule.check(doc, ctx)

engine._loaded[info.module] = dataclasses.replace(rule, check=check)
lint_document = lsp.lint_document

def failing_lint_document(doc, *args, **kwargs):
    if "ENGINE-FAILS" in doc.source.text:
        raise RuntimeError("engine broke")
    return lint_document(doc, *args, **kwargs)

lsp.lint_document = failing_lint_document
lsp.serve()
"""


def test_a_failing_rule_or_engine_is_a_diagnostic_and_the_server_keeps_serving(tmp_path: Path) -> None:
    text = "FROM alpine:3.20\nHEALTHCHECK CMD curl http://localhost/\n"

    async def session():
        editor = Editor(tmp_path)
        await editor.start(server=("-c", FAULTY_SERVER))
        try:
            uri = editor.open("Dockerfile", "dockerfile", text)
            assert codes(await editor.diagnostics(uri)) == ["DF102", "DF106"]

            seen = editor.seen(uri)
            editor.replace(uri, "# RULE-FAILS\n" + text)
            diagnostics = await editor.diagnostics(uri, seen)
            assert codes(diagnostics) == ["DF106", "HC900"]  # the other rules still report
            assert "internal error in rule DF102" in one(diagnostics, "HC900").message

            # lines added above and the engine failing: the old findings must not stay at their old places
            seen = editor.seen(uri)
            editor.replace(uri, "# ENGINE-FAILS\n\n\n" + text)
            [failure] = await editor.diagnostics(uri, seen)
            assert editor.published[uri][-1].version == editor.versions[uri]
            assert failure.code == "HC900" and failure.severity == t.DiagnosticSeverity.Error
            assert "engine broke" in failure.message and failure.range.start == t.Position(0, 0)
            # requests answer from the failed state, not from the findings of the text before
            assert await editor.actions(uri, failure) == []
            hover = await editor.wait(editor.client.text_document_hover_async(t.HoverParams(
                t.TextDocumentIdentifier(uri=uri), t.Position(4, 17))))
            assert hover is None
            assert any("engine broke" in m for m in editor.messages)  # the traceback goes to the log

            seen = editor.seen(uri)
            editor.replace(uri, text)
            assert codes(await editor.diagnostics(uri, seen)) == ["DF102", "DF106"]
        finally:
            await editor.stop()

    run(session())


def test_workspace_folder_changes_relint_and_other_notifications_are_harmless(project: Path) -> None:
    """Without a repository the workspace folder is the project root: when the editor's folders change,
    the open files are linted again against the compose files of the new root."""
    (project / "api" / "Dockerfile").write_text(DOCKERFILE.replace(DOCKERFILE.splitlines()[HEALTHCHECK_LINE],
                                                                   "EXPOSE 8000"))

    async def session():
        editor = Editor(project / "api")  # the editor was opened on the api folder alone
        await editor.start()
        try:
            uri = editor.open("Dockerfile", "dockerfile")
            assert "DF101" in codes(await editor.diagnostics(uri))  # no compose file in sight

            editor.client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={"x": 1}))
            seen = editor.seen(uri)
            editor.client.workspace_did_change_workspace_folders(t.DidChangeWorkspaceFoldersParams(
                t.WorkspaceFoldersChangeEvent(added=[t.WorkspaceFolder(from_fs_path(str(project)), "project")],
                                              removed=[t.WorkspaceFolder(editor.uri(""), "project")])))
            # compose.yaml one folder up now builds it and gives the service a health check
            assert "DF101" not in codes(await editor.diagnostics(uri, seen))
        finally:
            await editor.stop()

    run(session())


def test_a_new_compose_file_counts_before_and_after_it_is_saved_without_file_watching(project: Path) -> None:
    """An editor that does not watch files (Neovim on Linux) tells of a new compose file only by opening,
    saving and closing it: its buffer is part of the stack while open, and the saved file afterwards."""
    (project / "compose.yaml").write_text("services:\n  api:\n    build: ./api\n")
    (project / "api" / "Dockerfile").write_text(DOCKERFILE.replace(DOCKERFILE.splitlines()[HEALTHCHECK_LINE],
                                                                   "EXPOSE 8000"))
    override = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "python", "-c", "print(1)"]\n'

    async def session():
        editor = Editor(project)
        await editor.start()  # no file watching
        try:
            dockerfile = editor.open("api/Dockerfile", "dockerfile")
            assert "DF101" in codes(await editor.diagnostics(dockerfile))  # no health check anywhere

            seen = editor.seen(dockerfile)
            new = editor.open("compose.override.yaml", "yaml", override)  # not on disk yet
            assert "DF101" not in codes(await editor.diagnostics(dockerfile, seen))  # merged over compose.yaml

            (project / "compose.override.yaml").write_text(override)
            editor.client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(new)))
            editor.client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(new)))
            editor.edit(dockerfile, [t.TextEdit(range=t.Range(t.Position(0, 0), t.Position(0, 0)), new_text="# x\n")])
            assert "DF101" not in codes(await editor.current(dockerfile))  # the file on disk counts now
        finally:
            await editor.stop()

    run(session())


NUMBERS_COMPOSE = """\
services:
  numbers-api:
    image: diamol/ch08-numbers-api:v3
    ports:
      - "8087:80"
    healthcheck:
      test: ["CMD", "curl", "http://localhost/health"]
      interval: 5s
    networks:
      - app-net

  numbers-web:
    image: diamol/ch08-numbers-web:v3
    restart: on-failure
    environment:
      - RngApi__Url=http://numbers-api/rng
    depends_on:
      - numbers-api
    ports:
      - "8088:80"
    networks:
      - app-net

networks:
  app-net: {}
"""


def test_code_actions_for_the_cursor_line_and_the_diagnostics_the_client_sends(tmp_path: Path) -> None:
    """Neovim asks with the cursor position as the range (here the start of the line, before the
    finding's span) and the line's diagnostics in the context."""
    (tmp_path / "compose.yaml").write_text(NUMBERS_COMPOSE)

    async def session():
        editor = Editor(tmp_path)
        await editor.start()
        try:
            uri = editor.open("compose.yaml", "yaml")
            diagnostics = await editor.diagnostics(uri)
            curl = one(diagnostics, "DC103")
            line = curl.range.start.line
            assert curl.range.start.character > 0

            def ask(cursor: t.Position, sent: list[t.Diagnostic]):
                return editor.wait(editor.client.text_document_code_action_async(t.CodeActionParams(
                    text_document=t.TextDocumentIdentifier(uri=uri), range=t.Range(cursor, cursor),
                    context=t.CodeActionContext(diagnostics=sent))))

            # the cursor at the start of the flagged line, the line's diagnostics sent
            titles = [a.title for a in await ask(t.Position(line, 0), [curl])]
            assert "Fix (unsafe): Add --fail to curl" in titles and "Ignore DC103 here" in titles
            # no diagnostics sent (a client that leaves the context empty): the findings on the line
            titles = [a.title for a in await ask(t.Position(line, 0), [])]
            assert "Fix (unsafe): Add --fail to curl" in titles and "Ignore DC103 here" in titles
            # the cursor elsewhere, the diagnostic sent (a client's list of the buffer's diagnostics)
            titles = [a.title for a in await ask(t.Position(0, 0), [curl])]
            assert "Fix (unsafe): Add --fail to curl" in titles
            # a line with no finding, nothing sent: no quick fix
            actions = await ask(t.Position(4, 0), [])
            assert [a for a in actions if a.kind == t.CodeActionKind.QuickFix] == []
        finally:
            await editor.stop()

    run(session())
