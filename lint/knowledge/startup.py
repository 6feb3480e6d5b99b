"""What an image runs at start-up: the CMD and ENTRYPOINT it keeps along its stages, whether the
ENTRYPOINT runs the CMD as a command, and the dependency checks (curl, nc -z, wait-for-it, ...) run
before the app. Shared by the rules on start-up commands and on curl kept in the image."""
from __future__ import annotations

from lint.shell import SHELLS

# commands that may come after a check without being the app
NOT_THE_APP = {"sleep", "echo", "printf", "true", "false", ":", "exit", "set", "test", "[", "[[", "wait", "trap"}
# what a check may pipe its answer into: it still only looks at it
READERS = {"grep", "egrep", "fgrep"}
# curl options that write a file, send data or upload: the command does work, it is not a check
CURL_WORK = {"output", "remote-name", "remote-name-all", "output-dir", "upload-file", "data", "data-ascii",
             "data-binary", "data-raw", "data-urlencode", "form", "form-string", "json", "create-dirs"}
WRAPPERS = ("wait-for-it", "wait-for", "wait_for")
# programs that run their arguments as a command
PASS_THROUGH = {"tini", "tini-static", "dumb-init", "gosu", "su-exec", "setpriv", "chpst", "s6-setuidgid", "env",
                "catatonit", "docker-init", "dockerize", "nice", "nohup", "timeout", "sudo", "runuser"}


def start_instructions(chain):
    """The CMD and ENTRYPOINT instructions the image keeps (None when unset), along the stage chain
    (root stage first). As BuildKit does, an ENTRYPOINT clears a CMD not set earlier in its stage."""
    cmd = entrypoint = None
    for stage in chain:
        cmd_set = False
        for ins in stage.instructions:
            if ins.keyword == "CMD":
                cmd, cmd_set = ins, True
            elif ins.keyword == "ENTRYPOINT":
                entrypoint = ins
                if not cmd_set:
                    cmd = None
    return cmd, entrypoint


def runs_arguments(entrypoint) -> bool:
    """Whether an exec-form ENTRYPOINT runs the CMD it is given as a command (`/bin/sh -c <CMD>`
    for a shell-form CMD): an init or wrapper, an entrypoint script, `sh -c '... "$@"'`; not an app
    such as `python app.py`, which only gets the words as arguments."""
    args = [value for value, _ in entrypoint.command.exec_args or []]
    if not args:
        return False
    name = args[0].rsplit("/", 1)[-1]
    if name in PASS_THROUGH or name.startswith(("wait-for", "wait_for")) or name.endswith((".sh", ".bash")):
        return True
    if "entrypoint" in name.lower():
        return True
    if name in SHELLS:
        if "-c" in args[1:2] or any(a.startswith("-") and "c" in a[1:] for a in args[1:2]):
            return any("$@" in a or "$*" in a for a in args[2:3])
        return len(args) > 1  # `sh /entrypoint.sh`
    return False


def startup_checks(doc, stage):
    """(instruction, command, kind) for each dependency check the image runs before its app: kind is
    'once', 'loop' (inside until/while) or 'wrapper' (wait-for-it, dockerize -wait)."""
    from lint.shell import script_of

    cmd, entrypoint = start_instructions([*reversed(doc.ancestors(stage)), stage])
    if entrypoint is not None and entrypoint.command is not None:
        if not entrypoint.command.exec_form or not runs_arguments(entrypoint):
            cmd = None  # a shell-form ENTRYPOINT ignores CMD; `["python", "app.py"]` only gets it as arguments
    found = []
    for ins in (entrypoint, cmd):
        if ins is not None and ins.command is not None:
            found.extend((ins, c, kind) for c, kind in checks_in(script_of(ins.command)))
    return found


def checks_in(script):
    from lint.shell import inner_script, is_wait_probe

    commands = script.commands
    for i, cmd in enumerate(commands):
        if cmd.name_word is None:
            continue
        if is_wrapper(cmd):
            yield cmd, "wrapper"
        elif is_wait_probe(cmd) and only_checks(script, cmd):
            loop = cmd.in_loop
            if any(runs_app(later, loop) for later in commands[i + 1:]):
                yield cmd, "loop" if loop else "once"
        else:
            inner = inner_script(cmd)
            if inner is not None:
                yield from checks_in(inner)


