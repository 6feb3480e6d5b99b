"""Which files are Dockerfiles or compose files: by name in directories, by name or content when named;
the COMPOSE_* settings a folder's .env gives."""
from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from pathlib import Path

from lint.core.rules import COMPOSE, DOCKERFILE

# vendored dependencies are someone else's files
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "vendor", ".venv", "venv", "__pycache__", ".tox",
             ".hullcheck_cache"}
# inputs of some program's own tests (Go's `testdata`, the usual `fixtures`), often broken on purpose:
# not looked for below a directory being linted, but linted when named, and still part of the project
TEST_DATA_DIRS = {"testdata", "fixtures"}
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".template", ".in", ".example", ".sample",
                     ".orig", ".bak", ".swp", ".rej")
# compose.yaml, docker-compose.prod.yml, docker-compose_v3_mysql.yaml, and the `<name>.compose.yaml` some
# teams use; `fleet-compose.yml` / `infra_compose.yaml` are compose files too, but CI workflows
# get such names as well: met in a directory, one counts when its text has a top-level services/include
COMPOSE_NAME = re.compile(r"^(docker[-_])?compose([._-][^/]*)?\.ya?ml$|^[^/]+[._-]compose\.ya?ml$", re.I)
COMMON_COMPOSE_NAME = re.compile(r"^(docker[-_])?compose([._-][^/]*)?\.ya?ml$|^[^/]+\.compose\.ya?ml$", re.I)
# the files `docker compose` picks in a folder, in its own order: the first base file, then the first override
BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_NAMES = ("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                  "docker-compose.override.yaml")
DOCKERFILE_NAME = re.compile(r"^(dockerfile|containerfile)([.-][^/]*)?$|^[^/]+\.(dockerfile|containerfile)$", re.I)


def kind_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(TEMPLATE_SUFFIXES) or lower.endswith(".dockerignore") or lower.endswith(".containerignore"):
        return None
    if COMPOSE_NAME.match(name):
        return COMPOSE
    if DOCKERFILE_NAME.match(name):
        if lower.endswith((".md", ".txt", ".yml", ".yaml", ".json", ".sh", ".py", ".lock")):
            return None
        return DOCKERFILE
    return None


INSTRUCTION = re.compile(r"^\s*(FROM|ARG)\s", re.I | re.M)
TOP_SERVICES = re.compile(r"^services\s*:", re.M)
TOP_COMPOSE_KEY = re.compile(r"^(services|include)\s*:", re.M)


def found_compose_file(path: Path) -> bool:
    """Whether a file met while walking a directory is a compose file: by its name, and for a
    `<name>-compose.yml` name also by a top-level `services:` / `include:` in its text."""
    name = path.name
    if kind_from_name(name) != COMPOSE:
        return False
    if not COMMON_COMPOSE_NAME.match(name):
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return bool(TOP_COMPOSE_KEY.search(handle.read(1 << 20)))
        except OSError:
            return False
    return True


def kind_from_content(text: str, name: str = "") -> str | None:
    """For a file named on the command line whose name says nothing: `prod.yml` with `services:` is compose."""
    if name.lower().endswith((".yml", ".yaml")):
        return COMPOSE
    if TOP_SERVICES.search(text):
        return COMPOSE
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return DOCKERFILE if INSTRUCTION.match(line) else None
    return None


def git_ignored(directory: Path, candidates: list[Path]) -> set[Path]:
    """Paths git ignores (one `git check-ignore` call); none when git or a repository is absent."""
    if not candidates:
        return set()
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=directory,
            input="\0".join(str(p) for p in candidates).encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode not in (0, 1):
        return set()
    return {Path(p.decode("utf-8", "surrogateescape")) for p in result.stdout.split(b"\0") if p}


def walk(directory: Path, excluded) -> list[Path]:
    """Dockerfiles and compose files below a directory, sorted, without skipped or ignored ones."""
    found = []
    for current, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and d not in TEST_DATA_DIRS
                         and not excluded(Path(current) / d))
        for name in files:
            kind = kind_from_name(name)
            if kind:
                path = Path(current) / name
                if not excluded(path) and (kind != COMPOSE or found_compose_file(path)):
                    found.append(path)
    ignored = git_ignored(directory, found) if found else set()
    return sorted(p for p in found if p not in ignored)


def matches_any(path: Path, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path.as_posix(), p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def _dot_env(directory: Path) -> dict[str, str]:
    """The variables of a directory's .env (compose reads it from the project directory, for its
    COMPOSE_* settings and to interpolate the files)."""
    try:
        text = (directory / ".env").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    settings = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        name, sep, value = line.partition("=")
        if sep and name.strip() and not name.strip().startswith("#"):
            value = value.strip()
            quote = value[:1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else ""
            if quote:
                value = value[1:-1]
            if quote != "'" and "$" in value:  # `${COMPOSE_FILE:-dev/compose.yaml}`: no variable is set
                from lint.compose import InterpolationError, interpolate

                try:
                    value = interpolate(value)[0]
                except InterpolationError:
                    pass
            settings[name.strip()] = value
    return settings


def _split(text: str, separator: str) -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]
