"""Services and stacks of a project: each service with its build (the Dockerfile and stage it builds),
its dependencies and restart policy; a stack is what one `docker compose` invocation loads."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.core.model import Span
from lint.project.merge import _is_map, _is_seq, _text, _truth

if TYPE_CHECKING:  # a stack belongs to the project that loads it
    from lint.project.stacks import Project


# `network_mode: service:x` and friends make x a dependency (compose-go loader/normalize.go).
NAMESPACE_KEYS = ("network_mode", "ipc", "pid", "uts", "cgroup")
# compose v2 maps restart and deploy.restart_policy.condition through one switch (docker/compose create.go);
# the spec and Swarm do not know these two for `restart`
RESTART_NAMES = {"none": "no", "any": "always"}


@dataclass
class ProjectProblem:
    """Something compose would reject while assembling the project (not a parse error of one file)."""

    path: str
    message: str
    span: Span


@dataclass
class Build:
    context: Path | None  # None: a remote (git or URL) context, whose Dockerfile we cannot read
    dockerfile: Path | None  # None: remote context or dockerfile_inline
    target: str | None
    node: Any  # the merged `build` node
    remote: bool = False
    inline: Any = None  # the dockerfile_inline node, if any


@dataclass
class Dependency:
    name: str
    condition: str
    required: bool
    restart: bool
    # the depends_on entry, a mapping whose .key_span is the name (a short-form list item reads as one, placed
    # on the item); for an implicit dependency, the `links` / `volumes_from` item or the `network_mode` value
    node: Any
    implicit: str | None = None  # 'links' | 'network_mode' | 'ipc' | 'pid' | 'uts' | 'cgroup' | 'volumes_from'


def entry_span(dep: Dependency) -> Span:
    """The text naming the dependency: a depends_on key or list item, a links / volumes_from item, the
    `service:x` value."""
    node = dep.node
    if dep.implicit is None and node.key_span is not None:
        return node.key_span
    return node.span


# ----------------------------------------------------------------------------------------- model

class Service:
    """A service as compose builds it: its merged node plus what rules ask of it."""

    def __init__(self, name: str, node, stack: "Stack") -> None:
        self.name = name
        self.node = node
        self.stack = stack
        self._build: Build | None | bool = False
        self._depends_on: dict[str, Dependency] | None = None

    def __repr__(self) -> str:
        return f"Service({self.name!r}, {self.key_path})"

    @property
    def key_path(self) -> str:
        """The file whose service key defines it (the first file that does)."""
        return self.node.path

    @property
    def key_span(self) -> Span | None:
        return self.node.key_span

    def get(self, *keys):
        return self.node.get(*keys)

    @property
    def image(self) -> str | None:
        return _text(self.get("image"))

    @property
    def profiles(self) -> list[str]:
        node = self.get("profiles")
        return [t for t in (_text(i) for i in node.value) if t] if _is_seq(node) else []

    # -- health check
    @property
    def healthcheck(self):
        node = self.get("healthcheck")
        return node if _is_map(node) else None

    @property
    def healthcheck_disabled(self) -> bool:
        """`disable: true` or `test: ["NONE"]`: no check runs, not even the image's."""
        check = self.healthcheck
        if check is None:
            return False
        if _truth(check.get("disable"), False):
            return True
        test = check.get("test")
        return _is_seq(test) and bool(test.value) and _text(test.value[0]) == "NONE"

    @property
    def healthcheck_test(self):
        """The compose `test` that replaces the image's probe (None when absent, empty, or disabled)."""
        check = self.healthcheck
        if check is None or self.healthcheck_disabled:
            return None
        test = check.get("test")
        if test is None or test.value is None or test.value == [] or test.value == "":
            return None  # `test: []` is dropped: the image's check stays
        return test

    @property
    def has_healthcheck_test(self) -> bool:
        return self.healthcheck_test is not None

    # -- restart
    @property
    def restart(self) -> str | None:
        """The restart policy name compose v2 applies (no, always, on-failure, unless-stopped, or an unknown
        value as written): a deploy.restart_policy replaces `restart` entirely; None when neither is set."""
        policy = self.get("deploy", "restart_policy")
        if _is_map(policy):
            condition = _text(policy.get("condition"))
            return RESTART_NAMES.get(condition, condition) if condition else "no"
        restart = _text(self.get("restart"))
        if restart is None:
            return None
        name = restart.split(":", 1)[0]
        return RESTART_NAMES.get(name, name)

    # -- build
    @property
    def build(self) -> Build | None:
        if self._build is False:
            self._build = self.stack.project._build_of(self)
        return self._build  # type: ignore[return-value]

    @property
    def dockerfile(self):
        build = self.build
        if build is None:
            return None
        if build.inline is not None:
            return self.stack.project._inline_dockerfile(build.inline)
        if build.dockerfile is None:
            return None
        return self.stack.project._load(build.dockerfile, "dockerfile")

    @property
    def target_stage(self):
        dockerfile = self.dockerfile
        if dockerfile is None:
            return None
        try:
            return dockerfile.target_stage(self.build.target if self.build else None)
        except Exception:
            return None

    # -- dependencies
    @property
    def depends_on(self) -> dict[str, Dependency]:
        if self._depends_on is None:
            self._depends_on = self._dependencies()
        return self._depends_on

    def _dependencies(self) -> dict[str, Dependency]:
        deps: dict[str, Dependency] = {}
        node = self.get("depends_on")
        if _is_map(node):
            for name, entry in node.value.items():
                if not _is_map(entry):
                    continue
                deps[name] = Dependency(
                    name,
                    _text(entry.get("condition")) or "service_started",
                    _truth(entry.get("required"), True),
                    _truth(entry.get("restart"), False),
                    entry,
                )

        def implicit(name: str, source: str, restart: bool, origin) -> None:
            if name and name not in deps:
                deps[name] = Dependency(name, "service_started", True, restart, origin, source)

        links = self.get("links")
        if _is_seq(links):
            for item in links.value:
                text = _text(item) or ""
                parts = text.split(":")
                implicit(parts[0] if len(parts) == 2 else text, "links", True, item)
        for key in NAMESPACE_KEYS:
            value = self.get(key)
            text = _text(value) or ""
            if text.startswith("service:"):
                implicit(text[len("service:"):], key, True, value)
        volumes_from = self.get("volumes_from")
        if _is_seq(volumes_from):
            for item in volumes_from.value:
                text = _text(item) or ""
                if not text.startswith("container:"):
                    implicit(text.split(":")[0], "volumes_from", False, item)
        return deps


