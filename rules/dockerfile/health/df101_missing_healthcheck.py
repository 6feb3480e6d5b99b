"""## What it does
Reports a built image that is a network service and has no `HEALTHCHECK`: its target stage (and the
stages it is built from) has none, and its base image has none of its own. A network service is an
image that `EXPOSE`s a port and starts a program of its own, one that keeps the start command of a
known server image (`FROM nginx` with nginx's own CMD) or starts that server again, or one that a
compose service builds and publishes ports for.

Not reported: `HEALTHCHECK NONE` (a choice); a `HEALTHCHECK` in a parent stage; a base image known to
bring its own; a compose service that builds this Dockerfile and sets `healthcheck.test` or `disable`;
a run with `runtime = "kubernetes"` (Kubernetes ignores a Dockerfile `HEALTHCHECK`). Nor images that
are not services: a build or tool image that replaces a server base's start command with a script of
its own (a server base's nature carries over only with its CMD / ENTRYPOINT, and a stage's ports only
while its start command is kept); a dev image (a stage named dev, development, test, debug, ...; a
`Dockerfile.dev`; a workspace or devcontainer folder; a dev server or watcher such as nodemon or
`npm run dev`); an interactive shell, REPL or TUI, a keep-alive (`sleep`, `tail -f`) or a one-shot
command; an image meant to be extended (`ONBUILD`, or no start command of its own on a base that is
no server); a generated official or vendor Dockerfile ("DO NOT EDIT").

When the base image is not in the image table the finding is only `info`: it may bring a check of
its own. When a compose service builds the image, this is the one finding for it (DC101 leaves such
services to this rule): the compose service is listed as a related place, and the fix belongs here,
where it serves every runtime.

hadolint's DL3057 (*`HEALTHCHECK` instruction missing*, off unless configured) asks every Dockerfile for a
`HEALTHCHECK`, build-only images, CLI tools and one-shot jobs included; this rule asks it only of images
that serve, so it can stay on. `# hadolint ignore=DL3057` is honoured here.

## Why is this bad?
Without a health check Docker only knows whether the process runs, not whether it answers. An app
that hangs, deadlocks or answers every request with an error still counts as up: `depends_on:
condition: service_healthy` cannot be used, `docker compose up --wait` cannot wait for it, and Swarm
keeps routing traffic to it.

## Example
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost/"]
```

## Fix safety
The suggested `HEALTHCHECK` is only shown, never applied: the URL and port are a guess (the first
`EXPOSE`d port, `/`), and only you know the endpoint that tells whether the app works. The probe is
one the image is known to have: curl, else wget (BusyBox or GNU), else the image's Python or Node.js;
where the image is known to have no HTTP client, a small checker program built in its own stage and
copied in with `COPY --from`; where it cannot be told (a base we do not know, files copied in), a
template whose probe you choose.
"""
import json

from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Related, Severity, Span, finding, rule, short_image,
    stage_needs_check, tool_available,
)

OPTIONS = "--interval=30s --timeout=5s --start-period=10s --retries=3"
CHECKER = "/usr/local/bin/healthcheck"


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY, aliases=("DL3057",))
def check(doc, ctx):
    target = ctx.target_stage(doc)
    if target is None:
        return
    services = ctx.building(doc)
    if any(compose_decides(service) for service in services):
        return
    need = stage_needs_check(doc, target, ctx, services)
    if need is None:
        return
    facts = need.facts
    port = need.ports[0] if need.ports else next(
        (p.split("/")[0] for p in (facts.ports or ()) if not p.endswith("/udp")), None) if facts is not None else None
    probe, how = suggested_probe(doc, target, facts, port, own_port=not need.ports)
    message = f"{label(target)} serves ({need.why}) without a HEALTHCHECK: a hung app still counts as up"
    if not need.known_base:
        message += f" (unless {short_image(need.base)} brings one)"
    last = target.instructions[-1]
    edit = Edit(doc.path, Span(last.span.end, last.span.end), doc.source.newline + f"HEALTHCHECK {OPTIONS} CMD {probe}")
    titles = {"checker": "Add a HEALTHCHECK that runs a checker copied in from a build stage",
              "template": "Add a HEALTHCHECK (choose a probe the image has)"}
    related = [Related(s.key_path, s.key_span, f'compose service "{s.name}" builds this image')
               for s in services if getattr(s, "key_span", None) is not None]
    yield finding(target.from_.keyword_span, message, severity=None if need.known_base else Severity.INFO,
                  fix=Fix(titles.get(how, "Add a HEALTHCHECK"), (edit,), Applicability.DISPLAY), related=related)


def compose_decides(service) -> bool:
    """The compose service sets its own test, or turns the check off."""
    try:
        return bool(service.has_healthcheck_test or service.healthcheck_disabled)
    except AttributeError:
        return False


def suggested_probe(doc, stage, facts, port, own_port: bool) -> tuple[str, str]:
    """(the text after CMD, which kind of probe) for a probe the image has. A server image on its
    own port gets the table's probe (pg_isready, redis-cli ping, ...); where no HTTP client is known to
    be there, a small checker of the app's own; where we cannot tell, a template to fill in."""
    url = "http://localhost/" if port == "80" else f"http://localhost:{port or 'PORT'}/"
    if own_port and facts is not None and facts.dockerfile_probe:
        return facts.dockerfile_probe.removeprefix("HEALTHCHECK CMD "), "image"

    answers = {tool: tool_available(tool, facts, doc, stage) if facts is not None else None
               for tool in ("curl", "wget", "python3", "python", "node")}
    if answers["curl"]:
        argv = ["curl", "-fsS", "-o", "/dev/null", url]
    elif answers["wget"]:
        argv = ["wget", "-q", "--spider", url]
    elif answers["python3"] or answers["python"]:
        name = "python3" if answers["python3"] else "python"
        argv = [name, "-c", f"import urllib.request as u; u.urlopen('{url}', timeout=4)"]
    elif answers["node"]:
        argv = ["node", "-e", f"require('http').get('{url}', r => process.exit(r.statusCode < 400 ? 0 : 1))"
                              ".on('error', () => process.exit(1))"]
    elif answers["curl"] is False and answers["wget"] is False:
        return json.dumps([CHECKER, url]), "checker"
    else:
        return json.dumps(["<probe>", url]), "template"
    return json.dumps(argv), argv[0]


def label(stage) -> str:
    return f"stage '{stage.name}'" if stage.name else "the image"
