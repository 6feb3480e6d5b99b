"""lint.knowledge.probes: which programs a health-check probe needs, and whether the image has them."""
from __future__ import annotations

import pytest

from lint.dockerfile import parse_dockerfile
from lint.knowledge.images import lookup
from lint.knowledge.probes import missing_tools, root_base, tool_available
from lint.shell import parse_script, script_of
from lint.core.source import MappedText, Source


def probe_of(dockerfile_text: str):
    """(missing tools, source text) for the target stage's HEALTHCHECK of a Dockerfile."""
    doc = parse_dockerfile(Source("Dockerfile", dockerfile_text))
    stage = doc.stages[-1]
    chain = [stage, *doc.ancestors(stage)]
    check = next(s.last("HEALTHCHECK") for s in chain if s.last("HEALTHCHECK")).healthcheck
    facts = lookup(root_base(doc, stage))
    found = missing_tools(script_of(check.command), facts, doc, stage, shell=not check.command.exec_form)
    return [(m.tool, dockerfile_text[m.span.start:m.span.end], m.removed_line) for m in found]


def shell_probe(script: str, image: str):
    """A compose CMD-SHELL / string test as DC106 reads it: no Dockerfile."""
    found = missing_tools(parse_script(MappedText.plain(script, 0)), lookup(image), shell=True)
    return [(m.tool, script[m.span.start:m.span.end], m.reason) for m in found]


def test_curl_on_slim_python_is_missing_and_points_at_the_word():
    assert shell_probe("curl -f http://localhost:8000/ || exit 1", "python:3.12-slim") == [
        ("curl", "curl", "python:3.12-slim has no curl")]


def test_images_that_have_the_tool_and_unknown_images_are_silent():
    assert shell_probe("curl -f http://localhost/", "nginx:1.27") == []
    assert shell_probe("wget -q --spider http://localhost/", "node:22-alpine") == []
    assert shell_probe("curl -f http://localhost/", "example.com/team/api:1") == []
    assert shell_probe("curl -f http://localhost/", "ubuntu:24.04") == []  # an inferred cell is unknown


def test_only_the_command_that_decides_counts():
    # curl missing is fine while the fallback works; the fallback is what must exist
    assert shell_probe("curl -f http://x/ || python3 -c 'import sys'", "python:3.12-slim") == []
    assert [t for t, _, _ in shell_probe("curl -f http://x/ || wget -q --spider http://x/", "python:3.12-slim")] == ["wget"]
    assert shell_probe("curl -s http://x/; exit 0", "python:3.12-slim") == []


def test_a_tool_the_probe_looks_for_first_is_not_judged():
    script = "command -v curl >/dev/null && curl -f http://x/ || python -c 'import sys'"
    assert shell_probe(script, "python:3.12-slim") == []


def test_shell_form_needs_bin_sh():
    found = shell_probe("wget -q --spider http://localhost/", "gcr.io/distroless/static-debian12:debug")
    assert [t for t, _, _ in found] == ["sh"]
    assert shell_probe("wget -q --spider http://localhost/", "alpine:3.20") == []


def test_installed_in_the_dockerfile_or_a_parent_stage():
    assert probe_of("FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y curl\n"
                    "FROM base\nHEALTHCHECK CMD curl -f http://x/\n") == []


def test_installed_then_removed_gives_the_removal_line():
    text = ("FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n"
            "RUN apt-get purge -y curl\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://x/\"]\n")
    assert probe_of(text) == [("curl", "curl", 3)]


def test_apk_virtual_group_removed():
    text = ("FROM node:22-alpine\nRUN apk add --virtual .fetch curl && apk del .fetch\n"
            "HEALTHCHECK CMD curl -f http://x/\n")
    assert probe_of(text) == [("curl", "curl", 2)]


@pytest.mark.parametrize("line", [
    "COPY --from=tools /usr/bin/curl /usr/bin/curl",
    "COPY --from=tools /out/ /usr/local/bin/",
    "ADD https://example.com/curl /usr/local/bin/curl",
    "COPY rootfs/ /",
    "RUN apt-get update && apt-get install -y $PACKAGES",
    "RUN ./install-tools.sh",
    "RUN curl -fsSL https://example.com/setup | bash -",
    "RUN ln -s /opt/bin/curl /usr/local/bin/curl",
])
def test_what_we_cannot_follow_makes_it_unknown(line):
    assert probe_of(f"FROM python:3.12-slim\n{line}\nHEALTHCHECK CMD curl -f http://x/\n") == []


def test_a_copy_elsewhere_does_not_bring_a_shell():
    text = ("FROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\n"
            "HEALTHCHECK CMD /server -healthcheck\n")
    assert [t for t, _, _ in probe_of(text)] == ["sh"]


def test_exec_form_paths():
    # distroless :debug has BusyBox under /busybox; the project's own programs are not judged
    assert probe_of("FROM gcr.io/distroless/static-debian12:debug\n"
                    "HEALTHCHECK CMD [\"/busybox/wget\", \"-q\", \"--spider\", \"http://x/\"]\n") == []
    assert probe_of("FROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD [\"/app/healthcheck\"]\n") == []
    assert probe_of("FROM python:3.12-slim\nHEALTHCHECK CMD [\"/usr/bin/curl\", \"-f\", \"http://x/\"]\n") == [
        ("curl", "/usr/bin/curl", None)]


def test_sh_c_in_exec_form_is_looked_into_unless_sh_is_missing():
    assert probe_of("FROM python:3.12-slim\nHEALTHCHECK CMD [\"sh\", \"-c\", \"curl -f http://x/\"]\n") == [
        ("curl", "curl", None)]
    assert [t for t, _, _ in probe_of(
        "FROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD [\"sh\", \"-c\", \"curl -f http://x/\"]\n")] == ["sh"]


def test_tool_available_without_a_dockerfile_is_the_table():
    assert tool_available("curl", lookup("python:3.12")) is True
    assert tool_available("curl", lookup("python:3.12-slim")) is False
    assert tool_available("curl", None) is None
