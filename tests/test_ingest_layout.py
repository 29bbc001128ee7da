"""PDF page layout: two-column pages read column by column, ruled tables row by row, and
ordinary pages kept on the fast pypdfium2 path."""
from __future__ import annotations

import pytest

from checker.ingest import load_document

LEFT = ["1.1 Overtime. Employees who work more than eight", "hours in one day shall be paid one and one-half",
        "times their regular rate of pay for all of the", "excess hours worked on that day by them."]
RIGHT = ["1.2 Leave. Employees may take up to five days of", "paid leave each year to attend immigration",
         "appointments for themselves or members of their", "immediate family, with no loss of seniority."]


def _two_column_pdf(path, title: str | None):
    """Lines written row by row across both columns, so the content stream interleaves them."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()  # page 1: ordinary text, so the two-column page is page 2
    pdf.set_font("helvetica", size=10)
    pdf.set_xy(15, 15)
    pdf.cell(0, 5, "ARTICLE 1 - HOURS AND LEAVE")
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    y = 15
    if title:
        pdf.set_xy(15, y)
        pdf.cell(0, 5, title)
        y += 8
    for left, right in zip(LEFT, RIGHT):
        pdf.set_xy(15, y)
        pdf.cell(90, 5, left)
        pdf.set_xy(112, y)
        pdf.cell(90, 5, right)
        y += 5.5
    pdf.output(str(path))
    return path


def _joined(lines: list[str]) -> str:
    return " ".join(lines)


@pytest.mark.parametrize("title", [None, "SECTION 1 - WORKING CONDITIONS OF ALL EMPLOYEES COVERED BY THIS AGREEMENT"])
def test_layout_two_columns_read_left_then_right(tmp_path, monkeypatch, title):
    import pdfplumber

    calls = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: calls.append(a) or real_open(*a, **k))
    doc = load_document(_two_column_pdf(tmp_path / "cols.pdf", title))
    flat = " ".join(doc.text.split())
    left, right = _joined(LEFT), _joined(RIGHT)
    assert left in flat and right in flat
    assert flat.index(left) < flat.index(right)
    if title:
        assert flat.index(title) < flat.index(left)
    assert len(calls) == 1
    for needle, line in ((LEFT[0], 1 if not title else 2), (RIGHT[0], 5 if not title else 6)):
        pos = doc.position(doc.text.index(needle) + 1)
        assert (pos.page, pos.line) == (2, line)


def _table_pdf(path, rows):
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 6, "ARTICLE 9 - LEAVES OF ABSENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, "Employees shall receive the following paid leave each year.")
    with pdf.table(col_widths=(70, 40)) as table:
        for row in rows:
            r = table.row()
            for cell in row:
                r.cell(cell)
    pdf.multi_cell(0, 5, "Leave under this Article does not reduce vacation.")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("rows", [
    [("Leave", "Days"), ("Immigration appointments", "5 paid days"), ("Bereavement", "3 paid days")],
])
def test_layout_ruled_table_rows_are_lines(tmp_path, rows):
    doc = load_document(_table_pdf(tmp_path / "table.pdf", rows))
    lines = doc.text.split("\n")
    for row in rows:
        assert "| " + " | ".join(row) + " |" in lines  # a Markdown-style row: it stands alone as a sentence
    assert doc.text.index("paid leave each year") < doc.text.index("Leave | Days")
    assert doc.text.index("Bereavement | 3 paid days") < doc.text.index("does not reduce vacation")
    pos = doc.position(doc.text.index("Immigration appointments") + 1)
    assert pos.page == 1


@pytest.mark.parametrize("lines", [[
    "ARTICLE 3 - SENIORITY",
    "3.1 Seniority is the length of continuous service with the Employer since the last date of hire.",
    "3.2 Seniority shall govern layoffs, recalls and the choice of vacation periods in each unit.",
]])
def test_layout_ordinary_page_stays_on_fast_path(make_pdf, monkeypatch, lines):
    import pdfplumber
    import pdfplumber.table

    def boom(*a, **k):
        raise AssertionError("pdfplumber used on an ordinary page")

    monkeypatch.setattr(pdfplumber, "open", boom)
    monkeypatch.setattr(pdfplumber.table, "merge_edges", boom)
    doc = load_document(make_pdf([lines]))
    assert "3.2 Seniority shall govern layoffs" in doc.text
