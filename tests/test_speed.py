"""Speed paths must not change what is reported: each fast path gives the same model as the plain one."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.compose import nodes as compose, schema, yaml
from lint.core.source import Source

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FIXTURES = sorted(p for p in (ROOT / "fixtures").rglob("*.y*ml"))
FIELDS = ("kind", "path", "span", "key_span", "tag", "raw", "style", "yaml_type", "interpolated", "alias_span", "_text")


def tree(node):
    if node is None:
        return None
    shape = [getattr(node, name) for name in FIELDS]
    if node.kind == compose.MAP:
        shape.append([(key, tree(child)) for key, child in node.value.items()])
    elif node.kind == compose.SEQ:
        shape.append([tree(child) for child in node.value])
    else:
        shape.append((type(node.value).__name__, node.value))
    return shape


def reading(text: str, fast: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(yaml, "_compose_fast", lambda text: None)
        doc = yaml.parse_compose(Source("/project/compose.yaml", text))
        return doc.errors, doc.comments, doc.value_problems, tree(doc.root), doc.schema_problems


def c_parser_available() -> bool:
    from ruamel.yaml.main import CParser

    return CParser is not None


needs_c_parser = pytest.mark.skipif(not c_parser_available(), reason="ruamel.yaml.clib is not installed")


@needs_c_parser
@pytest.mark.parametrize("path", COMPOSE_FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "fixtures")))
def test_c_parser_reads_every_fixture_as_the_pure_parser_does(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert reading(text, True, monkeypatch) == reading(text, False, monkeypatch)


@needs_c_parser
@pytest.mark.parametrize("text", [
    "services:\n  web:\n    image: nginx\n    command: [\"a\": , b]\n",  # libyaml: a one-pair mapping
    "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx\n",
    "\ufeffservices:\n  web:\n    image: nginx\n",  # libyaml counts offsets after the BOM
    "services:\n  web:\n    image:\tnginx\n",
    "services:\n  web:\n    image: nginx\n    labels:\n      a: \"x\u2028y\"\n",
    "services:\n  web:\n    image: nginx\n      bad: indent\n",
    "services:\r\n  web:\r\n    image: \"caf\u00e9 \U0001F600\"  # note\r\n",
])
def test_c_parser_falls_back_or_agrees_where_libyaml_reads_differently(text, monkeypatch):
    assert reading(text, True, monkeypatch) == reading(text, False, monkeypatch)


@needs_c_parser
def test_a_plain_compose_file_takes_the_c_parser():
    assert yaml._compose_fast("services:\n  web:\n    image: nginx  # pinned below\n") is not None
    assert yaml._compose_fast("services:\n  web: &web\n    image: nginx\n") is None


def error_shape(errors) -> list:
    return [(list(e.absolute_path), list(e.schema_path), e.validator, e.message,
             [(list(c.absolute_path), list(c.relative_schema_path), c.message) for c in e.context]) for e in errors]


BROKEN_SERVICES = """\
version: 3
services:
  web:
    image: 3
    healthcheck:
      test: 5
    bogus: 1
  b@d: {}
  db:
    image: postgres
    depends_on:
      web: {}
volumes:
  data: 1
unknown: true
"""


@pytest.mark.parametrize("text", [BROKEN_SERVICES] + [p.read_text(encoding="utf-8") for p in COMPOSE_FIXTURES
                                                      if "DC001" in str(p) or "parser" in str(p)])
def test_schema_errors_validated_per_service_match_the_whole_file_validation(text):
    doc = yaml.parse_compose(Source("/project/compose.yaml", text))
    if doc.root is None or doc.errors or doc.root.kind != compose.MAP:
        pytest.skip("not a readable mapping")
    data = schema._validation_data(doc.root, (), [])
    whole = error_shape(schema._validator().iter_errors(data))
    assert error_shape(schema._schema_errors(data)) == whole
    assert error_shape(schema._schema_errors(data)) == whole  # remembered services, same answer


def test_an_edited_service_is_validated_again():
    text = "services:\n  web:\n    image: nginx\n    ports: []\n"
    assert yaml.parse_compose(Source("/p/compose.yaml", text)).schema_problems == []
    broken = yaml.parse_compose(Source("/p/compose.yaml", text.replace("[]", "{}")))
    assert [p.message for p in broken.schema_problems] == ["services.web.ports must be a list, not a mapping"]
    assert yaml.parse_compose(Source("/p/compose.yaml", text)).schema_problems == []


@needs_c_parser
@pytest.mark.parametrize("nesting", [
    "'services:\\n  a:\\n    image: x\\n    command: ' + '[' * 100000 + ']' * 100000 + '\\n'",
    "'services:\\n  a:\\n    image: x\\n    command:\\n      ' + '- ' * 100000 + 'x\\n'",
])
def test_very_deep_nesting_is_an_error_not_a_crash(nesting):
    # libyaml composes recursively in C; such a file must take the pure path (run apart: a crash kills the process)
    import subprocess
    import sys

    code = ("from lint.compose import parse_compose\nfrom lint.core.source import Source\n"
            f"doc = parse_compose(Source('/p/compose.yaml', {nesting}))\n"
            "print([e.message for e in doc.errors])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "nested too deeply" in run.stdout
