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

from lint.compose.text import _fallback, scalar_mapped, unescape_dollars
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
    for dockerfile, stage_name in project.dockerfiles_named().get(name, ()):
        stage = _safe(lambda: dockerfile.target_stage(stage_name))
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
    return project is not None and bool(project.dockerfiles())
