"""The rule engine: load each file once, run the selected rules, apply suppressions and config.

lint_document(doc) -> findings; fix_document(doc) -> new text. Rules are imported only when selected
and only for the kinds of file present.
"""
from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from lint.engine import suppress
from lint.engine.config import Config
from lint.engine.fingerprint import assign as assign_fingerprints
from lint.core.edits import comment_removal, line_removal, list_entry_removal
from lint.core.model import Applicability, Edit, Finding, Fix, Severity, Span
from lint.core.rules import CODED_RULE, RULE_CODE
from lint.engine.registry import COMPOSE, DOCKERFILE, Rule, RuleInfo, manifest
from lint.knowledge.context import Context
from lint.core.source import DecodeError, Source, decode, is_binary

SYNTAX_RULE = {DOCKERFILE: "DF000", COMPOSE: "DC000"}
UNUSED_SUPPRESSION = "HC001"
INTERNAL_ERROR = "HC900"
INLINE_IGNORE = "HC002"  # reported by the engine, which parses the ignore comments


class InputError(Exception):
    """A path that cannot be read: one clear line, exit code 2."""


@dataclass
class Document:
    """One file, read and parsed once."""

    path: Path  # absolute
    kind: str
    data: bytes
    source: Source
    decode_error: DecodeError | None = None

    @cached_property
    def model(self):
        if self.kind == DOCKERFILE:
            from lint.dockerfile import parse_dockerfile

            return parse_dockerfile(self.source)
        from lint.compose import parse_compose

        return parse_compose(self.source)


def read_document(path: Path, kind: str, data: bytes | None = None) -> Document:
    """Read (unless given) and decode a file. Raises InputError when it cannot be read."""
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    error = None
    try:
        text = decode(data)
    except DecodeError as exc:
        error = exc
        # one U+FFFD per bad byte keeps every later offset true to the text we show
        text = data.decode("utf-8", errors="replace")
    return Document(path, kind, data, Source(str(path), text), error)


class Workspace:
    """All documents of one run, each read and parsed once; the projects they belong to."""

    def __init__(self, buffers: dict[Path, bytes] | None = None) -> None:
        self.buffers = buffers or {}  # unsaved text (stdin, editor) that replaces a file's content
        self.documents: dict[Path, Document | None] = {}
        self.projects: dict[Path, object] = {}

    def document(self, path: Path, kind: str | None = None) -> Document | None:
        path = path.resolve() if not path.is_absolute() else path
        if path in self.documents and (self.documents[path] is not None or kind is None):
            return self.documents[path]
        from lint.project.discover import kind_from_name

        kind = kind or kind_from_name(path.name)
        doc = None
        if kind:
            try:
                data = self.buffers.get(path)
                if data is None:
                    data = path.read_bytes()
                if not is_binary(data):
                    doc = read_document(path, kind, data)
            except (OSError, InputError):
                doc = None
        self.documents[path] = doc
        return doc

    def add(self, doc: Document) -> None:
        self.documents[doc.path] = doc

    def model(self, path: Path, kind: str | None = None):
        """What the project loader gets: the parsed model of a file (read as `kind` when given, else as
        its name says), or None."""
        doc = self.document(Path(path), kind)
        if doc is None:
            return None
        try:
            return doc.model
        except Exception:  # a parser bug must not take the run down; the file's own lint reports it
            return None

    def project(self, root: Path):
        if root not in self.projects:
            from lint.project import Project

            self.projects[root] = Project(root, self.model)
        return self.projects[root]


def project_root(path: Path) -> Path:
    """The repository root above a path (a directory holding .git), else the path's own directory."""
    start = path if path.is_dir() else path.parent
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


def selected_rules(config: Config, kind: str, path: Path | None) -> list[RuleInfo]:
    return [info for info in manifest() if info.kind == kind and config.enabled(info, path)]


_loaded: dict[str, Rule] = {}


def load(info: RuleInfo) -> Rule:
    if info.module not in _loaded:
        module = importlib.import_module(info.module)
        _loaded[info.module] = module.check.rule
    return _loaded[info.module]


