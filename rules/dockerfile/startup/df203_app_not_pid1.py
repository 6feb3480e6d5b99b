"""## What it does
Reports a `CMD` or `ENTRYPOINT` of the built image whose shell keeps PID 1 while the app runs as its
child: a shell-form command, or an exec-form one that runs `sh -c '...'` (`CMD ["sh", "-c", "migrate
&& gunicorn app"]`), that chains commands (`&&`, `||`, `;`, `|`, or ends inside an `if` / `{ ... }`
block) and does not `exec` the last one, the app. Also an app started in the background (`java -jar
app.jar & tail -f app.log`, `a & b & wait`): no shell passes SIGTERM to it, and `exec` before the last
command changes nothing there: run the app in the foreground, or under an init that signals the whole
group (`tini -g`).

Whether the shell execs the last command itself depends on what `/bin/sh` is (FACTS.md §1, measured):
BusyBox ash (Alpine, any `*-alpine` tag, a Dockerfile that runs `apk`) execs it in a list or block, so
only a pipeline is reported there; bash (the RHEL family, a Dockerfile that runs yum or dnf) execs it
in a top-level `a && b` or `a; b`, not in `x; a && b`, a block, or with a redirection; dash (Debian,
Ubuntu, a Dockerfile that runs apt-get) never does. Where the shell cannot be told (a base the image
table does not know and no package manager to go by) the finding is `info`.

Judged on the target stage (its own or inherited `CMD` / `ENTRYPOINT`). Not reported: a lone command,
a script that sets a `trap`, a last command that is no app (a keep-alive such as `sleep` or `tail -f`,
a one-shot `ls`, `cp` or `echo`, an interactive shell), a last command in a loop, a stage with a
`SHELL` (a custom shell behaves its own way), Windows images, an `ENTRYPOINT` of `dumb-init` or `tini
-g`, and an exec-form `ENTRYPOINT` that only takes the `CMD` as arguments (`["python", "app.py"]`).

Whether a command is in shell form at all is DF204's concern (hadolint's DL3025, BuildKit's
JSONArgsRecommended); this rule reports only a shell that keeps PID 1 from the app.

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
(not in a pipeline or block, not behind a background app). It is unsafe: the app then becomes PID 1 itself, and a program
without its own SIGTERM handler ignores the signal as PID 1 (use `docker run --init` or tini
then); an `EXIT` trap no longer runs.
"""
from lint.api import (
    DOCKERFILE, SHELLS, Applicability, Edit, Fix, Severity, Span, finding, inner_script, rule, runs_arguments,
    script_of, sh_flavour, start_instructions,
)

# what may come last without being the app: builtins, keep-alives, one-shot commands, an interactive
# shell, and the words that close a block (a stray `fi` in a broken script)
NOT_THE_APP = {"wait", "exit", "return", "true", "false", ":", "echo", "printf", "read", "set", "trap", "sleep",
               "tail", "ls", "cp", "mv", "cat", "rm", "mkdir", "chmod", "chown", "ln", "touch", "date", "env",
               "fi", "done", "esac", "}", "then", "else", *SHELLS}
WINDOWS = ("windows", "nanoserver", "servercore")


