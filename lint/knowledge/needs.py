"""Does a service or stage need a health check: does it start a server (ports, known server programs,
the base image's nature), or is it a development image, a REPL, a one-shot tool, a generated file?"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from lint.core.source import MappedText
from lint.knowledge import Health, NO, image_facts, service_health
from lint.knowledge.purpose import not_for_serving


# ------------------------------------------------------------------------------------- needs a check

# the programs known server images start (their own CMD / ENTRYPOINT): a Dockerfile that starts one of
# these again keeps the base's server nature
SERVER_PROGRAMS = frozenset({
    "nginx", "httpd", "httpd-foreground", "apache2-foreground", "apache2ctl", "php-fpm", "postgres", "mysqld",
    "mariadbd", "mongod", "redis-server", "memcached", "haproxy", "traefik", "caddy", "rabbitmq-server",
    "catalina.sh", "docker-entrypoint.sh", "elasticsearch",
})
# what a container may run that is no server: a shell or REPL for interactive use, a keep-alive, a one-shot
NOT_A_SERVER = frozenset({
    "sh", "bash", "ash", "dash", "zsh", "fish", "ksh", "sleep", "tail", "true", "false", ":", "echo", "printf",
    "ls", "cp", "cat", "env", "date", "pwd", "id", "whoami", "uname", "tmux", "screen", "vim", "vi", "nvim",
    "emacs", "nano", "htop", "top", "mc", "ranger", "irb", "ipython", "ghci", "pytest", "make", "help",
    "mkdir", "rm", "mv", "chmod", "chown", "ln", "touch", "weechat", "irssi", "mutt", "neomutt", "lynx", "w3m",
    "certbot", "terraform", "ansible", "ansible-playbook", "kubectl", "helm", "aws", "az", "gcloud", "git",
})
# a first argument that makes any tool a one-shot run: `go test`, `npm test`, `mvn package`, `app --version`
ONE_SHOT_ARGS = frozenset({"test", "tests", "lint", "build", "package", "install", "version", "--version", "--help",
                           "help"})
# static-site and front-end tools: they build the site once, or with `serve` / `watch` run a development
# server with live reload
DEV_SERVERS = frozenset({"jekyll", "mkdocs", "hugo", "polymer", "grunt", "gulp", "ember", "gatsby", "webpack",
                         "parcel", "eleventy", "vuepress", "docusaurus", "sphinx-autobuild"})
REPLS = frozenset({"python", "python2", "python3", "node", "php", "ruby", "perl", "R", "julia", "lua"})
# development servers and watchers: the image is for working on the code, not for running it
DEV_COMMANDS = frozenset({"nodemon", "webpack-dev-server", "air", "reflex", "watchexec", "ng", "vite",
                          "next", "nuxt", "gatsby", "vue-cli-service", "react-scripts", "ember"})
DEV_SCRIPTS = frozenset({"dev", "develop", "serve", "watch", "start:dev", "dev:server"})
DEV_NAME = re.compile(r"(?:^|[^a-z])(?:dev|devel|develop|development|debug|local|test|tests|testing|ci|"
                      r"workspace|devcontainer|sandbox)(?:$|[^a-z])", re.IGNORECASE)
GENERATED = re.compile(r"do not edit|generated (?:by|from|via|with|automatically|file)|auto-?generated|"
                       r"automatically generated|generated dockerfile|"
                       # the header of the Dockerfiles a Quarkus project is scaffolded with
                       r"build a container that runs the quarkus application", re.IGNORECASE)


@dataclass
class Need:
    """Why an image serves on the network and so needs a health check it lacks.

    why: one phrase for messages ("EXPOSE 8080", "nginx:1.27 serves by its own CMD").
    known_base: the base image is in the image table and brings no check of its own (False: it may).
    ports: the TCP ports the Dockerfile EXPOSEs (for a suggested probe).
    """

    why: str
    known_base: bool
    base: str | None = None
    facts: Any = None
    ports: list = field(default_factory=list)


def stage_needs_check(dockerfile, stage, ctx=None, services=()) -> Need | None:
    """Whether the image a Dockerfile stage makes is a network service without a health check: the
    one judgement behind DF101 (the Dockerfile) and DC101 (a compose service), so they cannot disagree.

    A service: it EXPOSEs a port and starts a program of its own, or it keeps the CMD / ENTRYPOINT of a
    known server base (nginx, postgres, ...) or starts that server again, or a compose service that
    builds it publishes ports. Not one: a stage that is a dev image (named dev, test, debug, ...; a dev
    server or watcher; a Dockerfile.dev, a workspace or devcontainer folder), an interactive shell,
    REPL or keep-alive, a one-shot script that replaces a server base's start command, an image meant
    to be extended (ONBUILD; no start command of its own on a base that is no server) and a generated
    file (official and vendor images: "DO NOT EDIT")."""
    from lint.knowledge.startup import start_instructions

    chain = [*reversed(dockerfile.ancestors(stage)), stage]
    if any(each.find("HEALTHCHECK") for each in chain):
        return None
    base = chain[0].base_resolved
    facts = image_facts(base, ctx) if base else None
    if facts is not None and facts.healthcheck:
        return None
    if is_generated(dockerfile) or is_dev_image(dockerfile, chain) or any(each.find("ONBUILD") for each in chain):
        return None
    if not_for_serving(dockerfile.path, getattr(getattr(ctx, "project", None), "root", None),
                       [c.text for c in header_comments(dockerfile)]):
        return None  # development, tests, teaching or an example, by its folders or its opening comment
    cmd, entrypoint = start_instructions(chain)
    # a stage that replaces the start command of a stage it is built from does not keep that stage's
    # ports: they belonged to the program it no longer runs
    starting = [i for i, each in enumerate(chain) if each.find("CMD") or each.find("ENTRYPOINT")]
    ports = exposed_ports(chain[starting[-2] + 1:] if len(starting) > 1 else chain)
    if ports and all(port == "22" for port in ports):
        return None  # only sshd: a remote shell or build agent, not a service a probe could judge
    ports.sort(key=lambda port: port == "22")  # name the app's port, not the ssh one
    server_base = bool(facts is not None and facts.server)
    if cmd is None and entrypoint is None:
        if not server_base:
            return None  # the base's own start command: a shell or REPL, or one we do not know
        why = f"{short_image(base)} serves by its own CMD"
    else:
        program = started_program(cmd, entrypoint)
        if program is not None and not_a_server(program):
            return None
        if ports:
            why = f"EXPOSE {ports[0]}"
        elif server_base and program is not None and starts_server(program, facts):
            why = f"it starts {program.name} of {short_image(base)}"
        else:
            why = next((f'compose service "{s.name}" publishes ports' for s in services if publishes(s)), None)
            if why is None:
                return None
    known = facts is not None and facts.healthcheck is False
    return Need(why, known, base, facts, ports)


def starts_server(program, facts) -> bool:
    """The program is the server of the base image: nginx on nginx, `dotnet App.dll` on ASP.NET."""
    if program.name in SERVER_PROGRAMS:
        return True
    args = [w.value for w in program.args]
    return program.name == "dotnet" and bool(getattr(facts, "helpers", {}).get("dotnet")) and \
        bool(args) and args[0].endswith(".dll")


def publishes(service) -> bool:
    ports = service.get("ports") if hasattr(service, "get") else None
    return ports is not None and ports.kind == "seq" and bool(ports.value)


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


def started_program(cmd, entrypoint):
    """The command the container runs in the end (lint.shell SimpleCommand, past wrappers such as
    tini, gosu or `exec`; the last command of a shell script); None when it cannot be read."""
    from lint.shell import script_of
    from lint.knowledge.startup import runs_arguments

    start = cmd
    if entrypoint is not None and entrypoint.command is not None:
        if not entrypoint.command.exec_form or not runs_arguments(entrypoint):
            start = entrypoint
        elif cmd is None:
            start = entrypoint  # an entrypoint script with nothing to run: its own program
    if start is None or start.command is None:
        return None
    return final_command(script_of(start.command))


def not_a_server(program) -> bool:
    name = program.name or ""
    args = [w.value for w in program.args]
    if name in NOT_A_SERVER or name in DEV_COMMANDS:
        return True
    if name in REPLS and not [a for a in args if not a.startswith("-")]:
        return True  # `python`, `node -i`: an interactive interpreter
    words = [a for a in args if not a.startswith("-")]
    if args and (args[0] in ONE_SHOT_ARGS or (words and words[0] in ONE_SHOT_ARGS - {"install"})):
        return True
    if name in DEV_SERVERS:
        return True  # a build of the site, or with serve / watch its development server
    if name in ("npm", "yarn", "pnpm", "bun"):
        script = [a for a in words if a != "run"]
        return bool(script) and (script[0] in DEV_SCRIPTS or script[0] in ONE_SHOT_ARGS)
    return False


def is_dev_image(dockerfile, chain) -> bool:
    """A development image: a stage of the chain named like one, or the file's name or folder."""
    if any(each.name and DEV_NAME.search(each.name) for each in chain):
        return True
    parts = [p for p in re.split(r"[\\/]", str(dockerfile.path)) if p]
    name = parts[-1] if parts else ""
    if name.lower() != "dockerfile" and DEV_NAME.search(name.replace("Dockerfile", "").replace("dockerfile", "")):
        return True
    return any(p.lower() in (".devcontainer", "workspace", "devcontainer") for p in parts[:-1])


