"""Start-up dependency probes: wait-for-it, dockerize, nc -z, pg_isready and the HTTP clients used to
wait for another service."""
from __future__ import annotations

from lint.shell.exec import inner_script
from lint.shell.script import Script, SimpleCommand
from lint.shell.tools.http import is_http_probe


# ---------------------------------------------------------------------------------------------
# Start-up dependency probes


def is_wait_probe(cmd: SimpleCommand) -> bool:
    """A command that checks whether another service is up: curl/wget to a URL, `nc -z host port`,
    pg_isready, `mysqladmin ping`, `redis-cli ping`, wait-for-it(.sh), `dockerize -wait`."""
    eff = cmd.effective
    name = eff.name or ""
    values = [w.value for w in eff.args]
    if is_http_probe(eff):
        return True
    if name in ("nc", "netcat", "ncat"):
        return any(v.startswith("-") and not v.startswith("--") and "z" in v[1:] for v in values)
    if name in ("pg_isready", "mysqladmin") and (name == "pg_isready" or "ping" in values):
        return True
    if name == "redis-cli":
        return any(v.lower() == "ping" for v in values)
    if name.startswith(("wait-for-it", "wait-for", "wait_for")):
        return True
    if name == "dockerize":
        return any(v in ("-wait", "--wait") or v.startswith(("-wait=", "--wait=")) for v in values)
    return False


def wait_probes(script: Script) -> list[SimpleCommand]:
    """Probes in the script, including those in the condition or body of an until/while loop and
    in `sh -c '...'` scripts."""
    found = []
    for cmd in script.commands:
        if is_wait_probe(cmd):
            found.append(cmd)
            continue
        inner = inner_script(cmd)
        if inner is not None:
            found.extend(wait_probes(inner))
    return found


def waits_in_loop(script: Script) -> bool:
    """An `until probe; do sleep; done` (or while) loop: the script waits for a dependency."""
    return any(cmd.in_loop in ("until", "while") and is_wait_probe(cmd) for cmd in script.commands)
