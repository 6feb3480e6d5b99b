"""What a file is for, as its path and opening comment say: development, tests, teaching and examples
are not run as services, so the rules about running one well (restart policies, health checks) leave
them alone."""
from __future__ import annotations

import re
from pathlib import Path

WORDS = re.compile(r"[A-Za-z0-9]+")
# folder and file-name words of test set-ups and of development ones
TESTS = frozenset({"test", "tests", "testing", "e2e", "testdata", "ci"})
DEV_OR_TEST = TESTS | {"dev", "devel", "develop", "development", "debug", "devcontainer"}
# folder and repository words of teaching material and examples: a stack to read and try, then remove
TEACHING = frozenset({"example", "examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials",
                      "quickstart", "playground", "workshop", "lesson", "lessons", "exercise", "exercises",
                      "assignment", "assignments", "answer", "answers", "kata", "learn", "learning"})
DEV_TOOLS = frozenset({"tools", "hack"})  # folders of developer tooling
# an opening comment that says what the file is for: "FOR TEST AND DEVELOPMENT ONLY, DO NOT USE IN
# PRODUCTION", "meant for learning Zipkin, not production deployments", "docker compose file to test X"
NOT_SERVING = re.compile(
    r"\b(?:not (?:for|meant for|intended for|to be used in|suitable for) production|do not use (?:it |this )?in "
    r"production|(?:development|testing|test|dev) only|used (?:to|for) test(?:ing)?\b|for (?:local )?"
    r"(?:development|testing)\b|(?:file|stack|setup|image) (?:to|for) test\b|for learning\b|learning purposes"
    r"|predominantly a developer|developer/tester|testing purposes|disable (?:it |this )?in production)", re.I)


def path_words(path, root) -> tuple[list[str], list[str], list[str]]:
    """(folder names inside the project; the words of those and of the file name; the words of the
    project's own folder name, usually the repository's: `debezium-examples`)."""
    path = Path(path)
    folders: list[str] = []
    root_words: list[str] = []
    if root is not None:
        root = Path(root)
        try:
            folders = list(path.parent.relative_to(root).parts)
            root_words = [word.lower() for word in WORDS.findall(root.name)]
        except ValueError:
            folders = []
    words = [word.lower() for part in [*folders, path.name] for word in WORDS.findall(part)]
    return folders, words, root_words


def not_for_serving(path, root, opening_comments=()) -> bool:
    """The file is for development, tests, teaching or an example, by its folders, its name or its
    opening comment, or it is in a repository of examples or tutorials: not a set-up that runs as a
    service somewhere."""
    folders, words, root_words = path_words(path, root)
    if ".devcontainer" in Path(path).parts or any(folder.lower() in DEV_TOOLS for folder in folders):
        return True
    if any(word in DEV_OR_TEST or word in TEACHING for word in words) or any(w in TEACHING for w in root_words):
        return True
    return any(NOT_SERVING.search(text) for text in opening_comments)


def for_tests(path, root) -> bool:
    """The file belongs to a test set-up by its folders or name (`tests/`, `e2e/`, `compose.ci-test.yml`):
    the test harness, not the file, decides when things are ready."""
    return any(word in TESTS for word in path_words(path, root)[1])
