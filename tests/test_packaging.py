"""The built wheel: every rules family folder installed under `lint.rules`, nothing but `lint` at the top
level (a top-level `rules` would collide with the PyPI package of that name), the data files kept."""
import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def built_files(tmp_path: Path) -> list[str]:
    """The files a wheel would hold (paths inside it): from `pip wheel` when the wheel package is there to
    build one, else from setuptools' own build_py, which is what a pure-Python wheel is made of."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("lint", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    if importlib.util.find_spec("wheel") is not None:
        out = tmp_path / "dist"
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                   "-w", str(out), str(source)]
    else:
        out = tmp_path / "lib"
        command = [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=source)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("hullcheck-*.whl"))
    if wheels:
        return zipfile.ZipFile(wheels[0]).namelist()
    return [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]


def test_the_wheel_holds_every_rules_package_under_lint_and_nothing_else_at_the_top(tmp_path: Path) -> None:
    names = built_files(tmp_path)
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"lint"}, top

    folders = sorted(p.parent.relative_to(ROOT / "rules") for p in (ROOT / "rules").rglob("__init__.py"))
    assert len(folders) > 1
    for folder in folders:
        assert (Path("lint/rules") / folder / "__init__.py").as_posix() in names, folder
    for rule_file in (ROOT / "rules").rglob("[a-z][a-z][0-9][0-9][0-9]_*.py"):
        assert (Path("lint/rules") / rule_file.relative_to(ROOT / "rules")).as_posix() in names, rule_file

    packages = sorted(p.parent.relative_to(ROOT) for p in (ROOT / "lint").rglob("__init__.py"))
    for package in packages:
        assert (package / "__init__.py").as_posix() in names, package
    for data in ("lint/engine/manifest.json", "lint/engine/config.schema.json", "lint/compose/compose.schema.json"):
        assert data in names
