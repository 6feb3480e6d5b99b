"""Does a compose service have a usable health check, and where does it come from?

The rules about health checks and about `depends_on: condition: service_healthy` share one answer,
built the way the engine builds a container's health config (FACTS.md §1 "Storage", §2):

1. compose `healthcheck`: `disable: true` or `test: ["NONE"]` turn every check off; a non-empty
   `test` replaces the image's; `test: []`, an empty test or a healthcheck with only timing keys
   keeps whatever the image has;
2. the image: for a service that builds, the HEALTHCHECK of the Dockerfile's target stage or of the
   stages it is based on (the nearest one wins; `HEALTHCHECK NONE` turns it off), else the base
   image of the first stage; otherwise the service's `image:`;
3. an image is judged by the image table (which config `images` extends with a team's own
   images); an image we know nothing about is 'unknown', and rules stay silent or say so.

Also here: a compose `test` read as the engine runs it (`probe_of`): its form, its items, and the
shell script (or argv) it runs, with spans that map back into the compose file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from lint.core.model import Span
from lint.core.source import MappedText

YES, NO, UNKNOWN = "yes", "no", "unknown"
TEST_FORMS = ("NONE", "CMD", "CMD-SHELL")


@dataclass
class Health:
    """What runs as a service's health check.

    state: 'yes' (a check runs), 'no' (none runs: known), 'unknown' (an image we know nothing of).
    source: where the deciding piece is: 'compose' (its healthcheck), 'dockerfile' (a HEALTHCHECK in
    the built stage or a stage it is based on), 'image' (the image table), or None.
    """

    state: str
    source: str | None = None
    node: Any = None  # compose: the `test` node (or `disable`) that decides
    instruction: Any = None  # dockerfile: the HEALTHCHECK instruction that decides
    disabled: bool = False  # turned off on purpose: disable: true, test: ["NONE"], HEALTHCHECK NONE
    image: str | None = None  # the image reference judged (the `image:` or the first stage's base)
    facts: Any = None  # the image table's entry for it (None: unknown image, or not consulted)
    dockerfile: Any = None  # the Dockerfile the service builds, when it was read
    stage: Any = None  # its target stage
    reason: str = ""  # one phrase for messages: "image postgres:16 has no HEALTHCHECK"

    @property
    def known(self) -> bool:
        return self.state != UNKNOWN

    @property
    def usable(self) -> bool:
        return self.state == YES


# ------------------------------------------------------------------------------------- the question

def service_health(service, ctx=None) -> Health:
    """The health check a compose Service's container gets (compose's own, else its image's)."""
    check = _healthcheck(service)
    if check is not None:
        disable = check.get("disable")
        if truthy(disable):
            return Health(NO, "compose", node=disable, disabled=True,
                          reason=f"service {service.name!r} disables its health check (disable: true)")
        test = check.get("test")
        if test is not None and not is_inherit(test):
            if test.kind == "seq" and _item_text(test.value[0]) == "NONE":
                return Health(NO, "compose", node=test, disabled=True,
                              reason=f"service {service.name!r} disables its health check (test: [\"NONE\"])")
            return Health(YES, "compose", node=test, reason=f"service {service.name!r} sets a healthcheck test")
    return image_health(service, ctx)


def image_health(service, ctx=None) -> Health:
    """The health check the service's image brings, whatever compose says: the Dockerfile it builds
    (target stage, then the stages it is based on, then the base image), or its `image:`."""
    build = getattr(service, "build", None)
    if build is not None:
        dockerfile = _safe(lambda: service.dockerfile)
        if dockerfile is not None and getattr(dockerfile, "stages", None):
            stage = _safe(lambda: service.target_stage)
            if stage is None:
                return Health(UNKNOWN, dockerfile=dockerfile,
                              reason=f"the build target of service {service.name!r} is not a stage of its Dockerfile")
            health = stage_health(dockerfile, stage, ctx)
            return health
        # a remote context, a missing Dockerfile: an image declared in config may still tell
        health = reference_health(image_reference(service), ctx)
        if health.facts is None:
            return Health(UNKNOWN, image=service.image,
                          reason=f"the Dockerfile of service {service.name!r} cannot be read")
        return health
    if service.get("image") is None:
        return Health(UNKNOWN, reason=f"service {service.name!r} has neither image nor build")
    reference = image_reference(service)
    if reference is None:
        return Health(UNKNOWN, image=service.image,
                      reason=f"the image of service {service.name!r} comes from a variable")
    return reference_health(reference, ctx)


