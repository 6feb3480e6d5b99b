"""The language package managers as the shell reader sees them: pip (and `python -m pip`, uv, pipx),
npm / yarn / pnpm, gem and go; their options, package words with spans, pins and caches; and the RUN
environment (mounts, ENV / ARG) the cache rules ask."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.core.source import MappedText, Source
from lint.dockerfile.runenv import image_stages, keeps_files, run_mounts, scratch_mounts, variables_at
from lint.dockerfile.scanner import parse_dockerfile
from lint.shell import (
    gem_install, gem_pin, go_fetches, go_pin, no_cache_value, node_install, parse_script, pip_call, removed_paths,
    spec, yarn_berry_sign,
)
from lint.shell.tools.pip import config_disables_cache, purges_cache
from tests.fixture_support import config_for, lint_files


def command(text: str, index: int = 0):
    return parse_script(MappedText.plain(text, 0)).commands[index]


def pip(text: str, index: int = 0):
    call = pip_call(command(text, index))
    assert call is not None, text
    return call


def test_pip_calls_through_their_many_names():
    for text in ("pip install x", "pip3 install x", "pip3.12 install x", "/usr/local/bin/pip install x",
                 "python -m pip install x", "python3.11 -u -m pip install x", "sudo -H pip install x",
                 "env PIP_INDEX_URL=https://x pip install x"):
        assert pip(text).verb.value == "install"
    for text in ("pip download x", "pip wheel x", "pip uninstall -y x", "python -m venv /v", "python setup.py install",
                 "pipenv install x", "uv add x"):
        assert pip_call(command(text)) is None, text
    assert pip("uv pip install --system x").tool == "uv"
    assert pip("pipx install poetry").tool == "pipx"
    assert [w.value for w in pip("pipx inject poetry poetry-plugin-export").args.operands] == ["poetry-plugin-export"]


def test_pip_option_values_are_not_requirements():
    call = pip("pip --disable-pip-version-check install -i https://pypi.example/simple --target=/opt "
               "-Ur requirements.txt --no-binary :all: flask")
    assert [w.value for w in call.args.operands] == ["flask"]
    assert call.from_files and not call.no_cache
    assert pip("pip install --no-cache flask").no_cache  # pip accepts an abbreviation
    assert pip("pip --no-cache-dir install flask").no_cache
    assert not pip("pip install --no-c flask").no_cache  # ambiguous: --no-color, --no-compile
    assert pip("pip install --cache-dir /tmp/pip flask").cache_dir == "/tmp/pip"


@pytest.mark.parametrize("word, kind, pin", [
    ("flask", "name", None),
    ("flask==3.0.3", "name", "exact"),
    ("attrs===23.2.0", "name", "exact"),
    ("flask>=1,<2", "name", "range"),
    ("rich~=13.7", "name", "range"),
    ("awscli==1.16.*", "name", "range"),
    ("uvicorn[standard]==0.30.1", "name", "exact"),
    ("uvicorn[standard]", "name", None),
    ('attrs==23.2.0; python_version >= "3.8"', "name", "exact"),
    ("flask==$FLASK_VERSION", "name", "exact"),
    (".", "path", None),
    ("..", "path", None),
    ("./plugins/", "path", None),
    ("/wheels/app-1.0-py3-none-any.whl", "path", None),
    ("dist/app-1.0.tar.gz", "path", None),
    ("https://example.com/pkg-1.0.tar.gz", "url", None),
    ("lib @ https://example.com/lib-2.0.zip", "url", None),
    ("git+https://github.com/x/y.git", "vcs", None),
    ("git+https://github.com/x/y.git@main", "vcs", None),
    ("git+https://github.com/x/y.git@v1.4.2#egg=y", "vcs", "exact"),
    ("git+ssh://git@github.com/x/y.git@3f2a9c1", "vcs", "exact"),
    ("git+https://github.com/x/y.git@openup/releases", "vcs", "range"),
    ("$PACKAGES", "unknown", None),
])
def test_pip_requirements_and_their_pins(word, kind, pin):
    text = f"pip install '{word}'"
    req = pip(text).requirements[0]
    assert (req.kind, req.pin) == (kind, pin)
    assert text[req.word.span.start:req.word.span.end] == f"'{word}'"


def test_pip_cache_settings():
    assert no_cache_value("1") and no_cache_value("0") and no_cache_value("off") and no_cache_value("False")
    assert no_cache_value("") is False
    assert no_cache_value("banana") is None and no_cache_value(None) is None
    assert config_disables_cache(command("pip config set global.no-cache-dir false"))
    assert config_disables_cache(command("python3 -m pip config --global set install.no-cache-dir 1"))
    assert not config_disables_cache(command("pip config set global.index-url https://x"))
    assert purges_cache(command("pip cache purge"))
    script = parse_script(MappedText.plain("pip install x && rm -rf ~/.cache/pip/* $HOME/.cache /tmp/", 0))
    assert removed_paths(script.commands[1:]) == ["~/.cache/pip", "~/.cache", "/tmp"]


def test_npm_yarn_pnpm_installs():
    install = node_install(command("npm install -g --loglevel verbose --registry https://r.example pm2 @nestjs/cli@10"))
    assert [w.value for w in install.packages] == ["pm2", "@nestjs/cli@10"] and install.global_
    assert node_install(command("npm ci --omit=dev")).packages == []
    assert node_install(command("npm install")).packages == []
    assert node_install(command("npm run install")) is None
    assert node_install(command("yarn")).verb is None
    assert node_install(command("yarn --version")) is None
    assert node_install(command("yarn install --frozen-lockfile")).packages == []
    assert [w.value for w in node_install(command("yarn global add serve")).packages] == ["serve"]
    assert [w.value for w in node_install(command("pnpm add -w lodash")).packages] == ["lodash"]
    assert [w.value for w in node_install(command("npm i -w api lodash")).packages] == ["lodash"]


@pytest.mark.parametrize("word, kind, pin", [
    ("express", "registry", None),
    ("express@4.19.2", "registry", "exact"),
    ("express@=4.19.2", "registry", "exact"),
    ("express@^4.19", "registry", "range"),
    ("express@~4.19.2-beta.1", "registry", "range"),
    ("express@>=4 <5", "registry", "range"),
    ("express@latest", "registry", None),
    ("express@next", "registry", None),
    ("express@*", "registry", None),
    ("@scope/pkg", "registry", None),
    ("@scope/pkg@1.0.0", "registry", "exact"),
    ("alias@npm:express@4.19.2", "registry", "exact"),
    ("./packages/shared", "path", None),
    ("file:../lib", "path", None),
    ("vendor/tool-1.0.0.tgz", "tarball", None),
    ("https://example.com/pkg-2.1.0.tgz", "tarball", None),
    ("git+https://github.com/x/y.git", "git", None),
    ("git+https://github.com/x/y.git#v1.2.0", "git", "exact"),
    ("https://github.com/x/y.git#$VERSION", "git", "exact"),
    ("github:x/y#semver:^1.2", "git", "range"),
    ("x/y", "git", None),
])
def test_npm_specs_and_their_pins(word, kind, pin):
    text = f"npm install '{word}'"
    s = spec(node_install(command(text)).packages[0])
    assert (s.kind, s.pin) == (kind, pin)


def test_yarn_berry_signs():
    assert yarn_berry_sign(command("yarn install --immutable"))
    assert yarn_berry_sign(command("yarn set version stable"))
    assert yarn_berry_sign(command("corepack enable"))
    assert not yarn_berry_sign(command("yarn install --frozen-lockfile"))


def test_gem_installs_and_pins():
    install = gem_install(command("gem install --no-document foreman -v '~> 0.88'"))
    assert [w.value for w in install.gems] == ["foreman"] and install.versions == ["~> 0.88"]
    assert gem_pin(install.gems[0], install.versions) == "range"
    install = gem_install(command("gem install -N rake:13.2.1 rubocop nokogiri -- --use-system-libraries"))
    assert [gem_pin(w, install.versions) for w in install.gems] == ["exact", None, None]
    install = gem_install(command('gem install bundler --version="$BUNDLER_VERSION"'))
    assert gem_pin(install.gems[0], install.versions) == "exact"
    assert gem_pin(gem_install(command("gem install /tmp/app-1.0.gem")).gems[0], []) == "local"
    assert gem_install(command("gem install -g Gemfile")).from_file
    assert gem_install(command("gem update --system")) is None


def test_go_fetches_and_pins():
    fetch, = go_fetches(command('go install -ldflags "-s -w" github.com/x/tool/cmd/t@latest'))
    assert (fetch.path, fetch.version, go_pin(fetch)) == ("github.com/x/tool/cmd/t", "latest", None)
    assert go_pin(go_fetches(command("go install golang.org/x/tools/cmd/goimports@v0.22.0"))[0]) == "exact"
    assert go_pin(go_fetches(command("go install github.com/x/y@${VERSION}"))[0]) == "exact"
    assert go_pin(go_fetches(command("go install github.com/x/y@3f2a9c1d"))[0]) == "exact"
    assert go_pin(go_fetches(command("go install github.com/x/y/...@v1"))[0]) == "range"
    assert go_pin(go_fetches(command("go install github.com/x/y@master"))[0]) is None
    assert go_pin(go_fetches(command("go install github.com/x/y"))[0]) == "module"
    assert go_pin(go_fetches(command("go get -u github.com/x/y"))[0]) is None
    assert go_fetches(command("go install ./... && go run main.go")) == []
    assert go_fetches(command("go run ./cmd/gen --out=x.go")) == []
    fetch, = go_fetches(command("go run github.com/x/auth@v0.1.0 add-locations github.com/y/z"))
    assert fetch.path == "github.com/x/auth"


DOCKERFILE = """\
FROM python:3.12-slim AS base
ARG PIP_NO_CACHE_DIR=1
ENV PIP_CACHE_DIR=/var/cache/pip
RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked --mount=type=tmpfs,dst=/tmp pip install x
FROM base AS build
RUN pip install y
FROM python:3.12-slim AS dev
RUN pip install z
FROM base
COPY --from=build /root /root
"""


def test_run_environment_and_the_stages_whose_files_ship():
    doc = parse_dockerfile(Source("Dockerfile", DOCKERFILE))
    runs = [ins for ins in doc.instructions if ins.keyword == "RUN"]
    assert [(m.type, m.target) for m in run_mounts(runs[0])] == [("cache", "/root/.cache/pip"), ("tmpfs", "/tmp")]
    assert scratch_mounts(runs[0]) == ["/root/.cache/pip", "/tmp"]
    assert variables_at(doc, runs[0]) == {"PIP_NO_CACHE_DIR": "1", "PIP_CACHE_DIR": "/var/cache/pip"}
    assert variables_at(doc, runs[1]) == {"PIP_CACHE_DIR": "/var/cache/pip"}  # an ARG stays in its stage
    base, build, dev, final = doc.stages
    assert image_stages(doc) == [final, base, dev]
    assert keeps_files(doc, build, ["/root/.cache/pip"])  # copied out with /root
    assert not keeps_files(doc, build, ["/usr/local/share/.cache/yarn"])


@pytest.mark.parametrize("pin, expected", [("exact", [2, 3]), ("any", [2]), ("off", [])])
def test_the_pin_option(tmp_path: Path, pin, expected):
    (tmp_path / "Dockerfile").write_text('FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n'
                                         'RUN pip install --no-cache-dir "httpx>=0.27,<0.28"\n'
                                         'RUN pip install --no-cache-dir rich==13.7.1\n')
    (tmp_path / "case.toml").write_text(f'[rules.DF321]\npin = "{pin}"\n')
    config = config_for("DF321", tmp_path / "case.Dockerfile")
    (doc, findings), = lint_files([tmp_path / "Dockerfile"], tmp_path, config).values()
    assert [doc.source.position(f.span.start)[0] for f in findings] == expected


def test_what_brings_a_pip_with_a_cache():
    from lint.shell import distro_pip_age, upgrades_pip
    assert distro_pip_age("ubuntu:14.04") == distro_pip_age("debian:jessie-slim") == distro_pip_age("debian:8") == "old"
    assert distro_pip_age("nvidia/cuda:8.0-cudnn5-devel-ubuntu14.04") == "old"
    assert distro_pip_age("ubuntu:16.04") == distro_pip_age("ubuntu") == distro_pip_age("debian:18") == "current"
    assert distro_pip_age("node:8-alpine") == distro_pip_age("mhart/alpine-node:10") == "current"
    assert distro_pip_age("alpine:3.1") == "old" and distro_pip_age("alpine:3.10.2") == "current"
    assert distro_pip_age("python:2.7-jessie") is None and distro_pip_age("bmya/odoo:latest") is None
    for text in ("pip install --upgrade pip", "pip3 install -U pip setuptools", "python get-pip.py",
                 "easy_install pip", "conda install -y numpy pip"):
        assert upgrades_pip(command(text)), text
    assert not upgrades_pip(command("pip install flask"))
