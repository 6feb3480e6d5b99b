"""The layout DESIGN.md draws: rules import only the rule API, at module top."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


def lint_imports(tree: ast.AST):
    """(node, module) for every import of `lint` or a module under it, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if module == "lint" or module.startswith("lint."):
                yield node, module


def test_rules_import_only_the_rule_api_and_at_module_top() -> None:
    wrong = []
    files = [path for path in sorted(RULES.rglob("*.py")) if path.name != "__init__.py"]
    assert len(files) > 30
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node, module in lint_imports(tree):
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if module != "lint.api":
                wrong.append(f"{where} imports {module} (rules import only lint.api)")
            elif id(node) not in top:
                wrong.append(f"{where} imports lint.api inside a function (rules import at module top)")
    assert wrong == []


# DESIGN.md: cli, lsp -> engine -> (rules via the registry) -> api -> knowledge, project -> compose, dockerfile,
# shell -> core. A package may import only packages of a lower rank (and itself); the parsers are siblings
# and never import one another's modules the wrong way round either (a cycle is caught below).
RANK = {
    "core": 0,
    "compose": 1, "dockerfile": 1, "shell": 1,
    "project": 2,
    "knowledge": 3,
    "api": 4,
    "rules": 5,
    "engine": 6,
    "report": 7,
    "lsp": 8,
    "cli": 9,  # the command line also starts the language server (`hullcheck lsp`)
    "__main__": 10,
}
PARSERS = {"compose", "dockerfile", "shell"}
LINT = ROOT / "lint"


def module_name(path: Path) -> str:
    if path.is_relative_to(RULES):
        parts = ("lint", "rules", *path.relative_to(RULES).with_suffix("").parts)
    else:
        parts = ("lint", *path.relative_to(LINT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_of(module: str) -> str | None:
    """The idea a module belongs to: lint.shell.tools.curl -> shell; lint.api -> api; lint itself -> None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the imports under `if TYPE_CHECKING:` (never run, so they make no arrow)."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported lint module: line}, for every import in lint/ and rules/, functions' included."""
    files = sorted(LINT.rglob("*.py")) + sorted(RULES.rglob("*.py"))
    known = {module_name(path) for path in files}
    graph: dict[str, dict[str, int]] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = type_checking_only(tree)
        edges = graph.setdefault(module_name(path), {})
        for node, module in lint_imports(tree):
            if id(node) in skipped:
                continue
            targets = [module]
            if isinstance(node, ast.ImportFrom):  # `from lint.engine import docs` imports lint.engine.docs
                targets += [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known]
            for target in targets:
                if target in known:
                    edges.setdefault(target, node.lineno)
    return graph


def test_imports_point_one_way() -> None:
    wrong = []
    for source, edges in import_graph().items():
        here = package_of(source)
        if here is None:
            continue
        for target, line in edges.items():
            there = package_of(target)
            if there is None or there == here:
                continue  # `from lint import __version__`; within one package
            arrow = f"{source}:{line} -> {target}"
            if RANK[there] >= RANK[here]:
                wrong.append(f"{arrow}: {here} may not import {there}")
            elif here == "report" and there in PARSERS:
                wrong.append(f"{arrow}: reporters never import parsers")
    assert wrong == []


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}
    circles = []

    def visit(module: str, path: list[str]) -> None:
        if state.get(module) == 1:
            circles.append(" -> ".join(path[path.index(module):] + [module]))
            return
        if state.get(module) == 2:
            return
        state[module] = 1
        for target in sorted(graph.get(module, {})):
            # a package's __init__ re-exporting its own modules is how a package is read, not a circle
            if target.startswith(module + "."):
                continue
            visit(target, path + [module])
        state[module] = 2

    for module in sorted(graph):
        visit(module, [])
    assert circles == []


def test_the_walk_sees_the_arrows_it_should() -> None:
    graph = import_graph()
    assert "lint.api" in graph["lint.rules.dockerfile.health.df102_healthcheck_curl_without_fail"]
    assert "lint.shell" in graph["lint.knowledge.health"]  # a function-level import counts
    assert graph["lint.cli.app"]
