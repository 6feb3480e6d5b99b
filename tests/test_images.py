"""What lint.knowledge.images says of well-known base images: one test per trap in IMAGES.md and per family."""
from __future__ import annotations

import pytest

from lint.knowledge.images import ImageFacts, lookup, parse_reference

SH = "/bin/sh"


def facts(image: str, extra=None) -> ImageFacts:
    found = lookup(image, extra)
    assert found is not None, image
    return found


def tools(image: str) -> tuple:
    f = facts(image)
    return f.curl, f.wget, f.shell, f.bash


# --- references ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, tag, digest", [
    ("python", "python", "latest", None),
    ("python:3.12-slim", "python", "3.12-slim", None),
    ("library/python:3.12", "python", "3.12", None),
    ("docker.io/library/python:3.12", "python", "3.12", None),
    ("index.docker.io/library/nginx:alpine", "nginx", "alpine", None),
    ("docker.io/bitnami/redis:7.2", "bitnami/redis", "7.2", None),
    ("public.ecr.aws/docker/library/postgres:17", "postgres", "17", None),
    ("mirror.gcr.io/library/redis", "redis", "latest", None),
    ("localhost:5000/python:3.12", "localhost:5000/python", "3.12", None),
    ("Registry.Example.com:443/team/api:1.2", "registry.example.com:443/team/api", "1.2", None),
    ("python@sha256:" + "a" * 64, "python", None, "sha256:" + "a" * 64),
    ("python:3.12@sha256:" + "b" * 64, "python", "3.12", "sha256:" + "b" * 64),
])
def test_references_are_normalised(text, name, tag, digest):
    ref = parse_reference(text)
    assert (ref.name, ref.tag, ref.digest) == (name, tag, digest)


@pytest.mark.parametrize("text", [
    "", "  ", "python:${PY:-3.12}-slim", "$BASE", "${REGISTRY}/api:1", "Python:3.12", "python:3.12 AS build",
    "python:", "python@sha256:xyz", "/python", "python:bad/tag",
])
def test_unresolved_or_invalid_references_are_unknown(text):
    assert parse_reference(text) is None
    assert lookup(text) is None


def test_unknown_repositories_are_unknown():
    assert lookup("example/app:1.0") is None
    assert lookup("registry.example.com/team/api:1") is None
    assert lookup("registry.access.redhat.com/ubi8/ubi-minimal") is None  # ubi8 was not surveyed


def test_mirrors_and_docker_hub_spellings_give_the_same_facts():
    assert facts("docker.io/library/nginx:alpine-slim") == facts("nginx:alpine-slim")
    assert facts("docker.io/library/nginx:alpine-slim").image == "nginx:alpine-slim"
    assert tools("public.ecr.aws/docker/library/python:3.12-slim") == tools("python:3.12-slim")


# --- has() ---------------------------------------------------------------------------------

def test_has_answers_for_names_and_paths():
    slim = facts("python:3.12-slim")
    assert slim.has("curl") is False
    assert slim.has("/usr/bin/wget") is False
    assert slim.has("sh") is True
    assert slim.has("/bin/sh") is True
    assert slim.has("bash") is True
    assert slim.has("python3") is True
    assert slim.has("nc") is None  # never surveyed: unknown, not absent
    alpine = facts("python:3.12-alpine")
    assert alpine.has("wget") is True and alpine.wget == "busybox"
    assert alpine.has("busybox") is True
    assert alpine.has("bash") is False


def test_scratch_has_nothing():
    scratch = facts("scratch")
    assert (scratch.curl, scratch.wget, scratch.shell, scratch.bash) == (False, False, False, False)
    assert scratch.has("sh") is False
    assert scratch.has("nc") is False  # the empty image: nothing unlisted exists either
    assert scratch.healthcheck is False and scratch.ports == ()


def test_facts_cannot_be_changed_through_shared_tables():
    with pytest.raises(TypeError):
        facts("postgres:17").helpers["pg_isready"] = False  # type: ignore[index]
    assert facts("postgres:17").has("pg_isready") is True


# --- trap 1: Temurin lost curl, then wget --------------------------------------------------

