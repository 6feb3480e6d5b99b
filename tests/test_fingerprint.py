"""Finding fingerprints stay the same across unrelated edits and tell real changes apart."""
from __future__ import annotations

import re
from pathlib import Path

from lint.cli.runner import RunOptions, Runner

DOCKERFILE = """\
FROM alpine:3.20 AS build
RUN apk add --no-cache curl

FROM alpine:3.20
RUN apk add --no-cache curl
HEALTHCHECK --interval=1d CMD curl http://localhost:8080/health
CMD ["server"]
"""

COMPOSE = """\
services:
  web:
    image: nginx:1.27
    restart: sometimes
    healthcheck:
      test: ["CMD", "curl", "http://localhost/"]
  db:
    image: postgres:16
    restart: always
"""


def lint(path: Path) -> list[tuple[str, str]]:
    result = Runner(RunOptions(paths=[path], use_cache=False)).run()
    assert not result.errors, result.errors
    return sorted((f.rule_id, f.fingerprint) for f in result.findings)


def lint_file(tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(text)
    return lint(path)


def by_rule(findings: list[tuple[str, str]], rule: str) -> list[str]:
    return [fp for r, fp in findings if r == rule]


def test_every_fingerprint_is_short_hex(tmp_path):
    findings = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    assert {"DF102", "DF105"} <= {r for r, _ in findings}
    assert all(re.fullmatch(r"[0-9a-f]{16}", fp) for _, fp in findings)


def test_dockerfile_lines_and_comments_added_above_keep_fingerprints(tmp_path):
    before = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    edited = "# syntax=docker/dockerfile:1\n# build the tools first\nARG VERSION=1\n\n" + DOCKERFILE.replace(
        "FROM alpine:3.20\nRUN", "FROM alpine:3.20\n# the runtime image\n\nRUN", 1)
    assert lint_file(tmp_path, "Dockerfile", edited) == before


def test_dockerfile_reformatting_another_instruction_keeps_fingerprints(tmp_path):
    before = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    edited = DOCKERFILE.replace('CMD ["server"]', 'CMD [ "server" ]').replace(
        "RUN apk add --no-cache curl\nHEALTHCHECK", "RUN apk add \\\n      --no-cache \\\n      curl\nHEALTHCHECK")
    assert edited != DOCKERFILE
    assert lint_file(tmp_path, "Dockerfile", edited) == before


def test_dockerfile_continuation_layout_of_the_offending_instruction_does_not_matter(tmp_path):
    before = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    edited = DOCKERFILE.replace("HEALTHCHECK --interval=1d CMD", "HEALTHCHECK   --interval=1d \\\n    CMD")
    assert lint_file(tmp_path, "Dockerfile", edited) == before


def test_an_unnamed_stage_added_above_keeps_fingerprints_of_later_stages(tmp_path):
    before = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    edited = "FROM busybox:1.36\nRUN true\n\n" + DOCKERFILE
    after = lint_file(tmp_path, "Dockerfile", edited)
    assert set(before) <= set(after)


def test_fingerprint_changes_when_the_offending_text_changes(tmp_path):
    before = lint_file(tmp_path, "Dockerfile", DOCKERFILE)
    after = lint_file(tmp_path, "Dockerfile", DOCKERFILE.replace("--interval=1d", "--interval=2d"))
    assert by_rule(before, "DF105") and by_rule(after, "DF105")
    assert by_rule(before, "DF105") != by_rule(after, "DF105")
    assert by_rule(before, "DF102") == by_rule(after, "DF102")


def test_identical_problems_in_one_stage_get_distinct_fingerprints(tmp_path):
    text = "FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK CMD true\nHEALTHCHECK CMD true\n"
    fingerprints = by_rule(lint_file(tmp_path, "Dockerfile", text), "DF104")
    assert len(fingerprints) == 2
    assert len(set(fingerprints)) == 2


def test_dockerfile_syntax_findings_have_fingerprints_that_survive_lines_above(tmp_path):
    text = "FROM alpine:3.20\nRUNN echo hi\n"
    before = by_rule(lint_file(tmp_path, "Dockerfile", text), "DF000")
    after = by_rule(lint_file(tmp_path, "Dockerfile", "# a comment\n\n" + text), "DF000")
    assert len(before) == 1 and re.fullmatch(r"[0-9a-f]{16}", before[0])
    assert after == before


def test_compose_lines_added_above_and_other_services_reformatted_keep_fingerprints(tmp_path):
    before = lint_file(tmp_path, "compose.yaml", COMPOSE)
    assert {"DC302", "DC103"} <= {r for r, _ in before}
    edited = "# the stack\nname: demo\n" + COMPOSE.replace(
        "  db:\n    image: postgres:16\n    restart: always\n",
        "  db: {image: 'postgres:16', restart: \"always\"}\n")
    assert lint_file(tmp_path, "compose.yaml", edited) == before


def test_compose_reindented_and_requoted_keeps_fingerprints(tmp_path):
    before = lint_file(tmp_path, "compose.yaml", COMPOSE)
    reindented = "\n".join(line.replace("  ", "    ") for line in COMPOSE.splitlines()) + "\n"
    reindented = reindented.replace("restart: sometimes", "restart: 'sometimes'")
    reindented = reindented.replace('test: ["CMD", "curl", "http://localhost/"]',
                                    "test:\n" + " " * 12 + "- CMD\n" + " " * 12 + "- curl\n" + " " * 12
                                    + "- http://localhost/")
    assert lint_file(tmp_path, "compose.yaml", reindented) == before


def test_compose_fingerprint_changes_with_the_offending_value_and_differs_per_service(tmp_path):
    before = lint_file(tmp_path, "compose.yaml", COMPOSE)
    after = lint_file(tmp_path, "compose.yaml", COMPOSE.replace("restart: sometimes", "restart: seldom"))
    assert by_rule(before, "DC302") != by_rule(after, "DC302")
    two = COMPOSE + "  cache:\n    image: redis:7\n    restart: sometimes\n"
    assert len(set(by_rule(lint_file(tmp_path, "compose.yaml", two), "DC302"))) == 2


def test_compose_syntax_findings_have_fingerprints(tmp_path):
    text = "services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n  api:\n    build: .\n    build: ./api\n"
    fingerprints = by_rule(lint_file(tmp_path, "compose.yaml", text), "DC000")
    assert len(fingerprints) == 2 and len(set(fingerprints)) == 2
    assert all(re.fullmatch(r"[0-9a-f]{16}", fp) for fp in fingerprints)


def test_fingerprints_are_the_same_from_the_cache_and_from_stdin(tmp_path, monkeypatch):
    """A baseline made by one kind of run must match findings of another: cold, cached, or the file on
    stdin (an editor or pre-commit hook)."""
    import lint.engine.cache

    (tmp_path / ".git").mkdir()
    for name, text in (("Dockerfile", DOCKERFILE), ("compose.yaml", COMPOSE)):
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HULLCHECK_CACHE_DIR", str(tmp_path / ".cache"))

    def run(use_cache: bool, stdin: str | None = None) -> list[tuple[str, str, str]]:
        options = RunOptions(paths=[] if stdin else [tmp_path], use_cache=use_cache)
        if stdin:
            options.stdin_filename = Path(stdin)
            options.stdin_data = (tmp_path / stdin).read_bytes()
        result = Runner(options).run()
        assert not result.errors, result.errors
        return sorted((Path(f.path).name, f.rule_id, f.fingerprint) for f in result.findings)

    cold = run(use_cache=False)
    assert cold and all(fingerprint for _, _, fingerprint in cold)
    assert run(use_cache=True) == cold  # writes the cache
    hits = []
    monkeypatch.setattr(lint.engine.cache, "read", lambda *a, _read=lint.engine.cache.read: hits.append(_read(*a)) or hits[-1])
    assert run(use_cache=True) == cold
    assert hits and all(hit is not None for hit in hits)  # every file's findings came from the cache
    assert sorted(run(use_cache=False, stdin="Dockerfile") + run(use_cache=False, stdin="compose.yaml")) == cold