def is_wrapper(cmd) -> bool:
    eff = cmd.effective
    name = eff.name or ""
    if name.startswith(WRAPPERS):
        return True
    return name == "dockerize" and any(w.value in ("-wait", "--wait") or w.value.startswith(("-wait=", "--wait="))
                                       for w in eff.args)


def runs_app(cmd, loop) -> bool:
    """A later command that starts something: not a probe, not `sleep` / `echo`, not in the wait loop."""
    from lint.shell import is_wait_probe

    if cmd.name_word is None or (loop is not None and cmd.in_loop == loop):
        return False
    return (cmd.effective.name or "") not in NOT_THE_APP and not is_wait_probe(cmd)


def only_checks(script, cmd) -> bool:
    """curl / wget that only looks at the answer: no file written, no data sent, not piped into a
    program that does something with the body (`| sh`, `| tar x`)."""
    from lint.shell import curl_transfers, http_client, wget_flags

    client = http_client(cmd)
    if client is None:
        return True  # nc -z, pg_isready, ... only check
    if writes_file(cmd):
        return False
    if cmd.in_pipeline and not cmd.pipeline_last:
        reader = script.commands[script.index(cmd) + 1]
        if (reader.effective.name or "") not in READERS or writes_file(reader):
            return False
    if client == "curl":
        for transfer in curl_transfers(cmd) or []:
            for name, value, _ in transfer.options:
                if name in CURL_WORK and not (name == "output" and value is not None and value.value == "/dev/null"):
                    return False
                if name == "request" and value is not None and value.value.upper() not in ("GET", "HEAD"):
                    return False
        return True
    flags = wget_flags(cmd)
    if flags is None or flags.unknown:
        return False
    return flags.spider or (flags.output is not None and flags.output.value in ("-", "/dev/null"))


def writes_file(cmd) -> bool:
    """Its output goes to a file (`> /etc/app.json`), not to /dev/null."""
    return any(r.op in (">", ">>", ">|", "&>", "&>>") and r.fd in (None, "1") and r.target is not None
               and r.target.value != "/dev/null" for r in cmd.redirects)


# what /bin/sh is, by the base image's family, when the image table does not say (FACTS.md §1)
DASH_BASES = frozenset({"debian", "ubuntu", "buildpack-deps"})
BASH_BASES = frozenset({"centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux", "ubi",
                        "ubi-minimal", "ubi8", "ubi9", "ubi10", "ubi8-minimal", "ubi9-minimal", "rhel"})
SH_BY_MANAGER = {"apk": "ash", "apt-get": "dash", "apt": "dash", "dpkg": "dash", "yum": "bash", "dnf": "bash",
                 "microdnf": "bash"}


def sh_flavour(chain, facts) -> str | None:
    """What `/bin/sh` is in the image a stage chain builds: 'dash' (Debian, Ubuntu), 'ash' (BusyBox:
    Alpine and any `*-alpine` tag), 'bash' (RHEL family), or None when it cannot be told. The image
    table decides first, then the base's name and tag, then the package manager the Dockerfile runs
    (a Dockerfile that runs apk is on Alpine)."""
    from lint.shell import script_of

    if facts is not None and getattr(facts, "sh", None):
        return facts.sh
    base = (chain[0].base_resolved or chain[0].base or "").lower().split("@", 1)[0]
    name, _, tag = base.rpartition(":") if ":" in base.rsplit("/", 1)[-1] else (base, "", "")
    repo = name.rsplit("/", 1)[-1]
    if "$" not in base:
        if repo in ("alpine", "busybox") or "alpine" in tag or repo.startswith("alpine-") or repo.endswith("-alpine"):
            return "ash"
        if repo in DASH_BASES:
            return "dash"
        if repo in BASH_BASES or repo.startswith("ubi"):
            return "bash"
    for stage in chain:
        for ins in stage.find("RUN"):
            if ins.command is None:
                continue
            for command in script_of(ins.command).commands:
                flavour = SH_BY_MANAGER.get(command.effective.name or "")
                if flavour is not None:
                    return flavour
    return None
