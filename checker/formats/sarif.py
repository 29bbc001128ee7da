"""SARIF 2.1.0 for code-scanning tools: one run, a rule per protection, a result per shortfall.

Choices (docs/ci.md repeats them):
- level: missing -> error, weakened -> warning; severity 'critical' raises weakened to error,
  'low' lowers either one step (see checker.run.level). Waived findings keep their level and
  carry a `suppressions` entry (kind "external", the waiver's reason), as SARIF intends.
- location: artifactLocation.uri is the path relative to the working directory, percent-encoded
  as a URI reference must be (a file:// URI when the file is outside it). Every finding with
  evidence has a region: startLine is the evidence's line in the extracted text (for TXT and MD
  the file's own line; for PDF and DOCX the line of `clausecheck parse`'s text), with the
  snippet; the page and section go in location.properties. A missing protection points at the
  file with no region.
- partialFingerprints["clausecheck/v1"]: a hash of the relative path and the protection id, so
  the same gap keeps its identity across runs even when lines move.
"""
from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import quote

from checker import __version__
from checker.formats.base import Options, clip, message
from checker.run import display_path, fingerprint, level

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LINE_FORMATS = ("txt", "md")


def artifact_uri(path: str) -> str:
    """artifactLocation.uri must be a URI reference: relative paths percent-encoded ("my draft.txt"
    -> "my%20draft.txt"), paths outside the working directory as file:// URIs."""
    shown = display_path(path)
    if PurePosixPath(shown).is_absolute():
        return "file://" + quote(shown, safe="/")
    return quote(shown, safe="/")


def _rules(run) -> tuple[list[dict], dict[str, int]]:
    rules: list[dict] = []
    index: dict[str, int] = {}
    for report in run.reports:
        for f in report.findings:
            if f.protection in index:
                continue
            index[f.protection] = len(rules)
            model = " ".join(f.suggestion.split())
            rules.append({
                "id": f.protection,
                "name": "".join(w.capitalize() for w in f.protection.split("_")),
                "shortDescription": {"text": f.title},
                "fullDescription": {"text": f.title},
                "help": {"text": f"Model language to propose:\n{f.suggestion}",
                         "markdown": f"**Model language to propose**\n\n> {model}"},
                "defaultConfiguration": {"level": "error"},
                "properties": {"category": f.category, "severity": f.severity,
                               "tags": ["clausecheck", f.category]},
            })
    return rules, index


def _location(report, finding) -> dict:
    physical: dict = {"artifactLocation": {"uri": artifact_uri(report.document["path"])}}
    location: dict = {"physicalLocation": physical}
    if finding.evidence:
        ev = finding.evidence[0]
        physical["region"] = {"startLine": max(1, ev.line), "snippet": {"text": clip(ev.text, 500)}}
        props = {k: v for k, v in (("page", ev.page), ("section", ev.section)) if v is not None}
        if report.document["format"] not in LINE_FORMATS:
            props["lineIn"] = "extracted text"
        if props:
            location["properties"] = props
    return location


def sarif_dict(run) -> dict:
    rules, index = _rules(run)
    results = []
    for report in run.reports:
        for f in report.findings:
            if f.status == "matching":
                continue
            result = {
                "ruleId": f.protection,
                "ruleIndex": index[f.protection],
                "level": level(f),
                "kind": "fail",
                "message": {"text": message(f)},
                "locations": [_location(report, f)],
                "partialFingerprints": {"clausecheck/v1": fingerprint(report, f)},
                "properties": {"status": f.status, "severity": f.severity, "category": f.category,
                               "confidence": f.confidence,
                               "deviations": [{k: v for k, v in vars(d).items() if v is not None}
                                              for d in f.deviations],
                               # the rules behind the deviations (`clausecheck explain RULE` shows one)
                               "rules": sorted({d.rule for d in f.deviations if d.rule})},
            }
            w = run.waiver(report, f)
            if w is not None:
                result["suppressions"] = [{"kind": "external", "justification": w.reason}]
            results.append(result)
    notifications = [{"level": "error", "message": {"text": o.error},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(o.path)}}}]}
                     for o in run.errors]
    notifications += [{"level": "warning", "message": {"text": w},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.document["path"])}}}]}
                      for r in run.reports for w in r.warnings]
    notifications += [{"level": "warning", "message": {"text": w}} for w in run.warnings()]
    invocation = {"executionSuccessful": not run.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clausecheck", "version": __version__,
                                "informationUri": "https://github.com/clausecheck/clausecheck",
                                "rules": rules}},
            "invocations": [invocation],
            "artifacts": [{"location": {"uri": artifact_uri(r.document["path"])},
                           "hashes": {"sha-256": r.document["sha256"]}} for r in run.reports],
            "results": results,
        }],
    }


def render(run, options: Options) -> str:
    return json.dumps(sarif_dict(run), indent=2, ensure_ascii=False)


def comparison_sarif_dict(comparison, options: Options) -> dict:
    """`compare --format sarif`: a result per change that fails --fail-on (level error) and per
    other regression (warning), located at the new version."""
    from checker.compare import failing_changes

    failing = {c.protection for c in failing_changes(comparison, options.fail_on)}
    rules, index, results = [], {}, []
    for ch in comparison.changes:
        if ch.protection not in failing and ch.change != "regression":
            continue
        if ch.protection not in index:
            index[ch.protection] = len(rules)
            rules.append({"id": ch.protection, "shortDescription": {"text": ch.title},
                          "properties": {"category": ch.category}})
        results.append({
            "ruleId": ch.protection, "ruleIndex": index[ch.protection],
            "level": "error" if ch.protection in failing else "warning", "kind": "fail",
            "message": {"text": f"{ch.title}: {ch.old_status} → {ch.new_status}"
                                + ("; " + "; ".join(ch.reasons) if ch.reasons else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(comparison.new_path)}}}],
            "properties": {"change": ch.change, "old_status": ch.old_status, "new_status": ch.new_status,
                           "old_path": display_path(comparison.old_path)},
        })
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "clausecheck", "version": __version__,
                            "informationUri": "https://github.com/clausecheck/clausecheck", "rules": rules}},
        "invocations": [{"executionSuccessful": True}],
        "results": results}]}


def render_comparison(comparison, options: Options) -> str:
    return json.dumps(comparison_sarif_dict(comparison, options), indent=2, ensure_ascii=False)