@dataclass
class Stack:
    """What one `docker compose` invocation builds from `files` (merge order)."""

    project: "Project" = field(repr=False)
    files: list[Path]
    services: dict[str, Service] = field(default_factory=dict)
    sources: set[Path] = field(default_factory=set)  # every file that contributes: files, include, extends
    root: Any = field(default=None, repr=False)  # the merged top-level node
    workdirs: dict[Path, Path] = field(default_factory=dict, repr=False)  # file -> its project directory
    profiles: frozenset[str] = frozenset()  # COMPOSE_PROFILES from the project directory's .env

    def enabled(self, service: "Service") -> bool:
        """Whether compose runs the service without `--profile`: it has no profiles, or one is active."""
        own = service.profiles
        return not own or "*" in self.profiles or bool(self.profiles.intersection(own))

    @property
    def is_fragment(self) -> bool:
        """No service has an image or a build: a piece of a larger setup, not judged alone."""
        return not any(s.get("image") is not None or s.get("build") is not None for s in self.services.values())

    def __repr__(self) -> str:
        return f"Stack({[str(f) for f in self.files]})"


def _abs(path) -> Path:
    return Path(os.path.abspath(os.fspath(path)))


def _is_remote(context: str) -> bool:
    return "://" in context or context.startswith(("git@", "github.com/")) or context.endswith(".git")