@pytest.mark.parametrize("tag", ["8", "11-jre", "17-jdk-jammy", "21", "21-jdk-noble", "21.0.4_7-jre", "8u422-b05-jdk"])
def test_temurin_up_to_21_has_curl_and_gnu_wget(tag):
    assert tools(f"eclipse-temurin:{tag}") == (True, "gnu", SH, True)
    assert facts(f"eclipse-temurin:{tag}").sh == "dash"


def test_temurin_22_to_24_has_wget_only():
    assert tools("eclipse-temurin:23-jdk-jammy") == (False, "gnu", SH, True)
    noble = facts("eclipse-temurin:24-jdk-noble")
    assert (noble.curl, noble.wget) == (None, "gnu")  # no curl on noble is inferred (a † cell)
    assert noble.likely("curl") is False


@pytest.mark.parametrize("tag", ["latest", "25", "25-jdk", "25-jre-noble", "26-jdk-resolute"])
def test_temurin_25_and_latest_have_neither_but_noble_stays_unknown(tag):
    f = facts(f"eclipse-temurin:{tag}")
    assert (f.curl, f.wget) == (None, None)
    assert (f.likely("curl"), f.likely("wget")) == (False, False)
    assert f.has("sh") is True and f.has("bash") is True


def test_temurin_25_on_jammy_has_neither():
    assert tools("eclipse-temurin:25-jdk-jammy") == (False, False, SH, True)


@pytest.mark.parametrize("tag", ["21-jdk-alpine", "8-jre-alpine", "25-alpine", "21-jdk-alpine-3.21"])
def test_temurin_alpine_never_has_curl(tag):
    assert tools(f"eclipse-temurin:{tag}") == (False, "busybox", SH, False)


def test_temurin_ubi_minimal_has_base_curl_and_gnu_wget():
    f = facts("eclipse-temurin:21-jdk-ubi9-minimal")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, "gnu", SH, "bash", True)


def test_temurin_windows_variants_are_unknown():
    f = facts("eclipse-temurin:21-jdk-windowsservercore-ltsc2022")
    assert (f.curl, f.wget, f.shell, f.bash) == (None, None, None, None)


# --- trap 2: Tomcat inherits the Temurin change ------------------------------------------------

@pytest.mark.parametrize("tag", ["latest", "11", "11.0", "10", "10.1", "9", "9.0", "11.0-jdk25-temurin-noble", "jre25"])
def test_tomcat_moving_tags_point_to_jdk25_without_curl(tag):
    f = facts(f"tomcat:{tag}")
    assert (f.curl, f.wget) == (None, None)  # noble: † cells
    assert (f.likely("curl"), f.likely("wget")) == (False, False)
    assert (f.ports, f.exposed, f.server) == (("8080",), True, True)


def test_tomcat_jdk25_on_jammy_has_neither():
    assert tools("tomcat:10.1-jdk25-temurin-jammy") == (False, False, SH, True)


@pytest.mark.parametrize("tag", ["10.1-jdk21-temurin-noble", "9.0-jre17-temurin-jammy", "10.1-jdk21", "9.0.93-jdk8-temurin"])
def test_tomcat_explicit_jdk21_and_older_keep_curl_and_wget(tag):
    assert tools(f"tomcat:{tag}") == (True, "gnu", SH, True)


def test_tomcat_unknown_tags_keep_only_what_every_tag_shares():
    f = facts("tomcat:10.1.30")  # a pinned release: jdk21 or jdk25 depending on its date
    assert (f.curl, f.wget) == (None, None)
    assert (f.shell, f.bash, f.ports, f.server, f.healthcheck) == (SH, True, ("8080",), True, False)


# --- trap 3: openjdk -------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["8", "11", "8-jdk", "11-jre", "11-jdk-bullseye", "8u342-jre-buster"])
def test_openjdk_8_and_11_were_debian_full(tag):
    assert tools(f"openjdk:{tag}") == (True, "gnu", SH, True)


