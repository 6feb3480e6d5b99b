"""## What it does
Reports a built image that is a network service and has no `HEALTHCHECK`: its target stage (and the
stages it is built from) has none, its base image has none of its own, and it `EXPOSE`s a port or
starts from a known server image (nginx, httpd, tomcat, .NET aspnet, postgres, ...).

Not reported: `HEALTHCHECK NONE` (a choice), a `HEALTHCHECK` in a parent stage, a base image known
to bring its own, a compose service that builds this Dockerfile and sets `healthcheck.test` or
`disable`, and a run with `runtime = "kubernetes"` (Kubernetes ignores a Dockerfile `HEALTHCHECK`
and uses the pod's probes). When the base image is not in the image table the finding is only
`info`: it may bring a check of its own.

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
one the image really has: curl, else wget (BusyBox or GNU), else the image's Python or Node.js, else
a small checker program built in its own stage and copied in with `COPY --from`.
"""
import json

from lint import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule

OPTIONS = "--interval=30s --timeout=5s --start-period=10s --retries=3"
CHECKER = "/usr/local/bin/healthcheck"


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.DISPLAY)
def check(doc, ctx):
    from lint.probes import stage_chain

    target = ctx.target_stage(doc)
    if target is None:
        return
    chain = stage_chain(doc, target)
    if any(stage.find("HEALTHCHECK") for stage in chain):
        return
    base = chain[0].base_resolved
    facts = ctx.image(base) if base else None
    if facts is not None and facts.healthcheck:
        return
    if any(compose_decides(service) for service in ctx.building(doc)):
        return
    ports = exposed_ports(chain)
    server = bool(facts is not None and facts.server)
    if not ports and not server:
        return
    port = ports[0] if ports else next((p.split("/")[0] for p in facts.ports or () if not p.endswith("/udp")), None)
    probe, how = suggested_probe(doc, target, facts, port, own_port=not ports)
    why = f"EXPOSE {ports[0]}" if ports else f"{base} is a server image"
    unknown = facts is None or facts.healthcheck is None
    message = (f"{label(target)} is a network service ({why}) without a HEALTHCHECK: Docker only knows the "
               f"process runs, not that it answers, so a hung or failing app still counts as up")
    if how == "checker" and facts is not None:
        message += "; the image has no curl or wget: build a small checker in its own stage and COPY --from it"
    if unknown:
        message += f" (base image {base or chain[0].base} is not in the image table: ignore this if it has its own)"
    last = target.instructions[-1]
    edit = Edit(doc.path, Span(last.span.end, last.span.end), doc.source.newline + f"HEALTHCHECK {OPTIONS} CMD {probe}")
    title = "Add a HEALTHCHECK" + (" that runs a checker copied in from a build stage" if how == "checker" else "")
    yield finding(target.from_.keyword_span, message, severity=Severity.INFO if unknown else None,
                  fix=Fix(title, (edit,), Applicability.DISPLAY))


def compose_decides(service) -> bool:
    """The compose service sets its own test, or turns the check off."""
    try:
        return bool(service.has_healthcheck_test or service.healthcheck_disabled)
    except AttributeError:
        return False


def exposed_ports(chain) -> list[str]:
    """TCP ports EXPOSEd by the stage chain, in order (`8080/tcp` -> `8080`; variables skipped)."""
    ports = []
    for stage in chain:
        for ins in stage.find("EXPOSE"):
            for word in ins.args.text.split():
                number, _, protocol = word.partition("/")
                if protocol.lower() in ("", "tcp") and number.split("-")[0].isdigit():
                    ports.append(number.split("-")[0])
    return ports


def suggested_probe(doc, stage, facts, port, own_port: bool) -> tuple[str, str]:
    """(the text after CMD, which kind of probe) for a probe the image has. A server image on its
    own port gets the table's probe (pg_isready, redis-cli ping, ...)."""
    from lint.probes import tool_available

    url = "http://localhost/" if port == "80" else f"http://localhost:{port or 'PORT'}/"
    if own_port and facts is not None and facts.dockerfile_probe:
        return facts.dockerfile_probe.removeprefix("HEALTHCHECK CMD "), "image"

    def has(tool: str) -> bool:
        return facts is not None and tool_available(tool, facts, doc, stage) is True

    if has("curl"):
        argv = ["curl", "-fsS", "-o", "/dev/null", url]
    elif has("wget"):
        argv = ["wget", "-q", "--spider", url]
    elif has("python3") or has("python"):
        name = "python3" if has("python3") else "python"
        argv = [name, "-c", f"import urllib.request as u; u.urlopen('{url}', timeout=4)"]
    elif has("node"):
        argv = ["node", "-e", f"require('http').get('{url}', r => process.exit(r.statusCode < 400 ? 0 : 1))"
                              ".on('error', () => process.exit(1))"]
    else:
        return json.dumps([CHECKER, url]), "checker"
    return json.dumps(argv), argv[0]


def label(stage) -> str:
    return f"stage '{stage.name}'" if stage.name else "the image"