def stage_health(dockerfile, stage, ctx=None) -> Health:
    """The HEALTHCHECK a Dockerfile stage ends with: its own last one, else the nearest parent stage's,
    else its base image's (by the image table)."""
    chain = [stage, *dockerfile.ancestors(stage)]
    for each in chain:
        instruction = each.last("HEALTHCHECK")
        if instruction is None:
            continue
        check = instruction.healthcheck
        where = _stage_label(each)
        if check is not None and check.none:
            return Health(NO, "dockerfile", instruction=instruction, disabled=True, dockerfile=dockerfile,
                          stage=stage, reason=f"{where} of {_file(dockerfile)} sets HEALTHCHECK NONE")
        return Health(YES, "dockerfile", instruction=instruction, dockerfile=dockerfile, stage=stage,
                      reason=f"{where} of {_file(dockerfile)} has a HEALTHCHECK")
    root = chain[-1]
    base = root.base_resolved
    if base is None:
        return Health(UNKNOWN, dockerfile=dockerfile, stage=stage,
                      reason=f"the base image of {_file(dockerfile)} cannot be resolved")
    health = reference_health(base, ctx)
    health.dockerfile, health.stage = dockerfile, stage
    if health.state == NO:
        health.reason = f"{_file(dockerfile)} has no HEALTHCHECK and its base image {base} has none"
    elif health.state == UNKNOWN:
        health.reason = f"{_file(dockerfile)} has no HEALTHCHECK and its base image {base} is unknown"
    return health


def reference_health(reference: str | None, ctx=None) -> Health:
    """What the image table says of an image reference's own HEALTHCHECK."""
    if not reference:
        return Health(UNKNOWN, reason="no image")
    if reference.strip().lower() == "scratch":
        return Health(NO, image=reference, reason="scratch has no HEALTHCHECK")
    facts = image_facts(reference, ctx)
    has = getattr(facts, "healthcheck", None) if facts is not None else None
    if has is True:
        return Health(YES, "image", image=reference, facts=facts, reason=f"image {reference} has a HEALTHCHECK")
    if has is False:
        return Health(NO, image=reference, facts=facts, reason=f"image {reference} has no HEALTHCHECK")
    return Health(UNKNOWN, image=reference, facts=facts, reason=f"image {reference} is unknown")


def image_facts(reference: str | None, ctx=None):
    """The image table's entry for a reference (honouring config `images` through ctx), or None."""
    if not reference or "$" in reference:
        return None
    try:
        if ctx is not None and hasattr(ctx, "image"):
            return ctx.image(reference)
        from lint.knowledge.images import lookup

        return lookup(reference)
    except Exception:  # a table bug must not hide every other finding
        return None


