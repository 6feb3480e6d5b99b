"""## What it does
Reports a `CMD` or `ENTRYPOINT` of the built image that checks another service before it starts
the app: `curl` / `wget` to a URL, `nc -z`, `pg_isready`, `mysqladmin ping` or `redis-cli ping`
followed by the app (`&&`, `;`, or after an `until` / `while` loop), and the wrappers
`wait-for-it` and `dockerize -wait`.

Judged on the target stage (its own or inherited `CMD` / `ENTRYPOINT`, also inside `sh -c '...'`).
Not reported: a command that does work rather than check (`migrate && serve`,
`envsubst < t > conf && nginx`), a download (`curl -o file`, `curl ... | sh`, `wget URL` saving a
file), a request that sends data (`-d`, `-X POST`), and a check with nothing after it.

## Why is this bad?
A one-shot check has no retry: when the dependency is not up yet, the container exits and only a
restart policy brings it back (the seed's numbers-web relies on `restart: on-failure`). A wait
loop has no time limit, and while it runs the container looks started to everything around it. A
wrapper such as `wait-for-it` gives up after a fixed timeout and, without `--strict`, starts the
app anyway. The start order belongs to the orchestrator: with compose, give the dependency a
health check and use `depends_on: {<name>: {condition: service_healthy}}`; the app itself should
retry its connections.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY web /usr/local/bin/web
CMD curl --fail http://numbers-api/rng && exec web
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
COPY web /usr/local/bin/web
CMD ["web"]
```
"""
from urllib.parse import urlsplit

from lint import DOCKERFILE, Severity, finding, rule

# commands that may come after a check without being the app
NOT_THE_APP = {"sleep", "echo", "printf", "true", "false", ":", "exit", "set", "test", "[", "[[", "wait", "trap"}
# what a check may pipe its answer into: it still only looks at it
READERS = {"grep", "egrep", "fgrep"}
# curl options that write a file, send data or upload: the command does work, it is not a check
CURL_WORK = {"output", "remote-name", "remote-name-all", "output-dir", "upload-file", "data", "data-ascii",
             "data-binary", "data-raw", "data-urlencode", "form", "form-string", "json", "create-dirs"}
WRAPPERS = ("wait-for-it", "wait-for", "wait_for")


@rule(DOCKERFILE, severity=Severity.INFO)
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    for ins, cmd, kind in startup_checks(doc, stage):
        name = cmd.effective.name
        target = target_of(cmd) or "its dependency"
        if kind == "once":
            how = f"checks {target} once with `{name}`: there is no retry, so the container exits when it is not up yet"
        elif kind == "loop":
            limit = " with no time limit" if cmd.in_loop in ("until", "while") else ""
            how = f"waits for {target} in a loop of `{name}` checks{limit}, while the container looks started"
        else:
            how = (f"waits for {target} with `{name}`: it gives up after a fixed timeout, hidden from the "
                   f"orchestrator")
        yield finding(cmd.name_word.span, f"{ins.keyword} {how}; with compose, use `depends_on` with "
                      f"`condition: service_healthy` instead")


def startup_checks(doc, stage):
    """(instruction, command, kind) for each dependency check the image runs before its app: kind is
    'once', 'loop' (inside until/while) or 'wrapper' (wait-for-it, dockerize -wait)."""
    from lint.rules.df203_app_not_pid1 import runs_arguments, start_instructions
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


def target_of(cmd) -> str | None:
    """The host a check waits for, when it can be read: a URL's host, `nc -z HOST`, `-h HOST`."""
    from lint.shell import curl_urls, wget_flags

    eff = cmd.effective
    name = eff.name
    words = []
    if name == "curl":
        words = curl_urls(cmd)
    elif name == "wget":
        flags = wget_flags(cmd)
        words = flags.urls if flags is not None else []
    for word in words:
        text = word.value if "://" in word.value else "http://" + word.value
        try:
            host = urlsplit(text).hostname
        except ValueError:
            host = None
        if host and not word.has_expansion:
            return host
    args = eff.args
    for i, word in enumerate(args):
        value = word.value
        if word.has_expansion:
            continue
        if value in ("-h", "--host") and i + 1 < len(args) and not args[i + 1].has_expansion:
            return args[i + 1].value
        if value.startswith("--host="):
            return value.split("=", 1)[1]
        if name in ("nc", "netcat", "ncat") and not value.startswith("-"):
            return value
        if (name or "").startswith(WRAPPERS) and not value.startswith("-") and ":" in value:
            return value.rsplit(":", 1)[0]
        if name == "dockerize" and "://" in value:
            return urlsplit(value).hostname
    return None
