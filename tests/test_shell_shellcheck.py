"""Which scripts of a Dockerfile ShellCheck reads (lint.knowledge.shellcheck), and how its positions map back."""
from __future__ import annotations

from lint.core.source import Source
from lint.dockerfile import parse_dockerfile
from lint.knowledge.shellcheck import shellcheck_targets
from lint.shell.shellcheck import Comment, Job, span_in, _comment
from lint.core.model import Severity


def targets(text: str):
    doc = parse_dockerfile(Source("Dockerfile", text))
    return doc, shellcheck_targets(doc)


def test_dialect_follows_shell_image_pragma_and_parent_stage():
    doc, found = targets(
        "FROM debian:12 AS base\nRUN a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN b\n"
        "FROM base AS child\nRUN c\n# hadolint shell=sh\nRUN d\n"
        "FROM alpine:3.20\nRUN e\nFROM fedora:40\nRUN f\nFROM scratch\nRUN g\n"
        "FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-c\"]\nRUN h\n")
    assert [(t.job.text, t.job.dialect) for t in found] == [
        ("a", "dash"), ("b", "bash"), ("c", "bash"), ("d", "dash"), ("e", "busybox"), ("f", "bash"), ("g", "sh")]


def test_variables_are_the_stage_chain_args_and_envs_with_known_values():
    doc, found = targets("ARG GLOBAL=1\nFROM debian:12\nRUN early\nARG VERSION=1.2 FLAGS\n"
                         "ENV HOME_DIR=/opt/app PATH=$PATH:/x GREETING=\"hi there\" dotted.name=1\nRUN late\n")
    early, late = (dict(t.job.variables) for t in found)
    assert "VERSION" not in early and "GLOBAL" not in early and early["HTTP_PROXY"] is None
    assert {k: late[k] for k in ("VERSION", "FLAGS", "HOME_DIR", "PATH", "GREETING")} == {
        "VERSION": "1.2", "FLAGS": None, "HOME_DIR": "/opt/app", "PATH": None, "GREETING": "hi there"}
    assert "dotted.name" not in late  # no shell identifier: not declared
    assert Job("sh", (("A", "it's"), ("B", None)), "x").header == "#!/bin/sh\nexport A='it'\\''s' B\n"


def test_heredocs_a_shell_reads_and_the_line_that_feeds_them():
    text = ("FROM debian:12\nRUN cat <<EOF > /etc/x && echo $y\nv=$z\nEOF\n"
            "RUN bash <<'EOS'\n#!/bin/bash\n[[ -n $a ]]\nEOS\nRUN python3 <<'PY'\nprint(1)\nPY\n")
    doc, found = targets(text)
    assert [(t.job.text, t.job.dialect) for t in found] == [
        ("cat <<EOF > /etc/x && echo $y\nv=$z\nEOF\n", "dash"),
        ("bash <<'EOS'\n#!/bin/bash\n[[ -n $a ]]\nEOS\n", "dash"),
        ("\n[[ -n $a ]]\n", "bash"),  # its shebang line blanked, so lines keep their place
        ("python3 <<'PY'\nprint(1)\nPY\n", "dash"),
    ]
    first = found[0]
    # `$z` on the body's line 2 (ShellCheck's line 4 with the two header lines), column 3
    comment = _comment(first.job, {"line": 4, "column": 3, "endLine": 4, "endColumn": 5, "code": 2154,
                                   "level": "warning", "message": "z is referenced but not assigned."})
    span = span_in(first.mapped, comment)
    assert text[span.start:span.end] == "$z"
    assert doc.source.position(span.start) == (3, 3)


def test_continuations_comments_and_crlf_map_back_exactly():
    text = "FROM debian:12\r\nRUN echo a \\\r\n  # note\r\n  && echo $b\r\n"
    doc, (target,) = targets(text)
    assert target.job.text == "echo a   && echo $b"
    at = target.job.text.index("$b")
    span = span_in(target.mapped, Comment("SC2086", Severity.INFO, "m", at, at + 2))
    assert text[span.start:span.end] == "$b" and doc.source.position(span.start) == (4, 11)
    # a comment on the header ShellCheck was given is about nothing the user wrote
    assert _comment(target.job, {"line": 2, "column": 1, "code": 2034, "level": "warning", "message": "m"}) is None
