"""The health-check rules' messages and the places they relate: DF101 and DC101 share one judgement
(lint.knowledge.health.stage_needs_check / service_needs_check) and report one problem once."""
from __future__ import annotations

from pathlib import Path

from lint.engine.config import Config
from tests.fixture_support import lint_files


def findings(tmp_path: Path, files: dict[str, str], rule: str):
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    results = lint_files(paths, tmp_path, Config(select=(rule,)))
    return [f for _, (_, found) in results.items() for f in found if f.rule_id == rule]


def test_df101_says_only_what_is_known_of_the_probe(tmp_path):
    # Alpine has BusyBox wget: the suggested probe uses it, and nothing claims the image has no client
    [alpine] = findings(tmp_path, {"Dockerfile": 'FROM node:20-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n'},
                        "DF101")
    assert "wget" in alpine.fix.edits[0].text and "no curl" not in alpine.message
    assert len(alpine.message) <= 120
    # after a script we cannot read, the tools are unknown: a template, no claim
    [opaque] = findings(tmp_path, {"Dockerfile": 'FROM debian:bookworm-slim\nCOPY install.sh /\nRUN sh /install.sh\n'
                                                 'EXPOSE 8080\nCMD ["/usr/local/bin/app"]\n'}, "DF101")
    assert "<probe>" in opaque.fix.edits[0].text and "curl" not in opaque.message
    assert opaque.fix.title == "Add a HEALTHCHECK (choose a probe the image has)"


def test_df101_relates_the_compose_service_and_dc101_stays_silent(tmp_path):
    files = {"compose.yaml": 'services:\n  api:\n    build: ./api\n    ports:\n      - "8000:8000"\n'
                             '  web:\n    image: nginx:1.27\n    depends_on: [api]\n',
             "api/Dockerfile": 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "-m", "http.server"]\n'}
    [df101] = findings(tmp_path, files, "DF101")
    assert [(Path(r.path).name, r.message) for r in df101.related] == [
        ("compose.yaml", 'compose service "api" builds this image')]
    assert findings(tmp_path, files, "DC101") == []


def test_dc101_leaves_keep_alive_and_shell_services_alone(tmp_path):
    files = {"compose.yaml": "services:\n  a:\n    image: alpine\n    command: sleep infinity\n    ports:\n"
                             '      - "80"\n  b:\n    image: alpine\n    ports:\n      - "81:80"\n'
                             "  c:\n    image: alpine\n    depends_on: [a, b]\n"
                             '  db:\n    image: mariadb:11\n    command: --port=4001\n    ports:\n      - "4001:4001"\n'
                             '  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n'}
    [db] = findings(tmp_path, files, "DC101")
    assert db.message.startswith('service "db" has no health check (mariadb:11 is a server)')


def test_df000_placeholder_is_silent_unless_built_and_a_conflict_is_one_finding(tmp_path):
    assert findings(tmp_path / "a", {"Dockerfile": "# write your image here\n"}, "DF000") == []
    [built] = findings(tmp_path / "b", {"compose.yaml": "services:\n  web:\n    build: .\n",
                                        "Dockerfile": "# write your image here\n"}, "DF000")
    assert built.severity.name == "ERROR"
    text = "FROM alpine:3.20\n<<<<<<< HEAD\nRUN echo a\n=======\nRUN echo b\n>>>>>>> topic\n"
    [conflict] = findings(tmp_path / "c", {"Dockerfile": text}, "DF000")
    assert conflict.message.startswith("unresolved merge conflict (to line 6)") and len(conflict.related) == 2
