"""The command line: the typer app and the runner (paths -> files -> engine -> reporter)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lint.core.lazy import lazy_exports

# each public name and the module it lives in: read on first use, so importing one module of the package
# does not import the others (a module and a name in it that share a name, such as app, are reached through
# the module)
_EXPORTS = {
    "RunOptions": "lint.cli.runner",
    "RunResult": "lint.cli.runner",
    "collect": "lint.cli.runner",
    "finding_to_json": "lint.cli.runner",
    "finding_from_json": "lint.cli.runner",
    "Runner": "lint.cli.runner",
    "RecordingWorkspace": "lint.cli.runner",
    "in_tree": "lint.cli.runner",
    "stamp": "lint.cli.runner",
    "unchanged": "lint.cli.runner",
    "FINGERPRINT_SKIP": "lint.cli.runner",
    "project_input": "lint.cli.runner",
    "tree_fingerprints": "lint.cli.runner",
    "display": "lint.cli.runner",
    "COMMANDS": "lint.cli.app",
    "CONFIG_OPTION": "lint.cli.app",
    "TARGET_OPTION": "lint.cli.app",
    "NO_CACHE_OPTION": "lint.cli.app",
    "fail": "lint.cli.app",
    "split_keys": "lint.cli.app",
    "check": "lint.cli.app",
    "unsafe_note": "lint.cli.app",
    "render_report": "lint.cli.app",
    "write_report": "lint.cli.app",
    "baseline_app": "lint.cli.app",
    "BASELINE_FILE_HELP": "lint.cli.app",
    "read_baseline": "lint.cli.app",
    "configured_baseline": "lint.cli.app",
    "lint_for_baseline": "lint.cli.app",
    "baseline_create": "lint.cli.app",
    "baseline_update": "lint.cli.app",
    "rules": "lint.cli.app",
    "explain": "lint.cli.app",
    "lsp": "lint.cli.app",
    "version": "lint.cli.app",
    "main": "lint.cli.app",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from lint.cli.runner import (
        RunOptions, RunResult, collect, finding_to_json, finding_from_json, Runner, RecordingWorkspace,
        in_tree, stamp, unchanged, FINGERPRINT_SKIP, project_input, tree_fingerprints, display,
    )
    from lint.cli.app import (
        app, COMMANDS, CONFIG_OPTION, TARGET_OPTION, NO_CACHE_OPTION, fail, split_keys, check, unsafe_note,
        render_report, write_report, baseline_app, BASELINE_FILE_HELP, read_baseline, configured_baseline,
        lint_for_baseline, baseline_create, baseline_update, rules, explain, lsp, version, main,
    )


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
