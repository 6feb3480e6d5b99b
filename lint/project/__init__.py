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
from lint.project.discover import (
    SKIP_DIRS,
    TEMPLATE_SUFFIXES,
    COMPOSE_NAME,
    COMMON_COMPOSE_NAME,
    BASE_NAMES,
    OVERRIDE_NAMES,
    DOCKERFILE_NAME,
    kind_from_name,
    INSTRUCTION,
    TOP_SERVICES,
    TOP_COMPOSE_KEY,
    found_compose_file,
    kind_from_content,
    git_ignored,
    walk,
    matches_any,
)
from lint.project.merge import (
    UNIQUE_LISTS,
    KEY_VALUE,
    BUILD_KEY_VALUE,
    KEY_VALUE_PATHS,
    REPLACED,
    normalise_service,
    merge,
    enforce_unicity,
)
from lint.project.services import (
    NAMESPACE_KEYS,
    RESTART_NAMES,
    ProjectProblem,
    Build,
    Dependency,
    entry_span,
    Service,
    Stack,
)
from lint.project.stacks import Project

__all__ = [
    "BASE_NAMES",
    "BUILD_KEY_VALUE",
    "Build",
    "COMMON_COMPOSE_NAME",
    "COMPOSE_NAME",
    "DOCKERFILE_NAME",
    "Dependency",
    "INSTRUCTION",
    "KEY_VALUE",
    "KEY_VALUE_PATHS",
    "NAMESPACE_KEYS",
    "OVERRIDE_NAMES",
    "Project",
    "ProjectProblem",
    "REPLACED",
    "RESTART_NAMES",
    "SKIP_DIRS",
    "Service",
    "Stack",
    "TEMPLATE_SUFFIXES",
    "TOP_COMPOSE_KEY",
    "TOP_SERVICES",
    "UNIQUE_LISTS",
    "enforce_unicity",
    "entry_span",
    "found_compose_file",
    "git_ignored",
    "kind_from_content",
    "kind_from_name",
    "matches_any",
    "merge",
    "normalise_service",
    "walk",
]
