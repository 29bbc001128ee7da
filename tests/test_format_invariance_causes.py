"""The causes the format-invariance suite found, each fixed where the input is read: what a Word
paragraph or a PDF line lacks (the blank line after it) or has (a footer in a two-column page)
must not change what the engine reads."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.api import document_from_text
from checker.engine.noncontract import non_contract_spans
from checker.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import perturb  # noqa: E402


@pytest.mark.parametrize("source, expected", [
    ("The Company shall notify the Union within ~~seventy-two (72)~~ **twelve\n(12)** hours.",
     "~~seventy-two (72)~~ twelve\n(12) hours."),
    ("*[Union note: the Union withdraws the fund\nin exchange for new Section 24.9.]*", "[Union note: the Union withdraws the fund\nin exchange for new Section 24.9.]"),
    ("| Leave | Days |\n|---|---|\n| Hearing | 5 |", "| Leave | Days |\n\n| Hearing | 5 |"),
])
def test_markdown_markup_spanning_lines_is_stripped(source, expected):
    text = document_from_text(source, markdown=True).text
    assert expected in text
    assert "*" not in text and "---" not in text


@pytest.mark.parametrize("text, blanked_to", [
    # a Word paragraph has no blank line after it: the note ends at its closing bracket
    ("[Union note: we withdraw the fund.]\n24.9 E-Verify. The Company shall not enroll.", "]"),
    # a note without brackets ends at the next numbered heading
    ("Union note: we withdraw the fund in exchange for the wage package.\n24.9 E-Verify. The Company shall not enroll.",
     "package."),
])
def test_noncontract_note_ends_before_the_next_provision(text, blanked_to):
    spans = non_contract_spans(text)
    assert spans
    for a, b in spans:
        assert text[a:b].rstrip().endswith(blanked_to)
        assert "E-Verify" not in text[a:b]


def test_two_column_pdf_footer_is_not_read_into_the_text(tmp_path):
    body = "\n\n".join(f"Section {i}.1 Leave. The Employer shall grant each employee leave to attend an immigration "
                       f"hearing, and the employee shall return to the same position without loss of seniority." for i in range(1, 40))
    paras = perturb.paragraphs("ARTICLE 1 LEAVES\n\n" + body, markdown=False)
    doc = load_document(perturb.render_pdf(paras, tmp_path / "two.pdf", columns=2, header="Riverside Hotel Agreement"))
    assert doc.pages >= 2
    assert "Page 1 of" not in doc.text and "Riverside Hotel Agreement" not in doc.text
    assert "position without loss of\nPage" not in doc.text


def test_docx_heading_styles_structure_the_document_as_markdown_headings_do(tmp_path):
    source = ("# AGREEMENT\n\n## ARTICLE 9 IMMIGRATION\n\n### Leave for hearings\n\n"
              "The Employer shall grant leave.\n\n### Notice\n\nThe Employer shall notify the Union.\n")
    md = document_from_text(source, markdown=True)
    docx_path = perturb.render_docx(perturb.paragraphs(source, markdown=True), tmp_path / "h.docx", style="headings")
    word = load_document(docx_path)
    assert [(s.kind, s.heading) for s in word.sections] == [(s.kind, s.heading) for s in md.sections]
    assert ("section", "Notice") in [(s.kind, s.heading) for s in word.sections]
