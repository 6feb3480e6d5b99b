"""apk facts, each with the span of the word it stands on."""
from __future__ import annotations

import pytest

from lint.core.source import MappedText
from lint.shell import apk_call, apk_group, apk_packages, parse_script, reads_index, removes_apk_cache, writes_index


def calls(text: str):
    script = parse_script(MappedText.plain(text, 0))
    return [(cmd, apk_call(cmd)) for cmd in script.commands]


def first_call(text: str):
    return next(pc for _, pc in calls(text) if pc is not None)


@pytest.mark.parametrize(("text", "word"), [
    ("apk add --no-cache curl", None),
    ("apk add --update --no-cache curl", None),
    ("apk add curl", "add"),  # apk fetches a missing or stale index into /var/cache/apk itself
    ("apk add --update curl", "--update"),
    ("apk -Uuv add curl", "-Uuv"),
    ("apk update", "update"),
    ("apk del curl", None),
])
def test_index_written(text, word):
    pc = first_call(text)
    found = writes_index(pc)
    assert (found.value if found else None) == word
    if found is not None:
        assert text[found.span.start:found.span.end] == word


def test_reads_index():
    assert reads_index(first_call("apk upgrade"))
    assert not reads_index(first_call("apk del .build-deps"))


def test_packages_constraints_and_groups():
    text = "apk add --no-cache --virtual .build-deps curl=8.9.1-r2 jq~1.7 'bash>=5' grpcurl@testing /tmp/x.apk $DEPS"
    pc = first_call(text)
    assert apk_group(pc) == ".build-deps"
    assert [(p.name, p.operator, p.version, p.tag) for p in apk_packages(pc)] == [
        ("curl", "=", "8.9.1-r2", None), ("jq", "~", "1.7", None), ("bash", ">=", "5", None),
        ("grpcurl", None, None, "testing")]
    assert apk_group(first_call("apk add --virtual=.deps gcc")) == ".deps"
    word = apk_packages(pc)[0].word
    assert text[word.span.start:word.span.end] == "curl=8.9.1-r2"


def test_unquoted_range_is_a_redirection():
    # the shell reads `>1` as a redirection: jq is installed unpinned
    assert [(p.name, p.operator) for p in apk_packages(first_call("apk add jq>1"))] == [("jq", None)]


@pytest.mark.parametrize(("text", "removed"), [
    ("rm -rf /var/cache/apk/*", True),
    ("rm -rf /var/cache/apk", True),
    ("rm -rf /var/cache/*", True),
    ("rm -rf /tmp/*", False),
])
def test_cache_removed(text, removed):
    ((cmd, _),) = calls(text)
    assert removes_apk_cache(cmd) is removed
