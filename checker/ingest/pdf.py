"""PDF text layers through pypdfium2 (fast, ~1 ms/page), OCR through ocrmypdf when asked.

pdfplumber's layout analysis costs ~40x more per page, so it only reads the pages `layout`
finds to be two-column; ruled tables are read from pdfium's own objects. Running headers and
footers are found from repeated edge lines across pages, which needs no coordinates.
"""
from __future__ import annotations

import os
import shutil

from checker.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    ScannedDocumentError,
)
from checker.ingest import layout
from checker.ingest.cleanup import Cleaned, clean_pages
from checker.ingest.limits import Deadline
from checker.ingest.ocr import run_ocr

OCR_HINT = (
    "run with --ocr; it needs `pip install 'clausecheck[ocr]'` and the Debian packages "
    "tesseract-ocr, tesseract-ocr-eng and ghostscript"
)


# A PDF with some pages that are only pictures: the web service recognizes this warning to offer OCR.
IMAGE_ONLY_WARNING = "page(s) {pages} have no text layer (image only); their text is missing; run with --ocr to read them"


def _open(path: str, password: str | None):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            if password:
                raise EncryptedDocumentError(
                    "PDF is encrypted and the password given is wrong", path=path,
                    hint="check the password passed with --password",
                ) from None
            raise EncryptedDocumentError(
                "PDF is encrypted", path=path, hint="rerun with --password PASSWORD"
            ) from None
        raise CorruptDocumentError(
            f"PDF cannot be opened ({exc})", path=path,
            hint="the file is truncated or damaged; download or export it again",
        ) from None


def _page_has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        return True
    return False


def extract_pages(path: str, password: str | None, deadline: Deadline) -> tuple[list[list[tuple[str, int]]], list[int], int]:
    """Raw lines per page, the 1-based numbers of pages that are images without text, page count.

    Pages are read one at a time and closed, so memory holds text only. Two-column pages are
    read again with pdfplumber afterwards; their line numbers count in reading order."""
    pdf = _open(path, password)
    columns: dict[int, tuple[layout.PageLayout, float]] = {}
    try:
        n = len(pdf)
        deadline.check_pages(n)
        pages: list[list[tuple[str, int]]] = []
        image_only: list[int] = []
        for i in range(n):
            if i % 25 == 0:
                deadline.check()
                deadline.report("read", i, n)
            page = pdf[i]
            try:
                tp = page.get_textpage()
                try:
                    raw = tp.get_text_range()
                    found = layout.detect(page, tp, layout.path_objects(page)) if raw.strip() else None
                    if found and found.gutter is not None:
                        columns[i] = (found, page.get_height())
                    elif found:
                        raw = "\n".join(layout.table_page_lines(tp, page.get_height(), page.get_width(), found.tables))
                finally:
                    tp.close()
                if not raw.strip() and _page_has_images(page):
                    image_only.append(i + 1)
            finally:
                page.close()
            lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            pages.append([(t, k) for k, t in enumerate(lines, start=1)])
    finally:
        pdf.close()
    if columns:
        _read_columns(path, password, deadline, columns, pages)
    return pages, image_only, n


def _read_columns(path: str, password: str | None, deadline: Deadline,
                  columns: dict[int, tuple[layout.PageLayout, float]], pages: list[list[tuple[str, int]]]) -> None:
    import pdfplumber

    wanted = sorted(columns)
    with pdfplumber.open(path, password=password or "", pages=[i + 1 for i in wanted]) as plumber:
        for i, ppage in zip(wanted, plumber.pages):
            deadline.check()
            found, height = columns[i]
            lines = layout.column_page_lines(ppage, found.gutter, found.spanning or [], height)
            pages[i] = [(t, k) for k, t in enumerate(lines, start=1)]
            ppage.close()


def read_pdf(path: str, *, password: str | None, ocr: bool, deadline: Deadline) -> tuple[Cleaned, int, list[str]]:
    pages, image_only, n = extract_pages(path, password, deadline)
    warnings: list[str] = []
    has_text = any(t.strip() for page in pages for t, _ in page)
    if not has_text and n:
        if not image_only:
            from checker.errors import EmptyDocumentError

            raise EmptyDocumentError("PDF has no text and no images", path=path, hint="check that this is the right file")
        if not ocr:
            raise ScannedDocumentError(
                f"no page of {n} has a text layer; it looks scanned", path=path, hint=OCR_HINT, pages=n
            )
        pages, n = _ocr_and_extract(path, password, deadline, None, n)
        warnings.append(f"text was produced by OCR ({n} pages); check quotations against the original")
    elif image_only and ocr:
        pages, n = _ocr_and_extract(path, password, deadline, image_only, len(image_only))
        warnings.append(f"page(s) {_list_pages(image_only)} were read by OCR; check quotations against the original")
    elif image_only:
        warnings.append(IMAGE_ONLY_WARNING.format(pages=_list_pages(image_only)))
    return clean_pages(pages, paged=True), n, warnings


def _list_pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" …" if len(numbers) > 20 else "")


def _ocr_and_extract(path: str, password: str | None, deadline: Deadline, only: list[int] | None, count: int):
    """OCR (all image-only pages, or just `only`; `count` pages in all), read the result's text
    layer, remove the temp dir."""
    deadline.allow_ocr(count)
    ocr_path = run_ocr(path, password, deadline, pages=only) if only else run_ocr(path, password, deadline)
    try:
        pages, _, n = extract_pages(ocr_path, None, deadline)
    finally:
        shutil.rmtree(os.path.dirname(ocr_path), ignore_errors=True)
    return pages, n
