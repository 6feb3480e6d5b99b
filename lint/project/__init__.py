"""The project: compose files merged as `docker compose` merges them, tied to the Dockerfiles they build.

A *stack* is what one `docker compose` invocation builds: the base file of a directory (compose.yaml,
else compose.yml, docker-compose.yml, docker-compose.yaml: compose's own order) plus the first override
file present, or the files COMPOSE_FILE names in the directory's .env, with `include` and `extends`
applied; COMPOSE_PROFILES there says which profiles are on. Each compose file is judged in the stacks
compose would load it in (`stacks_for`, DESIGN.md "Project"): a base-named file in its own; a file that
another one includes or extends from in the including stacks; any other file (`docker-compose.prod.yml`,
`extensions/fleet/fleet-compose.yml`) alone when it loads alone, else merged onto the base file of its
directory or a parent (`-f base -f file`) when that loads, else nowhere (a fragment) when it is a piece
of a chain we cannot rebuild. "Loads" is judged on our model (`load_errors`): no dependency on a missing
service, no enabled service without image, build or extends, no build context missing on disk. So one
file can take part in several stacks, and a finding on a base-file value may come from each of them: the
engine reports a (rule, path, span, message) once.

Merging follows compose-go's override rules (override/merge.go, uncity.go, loader/reset.go) on our own
Node trees, so every leaf keeps the file and span it came from and findings point into the right file;
merged mappings and lists take the place of the earlier file's node. It is checked against the real
`docker compose config` in tests/test_project.py. Bad input never raises: what compose would reject while
assembling the project (a missing `extends` service, a cycle, a missing include) is recorded in
`Project.problems`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from lint.core.lazy import lazy_exports

# each public name and the module it lives in: read on first use, so importing one module of the package
# does not import the others (a module and a name in it that share a name, such as merge, are reached through
# the module)
_EXPORTS = {
    "SKIP_DIRS": "lint.project.discover",
    "TEMPLATE_SUFFIXES": "lint.project.discover",
    "COMPOSE_NAME": "lint.project.discover",
    "COMMON_COMPOSE_NAME": "lint.project.discover",
    "BASE_NAMES": "lint.project.discover",
    "OVERRIDE_NAMES": "lint.project.discover",
    "DOCKERFILE_NAME": "lint.project.discover",
    "kind_from_name": "lint.project.discover",
    "INSTRUCTION": "lint.project.discover",
    "TOP_SERVICES": "lint.project.discover",
    "TOP_COMPOSE_KEY": "lint.project.discover",
    "found_compose_file": "lint.project.discover",
    "kind_from_content": "lint.project.discover",
    "git_ignored": "lint.project.discover",
    "walk": "lint.project.discover",
    "matches_any": "lint.project.discover",
    "UNIQUE_LISTS": "lint.project.merge",
    "KEY_VALUE": "lint.project.merge",
    "BUILD_KEY_VALUE": "lint.project.merge",
    "KEY_VALUE_PATHS": "lint.project.merge",
    "REPLACED": "lint.project.merge",
    "normalise_service": "lint.project.merge",
    "enforce_unicity": "lint.project.merge",
    "NAMESPACE_KEYS": "lint.project.services",
    "RESTART_NAMES": "lint.project.services",
    "ProjectProblem": "lint.project.services",
    "Build": "lint.project.services",
    "Dependency": "lint.project.services",
    "entry_span": "lint.project.services",
    "Service": "lint.project.services",
    "Stack": "lint.project.services",
    "Project": "lint.project.stacks",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from lint.project.discover import (
        SKIP_DIRS, TEMPLATE_SUFFIXES, COMPOSE_NAME, COMMON_COMPOSE_NAME, BASE_NAMES, OVERRIDE_NAMES,
        DOCKERFILE_NAME, kind_from_name, INSTRUCTION, TOP_SERVICES, TOP_COMPOSE_KEY, found_compose_file,
        kind_from_content, git_ignored, walk, matches_any,
    )
    from lint.project.merge import (
        UNIQUE_LISTS, KEY_VALUE, BUILD_KEY_VALUE, KEY_VALUE_PATHS, REPLACED, normalise_service,
        enforce_unicity,
    )
    from lint.project.services import (
        NAMESPACE_KEYS, RESTART_NAMES, ProjectProblem, Build, Dependency, entry_span, Service, Stack,
    )
    from lint.project.stacks import Project


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
