"""Every view of a report shows the rule behind each deviation; a deviation without one changes
nothing for existing consumers."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from report_factory import report, run

from checker.formats import FORMATTERS, Options
from cli import main

RULE = "hedge.as_soon_as_practicable"


def _ruled():
    r = report()
    for f in r.findings:
        for d in f.deviations:
            if d.kind == "hedge":
                d.rule = RULE
    return r


def test_rule_json_deviation_names_its_rule_and_omits_it_when_unknown():
    ruled = json.loads(FORMATTERS["json"].render(run(_ruled()), Options()))
    plain = json.loads(FORMATTERS["json"].render(run(report()), Options()))
    assert [d["rule"] for f in ruled["findings"] for d in f["deviations"] if d["kind"] == "hedge"] == [RULE]
    assert all("rule" not in d for f in plain["findings"] for d in f["deviations"])


def test_rule_html_details_show_it():
    page = FORMATTERS["html"].render(run(_ruled()), Options())
    assert '<th scope="col">Rule</th>' in page and f"<code>{RULE}</code>" in page


def test_rule_sarif_properties_list_it():
    data = json.loads(FORMATTERS["sarif"].render(run(_ruled()), Options()))
    results = [r for r in data["runs"][0]["results"] if r["properties"]["status"] == "weakened"]
    assert [r["properties"]["rules"] for r in results] == [[RULE]]
    assert results[0]["properties"]["deviations"][0]["rule"] == RULE


@pytest.mark.parametrize(("verbose", "shown"), [(True, True), (False, False)])
def test_rule_text_shows_it_when_verbose(verbose, shown):
    out = FORMATTERS["text"].render(run(_ruled()), Options(verbose=verbose))
    assert (f"[{RULE}]" in out) is shown


@pytest.mark.parametrize(("rule", "expected"), [
    ("hedge.as_soon_as_practicable", "clause_corpus/strength/hedge.yaml:"),
    ("modality.need_not", "The Employer need not give notice of a routine agency inquiry."),
    ("union_notice_of_immigration_contact.e1.parameter.union_notice_hours", "the model sets 24 hours"),
    ("judicial_warrant_for_nonpublic_access.e1.narrowing.3", "narrowing rule 3:"),
    ("override", "protection stage"),
])
def test_rule_explain_shows_the_rule(rule, expected):
    result = CliRunner().invoke(main, ["explain", rule])
    assert result.exit_code == 0 and expected in result.output, result.output


def test_rule_explain_unknown_rule_is_a_usage_error():
    result = CliRunner().invoke(main, ["explain", "hedge.no_such_entry"])
    assert result.exit_code == 2 and "unknown protection 'hedge.no_such_entry'" in result.output
