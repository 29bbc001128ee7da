"""Evidence that points at the right clause: a number is charged only from the clause that states
the element, the first quote is the passage that decides the status, and an exception elsewhere is
cited beside the clause it overrides."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_file, check_text

ROOT = Path(__file__).resolve().parents[1]
HOTEL = ROOT / "examples" / "hotel-counterproposal.txt"

LEAVE = """ARTICLE 16 LEAVES

Section 16.6 Immigration and Citizenship Proceedings

(a) The Employer shall grant leave to an employee to attend an immigration or citizenship appointment,
interview, biometrics appointment or hearing of the employee, or of the employee's spouse, domestic
partner, child or parent.

(b) {second}

(c) Leave under this Section shall not be counted as an absence occurrence or be the basis for
discipline, and the employee shall return to the same position without loss of seniority.
"""


def _finding(report, pid):
    return next(f for f in report.findings if f.protection == pid)


@pytest.fixture(scope="module")
def hotel():
    return check_file(HOTEL)


def test_engine_evidence_number_from_another_item_is_not_charged(hotel):
    leave = _finding(hotel, "immigration_proceedings_leave")
    assert leave.status == "weakened"
    assert not any("one-half" in (d.found or "") for d in leave.deviations)
    ceremony = _finding(hotel, "naturalization_ceremony_paid_leave")
    assert any(d.kind == "parameter" and "one-half" in (d.found or "") for d in ceremony.deviations)


def test_engine_evidence_first_quote_decides_and_override_cites_both(hotel):
    f = _finding(hotel, "reinstatement_after_work_authorization_loss")
    assert f.status == "weakened"
    assert f.evidence[0].section == "31.10(b)"
    assert "31.7(a)" in [e.section for e in f.evidence[1:]]  # the exception that overrides it


@pytest.mark.parametrize("second, parameter", [
    # an item that points back to the leave ("such leave") completes the clause: its number counts
    ("Up to three (3) workdays of such leave per fiscal year shall be paid.", True),
    # an item about something else (a ceremony) does not lend its number to the leave
    ("An employee shall receive paid release time of up to one-half (1/2) of the employee's scheduled "
     "shift to attend his or her own naturalization ceremony.", False),
])
def test_engine_evidence_sibling_items_lend_numbers_only_when_they_point_back(second, parameter):
    f = _finding(check_text(LEAVE.format(second=second)), "immigration_proceedings_leave")
    found = [d.found or "" for d in f.deviations if d.kind == "parameter"]
    assert any("three (3) workdays" in x for x in found) == parameter
    assert not any("one-half" in x for x in found)
