"""`clausecheck explain ID` (and `corpus show ID`, the same code): a protection as a staffer reads it."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.corpus import load_corpus
from checker.formats import protection_text
from cli import main
from corpus_pack import write_pack

PROTECTION = textwrap.dedent("""\
    id: notice_of_inspection
    title: Notice to the union of an immigration inspection
    category: union_rights_and_notice
    plank: [1]
    severity: high
    model_text: The Employer shall notify the Union within 24 hours of any immigration inspection.
    rationale: The union can only help workers it knows are at risk.
    references: [California Labor Code § 90.2, Illinois Public Act 103-0879]
    elements:
      - index: 1
        description: The union is told of any immigration inspection.
        strength: obligation
        detect: [tell, imm]
        parameters:
          - name: notice_hours
            unit: hours
            model: 24
            better: lower
            required: true
            cues: ['within']
    examples:
      - status: matching
        text: The Employer shall notify the Union within 24 hours of any immigration inspection.
    """)
EXPLAINED = """\
Notice to the union of an immigration inspection
id: notice_of_inspection   category: union_rights_and_notice   severity: high

MODEL LANGUAGE
  The Employer shall notify the Union within 24 hours of any immigration inspection.

CORE ELEMENTS
  1. The union is told of any immigration inspection.
     parameter notice_hours: at most 24 hours (required)

WHY IT MATTERS
  The union can only help workers it knows are at risk.

REFERENCES
  - California Labor Code § 90.2
  - Illinois Public Act 103-0879
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def pack(tmp_path) -> Path:
    return write_pack(tmp_path, {"notice_of_inspection": PROTECTION})


@pytest.mark.parametrize("command", [["explain"], ["corpus", "show"]])
def test_cli_explain_custom_pack_prints_every_part(runner, pack, command):
    result = runner.invoke(main, [*command, "notice_of_inspection", "--corpus", str(pack)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == EXPLAINED


@pytest.mark.parametrize("pid", ["language_access", "union_notice_of_immigration_contact"])
def test_cli_explain_builtin_protection_is_the_corpus_text(runner, pid):
    result = runner.invoke(main, ["explain", pid])
    assert (result.exit_code, result.stderr) == (0, "")
    p = load_corpus().require(pid)
    assert result.stdout == protection_text(p) + "\n"
    lines = result.stdout.splitlines()
    assert lines[:2] == [p.title, f"id: {pid}   category: {p.category}   severity: {p.severity}"]
    for heading in ("MODEL LANGUAGE", "CORE ELEMENTS", "WHY IT MATTERS", "REFERENCES"):
        assert heading in lines
    flat = " ".join(result.stdout.split())
    assert " ".join(p.rationale.split()) in flat
    assert all(" ".join(r.split()) in flat for r in p.references)
    assert all(f"parameter {prm.name}:" in flat for el in p.elements for prm in el.parameters)


@pytest.mark.parametrize("command", [["explain"], ["corpus", "show"]])
@pytest.mark.parametrize("pid, stderr", [
    ("langauge_access", "E102 unknown protection 'langauge_access' "
                        "(did you mean language_access? run `clausecheck corpus list` for the ids)\n"),
    ("no_such_thing", "E102 unknown protection 'no_such_thing' (run `clausecheck corpus list` for the ids)\n"),
])
def test_cli_explain_unknown_id_is_one_line_exit_2(runner, command, pid, stderr):
    result = runner.invoke(main, [*command, pid])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_cli_explain_bad_corpus_is_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["explain", "language_access", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("E101 ") and result.stderr.count("\n") == 1


def test_cli_explain_without_id_is_a_usage_error(runner):
    result = runner.invoke(main, ["explain"])
    assert result.exit_code == 2 and "Missing argument 'ID'" in result.stderr