def image_reference(service, strict: bool = False) -> str | None:
    """The service's `image:` as the image table should judge it. With a variable, compose uses its
    `:-default` when unset; we judge that only when the variable is in the tag (`postgres:${PG:-16}`:
    still postgres, and health checks do not differ by tag), never when it names the repository;
    `strict` (the contents of the image, which differ by tag) refuses any variable."""
    node = service.get("image") if hasattr(service, "get") else None
    if node is None or node.kind != "scalar":
        return None
    if not node.interpolated:
        return service.image
    raw = node.value if isinstance(node.value, str) else ""
    shape = re.sub(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*", "\x00", raw.replace("$$", ""))  # each variable one mark
    name, _, tag = shape.split("@", 1)[0].rpartition(":")
    if strict or not name or "/" in tag or "\x00" in name:
        return None
    return service.image


def service_image(service, strict: bool = True) -> str | None:
    """The image a service runs on as far as the image table is concerned: the first stage's base
    when it builds a readable Dockerfile, else its `image:` (see image_reference for variables)."""
    if getattr(service, "build", None) is not None:
        dockerfile = _safe(lambda: service.dockerfile)
        stage = _safe(lambda: service.target_stage)
        if dockerfile is not None and stage is not None:
            chain = [stage, *dockerfile.ancestors(stage)]
            return chain[-1].base_resolved
        return None
    return image_reference(service, strict)


# ------------------------------------------------------------------------------------- compose `test`

def is_inherit(test) -> bool:
    """`test: []`, `test: ""` or `test:` (null): dropped by compose, so the image's check stays."""
    if test is None:
        return True
    if test.kind == "seq":
        return not test.value
    if test.kind == "scalar":
        return test.value is None or test.value == ""
    return False


@dataclass
class Probe:
    """A compose healthcheck `test` as the engine runs it.

    form: 'CMD' (argv, no shell), 'CMD-SHELL' (first item after it is a /bin/sh script), 'string'
    (the whole value is a /bin/sh script), 'NONE', 'inherit' (empty: the image's check), or 'invalid'
    (a list whose first item is none of NONE / CMD / CMD-SHELL: compose refuses the file).
    """

    node: Any
    form: str
    items: list = field(default_factory=list)  # list form: every item node
    script: Any = None  # lint.shell.Script of what runs (CMD: one simple command of the argv)
    exact: bool = True  # the script's spans map character by character into the file

    @property
    def shell(self) -> bool:
        return self.form in ("CMD-SHELL", "string")

    @property
    def argv(self) -> list:
        """The items after CMD (list form)."""
        return self.items[1:] if self.form == "CMD" else []


def probe_of(test, text: str) -> Probe | None:
    """Read a `test` node; `text` is the source text of the file the node comes from."""
    if test is None:
        return None
    if is_inherit(test):
        return Probe(test, "inherit")
    if test.kind == "scalar":
        mapped, exact = scalar_mapped(test, text)
        mapped = unescape_dollars(mapped)
        return Probe(test, "string", script=_parse(mapped), exact=exact)
    if test.kind != "seq":
        return None
    items = list(test.value)
    first = _item_text(items[0])
    if first not in TEST_FORMS:
        return Probe(test, "invalid", items)
    if first == "NONE":
        return Probe(test, "NONE", items)
    if first == "CMD-SHELL":
        if len(items) < 2 or items[1].kind != "scalar":
            return Probe(test, "CMD-SHELL", items, script=None)
        mapped, exact = scalar_mapped(items[1], text)
        return Probe(test, "CMD-SHELL", items, script=_parse(unescape_dollars(mapped)), exact=exact)
    argv = items[1:]
    if not argv or any(i.kind != "scalar" for i in argv):
        return Probe(test, "CMD", items, script=None)
    script, exact = _argv_script(argv, text)
    return Probe(test, "CMD", items, script=script, exact=exact)


def _parse(mapped: MappedText):
    from lint.shell import parse_script

    return parse_script(mapped)


def _argv_script(argv: list, text: str):
    """One simple command of the argv items: no shell runs, so nothing in them is an operator.
    A compose variable in an item is marked as an expansion (its value is not known)."""
    from lint.shell import Script, SimpleCommand, Word, script_of

    words = []
    exact = True
    for item in argv:
        mapped, ok = scalar_mapped(item, text)
        exact = exact and ok
        if item.interpolated:
            mapped = unescape_dollars(mapped)
            # one argv item whatever it holds: a variable may well be an option such as -f
            words.append(Word(mapped.text, text[item.span.start:item.span.end], item.span, False, True,
                              list(mapped.offsets)))
        else:
            value = item.text if item.text is not None else ""
            if mapped.text != value:
                mapped = unescape_dollars(mapped)
            if mapped.text != value:
                mapped, exact = _fallback(value, item.span), False
            words.append(Word(value, text[item.span.start:item.span.end], item.span, item.style is not None,
                              False, list(mapped.offsets)))

    # script_of builds the command tree of an exec-form command; its words are then replaced by ours
    exec_command = SimpleNamespace(exec_form=True, exec_args=[(w.value, w.span) for w in words],
                                   text=MappedText.plain("", argv[0].span.start))
    script = script_of(exec_command)
    if not script.commands:
        return Script(exec_command.text, []), exact
    command: SimpleCommand = script.commands[0]
    command.words = words
    command.span = Span(words[0].span.start, words[-1].span.end)
    return script, exact


def _item_text(node) -> str | None:
    if node is None or node.kind != "scalar" or node.value is None:
        return None
    return node.value if isinstance(node.value, str) else None


# ------------------------------------------------------------------------------------- scalar text

_DQ_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
               "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
               "L": "\u2028", "P": "\u2029"}
