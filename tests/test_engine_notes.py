"""Negotiators' notes inside or beside the proposed text are not contract language: a party's figure
in brackets inside a sentence ("[Union: 12 hours]"), and a bracketed note over several lines saying
a paragraph was deleted."""
from __future__ import annotations

import pytest

from checker.api import check_text

NOTICE = ("(a) The Employer shall notify the Union in writing within forty-eight (48) hours {note} after immigration "
          "agents visit the venue or contact the Employer, request employee records, or after the Employer learns of "
          "an immigration investigation involving a bargaining-unit employee.\n\n(b) The Employer shall provide the "
          "Union with copies of any written communications received from immigration agents, within the same period.\n")


def _notice(note: str):
    return next(f for f in check_text(NOTICE.format(note=note)).findings
                if f.protection == "union_notice_of_immigration_contact")


@pytest.mark.parametrize("note", ["[Union: 12 hours]", "[Union's proposal: twelve (12) hours]", "[Prior: 2 hours]",
                                  "[TA: 24 hours]"])
def test_notes_a_partys_figure_in_brackets_is_no_term(note):
    finding = _notice(note)
    assert [d.kind for d in finding.deviations] == ["parameter"]
    assert finding.deviations[0].found.startswith("forty-eight")
    assert note in finding.evidence[0].text  # quoted as the document has it


def test_notes_without_a_note_the_number_is_read_the_same():
    assert [d.kind for d in _notice("").deviations] == ["parameter"]


def test_notes_brackets_that_are_contract_text_stay():
    # a bracketed placeholder or cross-reference is part of the sentence, not a note
    assert _notice("[or such shorter time as the law requires]").deviations[0].found.startswith("forty-eight")


PRIVACY = ("(a) The Employer shall not voluntarily provide immigration agents with any employee's records, name, "
           "address, schedule or immigration status without a judicial warrant, subpoena or other compulsory legal "
           "process.\n\n{b}\n")


@pytest.mark.parametrize("b", [
    "(b) [Union's paragraph requiring advance notice to the employee and the\n    Union before compelled production: deleted.]",
    "[Paragraph (b), notice to the employee and the Union before compelled\nproduction, is struck.]",
])
def test_notes_a_bracketed_note_over_lines_that_a_paragraph_was_deleted_addresses_nothing(b):
    finding = next(f for f in check_text(PRIVACY.format(b=b)).findings if f.protection == "employee_information_privacy")
    assert finding.status == "weakened"
    assert "missing_element" in {d.kind for d in finding.deviations}
