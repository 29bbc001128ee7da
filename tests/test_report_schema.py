"""The JSON report (spec/report.md) validates against the shipped schema for real documents."""
from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from checker.api import check_file, default_corpus

DEVSET = Path(__file__).parent / "devset"
DOCUMENTS = sorted(p for p in (DEVSET / "shared").iterdir() if p.suffix in (".md", ".txt"))


def load_schema() -> dict:
    return json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    return {p.name: check_file(p).to_dict() for p in DOCUMENTS}


def test_report_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", [p.name for p in DOCUMENTS])
def test_report_schema_validates_devset_report(validator, reports, name):
    errors = sorted(validator.iter_errors(reports[name]), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize("name", [p.name for p in DOCUMENTS])
def test_report_lists_every_catalog_protection_once_in_order(reports, name):
    catalog = [p.id for p in default_corpus().protections]
    assert [f["protection"] for f in reports[name]["findings"]] == catalog


@pytest.mark.parametrize("name", [p.name for p in DOCUMENTS])
def test_report_summary_counts_the_findings(reports, name):
    report = reports[name]
    counts = {s: sum(f["status"] == s for f in report["findings"]) for s in ("matching", "weakened", "missing")}
    assert report["summary"] == counts


def test_report_schema_validates_pdf_report_with_pages(validator, make_pdf):
    path = make_pdf([["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union."],
                     ["ARTICLE 2 IMMIGRATION", "The Employer will notify the Union of any immigration inspection."]])
    report = check_file(path).to_dict()
    assert report["document"]["format"] == "pdf" and report["document"]["pages"] == 2
    assert list(validator.iter_errors(report)) == []


def _break(report: dict, how: str) -> dict:
    r = copy.deepcopy(report)
    finding = r["findings"][0]
    if how == "status":
        finding["status"] = "partial"
    elif how == "deviation_kind":
        finding["status"] = "weakened"
        finding["deviations"] = [{"kind": "vibes", "element": 1, "explanation": "x"}]
    elif how == "missing_field":
        del finding["suggestion"]
    elif how == "confidence":
        finding["confidence"] = 1.5
    elif how == "schema_version":
        r["schema_version"] = "2"
    elif how == "summary":
        del r["summary"]["weakened"]
    elif how == "page_zero":
        finding["status"] = "matching"
        finding["deviations"] = []
        finding["evidence"] = [{"text": "x", "section": None, "heading": None, "page": 0, "line": 1,
                                "start": 0, "end": 1}]
    elif how == "missing_with_evidence":
        finding["status"] = "missing"
        finding["evidence"] = [{"text": "x", "section": None, "heading": None, "page": None, "line": 1,
                                "start": 0, "end": 1}]
    return r


@pytest.mark.parametrize("how", ["status", "deviation_kind", "missing_field", "confidence", "schema_version",
                                 "summary", "page_zero", "missing_with_evidence"])
def test_report_schema_rejects_broken_report(validator, reports, how):
    report = reports[DOCUMENTS[0].name]
    assert list(validator.iter_errors(report)) == []
    assert list(validator.iter_errors(_break(report, how))) != []
