"""The check registry: the kinds, weights, schema enum and docs all come from one table, and every
deviation names the rule that produced it."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from checker.engine import checks
from checker.engine.checks.base import Check

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ("The Employer shall notify the Union by telephone immediately, and in writing within twenty-four (24) "
          "hours, whenever immigration authorities visit the workplace, contact the Employer about an employee, "
          "request employee records, or when the Employer learns of an immigration investigation concerning any "
          "bargaining-unit employee. Within the same twenty-four (24) hours, the Employer shall give the Union "
          "copies of all warrants, subpoenas, notices and letters it receives from immigration authorities.")


def _report(text: str):
    from checker.api import check_document, document_from_text

    return check_document(document_from_text(text))


def _finding(text: str, pid: str = "union_notice_of_immigration_contact"):
    return next(f for f in _report(text).findings if f.protection == pid)


def test_checks_schema_enum_is_the_registry():
    schema = json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))
    assert schema["$defs"]["deviation"]["properties"]["kind"]["enum"] == list(checks.KINDS)


def test_checks_readme_table_is_the_registry():
    readme = (ROOT / "clause_corpus" / "README.md").read_text(encoding="utf-8")
    assert checks.markdown_table() in readme


@pytest.mark.parametrize("kind", ["modality", "hedge", "parameter", "scope", "missing_element", "discretion",
                                  "reversed", "enforceability"])
def test_checks_every_report_kind_has_one_module(kind):
    assert kind in checks.KINDS and checks.WEIGHTS[kind] > 0
    assert sum(c.kind == kind for c in checks.REGISTRY) == 1


def test_checks_corpus_examples_accept_exactly_the_registered_kinds(tmp_path):
    from checker.corpus.load import deviation_kinds

    assert deviation_kinds() == checks.KINDS


def test_checks_a_new_kind_is_one_module_and_its_registry_line(monkeypatch):
    """What clause_corpus/README.md shows: a sentence-stage check added to the table runs on every
    candidate, its deviations carry its kind and rule, and its weight counts."""
    from checker.result import Deviation

    def find(ctx):
        if "telephone" in ctx.text:
            return [Deviation("channel", ctx.element.index, "notice by telephone only", "telephone", rule="channel")]
        return []

    extra = Check("channel", "channel", 1, "sentence", find, "notice that names one channel only")
    monkeypatch.setattr(checks, "SENTENCE", checks.SENTENCE + (extra,))
    monkeypatch.setitem(checks.WEIGHTS, "channel", 1)
    f = _finding(NOTICE)
    assert f.status == "weakened"
    assert [(d.kind, d.rule) for d in f.deviations] == [("channel", "channel")]


def test_checks_full_strength_notice_is_matching():
    assert _finding(NOTICE).status == "matching"


@pytest.mark.parametrize(("declaration", "rule"), [
    ("This Article is a statement of intent.", "non_binding.statement_of_intent"),
    ("The provisions of this Article shall not be subject to the grievance and arbitration procedure.",
     "non_binding.not_grievable"),
    ("The commitments in this Article are advisory.", "non_binding.advisory"),
])
def test_checks_a_non_binding_provision_is_an_enforceability_deviation(declaration, rule):
    text = f"ARTICLE 14 IMMIGRATION\n\n14.1 {NOTICE}\n\n14.2 {declaration}\n"
    f = _finding(text)
    assert f.status == "weakened"
    assert [(d.kind, d.rule) for d in f.deviations if d.kind == "enforceability"][:1] == [("enforceability", rule)]
    assert any(declaration in ev.text for ev in f.evidence), "the evidence cites the provision that defeats it"


def test_checks_every_deviation_of_the_counter_proposal_names_a_rule_that_explain_knows():
    from checker.api import check_file, default_corpus
    from checker.rules import rule_text

    report = check_file(ROOT / "examples" / "hotel-counterproposal.txt")
    devs = [d for f in report.findings for d in f.deviations]
    assert devs and all(d.rule for d in devs)
    corpus = default_corpus()
    assert all(rule_text(corpus, d.rule) for d in devs), [d.rule for d in devs if not rule_text(corpus, d.rule)]


@pytest.mark.parametrize(("text", "rule"), [
    ("The Employer will notify the Union of any immigration agency visit as soon as practicable, and shall give "
     "the Union copies of all notices it receives from immigration authorities.", "hedge.as_soon_as_practicable"),
    ("The Employer may notify the Union within 24 hours whenever immigration authorities visit the workplace, "
     "contact the Employer or request records, and shall give the Union copies of all notices it receives from "
     "immigration authorities.", "modality.may"),
])
def test_checks_deviation_rule_is_the_entry_that_fired(text, rule):
    f = _finding(text)
    assert rule in [d.rule for d in f.deviations]


def test_checks_json_report_carries_rule_and_validates(tmp_path):
    import jsonschema

    from checker.api import check_file
    from checker.formats import to_json

    data = json.loads(to_json(check_file(ROOT / "examples" / "hotel-counterproposal.txt")))
    schema = json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    rules = [d["rule"] for f in data["findings"] for d in f["deviations"]]
    assert rules and all(re.fullmatch(r"[a-z0-9_.]+", r) for r in rules)


def test_checks_a_non_binding_declaration_in_another_article_changes_nothing():
    text = (f"ARTICLE 14 IMMIGRATION\n\n14.1 {NOTICE}\n\nARTICLE 30 WELLNESS PROGRAM\n\n"
            "30.1 The Employer shall offer a voluntary wellness program.\n\n30.2 This Article is a statement of intent.\n")
    assert _finding(text).status == "matching"
