"""One JSON array of findings: rule id and name, severity, message, file, start and end, fix, fingerprint."""
from __future__ import annotations

import json

from lint.report import json_safe


def render(result, *, display) -> str:
    items = []
    for item in result.findings:
        entry = {
            "rule": item.rule_id,
            "name": item.rule_name,
            **({"code": item.code} if item.code else {}),
            "severity": str(item.severity),
            "message": item.message,
            "file": display(item.path),
            "start": {"line": item.line, "column": item.column},
            "end": {"line": item.end_line, "column": item.end_column},
            "fingerprint": item.fingerprint,
            "fix": None,
            "related": [{"file": display(r.path), "message": r.message} for r in item.related],
        }
        if item.fix is not None:
            entry["fix"] = {
                "title": item.fix.title,
                "applicability": str(item.fix.applicability),
                "edits": [
                    {"file": display(e.path), "start": e.span.start, "end": e.span.end, "content": e.text}
                    for e in item.fix.edits
                ],
            }
        items.append(entry)
    return json_safe(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"
