"""Warm re-lint: one document re-linted after a one-character change, as an editor's language server does it.

    python bench/relint.py [--edits 200] [--no-server]

Makes one project (a 300-line multi-stage Dockerfile and a 200-line compose file whose services build it)
and times, for each file, `edits` re-lints after a one-character change: in this process the way the server
does it (the changed document read anew from its bytes, the other document's parsed model reused, a fresh
project view, a warm config, no results cache), and through `hullcheck lsp` over stdio: the time from
sending didChange to receiving the publishDiagnostics of that version.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

APT_PACKAGES = ["ca-certificates", "curl", "git", "build-essential", "libpq-dev", "libssl-dev", "pkg-config",
                "unzip", "gnupg", "locales", "tzdata", "xz-utils", "jq", "openssh-client", "libffi-dev"]
APK_PACKAGES = ["ca-certificates", "tzdata", "libstdc++", "libgcc", "musl-dev", "openssl", "bash", "tini"]


def dockerfile_text(lines: int = 300) -> str:
    """A realistic multi-stage Dockerfile of exactly `lines` lines (padded with commented RUN steps), with
    a few findings, as a file being worked on has."""
    head = [
        "# syntax=docker/dockerfile:1",
        "# Build and runtime image for the example service.",
        "ARG PYTHON_VERSION=3.12",
        "ARG NODE_VERSION=22",
        "ARG DEBIAN_FRONTEND=noninteractive",
        "",
        "# ---- assets: front-end bundle ----",
        "FROM node:${NODE_VERSION}-alpine AS assets",
        "WORKDIR /web",
        "RUN apk add --no-cache \\",
        *[f"        {p} \\" for p in APK_PACKAGES[:-1]],
        f"        {APK_PACKAGES[-1]}",
        "COPY web/package.json web/package-lock.json ./",
        "RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund",
        "COPY web/ ./",
        "RUN npm run build && \\",
        "    npm prune --omit=dev && \\",
        "    find dist -name '*.map' -delete",
        "",
        "# ---- build: wheels for the application ----",
        "FROM python:${PYTHON_VERSION}-slim AS build",
        "ARG DEBIAN_FRONTEND",
        "ENV PIP_NO_CACHE_DIR=1 \\",
        "    PIP_DISABLE_PIP_VERSION_CHECK=1 \\",
        "    PYTHONDONTWRITEBYTECODE=1",
        "WORKDIR /src",
        "RUN set -eux; \\",
        "    apt-get update; \\",
        "    apt-get install -y --no-install-recommends \\",
        *[f"        {p} \\" for p in APT_PACKAGES],
        "    ; \\",
        "    rm -rf /var/lib/apt/lists/*",
        "COPY requirements.txt requirements-dev.txt ./",
        "RUN pip wheel --wheel-dir /wheels -r requirements.txt && \\",
        "    pip wheel --wheel-dir /wheels-dev -r requirements-dev.txt",
        "COPY . .",
        "RUN python -m compileall -q src && \\",
        "    python -m pytest -q tests/unit || (echo 'unit tests failed' >&2; exit 1)",
        "",
        "# ---- runtime ----",
        "FROM python:${PYTHON_VERSION}-slim AS runtime",
        "ARG DEBIAN_FRONTEND",
        "ARG APP_USER=app",
        "ENV PYTHONUNBUFFERED=1 \\",
        "    APP_HOME=/app \\",
        "    PORT=8080",
        "WORKDIR ${APP_HOME}",
        "RUN apt-get update && \\",
        "    apt-get install -y --no-install-recommends curl ca-certificates libpq5 tini && \\",
        "    rm -rf /var/lib/apt/lists/* && \\",
        "    groupadd --system ${APP_USER} && \\",
        "    useradd --system --gid ${APP_USER} --home-dir ${APP_HOME} ${APP_USER}",
        "COPY --from=build /wheels /wheels",
        "RUN pip install --no-index --find-links=/wheels /wheels/*.whl && rm -rf /wheels",
        "COPY --from=assets /web/dist ./static",
        "COPY --chown=app:app src/ ./src/",
        "COPY --chown=app:app docker/entrypoint.sh /usr/local/bin/entrypoint.sh",
    ]
    tail = [
        "",
        "# health: the app answers on /healthz once migrations have run",
        "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\",
        "    CMD curl -fsS http://localhost:${PORT}/healthz || exit 1",
        "EXPOSE 8080",
        "USER ${APP_USER}",
        "# wait for the database, then serve (a pattern the rules flag: DF202, DF203)",
        "CMD ./docker/wait-for-it.sh db:5432 && gunicorn --bind 0.0.0.0:8080 --workers 4 app.wsgi:application",
    ]
    middle: list[str] = []
    step = 0
    while len(head) + len(middle) + len(tail) < lines:
        step += 1
        kind = step % 4
        if kind == 0:
            block = [f"# step {step}: fetch and verify a release artefact",
                     f"RUN curl -fsSL -o /tmp/tool{step}.tar.gz https://example.com/releases/tool{step}-1.{step}.tar.gz && \\",
                     f"    echo \"0123456789abcdef  /tmp/tool{step}.tar.gz\" | sha256sum -c - && \\",
                     f"    tar -xzf /tmp/tool{step}.tar.gz -C /usr/local/bin && \\",
                     f"    rm -f /tmp/tool{step}.tar.gz"]
        elif kind == 1:
            block = [f"ENV FEATURE_{step}=enabled \\", f"    FEATURE_{step}_LEVEL={step}"]
        elif kind == 2:
            block = [f"# step {step}: configuration for module {step}",
                     f"RUN mkdir -p /etc/app/conf.d/{step} && \\",
                     f"    printf 'module={step}\\nlevel=info\\n' > /etc/app/conf.d/{step}/settings.ini && \\",
                     f"    chown -R app:app /etc/app/conf.d/{step}"]
        else:
            block = [f"COPY --chown=app:app config/module{step}.yaml /etc/app/modules/"]
        middle.extend(block)
    text = head + middle + tail
    return "\n".join(text[: lines - len(tail)] + tail) + "\n" if len(text) > lines else "\n".join(text) + "\n"


SERVICES = ["proxy", "web", "api", "worker", "scheduler", "db", "cache", "queue", "search", "mail", "metrics"]
PURPOSE = {"proxy": "TLS termination in front of web and api", "web": "server-rendered pages",
           "api": "the JSON API", "worker": "background jobs from the queue", "scheduler": "periodic jobs",
           "db": "the primary database", "cache": "sessions and rate limits", "queue": "the job broker",
           "search": "full-text search", "mail": "catches outgoing mail in development",
           "metrics": "scrapes every service"}


def compose_text(lines: int = 200) -> str:
    """A compose file of about `lines` lines: services that build the Dockerfile, backing services with
    healthchecks, depends_on conditions, networks, volumes and restart policies."""
    built = {"web", "api", "worker", "scheduler"}
    out = ["# Local development stack for the example service.", "name: example", "", "services:"]
    for index, name in enumerate(SERVICES):
        out += [f"  # {name}: {PURPOSE[name]}", f"  {name}:"]
        if name in built:
            out += ["    build:", "      context: .", "      dockerfile: Dockerfile", "      target: runtime",
                    "      args:", "        PYTHON_VERSION: \"3.12\""]
        else:
            image = {"proxy": "nginx:1.27-alpine", "db": "postgres:16", "cache": "redis:7-alpine",
                     "queue": "rabbitmq:3-management", "search": "opensearchproject/opensearch:2",
                     "mail": "axllent/mailpit:v1.20", "metrics": "prom/prometheus:v2.54.1"}[name]
            out.append(f"    image: {image}")
        out.append(f"    restart: {'unless-stopped' if index % 3 else 'on-failure'}")
        if name in ("db", "cache", "queue"):
            test = {"db": '["CMD-SHELL", "pg_isready -U app -d app"]', "cache": '["CMD", "redis-cli", "ping"]',
                    "queue": '["CMD", "rabbitmq-diagnostics", "-q", "ping"]'}[name]
            out += ["    healthcheck:", f"      test: {test}", "      interval: 10s", "      timeout: 5s",
                    "      retries: 5", "      start_period: 30s"]
        elif name in built:
            out += ["    healthcheck:", '      test: ["CMD", "curl", "-fsS", "http://localhost:8080/healthz"]',
                    "      interval: 15s", "      timeout: 3s", "      retries: 3"]
        if name in built:
            out += ["    environment:", "      DATABASE_URL: postgres://app:${DB_PASSWORD:-app}@db:5432/app",
                    "      REDIS_URL: redis://cache:6379/0", f"      SERVICE_NAME: {name}",
                    "    depends_on:", "      db:", "        condition: service_healthy", "      cache:",
                    "        condition: service_healthy", "      queue:", "        condition: service_started"]
        if name == "proxy":
            out += ["    ports:", '      - "80:80"', '      - "443:443"', "    depends_on:", "      - web",
                    "      - api", "    volumes:", "      - ./docker/nginx.conf:/etc/nginx/nginx.conf:ro"]
        if name == "db":
            out += ["    environment:", "      POSTGRES_USER: app", "      POSTGRES_PASSWORD: ${DB_PASSWORD:-app}",
                    "    volumes:", "      - db-data:/var/lib/postgresql/data"]
        if name == "search":
            out += ["    environment:", "      discovery.type: single-node"]
        if name == "metrics":
            out += ["    volumes:", "      - ./docker/prometheus.yml:/etc/prometheus/prometheus.yml:ro"]
        out += ["    networks:", "      - backend" if name != "proxy" else "      - frontend"]
        if name in ("web", "api", "proxy"):
            out.append("      - frontend" if name != "proxy" else "      - backend")
    out += ["", "networks:", "  frontend: {}", "  backend:", "    driver: bridge", "", "volumes:", "  db-data: {}"]
    return "\n".join(out) + "\n"


def make_project(directory: Path) -> tuple[Path, Path]:
    (directory / ".git").mkdir(exist_ok=True)  # its own project root
    dockerfile = directory / "Dockerfile"
    compose = directory / "compose.yaml"
    dockerfile.write_text(dockerfile_text(), encoding="utf-8")
    compose.write_text(compose_text(), encoding="utf-8")
    return dockerfile, compose


def edit_sites(text: str) -> tuple[int, int]:
    """Where the one-character edits happen, near the middle of the file: a letter inside a comment and one
    inside a RUN argument (Dockerfile) or a service's value (compose)."""
    middle = text.find("\n", len(text) // 2) + 1
    sites = []
    for markers in (("# step ", "  # "), ("mkdir -p /etc/", "SERVICE_NAME: ")):
        found = [text.find(m, start) + len(m) for start in (middle, 0) for m in markers if text.find(m, start) >= 0]
        sites.append(found[0])
    return sites[0], sites[1]


def edited(text: str, sites: tuple[int, int], round_: int) -> str:
    """The text with one character changed: the comment and the argument take turns, each toggling between
    two letters, so every edit changes the text from the previous one."""
    offset = sites[round_ % 2]
    char = "xy"[(round_ // 2) % 2]
    return text[:offset] + char + text[offset + 1:]


def percentiles(times_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(times_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def in_process(paths: list[Path], edits: int, warmup: int = 10) -> dict[Path, list[float]]:
    """Per file, the times (ms) of `edits` re-lints after a one-character change."""
    from lint.engine.config import ConfigResolver
    from lint.project.discover import kind_from_name
    from lint.engine import Workspace, lint_document, project_root, read_document

    resolver = ConfigResolver()
    workspace = Workspace()
    kinds = {path: kind_from_name(path.name) for path in paths}
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    for path in paths:
        doc = read_document(path, kinds[path], texts[path].encode())
        workspace.add(doc)
        lint_document(doc, resolver.for_path(path), workspace.project(project_root(path)))
    results = {}
    for path in paths:
        text = texts[path]
        sites = edit_sites(text)
        times = []
        for round_ in range(warmup + edits):
            text = edited(text, sites, round_)
            data = text.encode()
            start = time.perf_counter()
            doc = read_document(path, kinds[path], data)
            workspace.add(doc)
            workspace.projects.clear()  # a fresh project view: what the change may affect is recomputed
            lint_document(doc, resolver.for_path(path), workspace.project(project_root(path)))
            if round_ >= warmup:
                times.append((time.perf_counter() - start) * 1000)
        results[path] = times
    return results


class LspClient:
    """A minimal JSON-RPC client for a language server on a subprocess's pipes (Content-Length framing).
    A reader thread queues what the server sends, so every wait has a timeout and nothing hangs."""

    def __init__(self, command: list[str], cwd: Path, log: Path) -> None:
        self.log = log.open("wb")
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log, env={**os.environ, "NO_COLOR": "1"})
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        self.inbox.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length is not None:
                    self.inbox.put(json.loads(stream.read(length)))
        except (OSError, ValueError):
            self.inbox.put(None)

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None, timeout: float = 30) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def wait(self, wanted, timeout: float) -> dict:
        """The next message `wanted` accepts; requests from the server are answered (null) meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from the language server in time")
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise RuntimeError(f"the language server exited (log: {self.log.name})")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()
        finally:
            self.log.close()


def diagnostics_of(uri: str, version: int | None = None):
    def wanted(message: dict) -> bool:
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        params = message.get("params") or {}
        if params.get("uri") != uri:
            return False
        return version is None or params.get("version") in (None, version)
    return wanted


def position(text: str, offset: int) -> dict:
    """An LSP position; the edited characters and what precedes them on their line are ASCII, so UTF-16
    columns are code points."""
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def language_server(paths: list[Path], edits: int, warmup: int = 10, timeout: float = 30,
                    command: list[str] | None = None) -> dict[Path, list[float]]:
    """Per file, the times (ms) from sending a one-character didChange to `hullcheck lsp` (or `command`)
    until the diagnostics of that version arrive. Debouncing is off (initializationOptions {"debounce": 0})."""
    root = paths[0].parent
    with tempfile.NamedTemporaryFile(prefix="hullcheck-lsp-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    client = LspClient(command or [sys.executable, "-m", "lint", "lsp"], root, log_path)
    try:
        client.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "initializationOptions": {"debounce": 0}}, timeout=timeout)
        client.notify("initialized", {})
        texts = {path: path.read_text(encoding="utf-8") for path in paths}
        for path in paths:
            language = "dockerfile" if path.name == "Dockerfile" else "dockercompose"
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": path.as_uri(), "languageId": language, "version": 0, "text": texts[path]}})
            client.wait(diagnostics_of(path.as_uri()), timeout)
        results = {}
        for path in paths:
            uri, text = path.as_uri(), texts[path]
            sites = edit_sites(text)
            times = []
            for round_ in range(warmup + edits):
                new = edited(text, sites, round_)
                offset = sites[round_ % 2]
                version = round_ + 1
                change = {"range": {"start": position(new, offset), "end": position(new, offset + 1)},
                          "text": new[offset]}
                start = time.perf_counter()
                client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [change]})
                client.wait(diagnostics_of(uri, version), timeout)
                if round_ >= warmup:
                    times.append((time.perf_counter() - start) * 1000)
                text = new
            results[path] = times
        return results
    finally:
        client.close()
        if client.process.returncode == 0:
            log_path.unlink(missing_ok=True)


def report(label: str, results: dict[Path, list[float]]) -> None:
    for path, times in results.items():
        p50, p95 = percentiles(times)
        print(f"{label} {path.name:<12} p50 {p50:6.2f} ms | p95 {p95:6.2f} ms")


def run(edits: int, server: bool = True) -> None:
    """Print the warm re-lint figures: in this process, then through the language server."""
    with tempfile.TemporaryDirectory(prefix="hullcheck-relint-") as directory:
        paths = list(make_project(Path(directory).resolve()))
        sizes = ", ".join(f"{p.name} {p.read_text(encoding='utf-8').count(chr(10))} lines" for p in paths)
        print(f"warm re-lint after a one-character edit, {edits} edits each ({sizes}):")
        report("  in-process lint_document:", in_process(paths, edits))
        if server:
            try:
                results = language_server(paths, edits)
            except (OSError, RuntimeError, TimeoutError) as exc:
                print(f"  hullcheck lsp round trip: not measured: {exc}")
            else:
                report("  hullcheck lsp round trip: ", results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--no-server", action="store_true", help="only the in-process figure")
    args = parser.parse_args()
    run(args.edits, server=not args.no_server)


if __name__ == "__main__":
    main()
