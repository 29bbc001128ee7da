"""A clause that leaves its time to a schedule ("within the times set in the Schedule of Deadlines")
is read with the schedule's row for its label; the schedule itself restates the clauses and is no
evidence of its own."""
from __future__ import annotations

import pytest

from checker.api import check_text

CLAUSE = """C. NOTICE TO THE UNION

C.1  The Employer shall notify the Union, within the times set in the Schedule of Deadlines,
whenever immigration authorities visit any worksite, contact the Employer about any employee or
request records concerning any employee, and whenever the Employer learns of an immigration
investigation concerning an employee.

C.2  Within the same time, the Employer shall give the Union copies of all written communications
it receives from immigration authorities.

D. RECALL

D.1  Laid-off employees are recalled in order of seniority within the time set in the Schedule.

N. SCHEDULE OF DEADLINES

 Ref   Event                                 To whom                      Time limit
 ----  ------------------------------------  ---------------------------  -----------
 C.1   Agency visit, contact, records        Union, by telephone          {c1}
       request or investigation              Union, in writing            {c1w}
 D.1   Recall after layoff                   Employee                     10 days
 E.2   Cure period                           Employee                     120 days
"""


def _notice(c1: str, c1w: str):
    text = CLAUSE.format(c1=c1, c1w=c1w)
    return next(f for f in check_text(text).findings if f.protection == "union_notice_of_immigration_contact")


@pytest.mark.parametrize(("c1", "c1w"), [("2 hours", "24 hours"), ("immediately", "12 hours"), ("1 hour", "twenty-four (24) hours")])
def test_schedule_a_row_at_model_strength_keeps_the_clause_matching(c1, c1w):
    finding = _notice(c1, c1w)
    assert finding.status == "matching", [d.explanation for d in finding.deviations]
    assert finding.evidence[0].text.startswith("C.1")


@pytest.mark.parametrize(("c1", "c1w"), [("3 days", "5 days"), ("48 hours", "72 hours")])
def test_schedule_a_row_worse_than_the_model_weakens_the_clause(c1, c1w):
    finding = _notice(c1, c1w)
    assert finding.status == "weakened"
    assert [d.kind for d in finding.deviations] == ["parameter"]
    assert finding.evidence[0].text.startswith("C.1")


def test_schedule_a_clause_whose_row_is_missing_states_no_time():
    text = CLAUSE.format(c1="2 hours", c1w="24 hours").replace(" C.1   Agency", " C.9   Agency")
    finding = next(f for f in check_text(text).findings if f.protection == "union_notice_of_immigration_contact")
    assert [d.found for d in finding.deviations if d.kind == "parameter"] == ["no time stated"]


def test_schedule_another_rows_time_never_counts():
    # the recall row's 10 days and the cure row's 120 days say nothing of the notice
    text = CLAUSE.format(c1="", c1w="")
    finding = next(f for f in check_text(text).findings if f.protection == "union_notice_of_immigration_contact")
    assert [d.found for d in finding.deviations if d.kind == "parameter"] == ["no time stated"]
