"""apt-get / apt / aptitude facts, each with the span of the word it stands on."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.core.source import MappedText
from lint.engine import read_document
from lint.dockerfile.runenv import kept_out_by_mount
from lint.shell import (
    apt_call,
    apt_config_at,
    apt_get_name,
    apt_packages,
    assumes_yes,
    no_action,
    parse_script,
    removes_lists,
    run_commands,
    skips_recommends,
    yes_piped,
)


def calls(text: str):
    script = parse_script(MappedText.plain(text, 0))
    return [(cmd, apt_call(cmd)) for cmd in script.commands]


def first_call(text: str):
    return next(pc for _, pc in calls(text) if pc is not None)


def dockerfile(tmp_path: Path, text: str):
    path = tmp_path / "Dockerfile"
    path.write_text(text)
    return read_document(path, "dockerfile", path.read_bytes()).model


@pytest.mark.parametrize(("text", "answered"), [
    ("apt-get install curl", False),
    ("apt-get install -q curl", False),
    ("apt-get --quiet install curl", False),
    ("DEBIAN_FRONTEND=noninteractive apt-get install curl", False),
    ("apt-get install --force-yes curl", False),
    ("apt-get install -y curl", True),
    ("apt-get -yq install curl", True),
    ("apt-get install --yes curl", True),
    ("apt-get --assume-yes install curl", True),
    ("apt-get install -qq curl", True),  # quiet level 2 implies -y (apt-get(8))
    ("apt-get -q -q install curl", True),
    ("apt-get -q=2 install curl", True),
    ("apt-get -o APT::Get::Assume-Yes=true install curl", True),
    ("sudo -E apt-get install -y curl", True),
])
def test_prompt_answers(text, answered):
    assert assumes_yes(first_call(text)) is answered


def test_config_written_earlier_answers_the_prompt():
    pc = first_call("apt-get install curl")
    assert assumes_yes(pc, {"apt::get::assume-yes": "true"})
    assert not assumes_yes(pc, {"apt::get::assume-yes": "false"})


def test_simulation_asks_nothing():
    assert no_action(first_call("apt-get install -s curl"))
    assert no_action(first_call("apt-get --print-uris install curl"))
    assert not no_action(first_call("apt-get install -q curl"))


def test_yes_piped_into_apt_get():
    (_, _), (cmd, pc) = calls("yes | apt-get install curl")
    assert pc is not None and yes_piped(cmd)
    ((cmd, pc),) = calls("apt-get install curl")
    assert not yes_piped(cmd)


@pytest.mark.parametrize(("text", "skipped"), [
    ("apt-get install -y curl", False),
    ("apt-get install -y --no-install-recommends curl", True),
    ("apt-get -o APT::Install-Recommends=false install -y curl", True),
    ("apt-get -o Apt::Install-Recommends=0 install -y curl", True),  # names are case-insensitive
    ("apt-get install -y --no-install-recommends -o APT::Install-Recommends=true curl", False),  # the last wins
    ("aptitude install -y -R curl", True),
])
def test_recommends(text, skipped):
    assert skips_recommends(first_call(text)) is skipped


def test_verb_word_span():
    text = "apt-get update && sudo apt-get install -y curl"
    pcs = [pc for _, pc in calls(text) if pc]
    assert [text[p.verb_word.span.start:p.verb_word.span.end] for p in pcs] == ["update", "install"]
    assert pcs[1].verb_word.span.start == text.index("install")


def test_package_words_and_pins():
    text = ("apt-get install -y -t bookworm-backports curl=7.88* git/bookworm jq:amd64 ./local.deb $DEPS "
            "\"python${PY}-dev\" g++")
    packages = apt_packages(first_call(text))
    assert [(p.name, p.version, p.release) for p in packages] == [
        ("curl", "7.88*", None), ("git", None, "bookworm"), ("jq", None, None), ("python${PY}-dev", None, None),
        ("g++", None, None)]
    assert packages[0].wildcard
    assert text[packages[1].word.span.start:packages[1].word.span.end] == "git/bookworm"


@pytest.mark.parametrize(("text", "removed"), [
    ("rm -rf /var/lib/apt/lists/*", True),
    ("rm -fr /var/lib/apt/lists", True),
    ("rm -r /var/lib/apt/lists/", True),
    ("rm -Rf /var/lib/apt /var/cache/apt", True),
    ("find /var/lib/apt/lists -type f -delete", True),
    ("apt-get distclean", True),
    ("apt-get clean", False),  # empties /var/cache/apt/archives only
    ("rm -rf /tmp/*", False),
    ("rm -rf /var/apt/lists/*", False),
])
def test_lists_removed(text, removed):
    ((cmd, _),) = [c for c in calls(text)][:1]
    assert removes_lists(cmd) is removed


def test_apt_get_names():
    assert apt_get_name("install") == "install"
    assert apt_get_name("full-upgrade") == "dist-upgrade"
    assert apt_get_name("list") is None and apt_get_name("search") is None


def test_apt_conf_from_earlier_instructions(tmp_path):
    doc = dockerfile(tmp_path, (
        "FROM ubuntu:24.04 AS base\n"
        "RUN echo 'APT::Install-Recommends \"0\"; \\nAPT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90docker\n"
        "FROM base\n"
        "RUN apt-get update && apt-get install curl\n"
        "FROM debian:12\n"
        "COPY apt.conf /etc/apt/apt.conf.d/90local\n"
        "RUN apt-get install curl\n"))
    runs = [i for i in doc.instructions if i.keyword == "RUN"]
    assert apt_config_at(doc, runs[0]) == {}
    assert apt_config_at(doc, runs[1]) == {"apt::install-recommends": "0", "apt::get::assume-yes": "true"}
    assert apt_config_at(doc, runs[2]) is None  # copied in: unknown


def test_cache_and_tmpfs_mounts(tmp_path):
    doc = dockerfile(tmp_path, (
        "FROM debian:12\n"
        "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\n"
        "RUN --mount=type=tmpfs,dst=/var/lib/apt/lists apt-get update\n"
        "RUN --mount=type=cache,target=/var/cache/apt apt-get update\n"
        "RUN --mount=type=bind,target=/var/lib/apt/lists apt-get update\n"))
    runs = [i for i in doc.instructions if i.keyword == "RUN"]
    assert [kept_out_by_mount(r, "/var/lib/apt/lists") for r in runs] == [True, True, False, False]
    assert [rc.name for rc in run_commands(runs[0])] == ["apt-get"]
