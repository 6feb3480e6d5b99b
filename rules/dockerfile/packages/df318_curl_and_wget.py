"""## What it does
Reports a stage whose RUN instructions download with both `curl` and `wget`: one finding per stage, at
the first use of the second tool, with the first use of the other one as related place. Off by default
and `info`: it is a matter of taste.

hadolint: DL4001 *Either use Wget or Curl but not both*. hadolint reports every RUN after the point
where both were seen; here the stage gets one finding.

## Why is this bad?
Both tools do the same job in a Dockerfile. When each is installed for it, the image carries two
download tools (and their libraries) where one would do, and readers must know two sets of options
(`curl -fsSL` does not fail the way `wget -q` does).

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl wget ca-certificates
RUN curl -fsSL -o /tmp/a.tgz https://example.org/a.tgz
RUN wget -q -O /tmp/b.tgz https://example.org/b.tgz
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
RUN curl -fsSL -o /tmp/a.tgz https://example.org/a.tgz
RUN curl -fsSL -o /tmp/b.tgz https://example.org/b.tgz
```
"""
import re

from lint.api import DOCKERFILE, Related, Severity, Span, finding, rule, run_commands, run_instructions

# a download tool run inside a command substitution: `$(curl -s URL)`, `` `wget -qO- URL` ``
IN_SUBSTITUTION = re.compile(r"(?:\$\(|`)\s*(curl|wget)\b")


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL4001",), default=False)
def check(doc, ctx):
    for stage in doc.stages:
        first: dict[str, object] = {}
        for ins in run_instructions(stage, ("curl", "wget")):
            for rc in run_commands(ins):
                name = rc.name
                if name in ("curl", "wget") and name not in first and rc.command.effective.name_word is not None:
                    first[name] = rc.command.effective.name_word.span
                for word in rc.command.words:
                    for m in IN_SUBSTITUTION.finditer(word.value) if word.has_expansion else ():
                        if m.group(1) not in first and len(word.offsets) > m.end(1):
                            first[m.group(1)] = Span(word.offsets[m.start(1)], word.offsets[m.end(1) - 1] + 1)
            if len(first) == 2:
                break
        if len(first) < 2:
            continue
        (one, one_span), (other, other_span) = sorted(first.items(), key=lambda item: item[1].start)
        yield finding(other_span, f"this stage downloads with both {one} and {other}: one tool is enough",
                      related=(Related(doc.path, one_span, f"{one} is used here"),))
