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
