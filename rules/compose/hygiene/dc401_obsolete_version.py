"""## What it does
Reports the top-level `version:` key of a compose file.

## Why is this bad?
Compose v2 ignores it and warns "the attribute `version` is obsolete" on every run; the file format is
the Compose Specification whatever the number says. It misleads readers into thinking features are
limited to that version. Only `docker stack deploy` on a Docker CLI older than 23.0 still needs it.

Not reported for a file written for another tool, by its folder or file name: Swarm stacks (`swarm`),
where an older CLI needs the key, and podman-compose (`podman`), which never warned about it.

## Example
```yaml
version: "3.7"
services:
  web:
    image: nginx:1.27
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
```

## Fix safety
The line is deleted, with the blank line after it when it is the file's first key. Safe, except in a
file with `deploy:` sections, where it is unsafe: an old
`docker stack deploy` (Docker CLI before 23.0) rejects a file without `version`.
"""
from lint.api import COMPOSE, Applicability, Edit, Fix, Severity, finding, line_removal, path_words, rule

OTHER_TOOLS = frozenset({"swarm", "podman"})  # folder or file-name words of files for another tool


@rule(COMPOSE, severity=Severity.INFO, fix=Applicability.SAFE)
def check(doc, ctx):
    root = doc.root
    version = root.get("version") if root is not None else None
    if version is None or version.key_span is None or version.path != doc.path:
        return
    if OTHER_TOOLS & set(path_words(doc.path, getattr(ctx.project, "root", None))[1]):
        return  # a Swarm stack (older CLIs need the key) or a podman-compose file
    uses_swarm = any(service.get("deploy") is not None for service in doc.services.values())
    source = doc.source
    span = line_removal(source, source.position(version.key_span.start)[0], source.position(version.span.end)[0])
    applicability = Applicability.UNSAFE if uses_swarm else Applicability.SAFE
    fix = Fix("Remove the obsolete `version` line", (Edit(doc.path, span, ""),), applicability)
    yield finding(version.key_span, "`version` is obsolete: compose ignores it and warns on every run", fix=fix)
