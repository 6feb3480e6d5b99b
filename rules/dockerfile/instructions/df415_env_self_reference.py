"""## What it does
Reports an `ENV` that sets a variable and uses it in another of its own values: `ENV A=1 B=$A`.
Docker expands every value of one `ENV` with the variables as they were *before* the instruction, so
`B` gets the old value of `A` (empty when it was unset, or whatever the base image set), not `1`.

Reported: a use after the definition (`A=1 B=$A`), and a use before it (`B=$A A=1`) when `A` had no
value from this Dockerfile before. Not reported: a value that uses its own name (`ENV PATH=/opt/bin:$PATH`
extends the previous value on purpose; `A=$A` keeps it, so later uses get the same), a use in single quotes or after the escape character (no
expansion), and `B=$A A=2` where `A` was set earlier (`B` gets that earlier value, as written).

hadolint: DL3044 *Do not refer to an environment variable within the same `ENV` statement where it is
defined.* hadolint stays silent whenever the name was defined anywhere earlier in the file, even in
another stage or with a different value (`ENV V=1` ... `ENV V=2 URL=/v$V` gives `URL=/v1`).

## Why is this bad?
The value is not what the line says: a `PATH` built from a `JAVA_HOME` set on the same line points at
the base image's Java, or at nothing.

## Example
```dockerfile
FROM eclipse-temurin:21-jre
ENV APP_HOME=/opt/app PATH=$APP_HOME/bin:$PATH
```

## Use instead
```dockerfile
FROM eclipse-temurin:21-jre
ENV APP_HOME=/opt/app
ENV PATH=$APP_HOME/bin:$PATH
```
"""
from lint.api import DOCKERFILE, Related, Severity, Span, env_pairs, finding, references, rule, variables_at


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3044",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "ENV" or ins.stage is None:
            continue
        pairs = env_pairs(ins)
        if len(pairs) < 2:
            continue
        defined = {}
        for index, pair in enumerate(pairs):
            if pair.value.raw not in (f"${pair.name}", f"${{{pair.name}}}"):
                defined.setdefault(pair.name, index)  # `A=$A` keeps the value: later uses get the same
        before = None
        for index, pair in enumerate(pairs):
            stale = []
            for ref in references(pair.value.raw, doc.escape):
                where = defined.get(ref.name)
                if where is None or ref.name == pair.name or any(r.name == ref.name for r in stale):
                    continue
                if before is None:
                    before = variables_at(doc, ins)
                if where > index and ref.name in before:
                    continue  # B=$A A=2: B takes the earlier A, in the order written
                stale.append(ref)
            if not stale:
                continue
            first = stale[0]
            earlier = before.get(first.name)
            old = (f"'{_short(earlier, 20)}'" if isinstance(earlier, str) else
                   "an earlier one" if first.name in before else "unset or the base's")
            names = " and ".join(f"${r.name}" for r in stale)
            spans = [Span(pair.value.span.start + r.start, pair.value.span.start + r.end) for r in stale]
            values, them = ("values", "them") if len(stale) > 1 else ("value", "it")
            yield finding(spans[0], f"{pair.name} uses {names} from before this ENV ({old}), not the {values} set here: "
                                    f"set {them} in an earlier ENV",
                          related=[Related(doc.path, span, "also set in the same ENV") for span in spans[1:]])


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."
