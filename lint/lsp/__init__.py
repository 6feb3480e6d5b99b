"""`hullcheck lsp`: a language server over stdio (pygls) for editor on-save checks and quick fixes.

The server lints with the CLI's engine (Workspace, lint_document, ConfigResolver) and keeps models warm:
every document read or parsed stays in the workspace until it changes. A change builds a new Workspace
that reuses every unchanged Document, so only the changed file is parsed again and the projects (compose
files merged, the Dockerfiles they build) are assembled afresh from warm models and see the new buffer.
Open compose files that build a changed Dockerfile (and open Dockerfiles a changed compose file builds)
are linted again; a configuration change re-reads the config and re-lints every open document.

Positions: spans are code-point offsets; the server negotiates UTF-32 when the client offers it (no
conversion), else UTF-8, else UTF-16, and converts every range with the negotiated units. Lines break at
\\n, \\r\\n and \\r, as the protocol says (not at the other characters str.splitlines knows).
"""
from lint.lsp.documents import LINE_BREAK, Lines, OpenFile, to_path, document_kind, warm_project, warm_project_class
from lint.lsp.actions import FIX_ALL, single_edit, ignore_edit, count, apply_one, Actions, sent_key
from lint.lsp.server import (
    log,
    SOURCE,
    DEFAULT_DEBOUNCE_MS,
    DEPENDENTS_DELAY,
    CONFIG_NAMES,
    SEVERITIES,
    ENCODING_PREFERENCE,
    WATCHED,
    Protocol,
    rule_url,
    guarded,
    HullcheckServer,
    create_server,
    serve,
)

__all__ = [
    "Actions",
    "CONFIG_NAMES",
    "DEFAULT_DEBOUNCE_MS",
    "DEPENDENTS_DELAY",
    "ENCODING_PREFERENCE",
    "FIX_ALL",
    "HullcheckServer",
    "LINE_BREAK",
    "Lines",
    "OpenFile",
    "Protocol",
    "SEVERITIES",
    "SOURCE",
    "WATCHED",
    "apply_one",
    "count",
    "create_server",
    "document_kind",
    "guarded",
    "ignore_edit",
    "log",
    "rule_url",
    "sent_key",
    "serve",
    "single_edit",
    "to_path",
    "warm_project",
    "warm_project_class",
]
