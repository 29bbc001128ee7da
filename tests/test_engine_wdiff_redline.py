"""A plain-text redline in word-diff notation: [-struck-] text is withdrawn and addresses nothing,
{+inserted+} text is the proposal."""
from __future__ import annotations

import pytest

from checker.api import check_text

COVERAGE = ("Every right and benefit under this Agreement applies to every employee regardless of immigration or "
            "citizenship status.")
GROUNDS = ("The Company shall not discriminate against any employee because of national origin, citizenship status "
           "or immigration status.")


def _coverage(text: str):
    return next(f for f in check_text(text).findings if f.protection == "status_neutral_coverage_and_nondiscrimination")


@pytest.mark.parametrize("struck", [f"[-{COVERAGE}-]", f"[-{COVERAGE[:40]}\n{COVERAGE[40:]}-]"])
def test_wdiff_struck_text_addresses_nothing(struck):
    finding = _coverage(f"19.1 {GROUNDS} {struck}\n")
    assert finding.status == "weakened"
    assert "missing_element" in {d.kind for d in finding.deviations}
    assert all("[-" not in e.text or "Every right" not in e.text.split("[-")[0] for e in finding.evidence)


def test_wdiff_inserted_text_is_the_proposal():
    assert _coverage(f"19.1 {GROUNDS} {{+{COVERAGE}+}}\n").status == "matching"


def test_wdiff_unmarked_text_still_counts():
    assert _coverage(f"19.1 {GROUNDS} {COVERAGE}\n").status == "matching"


def test_wdiff_a_number_struck_and_replaced_reads_the_new_number():
    text = ("The Company shall notify the Union in writing within [-twenty-four (24)-] "
            "{+seventy-two (72)+} hours, whenever immigration authorities visit the plant, contact the Company about "
            "an employee or request employee records. The Company shall give the Union copies of all written "
            "communications it receives from immigration authorities.\n")
    finding = next(f for f in check_text(text).findings if f.protection == "union_notice_of_immigration_contact")
    assert [d.kind for d in finding.deviations] == ["parameter"]