@pytest.mark.parametrize("tag", ["17", "18", "27", "28-ea-5-jdk", "17-jdk-oraclelinux8", "11-oracle", "27-oraclelinux10"])
def test_openjdk_oracle_tags_have_base_curl_and_unknown_wget(tag):
    f = facts(f"openjdk:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, None, SH, "bash", True)


@pytest.mark.parametrize("tag", ["11-jre-slim", "17-slim-bullseye", "27-slim-trixie", "8-jdk-slim-buster"])
def test_openjdk_slim_lacks_curl_and_wget(tag):
    assert tools(f"openjdk:{tag}") == (False, False, SH, True)


def test_openjdk_ea_debian_suites_are_full():
    assert tools("openjdk:27-trixie") == (True, "gnu", SH, True)
    assert tools("openjdk:27-ea-jdk-bookworm") == (True, "gnu", SH, True)


# --- trap 4: Caddy gained curl in 2.11 ----------------------------------------------------------

@pytest.mark.parametrize("tag", ["latest", "2", "alpine", "2-alpine", "2.11", "2.11.1-alpine", "2.11.0-beta.2"])
def test_caddy_211_and_later_have_curl(tag):
    f = facts(f"caddy:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh) == (True, "busybox", SH, "ash")
    assert f.ports == ("80", "443", "443/udp", "2019") and f.exposed is True and f.server is True


@pytest.mark.parametrize("tag", ["2.10", "2.10.2", "2.8-alpine", "2.7.6"])
def test_caddy_210_and_older_have_busybox_wget_only(tag):
    assert tools(f"caddy:{tag}") == (False, "busybox", SH, False)


def test_caddy_builder_is_not_a_server():
    f = facts("caddy:2.11-builder")
    assert (f.curl, f.wget, f.server, f.ports) == (True, "busybox", False, ())
    assert facts("caddy:2.10-builder").curl is None


# --- trap 5: nginx ---------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["latest", "mainline", "stable", "1.27", "1.27.3-bookworm", "perl", "stable-otel"])
def test_nginx_debian_has_curl_but_no_wget(tag):
    f = facts(f"nginx:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, False, SH, "dash", True)
    assert (f.ports, f.exposed, f.server, f.healthcheck) == (("80",), True, True, False)


@pytest.mark.parametrize("tag", ["alpine", "1.27-alpine", "mainline-alpine3.21", "alpine-perl", "stable-alpine-otel"])
def test_nginx_alpine_has_curl_and_busybox_wget(tag):
    assert tools(f"nginx:{tag}") == (True, "busybox", SH, False)


@pytest.mark.parametrize("tag", ["alpine-slim", "1.27-alpine-slim", "stable-alpine3.21-slim"])
def test_nginx_alpine_slim_has_no_curl(tag):
    assert tools(f"nginx:{tag}") == (False, "busybox", SH, False)


def test_nginx_before_curl_was_added_is_unknown():
    assert facts("nginx:1.16").curl is None
    assert facts("nginx:1.17-alpine").curl is None


# --- trap 6: MySQL -----------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["latest", "8", "8.4", "8.4.3", "9", "9.1", "lts", "innovation", "8.4-oraclelinux9", "9-oracle"])
def test_mysql_default_tags_are_oracle_linux(tag):
    f = facts(f"mysql:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, None, SH, "bash", True)
    assert f.has("apt-get") is False and f.has("microdnf") is True and f.has("mysqladmin") is True
    assert f.ports == ("3306", "33060")


@pytest.mark.parametrize("tag", ["8.0-debian", "8.0.40-debian", "5.7-debian"])
def test_mysql_debian_had_no_curl_or_wget(tag):
    assert tools(f"mysql:{tag}") == (False, False, SH, True)
    assert facts(f"mysql:{tag}").has("apt-get") is True


def test_mysql_80_default_is_unknown_for_curl():
    f = facts("mysql:8.0")
    assert (f.curl, f.shell, f.bash, f.probe) == (None, SH, True, ("CMD", "mysqladmin", "ping", "-h", "127.0.0.1"))


# --- trap 7: moving suites behind bare tags ------------------------------------------------------

@pytest.mark.parametrize("image", [
    "python:3.13", "python:3.13-trixie", "python:3.13-bookworm", "python:3.9-bullseye", "python:latest",
    "ruby:3.4", "ruby:3.4-bookworm", "golang:1.27", "golang:1.24-bookworm", "golang:trixie",
    "node:26", "node:24", "node:lts", "node:22-bookworm", "node:iron-bullseye", "node:current-trixie",
    "buildpack-deps:bookworm-curl", "buildpack-deps:noble-scm", "buildpack-deps:trixie",
])
def test_full_debian_language_images_have_curl_and_gnu_wget(image):
    assert tools(image) == (True, "gnu", SH, True)
    assert facts(image).server is False


@pytest.mark.parametrize("image", [
    "python:3.12-slim", "python:3.13-slim-trixie", "python:slim-bookworm", "python:slim",
    "node:24-slim", "node:22-bookworm-slim", "node:lts-slim", "ruby:3.4-slim", "ruby:3.3-slim-bookworm",
])
def test_slim_language_images_have_neither_curl_nor_wget(image):
    assert tools(image) == (False, False, SH, True)


@pytest.mark.parametrize("image", [
    "python:3.12-alpine", "python:3.13-alpine3.22", "python:alpine", "node:24-alpine", "node:lts-alpine3.21",
    "golang:1.27-alpine", "golang:alpine3.24", "ruby:3.4-alpine", "alpine", "alpine:3.20", "alpine:edge",
    "busybox", "busybox:1.36-musl", "busybox:glibc",
])
def test_alpine_images_have_busybox_wget_and_no_curl(image):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, "busybox", SH, "ash", False)


def test_language_windows_variants_are_unknown():
    f = facts("python:3.12-windowsservercore-ltsc2022")
    assert (f.curl, f.wget, f.shell, f.bash) == (None, None, None, None)
    assert f.has("python") is True


def test_unknown_tags_of_a_known_repository_get_only_shared_facts():
    f = facts("python:3.12-someday")
    assert (f.curl, f.wget, f.shell, f.bash) == (None, None, None, None)
    assert (f.healthcheck, f.server, f.ports) == (False, False, ())
    assert f.has("python") is True
    assert "every tag" in f.source


def test_digest_only_references_get_repository_wide_facts():
    f = facts("postgres@sha256:" + "c" * 64)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, None, SH, None, True)
    assert f.ports == ("5432",) and f.server is True and f.has("pg_isready") is True


# --- php -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, ports, server", [
    ("8.4", (), False), ("8.4-cli", (), False), ("8.4-zts-trixie", (), False), ("cli-bookworm", (), False),
    ("8.4-fpm", ("9000",), True), ("fpm-bookworm", ("9000",), True), ("8.4-apache", ("80",), True),
])
def test_php_debian_keeps_curl_and_has_no_wget(tag, ports, server):
    f = facts(f"php:{tag}")
    assert (f.curl, f.wget, f.shell, f.bash) == (True, False, SH, True)
    assert (f.ports, f.server) == (ports, server)