@rule(DOCKERFILE, severity=Severity.WARNING, fix=Applicability.UNSAFE)
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    chain = [*reversed(doc.ancestors(stage)), stage]
    if any(ins.keyword == "SHELL" for each in chain for ins in each.instructions):
        return
    base = chain[0].base_resolved or chain[0].base
    if any(word in base.lower() for word in WINDOWS):
        return
    facts = ctx.image(chain[0].base_resolved)
    if facts is not None and facts.shell is False:
        return  # no shell at all: shell form cannot start (DF106's concern)
    start = started_by(chain)
    if start is None:
        return
    script, shell = script_and_shell(start)
    if script is None or script.problems:
        return  # an unterminated quote: we cannot tell what runs last
    if any(c.name == "trap" for c in script.commands):
        return  # the script handles the signals itself
    flavour = sh_flavour(chain, facts) if shell == "sh" else shell
    label = f"{'/bin/sh' if shell == 'sh' else shell}{f' ({flavour})' if flavour and flavour != shell else ''}"
    where = start.keyword

    background = backgrounded_app(script)
    if background is not None:
        name = background.effective.name or background.name
        yield finding(background.span, f"{where} runs `{name}` in the background: `docker stop`'s SIGTERM never "
                                       f"reaches it; run it in front or under tini -g")
        return
    last = app_command(script)
    if last is None:
        return
    shape = shape_of(script, last)
    severity = None
    if shape == "pipeline":
        last = pipeline_start(script, last)  # `app | tee log`: the app is the first element
        name = last.effective.name or last.name
        message = f"{where} runs `{name}` in a pipeline: {label} stays PID 1 and SIGTERM from `docker stop` never reaches it"
    else:
        # Whether `sh -c` execs the last command itself (FACTS.md §1): BusyBox ash does for a list or
        # block; bash for a top-level `a && b` or `a; b`; dash never.
        if flavour == "ash" or (flavour == "bash" and bash_execs(script, last, shape)):
            return
        name = last.effective.name or last.name
        if flavour is None:
            severity = Severity.INFO
            message = (f"{where} runs `{name}` as a child of {label} if that is dash (Debian, Ubuntu): SIGTERM "
                       f"from `docker stop` would not reach it")
        else:
            message = f"{where} runs `{name}` as a child of {label}: SIGTERM from `docker stop` never reaches it"
    fix = None
    if shape == "list" and last.name_word is not None:
        at = last.name_word.span.start
        fix = Fix(f"Start `{name}` with exec", (Edit(doc.path, Span(at, at), "exec "),), Applicability.UNSAFE)
    yield finding(last.span, message, severity=severity, fix=fix)


def started_by(chain):
    """The CMD or ENTRYPOINT whose command the container runs through a shell, or None: a shell-form
    ENTRYPOINT (it ignores CMD), an exec-form ENTRYPOINT running `sh -c '...'`, or the CMD an exec-form
    ENTRYPOINT runs as a command (not one an app only takes as arguments, nor under an init that signals
    the whole process group)."""
    cmd, entrypoint = start_instructions(chain)
    if entrypoint is not None and entrypoint.command is not None:
        if not entrypoint.command.exec_form:
            return entrypoint
        script, _ = script_and_shell(entrypoint)
        if script is not None and not any("$@" in w.value or "$*" in w.value for c in script.commands for w in c.words):
            return entrypoint  # ["sh", "-c", "migrate && serve"]: CMD at most fills $0
        if signals_group(script_of(entrypoint.command)) or not runs_arguments(entrypoint):
            return None
    if cmd is None or cmd.command is None:
        return None
    return cmd


def script_and_shell(ins):
    """(the script, the shell that runs it: 'sh' for /bin/sh) of a shell-form instruction or an exec-form
    one that runs `sh -c '...'` (bash, ash, dash); (None, None) for any other exec form."""
    script = script_of(ins.command)
    if not ins.command.exec_form:
        return script, "sh"
    if len(script.commands) != 1:
        return None, None
    command = script.commands[0]
    inner = inner_script(command)
    if inner is None or command.name_word is None:
        return None, None
    shell = command.effective.name
    return inner, "sh" if shell == "sh" else shell


def bash_execs(script, last, shape) -> bool:
    """bash as /bin/sh execs the last command of a top-level list (`a && b`, `a; b`), but not of
    `x; a && b`, not inside a block, and not with a redirection on it."""
    if shape != "list" or last.redirects:
        return False
    before = script.commands[:script.index(last)]
    return not (last.op_before in ("&&", "||") and any(c.op_after == ";" for c in before))


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


def backgrounded_app(script):
    """An app started in the background (`java -jar app.jar & tail -f log`) at the top level of a
    script that does not wait for it in the foreground: no shell passes SIGTERM to it."""
    commands = script.commands
    for command in commands[:-1]:
        if command.op_after != "&" or command.in_loop or command.in_condition:
            continue
        if (command.effective.name or command.name) in NOT_THE_APP | {None}:
            continue
        return command
    return None


def app_command(script):
    """The last command when the script chains several and does not exec it; None otherwise."""
    commands = script.commands
    if len(commands) < 2:
        return None
    last = commands[-1]
    if last.is_exec or last.op_after == "&" or last.in_loop or last.in_condition:
        return None
    if last.name is None or last.name in NOT_THE_APP or (last.effective.name or "") in NOT_THE_APP:
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