def rule_info(rule_id: str) -> RuleInfo | None:
    from lint.engine.registry import PLUGIN_RULES

    return _by_id(len(PLUGIN_RULES)).get(rule_id)


@lru_cache(maxsize=4)
def _by_id(plugins: int) -> dict[str, RuleInfo]:
    """By id; `plugins` (how many plugin rules are loaded) renews it when a config enables a plugin."""
    return {info.id: info for info in manifest()}


def next_unit_finder(doc: Document):
    """For suppressions: the lines of what follows a comment line (an instruction, or a YAML line)."""
    source = doc.source
    if doc.kind == DOCKERFILE:
        try:
            instructions = list(doc.model.instructions)
        except Exception:
            instructions = []
        starts = sorted((i.line, i.end_line) for i in instructions)

        def next_instruction(line: int):
            for first, last in starts:
                if first > line:
                    return first, last
            return None

        return next_instruction

    def next_line(line: int):
        for number in range(line + 1, source.line_count() + 1):
            text = source.line_text(number).strip()
            if text and not text.startswith("#"):
                return number, number
        return None

    return next_line


def stage_unit_finder(doc: Document):
    """For `# hadolint stage ignore=`: the lines it covers. Before a FROM (blank and comment lines between):
    that stage; inside a stage: from the comment to the stage's end."""
    try:
        stages = list(doc.model.stages)
    except Exception:
        stages = []
    source = doc.source

    def stage_end(index: int) -> int:
        return stages[index + 1].from_.line - 1 if index + 1 < len(stages) else source.line_count()

    def stage_lines(line: int):
        for index, stage in enumerate(stages):
            start = stage.from_.line
            between = range(line + 1, start)
            if start > line and all(not source.line_text(n).strip() or source.line_text(n).lstrip().startswith("#")
                                    for n in between):
                return start, stage_end(index)
            if start < line <= stage_end(index):
                return line, stage_end(index)
        return None

    return stage_lines


def lint_document(doc: Document, config: Config, project=None, cli_target: str | None = None) -> list[Finding]:
    """Every finding for one document after config and inline suppressions; sorted."""
    path_key = str(doc.path)
    findings: list[Finding] = []
    infos = selected_rules(config, doc.kind, doc.path)
    enabled_ids = {i.id for i in infos} | {i.id for i in selected_rules(config, "engine", doc.path)}

    if doc.decode_error is not None and SYNTAX_RULE[doc.kind] in enabled_ids:
        error = doc.decode_error
        offset = doc.source.offset(error.line, error.column)
        # Docker reads a Dockerfile as bytes (a Latin-1 comment builds); compose rejects invalid UTF-8
        severity = Severity.WARNING if doc.kind == DOCKERFILE else Severity.ERROR
        findings.append(Finding(SYNTAX_RULE[doc.kind], severity, error.message, path_key, Span(offset, offset + 1)))

    context = Context(config, project, doc.path, cli_target)
    for info in infos:
        context.options = config.options_of(info)
        try:
            rule = load(info)
            for item in rule.check(doc.model, context):
                if item.code and not config.code_enabled(info, item.code, doc.path):
                    continue
                item.rule_id = info.id
                if item.severity is None:
                    item.severity = info.severity
                item.path = item.path or path_key
                findings.append(item)
        except Exception as exc:  # a rule's bug is a finding naming the rule, never a crash of the run
            if INTERNAL_ERROR in enabled_ids:
                findings.append(Finding(INTERNAL_ERROR, Severity.ERROR, internal_error_message(info, exc),
                                        path_key, Span(0, 0)))

    findings = [f for f in findings if f.path == path_key]
    findings = dedupe(findings)
    findings = apply_suppressions(doc, findings, enabled_ids, config.hadolint_pragmas)
    for item in findings:
        info = rule_info(item.rule_id)
        if info is not None:
            override = config.severity_of(info, item.code)
            if override is not None:
                item.severity = override
            item.rule_name = info.name
        place(item, doc.source)
    findings.sort(key=Finding.sort_key)
    assign_fingerprints(doc, findings)
    return findings


MESSAGE_LIMIT = 120  # one line: what is wrong and why; the rest is in the rule's docs


