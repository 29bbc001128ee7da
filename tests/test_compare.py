"""`clausecheck compare`: regressions, improvements and unchanged protections between two drafts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_factory import finding, report

from checker.compare import compare
from checker.formats import FORMATTERS, Options
from checker.result import Deviation
from cli import main

WRITTEN_B = Path(__file__).parent / "devset" / "written_b"
PAIRS = [("b01_hospital_union_proposal.md", "b02_hospital_employer_counter.txt"),
         ("b05_poultry_union_proposal.txt", "b06_poultry_employer_counter.txt")]


def pair(old_status: str, new_status: str):
    old, new = report(), report()
    old.findings[0] = finding("alpha_notice", old_status)
    new.findings[0] = finding("alpha_notice", new_status)
    return old, new


@pytest.mark.parametrize("old, new, change", [
    ("matching", "weakened", "regression"),
    ("matching", "missing", "regression"),
    ("weakened", "missing", "regression"),
    ("missing", "weakened", "improvement"),
    ("weakened", "matching", "improvement"),
    ("matching", "matching", "unchanged"),
    ("weakened", "weakened", "unchanged"),
    ("missing", "missing", "unchanged"),
])
def test_compare_status_changes(old, new, change):
    c = compare(*pair(old, new))
    assert c.changes[0].change == change
    assert (c.changes[0].old_status, c.changes[0].new_status) == (old, new)
    assert [ch.change for ch in c.changes[1:]] == ["unchanged", "unchanged"]


def parameter(found: str) -> Deviation:
    return Deviation("parameter", 1, f"'{found}' is short, worse than the model's 12 (longer is better)", found,
                     "12 months longer")


@pytest.mark.parametrize("old_found, new_found, change, reason", [
    ("nine (9) months", "four months", "regression", "parameter made worse on element 1: 'nine (9) months' → 'four months'"),
    ("four months", "nine (9) months", "improvement", "parameter improved on element 1: 'four months' → 'nine (9) months'"),
    ("six months", "6 months", "unchanged", None),
])
def test_compare_parameter_made_worse_or_better(old_found, new_found, change, reason):
    old, new = pair("weakened", "weakened")
    old.findings[0].deviations = [parameter(old_found)]
    new.findings[0].deviations = [parameter(new_found)]
    ch = compare(old, new).changes[0]
    assert ch.change == change
    assert ch.reasons == ([reason] if reason else [])


def test_compare_new_exception_is_a_regression_even_with_same_status():
    old, new = pair("weakened", "weakened")
    new.findings[0].deviations.append(Deviation("discretion", 1, "'as the Employer determines' leaves it to the employer",
                                                "as the Employer determines"))
    ch = compare(old, new).changes[0]
    assert ch.change == "regression"
    assert ch.reasons == ["new discretion on element 1: 'as the Employer determines' leaves it to the employer "
                          "(found: as the Employer determines)"]


def test_compare_removed_deviation_is_an_improvement():
    old, new = pair("weakened", "weakened")
    old.findings[0].deviations.append(Deviation("scope", 1, "narrow"))
    ch = compare(old, new).changes[0]
    assert ch.change == "improvement" and ch.reasons == ["scope on element 1 removed"]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "github"])
def test_compare_every_format_names_the_regression(fmt):
    out = FORMATTERS[fmt].render_comparison(compare(*pair("matching", "missing")), Options())
    if fmt == "json":
        data = json.loads(out)
        assert data["summary"]["regression"] == 1
        assert data["changes"][0] == {"protection": "alpha_notice", "title": "Title of alpha_notice <b>",
                                      "category": "ice_enforcement", "old_status": "matching",
                                      "new_status": "missing", "change": "regression",
                                      "reasons": ["status matching → missing"],
                                      "old_clause": {"text": OLD_CLAUSE, "sections": ["14.2"], "pages": [],
                                                     "lines": [10]},
                                      "new_clause": None, "diff": [{"op": "delete", "text": OLD_CLAUSE}],
                                      "effect": 'The new version no longer contains the protection '
                                                '"Title of alpha_notice <b>".'}
    else:
        assert "alpha_notice" in out and "<b>" not in out.replace("Title of alpha_notice <b>", "")
        if fmt == "html":
            assert "Title of alpha_notice &lt;b&gt;" in out


OLD_CLAUSE = ('The Employer will notify the Union as soon as practicable of any visit. the Employer '
              '<script>alert("x")</script> & co | 50% off: "quoted", ok next')


def cli(*args):
    return CliRunner().invoke(main, ["compare", *map(str, args)], catch_exceptions=False)


@pytest.mark.parametrize("old, new", PAIRS)
def test_compare_cli_finds_what_the_counter_took_away(old, new):
    result = cli(WRITTEN_B / old, WRITTEN_B / new, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["regression"] >= 3
    assert all(ch["reasons"] for ch in data["changes"] if ch["change"] == "regression")


@pytest.mark.parametrize("doc", [p for p, _ in PAIRS])
def test_compare_cli_same_document_is_unchanged(doc):
    result = cli(WRITTEN_B / doc, WRITTEN_B / doc)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("0 regression(s), 0 improvement(s), ")


def test_compare_cli_written_pair(tmp_path):
    old = tmp_path / "current.txt"
    new = tmp_path / "counter.txt"
    old.write_text("ARTICLE 31 IMMIGRATION\n\n31.1 The Employer shall not consent to immigration authorities "
                   "entering any non-public area of the workplace unless the agents present a judicial warrant "
                   "signed by a judge or magistrate.\n", encoding="utf-8")
    new.write_text("ARTICLE 31 IMMIGRATION\n\n31.1 The Employer may, at its discretion, allow immigration "
                   "authorities to enter the workplace.\n", encoding="utf-8")
    result = cli(old, new, "--select", "judicial_warrant_for_nonpublic_access", "--quiet")
    assert result.exit_code == 1
    assert "▼ regression  judicial_warrant_for_nonpublic_access  " in result.stdout


@pytest.mark.parametrize("args, start", [
    (["missing.txt", "{doc}"], "E201 missing.txt: file not found"),
    (["{doc}", "{doc}", "--select", "nope"], "E401 unknown protection or category 'nope'"),
])
def test_compare_cli_errors_exit_2(args, start):
    doc = WRITTEN_B / PAIRS[0][0]
    result = cli(*[a.format(doc=doc) for a in args])
    assert result.exit_code == 2 and result.stderr.startswith(start)
