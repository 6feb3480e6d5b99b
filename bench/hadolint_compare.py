"""hullcheck against hadolint on a folder of real Dockerfiles: per hadolint code, how many findings hadolint
gives, how many the hullcheck rules aliasing it give, and how many of hadolint's are matched (a finding of
such a rule, or one carrying the SC code, within the instruction that starts on hadolint's line).

    python bench/hadolint_compare.py DIR [--hadolint-cache FILE.jsonl] [--shellcheck] [--unmatched OUT.jsonl]

Every rule is selected (`--select ALL`). The unmatched hadolint findings can be written out for reading.
"""
from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
from pathlib import Path


def dockerfiles(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "dockerfile" in p.name.lower()
                  and not p.name.endswith((".snap", ".md", ".json")))


def hadolint_findings(root: Path, files: list[Path], cache: Path | None) -> dict[Path, list[dict]]:
    """hadolint's findings per file; a cache holds one json line per file, {"file": path relative to root,
    "findings": hadolint's json}."""
    if cache is not None and cache.exists():
        out: dict[Path, list[dict]] = {}
        for line in cache.read_text().splitlines():
            item = json.loads(line)
            out[(root / item["file"]).resolve()] = item["findings"] or []
        return out
    binary = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    out = {}
    for i in range(0, len(files), 200):
        part = files[i:i + 200]
        result = subprocess.run([binary, "--no-fail", "--no-color", "-f", "json", *map(str, part)],
                                capture_output=True, text=True)
        for item in json.loads(result.stdout or "[]"):
            out.setdefault(Path(item["file"]).resolve(), []).append(item)
    return out


def hullcheck_findings(root: Path, shellcheck: bool) -> dict[Path, list[dict]]:
    command = [sys.executable, "-m", "lint", "--no-cache", "--format", "json", "--select", "ALL"]
    if shellcheck:
        command.append("--shellcheck")
    result = subprocess.run([*command, str(root)], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr)
    out: dict[Path, list[dict]] = {}
    for item in json.loads(result.stdout or "[]"):
        out.setdefault(Path(item["file"]).resolve(), []).append(item)
    return out


def instruction_ranges(path: Path) -> dict[int, tuple[int, int]]:
    from lint.core.source import Source
    from lint.dockerfile import parse_dockerfile

    text = path.read_bytes().decode("utf-8", errors="replace")
    doc = parse_dockerfile(Source(str(path), text))
    return {ins.line: (ins.line, ins.end_line) for ins in doc.instructions}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--hadolint-cache", type=Path)
    parser.add_argument("--shellcheck", action="store_true")
    parser.add_argument("--unmatched", type=Path)
    args = parser.parse_args(argv)
    from lint.engine.registry import manifest

    by_code: dict[str, set[str]] = collections.defaultdict(set)
    for info in manifest():
        for alias in info.aliases:
            by_code[alias.upper()].add(info.id)
    root = args.root.resolve()
    files = dockerfiles(root)
    theirs = hadolint_findings(root, files, args.hadolint_cache)
    ours = hullcheck_findings(root, args.shellcheck)
    table: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])  # hadolint, ours, matched
    unmatched = []
    for path in files:
        ranges = instruction_ranges(path)
        mine = ours.get(path.resolve(), [])
        for item in mine:
            for code, rules in by_code.items():
                if item["rule"] in rules:
                    table[code][1] += 1
            if item.get("code"):
                table[item["code"]][1] += 1
        for item in theirs.get(path.resolve(), []):
            code, line = item["code"], item["line"]
            first, last = ranges.get(line, (line, line))
            table[code][0] += 1
            rules = by_code.get(code, set())
            if any(first <= f["start"]["line"] <= last and (f["rule"] in rules or f.get("code") == code) for f in mine):
                table[code][2] += 1
            else:
                unmatched.append({"file": str(path), "line": line, "code": code, "message": item["message"]})
    print(f"{'code':8} {'hadolint':>8} {'hullcheck':>9} {'overlap':>7} {'recall':>7}")
    totals = [0, 0, 0]
    for code in sorted(table, key=lambda c: (not c.startswith("DL"), c)):
        h, o, m = table[code]
        totals = [totals[0] + h, totals[1] + o, totals[2] + m]
        recall = f"{100 * m / h:.1f}%" if h else "-"
        print(f"{code:8} {h:8} {o:9} {m:7} {recall:>7}")
    h, o, m = totals
    print(f"{'all':8} {h:8} {o:9} {m:7} {100 * m / max(h, 1):6.1f}%")
    if args.unmatched:
        args.unmatched.write_text("".join(json.dumps(u) + "\n" for u in unmatched))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