def internal_error_message(info: RuleInfo, exc: Exception) -> str:
    """Which rule failed, how and where, in one line: the exception's own text is cut to fit."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    head = f"internal error in rule {info.id}: {type(exc).__name__}: "
    tail = f" ({Path(where.filename).name}:{where.lineno}); please report it"
    room = max(MESSAGE_LIMIT - len(head) - len(tail), 10)
    detail = " ".join(str(exc).split())
    if len(detail) > room:
        detail = detail[:room - 1] + "…"
    return head + detail + tail


def names_of(keys: list[str], shown: int = 3) -> str:
    """Rule keys for a one-line message: the first few, then how many more."""
    if len(keys) <= shown:
        return ", ".join(keys)
    return f"{', '.join(keys[:shown])} and {len(keys) - shown} more"


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per problem. Exact repeats go; findings of one rule at one written place that differ
    only in the service they name (a value written once under a YAML anchor or in an `extends` base and
    used by several services) become one finding there, naming the services, with their fixes joined.
    A rule opts in with `finding(..., service=name)`, its message naming the service as `service "name"`,
    or with `extra["template"]`: its message with `{services}` where the subject goes."""
    seen, result = set(), []
    groups: dict[tuple, list[Finding]] = {}
    for item in findings:
        template = item.extra.pop("template", None) or service_template(item.message, item.extra.get("service"))
        if template is not None:
            key = (item.rule_id, item.path, item.span, template)
            if key not in groups:
                groups[key] = []
                result.append(item)
            if item.extra.get("service") not in [g.extra.get("service") for g in groups[key]]:
                groups[key].append(item)
            continue
        key = (item.rule_id, item.path, item.span, item.message)
        if key not in seen:
            seen.add(key)
            result.append(item)
    for key, members in groups.items():
        first = members[0]
        if len(members) > 1:
            first.message = key[3].format(services=services_phrase([m.extra.get("service") for m in members]))
            first.fix = joint_fix([m.fix for m in members])
    for item in result:
        item.extra.pop("service", None)
    return result


def service_template(message: str, service: str | None) -> str | None:
    """The message with `service "name"` (or 'name') as the `{services}` placeholder."""
    if service is None:
        return None
    escaped = message.replace("{", "{{").replace("}", "}}")
    for quote in "\"'":
        phrase = f"service {quote}{service}{quote}".replace("{", "{{").replace("}", "}}")
        if phrase in escaped:
            return escaped.replace(phrase, "{services}", 1)
    return None


def services_phrase(names: list) -> str:
    """`service "a"`, `services "a" and "b"`, `5 services ("a", "b", "c", ...)`."""
    quoted = [f'"{name}"' for name in names]
    if len(quoted) == 1:
        return f"service {quoted[0]}"
    if len(quoted) <= 3:
        return f"services {', '.join(quoted[:-1])} and {quoted[-1]}"
    return f"{len(quoted)} services ({', '.join(quoted[:3])}, ...)"


def joint_fix(fixes: list[Fix | None]) -> Fix | None:
    """The fixes of grouped findings as one, when each has one and no two edits overlap."""
    if not fixes or any(f is None for f in fixes):
        return None
    # a shared node gets the same edit from each service that uses it: once
    edits = sorted({e for f in fixes for e in f.edits}, key=lambda e: (e.path, e.span.start, e.span.end))
    if any(a.path == b.path and a.span.overlaps(b.span) for a, b in zip(edits, edits[1:])):
        return None
    order = [Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY]
    applicability = max((f.applicability for f in fixes), key=order.index)
    title = fixes[0].title if len({f.edits for f in fixes}) == 1 else f"{fixes[0].title} (and {len(fixes) - 1} more)"
    return Fix(title, tuple(edits), applicability)


def place(item: Finding, source: Source) -> None:
    item.line, item.column = source.position(item.span.start)
    item.end_line, item.end_column = source.position(item.span.end)