_DQ_HEX = {"x": 2, "u": 4, "U": 8}


def scalar_mapped(node, text: str) -> tuple[MappedText, bool]:
    """A YAML string scalar's value (before compose interpolation) with the source offset of each
    character: exact for plain, quoted and literal-block scalars; otherwise every character points at
    the scalar's start (exact False: report on the node, make no edit inside it)."""
    value = node.value if isinstance(node.value, str) else ("" if node.value is None else str(node.value))
    raw = text[node.span.start:node.span.end]
    start = node.span.start
    mapped = None
    try:
        if node.style is None:
            if raw == value:
                mapped = MappedText.plain(value, start)
        elif node.style == "'":
            mapped = _single_quoted(raw, start)
        elif node.style == '"':
            mapped = _double_quoted(raw, start)
        elif node.style in ("|", ">"):
            mapped = _block(raw, start, value)
    except (IndexError, ValueError):
        mapped = None
    if mapped is not None and mapped.text == value:
        return mapped, True
    return _fallback(value, node.span), False


def _fallback(value: str, span: Span) -> MappedText:
    return MappedText(value, [span.start] * len(value) + [span.end])


def _single_quoted(raw: str, start: int) -> MappedText | None:
    if len(raw) < 2 or "\n" in raw or "\r" in raw:
        return None
    chars, offsets = [], []
    i = 1
    while i < len(raw) - 1:
        chars.append(raw[i])
        offsets.append(start + i)
        i += 2 if raw[i] == "'" and raw[i + 1] == "'" else 1
    return MappedText("".join(chars), offsets + [start + len(raw) - 1])


def _double_quoted(raw: str, start: int) -> MappedText | None:
    if len(raw) < 2 or "\n" in raw or "\r" in raw:
        return None
    chars, offsets = [], []
    i = 1
    while i < len(raw) - 1:
        c = raw[i]
        if c == "\\":
            e = raw[i + 1]
            if e in _DQ_ESCAPES:
                chars.append(_DQ_ESCAPES[e])
                offsets.append(start + i)
                i += 2
                continue
            if e in _DQ_HEX:
                n = _DQ_HEX[e]
                chars.append(chr(int(raw[i + 2:i + 2 + n], 16)))
                offsets.append(start + i)
                i += 2 + n
                continue
            return None
        chars.append(c)
        offsets.append(start + i)
        i += 1
    return MappedText("".join(chars), offsets + [start + len(raw) - 1])


def _block(raw: str, start: int, value: str) -> MappedText | None:
    """A literal block (`|`, `|-`, `|+`): each line without its indentation, joined by '\\n'. A folded
    block is exact only when it holds one line."""
    header_end = raw.find("\n")
    if header_end < 0:
        return None
    pos = header_end + 1
    chars: list[str] = []
    offsets: list[int] = []
    indent = None
    lines = []
    while pos <= len(raw):
        end = raw.find("\n", pos)
        end = len(raw) if end < 0 else end
        lines.append((pos, end))
        if end == len(raw):
            break
        pos = end + 1
    for line_start, line_end in lines:
        line = raw[line_start:line_end].rstrip("\r")
        if indent is None and line.strip():
            indent = len(line) - len(line.lstrip(" "))
        body_start = line_start + min(indent or 0, len(line) - len(line.lstrip(" ")))
        for k in range(body_start, line_start + len(line)):
            chars.append(raw[k])
            offsets.append(start + k)
        chars.append("\n")
        offsets.append(start + line_start + len(line))
    built = "".join(chars)  # a folded block of several lines differs from its value: not exact
    if value and built.startswith(value):
        n = len(value)
        return MappedText(built[:n], offsets[:n] + [offsets[n] if n < len(offsets) else start + len(raw)])
    return None


def unescape_dollars(mapped: MappedText) -> MappedText:
    """Compose reads `$$` as a literal `$` (FACTS.md §5); other `${VAR}` stay, read by the shell as
    expansions whose value is not known."""
    if "$$" not in mapped.text:
        return mapped
    chars, offsets = [], []
    i = 0
    text = mapped.text
    while i < len(text):
        chars.append(text[i])
        offsets.append(mapped.offsets[i])
        i += 2 if text[i] == "$" and text[i + 1:i + 2] == "$" else 1
    return MappedText("".join(chars), offsets + [mapped.offsets[-1]])


