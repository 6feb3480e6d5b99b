"""Checkstyle XML (format 4.3): one <file> per linted file, clean ones included so a report shows
what was checked, and one <error> per finding (source `hullcheck.<ID>`)."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from lint.core.model import Severity
from lint.report import xml_safe

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "info"}


def render(result, *, display) -> str:
    root = ET.Element("checkstyle", version="4.3")
    files: dict[str, ET.Element] = {}
    for file_result in result.files:
        name = str(file_result.path)
        if name not in files:
            files[name] = ET.SubElement(root, "file", name=display(name).replace(os.sep, "/"))
    for item in result.findings:
        if item.path not in files:  # a finding reported in another file than the linted one
            files[item.path] = ET.SubElement(root, "file", name=display(item.path).replace(os.sep, "/"))
        ET.SubElement(files[item.path], "error", line=str(item.line), column=str(item.column),
                      severity=SEVERITIES[item.severity], message=item.message, source=f"hullcheck.{item.shown_id.replace('/', '.')}")
    ET.indent(root)
    # a control character quoted from the file would make every XML parser reject the whole report
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
