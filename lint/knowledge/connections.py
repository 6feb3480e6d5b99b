"""Which services a compose service connects to: hosts named in its environment, command and entrypoint
(URLs, host:port, *_HOST variables, libpq host=), as DC204 and DC206 judge start order by them."""
from __future__ import annotations

import re

HOST_SUFFIXES = ("_HOST", "_URL", "_ADDR", "_DSN", "_SERVER")
URL = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://(?P<authority>[^/?#\s\"'<>]*)")
HOST_PORT = re.compile(r"(?<![\w.\-/:\x00])(?P<host>[A-Za-z0-9][\w.\-]*):(?P<port>\d{2,5})(?![\w.:@\x00])")
WHOLE_HOST = re.compile(r"\s*(?P<host>[A-Za-z0-9][\w.\-]*)(?::\d{1,5})?\s*\Z")
LIBPQ_HOST = re.compile(r"(?<![\w])host=(?P<host>[A-Za-z0-9][\w.\-]*)")
VARIABLE = re.compile(r"\$\$|\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*")
# telemetry exporters send in the background and retry: a collector that is not up yet stops nothing
TELEMETRY = re.compile(r"(?:^|_)(?:OTEL|OTLP|JAEGER|ZIPKIN|TRACING|TRACES?|TELEMETRY|METRICS|STATSD|SENTRY|LOKI)(?:_|$)",
                       re.I)
# a here-document's body is a file the command writes (a config for later), not a connection it makes
HEREDOC = re.compile(r"<<-?[ \t]*(['\"]?)(?P<word>[A-Za-z_][\w.-]*)\1[^\n]*\n(?P<body>.*?)^[ \t]*(?P=word)[ \t]*$",
                     re.M | re.S)
TWO_DIGIT_PORTS = {21, 22, 25, 53}  # below 80 most `name:NN` are image tags (`postgres:16`), not ports


def connections(services):
    """Which services each service connects to (the first mention of each), and which services each
    written value is used by (a value under an anchor or in an `extends` base is used by several)."""
    names = {name.lower(): name for name in services}
    links: dict[str, dict] = {}
    users: dict[tuple, set] = {}
    for service in services.values():
        mode = service.get("network_mode")
        if mode is not None and mode.text == "host":
            continue  # on the host's network service names do not resolve: another problem than order
        targets = links.setdefault(service.name, {})
        for node, label, start, end, target in mentions(service, names):
            users.setdefault((node.path, node.span), set()).add(service.name)
            if target != service.name and target not in targets and not TELEMETRY.search(label):
                targets[target] = (node, label, start, end)
    return links, users


def runs(service):
    """What program a service runs, as far as the file says: its image, else what it builds."""
    build = service.get("build")
    return (service.image, repr(build.plain()) if build is not None else None)


# ------------------------------------------------------------------------------------- finding hosts

def mentions(service, names):
    """(node, label, start, end, service name) for each host naming a service: start/end index the
    node's YAML value (before interpolation), in the order they are written."""
    environment = service.get("environment")
    if environment is not None and environment.kind == "map":
        for key, node in environment.value.items():
            host_variable = key.upper().endswith(HOST_SUFFIXES)
            yield from scan(node, key, names, host_variable)
    for key in ("command", "entrypoint"):
        node = service.get(key)
        if node is None:
            continue
        for item in node.value if node.kind == "seq" else [node]:
            yield from scan(item, key, names, False)


def scan(node, label, names, host_variable):
    if node is None or node.kind != "scalar" or not isinstance(node.value, str):
        return
    raw = node.value
    # a part that comes from a variable is not known: blank it out, keeping every offset
    masked = VARIABLE.sub(lambda m: m.group(0) if m.group(0) == "$$" else "\x00" * len(m.group(0)), raw)
    if label in ("command", "entrypoint"):
        masked = HEREDOC.sub(lambda m: m.group(0)[:m.start("body") - m.start()] + "\x00" * len(m.group("body"))
                             + m.group(0)[m.end("body") - m.start():], masked)
    found = []
    for match in URL.finditer(masked):
        authority = match.group("authority")
        offset = match.start("authority")
        at = authority.rfind("@") + 1  # user:password@ is not the host
        for part in authority[at:].split(","):
            host = part.split(":", 1)[0]
            if host and not host.startswith("["):
                found.append((offset + at, offset + at + len(host)))
            offset += len(part) + 1
    for match in HOST_PORT.finditer(masked):
        port = int(match.group("port"))
        if port <= 65535 and (port >= 80 or port in TWO_DIGIT_PORTS):
            found.append(match.span("host"))
    if host_variable:
        whole = WHOLE_HOST.match(masked)
        if whole:
            found.append(whole.span("host"))
        found.extend(m.span("host") for m in LIBPQ_HOST.finditer(masked))
    for start, end in sorted(set(found)):
        host = masked[start:end]
        if "\x00" in host:
            continue
        name = names.get(host.lower())
        if name is not None:
            yield node, label, start, end, name


def connects(service, target_name: str, services) -> bool:
    """Whether the service names the target as a host it connects to (telemetry endpoints aside)."""
    names = {name.lower(): name for name in services}
    return any(target == target_name for node, label, _, _, target in mentions(service, names)
               if not TELEMETRY.search(label))
