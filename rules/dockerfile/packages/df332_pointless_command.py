"""## What it does
Reports commands in a RUN that do nothing for the image:
- `service NAME start` (or `/etc/init.d/NAME start`, `restart`, `reload`) when nothing after it in the same
  RUN uses the daemon: it dies with the RUN's container;
- `service NAME stop` / `status`, `kill`, `pkill`, `killall` when nothing earlier in the RUN can have started
  a process: no process of an earlier instruction is running;
- `shutdown`, `reboot`, `halt`, `poweroff`;
- at `info`: `ps`, `free`, `top`, `ifconfig`, `mount`, which only print to the build log (or fail without
  privileges), and an interactive `vim` (no `-c`, `+cmd`, `-s` or `-e` script).

hadolint: DL3001 *For some bash commands it makes no sense running them in a Docker container like `ssh`,
`vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`*. hadolint reports these names
wherever they run. It is silent here where the RUN uses what it starts (`service mysql start && mysql <
schema.sql && service mysql stop`), where `kill` stops a process the same RUN started, for a scripted `vim
+PlugInstall +qall`, and for `ssh host command`, which runs that command remotely.

## Why is this bad?
Each RUN runs in a fresh container that stops when its command ends, and only the file system is kept. A
daemon started in a RUN is not running in the image; nothing earlier is running to be stopped or killed.
Such lines mislead readers into thinking the image starts or configures a running service.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
RUN service ssh start
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
CMD ["/usr/sbin/sshd", "-D"]
```
"""
import posixpath
import re

from lint.api import DOCKERFILE, Severity, finding, rule, run_commands

STARTS = {"start", "restart", "reload", "force-reload", "try-restart"}
STOPS = {"stop", "status", "force-stop"}
POWER = {"shutdown", "reboot", "halt", "poweroff"}
KILLERS = {"kill", "pkill", "killall"}
PRINTERS = {"ps", "free", "top", "ifconfig", "mount"}
# what may follow a start without using the daemon, or come before a stop without starting anything
INERT = {"echo", "printf", "sleep", "true", ":", "set", "export", "cd", "exit"}
# a RUN naming none of these is not read further
NAMES = re.compile(r"\b(?:service|p?kill|killall|shutdown|reboot|halt|poweroff|ps|free|top|ifconfig|mount|vim?)\b|init\.d/")
VIM_SCRIPTED = ("-c", "--cmd", "-s", "-S", "-e", "-E", "-es", "-Es", "--headless", "-u")


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3001",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "RUN" or ins.command is None:
            continue
        written = doc.source.text[ins.span.start:ins.span.end]
        if not NAMES.search(written):
            continue
        everything = [rc.command for rc in run_commands(ins)]
        for rc in run_commands(ins):
            cmd = rc.command.effective
            word = cmd.name_word
            if word is None or word.has_expansion:
                continue
            name = cmd.name
            earlier = everything[:everything.index(rc.command)]
            later = rc.script.commands[rc.script.index(rc.command) + 1:]
            service = _service_call(cmd)
            if service is not None:
                unit, action = service
                shown = " ".join(w.value for w in cmd.words[len(cmd.assignments):])
                if action in STARTS and all(_inert(c) for c in later):
                    yield finding(word.span, f"`{shown}` starts a daemon nothing in this RUN uses; it stops when "
                                             f"the RUN ends: start it from CMD")
                elif action in STOPS and all(_inert(c) for c in earlier):
                    yield finding(word.span, f"`{shown}`: no daemon runs when a RUN starts (each RUN is a fresh "
                                             f"container), so there is nothing to {action}")
            elif name in KILLERS and all(_inert(c) for c in earlier):
                yield finding(word.span, f"`{name}` with nothing started earlier in this RUN: no process of an "
                                         f"earlier instruction is still running")
            elif name in POWER:
                yield finding(word.span, f"`{name}` in a build: there is no booted system to stop, so it fails "
                                         f"or does nothing")
            elif name in PRINTERS:
                yield finding(word.span, f"`{name}` in a RUN only prints to the build log (or fails without "
                                         f"privileges): nothing of it reaches the image", severity=Severity.INFO)
            elif name in ("vim", "vi") and not any(w.value.startswith("+") or w.value in VIM_SCRIPTED
                                                   for w in cmd.args):
                yield finding(word.span, f"`{name}` without a script (+cmd, -c, -s, -e) is interactive: a build "
                                         f"has no terminal to edit in", severity=Severity.INFO)


def _service_call(cmd):
    """(unit, action) of `service NAME ACTION` or `/etc/init.d/NAME ACTION`, else None."""
    words = [w.value for w in cmd.words[len(cmd.assignments):]]
    if cmd.name == "service" and len(words) >= 3 and not words[1].startswith("-"):
        return words[1], words[2]
    if words and posixpath.dirname(words[0]) == "/etc/init.d" and len(words) >= 2:
        return posixpath.basename(words[0]), words[1]
    return None


def _inert(cmd) -> bool:
    """Neither uses nor starts a process: echo, sleep, a service stop or status."""
    eff = cmd.effective
    if eff.name in INERT:
        return True
    service = _service_call(eff)
    return service is not None and service[1] in STOPS
