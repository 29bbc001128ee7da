"""Every bad input is one coded InputError with a one-line message naming file, problem, next step."""
from __future__ import annotations

import zipfile

import pytest

from checker.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    FormatMismatchError,
    InputError,
    LimitExceededError,
    MissingFileError,
    UnsupportedFormatError,
)
from checker.ingest import Limits, load_document

PDF_TEXT = [["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union."]]


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "name, data, error, words",
    [
        ("empty.txt", b"", EmptyDocumentError, "empty"),
        ("blank.md", b"   \n\n \t\n", EmptyDocumentError, "no text"),
        ("contract.doc", b"\xd0\xcf\x11\xe0 old word", UnsupportedFormatError, ".doc"),
        ("contract.rtf", b"{\\rtf1 hi}", UnsupportedFormatError, ".rtf"),
        ("noext", b"ARTICLE 1", UnsupportedFormatError, "no extension"),
        ("fake.pdf", b"ARTICLE 1 RECOGNITION\nplain text pretending\n", FormatMismatchError, "plain text"),
        ("fake.docx", b"ARTICLE 1 RECOGNITION\n", FormatMismatchError, "Word document"),
        ("really.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", FormatMismatchError, "a PDF"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, FormatMismatchError, "binary"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", CorruptDocumentError, "PDF"),
        ("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00garbage", CorruptDocumentError, "zip"),
    ],
)
def test_ingest_bad_input_is_one_coded_line(tmp_path, name, data, error, words):
    path = _write(tmp_path, name, data)
    with pytest.raises(error) as info:
        load_document(path)
    line = str(info.value)
    assert line.startswith(info.value.code + " ")
    assert str(path) in line
    assert words in line
    assert "\n" not in line
    assert "(" in line  # every message ends with a hint: what to do next


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_ingest_missing_or_directory(tmp_path, make):
    path = tmp_path / "nope.pdf"
    if make == "directory":
        path = tmp_path / "folder.pdf"
        path.mkdir()
    with pytest.raises(MissingFileError) as info:
        load_document(path)
    assert info.value.code == "E201"


@pytest.mark.parametrize("limits, words", [
    (Limits(max_bytes=100), "MB limit"),
    (Limits(max_pages=1), "page limit"),
    (Limits(max_seconds=0), "time limit"),
])
def test_ingest_limits_are_configurable(make_pdf, limits, words):
    path = make_pdf([["ARTICLE 1 RECOGNITION", "Text " * 40], ["ARTICLE 2 WAGES", "More text."]])
    with pytest.raises(LimitExceededError) as info:
        load_document(path, limits=limits)
    assert words in str(info.value)
    assert info.value.code == "E207"


def test_ingest_ten_thousand_page_pdf_is_refused_quickly(tmp_path):
    import time

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(10_000):
        pdf.new_page(200, 200)
    path = tmp_path / "huge.pdf"
    pdf.save(str(path))
    pdf.close()
    t = time.perf_counter()
    with pytest.raises(LimitExceededError, match="10000 pages"):
        load_document(path)
    assert time.perf_counter() - t < 2.0


def test_ingest_truncated_real_pdf_is_corrupt_or_readable(tmp_path, make_pdf):
    good = make_pdf(PDF_TEXT * 1)
    data = good.read_bytes()
    cut = _write(tmp_path, "cut.pdf", data[: len(data) // 3])
    with pytest.raises(InputError) as info:
        load_document(cut)
    assert info.value.code in ("E204", "E203")


@pytest.mark.parametrize("member, size", [("word/document.xml", 50_000_000), ("word/media/bomb.bin", 20_000_000)])
def test_ingest_docx_zip_bomb_refused_before_reading(tmp_path, member, size):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        if member != "word/document.xml":
            zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr(member, b"\0" * size)
    with pytest.raises(LimitExceededError, match="zip bomb"):
        load_document(path)


def test_ingest_docx_zip_over_total_limit(tmp_path):
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>" + b" " * 200_000)
    with pytest.raises(LimitExceededError, match="unpack"):
        load_document(path, limits=Limits(max_unzipped_bytes=100_000))


def test_ingest_zip_without_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(FormatMismatchError, match="zip archive"):
        load_document(path)


def test_ingest_corrupt_docx_xml(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("word/document.xml", "<w:document")
    with pytest.raises(CorruptDocumentError):
        load_document(path)
