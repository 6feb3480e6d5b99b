"""Plugins: a package outside hullcheck adds rules through the entry-point group `hullcheck.rules`; they run
only where the config enables them. The plugins are installed into a temporary virtual environment (which
sees this checkout through --system-site-packages) and the real `hullcheck` command runs from it."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

RULE = '''"""## What it does
Reports a base image pinned to `latest`.
"""
from lint.api import DOCKERFILE, Severity, finding, rule


@rule(DOCKERFILE, severity=Severity.WARNING)
def check(doc, ctx):
    for stage in doc.stages:
        if stage.base.endswith(":latest"):
            yield finding(stage.base_span, "the base image is pinned to latest")
'''


def write_plugin(root: Path, name: str, module: str, body: str) -> Path:
    """A wheel of the distribution `name` whose package `<name>_rules` holds one rule module, declared as
    a pyproject.toml would (`[project.entry-points."hullcheck.rules"]` with `<name> = "<name>_rules.<module>"`).
    Written directly, so that installing it needs no build backend and no network."""
    package = f"{name}_rules"
    info = f"{name}-1.0.dist-info"
    files = {
        f"{package}/__init__.py": "",
        f"{package}/{module}.py": body,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": f"[hullcheck.rules]\n{name} = {package}.{module}\n",
    }
    record = "".join(f"{path},sha256={digest(text)},{len(text.encode())}\n" for path, text in files.items())
    files[f"{info}/RECORD"] = record + f"{info}/RECORD,,\n"
    root.mkdir(parents=True)
    wheel = root / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def digest(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A virtual environment that sees this checkout and its dependencies (a .pth file adds the test
    interpreter's site-packages) with the acme plugin installed offline; the broken and greedy plugins go
    to directories of their own, added to the path by the tests that want them. Returns a function that
    runs the environment's `hullcheck` (python -m lint) in a directory."""
    import site
    import sysconfig

    base = tmp_path_factory.mktemp("plugins")
    home = base / "venv"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    ours = sysconfig.get_paths()["purelib"]
    found = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    Path(found, "hullcheck-test.pth").write_text(f"import site; site.addsitedir({ours!r})\n")

    def install(plugin: Path, *where: str) -> None:
        # this interpreter's pip installs into the new environment (which has none of its own)
        subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-index", "--no-deps", *where, str(plugin)],
            check=True, capture_output=True, text=True, cwd=base)

    install(write_plugin(base / "acme", "acme", "acme001_latest_base", RULE))
    install(write_plugin(base / "broken", "broken", "brk001_broken", "import no_such_module_here\n"),
            "--target", str(base / "with-broken"))
    install(write_plugin(base / "greedy", "greedy", "df999_greedy", RULE), "--target", str(base / "with-greedy"))
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(directory: Path, *args: str, extra: str | None = None) -> subprocess.CompletedProcess:
        env = dict(environment, PYTHONPATH=str(base / f"with-{extra}")) if extra else environment
        options = list(args[:2]) if args[:1] == ("-X",) else []  # interpreter options come first
        return subprocess.run([str(python), *options, "-m", "lint", *args[len(options):]], cwd=directory, capture_output=True, text=True,
                              env=env)

    return run


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / "Dockerfile").write_text("FROM nginx:latest\nHEALTHCHECK CMD curl -f http://localhost/\n")
    return tmp_path


def test_an_installed_plugin_does_not_run_unless_the_config_enables_it(env, project):
    result = env(project, "-X", "importtime", "check", "--no-cache", "--format", "json", ".")
    assert result.returncode == 1, result.stderr  # DF402's finding on `nginx:latest`, not the plugin's
    assert "ACME001" not in result.stdout
    # nor are the installed packages' entry points read (importlib.metadata: ~16 ms of a cold run)
    assert "importlib.metadata" not in result.stderr


def test_plugins_in_the_config_runs_the_plugin(env, project):
    (project / ".hullcheck.toml").write_text('plugins = ["acme"]\n')
    result = env(project, "check", "--no-cache", "--no-show-source", ".")
    assert result.returncode == 1, result.stderr
    assert "ACME001" in result.stdout and "the base image is pinned to latest" in result.stdout
    sarif = json.loads(env(project, "check", "--no-cache", "--format", "sarif", ".").stdout)
    (acme,) = [d for d in sarif["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "ACME001"]
    assert acme["shortDescription"] == {"text": "Reports a base image pinned to `latest`."}
    assert "helpUri" not in acme  # its page is the plugin's, not hullcheck's
    # then it is a rule like the others: a selection leaves it out, an ignore too
    for narrowed in (("--select", "DF101"), ("--ignore", "ACME")):
        result = env(project, "check", "--no-cache", "--no-show-source", *narrowed, ".")
        assert "ACME001" not in result.stdout, narrowed



def test_plugins_the_config_does_not_name_are_not_imported(env, project):
    (project / ".hullcheck.toml").write_text('plugins = ["acme"]\n')
    result = env(project, "check", "--no-cache", "--no-show-source", ".", extra="broken")
    assert result.returncode == 1, result.stderr
    assert "ACME001" in result.stdout and result.stderr == ""


def test_selecting_a_plugin_rule_by_id_runs_it(env, project):
    result = env(project, "check", "--no-cache", "--no-show-source", "--select", "ACME001", ".")
    assert result.returncode == 1, result.stderr
    assert "ACME001" in result.stdout


def test_rules_and_explain_show_installed_plugins(env, project):
    listed = env(project, "rules")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[:2] for line in listed.stdout.splitlines() if "ACME001" in line] == [["ACME001", "latest-base"]]
    explained = env(project, "explain", "ACME001")
    assert explained.returncode == 0, explained.stderr
    assert "Reports a base image pinned to `latest`." in explained.stdout


def test_a_plugin_that_cannot_be_imported_is_one_line_and_exit_2(env, project):
    (project / ".hullcheck.toml").write_text('plugins = ["broken"]\n')
    result = env(project, "check", "--no-cache", ".", extra="broken")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "broken" in result.stderr and "no_such_module_here" in result.stderr


def test_a_plugin_with_a_built_in_prefix_is_refused(env, project):
    (project / ".hullcheck.toml").write_text('plugins = ["greedy"]\n')
    result = env(project, "check", "--no-cache", ".", extra="greedy")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "DF999" in result.stderr


def test_an_unknown_plugin_name_is_a_config_error(env, project):
    (project / ".hullcheck.toml").write_text('plugins = ["nosuch"]\n')
    result = env(project, "check", "--no-cache", ".")
    assert result.returncode == 2
    assert "nosuch" in result.stderr and "Traceback" not in result.stderr
