"""A plain-text contract laid out in pages drawn with rules of "=" signs (no form feeds): its
running header and page footers are page furniture, not contract text, as they are in a PDF."""
from checker.api import document_from_text

HEADER = "ACME SECURITY / LOCAL 9                      2025-2028 AGREEMENT"
RULE = "=" * 75


def _page(n: int, body: list[str]) -> list[str]:
    return [HEADER, "-" * 75, *body, "-" * 75, f"Local 9 -- Acme                                       Page {n}"]


def test_running_header_and_footer_of_drawn_pages_are_dropped():
    lines = (_page(1, ["ARTICLE 21", "IMMIGRATION", "", "21.01 The Company shall notify the Union."])
             + [RULE]
             + _page(2, ["21.02 The Company shall not consent to entry without a judicial warrant."])
             + [RULE]
             + _page(3, ["21.03 Questioning shall take place in as private a setting as possible."]))
    doc = document_from_text("\n".join(lines) + "\n")
    assert "2025-2028 AGREEMENT" not in doc.text
    assert "Page 2" not in doc.text and "Local 9 -- Acme" not in doc.text
    for clause in ("21.01 The Company shall notify the Union.", "without a judicial warrant.",
                   "as private a setting as possible."):
        assert clause in doc.text
    assert doc.pages is None  # drawn pages are not numbered pages


def test_rules_that_underline_headings_are_not_page_breaks():
    text = "\n".join(["ARTICLE 5", RULE, "5.1 The Employer shall grant leave.", "", "ARTICLE 6", RULE,
                      "6.1 The Employer shall pay the fee.", "ARTICLE 5"]) + "\n"
    doc = document_from_text(text)
    assert doc.text.count("ARTICLE 5") == 2  # nothing is taken for a running header
    assert "5.1 The Employer shall grant leave." in doc.text and "6.1 The Employer shall pay the fee." in doc.text
