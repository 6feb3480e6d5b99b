"""`explain` pages and the rule index, rendered from rule metadata."""
from __future__ import annotations

import json
import re

from lint.core.rules import CODED_RULE
from lint.engine.registry import RuleInfo, load_rule, manifest

HOMEPAGE = "https://github.com/hullcheck/hullcheck"
KIND_TITLES = {"dockerfile": "Dockerfile", "compose": "Compose", "engine": "hullcheck"}


def explain(info: RuleInfo) -> str:
    rule = load_rule(info.module)
    head = [f"# {info.id} {info.name}", ""]
    facts = [f"Applies to: {KIND_TITLES[info.kind]} files", f"Default severity: {info.severity}"]
    facts.append(f"Fix: {info.fix}" if info.fix else "Fix: none")
    if not info.default:
        facts.append(f"Default: off (run it with `--extend-select {info.id}` or `extend-select` in config)")
    elif info.id == CODED_RULE:
        facts.append("Default: off (run it with `--shellcheck` or `shellcheck = true` in config; it runs the "
                     "shellcheck binary)")
    if info.aliases:
        from lint.engine.foreign import alias_title

        facts.append(f"Also matches: {'; '.join(alias_title(a) for a in info.aliases)}")
    return "\n".join(head + facts + ["", with_options(rule.doc.strip(), info), ""])


def option_lines(info: RuleInfo) -> list[str]:
    """One line per declared option: how to set it, its type, its default and its help."""
    lines = []
    for name, declared in info.options.items():
        default = json.dumps(declared["default"])
        one_of = f", one of {', '.join(declared['choices'])}" if declared.get("choices") else ""
        lines.append(f"- `{name}` ({declared['type']}{one_of}, default {default}): {declared['help']}")
    return lines


def with_options(doc: str, info: RuleInfo) -> str:
    """The docstring with the declared options listed under its *Options* heading (added when it has none)."""
    if not info.options:
        return doc
    listing = "\n".join([f"Set in `[tool.hullcheck.rules.{info.id}]` (or `[rules.{info.id}]` in .hullcheck.toml):",
                         *option_lines(info)])
    match = re.search(r"^## Options[ \t]*\n", doc, re.M)
    if match is None:
        return f"{doc}\n\n## Options\n{listing}"
    return f"{doc[:match.end()]}{listing}\n\n{doc[match.end():].lstrip(chr(10))}"


def rule_url(info: RuleInfo) -> str | None:
    """A rule's page on the web: its module, whose docstring is the page `explain` renders (None for a
    plugin's rule: its page is not ours)."""
    if not info.module.startswith("lint.rules."):
        return None
    return f"{HOMEPAGE}/blob/main/rules/{info.module.removeprefix('lint.rules.').replace('.', '/')}.py"


def index_rows() -> list[tuple[str, str, str, str, str, str, str]]:
    rows = []
    for info in manifest():
        rows.append((info.id, info.name, str(info.severity), str(info.fix) if info.fix else "",
                     "on" if info.default else "off", ",".join(info.aliases), info.summary))
    return rows


def index_text() -> str:
    rows = index_rows()
    width = max(len(r[1]) for r in rows) if rows else 10
    ids = max([6, *(len(r[0]) + 1 for r in rows)])  # a plugin's id may be longer than ours
    aliases = max([7, *(len(r[5]) for r in rows)])
    out = [f"{'ID':{ids}} {'NAME':{width}} {'SEVERITY':8} {'FIX':7} {'DEFAULT':7} {'ALIASES':{aliases}} SUMMARY"]
    for rule_id, name, severity, fix, default, also, summary in rows:
        out.append(f"{rule_id:{ids}} {name:{width}} {severity:8} {fix:7} {default:7} {also:{aliases}} {summary}")
    return "\n".join(out) + "\n"


def index_markdown() -> str:
    out = ["| ID | Name | Severity | Fix | Default | Aliases | What it does |", "|---|---|---|---|---|---|---|"]
    for rule_id, name, severity, fix, default, also, summary in index_rows():
        cell = summary.replace("|", "\\|")
        out.append(f"| {rule_id} | `{name}` | {severity} | {fix or '—'} | {default} | {also.replace(',', ', ') or '—'} | {cell} |")
    return "\n".join(out) + "\n"