@pytest.mark.parametrize("tag, ports", [("8.4-alpine", ()), ("8.4-cli-alpine3.22", ()), ("8.4-fpm-alpine", ("9000",))])
def test_php_alpine_keeps_curl_and_busybox_wget(tag, ports):
    f = facts(f"php:{tag}")
    assert (f.curl, f.wget, f.sh, f.ports) == (True, "busybox", "ash", ports)


# --- amazoncorretto ------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["21", "21-al2023", "21-al2023-headless", "17-headful", "8-al2-jdk", "11-al2-generic", "latest"])
def test_corretto_amazon_linux_has_base_curl_and_unknown_wget(tag):
    f = facts(f"amazoncorretto:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, None, SH, "bash", True)


def test_corretto_alpine_has_no_curl():
    assert tools("amazoncorretto:21-alpine3.20") == (False, "busybox", SH, False)


# --- trap 8: install-then-purge; trap 12: ports ---------------------------------------------------

@pytest.mark.parametrize("image, ports", [
    ("httpd:2.4", ("80",)), ("httpd", ("80",)), ("httpd:2.4-trixie", ("80",)),
    ("postgres:17", ("5432",)), ("postgres:16-bookworm", ("5432",)),
    ("redis:8", ("6379",)), ("redis:7.2-bookworm", ("6379",)), ("redis:latest", ("6379",)),
    ("memcached:1.6", ("11211",)), ("haproxy:3.2", ()), ("haproxy:lts", ()),
])
def test_debian_servers_purge_their_download_tools(image, ports):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, False, SH, "dash", True)
    assert (f.ports, f.server, f.healthcheck) == (ports, True, False)


