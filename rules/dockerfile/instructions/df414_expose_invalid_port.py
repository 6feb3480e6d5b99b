"""## What it does
Reports `EXPOSE` ports Docker refuses: a number above 65535, a range whose end is below its start, a
protocol other than `tcp`, `udp` or `sctp`, text that is no port. Also a host mapping written in
`EXPOSE` (`EXPOSE 8080:80`, `EXPOSE 127.0.0.1:80:80`): Docker keeps only the container port and warns
(BuildKit check `ExposeInvalidFormat`); publishing is `docker run -p`'s or compose's job.

A port given by a variable (`EXPOSE ${PORT}`) is judged when an `ARG` or `ENV` default gives its value,
else not.

hadolint: DL3011 *Valid UNIX ports range from 0 to 65535* (hadolint cannot read `EXPOSE 8080:80` at
all and stops linting the file).

## Why is this bad?
An invalid port fails the build ("invalid containerPort", "invalid proto", "invalid range"). A host
mapping in `EXPOSE` does not publish anything: readers believe the port is bound on the host when it is
not.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80 80800/tcp
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80 8080/tcp
```
"""
import re

from lint.api import DOCKERFILE, Severity, Span, expand, finding, rule, variables_at

PROTOCOLS = ("tcp", "udp", "sctp")
MAX_PORT = 65535


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL3011", "ExposeInvalidFormat"))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword == "ONBUILD" and ins.inner is not None:
            ins = ins.inner
        if ins.keyword != "EXPOSE" or ins.stage is None:
            continue
        text = ins.args.text
        for match in re.finditer(r"[^\t\n\v\f\r ]+", text):
            word = match.group()
            span = ins.args.span(match.start(), match.end())
            value = expand(word, variables_at(doc, ins)) if "$" in word else word.strip("\"'")
            if value is None or "[" in value:
                continue  # a value known only at build time; an IPv6 address
            yield from _judge(word, value, span)


def _judge(word: str, value: str, span: Span):
    port, _, proto = value.partition("/")
    shown = _short(word) if word == value else f"{_short(word)} ({_short(value, 20)})"
    if proto and proto.lower() not in PROTOCOLS:
        yield finding(span, f"EXPOSE {shown}: '{proto}' is no protocol (tcp, udp or sctp): the build fails")
        return
    parts = port.split(":")
    container = parts[-1]
    problem = _port_problem(container)
    if problem:
        yield finding(span, f"EXPOSE {shown}: {problem}: the build fails")
    elif len(parts) > 1:
        yield finding(span, f"EXPOSE {shown} maps a host port, which EXPOSE cannot: it exposes container port "
                            f"{container} only; publish with -p or compose ports",
                      severity=Severity.WARNING)


def _port_problem(port: str) -> str | None:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", port)
    if not match:
        return f"'{port}' is no port number"
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) is not None else start
    if start > MAX_PORT or end > MAX_PORT:
        return f"ports range from 0 to {MAX_PORT}"
    if end < start:
        return f"the range {port} ends below its start"
    return None


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