# ------------------------------------------------------------------------------------- helpers

def _healthcheck(service):
    node = service.get("healthcheck") if hasattr(service, "get") else None
    return node if node is not None and node.kind == "map" else None


_TRUE_WORDS = {"true", "yes", "on", "y"}


def truthy(node) -> bool:
    """A compose boolean (`disable`): true, and the YAML 1.1 words compose still casts with a warning."""
    if node is None or node.kind != "scalar" or node.value is None:
        return False
    if isinstance(node.value, bool):
        return node.value
    text = node.text if node.text is not None else str(node.value)
    return text.strip().lower() in _TRUE_WORDS


def _safe(get):
    try:
        return get()
    except Exception:
        return None


def _stage_label(stage) -> str:
    return f"stage {stage.name!r}" if stage.name else f"stage {stage.index}"


def _file(dockerfile) -> str:
    """`api/Dockerfile`: the file with its directory, enough to tell it apart in a message."""
    parts = [p for p in re.split(r"[\\/]", str(getattr(dockerfile, "path", "") or "")) if p]
    return "/".join(parts[-2:]) if parts else "the Dockerfile"



# ------------------------------------------------------------------------------------- for rules

def healthchecks(doc, ctx):
    """(service, healthcheck mapping) for every merged service of the stacks this compose file takes
    part in; a rule then reports only on nodes whose `.path` is this file's."""
    seen = set()
    for service in ctx.services(doc):
        check = _healthcheck(service)
        if check is None:
            continue
        key = (service.name, id(check), check.span)
        if key in seen:
            continue
        seen.add(key)
        yield service, check


def probes_in(doc, ctx):
    """(service, test node, Probe) for each healthcheck `test` written in this compose file whose
    command can be read as a script."""
    for service, healthcheck in healthchecks(doc, ctx):
        test = healthcheck.get("test")
        if test is None or test.path != doc.path:
            continue
        probe = probe_of(test, doc.source.text)
        if probe is not None and probe.script is not None:
            yield service, test, probe


def quote_like(item, value: str) -> str:
    """`value` written the way a sibling list item is written (double, single or no quotes)."""
    style = getattr(item, "style", None)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or not re.fullmatch(r"[A-Za-z0-9_./:=@%+-]+", value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def item_insert(seq, item, value: str, text: str, newline: str, before: bool = False):
    """(span, text) of an edit adding a list item beside `item` (before or after it) in the same style:
    `, "x"` in a flow list, a new `- x` line at the same indentation in a block list; None where the
    layout is unusual."""
    written = quote_like(item, value)
    if text[seq.span.start:seq.span.start + 1] == "[":
        if before:
            return Span(item.span.start, item.span.start), f"{written}, "
        return Span(item.span.end, item.span.end), f", {written}"
    line_start = text.rfind("\n", 0, item.span.start) + 1
    prefix = text[line_start:item.span.start]
    if not re.fullmatch(r" *- +", prefix):
        return None
    if before:
        return Span(item.span.start, item.span.start), f"{written}{newline}{prefix}"
    line_end = text.find("\n", item.span.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_end - 1:line_end] == "\r":
        line_end -= 1
    if "\n" in text[item.span.start:item.span.end]:
        return None
    return Span(line_end, line_end), f"{newline}{prefix}{written}"




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
                       r"automatically generated|generated dockerfile", re.IGNORECASE)


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
    cmd, entrypoint = start_instructions(chain)
    # a stage that replaces the start command of a stage it is built from does not keep that stage's
    # ports: they belonged to the program it no longer runs
    starting = [i for i, each in enumerate(chain) if each.find("CMD") or each.find("ENTRYPOINT")]
    ports = exposed_ports(chain[starting[-2] + 1:] if len(starting) > 1 else chain)
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
    from lint.shell import inner_script, script_of
    from lint.knowledge.startup import runs_arguments

    start = cmd
    if entrypoint is not None and entrypoint.command is not None:
        if not entrypoint.command.exec_form or not runs_arguments(entrypoint):
            start = entrypoint
        elif cmd is None:
            start = entrypoint  # an entrypoint script with nothing to run: its own program
    if start is None or start.command is None:
        return None
    script = script_of(start.command)
    for _ in range(3):  # `sh -c '...'` inside `sh -c '...'`, bounded
        if not script.commands:
            return None
        last = script.commands[-1].effective
        inner = inner_script(last)
        if inner is None:
            return last
        script = inner
    return None


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


