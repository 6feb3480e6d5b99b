"""## What it does
Reports a `CMD` or `ENTRYPOINT` in shell form (`CMD node server.js`) while no `SHELL` is in effect, as
BuildKit's check does, and one that was meant as JSON but is not valid JSON (`CMD ['app', '-v']`,
`CMD [./run.sh]`): Docker then runs the text as a shell command, which fails at start-up. An `ONBUILD
CMD` in shell form is reported too: the images built on this one get it. A shell-form `HEALTHCHECK CMD` is not reported: the probe is meant to run
through a shell, signals do not matter to it, and Docker gives it no JSON advantage (hadolint's DL3025
flags it, wrongly). A `SHELL` instruction earlier in the stage, or in a stage it is built on, silences
it: the author chose the shell that runs the command.

hadolint: DL3025 *Use arguments JSON notation for CMD and ENTRYPOINT arguments*; BuildKit:
JSONArgsRecommended.

## Why is this bad?
Shell form runs `/bin/sh -c "<text>"`. Where that shell stays PID 1 and runs the app as its child
(dash, the `/bin/sh` of Debian and Ubuntu, does even for a single command), `docker stop`'s SIGTERM
goes to the shell, which does not pass it on: the app never shuts down cleanly and is killed after
10 seconds. A shell-form `ENTRYPOINT` also ignores `CMD` and the arguments of `docker run`.

## Example
```dockerfile
FROM node:22-bookworm-slim
COPY . /app
CMD node /app/server.js
```

## Use instead
```dockerfile
FROM node:22-bookworm-slim
COPY . /app
CMD ["node", "/app/server.js"]
```

## Fix safety
For a list written with single quotes the fix writes the JSON it was meant to be. For a simple command (words only: no variable, quote, glob, redirection, operator or comment) the fix
writes it in exec form, dropping a leading `exec`. It is unsafe: the app becomes PID 1 (a program
without its own SIGTERM handler then ignores the signal: use `docker run --init` or tini), and an
exec-form `ENTRYPOINT` takes `CMD` as arguments, so it is not offered for an `ENTRYPOINT` whose stage
also sets a `CMD`.
"""
import ast
import json

from lint.api import (
    DOCKERFILE, Applicability, Edit, Fix, Severity, exec_form_words, finding, rule, shell_in_effect,
)


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.UNSAFE, aliases=("DL3025", "JSONArgsRecommended"))
def check(doc, ctx):
    for stage in doc.stages:
        for each in stage.instructions:
            ins = each.inner if each.keyword == "ONBUILD" and each.inner is not None else each
            if ins.keyword not in ("CMD", "ENTRYPOINT") or ins.command is None or ins.command.exec_form:
                continue
            if not ins.command.text.text.strip() or shell_in_effect(doc, stage, each) is not None:
                continue
            if ins.command.text.text.lstrip().startswith("["):
                message = (f"{ins.keyword} is not valid JSON (single quotes? unquoted words?): Docker runs it as shell "
                           f"text starting with `[`, which fails")
            elif ins.keyword == "ENTRYPOINT":
                message = ("shell-form ENTRYPOINT runs under /bin/sh -c: it ignores CMD and `docker run` arguments, "
                           "and SIGTERM may never reach the app")
            else:
                message = ("shell-form CMD runs under /bin/sh -c: on dash (Debian, Ubuntu) the shell stays PID 1 and "
                           "SIGTERM never reaches the app")
            yield finding(ins.command.span, message, fix=exec_fix(doc, stage, ins))


def exec_fix(doc, stage, ins):
    words = meant_json(ins.command.text.text) or exec_form_words(doc, ins.command)
    if words is None or (ins.keyword == "ENTRYPOINT" and stage.find("CMD")):
        return None
    text = json.dumps(words, ensure_ascii=False)
    return Fix(f"Write {ins.keyword} in exec form", (Edit(doc.path, ins.command.span, text),), Applicability.UNSAFE)


def meant_json(text: str) -> list[str] | None:
    """The strings of a list written with single quotes (`['crond', '-f']`), which JSON does not accept."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")) or "'" not in text:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None
