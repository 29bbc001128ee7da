"""SARIF and JUnit from the real `clausecheck check` validate against the published schemas.

tests/schemas/ holds them (see its README for where each copy comes from):
- sarif-schema-2.1.0.json: the OASIS SARIF 2.1.0 (errata01) JSON schema, draft-04.
- junit-10.xsd: the JUnit XSD of Jenkins' xUnit plugin, the schema Jenkins checks JUnit input
  against. (The stricter Ant schema describes one <testsuite> per file with hostname, timestamp
  and properties; no CI tool asks for those, and our aggregate <testsuites> does not have them.)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

from cli import main

SCHEMAS = Path(__file__).parent / "schemas"
PID = "union_notice_of_immigration_contact"
CLEAN = ("ARTICLE 9 IMMIGRATION\n\n9.1 The Employer shall notify the Union by telephone immediately, and in writing "
         "within twenty-four (24) hours, whenever immigration authorities visit the workplace, contact the Employer "
         "about an employee, or request employee records, and shall give the Union copies of all written "
         "communications received from immigration authorities.\n")
WEAKENED = ("ARTICLE 9 IMMIGRATION\n\n9.1 The Employer will notify the Union as soon as practicable after immigration "
            "authorities visit the premises, contact the Employer about an employee or request employee records.\n")
NOTHING = "ARTICLE 1 WAGES\n\n1.1 Employees shall be paid every two weeks by direct deposit.\n"
# RFC 3986 URI-reference characters; the schema's "uri-reference" format is not checked by
# jsonschema without optional packages, so the test checks it itself.
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def junit_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return name


# One row per kind of run: (files to write, extra options, expected exit code)
RUNS = {
    "clean": ([("clean.txt", CLEAN)], ["--select", PID], 0),
    "weakened": ([("weakened.md", WEAKENED)], ["--select", PID, "--fail-on", "weakened"], 1),
    "weakened-below-threshold": ([("weakened.md", WEAKENED)], ["--select", PID], 0),
    "all-missing": ([("wages.txt", NOTHING)], [], 1),
    "several-one-unreadable": ([("my draft.txt", WEAKENED), ("wages.txt", NOTHING),
                                ("broken.pdf", b"%PDF-1.4 not really a pdf")], [], 2),
}


def check(tmp_path, monkeypatch, fmt: str, run: str) -> str:
    files, extra, code = RUNS[run]
    names = [write(tmp_path, name, text) for name, text in files]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", *names, "--format", fmt, "--output", f"out.{fmt}", *extra])
    assert result.exit_code == code, result.output
    return (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")


@pytest.mark.parametrize("run", list(RUNS))
def test_formats_sarif_validates_against_the_oasis_schema(tmp_path, monkeypatch, sarif_validator, run):
    doc = json.loads(check(tmp_path, monkeypatch, "sarif", run))
    errors = [f"{e.json_path}: {e.message}" for e in sarif_validator.iter_errors(doc)]
    assert errors == []
    (only,) = doc["runs"]
    uris = [a["location"]["uri"] for a in only["artifacts"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"] for r in only["results"] for loc in r["locations"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"]
             for inv in only["invocations"] for n in inv.get("toolExecutionNotifications", [])
             for loc in n.get("locations", [])]
    assert uris and all(URI_REFERENCE.match(u) for u in uris), uris


def test_formats_sarif_contents_of_a_mixed_run(tmp_path, monkeypatch):
    doc = json.loads(check(tmp_path, monkeypatch, "sarif", "several-one-unreadable"))
    (only,) = doc["runs"]
    assert [a["location"]["uri"] for a in only["artifacts"]] == ["my%20draft.txt", "wages.txt"]
    (invocation,) = only["invocations"]
    assert invocation["executionSuccessful"] is False
    (notice,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert notice["message"]["text"].startswith("E204 broken.pdf: ")
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.pdf"
    weakened = [r for r in only["results"] if r["properties"]["status"] == "weakened"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in weakened] == \
        [(PID, "my%20draft.txt", 3)]


def test_formats_sarif_clean_run_has_no_results(tmp_path, monkeypatch):
    doc = json.loads(check(tmp_path, monkeypatch, "sarif", "clean"))
    (only,) = doc["runs"]
    assert only["results"] == [] and only["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize("run", list(RUNS))
def test_formats_junit_validates_against_the_jenkins_schema(tmp_path, monkeypatch, junit_schema, run):
    doc = etree.fromstring(check(tmp_path, monkeypatch, "junit", run).encode("utf-8"))
    assert junit_schema.validate(doc), [str(e) for e in junit_schema.error_log]


def test_formats_junit_contents_of_a_mixed_run(tmp_path, monkeypatch):
    doc = etree.fromstring(check(tmp_path, monkeypatch, "junit", "several-one-unreadable").encode("utf-8"))
    suites = doc.findall("testsuite")
    assert [s.get("name") for s in suites] == ["my draft.txt", "wages.txt", "broken.pdf"]
    (error,) = suites[2].findall("testcase/error")
    assert error.get("message").startswith("E204 broken.pdf: ") and error.get("type") == "input"
    n = sum(int(s.get("tests")) for s in suites)
    assert (doc.get("tests"), doc.get("errors")) == (str(n), "1")
    assert doc.get("failures") == str(sum(int(s.get("failures")) for s in suites))
    missing = suites[1].findall("testcase/failure")
    assert len(missing) == int(suites[1].get("tests")) and {f.get("type") for f in missing} == {"missing"}


@pytest.mark.parametrize("run, failures, out", [
    ("clean", 0, 0),
    ("weakened", 1, 0),
    ("weakened-below-threshold", 0, 1),
])
def test_formats_junit_one_protection_one_testcase(tmp_path, monkeypatch, run, failures, out):
    doc = etree.fromstring(check(tmp_path, monkeypatch, "junit", run).encode("utf-8"))
    (case,) = doc.findall("testsuite/testcase")
    assert case.get("name") == PID
    assert (len(case.findall("failure")), len(case.findall("system-out"))) == (failures, out)
