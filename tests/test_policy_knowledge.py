"""The shared knowledge behind the security and label rules, on realistic lines: ENV/LABEL/ARG pairs with
their spans, the image's user, the `# hadolint shell=` pragma, label value types; and hadolint's label
schema checks compared with DF602 on its fixtures."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.core.source import Source
from lint.dockerfile.pairs import key_values
from lint.dockerfile.pragmas import shell_pragma
from lint.dockerfile.scanner import parse_dockerfile
from lint.dockerfile.users import effective_user
from lint.knowledge.labels import label_value_problem

ROOT = Path(__file__).resolve().parent.parent


def parse(text: str):
    return parse_dockerfile(Source("Dockerfile", text))


def spans(text: str, keyword: str):
    doc = parse(text)
    out = []
    for ins in doc.instructions:
        if ins.keyword == keyword:
            for pair in key_values(ins):
                value = text[pair.value_span.start:pair.value_span.end] if pair.value_span is not None else None
                out.append((pair.key, pair.value, text[pair.key_span.start:pair.key_span.end], value))
    return out


def test_env_pairs_quoted_and_continued():
    text = 'FROM alpine:3.20\nENV A=1 \\\n    B="two words" \\\n    C=\'x y\' D=\n'
    assert spans(text, "ENV") == [("A", "1", "A", "1"), ("B", "two words", "B", '"two words"'),
                                  ("C", "x y", "C", "'x y'"), ("D", "", "D", "")]


def test_legacy_env_takes_the_rest_of_the_line():
    assert spans("FROM alpine:3.20\nENV PATH /opt/app/bin:$PATH more\n", "ENV") == [
        ("PATH", "/opt/app/bin:$PATH more", "PATH", "/opt/app/bin:$PATH more")]


def test_label_keys_may_be_quoted():
    assert spans('FROM alpine:3.20\nLABEL "com.example.vendor"="ACME" version=1.0\n', "LABEL") == [
        ("com.example.vendor", "ACME", '"com.example.vendor"', '"ACME"'), ("version", "1.0", "version", "1.0")]


def test_arg_without_default():
    assert spans("ARG NPM_TOKEN\nARG A=1 B\nFROM alpine:3.20\n", "ARG") == [
        ("NPM_TOKEN", None, "NPM_TOKEN", None), ("A", "1", "A", "1"), ("B", None, "B", None)]


def test_the_image_user_follows_parent_stages():
    doc = parse("FROM alpine:3.20 AS base\nUSER 0:0\nFROM base AS app\nRUN true\nFROM alpine:3.20\nUSER app\n")
    inherited = effective_user(doc, doc.stages[1])
    assert inherited.root and inherited.instruction.line == 2 and inherited.group == "0"
    last = effective_user(doc, doc.stages[2])
    assert last.user == "app" and not last.numeric


def test_the_image_user_through_an_arg_default():
    doc = parse("FROM alpine:3.20\nARG UID=10001\nUSER ${UID}:${UID}\n")
    setting = effective_user(doc, doc.stages[0])
    assert setting.user == "10001" and setting.numeric
    unknown = parse("FROM alpine:3.20\nARG NB_USER\nUSER $NB_USER\n")
    assert effective_user(unknown, unknown.stages[0]).user is None


def test_shell_pragma_before_the_first_from_covers_the_file():
    doc = parse("# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Get-Process\n"
                "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir\n")
    runs = [i for i in doc.instructions if i.keyword == "RUN"]
    assert [shell_pragma(doc, r) for r in runs] == ["powershell", "powershell"]


def test_shell_pragma_inside_a_stage_covers_the_rest_of_it():
    doc = parse("FROM alpine:3.20\nRUN echo one\n# hadolint shell=bash\nRUN echo two\nFROM alpine:3.20\nRUN echo three\n")
    runs = [i for i in doc.instructions if i.keyword == "RUN"]
    assert [shell_pragma(doc, r) for r in runs] == [None, "bash", None]


@pytest.mark.parametrize(("kind", "value"), [
    ("url", "https://github.com/example/app"), ("url", "ssh://git@github.com/example/app.git"),
    ("url", "mailto:web@example.com"), ("rfc3339", "2024-05-01T12:30:00Z"), ("rfc3339", "2024-05-01T12:30:00.25+02:00"),
    ("semver", "1.2.0"), ("semver", "1.2.0-rc.1+build.5"), ("hash", "3f9c2e1"),
    ("hash", "3f9c2e1a7b0d4c5e6f708192a3b4c5d6e7f80912"), ("spdx", "Apache-2.0"), ("spdx", "GPL-2.0-or-later"),
    ("spdx", "(MIT OR Apache-2.0) AND BSD-3-Clause"), ("spdx", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ("spdx", "LicenseRef-acme-commercial"), ("spdx", "Zlib"), ("email", "web@example.com"),
    ("email", "Web Team <web@example.com>"), ("text", ""),
])
def test_label_values_that_conform(kind, value):
    assert label_value_problem(kind, value) is None


@pytest.mark.parametrize(("kind", "value"), [
    ("url", "github.com/example/app"), ("url", "https://"), ("rfc3339", "2024-05-01"),
    ("rfc3339", "2024-05-01 12:30:00"), ("semver", "1.2"), ("semver", "v1.2.0"), ("hash", "main"), ("hash", "3f9c2e"),
    ("spdx", "Apache 2.0"), ("spdx", "GPL"), ("spdx", "MIT License"), ("spdx", "MIT OR"), ("email", "web team"),
    ("email", "web@localhost"),
])
def test_label_values_that_do_not(kind, value):
    assert label_value_problem(kind, value) is not None


SCHEMA = ("org.opencontainers.image.version:semver", "org.opencontainers.image.source:url",
          "org.opencontainers.image.licenses:spdx", "org.opencontainers.image.created:rfc3339",
          "org.opencontainers.image.revision:hash", "maintainer:email", "org.opencontainers.image.title:text",
          "org.opencontainers.image.vendor:text")
# where DF602 and hadolint differ with the same schema, reviewed (see the rule's docstring)
SCHEMA_DISAGREEMENTS = {
    ("good.Dockerfile", "DL3054"): "an SPDX expression with AND / OR and parentheses is valid SPDX",
    ("good.Dockerfile", "DL3055"): "a 10-digit abbreviated commit hash is a git hash (git abbreviates to 7+)",
    ("good.Dockerfile", "DL3058"): "`Name <address>` is an RFC 5322 mailbox",
    ("good.Dockerfile", "DL3056"): "a value from a build argument is known only at build time",
}


def hadolint() -> str | None:
    here = Path(sys.executable).parent / "hadolint"
    return str(here) if here.exists() else shutil.which("hadolint")


@pytest.mark.skipif(hadolint() is None, reason="hadolint binary not installed")
@pytest.mark.parametrize("name", ["bad.Dockerfile", "good.Dockerfile"])
def test_label_schema_agrees_with_hadolint(name, tmp_path):
    from tests.fixture_support import config_for, lint_files

    case = ROOT / "fixtures" / "DF602" / name
    config_file = tmp_path / "hadolint.yaml"
    schema = "\n".join(f"  {item.split(':')[0]}: {item.split(':')[1]}" for item in SCHEMA)
    config_file.write_text(f"strict-labels: true\nlabel-schema:\n{schema}\n")
    out = subprocess.run([hadolint(), "--no-fail", "-f", "json", "-c", str(config_file), str(case)],
                         capture_output=True, text=True)
    theirs = {(f["code"], f["line"]) for f in json.loads(out.stdout) if f["code"] >= "DL3049" and f["code"] <= "DL3058"}
    results = lint_files([case], case.parent, config_for("DF602", case))
    doc, findings = results[case]
    starts = {n: ins.line for ins in doc.model.instructions for n in range(ins.line, ins.end_line + 1)}
    ours = {starts[f.line] for f in findings}
    for code, line in sorted(theirs):
        if (name, code) in SCHEMA_DISAGREEMENTS:
            continue
        assert line in ours, f"{name}:{line}: hadolint {code} unmatched"


def test_the_image_user_through_an_env_value_set_before_it():
    doc = parse("FROM jupyter/base-notebook:python-3.11\nENV NB_USER=jovyan HOME=/home/jovyan\nUSER $NB_USER\n"
                "ENV NB_USER=other\n")
    assert effective_user(doc, doc.stages[0]).user == "jovyan"


def test_shell_pragma_carries_into_a_stage_built_from_it():
    doc = parse("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\n# hadolint shell=powershell\n"
                "RUN Get-Process\nFROM base\nRUN dir\nFROM alpine:3.20\nRUN ls\n")
    runs = [i for i in doc.instructions if i.keyword == "RUN"]
    assert [shell_pragma(doc, r) for r in runs] == ["powershell", "powershell", None]