def header_comments(dockerfile) -> list:
    """The comments before the first instruction: where a file says what it is."""
    first = dockerfile.instructions[0].span.start if dockerfile.instructions else len(dockerfile.source.text)
    return [c for c in dockerfile.comments if c.span.start < first]


def is_generated(dockerfile) -> bool:
    """An official or vendor image's Dockerfile written by a template ("DO NOT EDIT"), or a framework's
    scaffold: its images are meant to be extended or replaced, and no HEALTHCHECK was chosen for them."""
    return any(GENERATED.search(c.text) for c in header_comments(dockerfile))


def short_image(reference: str | None) -> str:
    """An image reference without its digest or registry, short enough for a message."""
    if not reference:
        return "the base image"
    name = reference.split("@", 1)[0]
    return name.rsplit("/", 1)[-1] if name.count("/") > 1 else name


def service_needs_check(service, ctx=None) -> tuple[Health, str] | None:
    """Whether a compose service that runs an image it does not build is a network service without a
    health check: (its Health, why it serves), else None. A service that builds a Dockerfile we can
    read is judged there (stage_needs_check): a HEALTHCHECK in the Dockerfile serves every runtime.

    It serves when its image is a known server image whose start command compose keeps (or starts
    that server again), or when it publishes ports and runs something other than a shell, a
    keep-alive or a one-shot command."""
    health = service_health(service, ctx)
    if health.state != NO or health.disabled:
        return None
    if health.dockerfile is not None and health.stage is not None:
        return None
    program = compose_program(service)
    if program is not None and not_a_server(program):
        return None
    facts = health.facts
    # a command of options only (`--port=4001`) is passed to the image's own entrypoint
    overridden = program is not None and (service.get("entrypoint") is not None or not (
        starts_server(program, facts) or (program.name or "").startswith("-")))
    if facts is not None and facts.server and not overridden:
        return health, f"{short_image(health.image)} is a server"
    if publishes(service) and (program is not None or (facts is not None and facts.server)):
        return health, "it publishes ports"
    return None


def compose_program(service):
    """What a service's `entrypoint` (else `command`) runs, as a lint.shell SimpleCommand (the last
    command of a `sh -c` script); None when neither is set or it cannot be read."""
    from lint.shell import parse_script, script_of

    node = service.get("entrypoint")
    if node is None:
        node = service.get("command")
    if node is None:
        return None
    if node.kind == "seq":
        if not node.value or any(item.kind != "scalar" for item in node.value):
            return None
        args = [(str(item.value if item.value is not None else ""), item.span) for item in node.value]
        script = script_of(SimpleNamespace(exec_form=True, exec_args=args,
                                           text=MappedText.plain("", node.span.start)))
    elif node.kind == "scalar" and isinstance(node.value, str):
        script = parse_script(MappedText.plain(node.value, node.span.start))
    else:
        return None
    return final_command(script)


def final_command(script):
    """The command a script runs last, past wrappers, followed into `sh -c '...'` (bounded: three
    levels); None when a level is empty."""
    from lint.shell import inner_script

    for _ in range(3):
        if not script.commands:
            return None
        last = script.commands[-1].effective
        inner = inner_script(last)
        if inner is None:
            return last
        script = inner
    return None
