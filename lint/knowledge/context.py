"""The cross-file questions a rule asks through its `ctx`: which services build this Dockerfile, which
stage is the image, which stacks a compose file loads in, what the image table knows of an image.

A question that cannot be answered because something broke raises: the engine turns that into the HC900
finding naming the rule, instead of the rule going quiet on an empty answer."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the types the questions take and give, for readers and type checkers
    from lint.compose import ComposeFile
    from lint.dockerfile import Dockerfile, Stage
    from lint.knowledge.images import ImageFacts
    from lint.project import Project, Service, Stack


class Settings(Protocol):
    """What the context reads of the run's configuration."""

    runtime: str
    images: Any  # the config's own image table entries
    target: str | None


class Context:
    """What a rule sees besides its document: the configuration, the rule's options, the project (compose
    files merged as compose merges them, with the Dockerfiles they build) and the image table."""

    def __init__(self, config: Settings, project: Project | None, path: Path, cli_target: str | None = None) -> None:
        self.config = config
        self.project = project
        self.path = path
        self.options: dict = {}
        self.cli_target = cli_target

    def option(self, name: str):
        """The value of one of the rule's declared options: the config's, else the declared default."""
        if name not in self.options:
            raise KeyError(f"the rule declares no option {name!r}")
        return self.options[name]

    @property
    def runtime(self) -> str:
        """The container runtime the configuration names."""
        return self.config.runtime

    def image(self, reference: str | None) -> ImageFacts | None:
        """What the image table (with the configuration's own entries first) knows of an image reference;
        None when it knows nothing or the reference is not a literal (`${IMAGE}`)."""
        if not reference or "$" in reference:
            return None
        from lint.knowledge.images import lookup

        return lookup(reference, list(self.config.images) or None)

    def building(self, dockerfile: Dockerfile) -> list[Service]:
        """The compose services that build this Dockerfile (any stack of the project); [] without a project."""
        if self.project is None:
            return []
        known = dockerfile.memo.get("building")  # every rule of a Dockerfile asks for its target
        if known is None or known[0] is not self.project:
            known = dockerfile.memo["building"] = (self.project, list(self.project.services_building(Path(dockerfile.path))))
        return list(known[1])

    def target_name(self, dockerfile: Dockerfile) -> str | None:
        """The stage name asked for: --target, then the configuration, then the one `build.target` every
        service building this Dockerfile agrees on; None when nothing (or no agreement) names one."""
        if self.cli_target or self.config.target:
            return self.cli_target or self.config.target
        targets = {getattr(getattr(s, "build", None), "target", None) for s in self.building(dockerfile)}
        targets.discard(None)
        return targets.pop() if len(targets) == 1 else None

    def target_stage(self, dockerfile: Dockerfile) -> Stage | None:
        """The stage judged as the image: --target, config, the compose build.target, else the last."""
        name = self.target_name(dockerfile)
        stage = dockerfile.target_stage(name) if name else None
        return stage or dockerfile.target_stage(None)

    def build_contexts(self, dockerfile: Dockerfile) -> list[Path]:
        """The folders this Dockerfile is built from: the `build.context` of each compose service building it,
        else the Dockerfile's own folder (`docker build .` beside it); [] when one is remote or unknown."""
        services = self.building(dockerfile)
        if services:
            contexts = [getattr(s.build, "context", None) for s in services]
            return [] if None in contexts else sorted(set(contexts))
        path = Path(dockerfile.path)
        return [path.parent] if path.name and path.exists() else []

    def stacks(self, compose: ComposeFile) -> list[Stack]:
        """The stacks this compose file takes part in, as `docker compose` would load them (fragments, which
        load nowhere on their own, are left out); [] without a project."""
        if self.project is None:
            return []
        stacks = self.project.stacks_for(Path(compose.path))
        return [s for s in stacks if not s.is_fragment]

    def services(self, compose: ComposeFile) -> list[Service]:
        """Merged services of every stack this compose file takes part in (fragments are not judged)."""
        return [service for stack in self.stacks(compose) for service in stack.services.values()]
