"""One run over paths: discover, read each file once, lint (with the results cache), fix, collect results."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lint.engine import cache
from lint.engine.config import ConfigResolver
from lint.project.discover import SKIP_DIRS, kind_from_content, kind_from_name, walk
from lint.engine import Document, FileResult, InputError, Workspace, lint_document, read_document
from lint.engine.fix import encode_like, fix_to_fixpoint, unified_diff, write_atomic
from lint.core.model import Applicability, Edit, Finding, Fix, Related, Severity, Span
from lint.core.source import is_binary
from lint.core.rules import DOCKERFILE


@dataclass
class RunOptions:
    paths: list[Path]
    stdin_filename: Path | None = None
    stdin_data: bytes | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    config_path: Path | None = None
    overrides: dict = field(default_factory=dict)
    target: str | None = None
    use_cache: bool = True


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # I/O problems: exit code 2
    notices: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    stdout_text: str | None = None  # --fix on stdin prints the fixed text

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]


def collect(paths: list[Path], resolver: ConfigResolver, result: RunResult) -> list[tuple[Path, str | None]]:
    """Files to lint with their kind (None: decide from content). Missing paths are errors."""
    chosen: dict[Path, str | None] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            result.errors.append(f"{raw}: no such file or directory")
            continue
        if path.is_dir():
            config = resolver.for_path(path)
            absolute = path.resolve()
            for found in walk(absolute, lambda p, c=config: c.excluded(p)):
                chosen.setdefault(found, kind_from_name(found.name))
        else:
            absolute = path.resolve()
            if resolver.for_path(absolute).excluded(absolute):
                continue
            chosen.setdefault(absolute, kind_from_name(path.name))
    return list(chosen.items())


def finding_to_json(item: Finding) -> dict:
    data = {
        "rule": item.rule_id, "name": item.rule_name, "severity": str(item.severity), "message": item.message,
        "path": item.path, "span": [item.span.start, item.span.end],
        "line": item.line, "column": item.column, "end_line": item.end_line, "end_column": item.end_column,
        "related": [{"path": r.path, "span": [r.span.start, r.span.end], "message": r.message} for r in item.related],
        "fingerprint": item.fingerprint, "fix": None,
    }
    if item.code:
        data["code"] = item.code
    if item.fix is not None:
        data["fix"] = {
            "title": item.fix.title, "applicability": str(item.fix.applicability),
            "edits": [{"path": e.path, "span": [e.span.start, e.span.end], "text": e.text} for e in item.fix.edits],
        }
    return data


def finding_from_json(data: dict) -> Finding:
    fix = None
    if data["fix"]:
        fix = Fix(data["fix"]["title"],
                  tuple(Edit(e["path"], Span(*e["span"]), e["text"]) for e in data["fix"]["edits"]),
                  Applicability(data["fix"]["applicability"]))
    return Finding(
        data["rule"], Severity.parse(data["severity"]), data["message"], data["path"], Span(*data["span"]), fix,
        tuple(Related(r["path"], Span(*r["span"]), r["message"]) for r in data["related"]),
        rule_name=data["name"], line=data["line"], column=data["column"],
        end_line=data["end_line"], end_column=data["end_column"], fingerprint=data.get("fingerprint", ""),
        code=data.get("code", ""),
    )


class Runner:
    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.resolver = ConfigResolver(options.config_path, options.overrides)
        buffers = {}
        if options.stdin_filename is not None and options.stdin_data is not None:
            buffers[options.stdin_filename.resolve()] = options.stdin_data
        self.workspace = RecordingWorkspace(buffers)
        self.fingerprints: dict[Path, str] = {}
        self.roots: dict[Path, Path | None] = {}
        self.config_keys: dict[int, tuple] = {}
        self.cached: dict[str, list[Finding] | None] = {}  # results cache entries read in this run, by key
        self.given_directories = [Path(p).resolve() for p in options.paths if Path(p).is_dir()]

    def root_of(self, path: Path) -> Path:
        """The project a file belongs to: the nearest directory holding .git; outside a repository the
        outermost directory named on the command line that holds the file (`hullcheck .` in a folder that
        is no checkout judges that folder as one project, so an overlay in a subfolder meets its base);
        else the file's own directory. Each directory is looked at once per run."""
        directory = path if path.is_dir() else path.parent
        repository = self.repository_of(directory)
        if repository is not None:
            return repository
        given = [d for d in self.given_directories if d == directory or d in directory.parents]
        return min(given, key=lambda d: len(d.parts)) if given else directory

    def repository_of(self, directory: Path) -> Path | None:
        if directory not in self.roots:
            parent = directory.parent
            if (directory / ".git").exists():
                self.roots[directory] = directory
            else:
                self.roots[directory] = None if parent == directory else self.repository_of(parent)
        return self.roots[directory]

    def config_key(self, config) -> str:
        if id(config) not in self.config_keys:
            self.config_keys[id(config)] = (config, config.fingerprint())  # the config kept: its id stays its own
        return self.config_keys[id(config)][1]

    def project_fingerprint(self, root: Path) -> str:
        """Cross-file findings depend on the other files of the project: their names, sizes and times."""
        if root not in self.fingerprints:
            self.fingerprints.update(tree_fingerprints(root, self.fingerprints))
            # unsaved text (stdin) stands for its file: by content, hashed the same in every run
            buffers = [f"{p}:{cache.key_of(d)}" for p, d in sorted(self.workspace.buffers.items())]
            if buffers:
                self.fingerprints[root] = cache.key_of(self.fingerprints[root], *buffers)
        return self.fingerprints[root]

    def run(self) -> RunResult:
        result = RunResult()
        options = self.options
        targets: list[tuple[Path, str | None]] = []
        if options.stdin_data is not None:
            name = options.stdin_filename or Path("-")
            # the name decides the kind as for a file on disk (content that does not decode as UTF-8, a UTF-16
            # Dockerfile, says nothing); content only when the name says nothing
            kind = kind_from_name(name.name) if options.stdin_filename else None
            targets.append((name.resolve() if options.stdin_filename else name, kind))
        targets.extend(collect(options.paths, self.resolver, result))
        roots = {self.root_of(p) for p, _ in targets}
        root = next(iter(roots)) if len(roots) == 1 else None
        # a stdin name in a folder that is not there must not create it
        cache.configure(root if root is not None and root.is_dir() else Path.cwd(), options.use_cache)
        self.check_shell_scripts(targets)
        for path, kind in targets:
            file_result = self.lint_file(path, kind, result)
            if file_result is not None:
                result.files.append(file_result)
        self.add_related_findings(result)
        return result

    def check_shell_scripts(self, targets: list[tuple[Path, str | None]]) -> None:
        """With ShellCheck on, the scripts of every Dockerfile to lint (those whose findings are not cached)
        are checked before the first file is linted: a few ShellCheck processes for the whole run, not one
        per file. No binary is one clear error (exit code 2); a run served from the cache needs none."""
        from lint.core.rules import CODED_RULE
        from lint.engine.config import ConfigError
        from lint.engine.run import rule_info

        info = rule_info(CODED_RULE)
        jobs = []
        for path, kind in targets:
            config = self.resolver.for_path(path if path != Path("-") else Path.cwd())
            if info is None or kind not in (None, DOCKERFILE) or not config.enabled(info, path):
                continue
            try:
                doc = self.load(path, kind, RunResult())  # read once: lint_file takes it from the workspace
            except InputError:
                continue
            if doc is None or doc.kind != DOCKERFILE or self.cached_findings(doc, path, config) is not None:
                continue
            from lint.knowledge.context import Context
            from lint.knowledge.shellcheck import shellcheck_targets

            root = self.root_of(path if path != Path("-") else Path.cwd())
            context = Context(config, self.workspace.project(root), doc.path, self.options.target)
            try:
                jobs += [target.job for target in shellcheck_targets(doc.model, context)]
            except Exception:  # the rule reports its own failure on this file
                continue
        if not jobs:
            return
        from lint.shell.shellcheck import ShellCheckFailed, ShellCheckMissing, check

        try:
            check(jobs)
        except (ShellCheckMissing, ShellCheckFailed) as exc:
            raise ConfigError(str(exc)) from None

    def add_related_findings(self, result: RunResult) -> None:
        """A finding counts when its own file or one of its related locations was given: pre-commit passes
        only the changed files, and a Dockerfile change that breaks the compose service building it must
        fail the commit. The files linked to a given one (the compose files building a Dockerfile, the
        Dockerfiles and other compose files of a compose file's project) are linted too, and only their
        findings that point at a given file are kept."""
        given = {file_result.path for file_result in result.files}
        done = set(given)
        for file_result in list(result.files):
            if self.covered(file_result.path):
                continue  # its whole project was walked: every linked file was given too
            for other, kind in self.linked_files(file_result.path, file_result.kind):
                if other in done:
                    continue
                done.add(other)
                if not other.is_file() or self.resolver.for_path(other).excluded(other):
                    continue
                linked = self.lint_file(other, kind, result, fix=False)
                if linked is None:
                    continue
                linked.findings = [f for f in linked.findings
                                   if any(Path(os.path.abspath(r.path)) in given for r in f.related)]
                if linked.findings:
                    result.files.append(linked)

    def covered(self, path: Path) -> bool:
        """The file's project lies inside a directory named on the command line."""
        if path == Path("-"):
            return False
        root = self.root_of(path)
        return any(d == root or d in root.parents for d in self.given_directories)

    def linked_files(self, path: Path, kind: str) -> list[tuple[Path, str]]:
        if path == Path("-"):
            return []
        return self.workspace.project(self.root_of(path)).linked_files(path, kind)

    def is_stdin(self, path: Path) -> bool:
        stdin_name = self.options.stdin_filename
        return self.options.stdin_data is not None and (
            path == Path("-") or (stdin_name is not None and path == stdin_name.resolve()))

    def load(self, path: Path, kind: str | None, result: RunResult) -> Document | None:
        is_stdin = self.is_stdin(path)
        known = self.workspace.documents.get(path)
        if known is not None and not is_stdin and kind in (None, known.kind):
            return known  # already read (and maybe parsed) as part of another file's project
        if is_stdin:
            data = self.options.stdin_data
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                result.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
                return None
        if is_binary(data):
            result.notices.append(f"{display(path)}: binary file skipped")
            return None
        if kind is None:
            kind = kind_from_content(data.decode("utf-8", errors="replace"), path.name)
            if kind is None:
                result.notices.append(f"{display(path)}: neither a Dockerfile nor a compose file; skipped")
                return None
        doc = read_document(path, kind, data)
        self.workspace.add(doc)
        return doc

    def lint_file(self, path: Path, kind: str | None, result: RunResult, fix: bool = True) -> FileResult | None:
        try:
            doc = self.load(path, kind, result)
        except InputError as exc:
            result.errors.append(str(exc))
            return None
        if doc is None:
            return None
        config = self.resolver.for_path(path if path != Path("-") else Path.cwd())
        root = self.root_of(path if path != Path("-") else Path.cwd())
        project = self.workspace.project(root)
        key = self.cache_key(doc, path, config)
        if key is not None:
            findings = self.cached_findings(doc, path, config)
            if findings is not None:
                return FileResult(path, doc.kind, findings, doc.source)
        findings = lint_document(doc, config, project, self.options.target)
        if key is not None:
            inputs = [[str(p), *stamp(p)] for p in self.workspace.outside_tree(root)]
            cache.write("findings", key, {"inputs": inputs, "findings": [finding_to_json(f) for f in findings]})
        file_result = FileResult(path, doc.kind, findings, doc.source)
        if fix and (self.options.fix or self.options.diff):
            self.fix_file(doc, file_result, config, root, result)
        return file_result

    def cache_key(self, doc: Document, path: Path, config) -> str | None:
        if not self.options.use_cache or self.options.fix or self.options.diff:  # both need the fix step
            return None
        root = self.root_of(path if path != Path("-") else Path.cwd())
        return cache.key_of(doc.data, doc.kind, str(path), self.config_key(config), self.options.target or "",
                            self.project_fingerprint(root))

    def cached_findings(self, doc: Document, path: Path, config) -> list[Finding] | None:
        """The file's findings from the results cache, when they are there and still true."""
        key = self.cache_key(doc, path, config)
        if key is None:
            return None
        if key not in self.cached:
            found = cache.read("findings", key)
            self.cached[key] = None
            if isinstance(found, dict) and unchanged(found.get("inputs", ())):
                self.cached[key] = [finding_from_json(item) for item in found.get("findings", ())]
        return self.cached[key]

    def fix_file(self, doc: Document, file_result: FileResult, config, root: Path, result: RunResult) -> None:
        path_key = str(doc.path)
        if doc.decode_error is not None:
            return  # writing would replace the bytes we could not decode

        def relint(text: str) -> list[Finding]:
            if text == doc.source.text:
                return file_result.findings
            data = encode_like(text, doc.data)
            workspace = Workspace({**self.workspace.buffers, doc.path: data})
            fresh = read_document(doc.path, doc.kind, data)
            workspace.add(fresh)
            return lint_document(fresh, config, workspace.project(root), self.options.target)

        new_text, applied, findings = fix_to_fixpoint(doc.source.text, relint, path_key, self.options.unsafe_fixes)
        if new_text == doc.source.text:
            return
        if self.options.diff:  # shown, not applied: a report must not count them as fixed
            result.diffs.append(unified_diff(display(doc.path), doc.source.text, new_text))
            return
        file_result.fixes_applied = applied
        file_result.findings = findings
        file_result.fixed_text = new_text
        from lint.core.source import Source

        file_result.source = Source(path_key, new_text)
        data = encode_like(new_text, doc.data)
        if self.is_stdin(doc.path):
            result.stdout_text = new_text
        else:
            try:
                write_atomic(doc.path, data)
            except OSError as exc:
                result.errors.append(f"{display(doc.path)}: cannot write the fixed file: {exc.strerror or exc}")


