"""A sentence is read with its paragraph: a run-in heading ("If officers come with a warrant.") sets
the scene for every sentence after it, however far the paragraph runs."""
from __future__ import annotations

import pytest

from checker.api import check_text

FILLER = ("The Company shall see that any questioning of employees happens in as private a setting as possible. "
          "It shall not line up or separate employees by national origin, shall not point anyone out, and shall "
          "give the officers no help beyond what the warrant compels. ")
UNION = ("Union representatives, and any lawyer or advocate they bring with them, shall be allowed to be present "
         "and to speak privately with the employees affected, at the plant.")
OTHER = ("ARTICLE 19 - IMMIGRANT WORKERS\n\n"
         "19.1 Seniority. Seniority is kept by plant. A list is posted each January. Disputes over the list go to "
         "the plant committee. The committee meets monthly. Minutes are kept by the Union. Copies go to each "
         "steward. Stewards may raise questions at the next meeting. The Company answers in writing.\n\n"
         + "Bidding. Vacancies are posted for five days and awarded by seniority among qualified bidders. " * 12
         + "\n\n")


@pytest.mark.parametrize("run_in", [
    "If officers come with a warrant.",
    "When immigration agents arrive.",
    "Enforcement actions.",
])
def test_context_a_run_in_heading_reaches_the_whole_paragraph(run_in):
    text = OTHER + f"**{run_in}** {FILLER * 6}{UNION}\n"  # a long section: read by a window, not whole
    finding = next(f for f in check_text(text).findings if f.protection == "conduct_during_enforcement_action")
    assert finding.status == "matching", [d.explanation for d in finding.deviations]


def test_context_a_paragraph_about_something_else_lends_no_immigration_context():
    text = OTHER + ("**Plant visits.** " + "The Company shall post the visiting hours at each gate. " * 30 + UNION + "\n")
    finding = next(f for f in check_text(text).findings if f.protection == "conduct_during_enforcement_action")
    assert finding.status == "missing"
