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

from lint.api import DOCKERFILE, WRAPPERS, Severity, curl_urls, finding, rule, startup_checks, wget_flags


@rule(DOCKERFILE, severity=Severity.INFO)
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    for ins, cmd, kind in startup_checks(doc, stage):
        name = cmd.effective.name
        target = target_of(cmd) or "its dependency"
        if kind == "once":
            how = f"checks {target} once with `{name}`: no retry, it exits if that is not up yet"
        elif kind == "loop":
            endless = cmd.in_loop in ("until", "while")
            how = f"waits for {target} in {'an endless' if endless else 'a'} `{name}` loop while it looks started"
        else:
            how = f"waits for {target} with `{name}`, which gives up after a timeout"
        yield finding(cmd.name_word.span, f"{ins.keyword} {how}; prefer depends_on: service_healthy")


def target_of(cmd) -> str | None:
    """The host a check waits for, when it can be read: a URL's host, `nc -z HOST`, `-h HOST`."""
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
