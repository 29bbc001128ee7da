"""SARIF, JUnit and GitHub annotations from hand-built reports: structure, levels, escaping."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from report_factory import report, run

from checker.formats import FORMATTERS, Options
from checker.formats.github import escape_data, escape_property
from checker.run import Waiver

OPTS = Options()


def sarif(r) -> dict:
    return json.loads(FORMATTERS["sarif"].render(r, OPTS))


def test_formats_sarif_required_structure():
    doc = sarif(run(report()))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (only,) = doc["runs"]
    driver = only["tool"]["driver"]
    assert driver["name"] == "clausecheck"
    assert [r["id"] for r in driver["rules"]] == ["alpha_notice", "beta_privacy", "gamma_leave"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and "Model language" in rule["help"]["text"]
        assert set(rule["properties"]) >= {"category", "severity"}
    for result in only["results"]:
        assert set(result) >= {"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints"}
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/hotel.md"


@pytest.mark.parametrize("status, severity, level", [
    ("missing", "high", "error"),
    ("weakened", "high", "warning"),
    ("weakened", "critical", "error"),
    ("missing", "low", "warning"),
    ("weakened", "low", "note"),
])
def test_formats_sarif_level_from_status_and_severity(status, severity, level):
    r = report(statuses=(status, "matching", "matching"))
    r.findings[0].severity = severity
    (result,) = sarif(run(r))["runs"][0]["results"]
    assert result["level"] == level


@pytest.mark.parametrize("fmt, pages, region, page", [
    ("md", None, {"startLine": 20}, None),
    ("txt", None, {"startLine": 20}, None),
    ("pdf", 3, {"startLine": 20}, 2),  # the line in the extracted text; the page beside it
])
def test_formats_sarif_locations_line_for_text_page_for_pdf(fmt, pages, region, page):
    doc = sarif(run(report(path=f"drafts/x.{fmt}", fmt=fmt, pages=pages)))
    weakened = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "beta_privacy")
    loc = weakened["locations"][0]
    got = loc["physicalLocation"].get("region")
    assert (got and {"startLine": got["startLine"]}) == region or (got is None and region is None)
    assert loc.get("properties", {}).get("page") == page


def test_formats_sarif_fingerprints_stable_and_distinct():
    a = sarif(run(report()))["runs"][0]["results"]
    moved = report()
    moved.findings[1].evidence[0].line = 999
    b = sarif(run(moved))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in a] == [r["partialFingerprints"] for r in b]
    assert len({r["partialFingerprints"]["clausecheck/v1"] for r in a}) == len(a)


def test_formats_sarif_waived_result_is_suppressed_with_reason():
    w = Waiver("drafts/*.md", "gamma_leave", "reopener agreed")
    (res,) = [r for r in sarif(run(report(), waivers=(w,)))["runs"][0]["results"] if r["ruleId"] == "gamma_leave"]
    assert res["suppressions"] == [{"kind": "external", "justification": "reopener agreed"}]


def junit(r) -> ET.Element:
    return ET.fromstring(FORMATTERS["junit"].render(r, OPTS))


@pytest.mark.parametrize("fail_on, failures", [("missing", ["gamma_leave"]), ("weakened", ["beta_privacy", "gamma_leave"]),
                                                ("never", [])])
def test_formats_junit_failures_follow_threshold(fail_on, failures):
    root = junit(run(report(), fail_on=fail_on))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "drafts/hotel.md" and suite.get("tests") == "3"
    assert [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None] == failures
    assert root.get("failures") == str(len(failures))


def test_formats_junit_failure_lists_deviations_and_errors_are_suites():
    root = junit(run(report(), report(path="drafts/b.txt", fmt="txt"), errors=("gone.pdf",), fail_on="weakened"))
    assert [s.get("name") for s in root.findall("testsuite")] == ["drafts/hotel.md", "drafts/b.txt", "gone.pdf"]
    failure = root.find("testsuite/testcase[@name='beta_privacy']/failure")
    assert failure.get("type") == "weakened" and "hedge, element 1" in failure.text
    assert root.find("testsuite[@name='gone.pdf']/testcase/error").get("message").startswith("E201 gone.pdf")
    assert root.get("errors") == "1" and root.get("tests") == "7"


def test_formats_junit_waived_is_skipped():
    w = Waiver("hotel.md", "gamma_leave", "reopener agreed", expires=date(2027, 1, 1))
    case = junit(run(report(), waivers=(w,))).find("testsuite/testcase[@name='gamma_leave']")
    assert case.find("failure") is None and case.find("skipped").get("message") == "waived: reopener agreed"


@pytest.mark.parametrize("raw, data, prop", [
    ("a%b", "a%25b", "a%25b"),
    ("l1\r\nl2", "l1%0D%0Al2", "l1%0D%0Al2"),
    ("k: v, w", "k: v, w", "k%3A v%2C w"),
])
def test_formats_github_escaping(raw, data, prop):
    assert escape_data(raw) == data and escape_property(raw) == prop


def test_formats_github_annotations_exact():
    out = FORMATTERS["github"].render(run(report()), OPTS).splitlines()
    assert len(out) == 2  # one annotation per document and level
    assert out[0] == ("::error file=drafts/hotel.md,title=clausecheck%3A 1 protection failing::"
                      "gamma_leave — Title of gamma_leave <b>: missing — missing_element, element 1: no notice duty at all")
    assert out[1].startswith("::warning file=drafts/hotel.md,line=20,title=clausecheck%3A 1 protection weakened::"
                             "beta_privacy — Title of beta_privacy <b>: weakened — hedge, element 1")
    assert all("\n" not in line and "\r" not in line for line in out)


def test_formats_github_pdf_has_its_extracted_line_and_errors_are_annotated():
    out = FORMATTERS["github"].render(run(report(path="c.pdf", fmt="pdf", pages=3), errors=("x.docx",)), OPTS)
    assert "file=c.pdf,line=20," in out
    assert out.splitlines()[0].startswith("::error file=x.docx,title=clausecheck%3A cannot read::E201 x.docx")


def test_formats_github_waived_is_a_notice():
    w = Waiver("*.md", "gamma_leave", "agreed, 2026")
    out = FORMATTERS["github"].render(run(report(), waivers=(w,)), OPTS).splitlines()
    notice = next(line for line in out if line.startswith("::notice"))
    assert notice.startswith("::notice file=drafts/hotel.md,title=clausecheck%3A 1 protection waived or known::gamma_leave")
    assert notice.endswith("[waived: agreed, 2026]")
