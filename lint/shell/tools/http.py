"""HTTP clients as one family: which one a command is, and whether it fetches a URL."""
from __future__ import annotations

from lint.shell.script import SimpleCommand
from lint.shell.tools.curl import curl_urls
from lint.shell.tools.wget import wget_flags


def http_client(cmd: SimpleCommand) -> str | None:
    name = cmd.effective.name
    return name if name in ("curl", "wget") else None


def is_http_probe(cmd: SimpleCommand) -> bool:
    """curl or wget asked for a URL."""
    client = http_client(cmd)
    if client == "curl":
        return bool(curl_urls(cmd))
    if client == "wget":
        flags = wget_flags(cmd)
        return flags is not None and bool(flags.urls)
    return False
