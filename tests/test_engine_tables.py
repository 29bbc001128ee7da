"""A table's rows read with the binding sentence that introduces them: "The Company shall grant the
leaves listed in the table below" grants the leave each row names."""
from __future__ import annotations

import pytest

from checker.api import check_text

HEADER = "| Purpose | Who is covered | Paid days per year | Notice |\n|---|---|---|---|\n"
ROW = ("| Immigration or citizenship appointment, interview, biometrics or hearing | Employee, spouse, "
       "domestic partner, children and parents | 5 | 3 days |\n")
OTHER_ROWS = ("| Bereavement | Immediate family | 3 | as soon as possible |\n"
              "| Jury duty | Employee | as needed | on receipt of summons |\n")
AFTER = ("\nLeave under this Article shall not count as an absence, shall not be grounds for discipline, and "
         "the employee returns to the same position with full seniority.\n")


def _leave(lead_in: str, rows: str = ROW + OTHER_ROWS):
    text = f"ARTICLE 10 LEAVES\n\n10.1 {lead_in}\n\n{HEADER}{rows}{AFTER}"
    return next(f for f in check_text(text, markdown=True).findings if f.protection == "immigration_proceedings_leave")


@pytest.mark.parametrize("lead_in", [
    "The Company shall grant the leaves listed in the table below.",
    "Employees are entitled to the following paid leaves:",
    "The Employer will provide leave as set out in this table.",
    "The Hospital agrees to grant the leaves in the chart below, with pay as shown.",
])
def test_tables_a_binding_lead_in_grants_the_leave_each_row_names(lead_in):
    finding = _leave(lead_in)
    assert finding.status == "matching", [d.explanation for d in finding.deviations]
    assert "Immigration or citizenship appointment" in finding.evidence[0].text


@pytest.mark.parametrize("lead_in", [
    "The Company may grant the leaves listed in the table below.",
    "Leaves listed in the table below may be approved at the Employer's discretion.",
    "The Employer will make reasonable efforts to grant the following leaves:",
])
def test_tables_a_permissive_lead_in_never_makes_a_row_read_strong(lead_in):
    assert _leave(lead_in).status != "matching"


def test_tables_a_table_without_an_immigration_row_grants_no_immigration_leave():
    assert _leave("The Company shall grant the leaves listed in the table below.", OTHER_ROWS).status == "missing"


def test_tables_rows_without_a_lead_in_are_not_granted_anything():
    finding = _leave("Leave is described in Article 14.")
    assert finding.status != "matching"