@pytest.mark.parametrize("image, bash", [
    ("httpd:2.4-alpine", False), ("postgres:17-alpine", True), ("postgres:16-alpine3.21", True),
    ("redis:8-alpine", False), ("redis:7.2-alpine", False), ("memcached:alpine", False), ("haproxy:3.2-alpine", False),
    ("traefik:v3.7", False), ("traefik", False),
])
def test_alpine_servers_have_only_busybox_wget(image, bash):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, "busybox", SH, "ash", bash)
    assert f.server is True and f.healthcheck is False


def test_ports_that_are_not_exposed():
    haproxy = facts("haproxy:3.2")
    assert (haproxy.ports, haproxy.exposed) == ((), False)
    traefik = facts("traefik:v3.7")
    assert (traefik.ports, traefik.exposed) == (("80",), True)  # the dashboard's 8080 is not EXPOSEd
    assert facts("python:3.12").ports == () and facts("eclipse-temurin:21").ports == ()


def test_rabbitmq_ports_and_management():
    f = facts("rabbitmq:4.3")
    assert f.ports == ("4369", "5671", "5672", "15691", "15692", "25672")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (None, False, SH, None, True)
    assert f.likely("curl") is False
    m = facts("rabbitmq:management")
    assert m.ports[-2:] == ("15671", "15672")
    alpine = facts("rabbitmq:4.3-management-alpine")
    assert (alpine.curl, alpine.wget, alpine.sh, alpine.bash) == (False, "busybox", "ash", True)
    assert alpine.ports == m.ports


def test_mongo_recent_tags():
    for image in ("mongo:8.0", "mongo:7.0", "mongo", "mongo:8.0-noble", "mongo:7.0.14-jammy"):
        f = facts(image)
        assert (f.curl, f.wget, f.shell, f.bash) == (None, False, SH, True), image
        assert f.ports == ("27017",) and f.has("mongosh") is True


def test_mongo_older_tags_do_not_promise_mongosh():
    assert facts("mongo:6.0").has("mongosh") is True
    old = facts("mongo:4.4")
    assert (old.curl, old.shell, old.probe) == (None, None, None)
    assert old.has("mongosh") is None and old.ports == ("27017",)


def test_mariadb_by_suite():
    jammy = facts("mariadb:10.11")
    assert (jammy.curl, jammy.wget, jammy.shell, jammy.bash) == (False, False, SH, True)
    assert jammy.sh is None and jammy.likely("sh") is True
    noble = facts("mariadb:11.8")
    assert (noble.curl, noble.wget) == (None, False)
    assert facts("mariadb:lts").curl is None and facts("mariadb:11.4-noble").curl is None
    assert facts("mariadb:10.6-jammy").curl is False
    ubi = facts("mariadb:11.8-ubi")
    assert (ubi.curl, ubi.wget, ubi.sh, ubi.bash) == (True, None, "bash", True)


def test_mariadb_before_104_is_unknown():
    old = facts("mariadb:10.3")
    assert (old.curl, old.shell, old.probe) == (None, None, None)
    assert old.has("healthcheck.sh") is None


# --- trap 9: BusyBox wget is not GNU wget ---------------------------------------------------------

def test_busybox_wget_is_told_apart_from_gnu_wget():
    assert facts("redis:7.2-alpine").wget == "busybox"  # GNU wget only at build time
    assert facts("python:3.12").wget == "gnu"
    assert facts("alpine:3.20").wget == "busybox"


# --- trap 10: shell-less images -----------------------------------------------------------------

@pytest.mark.parametrize("image", [
    "gcr.io/distroless/static-debian12", "gcr.io/distroless/static-debian13:nonroot",
    "gcr.io/distroless/base-debian12:latest", "gcr.io/distroless/base-nossl-debian12",
    "gcr.io/distroless/cc-debian12:latest-amd64", "gcr.io/distroless/java21-debian13",
    "gcr.io/distroless/java-base-debian12", "gcr.io/distroless/python3-debian13",
    "gcr.io/distroless/nodejs22-debian13:nonroot", "gcr.io/distroless/static",
    "mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", "mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled-extra",
    "mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled-composite", "mcr.microsoft.com/dotnet/aspnet:6.0-jammy-chiseled",
    "scratch",
])
def test_shell_less_images_have_no_shell(image):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.bash) == (False, False, False, False)
    assert f.has("sh") is False and f.has("/bin/sh") is False


