"""PDF text layers: cleanup, page mapping, encryption, scanned and partly scanned files."""
from __future__ import annotations


import pytest

from checker.errors import EncryptedDocumentError, ScannedDocumentError
from checker.ingest import load_document


def _body_pages(n: int) -> list[list[str]]:
    """n pages with a running header, a footer with the page number, and body text."""
    pages = []
    for p in range(1, n + 1):
        lines = ["ACME / LOCAL 7 AGREEMENT 2024-2027", ""]
        if p == 1:
            lines += ["ARTICLE 1 - RECOGNITION", "Section 1.1 Scope. The Employer recognizes the Union."]
        elif p == 2:
            lines += ["ARTICLE 2 - WAGES", "The em-", "ployer shall pay the ﬁnal wage rate on time."]
        else:
            lines += [f"ARTICLE {p} - TOPIC {p}", f"Body text of article {p} follows here."]
        lines += ["", f"Page {p} of {n}"]
        pages.append(lines)
    return pages


@pytest.fixture
def five_page_pdf(make_pdf):
    return make_pdf(_body_pages(5))


def test_ingest_pdf_removes_running_headers_and_page_numbers(five_page_pdf):
    doc = load_document(five_page_pdf)
    assert doc.format == "pdf" and doc.pages == 5
    assert "ACME / LOCAL 7" not in doc.text
    assert "Page 3 of 5" not in doc.text
    assert "ARTICLE 3 - TOPIC 3" in doc.text


def test_ingest_pdf_rejoins_hyphens_and_expands_ligatures(five_page_pdf):
    doc = load_document(five_page_pdf)
    assert "The employer shall pay the final wage rate" in doc.text


@pytest.mark.parametrize("needle, page", [("ARTICLE 1", 1), ("ARTICLE 2", 2), ("ployer shall", 2), ("TOPIC 5", 5)])
def test_ingest_pdf_offsets_map_to_pages(five_page_pdf, needle, page):
    doc = load_document(five_page_pdf)
    offset = doc.text.index(needle.replace("ployer shall", "employer shall"))
    pos = doc.position(offset + 1)
    assert pos.page == page
    assert pos.line >= 1


def test_ingest_pdf_sections_carry_pages(five_page_pdf):
    doc = load_document(five_page_pdf)
    arts = [s for s in doc.sections if s.kind == "article"]
    assert [a.key for a in arts] == ["1", "2", "3", "4", "5"]
    assert [a.first_page for a in arts] == [1, 2, 3, 4, 5]
    assert arts[0].heading == "RECOGNITION"


@pytest.mark.parametrize("footer", ["- {p} -", "{p}", "Page {p}"])
def test_ingest_pdf_page_number_styles_removed(make_pdf, footer):
    pages = [[f"Article {p} - Topic", "Some body text for the page.", footer.format(p=p)] for p in range(1, 5)]
    doc = load_document(make_pdf(pages))
    for p in range(1, 5):
        assert footer.format(p=p) not in doc.text.split("\n")


def test_ingest_pdf_encrypted_needs_password(make_pdf):
    path = make_pdf(_body_pages(2), password="s3cret")
    with pytest.raises(EncryptedDocumentError, match="--password"):
        load_document(path)
    with pytest.raises(EncryptedDocumentError, match="wrong"):
        load_document(path, password="nope")
    assert "RECOGNITION" in load_document(path, password="s3cret").text


def test_ingest_pdf_scanned_asks_for_ocr(make_pdf):
    path = make_pdf([[], [], []], image_pages=(1, 2, 3))
    with pytest.raises(ScannedDocumentError) as info:
        load_document(path)
    msg = str(info.value)
    assert info.value.code == "E206"
    assert "--ocr" in msg and "clausecheck[ocr]" in msg and "tesseract-ocr" in msg


def test_ingest_pdf_partly_scanned_warns_with_pages(make_pdf):
    pages = _body_pages(4)
    doc = load_document(make_pdf(pages, image_pages=(2, 4)))
    assert any("2, 4" in w and "--ocr" in w for w in doc.warnings)


def test_ingest_real_scanned_sample_is_detected(shared_dir):
    with pytest.raises(ScannedDocumentError):
        load_document(shared_dir / "samples/real/kingsoopers-loveland-meat-2019-2022-scanned.pdf")


def test_ingest_pdf_ocr_path_reads_the_ocr_output(make_pdf, tmp_path, monkeypatch):
    """With --ocr the scanned file goes through run_ocr (ocrmypdf) and its text layer is read."""
    import os

    from checker.ingest import pdf as pdf_ingest

    scanned = make_pdf([[], []], image_pages=(1, 2), name="scan.pdf")
    ocr_dir = tmp_path / "ocr"
    ocr_dir.mkdir()
    from conftest import write_pdf

    ocr_out = write_pdf(ocr_dir / "ocr.pdf", [["ARTICLE 1 RECOGNITION", "Recognized text."], ["ARTICLE 2 WAGES"]])
    calls = []

    def fake_run_ocr(path, password, deadline):
        calls.append(path)
        return str(ocr_out)

    monkeypatch.setattr(pdf_ingest, "run_ocr", fake_run_ocr)
    doc = load_document(scanned, ocr=True)
    assert calls == [str(scanned)]
    assert [s.key for s in doc.sections if s.kind == "article"] == ["1", "2"]
    assert any("OCR" in w for w in doc.warnings)
    assert not os.path.exists(ocr_dir)  # the temporary OCR output is cleaned up