def is_generated(dockerfile) -> bool:
    """An official or vendor image's Dockerfile written by a template ("DO NOT EDIT"): its images are
    meant to be extended, and their maintainers chose not to ship a HEALTHCHECK."""
    first = dockerfile.instructions[0].span.start if dockerfile.instructions else len(dockerfile.source.text)
    return any(GENERATED.search(c.text) for c in dockerfile.comments if c.span.start < first)


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
    from lint.shell import inner_script, parse_script, script_of

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
    for _ in range(3):
        if not script.commands:
            return None
        last = script.commands[-1].effective
        inner = inner_script(last)
        if inner is None:
            return last
        script = inner
    return None


# ------------------------------------------------------------------------------------- images built here

def repository_image_health(service, ctx=None) -> Health | None:
    """For a service running an image the table does not know: the HEALTHCHECK of that image's own
    Dockerfile when the project holds it. Another service of the project that builds the same image
    name says it best; else a Dockerfile in a folder named like the image (`.../zipkin-eureka/Dockerfile`
    for `ghcr.io/openzipkin/zipkin-eureka:latest`) or a stage named like it (`FROM base AS zipkin-slim`).
    Only an answer every such Dockerfile agrees on (None otherwise)."""
    reference = image_reference(service)
    if not reference:
        return None
    for other in getattr(getattr(service, "stack", None), "services", {}).values():
        if other is not service and other.image == reference and getattr(other, "build", None) is not None:
            health = image_health(other, ctx)
            if health.known:
                return health
    project = getattr(ctx, "project", None)
    if project is None:
        return None
    name = reference.split("@", 1)[0]
    if ":" in name.rsplit("/", 1)[-1]:
        name = name.rsplit(":", 1)[0]
    name = name.rsplit("/", 1)[-1].lower()
    answers = []
    for path, stage_name in _dockerfiles_named(project.root).get(name, ()):
        dockerfile = _safe(lambda: project._load(path, "dockerfile"))
        stage = _safe(lambda: dockerfile.target_stage(stage_name)) if dockerfile is not None else None
        if stage is None:
            return None
        answers.append(stage_health(dockerfile, stage, ctx))
    if answers and all(a.state == answers[0].state for a in answers) and answers[0].known:
        return answers[0]
    return None


def builds_own_images(ctx) -> bool:
    """Whether the project holds Dockerfiles: an image we do not know may then be one of its own, built
    under a name we cannot match (`all-in-one` from `mastercontainer/Dockerfile`)."""
    project = getattr(ctx, "project", None)
    return project is not None and bool(_dockerfiles_named(project.root))


_NAMED: dict = {}
_STAGE = re.compile(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*\S+[ \t]+AS[ \t]+([\w.-]+)", re.I | re.M)


def _dockerfiles_named(root) -> dict[str, list]:
    """Image name -> (Dockerfile, stage or None) under a project root, read once per root: the folder
    holding a Dockerfile, the `<name>` of `<name>.Dockerfile` / `Dockerfile.<name>`, and each stage name."""
    import os

    from lint.project.discover import DOCKERFILE_NAME, SKIP_DIRS

    if root not in _NAMED:
        named: dict[str, list] = {}
        for directory, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            for file_name in files:
                if not DOCKERFILE_NAME.match(file_name):
                    continue
                path = os.path.join(directory, file_name)
                lower = file_name.lower()
                own = lower.split(".dockerfile")[0] if lower.endswith(".dockerfile") else (
                    lower.split(".", 1)[1] if lower.startswith("dockerfile.") else os.path.basename(directory).lower())
                named.setdefault(own, []).append((path, None))
                try:
                    with open(path, encoding="utf-8", errors="replace") as handle:
                        text = handle.read(200_000)
                except OSError:
                    continue
                for stage in {m.group(1).lower() for m in _STAGE.finditer(text)}:
                    named.setdefault(stage, []).append((path, stage))
        _NAMED[root] = named
    return _NAMED[root]
