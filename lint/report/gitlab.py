"""GitLab Code Quality report: a JSON array of Code Climate issues, as the merge request widget reads it.

Each issue has description, check_name, fingerprint, severity and location.path with
location.lines (begin, end). The fingerprint hashes the path (relative to the repository root)
with the finding's own line-free fingerprint, so an issue keeps its identity when lines move and
GitLab can tell new problems from old ones; identical problems in one file get distinct ones.
"""
from __future__ import annotations

import hashlib
import json

from lint.core.model import Severity
from lint.report import json_safe, repository_path, repository_root

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor", Severity.STYLE: "info"}
CATEGORIES = {Severity.ERROR: "Bug Risk", Severity.WARNING: "Bug Risk", Severity.INFO: "Clarity",
              Severity.STYLE: "Style"}


def render(result, *, display) -> str:
    root = repository_root()  # location.path is relative to the repository, whatever directory the job ran in
    issues = []
    seen: set[str] = set()
    for item in result.findings:
        path = repository_path(item.path, root)
        # without a fingerprint (an old cache entry), fall back to the place: still stable run to run
        identity = item.fingerprint or f"{item.shown_id}:{item.line}:{item.column}:{item.message}"
        fingerprint = digest(path, identity)
        number = 1
        while fingerprint in seen:
            number += 1
            fingerprint = digest(path, identity, str(number))
        seen.add(fingerprint)
        issues.append({
            "type": "issue",
            "description": f"{item.shown_id} {item.message}",
            "check_name": item.shown_id,
            "categories": [CATEGORIES[item.severity]],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[item.severity],
            "location": {"path": path, "lines": {"begin": max(item.line, 1), "end": max(item.end_line, item.line, 1)}},
        })
    return json_safe(json.dumps(issues, indent=2, ensure_ascii=False) + "\n")


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
