"""OCR for real: image-only PDFs rendered here from contract text, read back through ocrmypdf and
Tesseract; mixed PDFs; the CLI; missing tools (E209); the time limit; temp files removed."""
from __future__ import annotations

import os

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.errors import LimitExceededError, OCRUnavailableError
from checker.ingest import Limits, load_document
from checker.ingest import ocr as ocr_mod

# CI installs the tools, so there a missing tool fails the tests instead of skipping them
needs_ocr = pytest.mark.skipif(not os.environ.get("CI") and bool(ocr_mod.missing_ocr_parts()),
                               reason="OCR tools not installed (.ci/run installs them)")

PAGE_1 = [
    "ARTICLE 12 - SENIORITY",
    "",
    "Section 12.1 The Employer shall notify",
    "the Union in writing before any layoff.",
    "Seniority continues during a leave.",
]
PAGE_2 = [
    "ARTICLE 13 - IMMIGRATION",
    "",
    "Section 13.1 No employee shall be",
    "disciplined for a change of name or",
    "social security number.",
]


def _render(lines: list[str]):
    """A letter page at 150 dpi with the lines in a large font, as a grayscale image."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    img = Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(img)
    y = 120
    for line in lines:
        draw.text((110, y), line, fill=0, font=font)
        y += 62
    return img


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """An image-only PDF (no text layer), one rendered picture per page (Pillow's PDF writer)."""
    images = [_render(p) for p in pages]
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return path


def mixed_pdf(path: Path, text_lines: list[str], scanned_lines: list[str]) -> Path:
    """Page 1 has a text layer (fpdf2), page 2 is only a picture of text."""
    from io import BytesIO

    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    y = 20
    for line in text_lines:
        pdf.set_xy(15, y)
        pdf.cell(0, 6, line)
        y += 7
    pdf.add_page()
    buf = BytesIO()
    _render(scanned_lines).save(buf, format="PNG")
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _found(text: str, wanted: list[str]) -> int:
    """How many wanted words came back, allowing one OCR slip (edit) in words of 6+ letters."""
    from rapidfuzz.distance import Levenshtein

    got = _words(text)
    n = 0
    for w in wanted:
        if w in got or (len(w) >= 6 and any(Levenshtein.distance(w, g) <= 1 for g in got)):
            n += 1
    return n


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Point tempfile at an empty directory, so leftovers of the OCR run can be seen."""
    import tempfile

    d = tmp_path / "tmp"
    d.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


@needs_ocr
def test_ocr_reads_an_image_only_pdf(tmp_path, private_tmp):
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2])
    doc = load_document(path, ocr=True)
    assert doc.pages == 2
    wanted = ["article", "seniority", "employer", "notify", "union", "writing", "layoff",
              "immigration", "employee", "disciplined", "social", "security", "number"]
    assert _found(doc.text, wanted) >= len(wanted) - 1, doc.text
    assert any("OCR" in w for w in doc.warnings)
    # the OCR'd text maps back to pages: "immigration" is on page 2
    i = doc.text.lower().find("immigration")
    assert i >= 0 and doc.offset_map.position(i).page == 2
    assert [s.key for s in doc.sections if s.kind == "article"] == ["12", "13"], doc.text
    assert list(private_tmp.iterdir()) == []  # the OCR temp dir is gone


@needs_ocr
def test_ocr_reads_only_the_image_pages_of_a_mixed_pdf(tmp_path):
    text_page = ["ARTICLE 1 - RECOGNITION", "The Employer recognizes the Union as bargaining agent."]
    path = mixed_pdf(tmp_path / "mixed.pdf", text_page, PAGE_2)
    without = load_document(path)
    assert any("2" in w and "--ocr" in w for w in without.warnings)
    assert "immigration" not in without.text.lower()
    doc = load_document(path, ocr=True)
    assert "The Employer recognizes the Union as bargaining agent." in doc.text  # text layer kept as is
    assert _found(doc.text, ["immigration", "disciplined", "security"]) >= 2, doc.text
    assert any("page(s) 2 were read by OCR" in w for w in doc.warnings)


@needs_ocr
def test_cli_parse_ocr_prints_the_tree(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2])
    exe = Path(sys.executable).with_name("clausecheck")
    out = subprocess.run([str(exe), "parse", str(path), "--ocr"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert re.search(r"ARTICLE 12\b.*SENIORITY", out.stdout), out.stdout
    assert re.search(r"ARTICLE 13\b", out.stdout), out.stdout
    plain = subprocess.run([str(exe), "parse", str(path)], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 2 and "E206" in plain.stderr and "--ocr" in plain.stderr


@needs_ocr
def test_ocr_is_stopped_at_the_time_limit(tmp_path, private_tmp):
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2, PAGE_1, PAGE_2])
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match="OCR took longer"):
        load_document(path, ocr=True, limits=Limits(max_seconds=1.0))
    assert time.monotonic() - start < 10
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("missing", ["tesseract", "ocrmypdf"])
def test_ocr_missing_tools_is_e209_with_install_commands(tmp_path, monkeypatch, missing):
    import importlib.util
    import shutil

    if missing == "tesseract":
        monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    else:
        real = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec",
                            lambda name, *a, **k: None if name == "ocrmypdf" else real(name, *a, **k))
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1])
    with pytest.raises(OCRUnavailableError) as err:
        load_document(path, ocr=True)
    assert err.value.code == "E209"
    msg = str(err.value)
    assert missing in msg
    assert "pip install 'clausecheck[ocr]'" in msg and "apt-get install" in msg
    assert "tesseract-ocr tesseract-ocr-eng ghostscript" in msg
