"""The engine: rule registry, linting a file or project, suppressions, config, fixes, cache, baseline, fingerprints."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lint.core.lazy import lazy_exports

# each public name and the module it lives in: read on first use, so importing one module of the package
# does not import the others
_EXPORTS = {
    "MANIFEST_PATH": "lint.engine.registry",
    "rule_modules": "lint.engine.registry",
    "load_rule": "lint.engine.registry",
    "build_manifest": "lint.engine.registry",
    "write_manifest": "lint.engine.registry",
    "manifest_text": "lint.engine.registry",
    "manifest": "lint.engine.registry",
    "find_rule": "lint.engine.registry",
    "CONFIG_FILES": "lint.engine.config",
    "SCHEMA_PATH": "lint.engine.config",
    "RUNTIMES": "lint.engine.config",
    "ConfigError": "lint.engine.config",
    "Config": "lint.engine.config",
    "matches": "lint.engine.config",
    "path_matches": "lint.engine.config",
    "read_toml": "lint.engine.config",
    "table_of": "lint.engine.config",
    "validate": "lint.engine.config",
    "check_rule_keys": "lint.engine.config",
    "from_table": "lint.engine.config",
    "HADOLINT_FILES": "lint.engine.config",
    "hadolint_table": "lint.engine.config",
    "ConfigResolver": "lint.engine.config",
    "OUR_MARKER": "lint.engine.suppress",
    "OURS": "lint.engine.suppress",
    "IGNORE_LINE": "lint.engine.suppress",
    "HADOLINT": "lint.engine.suppress",
    "BUILDKIT": "lint.engine.suppress",
    "DCLINT": "lint.engine.suppress",
    "Suppression": "lint.engine.suppress",
    "split_keys": "lint.engine.suppress",
    "parse": "lint.engine.suppress",
    "covers": "lint.engine.suppress",
    "assign": "lint.engine.fingerprint",
    "normalise": "lint.engine.fingerprint",
    "MAX_PASSES": "lint.engine.fix",
    "BREAKING_RULES": "lint.engine.fix",
    "eligible": "lint.engine.fix",
    "apply_edits": "lint.engine.fix",
    "choose_fixes": "lint.engine.fix",
    "identity": "lint.engine.fix",
    "breaking": "lint.engine.fix",
    "adds_breakage": "lint.engine.fix",
    "fix_to_fixpoint": "lint.engine.fix",
    "keep_together": "lint.engine.fix",
    "count_fixes": "lint.engine.fix",
    "unified_diff": "lint.engine.fix",
    "encode_like": "lint.engine.fix",
    "write_atomic": "lint.engine.fix",
    "configure": "lint.engine.cache",
    "key_of": "lint.engine.cache",
    "read": "lint.engine.cache",
    "write": "lint.engine.cache",
    "config_known_valid": "lint.engine.cache",
    "remember_config_valid": "lint.engine.cache",
    "SYNTAX_RULE": "lint.engine.run",
    "UNUSED_SUPPRESSION": "lint.engine.run",
    "INTERNAL_ERROR": "lint.engine.run",
    "InputError": "lint.engine.run",
    "Document": "lint.engine.run",
    "read_document": "lint.engine.run",
    "Workspace": "lint.engine.run",
    "project_root": "lint.engine.run",
    "selected_rules": "lint.engine.run",
    "load": "lint.engine.run",
    "rule_info": "lint.engine.run",
    "next_unit_finder": "lint.engine.run",
    "lint_document": "lint.engine.run",
    "MESSAGE_LIMIT": "lint.engine.run",
    "internal_error_message": "lint.engine.run",
    "names_of": "lint.engine.run",
    "dedupe": "lint.engine.run",
    "service_template": "lint.engine.run",
    "services_phrase": "lint.engine.run",
    "joint_fix": "lint.engine.run",
    "place": "lint.engine.run",
    "apply_suppressions": "lint.engine.run",
    "matches_key": "lint.engine.run",
    "unused_findings": "lint.engine.run",
    "removal_edit": "lint.engine.run",
    "key_removal_edit": "lint.engine.run",
    "FileResult": "lint.engine.run",
    "DEFAULT_NAME": "lint.engine.baseline",
    "VERSION": "lint.engine.baseline",
    "BaselineError": "lint.engine.baseline",
    "Entry": "lint.engine.baseline",
    "Baseline": "lint.engine.baseline",
    "Comparison": "lint.engine.baseline",
    "resolve": "lint.engine.baseline",
    "create": "lint.engine.baseline",
    "sorted_entries": "lint.engine.baseline",
    "dumps": "lint.engine.baseline",
    "compare": "lint.engine.baseline",
    "run_scope": "lint.engine.baseline",
    "apply": "lint.engine.baseline",
    "fixed_note": "lint.engine.baseline",
    "HOMEPAGE": "lint.engine.docs",
    "KIND_TITLES": "lint.engine.docs",
    "explain": "lint.engine.docs",
    "rule_url": "lint.engine.docs",
    "index_rows": "lint.engine.docs",
    "index_text": "lint.engine.docs",
    "index_markdown": "lint.engine.docs",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from lint.engine.registry import (
        MANIFEST_PATH, rule_modules, load_rule, build_manifest, write_manifest, manifest_text, manifest,
        find_rule,
    )
    from lint.engine.config import (
        CONFIG_FILES, SCHEMA_PATH, RUNTIMES, ConfigError, Config, matches, path_matches, read_toml, table_of,
        validate, check_rule_keys, from_table, HADOLINT_FILES, hadolint_table, ConfigResolver,
    )
    from lint.engine.suppress import (
        OUR_MARKER, OURS, IGNORE_LINE, HADOLINT, BUILDKIT, DCLINT, Suppression, split_keys, parse, covers,
    )
    from lint.engine.fingerprint import assign, normalise
    from lint.engine.fix import (
        MAX_PASSES, BREAKING_RULES, eligible, apply_edits, choose_fixes, identity, breaking, adds_breakage,
        fix_to_fixpoint, keep_together, count_fixes, unified_diff, encode_like, write_atomic,
    )
    from lint.engine.cache import configure, key_of, read, write, config_known_valid, remember_config_valid
    from lint.engine.run import (
        SYNTAX_RULE, UNUSED_SUPPRESSION, INTERNAL_ERROR, InputError, Document, read_document, Workspace,
        project_root, selected_rules, load, rule_info, next_unit_finder, lint_document, MESSAGE_LIMIT,
        internal_error_message, names_of, dedupe, service_template, services_phrase, joint_fix, place,
        apply_suppressions, matches_key, unused_findings, removal_edit, key_removal_edit, FileResult,
    )
    from lint.engine.baseline import (
        DEFAULT_NAME, VERSION, BaselineError, Entry, Baseline, Comparison, resolve, create, sorted_entries,
        dumps, compare, run_scope, apply, fixed_note,
    )
    from lint.engine.docs import (
        HOMEPAGE, KIND_TITLES, explain, rule_url, index_rows, index_text, index_markdown,
    )


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
