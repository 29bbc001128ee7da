"""`clausecheck compare` quotes what changed: the old and new clause with sections and pages, a
word-level diff and the change in plain words; a clause that stays weakened but loses more is a
regression."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import checker
from checker.clausediff import word_diff
from cli import main

SCHEMA = json.loads((Path(checker.__file__).parent / "schemas" / "comparison.schema.json").read_text())
WARRANT = ("31.1 The Employer shall not consent to immigration authorities entering any non-public area of the "
           "workplace unless the agents present a judicial warrant signed by a judge or magistrate{extra}.")
LEAVE = ("12.1 An employee who must attend an immigration proceeding shall be granted unpaid leave of up to "
         "{days} working days, and shall be reinstated to the same position without loss of seniority.")


def document(clause: str, heading: str) -> str:
    # a form feed before the article: the clause is on page 2, so its quote carries a page number
    return f"COLLECTIVE AGREEMENT\n\nARTICLE 1 RECOGNITION\n\n1.1 The Union is recognized.\n\f{heading}\n\n{clause}\n"


def compare_json(tmp_path, old: str, new: str, select: str):
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"),
                                       "--select", select, "--format", "json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return result.exit_code, data["changes"][0]


@pytest.mark.parametrize("protection, heading, old, new, change, inserted, effect", [
    # stays weakened, gains a second exception
    ("judicial_warrant_for_nonpublic_access", "ARTICLE 31 IMMIGRATION",
     WARRANT.format(extra=", except for full-time employees"),
     WARRANT.format(extra=", except for full-time employees and except for probationary employees"),
     "regression", "and except for probationary employees", "narrows or conditions the duty"),
    # stays weakened, a worse number
    ("immigration_proceedings_leave", "ARTICLE 12 LEAVE", LEAVE.format(days="10"), LEAVE.format(days="3"),
     "regression", "3", "a worse number"),
    # stays weakened, a better number
    ("immigration_proceedings_leave", "ARTICLE 12 LEAVE", LEAVE.format(days="3"), LEAVE.format(days="10"),
     "improvement", "10", "a better number"),
    # the exception is dropped
    ("judicial_warrant_for_nonpublic_access", "ARTICLE 31 IMMIGRATION",
     WARRANT.format(extra=", except for full-time employees and except for probationary employees"),
     WARRANT.format(extra=", except for full-time employees"),
     "improvement", None, "narrowed or conditioned the duty"),
])
def test_compare_quotes_stays_weakened_but_changes(tmp_path, protection, heading, old, new, change, inserted,
                                                   effect):
    code, ch = compare_json(tmp_path, document(old, heading), document(new, heading), protection)
    assert (ch["old_status"], ch["new_status"], ch["change"]) == ("weakened", "weakened", change)
    assert code == (1 if change == "regression" else 0)
    section = new.split()[0]
    for key, text in (("old_clause", old), ("new_clause", new)):
        assert ch[key]["text"] == text
        assert ch[key]["sections"] == [section] and ch[key]["pages"] == [2]
    ops = {op["op"] for op in ch["diff"]}
    assert "equal" in ops and ("insert" in ops or "delete" in ops)
    assert "".join(op["text"] for op in ch["diff"] if op["op"] != "delete") == new
    if inserted:
        assert inserted in [op["text"].strip() for op in ch["diff"] if op["op"] == "insert"]
    assert effect in ch["effect"]


@pytest.mark.parametrize("extra", [", except for full-time employees"])
def test_compare_quotes_nothing_for_the_same_clause(tmp_path, extra):
    doc = document(WARRANT.format(extra=extra), "ARTICLE 31 IMMIGRATION")
    code, ch = compare_json(tmp_path, doc, doc, "judicial_warrant_for_nonpublic_access")
    assert code == 0 and ch["change"] == "unchanged"
    assert "old_clause" not in ch and "diff" not in ch


def test_compare_quotes_status_lost_quotes_the_old_clause(tmp_path):
    old = document(WARRANT.format(extra=""), "ARTICLE 31 IMMIGRATION")
    new = document("31.1 Parking is available in the north lot.", "ARTICLE 31 PARKING")
    code, ch = compare_json(tmp_path, old, new, "judicial_warrant_for_nonpublic_access")
    assert code == 1 and ch["old_status"] != "missing" and ch["new_status"] == "missing"
    assert ch["old_clause"]["text"] == WARRANT.format(extra="") and ch["new_clause"] is None
    assert [op["op"] for op in ch["diff"]] == ["delete"]
    assert ch["effect"].startswith("The new version no longer contains the protection")


@pytest.mark.parametrize("fmt, old_mark, new_mark", [
    ("text", "[-10-]", "{+3+}"),
    ("markdown", "~~10~~", "**3**"),
    ("html", "<del>10</del>", "<ins>3</ins>"),
])
def test_compare_quotes_every_human_format(tmp_path, fmt, old_mark, new_mark):
    old = document(LEAVE.format(days="10"), "ARTICLE 12 LEAVE")
    new = document(LEAVE.format(days="3"), "ARTICLE 12 LEAVE")
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"),
                                       "--format", fmt, "--quiet"], catch_exceptions=False)
    assert result.exit_code == 1
    out = result.stdout
    assert old_mark in out and new_mark in out
    assert "§12.1, p. 2" in out
    assert "up to 10 working days" in out and "up to 3 working days" in out
    assert "a worse number" in out


@pytest.mark.parametrize("old, new, ops", [
    ("within 72 hours", "within 96 hours", [("equal", "within"), ("delete", " 72"), ("insert", " 96"),
                                            ("equal", " hours")]),
    ("shall notify the Union.", "may notify the Union.", [("delete", "shall"), ("insert", "may"),
                                                          ("equal", " notify the Union.")]),
    ("", "new clause", [("insert", "new clause")]),
    ("Same text.", "same  TEXT.", [("equal", "same  TEXT.")]),
])
def test_compare_quotes_word_diff(old, new, ops):
    assert [(op["op"], op["text"]) for op in word_diff(old, new)] == ops
