"""Which compose files load together (override files, COMPOSE_FILE, -f overlays, include, extends) and
the Project that indexes them under a root."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from lint.core.model import Span
from lint.project.discover import (
    BASE_NAMES, DOCKERFILE_NAME, OVERRIDE_NAMES, SKIP_DIRS, _dot_env, _split, found_compose_file,
)
from lint.project.lookup import BuildLookup, image_names
from lint.project.merge import (
    _build_map, _derive, _is_map, _is_seq, _read_text, _text, dependency_names, enforce_unicity, _without_extends,
    merge,
    normalise_service,
)
from lint.project.services import Build, ProjectProblem, Service, Stack, _abs, _is_remote




class Project:
    """Compose files under a root, merged as compose merges them, with the Dockerfiles they build."""

    def __init__(self, root, loader: Callable[[Path], Any]) -> None:
        self.root = _abs(root)
        self.loader = loader
        self.problems: list[ProjectProblem] = []
        self._docs: dict[Path, Any] = {}
        self._compose_files: list[Path] | None = None
        self._env_dirs: list[Path] = []
        self._dockerfile_paths: list[Path] = []
        self._named: dict[str, list] | None = None
        self._stacks: list[Stack] | None = None
        self._directories: dict[Path, list[Path]] | None = None
        self._command_stacks: dict[tuple[tuple[Path, ...], Path], Stack] = {}
        self._homes: dict[Path, list[Stack]] = {}
        self._directory_stacks: dict[Path, list[Stack]] = {}
        self._env_settings: dict[Path, dict[str, str]] = {}
        self._mentions: dict[str, list[Path]] | None = None
        self._word_cache: dict[Path, frozenset[str]] = {}
        self._index = None
        self._building: dict[tuple, list[Service]] = {}
        self._extended: dict[tuple[Path, str], Any] = {}
        self._inline: dict[int, Any] = {}
        self._problem_keys: set[tuple] = set()
        self._sources_of_extends: dict[tuple[Path, str], set[Path]] = {}

    # -- files
    def _load(self, path: Path, kind: str | None = None):
        """The loader's model of a file. `kind` is what refers to it: an included `services/worker.yaml`
        or a `build/prod.df` is read as such, whatever its name."""
        path = _abs(path)
        if path not in self._docs:
            try:
                doc = self.loader(path, kind)
            except Exception:
                doc = None
            self._docs[path] = doc
        return self._docs[path]

    def compose_files(self) -> list[Path]:
        """Compose files under the root (named and skipped as in lint.project.discover), indexed once; the
        walk notes the folders with a .env and the Dockerfiles too."""
        if self._compose_files is None:
            found = []
            self._env_dirs, self._dockerfile_paths = [], []
            for directory, dirs, files in os.walk(self.root):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                found.extend(p for p in (Path(directory) / f for f in sorted(files)) if found_compose_file(p))
                self._dockerfile_paths.extend(Path(directory) / f for f in sorted(files) if DOCKERFILE_NAME.match(f))
                if ".env" in files:
                    self._env_dirs.append(Path(directory))
            self._compose_files = found
        return self._compose_files

    def dockerfiles(self) -> list[Path]:
        self.compose_files()  # its walk finds them
        return self._dockerfile_paths

    def dockerfiles_named(self) -> dict[str, list]:
        """Image name -> [(Dockerfile, stage name or None)] (lint.project.lookup.image_names), made once."""
        if self._named is None:
            self._named = image_names(self.dockerfiles(), lambda path: self._load(path, "dockerfile"))
        return self._named

    def _problem(self, path, message: str, span: Span | None) -> None:
        key = (str(path), message, span)
        if key not in self._problem_keys:
            self._problem_keys.add(key)
            self.problems.append(ProjectProblem(str(path), message, span or Span(0, 0)))

    # -- stacks
    def _by_directory(self) -> dict[Path, list[Path]]:
        if self._directories is None:
            by_dir: dict[Path, list[Path]] = {}
            for path in self.compose_files():
                by_dir.setdefault(path.parent, []).append(path)
            for directory in self._env_dirs:
                by_dir.setdefault(directory, [])
            self._directories = dict(sorted(by_dir.items()))
        return self._directories

    def _stacks_in(self, directory: Path) -> list[Stack]:
        """The stacks the compose files of one directory are judged in, built on first need: linting one
        file parses only what its own stacks need."""
        if directory not in self._directory_stacks:
            chosen = self._chosen_files(directory)
            stacks: list[Stack] = [self.command_stack(chosen, directory)] if chosen else []  # compose's pick first
            for path in self._by_directory().get(directory, []):
                stacks.extend(s for s in self.stacks_for(path) if s not in stacks)
            self._directory_stacks[directory] = stacks
        return self._directory_stacks[directory]

    @property
    def stacks(self) -> list[Stack]:
        """Every stack a compose file under the root is judged in, by directory."""
        if self._stacks is None:
            found: list[Stack] = []
            for directory in self._by_directory():
                found.extend(s for s in self._stacks_in(directory) if s not in found)
            self._stacks = found
        return self._stacks

    def _base_in(self, directory: Path) -> Path | None:
        """The base file compose picks in a directory: the first of BASE_NAMES present."""
        names = {p.name: p for p in self._by_directory().get(directory, [])}
        return next((names[n] for n in BASE_NAMES if n in names), None)

    def _chosen_files(self, directory: Path) -> list[Path]:
        """What `docker compose` loads in a directory without -f: COMPOSE_FILE from its .env, else the base
        and the first override file beside it."""
        chosen = self._compose_file_setting(directory)
        if chosen:
            return chosen
        base = self._base_in(directory)
        if base is None:
            return []
        names = {p.name: p for p in self._by_directory().get(directory, [])}
        override = next((names[n] for n in OVERRIDE_NAMES if n in names), None)
        return [base, override] if override else [base]

    def _settings(self, directory: Path) -> dict[str, str]:
        if directory not in self._env_settings:
            self._env_settings[directory] = _dot_env(directory)
        return self._env_settings[directory]

    def _compose_file_setting(self, directory: Path) -> list[Path]:
        """The files COMPOSE_FILE names in a directory's .env, split on COMPOSE_PATH_SEPARATOR (default
        ':'), relative to the directory."""
        settings = self._settings(directory)
        separator = settings.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        return [_abs(directory / f) for f in _split(settings.get("COMPOSE_FILE", ""), separator)]

    def command_stack(self, files: list[Path], env_dir: Path | None = None) -> Stack:
        """A stack run from the command line (`-f` files, or what compose picks), built once. `env_dir` is
        where it runs, whose .env gives COMPOSE_PROFILES: the folder of a COMPOSE_FILE setting, else the
        first file's."""
        paths = tuple(_abs(f) for f in files)
        key = (paths, env_dir or paths[0].parent)
        if key not in self._command_stacks:
            stack = self._stack(list(paths))
            stack.profiles = frozenset(_split(self._settings(key[1]).get("COMPOSE_PROFILES", ""), ","))
            self._command_stacks[key] = stack
        return self._command_stacks[key]

    def stacks_for(self, compose_path) -> list[Stack]:
        """The stacks a compose file is judged in: the project `docker compose` would load it in (DESIGN.md,
        Project). Empty for a fragment: a piece that loads nowhere we can tell."""
        known = self._homes.get(compose_path)  # type: ignore[arg-type]
        if known is not None:
            return known
        path = _abs(compose_path)
        if path not in self._homes:
            self._homes[path] = []  # an include or extends cycle must not recurse
            try:
                self._homes[path] = self._find_homes(path)
            except RecursionError:
                self._homes[path] = []
        return self._homes[path]

    def _find_homes(self, path: Path) -> list[Stack]:
        directory = path.parent
        including = self._including_stacks(path)
        own: list[Stack] = []
        self.compose_files()  # lists the directories with a .env too
        for env_dir in self._env_dirs:
            chosen = self._compose_file_setting(env_dir)
            if path in chosen:
                own.append(self.command_stack(chosen, env_dir))
        if path.name in BASE_NAMES or path in self._chosen_files(directory):
            chosen = self._chosen_files(directory)
            stack = self.command_stack(chosen, directory) if path in chosen else self.command_stack([path])
            if stack not in own:
                own.append(stack)
        if own:
            # a base file that does not load alone but is included by another project belongs to that one
            if including and all(self.load_errors(s, path) for s in own):
                return including
            return own + [s for s in including if s not in own]
        if including:
            return including
        alone = self.command_stack([path])
        if not self.load_errors(alone, path):
            return [alone]
        for base in self._bases_above(directory):
            overlay = self.command_stack([base, path])
            if not self.load_errors(overlay, path):
                return [overlay]
        if self._looks_like_a_piece(alone, path):
            return []
        return [alone]

    def _bases_above(self, directory: Path) -> list[Path]:
        """Base files an overlay may be layered on with `-f`: its own directory's, then each parent's up to
        the root, nearest first."""
        bases = []
        for folder in (directory, *directory.parents):
            base = self._base_in(folder)
            if base is not None:
                bases.append(base)
            if folder == self.root or self.root not in folder.parents:
                break
        return bases

    def _including_stacks(self, path: Path) -> list[Stack]:
        """The stacks of the files that `include` this file or `extends` a service from it."""
        stacks: list[Stack] = []
        for other in self._files_mentioning(path.name):
            if other == path or not self._refers_to(other, path):
                continue
            for stack in self.stacks_for(other):
                if path in stack.sources and path not in stack.files and stack not in stacks:
                    stacks.append(stack)
        return stacks

    def _files_mentioning(self, word: str) -> list[Path]:
        if self._mentions is None:
            self._mentions = {}
            for other in self.compose_files():
                for name in self._words(other):
                    self._mentions.setdefault(name, []).append(other)
        return self._mentions.get(word, [])

    def _refers_to(self, other: Path, path: Path) -> bool:
        """Whether `other` names `path` in an `include` entry or an `extends: file:`."""
        root = self._root_of(other)
        if root is None:
            return False
        named: list[str] = []
        include = root.get("include")
        for entry in include.value if _is_seq(include) else []:
            paths = entry.get("path") if _is_map(entry) else entry
            named.extend(_text(i) or "" for i in (paths.value if _is_seq(paths) else [paths]) if i is not None)
        services = root.get("services")
        for node in services.value.values() if _is_map(services) else []:
            ext = node.get("extends") if _is_map(node) else None
            if _is_map(ext):
                named.append(_text(ext.get("file")) or "")
        return any(n and _abs(other.parent / n) == path for n in named)

    def load_errors(self, stack: Stack, path: Path) -> list[str]:
        """Why compose would refuse this stack because of what `path` says (empty: it loads): a dependency
        on a service no file defines, an enabled service without image, build or extends, a local build
        whose context and Dockerfile do not exist (a path written for another file's folder)."""
        where = str(path)
        errors = []
        for service in stack.services.values():
            for dep in service.depends_on.values():
                node = dep.node
                if (dep.name not in stack.services and node is not None and node.path == where
                        and not getattr(node, "interpolated", False)):
                    errors.append(f"{service.name} depends on undefined {dep.name}")
            if service.key_path == where and stack.enabled(service) and not self._extends_something(service):
                if service.get("image") is None and service.get("build") is None:
                    errors.append(f"{service.name} has neither image nor build")
            build = service.build
            if (build is not None and build.context is not None and build.node.path == where
                    and not getattr(build.node.get("context"), "interpolated", False)
                    and not build.context.exists() and not (build.dockerfile and build.dockerfile.exists())):
                errors.append(f"{service.name} builds from a missing {build.context}")
        return errors

    def _extends_something(self, service: Service) -> bool:
        root = self._root_of(Path(service.key_path))
        node = root.get("services", service.name) if root is not None else None
        return _is_map(node) and node.get("extends") is not None

    def _looks_like_a_piece(self, alone: Stack, path: Path) -> bool:
        """A file that loads neither alone nor on a base file: a piece of a `-f a -f b` chain we cannot
        rebuild when a service lacks image and build, or a service it needs is defined by another compose
        file of its folder or a parent folder (where the files it is combined with live), or is needed
        by another file of its folder that does not define it either (layers of a base file that is not
        there); otherwise it is meant to stand alone and its errors are real."""
        errors = self.load_errors(alone, path)
        if any(e.endswith("has neither image nor build") for e in errors):
            return True
        for service in alone.services.values():
            for dep in service.depends_on.values():
                if dep.name in alone.services:
                    continue
                for other in self._files_mentioning(dep.name):
                    if other == path or not (other.parent == path.parent or other.parent in path.parents):
                        continue
                    if dep.name in self._service_names(other):
                        return True
                    if other.parent == path.parent and dep.name in dependency_names(self._root_of(other)):
                        return True  # sibling layers need it too: a base file this checkout lacks
        return False

    def _service_names(self, path: Path) -> set[str]:
        services = self._root_of(path)
        services = services.get("services") if services is not None else None
        return set(services.value) if _is_map(services) else set()

    def linked_files(self, path, kind: str) -> list[tuple[Path, str]]:
        """(file, kind) of the other files whose findings may point at this one: the compose files of the
        stacks that build a Dockerfile; the other files of a compose file's stacks and the Dockerfiles
        they build."""
        from lint.core.rules import COMPOSE, DOCKERFILE

        path = _abs(path)
        linked: dict[Path, str] = {}
        try:
            if kind == DOCKERFILE:
                for service in self.services_building(path):
                    linked.update((source, COMPOSE) for source in service.stack.sources)
            else:
                for stack in self.stacks_for(path):
                    linked.update((source, COMPOSE) for source in stack.sources)
                    for service in stack.services.values():
                        build = service.build
                        if build is not None and build.dockerfile is not None:
                            linked[build.dockerfile] = DOCKERFILE
        except Exception:  # never raise: the file's own lint reports what is broken
            return []
        linked.pop(path, None)
        return sorted(linked.items())

    def services_building(self, dockerfile_path, stage=None) -> list[Service]:
        """Services (across stacks) whose build resolves to this Dockerfile, and to `stage` when given."""
        path = _abs(dockerfile_path)
        key = (path, id(stage))
        if key not in self._building:
            self._building[key] = self._services_building(path, stage)
        return self._building[key]

    def _services_building(self, path: Path, stage) -> list[Service]:
        real = os.path.realpath(path)
        found = []
        for stack in self._stacks_that_may_build(path):
            for service in stack.services.values():
                build = service.build
                if build is None or build.dockerfile is None:
                    continue
                if build.dockerfile != path and os.path.realpath(build.dockerfile) != real:
                    continue
                if stage is not None and service.target_stage is not stage:
                    continue
                found.append(service)
        return found

    def _words(self, path: Path) -> frozenset[str]:
        """The path components and names a compose file's raw text mentions, read once per file."""
        if path not in self._word_cache:
            self._word_cache[path] = frozenset(re.split(r"[\s\"'/\\:=,\[\]{}]+", _read_text(path)))
        return self._word_cache[path]

    def _stacks_that_may_build(self, dockerfile: Path) -> list[Stack]:
        """Stacks whose compose files could build this Dockerfile (lint.project.lookup): linting one
        Dockerfile in a repository with many compose files parses only those."""
        if self._index is None:
            self._index = BuildLookup(self._by_directory(), self._words)
        stacks: list[Stack] = []
        for directory in self._index.directories(dockerfile):
            stacks.extend(s for s in self._stacks_in(directory) if s not in stacks)
        return stacks

    # -- assembling one stack
    def _root_of(self, path: Path):
        doc = self._load(path, "compose")
        root = getattr(doc, "root", None)
        return root if _is_map(root) else None

    def _stack(self, files: list[Path], workdir: Path | None = None, chain: tuple = ()) -> Stack:
        files = [_abs(f) for f in files]
        stack = Stack(self, files)
        workdir = workdir or files[0].parent
        merged = None
        for path in files:
            stack.workdirs.setdefault(path, workdir)
            stack.sources.add(path)
            model = self._file_model(path, stack, chain + (path,))
            if model is not None:
                merged = model if merged is None else merge(merged, model)
        stack.root = merged
        services = merged.get("services") if merged is not None else None
        if _is_map(services):
            for name, node in services.value.items():
                if _is_map(node):
                    stack.services[name] = Service(name, enforce_unicity(node), stack)
        return stack

    def _file_model(self, path: Path, stack: Stack, chain: tuple):
        """One file's top level with its services normalised, `extends` resolved and `include`s merged under it."""
        root = self._root_of(path)
        if root is None:
            return None
        value = dict(root.value)
        services = root.get("services")
        if _is_map(services):
            resolved = {}
            for name, node in services.value.items():
                # a `!reset` service deletes what an earlier file defined: merge() sees its tag
                resolved[name] = node if node.tag else self._extends(path, name, stack, ())
            value["services"] = _derive(services, {k: v for k, v in resolved.items() if v is not None}, "map")
        value.pop("include", None)
        model = _derive(root, value, "map")
        for included in self._includes(path, root.get("include"), stack, chain):
            # compose v5 merges an included resource under the including file's (compose <= 2.40 rejects
            # a clash unless identical): the file's own definition wins either way
            model = merge(included, model)
        return model

    def _includes(self, path: Path, node, stack: Stack, chain: tuple) -> Iterable:
        if not _is_seq(node):
            return []
        out = []
        here = path.parent
        for entry in node.value:
            paths_node = entry.get("path") if _is_map(entry) else entry
            if _is_seq(paths_node):
                items = list(paths_node.value)
            elif paths_node is not None:
                items = [paths_node]
            else:
                continue
            paths = [p for p in (_text(i) for i in items) if p]
            if not paths or any("://" in p or p.startswith("oci:") for p in paths):
                continue  # nothing to read, or a remote (git, OCI) include we do not fetch
            files = [_abs(here / p) for p in paths]
            project_dir_node = entry.get("project_directory") if _is_map(entry) else None
            project_dir = _text(project_dir_node)
            workdir = _abs(here / project_dir) if project_dir else files[0].parent
            if any(f in chain for f in files):
                self._problem(path, f"include cycle: {files[0]} includes itself", entry.span)
                continue
            missing = [f for f in files if not f.is_file() and self._root_of(f) is None]
            if missing:
                self._problem(path, f"included file not found: {missing[0]}", paths_node.span)
                continue
            sub = self._stack(files, workdir, chain)
            for f in sub.sources:
                stack.sources.add(f)
                stack.workdirs.setdefault(f, sub.workdirs.get(f, workdir))
            if sub.root is not None:
                out.append(sub.root)
        return out

    def _extends(self, path: Path, name: str, stack: Stack, chain: tuple):
        """The service `name` of file `path` with its `extends` applied (local values win)."""
        key = (path, name)
        root = self._root_of(path)
        services = root.get("services") if root is not None else None
        node = services.get(name) if _is_map(services) else None
        if not _is_map(node):
            return node
        stack.sources.add(path)
        stack.workdirs.setdefault(path, path.parent)
        ext = node.get("extends")
        if ext is None:
            return normalise_service(node)
        if key in self._extended:
            result = self._extended[key]
            self._note_sources(key, stack)
            return result
        if key in chain:
            self._problem(path, f"extends cycle: {' -> '.join(n for _, n in chain + (key,))}", ext.span)
            return _without_extends(normalise_service(node))
        if _is_map(ext):
            base_name = _text(ext.get("service"))
            file_text = _text(ext.get("file"))
        else:
            base_name, file_text = _text(ext), None
        base_path = _abs(path.parent / file_text) if file_text else path
        base = None
        if base_name:
            base_root = self._root_of(base_path)
            base_services = base_root.get("services") if base_root is not None else None
            if _is_map(base_services) and base_services.get(base_name) is not None:
                base = self._extends(base_path, base_name, stack, chain + (key,))
        if base is None:
            where = f" in {base_path.name}" if file_text else ""
            self._problem(path, f"extends: service {base_name!r} not found{where}", ext.span)
            return _without_extends(normalise_service(node))
        # the extended file's relative paths (build context ...) stay relative to that file
        stack.workdirs.setdefault(base_path, base_path.parent)
        result = merge(base, _without_extends(normalise_service(node)), ("services", name), keep="over")
        self._extended[key] = result
        self._sources_of_extends[key] = {path, base_path} | self._sources_of_extends.get((base_path, base_name), set())
        return result

    def _note_sources(self, key, stack: Stack) -> None:
        for f in self._sources_of_extends.get(key, ()):
            stack.sources.add(f)
            stack.workdirs.setdefault(f, f.parent)

    # -- build
    def _build_of(self, service: Service) -> Build | None:
        node = service.get("build")
        if node is None:
            return None
        if node.kind == "scalar":
            node = _build_map(node)
        if not _is_map(node):
            return None
        target = _text(node.get("target")) or None
        inline = node.get("dockerfile_inline")
        context_node = node.get("context")
        anchor = context_node if context_node is not None else node
        base_dir = service.stack.workdirs.get(_abs(anchor.path), _abs(anchor.path).parent)
        context_text = self._with_env(context_node, base_dir) or "."
        if _is_remote(context_text):
            return Build(None, None, target, node, remote=True)
        context = _abs(base_dir / os.path.expanduser(context_text))
        if inline is not None and node.get("dockerfile") is None:
            return Build(context, None, target, node, inline=inline)
        dockerfile_text = self._with_env(node.get("dockerfile"), base_dir) or "Dockerfile"
        dockerfile = _abs(context / dockerfile_text)
        if node.get("dockerfile") is None and not dockerfile.exists() and (context / "dockerfile").exists():
            dockerfile = context / "dockerfile"  # the builder falls back to the lower-case name
        return Build(context, dockerfile, target, node)

    def _with_env(self, node, project_dir: Path) -> str | None:
        """A path setting as compose reads it: interpolated with the project directory's .env, where
        repositories keep the variable part of a build path (`context: ./web/${OS_TAG}`)."""
        raw = node.value if node is not None and node.kind == "scalar" else None
        if not isinstance(raw, str) or "$" not in raw:
            return _text(node)
        from lint.compose import InterpolationError, interpolate

        try:
            return interpolate(raw, self._settings(project_dir))[0]
        except InterpolationError:
            return _text(node)

    def _inline_dockerfile(self, node):
        """A `dockerfile_inline` block parsed in place: the compose text outside it blanked, so spans point
        into the compose file. Only where the YAML text is the Dockerfile verbatim (a literal block, or a
        one-line scalar without escapes); otherwise None."""
        if id(node) in self._inline:
            return self._inline[id(node)]
        result = None
        try:
            result = self._parse_inline(node)
        except Exception:
            result = None
        self._inline[id(node)] = result
        return result

    def _parse_inline(self, node):
        value = node.value
        if not isinstance(value, str) or getattr(node, "interpolated", False):
            return None
        doc = self._load(Path(node.path), "compose")
        source = getattr(doc, "source", None)
        if source is None:
            return None
        text = source.text
        start, end = node.span.start, node.span.end
        style = getattr(node, "style", None)
        if style == "|":
            start = text.find("\n", start) + 1  # the body starts after the `|` header line
            if start <= 0:
                return None
            lines = text[start:end].split("\n")
            indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
            body = "\n".join(l[indent:] for l in lines).rstrip("\n")
            if body.rstrip("\n") != value.rstrip("\n"):
                return None
        elif style in (None, "'", '"'):
            inner = text[start:end]
            if style:
                inner = inner[1:-1]
                start += 1
            if inner != value or "\n" in inner:
                return None
            end = start + len(inner)
        else:
            return None
        masked = "".join(c if c in "\r\n" else " " for c in text[:start]) + text[start:end]
        masked += "".join(c if c in "\r\n" else " " for c in text[end:])
        from lint.dockerfile import parse_dockerfile
        from lint.core.source import Source

        return parse_dockerfile(Source(source.path, masked))
