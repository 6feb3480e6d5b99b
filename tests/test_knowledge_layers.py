"""Which stages reach the image, which wget a stage runs, and where a RUN can take one more command."""
from __future__ import annotations

from lint.core.source import Source
from lint.dockerfile import parse_dockerfile
from lint.knowledge.layers import el8_base, only_copied_from, run_append_point, run_instructions, wget_flavour
from lint.shell import run_commands


def parse(text: str):
    return parse_dockerfile(Source("Dockerfile", text))


def test_only_copied_from():
    doc = parse("FROM rockylinux:9 AS build\nRUN make\nFROM build AS test\nRUN make test\n"
                "FROM rockylinux:9 AS tools\nRUN true\nFROM ubi9/ubi-minimal\nCOPY --from=build /out /out\n")
    build, test, tools, final = doc.stages
    assert not only_copied_from(doc, build, final)  # a stage is built FROM it: judged there
    assert not only_copied_from(doc, test, final)  # nothing refers to it: maybe a --target
    assert not only_copied_from(doc, tools, final)
    assert not only_copied_from(doc, final, final)
    doc = parse("FROM rockylinux:9 AS build\nRUN make\nFROM ubi9/ubi-minimal\nCOPY --from=build /out /out\n")
    assert only_copied_from(doc, doc.stages[0], doc.stages[1])


def test_el8_base():
    for base in ("registry.access.redhat.com/ubi8/ubi-minimal:8.10", "rockylinux:8", "oraclelinux:8-slim",
                 "redhat/ubi8-minimal"):
        assert el8_base(parse(f"FROM {base}\n").stages), base
    for base in ("registry.access.redhat.com/ubi9/ubi-minimal:9.4", "rockylinux:9", "fedora:38"):
        assert not el8_base(parse(f"FROM {base}\n").stages), base


def flavour(text: str):
    doc = parse(text)
    stage = doc.stages[-1]
    ins = run_instructions(stage)[-1]
    wget = next(rc.command for rc in run_commands(ins) if rc.name == "wget")
    return wget_flavour([*reversed(doc.ancestors(stage)), stage], None, wget, before=ins)


def test_wget_flavour():
    assert flavour("FROM alpine:3.20\nRUN wget https://x\n") == "busybox"
    assert flavour("FROM alpine:3.20\nRUN apk add --no-cache wget && wget https://x\n") == "gnu"
    assert flavour("FROM debian:bookworm\nRUN wget https://x\n") == "gnu"
    assert flavour("FROM jeanblanchard/busybox-java\nRUN wget https://x\n") == "busybox"
    assert flavour("FROM debian:bookworm\nRUN busybox wget https://x\n") == "busybox"
    assert flavour("FROM registry.example.com/base:1\nRUN wget https://x\n") is None


def test_run_append_point():
    text = "FROM centos:7\nRUN yum install -y httpd \\\n    && echo done\n"
    doc = parse(text)
    at = run_append_point(doc.stages[0].find("RUN")[0])
    assert text[:at].endswith("echo done")
    for run in ("RUN yum install -y httpd;", "RUN yum install -y httpd # why", 'RUN ["yum", "install", "-y", "x"]',
                "RUN <<EOF\nyum install -y x\nEOF"):
        doc = parse(f"FROM centos:7\n{run}\n")
        assert run_append_point(doc.stages[0].find("RUN")[0]) is None, run