def apply_suppressions(doc: Document, findings: list[Finding], enabled_ids: set[str],
                       hadolint_pragmas: bool = True) -> list[Finding]:
    try:
        comments = list(doc.model.comments)
    except Exception:
        comments = []
    if not comments:
        return findings
    stage_unit = stage_unit_finder(doc) if doc.kind == DOCKERFILE else None
    suppressions = suppress.parse(comments, doc.source, next_unit_finder(doc), stage_unit)
    if INLINE_IGNORE in enabled_ids:
        findings = findings + inline_ignore_findings(doc, suppressions)
    if not hadolint_pragmas:
        suppressions = [s for s in suppressions if not s.hadolint]
    if not suppressions:
        return findings
    kept = []
    for item in findings:
        info = rule_info(item.rule_id)
        line = doc.source.position(item.span.start)[0]
        hidden = False
        for s in suppressions:
            if not suppress.covers(s, line):
                continue
            for key in s.keys:
                if info is not None and (matches_key(info, key) or item.code and key.upper() == item.code):
                    s.used.add(key)
                    hidden = True
        if not hidden:
            kept.append(item)
    if UNUSED_SUPPRESSION in enabled_ids:
        kept.extend(unused_findings(doc, suppressions, enabled_ids))
    return kept


def inline_ignore_findings(doc: Document, suppressions) -> list[Finding]:
    """HC002: each ignore comment of one instruction or line, ours or hadolint's."""
    result = []
    for s in suppressions:
        if s.inline and (s.ours or s.hadolint):
            names = ", ".join(s.keys)
            result.append(Finding(INLINE_IGNORE, Severity.INFO,
                                  f"inline ignore of {names}: fix the finding, or set the exception once in the "
                                  f"config where it is reviewed", str(doc.path), s.comment_span))
    return result


def matches_key(info: RuleInfo, key: str) -> bool:
    upper = key.upper()
    return upper == info.id or key.lower() == info.name or upper in (a.upper() for a in info.aliases)


def unused_findings(doc: Document, suppressions, enabled_ids: set[str]) -> list[Finding]:
    from lint.engine.registry import find_rule

    result = []
    for s in suppressions:
        if not s.ours:
            continue
        unused = []
        for key, span in zip(s.keys, s.key_spans):
            info = rule_info(CODED_RULE) if RULE_CODE.match(key) else find_rule(key)
            if info is None:
                unused.append((key, span, "unknown rule"))
            elif info.id in enabled_ids and key not in s.used and info.id != UNUSED_SUPPRESSION:
                unused.append((key, span, "nothing to suppress"))
        if not unused:
            continue
        if len(unused) == len(s.keys):
            span = s.comment_span
            names = names_of([k for k, _, _ in unused])
            reason = unused[0][2] if len(unused) == 1 else "nothing to suppress"
            fix = Fix("Remove the unused suppression comment", (removal_edit(doc, s),), Applicability.SAFE)
            result.append(Finding(UNUSED_SUPPRESSION, Severity.WARNING,
                                  f"unused suppression of {names} ({reason}): remove it so it cannot hide a "
                                  f"future problem", str(doc.path), span, fix))
        else:
            for key, span, reason in unused:
                fix = Fix(f"Remove {key} from the suppression", (key_removal_edit(doc, s, span),), Applicability.SAFE)
                result.append(Finding(UNUSED_SUPPRESSION, Severity.WARNING,
                                      f"unused suppression of {key} ({reason}): remove it so it cannot hide a "
                                      f"future problem", str(doc.path), span, fix))
    return result


def removal_edit(doc: Document, s) -> Edit:
    """Remove an unused suppression comment: its whole line when it stands alone, else the comment."""
    if s.own_line:
        return Edit(str(doc.path), line_removal(doc.source, s.line, s.line), "")
    return Edit(str(doc.path), comment_removal(doc.source.text, s.comment_span), "")


def key_removal_edit(doc: Document, s, span: Span) -> Edit:
    """Remove one key from a list such as `ignore=DF101, DF102`, with its comma."""
    return Edit(str(doc.path), list_entry_removal(doc.source.text, span), "")


@dataclass
class FileResult:
    path: Path
    kind: str
    findings: list[Finding] = field(default_factory=list)
    source: Source | None = None
    fixed_text: str | None = None  # new text when fixes changed it
    fixes_applied: int = 0
    notice: str | None = None  # e.g. "binary file skipped"
