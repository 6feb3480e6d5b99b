"""Packages computed from the tree: `lint.*`, and rules/ (every family folder in it) installed as `lint.rules.*`.

Only `lint` is installed at the top level; metadata and everything else are in pyproject.toml."""
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent


def rule_packages() -> list[str]:
    """`lint.rules` and one package per folder under rules/ that holds an __init__.py."""
    return ["lint.rules"] + [f"lint.rules.{name}" for name in find_packages(str(HERE / "rules"))]


setup(
    packages=find_packages(str(HERE), include=["lint", "lint.*"]) + rule_packages(),
    package_dir={"lint.rules": "rules"},
)
