"""lint.knowledge.stages: what a FROM pulls, what a COPY --from names, the SHELL in effect and the exec form
of a simple shell-form command, as BuildKit reads them."""
from __future__ import annotations

from lint.api import base_image, copy_source, exec_form_words, shell_in_effect, split_image, tag_span
from lint.core.source import Source
from lint.dockerfile import Dockerfile, parse_dockerfile


def parse(text: str) -> Dockerfile:
    return parse_dockerfile(Source("Dockerfile", text))


def test_a_registry_port_is_no_tag_and_a_digest_pins():
    assert split_image("localhost:5000/team/app").tag is None
    image = split_image("registry.local:5000/team/app:1.4@sha256:abc")
    assert (image.name, image.tag, image.digest) == ("registry.local:5000/team/app", "1.4", "sha256:abc")
    assert split_image("${BASE}") is None and split_image("") is None


def test_the_image_a_from_pulls_resolves_arg_defaults_and_skips_stages_scratch_and_unknowns():
    doc = parse("ARG BASE=python\nARG APP=builder\nARG ARCH\n"
                "FROM golang:1.22 AS builder\nFROM ${BASE}\nFROM ${APP} AS packaged\nFROM base-${ARCH}\n"
                "FROM scratch\nFROM node:latest\n")
    images = [base_image(doc, stage) for stage in doc.stages]
    assert [i.text if i else None for i in images] == ["golang:1.22", "python", None, None, None, "node:latest"]
    last = doc.stages[-1]
    span = tag_span(last, images[-1])
    assert doc.source.text[span.start:span.end] == "latest"
    assert tag_span(doc.stages[1], images[1]) is None  # written through a variable


def test_copy_from_names_an_earlier_stage_itself_a_later_one_an_image_or_a_variable():
    doc = parse("FROM golang:1.22 AS builder\nRUN go build\n"
                "FROM alpine:3.20 AS app\n"
                "COPY --from=Builder /a /a\nCOPY --from=0 /a /a\nCOPY --from=app /a /a\nCOPY --from=1 /a /a\n"
                "COPY --from=assets /a /a\nCOPY --from=composer /a /a\nCOPY --from=buidler /a /a\n"
                "COPY --from=Static /a /a\nCOPY --from=9 /a /a\nCOPY --from=$SRC /a /a\n"
                "FROM node:22 AS assets\n")
    app = doc.stages[1]
    kinds = []
    for ins in app.find("COPY"):
        source = copy_source(doc, app, ins, ins.flag("from").value)
        kinds.append((source.kind, source.near.name if source.near else None))
    assert kinds == [("earlier", None), ("earlier", None), ("self", None), ("self", None), ("later", None),
                     ("image", None), ("image", "builder"), ("invalid", None), ("bad-index", None),
                     ("variable", None)]


def test_a_shell_is_in_effect_after_its_instruction_and_in_the_stages_built_on_it():
    doc = parse('FROM debian:bookworm AS base\nCMD a\nSHELL ["/bin/bash", "-c"]\nCMD b\n'
                "FROM base\nCMD c\nFROM debian:bookworm\nCMD d\n")
    found = [shell_in_effect(doc, ins.stage, ins) is not None for ins in doc.instructions if ins.keyword == "CMD"]
    assert found == [False, True, True, False]


def test_only_a_simple_command_has_an_exec_form():
    doc = parse("FROM alpine:3.20\nCMD exec node server.js\nCMD node $APP\nCMD a && b\nCMD 'quoted arg'\n"
                "CMD app \\\n  --port 80\nCMD app # note\nCMD app > log\n")
    words = [exec_form_words(doc, ins.command) for ins in doc.instructions if ins.keyword == "CMD"]
    assert words == [["node", "server.js"], None, None, None, ["app", "--port", "80"], None, None]