@pytest.mark.parametrize("image", [
    "gcr.io/distroless/static-debian12:debug", "gcr.io/distroless/base-debian12:debug-nonroot",
    "gcr.io/distroless/java21-debian13:debug", "gcr.io/distroless/cc-debian12:debug-arm64",
])
def test_distroless_debug_has_busybox_under_busybox_only(image):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.bash) == (False, "busybox", "/busybox/sh", False)
    assert f.has("sh") is False and f.has("/bin/sh") is False  # shell form still fails
    assert f.has("/busybox/sh") is True and f.has("/busybox/wget") is True


def test_distroless_runtimes_know_their_interpreter_but_not_more():
    java = facts("gcr.io/distroless/java21-debian13")
    assert java.has("java") is True and java.has("jcmd") is None
    static = facts("gcr.io/distroless/static-debian12")
    assert static.has("nc") is False  # nothing besides the listed files


# --- trap 11: .NET ports --------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["8.0", "9.0", "8.0-bookworm-slim", "8.0.8-bookworm-slim-amd64", "8.0-jammy"])
def test_dotnet_8_and_later_listen_on_8080_without_tools(tag):
    f = facts(f"mcr.microsoft.com/dotnet/aspnet:{tag}")
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, False, SH, "dash", True)
    assert (f.ports, f.exposed, f.server, f.user) == (("8080",), False, True, None)


def test_dotnet_noble_is_inferred_only():
    f = facts("mcr.microsoft.com/dotnet/aspnet:8.0-noble")
    assert (f.curl, f.wget, f.shell, f.bash) == (None, None, SH, None)
    assert (f.likely("curl"), f.likely("bash")) == (False, True)


def test_dotnet_alpine_has_busybox_wget():
    f = facts("mcr.microsoft.com/dotnet/aspnet:8.0-alpine3.20")
    assert (f.curl, f.wget, f.sh, f.ports) == (False, "busybox", "ash", ("8080",))


@pytest.mark.parametrize("tag, wget", [("6.0", False), ("6.0-bullseye-slim", False), ("6.0-jammy", False),
                                       ("6.0-focal", False), ("6.0-alpine3.20", "busybox")])
def test_dotnet_6_listens_on_80(tag, wget):
    f = facts(f"mcr.microsoft.com/dotnet/aspnet:{tag}")
    assert (f.curl, f.wget, f.ports, f.exposed) == (False, wget, ("80",), False)


def test_dotnet_chiseled_runs_as_app_on_8080_even_on_6():
    for tag in ("8.0-noble-chiseled", "6.0-jammy-chiseled"):
        f = facts(f"mcr.microsoft.com/dotnet/aspnet:{tag}")
        assert (f.user, f.ports) == ("app", ("8080",))


def test_dotnet_runtime_is_not_a_server_but_aspnet_is():
    assert facts("mcr.microsoft.com/dotnet/runtime:8.0").server is False
    assert facts("mcr.microsoft.com/dotnet/runtime-deps:8.0").server is False
    assert facts("mcr.microsoft.com/dotnet/aspnet:8.0").server is True
    assert facts("mcr.microsoft.com/dotnet/aspnet:8.0").has("dotnet") is True


def test_dotnet_unsurveyed_versions_keep_only_shared_facts():
    f = facts("mcr.microsoft.com/dotnet/aspnet:10.0")
    assert (f.curl, f.shell, f.ports, f.server) == (None, None, None, True)
    assert f.has("dotnet") is True


# --- trap 13: non-root defaults -------------------------------------------------------------------

def test_non_root_default_users():
    assert facts("memcached:1.6").user == "memcache"
    assert facts("haproxy:3.2").user == "haproxy"
    assert facts("elasticsearch:8.15.0").user == "1000:0"
    assert facts("gcr.io/distroless/static-debian12:nonroot").user == "65532"
    assert facts("gcr.io/distroless/static-debian12:latest").user is None


# --- trap 14: probe helpers without a HEALTHCHECK ---------------------------------------------------

