"""The Dockerfile model: instruction boundaries as BuildKit draws them, with exact spans."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from lint.dockerfile import Dockerfile, parse_dockerfile
from lint.core.model import Span
from lint.core.source import Source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "dockerfile"


def parse(text: str) -> Dockerfile:
    return parse_dockerfile(Source("Dockerfile", text))


def read(name: str) -> Dockerfile:
    path = FIXTURES / name
    return parse_dockerfile(Source(str(path), path.read_bytes().decode("utf-8")))


def at(doc: Dockerfile, span: Span) -> tuple[int, int]:
    return doc.source.position(span.start)


def text(doc: Dockerfile, span: Span) -> str:
    return doc.source.text[span.start : span.end]


def shape(doc: Dockerfile) -> list[tuple[str, int, int]]:
    return [(i.keyword, i.line, i.end_line) for i in doc.instructions]


def messages(doc: Dockerfile) -> list[str]:
    return [p.message for p in doc.errors]


# --- parser directives ---------------------------------------------------------------------------


def test_directives_at_the_top_are_read_with_any_key_case_and_blanks():
    doc = parse("# syntax=docker/dockerfile:1.7\n#  ESCAPE = `\n  # Check=skip=all\nFROM alpine\n")
    assert {k: d.value for k, d in doc.directives.items()} == {
        "syntax": "docker/dockerfile:1.7",
        "escape": "`",
        "check": "skip=all",
    }
    assert doc.escape == "`"
    syntax = doc.directives["syntax"]
    assert text(doc, syntax.span) == "# syntax=docker/dockerfile:1.7"
    assert at(doc, syntax.value_span) == (1, 10)
    assert at(doc, doc.directives["check"].span) == (3, 3)
    assert doc.errors == []
    # directive lines are comments too (suppressions and rules see every comment)
    assert [c.line for c in doc.comments] == [1, 2, 3]


@pytest.mark.parametrize(
    "top",
    [
        "\n",  # a blank line ends the block
        "# a plain comment\n",
        "# unknown=directive\n",
        "FROM alpine\n",
    ],
)
def test_the_first_line_that_is_not_a_directive_ends_the_block(top):
    doc = parse(top + "# escape=`\nFROM alpine\nRUN a \\\n  b\n")
    assert "escape" not in doc.directives
    assert doc.escape == "\\"
    assert doc.instructions[-1].args.text == "a   b"


def test_repeated_directive_is_an_error_and_the_first_one_stays():
    doc = parse("# escape=`\n# escape=\\\nFROM alpine\n")
    assert messages(doc) == ["only one escape parser directive can be used"]
    assert at(doc, doc.errors[0].span) == (2, 1)
    assert doc.escape == "`"


def test_invalid_escape_is_an_error_and_backslash_stays():
    doc = parse("# escape=x\nFROM alpine\n")
    assert messages(doc) == ["invalid escape token 'x' does not match ` or \\"]
    assert text(doc, doc.errors[0].span) == "x"
    assert doc.escape == "\\"


def test_syntax_after_a_shebang_is_found_but_not_escape():
    doc = parse("#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\n")
    assert doc.directives["syntax"].value == "docker/dockerfile:1"
    assert "escape" not in doc.directives and doc.escape == "\\"


# --- BOM, CRLF, escape, comments, continuations ---------------------------------------------------


def test_bom_is_kept_and_counted_in_offsets():
    doc = parse("\ufeff# escape=`\nFROM alpine\n")
    assert doc.directives["escape"].value == "`"
    assert doc.directives["escape"].span == Span(1, 11)
    doc = parse("\ufeffFROM alpine\n")
    ins = doc.instructions[0]
    assert ins.keyword_span == Span(1, 5)
    assert at(doc, ins.keyword_span) == (1, 2)
    assert ins.span == Span(1, 12)


def test_crlf_spans_are_exact_and_exclude_the_newline():
    doc = parse("FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\nCMD [\"sh\"]")
    run = doc.instructions[1]
    assert text(doc, run.span) == "RUN echo a \\\r\n  && echo b"
    assert run.args.text == "echo a   && echo b"
    assert run.args.span(0, len(run.args.text)) == Span(17, 38)
    cmd = doc.instructions[2]
    assert cmd.command.exec_args == [("sh", Span(46, 48))]
    assert (cmd.line, cmd.end_line) == (4, 4)


def test_crlf_fixture_without_final_newline_matches_the_lf_one():
    lf, crlf = read("numbers-web.Dockerfile"), read("numbers-web.crlf.Dockerfile")
    assert not crlf.source.text.endswith("\n") and "\r\n" in crlf.source.text
    assert shape(crlf) == shape(lf)
    assert [i.args.text for i in crlf.instructions] == [i.args.text for i in lf.instructions]
    for a, b in zip(crlf.instructions, lf.instructions):
        assert text(crlf, a.span).replace("\r\n", "\n") == text(lf, b.span)
    last = crlf.instructions[-1]
    assert last.span.end == len(crlf.source.text)


def test_seed_numbers_web_cmd_continuation():
    doc = read("numbers-web.Dockerfile")
    cmd = doc.target_stage().last("CMD")
    assert (cmd.line, cmd.end_line) == (15, 16)
    assert text(doc, cmd.span) == "CMD curl --fail http://numbers-api/rng && \\\n    dotnet Numbers.Web.dll"
    assert not cmd.command.exec_form
    assert cmd.command.text.text == "curl --fail http://numbers-api/rng &&     dotnet Numbers.Web.dll"
    start = cmd.command.text.text.index("dotnet")
    assert at(doc, cmd.command.text.span(start, start + 6)) == (16, 5)
    env = doc.target_stage().last("ENV")
    assert env.args.text == "RngApi:Url=http://numbers-api/rng"


def test_seed_numbers_api_healthchecks():
    v2 = read("numbers-api-v2.Dockerfile")
    hc = v2.target_stage().last("HEALTHCHECK")
    assert hc.line == 14 and not hc.healthcheck.none
    assert text(v2, hc.healthcheck.type_span) == "CMD"
    assert hc.healthcheck.command.text.text == "curl --fail http://localhost/health"
    assert not hc.healthcheck.command.exec_form
    v3 = read("numbers-api-v3.Dockerfile")
    hc = v3.target_stage().last("HEALTHCHECK")
    args = hc.healthcheck.command.exec_args
    assert [a for a, _ in args] == ["dotnet", "Utilities.HttpCheck.dll", "-u", "http://localhost/health"]
    assert at(v3, args[3][1]) == (24, 62)
    assert [s.name for s in v3.reachable(v3.target_stage())] == ["builder", "http-check-builder", None]
    v1 = read("numbers-api-v1.Dockerfile")
    assert v1.target_stage().find("HEALTHCHECK") == []
    entry = v1.target_stage().last("ENTRYPOINT")
    assert entry.command.exec_form and [a for a, _ in entry.command.exec_args] == ["dotnet", "/app/Numbers.Api.dll"]


def test_backtick_escape_continues_lines_and_backslash_is_plain():
    doc = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nWORKDIR C:\\\nRUN dir `\n  C:\\\n")
    assert shape(doc) == [("FROM", 2, 2), ("WORKDIR", 3, 3), ("RUN", 4, 5)]
    assert doc.instructions[1].args.text == "C:\\"
    assert doc.instructions[2].args.text == "dir   C:\\"


def test_comment_and_blank_lines_inside_a_continuation_are_dropped_but_recorded():
    doc = read("continuations.Dockerfile")
    run = doc.instructions[1]
    assert (run.line, run.end_line) == (3, 9)
    assert "#" not in run.args.text
    assert run.args.text.split() == [
        "apt-get", "update", "&&", "apt-get", "install", "-y", "--no-install-recommends",
        "curl", "ca-certificates", "&&", "rm", "-rf", "/var/lib/apt/lists/*",
    ]  # fmt: skip
    assert run.empty_continuation_lines == [7]
    comment = next(c for c in doc.comments if c.line == 4)
    assert comment.text == "# a comment inside the continuation"
    assert at(doc, comment.span) == (4, 5)
    # the word after a dropped line maps back to its own line
    i = run.args.text.index("ca-certificates")
    assert at(doc, run.args.span(i, i + 15)) == (8, 9)


def test_trailing_blanks_after_the_escape_character_still_continue():
    doc = parse("FROM alpine\nRUN echo a \\  \t\n    echo b\n")
    assert shape(doc) == [("FROM", 1, 1), ("RUN", 2, 3)]
    assert doc.instructions[1].args.text == "echo a     echo b"


def test_escaped_escape_character_does_not_continue():
    doc = parse("FROM alpine\nRUN echo a\\\\\nCMD b\n")
    assert shape(doc) == [("FROM", 1, 1), ("RUN", 2, 2), ("CMD", 3, 3)]


def test_continuation_at_end_of_file_just_ends_the_instruction():
    doc = parse("FROM alpine\nRUN echo a \\\n# trailing comment\n")
    run = doc.instructions[1]
    assert text(doc, run.span) == "RUN echo a \\"
    assert run.args.text == "echo a"
    assert doc.errors == []


def test_lower_case_keywords_and_leading_blanks():
    doc = read("continuations.Dockerfile")
    run = doc.instructions[2]
    assert run.keyword == "RUN"
    assert text(doc, run.keyword_span) == "run"
    assert at(doc, run.keyword_span) == (10, 3)


# --- heredocs -------------------------------------------------------------------------------------


def test_heredoc_bodies_never_become_instructions():
    doc = read("heredocs.Dockerfile")
    assert shape(doc) == [("FROM", 2, 2), ("RUN", 3, 6), ("COPY", 7, 12), ("RUN", 13, 13), ("CMD", 14, 14)]
    run = doc.instructions[1]
    (heredoc,) = run.heredocs
    assert (heredoc.word, heredoc.delimiter, heredoc.quoted, heredoc.strip_tabs) == ("<<EOF", "EOF", False, False)
    assert heredoc.body.text == "apk add --no-cache curl\nFROM not-an-instruction\n"
    assert at(doc, heredoc.span) == (3, 5)
    assert at(doc, heredoc.body_span) == (4, 1)
    assert text(doc, run.span).endswith("FROM not-an-instruction\nEOF")
    assert doc.errors == []


def test_several_heredocs_on_one_line_quoted_dash_and_fd():
    doc = read("heredocs.Dockerfile")
    copy = doc.instructions[2]
    conf, script = copy.heredocs
    assert (conf.word, conf.delimiter, conf.quoted, conf.strip_tabs, conf.fd) == ('<<-"CONF"', "CONF", True, True, None)
    assert conf.body.text == "\tkey=value\n"
    assert (script.word, script.delimiter, script.quoted, script.fd) == ("3<<'SCRIPT'", "SCRIPT", True, 3)
    assert script.body.text == "#!/bin/sh\necho hi\n"
    assert at(doc, script.span) == (7, 16)
    # the shebang line in a body is no comment
    assert all(c.line not in (10, 11) for c in doc.comments)


def test_heredoc_with_a_space_is_not_a_heredoc():
    doc = read("heredocs.Dockerfile")
    assert doc.instructions[3].heredocs == []
    assert doc.instructions[4].keyword == "CMD"


def test_heredoc_only_in_run_copy_add_shell_form():
    doc = parse('FROM alpine\nRUN ["cat", "<<EOF"]\nCMD cat <<EOF\nEOF\n')
    assert shape(doc) == [("FROM", 1, 1), ("RUN", 2, 2), ("CMD", 3, 3), ("EOF", 4, 4)]
    assert messages(doc) == ["unknown instruction: EOF"]


def test_unterminated_heredoc_is_a_problem_and_runs_to_the_end():
    doc = parse("FROM alpine\nRUN <<EOF\necho hi\nCMD x\n")
    assert messages(doc) == ["unterminated heredoc"]
    assert at(doc, doc.errors[0].span) == (2, 5)
    run = doc.instructions[1]
    assert len(doc.instructions) == 2 and run.end_line == 4
    assert run.heredocs[0].body.text == "echo hi\nCMD x\n"


def test_heredoc_with_crlf_and_tab_stripped_delimiter():
    doc = parse("FROM alpine\r\nRUN <<-EOT bash\r\n\techo hi\r\n\t\tEOT\r\nCMD x\r\n")
    assert shape(doc) == [("FROM", 1, 1), ("RUN", 2, 4), ("CMD", 5, 5)]
    run = doc.instructions[1]
    assert run.heredocs[0].body.text == "\techo hi\r\n"
    assert text(doc, run.span).endswith("\t\tEOT")


def test_onbuild_heredoc():
    doc = parse("FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\nCMD x\n")
    onbuild = doc.instructions[1]
    assert (onbuild.line, onbuild.end_line) == (2, 4)
    assert onbuild.inner.keyword == "RUN"
    assert onbuild.inner.heredocs[0].body.text == "echo hi\n"
    assert onbuild.inner.span.end == onbuild.span.end


# --- exec form, shell form, flags -----------------------------------------------------------------


def test_exec_form_args_have_exact_spans_through_continuations():
    doc = parse('FROM alpine\nCMD ["a", \\\n     "b\\"c", \\\n# note\n     "d"]\n')
    cmd = doc.instructions[1].command
    assert cmd.exec_form
    assert [v for v, _ in cmd.exec_args] == ["a", 'b"c', "d"]
    assert [at(doc, s) for _, s in cmd.exec_args] == [(2, 7), (3, 7), (5, 7)]
    assert text(doc, cmd.exec_args[1][1]) == 'b\\"c'


@pytest.mark.parametrize("args", ["[sh, -c]", "['sh']", '["sh", ]', "[NaN]", '["a"'])
def test_invalid_json_is_shell_form(args):
    doc = parse(f"FROM alpine\nCMD {args}\n")
    cmd = doc.instructions[1].command
    assert not cmd.exec_form and cmd.exec_args is None
    assert cmd.text.text == args
    assert doc.errors == []


def test_json_array_with_a_non_string_is_a_problem():
    doc = parse('FROM alpine\nENTRYPOINT ["sleep", 10]\n')
    assert messages(doc) == ["when using JSON array syntax, arrays must be comprised of strings only"]
    assert text(doc, doc.errors[0].span) == '["sleep", 10]'


def test_shell_instruction_json_args():
    doc = parse('FROM alpine\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\n')
    assert [v for v, _ in doc.instructions[1].json_args] == ["/bin/ash", "-eo", "pipefail", "-c"]


def test_flags_have_exact_spans_for_name_and_value():
    doc = parse(
        "FROM --platform=$BUILDPLATFORM golang AS build\n"
        "RUN --mount=type=cache,target=/root/.cache \\\n    --network=none go build\n"
        'COPY --from=build --chmod=755 --link --chown="a b" "--x" /y\n'
    )
    platform = doc.instructions[0].flags[0]
    assert (platform.name, platform.value) == ("platform", "$BUILDPLATFORM")
    assert at(doc, platform.name_span) == (1, 8) and text(doc, platform.name_span) == "platform"
    assert text(doc, platform.value_span) == "$BUILDPLATFORM"
    run = doc.instructions[1]
    assert [(f.name, f.value) for f in run.flags] == [("mount", "type=cache,target=/root/.cache"), ("network", "none")]
    assert at(doc, run.flags[1].span) == (3, 5)
    assert run.args.text == "go build"
    copy = doc.instructions[2]
    assert [(f.name, f.value) for f in copy.flags] == [
        ("from", "build"), ("chmod", "755"), ("link", None), ("chown", "a b"),
    ]  # fmt: skip
    assert copy.flag("link").value_span is None
    assert text(doc, copy.flag("chown").value_span) == '"a b"'
    assert copy.flag("missing") is None
    # a word starting with a quote ends the flags, as in BuildKit
    assert copy.args.text == '"--x" /y'


def test_flag_with_a_space_keeps_the_value_as_an_argument():
    doc = parse("FROM alpine\nHEALTHCHECK --interval 5s CMD true\n")
    hc = doc.instructions[1]
    assert [(f.name, f.value) for f in hc.flags] == [("interval", None)]
    # BuildKit fails on this flag ("missing a value"); the flag check belongs to a rule
    assert hc.args.text == "5s CMD true"


# --- HEALTHCHECK and ONBUILD ----------------------------------------------------------------------


def test_healthcheck_options_type_and_command():
    doc = read("continuations.Dockerfile")
    hc = doc.instructions[3]
    assert [(f.name, f.value) for f in hc.healthcheck.options] == [("interval", "30s"), ("timeout", "3s")]
    assert at(doc, hc.healthcheck.type_span) == (12, 3)
    assert hc.healthcheck.command.text.text == "curl -f http://localhost/ || exit 1"
    assert at(doc, hc.healthcheck.command.span) == (12, 7)


def test_healthcheck_type_word_is_case_insensitive_and_none_has_no_command():
    doc = parse("FROM alpine\nHEALTHCHECK cmd [\"true\"]\nHEALTHCHECK none\n")
    first, second = doc.instructions[1:]
    assert first.healthcheck.command.exec_args == [("true", Span(30, 34))]
    assert second.healthcheck.none and second.healthcheck.command is None
    assert text(doc, second.healthcheck.type_span) == "none"
    assert doc.errors == []


@pytest.mark.parametrize(
    "line, message, where",
    [
        ("HEALTHCHECK", "HEALTHCHECK requires at least one argument", "HEALTHCHECK"),
        ("HEALTHCHECK CHECK true", 'Unknown type "CHECK" in HEALTHCHECK (try CMD)', "CHECK"),
        ("HEALTHCHECK NONE curl x", "HEALTHCHECK NONE takes no arguments", "curl x"),
        ("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD", "CMD"),
        ("HEALTHCHECK --interval=5s CMD []", "Missing command after HEALTHCHECK CMD", "CMD"),
    ],
)
def test_healthcheck_problems(line, message, where):
    doc = parse(f"FROM alpine\n{line}\n")
    assert messages(doc) == [message]
    assert text(doc, doc.errors[0].span) == where


def test_onbuild_inner_instruction_has_exact_spans():
    doc = parse("FROM alpine\nONBUILD COPY --chown=app . /src\nONBUILD FROM x\n")
    inner = doc.instructions[1].inner
    assert inner.keyword == "COPY"
    assert at(doc, inner.keyword_span) == (2, 9)
    assert text(doc, inner.flag("chown").value_span) == "app"
    assert inner.args.text == ". /src"
    assert inner.stage is doc.stages[0]
    assert messages(doc) == ["FROM isn't allowed as an ONBUILD trigger"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("ONBUILD", "ONBUILD requires at least one argument"),
        ("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        ("ONBUILD maintainer me", "MAINTAINER isn't allowed as an ONBUILD trigger"),
        ("ONBUILD RUNX a", "unknown instruction in ONBUILD: RUNX"),
    ],
)
def test_onbuild_problems(line, message):
    doc = parse(f"FROM alpine\n{line}\n")
    assert messages(doc) == [message]
    assert at(doc, doc.errors[0].span)[0] == 2


# --- stages ---------------------------------------------------------------------------------------

STAGES = """\
ARG BASE=node:20
ARG VARIANT
ARG TAG=${VARIANT:-slim}
FROM ${BASE} AS Deps
RUN npm ci
FROM $BASE AS build
COPY --from=DEPS /app/node_modules ./node_modules
FROM deps AS test
RUN --mount=type=bind,from=build,target=/src npm test
FROM debian:${TAG} AS tools
FROM nginx:$VARIANT AS unresolved
FROM --platform=$TARGETPLATFORM alpine:${TARGETARCH} AS runtime
COPY --from=1 /app/dist /srv
COPY --from=docker.io/library/busybox /bin/busybox /bin/
"""


def test_stage_names_bases_and_resolution():
    doc = parse(STAGES)
    assert doc.errors == []
    assert [ins.args.text for ins in doc.global_args] == ["BASE=node:20", "VARIANT", "TAG=${VARIANT:-slim}"]
    assert [s.name for s in doc.stages] == ["Deps", "build", "test", "tools", "unresolved", "runtime"]
    assert [s.base_resolved for s in doc.stages] == ["node:20", "node:20", "deps", "debian:slim", None, None]
    deps = doc.stages[0]
    assert text(doc, deps.name_span) == "Deps" and at(doc, deps.base_span) == (4, 6)
    assert doc.stage_by_name("DEPS") is deps
    assert doc.stages[2].parent is deps and doc.stages[1].parent is None
    assert doc.ancestors(doc.stages[2]) == [deps]
    assert deps.instructions[0] is deps.from_ and deps.find("run")[0].stage is deps


def test_target_stage_and_reachable_stages():
    doc = parse(STAGES)
    assert doc.target_stage().name == "runtime"
    assert doc.target_stage("TEST").name == "test"
    assert doc.target_stage("nope") is None
    # test: FROM deps, RUN --mount from=build, and build copies from DEPS
    assert [s.name for s in doc.reachable(doc.target_stage("test"))] == ["Deps", "build", "test"]
    # runtime: COPY --from=1 (build) and an image that is no stage
    assert [s.name for s in doc.reachable(doc.target_stage())] == ["Deps", "build", "runtime"]
    assert doc.reachable(None) == []


def test_arg_defaults():
    doc = parse(STAGES + "FROM alpine\nARG BASE\nARG LOCAL=x-${BASE}\n")
    assert doc.arg_default("BASE") == "node:20"
    assert doc.arg_default("VARIANT") is None
    assert doc.arg_default("TAG") == "slim"
    last = doc.stages[-1]
    assert doc.arg_default("LOCAL", last) == "x-node:20"
    assert doc.arg_default("TAG", last) is None  # not redeclared in the stage


# --- problems -------------------------------------------------------------------------------------


def test_instruction_before_first_from_is_a_problem_but_arg_is_not():
    doc = parse("# comment\nARG A=1\nENV B=2\nFROM alpine\n")
    assert messages(doc) == ["no build stage in current context"]
    assert at(doc, doc.errors[0].span) == (3, 1)
    assert doc.instructions[1].stage is None


def test_unknown_instruction_is_a_problem_and_parsing_goes_on():
    doc = parse("FROM alpine\nRUNN echo\nCMD [\"sh\"]\n")
    assert messages(doc) == ["unknown instruction: RUNN"]
    assert text(doc, doc.errors[0].span) == "RUNN"
    assert shape(doc) == [("FROM", 1, 1), ("RUNN", 2, 2), ("CMD", 3, 3)]
    assert doc.stages[0].last("CMD").command.exec_form


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "\ufeff", "# syntax=x\n"])
def test_file_with_no_instructions(content):
    doc = parse(content)
    assert messages(doc) == ["file with no instructions"]
    assert doc.stages == [] and doc.target_stage() is None


def test_from_argument_problems():
    doc = parse("FROM alpine AS 1bad\nFROM a b\n")
    assert messages(doc) == [
        'invalid name for build stage: "1bad", name can\'t start with a number or contain symbols',
        "FROM requires either one or three arguments",
    ]


# --- dockerfile-parse, as a cross-check -----------------------------------------------------------

# dockerfile-parse agrees with us on plain files. Where it differs, BuildKit agrees with us:
# - heredoc bodies: it makes each body line an instruction (a `FROM` in a body becomes a stage);
# - a blank line inside a continuation: it ends the instruction there, BuildKit skips the line and
#   goes on (with a NoEmptyContinuation warning), so the next line still belongs to the instruction;
# - comment lines inside a continuation: it drops them from the value, as BuildKit does, but lists
#   the COMMENT before the instruction it sits in;
# - `# escape=`: it does not read the directive, so a backtick never continues a line.
PLAIN = ["numbers-api-v1.Dockerfile", "numbers-api-v2.Dockerfile", "numbers-api-v3.Dockerfile",
         "numbers-web.Dockerfile", "numbers-web.crlf.Dockerfile"]  # fmt: skip


@pytest.mark.parametrize("name", PLAIN)
def test_instruction_list_matches_dockerfile_parse(name):
    from dockerfile_parse import DockerfileParser

    doc = read(name)
    theirs = DockerfileParser(fileobj=io.BytesIO(doc.source.text.encode("utf-8"))).structure
    expected = [(s["instruction"], s["startline"] + 1) for s in theirs if s["instruction"] != "COMMENT"]
    assert [(i.keyword, i.line) for i in doc.instructions] == expected


def test_dockerfile_parse_is_wrong_on_blank_lines_inside_continuations():
    from dockerfile_parse import DockerfileParser

    doc = read("continuations.Dockerfile")
    theirs = DockerfileParser(fileobj=io.BytesIO(doc.source.text.encode("utf-8"))).structure
    assert ("CA-CERTIFICATES", 7) in [(s["instruction"], s["startline"]) for s in theirs]
    assert [i.keyword for i in doc.instructions] == ["FROM", "RUN", "RUN", "HEALTHCHECK", "CMD"]


def masked(doc: Dockerfile) -> str:
    """The text with heredoc bodies and delimiter lines blanked, length kept: what dockerfile-parse can read."""
    chars = list(doc.source.text)
    for ins in doc.instructions:
        for heredoc in ins.heredocs:
            delimiter_line = doc.source.position(heredoc.body_span.end)[0]
            end = doc.source.line_span(delimiter_line).end if heredoc.terminated else len(chars)
            for i in range(heredoc.body_span.start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return "".join(chars)


def test_instruction_list_matches_dockerfile_parse_on_masked_heredocs():
    from dockerfile_parse import DockerfileParser

    doc = read("heredocs.Dockerfile")
    text_ = masked(doc)
    assert len(text_) == len(doc.source.text)
    theirs = DockerfileParser(fileobj=io.BytesIO(text_.encode("utf-8"))).structure
    expected = [(s["instruction"], s["startline"] + 1) for s in theirs if s["instruction"] != "COMMENT"]
    assert [(i.keyword, i.line) for i in doc.instructions] == expected


def test_dockerfile_parse_is_wrong_on_heredocs():
    from dockerfile_parse import DockerfileParser

    doc = read("heredocs.Dockerfile")
    theirs = DockerfileParser(fileobj=io.BytesIO(doc.source.text.encode("utf-8"))).structure
    # it reads `FROM not-an-instruction` inside the RUN heredoc body as a stage
    assert sum(s["instruction"] == "FROM" for s in theirs) == 2
    assert len(doc.stages) == 1


# --- never raises ---------------------------------------------------------------------------------


def test_fuzz_never_raises():
    rng = random.Random(1234)
    samples = [p.read_bytes() for p in sorted(FIXTURES.glob("*Dockerfile"))] + [STAGES.encode()]
    alphabet = b"FROMRUNCMDHEALTHCHECKONBUILDCOPYARG <<-EOF\"'`\\[]{},=$#-\r\n\t :0123456789"
    cases = []
    for data in samples:
        cases += [data[:n] for n in range(0, len(data), 7)]
    for _ in range(400):
        sample = rng.choice(samples)
        mutated = bytearray(sample)
        for _ in range(rng.randint(1, 12)):
            mutated.insert(rng.randrange(len(mutated) + 1), rng.choice(alphabet))
        cases.append(bytes(mutated))
        cases.append(bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))))
    for data in cases:
        content = data.decode("utf-8", errors="replace")
        doc = parse(content)
        for ins in doc.instructions:
            assert 0 <= ins.span.start <= ins.span.end <= len(content)
            assert ins.line <= ins.end_line
        doc.reachable(doc.target_stage())
        for stage in doc.stages:
            doc.arg_default("X", stage)