class RecordingWorkspace(Workspace):
    """A workspace that notes which files each project reads: the project fingerprint covers the usual
    names below the root; a cache entry also records the others (a Dockerfile named `build/app.df`, an
    `include` from outside the repository) with their size and time, and is used only while they stay."""

    def __init__(self, buffers: dict[Path, bytes] | None = None) -> None:
        super().__init__(buffers)
        self.outside: dict[Path, dict[Path, None]] = {}  # per root, in the order read

    def project(self, root: Path):
        if root not in self.projects:
            from lint.project import Project

            outside = self.outside.setdefault(root, {})

            def loader(path: Path, kind: str | None = None):
                if path not in outside and not in_tree(path, root):
                    outside[path] = None
                return self.model(path, kind)

            self.projects[root] = Project(root, loader)
        return self.projects[root]

    def outside_tree(self, root: Path) -> list[Path]:
        return list(self.outside.get(root, ()))


def in_tree(path: Path, root: Path) -> bool:
    """Whether the project fingerprint of root covers a file: below it, by a name it stamps."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return False
    return project_input(parts[-1]) and not FINGERPRINT_SKIP.intersection(parts[:-1])


def stamp(path: Path | str) -> tuple[int, int]:
    """Size and time of a file; (-1, -1) when it is not there (a file that appears changes findings too)."""
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def unchanged(inputs) -> bool:
    return all(tuple(stamp(path)) == (size, time) for path, size, time in inputs)


# directories a project never reads from: the ones discovery and the project model skip
FINGERPRINT_SKIP = SKIP_DIRS


def project_input(name: str) -> bool:
    """A file whose change may change another file's findings: a Dockerfile or compose file by name, a
    YAML file (an `include` or `extends: file:` target), an env file (COMPOSE_FILE, COMPOSE_PROFILES)."""
    lower = name.lower()
    return (kind_from_name(name) is not None or lower.endswith((".yml", ".yaml", ".env"))
            or lower.startswith(".env"))


def tree_fingerprints(root: Path, known: dict[Path, str]) -> dict[Path, str]:
    """A fingerprint of every directory below root (root included), from one walk and no subprocess:
    each folds in its own project inputs' names, sizes and times and its subdirectories' fingerprints.
    Directories already in `known` (walked for an earlier root) are not walked again. Files that git
    ignores count too: that costs a cache miss when one changes, never a stale result."""
    own: dict[Path, list[str]] = {}
    children: dict[Path, list[str]] = {}
    for current, dirs, files in os.walk(root):
        directory = Path(current)
        dirs[:] = sorted(d for d in dirs if d not in FINGERPRINT_SKIP)
        stamps = []
        for name in sorted(files):
            if project_input(name):
                try:
                    st = os.stat(os.path.join(current, name))
                except OSError:
                    continue
                stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        own[directory] = stamps
        children[directory] = [d for d in dirs]
        dirs[:] = [d for d in dirs if directory / d not in known]
    result: dict[Path, str] = {}
    for directory in sorted(own, key=lambda d: len(d.parts), reverse=True):
        parts = list(own[directory])
        for name in children[directory]:
            child = result.get(directory / name) or known.get(directory / name)
            if child:
                parts.append(f"{name}/{child}")
        # a folder without inputs counts as nothing: a cache folder written inside the project changes no key
        result[directory] = cache.key_of(*parts) if parts else ""
    result.setdefault(root, "")  # a root that is not there (stdin named into a new folder) has no inputs
    return result


def display(path: Path | str) -> str:
    """A path as the user wants to read it: relative to the working directory when below it."""
    text = os.fspath(path)
    if os.path.isabs(text):
        cwd = os.getcwd().rstrip(os.sep) + os.sep
        if text.startswith(cwd) and len(text) > len(cwd):
            return text[len(cwd):]
        return text
    return str(Path(text))
