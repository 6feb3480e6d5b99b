"""JUnit XML: one <testsuite> per linted file (GitLab's test report and Jenkins group by it), one failing
<testcase> per finding, and a passing one for a clean file, so a clean run still shows it ran."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from lint.report import xml_safe


def render(result, *, display) -> str:
    suites: dict[str, list[ET.Element]] = {}
    for file_result in result.files:
        suites.setdefault(str(file_result.path), [])
    for item in result.findings:
        path = display(item.path).replace(os.sep, "/")
        case = ET.Element("testcase", name=f"{item.shown_id} {item.rule_name} at {item.line}:{item.column}",
                          classname=path, file=path, time="0")
        failure = ET.SubElement(case, "failure", message=item.message, type=item.shown_id)
        failure.text = f"{path}:{item.line}:{item.column}: {item.shown_id} [{item.severity}] {item.message}"
        suites.setdefault(item.path, []).append(case)

    root = ET.Element("testsuites", name="hullcheck")
    total = failures = errors = 0
    for path, cases in suites.items():
        name = display(path).replace(os.sep, "/")
        failed = len(cases)
        if not cases:
            cases = [ET.Element("testcase", name="no problems", classname=name, file=name, time="0")]
        add_suite(root, name, cases, failed, 0)
        total += len(cases)
        failures += failed
    run_cases = []
    for text in result.errors:  # files that could not be read: errors of the run itself
        case = ET.Element("testcase", name=text, classname="hullcheck", time="0")
        ET.SubElement(case, "error", message=text, type="error")
        run_cases.append(case)
    if run_cases or not suites:
        if not run_cases:
            run_cases = [ET.Element("testcase", name="no files to check", classname="hullcheck", time="0")]
        add_suite(root, "hullcheck", run_cases, 0, len(result.errors))
        total += len(run_cases)
        errors += len(result.errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", "0")
    ET.indent(root)
    # a control character quoted from the file would make every XML parser reject the whole report
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def add_suite(root: ET.Element, name: str, cases: list[ET.Element], failures: int, errors: int) -> None:
    suite = ET.SubElement(root, "testsuite", name=name, tests=str(len(cases)), failures=str(failures),
                          errors=str(errors), skipped="0", time="0")
    suite.extend(cases)
