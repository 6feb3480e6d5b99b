"""Look-ups made once per project: which compose directories may build a Dockerfile, judged from paths
and raw text before anything is parsed (asking every directory for every Dockerfile grew with their
product), and which Dockerfiles an image name may come from."""
from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import Callable, Iterable


class BuildLookup:
    """Compose directories (in the project's order) and the words their compose files mention."""

    def __init__(self, by_directory: dict[Path, list[Path]], words_of: Callable[[Path], Iterable[str]]) -> None:
        self.order = {directory: n for n, directory in enumerate(by_directory)}
        # (path text + separator, directory), sorted: the directories below one are a contiguous run
        self.texts = sorted((str(directory) + os.sep, directory) for directory in by_directory)
        self.words: dict[str, set[Path]] = {}
        for directory, paths in by_directory.items():
            for path in paths:
                for word in words_of(path):
                    self.words.setdefault(word, set()).add(directory)

    def directories(self, dockerfile: Path) -> list[Path]:
        """Compose directories that could build it: the Dockerfile's directory, one above it or below it,
        or one whose compose text names the Dockerfile's directory or file."""
        here = dockerfile.parent
        related = {directory for directory in (here, *here.parents) if directory in self.order}
        here_text = str(here) + os.sep
        start = bisect.bisect_left(self.texts, (here_text,))
        while start < len(self.texts) and self.texts[start][0].startswith(here_text):
            related.add(self.texts[start][1])
            start += 1
        for name in {here.name, dockerfile.name} - {"", "Dockerfile"}:
            related.update(self.words.get(name, ()))
        return sorted(related, key=self.order.__getitem__)


def image_names(paths: list[Path], load: Callable[[Path], object]) -> dict[str, list]:
    """Image name -> [(Dockerfile model, stage name or None)]: the folder holding a Dockerfile, the `<name>`
    of `<name>.Dockerfile` / `Dockerfile.<name>`, and each named stage. A file that cannot be read or
    parsed adds nothing."""
    named: dict[str, list] = {}
    for path in paths:
        dockerfile = load(path)
        if dockerfile is None:
            continue
        lower = path.name.lower()
        own = lower.split(".dockerfile")[0] if lower.endswith(".dockerfile") else (
            lower.split(".", 1)[1] if lower.startswith("dockerfile.") else path.parent.name.lower())
        named.setdefault(own, []).append((dockerfile, None))
        for stage in {s.name.lower() for s in getattr(dockerfile, "stages", ()) if s.name}:
            named.setdefault(stage, []).append((dockerfile, stage))
    return named
