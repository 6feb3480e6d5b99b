"""The shell a RUN runs in: SHELL in effect (inherited through stages), its pipefail, whether dash knows
`-o pipefail` by release, the USER and ENV in effect, and where a command stands (subshell, pipeline)."""
from __future__ import annotations

import pytest

from lint.core.source import Source
from lint.dockerfile import parse_dockerfile
from lint.knowledge.shells import (
    dash_pipefail, env_value, is_root, shell_at, shell_flag_pipefail, shell_scripts, user_at,
)
from lint.shell import enclosing, in_subshell, parse_script, pipeline_of, run_commands
from lint.core.source import MappedText


def doc_of(text: str):
    return parse_dockerfile(Source("Dockerfile", text))


@pytest.mark.parametrize(("base", "expected"), [
    ("debian:12", False), ("debian:bookworm-slim", False), ("debian:bullseye", False), ("debian:13", True),
    ("debian:trixie-slim", True), ("debian:latest", None), ("debian", None), ("debian:stable-slim", None),
    ("ubuntu:22.04", False), ("ubuntu:24.04", False), ("ubuntu:noble", False), ("ubuntu:24.10", None),
    ("ubuntu:25.04", True), ("ubuntu:26.04", True), ("ubuntu:latest", None),
    ("python:3.12-slim-bookworm", False), ("node:20-bullseye", False), ("python:3.13-slim-trixie", True),
    ("python:3.12-slim", None), ("docker.io/library/debian:12@sha256:abc", False), ("${BASE}:12", None),
])
def test_dash_pipefail_by_release(base, expected):
    assert dash_pipefail(base) is expected


@pytest.mark.parametrize(("args", "expected"), [
    (["-o", "pipefail", "-c"], True), (["-eo", "pipefail", "-c"], True), (["-e", "-o", "pipefail", "-c"], True),
    (["-o", "errexit", "-o", "pipefail", "-c"], True), (["+o", "pipefail", "-c"], False), (["-c"], None),
    (["-c", "-o pipefail"], None), (["-euxo", "pipefail"], True),
])
def test_shell_flag_pipefail(args, expected):
    assert shell_flag_pipefail(args) is expected


def test_shell_carries_over_to_a_stage_built_from_it():
    doc = doc_of('FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN a | b\n'
                 'FROM base\nRUN c | d\nFROM alpine:3.20\nRUN e | f\n')
    base, child, other = doc.stages
    assert shell_at(doc, base, base.find("SHELL")[0]).argv == ("/bin/sh", "-c")  # before the SHELL
    assert shell_at(doc, base, base.find("RUN")[0]).pipefail
    assert shell_at(doc, child, child.find("RUN")[0]).pipefail
    assert shell_at(doc, child, child.find("RUN")[0]).instruction.line == 2
    assert not shell_at(doc, other, other.find("RUN")[0]).pipefail
    assert shell_at(doc, other).program == "sh"


def test_non_posix_shell():
    doc = doc_of('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN a | b\n')
    stage = doc.stages[0]
    assert not shell_at(doc, stage, stage.instructions[-1]).posix


def test_user_and_env_in_effect():
    doc = doc_of("FROM debian:12 AS base\nUSER 0\nENV UID=2001 HOME=/srv\nRUN a\n"
                 "FROM base\nUSER app:app\nENV UID 4000\nRUN b\n")
    base, child = doc.stages
    run_a, run_b = base.instructions[-1], child.instructions[-1]
    user, where = user_at(doc, base, run_a)
    assert (user, where.line) == ("0", 2) and is_root(user)
    assert user_at(doc, child, run_b)[0] == "app"
    assert user_at(doc, base, base.instructions[0]) == (None, None)
    assert env_value(doc, base, "UID", run_a) == "2001"
    assert env_value(doc, child, "UID", run_b) == "4000"
    assert env_value(doc, child, "HOME", run_b) == "/srv"
    assert env_value(doc, base, "NOPE", run_a) is None


def test_shell_scripts_with_the_shell_running_each():
    doc = doc_of('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
                 "RUN a | b && bash -c 'c | d' && sh -o pipefail -c 'e | f'\n"
                 "RUN bash -e <<EOF\ng | h\nEOF\n"
                 "RUN <<EOF\ni | j\nEOF\n")
    stage = doc.stages[0]
    first, second, third = stage.find("RUN")
    scripts = shell_scripts(first, shell_at(doc, stage, first))
    assert [(s.program, s.pipefail, s.depth) for s in scripts] == [("bash", True, 0), ("bash", False, 1),
                                                                   ("sh", True, 1)]
    inner = scripts[1].script.commands[0]
    assert doc.source.text[inner.name_word.span.start:inner.name_word.span.end] == "c"
    body = shell_scripts(second, shell_at(doc, stage, second))[1]
    assert (body.program, body.pipefail, body.depth) == ("bash", False, 1)
    body = shell_scripts(third, shell_at(doc, stage, third))[1]
    assert (body.program, body.pipefail, body.depth) == ("bash", True, 0)


def test_where_a_command_stands():
    script = parse_script(MappedText.plain("(cd /tmp && make) && cd /src | tee x; if true; then cd /a; fi; cd /b", 0))
    cds = [c for c in script.commands if c.name == "cd"]
    assert [enclosing(c) for c in cds] == [["subshell"], ["pipeline"], ["if"], []]
    assert [in_subshell(c) for c in cds] == [True, True, False, False]
    tee = next(c for c in script.commands if c.name == "tee")
    assert [m.name for m in pipeline_of(cds[1])] == ["cd", "tee"]
    assert pipeline_of(tee)[-1] is tee
    assert pipeline_of(cds[0]) == []


def test_run_commands_see_sudo_inside_sh_c_with_its_span():
    doc = doc_of("FROM debian:12\nRUN sh -c 'sudo apt-get update'\n")
    ins = doc.stages[0].find("RUN")[0]
    sudo = [rc for rc in run_commands(ins) if rc.command.name == "sudo"][0]
    span = sudo.command.name_word.span
    assert doc.source.text[span.start:span.end] == "sudo" and sudo.name == "apt-get"


def test_command_substitutions_map_back_to_the_source():
    from lint.shell import command_substitutions

    text = 'deps="$( scanelf -n /app | awk \'{ print $2 }\' )" n=`cat /proc/cpuinfo | wc -l` m=$((1 + 2)) q=\'$(x)\''
    script = parse_script(MappedText.plain(text, 100))
    words = script.commands[0].words
    subs = [command_substitutions(w) for w in words]
    assert [[c.name for c in s.commands] for s in subs[0]] == [["scanelf", "awk"]]
    assert [[c.name for c in s.commands] for s in subs[1]] == [["cat", "wc"]]
    assert subs[2] == [] and subs[3] == []
    scanelf = subs[0][0].commands[0].name_word.span
    assert text[scanelf.start - 100:scanelf.end - 100] == "scanelf"
