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


def _row(paid: str, unpaid: str = "up to 20 days") -> str:
    return ("| Purpose | Who is covered | Paid days per year | Additional unpaid |\n|---|---|---|---|\n"
            "| Bereavement | Immediate family | 8 days | 2 days |\n"
            f"| Immigration or citizenship appointment, interview or hearing | Employee, spouse or partner, children "
            f"and parents | {paid} | {unpaid} |\n")


def _leave_table(table: str):
    text = (f"ARTICLE 10 LEAVES\n\n10.1 The Company shall grant the leaves listed in the table below.\n\n{table}{AFTER}"
            "\n10.2 An employee shall give the supervisor notice of immigration hearing leave as soon as the "
            "hearing is scheduled.\n")
    return next(f for f in check_text(text, markdown=True).findings if f.protection == "immigration_proceedings_leave")


@pytest.mark.parametrize("paid", ["3 days", "three (3) days", "2 days per year"])
def test_tables_a_row_is_read_column_by_column_for_its_numbers(paid):
    finding = _leave_table(_row(paid))
    assert finding.status == "weakened"
    assert [d.kind for d in finding.deviations] == ["parameter"]
    assert finding.evidence[0].text.startswith("| Immigration")


def test_tables_another_rows_or_columns_numbers_do_not_count():
    # 8 paid days of bereavement leave and 20 unpaid days do not make 3 paid days enough, nor 5 too few
    assert _leave_table(_row("5 days")).status == "matching"
    assert _leave_table(_row("5 days", "none")).status == "matching"


def test_tables_a_workers_notice_of_the_leave_is_not_its_grant():
    text = ("10.2 An employee shall give the supervisor notice of immigration hearing leave as soon as the hearing "
            "is scheduled.\n")
    finding = next(f for f in check_text(text).findings if f.protection == "immigration_proceedings_leave")
    assert finding.status == "missing"