@pytest.mark.parametrize("image", [
    "nginx", "httpd", "tomcat", "postgres", "mysql", "mariadb", "redis", "mongo", "rabbitmq", "caddy",
    "traefik", "haproxy", "memcached", "elasticsearch:8.19.2", "mcr.microsoft.com/dotnet/aspnet:8.0",
    "php:8.4-fpm", "php:8.4-apache",
])
def test_server_images_declare_no_healthcheck(image):
    f = facts(image)
    assert (f.server, f.healthcheck) == (True, False)


@pytest.mark.parametrize("image", ["python:3.12", "alpine", "debian:bookworm", "eclipse-temurin:21", "php:8.4-cli", "busybox"])
def test_non_server_images(image):
    assert facts(image).server is False


def test_probe_helpers():
    assert facts("mariadb:11.8").has("healthcheck.sh") is True
    assert facts("mariadb:11.8-ubi").has("healthcheck.sh") is True
    assert facts("haproxy:3.2").has("socat") is True
    assert facts("haproxy:3.2-alpine").has("socat") is True
    assert facts("elasticsearch:8.19.2").has("nc") is True
    assert facts("elasticsearch:9.1.0").has("nc") is True
    assert facts("elasticsearch:8.15.0").has("nc") is None  # not surveyed on the focal builds
    assert facts("postgres:17-alpine").has("pg_isready") is True
    assert facts("redis:8").has("redis-cli") is True
    assert facts("rabbitmq:4.3").has("rabbitmq-diagnostics") is True
    assert facts("mysql:8.4").has("mysqladmin") is True


