"""DOCX: automatic numbering rendered into the text, tables, footnotes, headers left out,
tracked changes read as accepted."""
from __future__ import annotations

import pytest

from checker.ingest import load_document
from checker.ingest.word import format_number

PARAS = [
    ("RECOGNITION", 1, 0),
    "The Employer recognizes the Union.",
    ("Scope", 1, 1),
    ("Unit", 1, 1),
    ("full-time workers;", 1, 2),
    ("part-time workers.", 1, 2),
    ("seasonal", 1, 3),
    ("temporary", 1, 3),
    ("IMMIGRATION", 1, 0),
    ("Notice of inspections", 1, 1),
    ("Legacy numbering", 2, 0),
    ("First lettered section", 2, 1),
    ("Second lettered section", 2, 1),
    "Workers keep their seniority",
    ("INS", " after any reverification"),
    ("DEL", " unless the Employer decides otherwise"),
]


@pytest.fixture
def numbered_docx(make_docx):
    return make_docx(PARAS, table=[["Class", "Rate"], ["Meat cutter", "$24.10"]],
                     header="CONFIDENTIAL DRAFT", footnote="See 8 U.S.C. 1324a.")


@pytest.mark.parametrize("line", [
    "ARTICLE 1 RECOGNITION",
    "1.1 Scope",
    "1.2 Unit",
    "(a) full-time workers;",
    "(b) part-time workers.",
    "(i) seasonal",
    "(ii) temporary",
    "ARTICLE 2 IMMIGRATION",
    "2.1 Notice of inspections",
    "Article III. Legacy numbering",
    "Section A. First lettered section",
    "Section B. Second lettered section",
])
def test_ingest_docx_auto_numbering_in_text(numbered_docx, line):
    doc = load_document(numbered_docx)
    assert line in doc.text.split("\n")


def test_ingest_docx_tables_footnotes_and_no_headers(numbered_docx):
    doc = load_document(numbered_docx)
    assert "Meat cutter | $24.10" in doc.text
    assert "See 8 U.S.C. 1324a." in doc.text
    assert "CONFIDENTIAL DRAFT" not in doc.text
    assert doc.pages is None and doc.format == "docx"


def test_ingest_docx_tracked_changes_accepted(numbered_docx):
    doc = load_document(numbered_docx)
    assert "Workers keep their seniority after any reverification" in doc.text
    assert "unless the Employer decides otherwise" not in doc.text


def test_ingest_docx_tree_from_numbering(numbered_docx):
    doc = load_document(numbered_docx)
    keys = {s.key: s for s in doc.sections}
    assert {"1", "1.1", "1.2", "1.2(a)", "1.2(b)", "1.2(b)(i)", "1.2(b)(ii)", "2", "2.1", "3", "A", "B"} <= set(keys)
    assert keys["1.2(a)"].parent == keys["1.2"].index
    assert keys["3"].kind == "article" and keys["3"].heading == "Legacy numbering"
    assert doc.resolve("Section 1.2(b)") is keys["1.2(b)"]


@pytest.mark.parametrize("value, fmt, expected", [
    (1, "decimal", "1"), (12, "decimal", "12"), (3, "lowerLetter", "c"), (27, "lowerLetter", "aa"),
    (2, "upperLetter", "B"), (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (1999, "upperRoman", "MCMXCIX"),
    (5, "decimalZero", "05"), (3, "bullet", ""),
])
def test_ingest_docx_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_ingest_docx_numbering_restarts_deeper_levels(make_docx):
    paras = [("A", 1, 0), ("x", 1, 2), ("y", 1, 2), ("B", 1, 0), ("z", 1, 2)]
    doc = load_document(make_docx(paras))
    lines = doc.text.split("\n")
    assert lines == ["ARTICLE 1 A", "(a) x", "(b) y", "ARTICLE 2 B", "(a) z"]


def test_ingest_docx_struck_through_text_is_marked_withdrawn(tmp_path):
    import docx

    from checker.ingest import load_document

    d = docx.Document()
    p = d.add_paragraph()
    old = p.add_run("The Employer shall grant five (5) paid days.")
    old.font.strike = True
    p.add_run(" The Employer may grant unpaid leave.")
    path = tmp_path / "redline.docx"
    d.save(path)
    text = load_document(path).text
    assert "~~The Employer shall grant five (5) paid days.~~" in text
    assert "The Employer may grant unpaid leave." in text


def test_ingest_docx_struck_text_does_not_count_as_contract_language(tmp_path):
    import docx

    from checker.api import check_file

    d = docx.Document()
    struck = d.add_paragraph().add_run(
        "The Employer shall grant leave to attend any immigration or citizenship appointment, interview or hearing "
        "of the employee or of the employee's spouse, child or parent.")
    struck.font.strike = True
    path = tmp_path / "struck.docx"
    d.save(path)
    finding = next(f for f in check_file(path).findings if f.protection == "immigration_proceedings_leave")
    assert finding.status == "missing"
