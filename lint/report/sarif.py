"""SARIF 2.1.0: every rule's metadata, each finding with its exact region, related places and fixes.

Paths are relative to the root of the git repository holding the working directory (the `%SRCROOT%`
base, given as a file:// URI in `originalUriBaseIds`), else to the working directory: code scanning
reads a relative URI from the repository root, so a run from a subdirectory must not shorten it.
Columns are code points (`columnKind: unicodeCodePoints`) and an end column is the column after the
last character, as SARIF counts it. Only applicable fixes (safe and unsafe) become `fixes`: a consumer
may apply those; a display-only suggestion is named in the result's properties instead.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.engine.docs import HOMEPAGE
from lint.core.model import Applicability, Severity, Span
from lint.report import json_safe, repository_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "hullcheckFingerprint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}


def render(result, *, display) -> str:
    root = repository_root()
    sources = Sources(result)
    artifacts = Artifacts(root)
    for file_result in result.files:
        artifacts.location(str(file_result.path), target=True)
    rules, rule_index = rule_descriptors()
    results = [result_of(item, rule_index, sources, artifacts) for item in result.findings]
    notifications = [notification(text, "error") for text in result.errors]
    notifications += [notification(text, "note") for text in result.notices]
    invocation = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {
            "name": "hullcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": HOMEPAGE,
            "rules": rules,
        }},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(root)}},
        "artifacts": artifacts.items,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False) + "\n")


def directory_uri(path: Path) -> str:
    """A directory as a file:// URI ending in "/", as SARIF wants for a base URI."""
    uri = path.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def rule_descriptors() -> tuple[list[dict], dict[str, int]]:
    """Every rule of the manifest, not only those that fired: code scanning shows their help."""
    from lint.engine.docs import explain, rule_url
    from lint.engine.registry import load_rule, manifest

    descriptors = []
    for info in manifest():
        help_text = explain(info)
        full = section(load_rule(info.module).doc, "What it does") or info.summary
        descriptor = {
            "id": info.id,
            "name": info.name,
            "shortDescription": {"text": info.summary or info.name},
            "fullDescription": {"text": full or info.name},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "help": {"text": help_text, "markdown": help_text},
            "helpUri": rule_url(info),
            "properties": {"tags": [info.kind], "fix": str(info.fix) if info.fix else "none"},
        }
        if descriptor["helpUri"] is None:
            del descriptor["helpUri"]
        descriptors.append(descriptor)
    return descriptors, {d["id"]: i for i, d in enumerate(descriptors)}


def section(doc: str, heading: str) -> str:
    """The text under `## heading` of a rule docstring, up to the next heading, unwrapped."""
    match = re.search(rf"^## {re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    if not match:
        return ""
    paragraphs = re.split(r"\n\s*\n", match.group(1).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def result_of(item, rule_index: dict[str, int], sources: "Sources", artifacts: "Artifacts") -> dict:
    location = {"artifactLocation": artifacts.location(item.path)}
    if item.line:
        location["region"] = {"startLine": item.line, "startColumn": item.column,
                              "endLine": item.end_line, "endColumn": item.end_column}
    entry: dict = {"ruleId": item.shown_id}  # SARIF's hierarchical id for a rule's own code: DF390/SC2086
    if item.rule_id in rule_index:
        entry["ruleIndex"] = rule_index[item.rule_id]
    entry.update({
        "level": LEVELS[item.severity],
        "message": {"text": item.message},
        "locations": [{"physicalLocation": location}],
    })
    related = []
    for number, other in enumerate(item.related, 1):
        place = {"artifactLocation": artifacts.location(other.path)}
        region = sources.region(other.path, other.span)
        if region is not None:
            place["region"] = region
        related_location = {"id": number, "physicalLocation": place}
        if other.message:
            related_location["message"] = {"text": other.message}
        related.append(related_location)
    if related:
        entry["relatedLocations"] = related
    if item.fingerprint:
        entry["partialFingerprints"] = {FINGERPRINT_KEY: item.fingerprint}
    if item.fix is not None:
        if item.fix.applicability is Applicability.DISPLAY:
            entry["properties"] = {"suggestion": item.fix.title}
        else:
            fix = fix_of(item.fix, sources, artifacts)
            if fix is not None:
                entry["fixes"] = [fix]
    return entry


def fix_of(fix, sources: "Sources", artifacts: "Artifacts") -> dict | None:
    """One artifactChange per file, its edits as replacements; None when a file cannot be read."""
    changes: dict[str, list[dict]] = {}
    for edit in fix.edits:
        region = sources.region(edit.path, edit.span)
        if region is None:
            return None  # a partial fix would be wrong: leave it out
        changes.setdefault(edit.path, []).append(
            {"deletedRegion": region, "insertedContent": {"text": edit.text}})
    if not changes:
        return None
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": artifacts.location(path), "replacements": replacements}
                            for path, replacements in changes.items()],
        "properties": {"applicability": str(fix.applicability)},
    }


def notification(text: str, level: str) -> dict:
    return {"level": level, "message": {"text": text}}


class Sources:
    """The decoded text of each file a region points into: the run's own, else read once."""

    def __init__(self, result) -> None:
        self.texts = {str(r.path): r.source for r in result.files if r.source is not None}

    def get(self, path: str):
        if path not in self.texts:
            from lint.core.source import DecodeError, Source, decode

            try:
                data = Path(path).read_bytes()
            except OSError:
                self.texts[path] = None
            else:
                try:
                    text = decode(data)
                except DecodeError:
                    text = data.decode("utf-8", errors="replace")  # the engine's own offsets use this too
                self.texts[path] = Source(path, text)
        return self.texts[path]

    def region(self, path: str, span: Span) -> dict | None:
        source = self.get(path)
        if source is None:
            return None
        start_line, start_column = source.position(span.start)
        end_line, end_column = source.position(span.end)
        return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


class Artifacts:
    """run.artifacts: each file once, in order of first mention; locations relative to %SRCROOT%."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[dict] = []
        self.index: dict[str, int] = {}

    def location(self, path: str, target: bool = False) -> dict:
        if path not in self.index:
            artifact = {"location": self.uri_of(path)}
            if target:
                artifact["roles"] = ["analysisTarget"]
            self.index[path] = len(self.items)
            self.items.append(artifact)
        return {**self.uri_of(path), "index": self.index[path]}

    def uri_of(self, path: str) -> dict:
        absolute = Path(path)
        if not absolute.is_absolute():
            absolute = self.root / absolute
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        # the bytes of the name, percent-encoded: a name that is not UTF-8 too (as Path.as_uri does)
        return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": SRCROOT}
