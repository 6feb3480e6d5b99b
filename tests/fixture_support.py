"""Lint fixture files the way the CLI does, with the project root set to the fixture's own folder, and
write the reviewed message snapshot of a bad case (see tests/test_fixtures.py for its place and form)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lint.engine.config import Config, from_table, read_toml, validate
from lint.project.discover import kind_from_name
from lint.engine import Workspace, lint_document, read_document
from lint.engine.fix import BREAKING_RULES, apply_edits, encode_like, fix_to_fixpoint, unified_diff
from lint.core.rules import COMPOSE, DOCKERFILE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXPECT = re.compile(r"^\s*#\s*expect:\s*(?P<items>.+?)\s*$")
# a rule id, or a finding's own code (ShellCheck's SC2086 under DF390)
ITEM = re.compile(r"(?P<id>SC\d{4}|[A-Z]{2}\d{3})(?:@(?P<col>\d+))?")


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".expect", ".md", ".txt", ".json", ".toml")):
        return None
    if "compose" in name or name.endswith((".yml", ".yaml")):
        return COMPOSE
    if "dockerfile" in name or "containerfile" in name:
        return DOCKERFILE
    return kind_from_name(path.name)


def expectations(path: Path) -> set[tuple[str, int, int]]:
    """`# expect: ID[@col]` refers to the next line that is neither blank nor another expect comment;
    without @col the column is that line's first non-blank one. A sidecar `<file>.expect` lists
    `line:col ID` where a comment cannot stand."""
    sidecar = path.with_name(path.name + ".expect")
    expected = set()
    if sidecar.exists():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                place, rule_id = line.split()
                number, column = place.split(":")
                expected.add((rule_id, int(number), int(column)))
    text = path.read_bytes().decode("utf-8", errors="replace")
    if text.startswith(("\ufeff",)):
        text = text[1:]
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = EXPECT.match(line)
        if not match:
            continue
        target = index + 1
        while target < len(lines) and (not lines[target].strip() or EXPECT.match(lines[target])):
            target += 1
        if target >= len(lines):
            raise AssertionError(f"{path}:{index + 1}: expect comment with no line after it")
        indent = len(lines[target]) - len(lines[target].lstrip())
        for item in ITEM.finditer(match["items"]):
            column = int(item["col"]) if item["col"] else indent + 1
            expected.add((item["id"], target + 1, column))
    return expected


def case_files(case: Path) -> list[Path]:
    if case.is_dir():
        return sorted(p for p in case.rglob("*") if p.is_file() and kind_of(p) and ".fixed." not in p.name)
    return [case]


def config_for(rule_id: str | None, case: Path | None = None, **overrides) -> Config:
    """Only `rule_id` on; with the case's own config (`<case>.toml` beside it, written as a .hullcheck.toml)."""
    if case is not None and case_config(case) is not None:
        path = case_config(case)
        table = read_toml(path)
        validate(table, path)
        base = from_table(table, path)
        return replace(base, select=(rule_id,), extend_select=(), **overrides)
    if rule_id is None or rule_id == "HC001":
        return Config(**overrides)
    return Config(select=(rule_id,), **overrides)


def case_config(case: Path) -> Path | None:
    """`fixtures/<ID>/<case>.toml` for the case `<case>.<ext>` (or the folder `<case>/`), if there is one."""
    path = case.with_name(case.name.partition(".")[0] + ".toml")
    return path if path.is_file() else None


def lint_files(files: list[Path], root: Path, config: Config, buffers: dict | None = None):
    """Findings per file, with one workspace and one project for the whole case."""
    workspace = Workspace(buffers or {})
    project = workspace.project(root)
    results = {}
    for path in files:
        data = (buffers or {}).get(path.resolve())
        doc = read_document(path.resolve(), kind_of(path), data)
        workspace.add(doc)
        results[path] = (doc, lint_document(doc, config, project))
    return results


def fix_file(path: Path, files: list[Path], root: Path, config: Config, unsafe: bool = True,
             rule_id: str | None = None) -> str:
    """The text of `path` after its fixes (of `rule_id` only, when given) are applied to a fixpoint;
    nothing is written."""
    original = path.read_bytes()
    kind = kind_of(path)

    def relint(text: str):
        data = encode_like(text, original)
        workspace = Workspace({path.resolve(): data})
        project = workspace.project(root)
        doc = read_document(path.resolve(), kind, data)
        workspace.add(doc)
        findings = lint_document(doc, config, project)
        return [f for f in findings if rule_id is None or f.rule_id == rule_id or f.rule_id in BREAKING_RULES]

    doc = read_document(path.resolve(), kind, original)
    if doc.decode_error is not None:
        return doc.source.text  # never fixed: writing would replace the bytes we could not decode
    text = doc.source.text
    new_text, _, _ = fix_to_fixpoint(text, relint, str(path.resolve()), unsafe)
    return new_text


def fixed_name(path: Path) -> Path:
    stem, dot, rest = path.name.partition(".")
    return path.with_name(f"{stem}.fixed{dot}{rest}")


def snapshot_name(case: Path) -> Path:
    """`bad-x.Dockerfile` -> `bad-x.Dockerfile.snap`; a case folder `bad-x/` -> `bad-x.snap` beside it."""
    return case.with_name(case.name + ".snap")


def shown(text: str) -> str:
    """Carriage returns made visible, so a CRLF file's diff is exact and the snapshot stays plain LF text."""
    return text.replace("\r", "\u240d")


def snapshot_text(rule_id: str, case: Path, root: Path, results: dict) -> str:
    """Each finding of `rule_id` in the case: place, severity, message, and the diff its fix makes on its
    own (paths relative to the case's folder, findings in file and position order)."""
    texts = {path.resolve(): doc.source.text for path, (doc, _) in results.items()}

    def relative(name: str) -> str:
        path = Path(name)
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.name

    def text_of(name: str) -> str:
        path = Path(name).resolve()
        if path not in texts:
            texts[path] = read_document(path, kind_of(path), None).source.text
        return texts[path]

    found = sorted((f for _, (_, findings) in results.items() for f in findings if f.rule_id == rule_id),
                   key=lambda f: (relative(f.path), f.line, f.column, f.end_line, f.end_column, f.message))
    where = case.relative_to(FIXTURES).as_posix() + ("/" if case.is_dir() else "")
    out = [f"# {rule_id} on fixtures/{where}: {len(found)} finding(s); UPDATE_FIXTURES=1 rewrites this file"]
    absolute = str(root.resolve())
    for f in found:
        out.append("")
        out.append(f"{relative(f.path)}:{f.line}:{f.column}: {str(f.severity)} {f.shown_id}")
        out.append("  " + shown(f.message).replace("\n", "\n  "))
        if f.fix is None:
            continue
        kind = {"safe": "safe fix", "unsafe": "unsafe fix", "display": "display-only fix (never applied)"}
        out.append(f"  {kind[f.fix.applicability.value]}: {shown(f.fix.title)}")
        by_file: dict[str, list] = {}
        for edit in f.fix.edits:
            by_file.setdefault(edit.path, []).append(edit)
        for name in sorted(by_file, key=relative):
            old = text_of(name)
            diff = unified_diff(relative(name), old, apply_edits(old, by_file[name]))
            # split on LF only, so a CRLF line keeps its CR (shown); a blank context line is left empty
            out.extend(("    " + shown(line)) if line != " " else "" for line in diff[:-1].split("\n"))
    body = "\n".join(out).replace(absolute, "<case>") + "\n"
    if "\u240d" in body:
        body = body.replace("\n", "\n# (\u240d marks a carriage return)\n", 1)
    return body
