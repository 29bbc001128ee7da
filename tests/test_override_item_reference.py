"""An exception that names a lettered item of a section ("notwithstanding Section 14.6(a)") reaches
that section's clause even when the section tree holds the section but not the item."""
from checker.api import check_document, document_from_text

ARTICLE = """ARTICLE 14 - IMMIGRATION

Section 14.6 Electronic Verification. (a) The Company shall not voluntarily enroll in or use E-Verify
unless federal or state law requires it. (b) If use is legally required, E-Verify shall be used only for
new hires after a job offer and never on current employees, and an employee who receives a tentative
nonconfirmation shall receive written notice, the full federal contest period of eight (8) federal working
days, and no adverse action while the case is pending.
"""
SIDE_LETTER = """
SIDE LETTER No. 5 - ELECTRONIC VERIFICATION

Notwithstanding Section 14.6(a), the Company may, in its sole discretion, enroll in and use E-Verify for all
employees hired after the effective date of this Side Letter.
"""


def _status(text: str) -> str:
    report = check_document(document_from_text(text))
    return next(f.status for f in report.findings if f.protection == "e_verify_limits")


def test_exception_naming_a_lettered_item_weakens_the_section():
    assert _status(ARTICLE) == "matching"
    assert _status(ARTICLE + SIDE_LETTER) == "weakened"
