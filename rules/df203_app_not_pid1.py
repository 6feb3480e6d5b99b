"""## What it does
Reports a shell-form `CMD` or `ENTRYPOINT` of the built image that chains commands (`&&`, `||`,
`;`, `|`, or ends inside an `if` / `{ ... }` block) and does not `exec` the last one, the app.

Judged on the target stage (its own or inherited `CMD` / `ENTRYPOINT`). Not reported: a lone
command, a script that sets a `trap`, a last command in the background or a loop, a stage with a
`SHELL` (a custom shell behaves its own way), Windows images, an `ENTRYPOINT` of `dumb-init` or
`tini -g` (they signal the whole process group), an exec-form `ENTRYPOINT` that only takes the
`CMD` as arguments (`["python", "app.py"]`: no shell runs it), and a base whose `/bin/sh` is BusyBox ash
(Alpine), which execs the last command of a list or block itself. Pipelines are reported for
every shell. Reported as info where the shell might exec the app: a base the image table does
not know, or a list on a base whose `/bin/sh` is bash (5.1 and later exec it unless it has a
redirection).

## Why is this bad?
Shell form runs `/bin/sh -c "<text>"`. With dash, the `/bin/sh` of Debian and Ubuntu images, the
shell stays PID 1 and runs the app as its child. `docker stop` sends SIGTERM to PID 1 only: the
shell does not pass it on, the app never shuts down cleanly (open requests cut, no flush, no
deregistration), and after 10 seconds Docker kills everything with SIGKILL.

## Example
```dockerfile
FROM debian:bookworm-slim
COPY server /usr/local/bin/server
CMD server migrate && server serve
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
COPY server /usr/local/bin/server
CMD server migrate && exec server serve
```

## Fix safety
The fix inserts `exec ` before the last command when it stands at the top level of the script
(not in a pipeline or block). It is unsafe: the app then becomes PID 1 itself, and a program
without its own SIGTERM handler ignores the signal as PID 1 (use `docker run --init` or tini
then); an `EXIT` trap no longer runs.
"""
from lint import DOCKERFILE, Applicability, Edit, Fix, Severity, Span, finding, rule
from lint.startup import runs_arguments, start_instructions

NOT_THE_APP = {"wait", "exit", "return", "true", "false", ":", "echo", "printf", "read", "set", "trap"}
WINDOWS = ("windows", "nanoserver", "servercore")


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.UNSAFE, aliases=("DL3025", "JSONArgsRecommended"))
def check(doc, ctx):
    from lint.shell import script_of

    stage = ctx.target_stage(doc)
    if stage is None:
        return
    chain = [*reversed(doc.ancestors(stage)), stage]
    if any(ins.keyword == "SHELL" for each in chain for ins in each.instructions):
        return
    base = chain[0].base_resolved or chain[0].base
    if any(word in base.lower() for word in WINDOWS):
        return
    cmd, entrypoint = start_instructions(chain)
    if entrypoint is not None and entrypoint.command is not None:
        if not entrypoint.command.exec_form:
            cmd = entrypoint  # a shell-form ENTRYPOINT ignores CMD
        elif signals_group(script_of(entrypoint.command)) or not runs_arguments(entrypoint):
            return
    if cmd is None or cmd.command is None or cmd.command.exec_form:
        return
    script = script_of(cmd.command)
    if script.problems:
        return  # an unterminated quote: we cannot tell what runs last
    last = app_command(script)
    if last is None:
        return
    shape = shape_of(script, last)
    facts = ctx.image(chain[0].base_resolved)
    if facts is not None and facts.shell is False:
        return  # no shell at all: shell form cannot start (DF106's concern)
    sh = getattr(facts, "sh", None) if facts is not None else None
    # Whether `sh -c` execs the last command itself (checked with dash 0.5.12, bash 5.2, BusyBox
    # 1.35): dash never does; ash does for a list (`a && b`, `a; b`) and inside a block (if, { }, ( ));
    # bash 5.2 does for a list without redirections, older bash not for `;`; none does in a pipeline.
    severity, note = None, ""
    if shape != "pipeline":
        if sh == "ash":
            return  # BusyBox ash execs the last command of a list or block itself
        if sh == "bash" and shape == "list" and not last.redirects:
            severity, note = Severity.INFO, " (only recent bash versions exec it themselves)"
        elif sh is None:
            severity, note = Severity.INFO, " (if /bin/sh is dash, as on Debian and Ubuntu bases)"
    if shape == "pipeline":
        last = pipeline_start(script, last)  # `app | tee log`: the app is the first element
    name = last.effective.name or last.name or "the app"
    where = "in a pipeline under /bin/sh" if shape == "pipeline" else "without exec, as a child of /bin/sh"
    message = (f"{cmd.keyword} runs `{name}` {where}{note}: `docker stop` signals the shell, which does not "
               f"pass SIGTERM on, so the app is killed after 10s")
    fix = None
    if shape == "list" and last.name_word is not None:
        at = last.name_word.span.start
        fix = Fix(f"Start `{name}` with exec", (Edit(doc.path, Span(at, at), "exec "),), Applicability.UNSAFE)
    yield finding(last.span, message, severity=severity, fix=fix)


def signals_group(script) -> bool:
    """An init that passes signals to the whole process group: dumb-init (unless --single-child),
    tini -g."""
    if len(script.commands) != 1:
        return False
    words = script.commands[0].words
    name = words[0].value.rsplit("/", 1)[-1] if words else ""
    options = {w.value for w in words[1:] if w.value.startswith("-")}
    if name == "dumb-init":
        return not options & {"-c", "--single-child"}
    return name == "tini" and "-g" in options


def app_command(script):
    """The last command when the script chains several and does not exec it; None otherwise."""
    commands = script.commands
    if len(commands) < 2 or any(c.name == "trap" for c in commands):
        return None
    last = commands[-1]
    if last.is_exec or last.op_after == "&" or last.in_loop or last.in_condition:
        return None
    if last.name is None or last.name in NOT_THE_APP:
        return None
    return last


def pipeline_start(script, last):
    i = script.index(last)
    while i > 0 and script.commands[i].op_before == "|":
        i -= 1
    return script.commands[i]


def shape_of(script, last) -> str:
    if last.in_pipeline:
        return "pipeline"
    text = script.text
    # anything after the last command but separators and comments closes a block: fi, }, ), done
    end = next((i for i, offset in enumerate(text.offsets) if offset >= last.span.end), len(text.text))
    rest = text.text[end:]
    rest = "\n".join(line.split("#", 1)[0] for line in rest.splitlines())
    if rest.strip(" \t\r\n;&\\"):
        return "block"
    return "list"