@pytest.mark.parametrize("image, probe", [
    ("postgres:17", ("CMD-SHELL", 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER:-postgres}"')),
    ("postgres:16-alpine", ("CMD-SHELL", 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER:-postgres}"')),
    ("redis:7.2", ("CMD", "redis-cli", "ping")),
    ("mysql:8.4", ("CMD", "mysqladmin", "ping", "-h", "127.0.0.1")),
    ("mariadb:11.8", ("CMD", "healthcheck.sh", "--connect", "--innodb_initialized")),
    ("mongo:8.0", ("CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')")),
    ("rabbitmq:4.3-management", ("CMD", "rabbitmq-diagnostics", "-q", "ping")),
    ("traefik:v3.7", ("CMD", "traefik", "healthcheck", "--ping")),
    ("nginx", None), ("memcached", None), ("python:3.12", None),
])
def test_suggested_compose_probes(image, probe):
    assert facts(image).probe == probe


def test_probe_as_dockerfile_instruction():
    assert facts("postgres:17").dockerfile_probe == 'HEALTHCHECK CMD pg_isready -h 127.0.0.1 -U "${POSTGRES_USER:-postgres}"'
    assert facts("redis:8").dockerfile_probe == 'HEALTHCHECK CMD ["redis-cli", "ping"]'
    assert facts("nginx").dockerfile_probe is None
    assert facts("traefik").probe_note and "ping" in facts("traefik").probe_note


# --- trap 15: moved sources ----------------------------------------------------------------------

def test_elasticsearch_by_base():
    focal = facts("elasticsearch:7.17.22")
    assert (focal.curl, focal.wget, focal.shell, focal.bash) == (True, False, SH, True)
    noble = facts("docker.elastic.co/elasticsearch/elasticsearch:8.19.2")
    assert (noble.curl, noble.wget, noble.likely("wget")) == (True, None, False)
    ubi = facts("elasticsearch:9.1.0")
    assert (ubi.curl, ubi.wget, ubi.sh, ubi.bash) == (True, None, "bash", True)
    assert ubi.ports == ("9200", "9300")
    old = facts("elasticsearch:7.10.1")  # CentOS-based, not surveyed
    assert (old.curl, old.wget, old.shell) == (None, None, None)
    assert old.ports == ("9200", "9300") and old.server is True


def test_redis_8_and_7_agree_and_older_is_unknown():
    assert tools("redis:8.2") == tools("redis:7.2") == (False, False, SH, True)
    assert tools("redis:5") == (None, None, None, None)


def test_traefik_unknown_tags_could_be_the_scratch_build():
    f = facts("traefik:v1.7")
    assert (f.curl, f.wget, f.shell) == (None, None, None)
    assert f.ports == ("80",) and f.server is True


# --- OS bases and RPM bases -------------------------------------------------------------------------

@pytest.mark.parametrize("image", ["debian", "debian:bookworm", "debian:bookworm-slim", "debian:trixie-slim",
                                   "debian:12", "debian:12.7-slim", "debian:bullseye-20240904-slim",
                                   "ubuntu:22.04", "ubuntu:jammy", "ubuntu:jammy-20240808"])
def test_debian_and_jammy_bases_have_neither(image):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (False, False, SH, "dash", True)


@pytest.mark.parametrize("image", ["ubuntu", "ubuntu:24.04", "ubuntu:noble", "ubuntu:resolute", "ubuntu:26.04"])
def test_ubuntu_noble_and_later_are_inferred_only(image):
    f = facts(image)
    assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (None, None, SH, None, None)
    assert (f.likely("curl"), f.likely("wget"), f.likely("bash")) == (False, False, True)


def test_ubi_variants():
    for name in ("registry.access.redhat.com/ubi9/ubi", "registry.access.redhat.com/ubi9", "redhat/ubi9:9.4"):
        f = facts(name)
        assert (f.curl, f.wget, f.shell, f.bash) == (None, None, SH, None), name
    for name in ("registry.access.redhat.com/ubi9/ubi-minimal", "redhat/ubi9-minimal:latest",
                 "registry.access.redhat.com/ubi10-minimal:10.0", "registry.redhat.io/ubi9/ubi-minimal:9.4-1214"):
        f = facts(name)
        assert (f.curl, f.wget, f.shell, f.sh, f.bash) == (True, None, SH, "bash", True), name
        assert f.likely("wget") is False
    micro = facts("registry.access.redhat.com/ubi9/ubi-micro")
    assert (micro.curl, micro.wget, micro.shell, micro.bash) == (None, None, None, None)
    assert micro.likely("sh") is True and micro.has("microdnf") is False


# --- user entries from config -----------------------------------------------------------------------

def test_user_entries_describe_private_images():
    extra = [{"image": "registry.example.com/team/api:*", "curl": True, "healthcheck": True, "shell": True,
              "ports": [8080], "server": True, "source": "team base image"}]
    f = facts("registry.example.com/team/api:1.4", extra)
    assert (f.curl, f.healthcheck, f.shell, f.ports, f.server, f.source) == (True, True, SH, ("8080",), True, "team base image")
    assert f.wget is None and f.bash is None
    assert lookup("registry.example.com/team/web:1.4", extra) is None


def test_user_entries_are_matched_before_the_table_and_keep_unspecified_facts():
    extra = [{"image": "python:*-slim", "curl": True}]
    f = facts("python:3.12-slim", extra)
    assert (f.curl, f.wget, f.bash) == (True, False, True)
    assert f.source == "project config (images)"
    assert facts("python:3.12-alpine", extra).curl is False


def test_user_entries_can_start_from_a_known_image():
    extra = {"registry.example.com/base/*": {"like": "eclipse-temurin:25-jre-jammy", "wget": "gnu",
                                             "helpers": ["grpc_health_probe"]}}
    f = facts("registry.example.com/base/java:25", extra)
    assert (f.curl, f.wget, f.shell, f.bash) == (False, "gnu", SH, True)
    assert f.has("grpc_health_probe") is True and f.has("java") is True


def test_user_entries_normalise_docker_hub_names_and_match_digests():
    extra = [{"image": "docker.io/library/nginx", "curl": False}]
    assert facts("nginx:1.27", extra).curl is False
    assert facts("nginx@sha256:" + "d" * 64, extra).curl is False


def test_bad_user_entries_are_ignored():
    extra = [None, "x", {"curl": True}, {"image": 3}, {"image": "python:*", "curl": "yes", "ports": {"a": 1}}]
    f = facts("python:3.12-slim", extra)
    assert f.curl is False and f.ports == ()


def test_user_entry_without_shell_implies_no_bash():
    f = facts("registry.example.com/static:1", [{"image": "registry.example.com/static", "shell": False}])
    assert (f.shell, f.bash, f.has("sh")) == (False, False, False)
