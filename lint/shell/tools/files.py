"""Files a script deletes: `rm -rf ~/.cache/pip /tmp/*` after an install, for the cache rules."""
from __future__ import annotations

import posixpath
import re

from collections.abc import Iterable

from lint.shell.script import SimpleCommand

_HOME = re.compile(r"^(~|\$HOME|\$\{HOME\})(?=/|$)")


def removed_paths(commands: Iterable[SimpleCommand], home: str = "~") -> list[str]:
    """Paths the `rm` commands among `commands` delete, normalised: a trailing `/*` or `/` dropped (the
    directory's content goes), `~` and `$HOME` written as `home`."""
    found = []
    for other in commands:
        eff = other.effective
        if eff.name != "rm":
            continue
        for word in eff.args:
            value = word.value
            if value.startswith("-") or not value:
                continue
            value = _HOME.sub(home, value)
            while value.endswith(("/*", "/")) and len(value) > 1:
                value = value[:-2] if value.endswith("/*") else value[:-1]
            found.append(posixpath.normpath(value) if value.startswith("/") else value)
    return found
