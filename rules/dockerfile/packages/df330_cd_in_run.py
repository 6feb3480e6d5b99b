"""## What it does
Reports a `cd` that is the last command of a RUN script (`RUN cd /app`, `RUN git clone … /src && cd /src`):
it changes the directory of a shell that ends right after it.

hadolint: DL3003 *Use WORKDIR to switch to a directory*. hadolint reports every `cd` in a RUN. It is silent
here where the directory is used by the later commands of the same RUN (`cd /src && ./configure && make &&
cd / && rm -rf /src`): that is how a build in a scratch directory stays in one layer, and WORKDIR instead
would need more layers and leave the directory in the image (hadolint issues #70, #422, which users answer by
ignoring DL3003). A `cd` in a subshell or a pipeline (`(cd /tmp && make)`, which hadolint 2.15 reports) does
not outlast it by design, and a last `cd ..` (`-`, `~`, `/`) after an earlier `cd` of the same script only
tidies up.

## Why is this bad?
Every RUN starts in the WORKDIR in effect; the directory a RUN's shell moves to is gone when it exits.
A trailing `cd` does nothing, and the next RUN, COPY or CMD still runs where it did before, which is rarely
what its author meant.

## Example
```dockerfile
FROM node:22-alpine
RUN git clone https://github.com/example/app.git /app && cd /app
RUN npm ci
```

## Use instead
```dockerfile
FROM node:22-alpine
RUN git clone https://github.com/example/app.git /app
WORKDIR /app
RUN npm ci
```

## Fix safety
The fix moves the directory to a `WORKDIR` after the RUN (and drops the `cd`). It is unsafe: every later
instruction of the stage, CMD included, then runs in that directory, and WORKDIR creates it when it is
missing where `cd` would have failed.
"""
from lint.api import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, enclosing, finding, rule, run_commands

BACK = {"..", "-", "~", "$HOME", "${HOME}", "/"}  # where a script returns to after an earlier `cd`


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.UNSAFE, aliases=("DL3003",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "RUN" or ins.command is None:
            continue
        written = doc.source.text[ins.span.start:ins.span.end]
        if "cd" not in written:
            continue
        for rc in run_commands(ins):
            cmd = rc.command
            if cmd.name != "cd" or rc.script.commands[-1] is not cmd or enclosing(cmd):
                continue
            if _goes_back(cmd) and any(c.name == "cd" for c in rc.script.commands[:-1]):
                continue  # `cd src && make && cd ..`: tidying up after itself, not a directory meant to last
            target = cmd.args[-1].value if cmd.args else "~"
            shown = f"cd {target}" if cmd.args else "cd"
            yield finding(cmd.name_word.span,
                          f"`{shown}` is the last command of the RUN: the directory change ends with it; "
                          f"use WORKDIR", fix=_workdir_fix(doc, ins, rc, cmd))


def _goes_back(cmd) -> bool:
    return not cmd.args or cmd.args[-1].value in BACK


def _workdir_fix(doc, ins, rc, cmd):
    """`RUN cd /app` -> `WORKDIR /app`; `RUN a && cd /app` -> `RUN a` then `WORKDIR /app`."""
    if rc.depth or ins.heredocs or ins.command.exec_form or len(cmd.args) != 1:
        return None
    target = cmd.args[0]
    if target.has_expansion or not target.value.startswith("/") or target.value.startswith("-"):
        return None
    commands = rc.script.commands
    title = f"Move the directory to WORKDIR {target.value}"
    if len(commands) == 1:
        return Fix(title, (Edit(doc.path, Span(ins.span.start, ins.span.end), f"WORKDIR {target.raw}"),),
                   Applicability.UNSAFE)
    if cmd.op_before not in ("&&", ";"):
        return None
    previous = commands[-2]
    if enclosing(previous):
        return None  # `(a) && cd /x`, `a | b && cd /x`: the operator may not follow the last word
    if "#" in doc.source.text[previous.span.end:cmd.span.start]:
        return None  # a comment line inside the continuation would go with the `cd`
    line_end = doc.source.line_span(ins.end_line).end
    return Fix(title, (Edit(doc.path, Span(previous.span.end, cmd.span.end), ""),
                       Edit(doc.path, Span(line_end, line_end), f"{doc.source.newline}WORKDIR {target.raw}")),
               Applicability.UNSAFE)
