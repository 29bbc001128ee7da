"""Shared fixtures: the location of ../shared, and generators for small PDF and DOCX inputs."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


def _shared_dir() -> Path:
    env = os.environ.get("CLAUSECHECK_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared material beside the clone (override with CLAUSECHECK_SHARED)."""
    d = _shared_dir()
    if not d.is_dir():
        # CI has ../shared beside the clone: there a missing folder is a broken set-up, not a skip.
        if os.environ.get("CI"):
            pytest.fail(f"shared material not found at {d} (CI clones it beside the repository; "
                        f"set CLAUSECHECK_SHARED)")
        pytest.skip(f"shared material not found at {d}: set CLAUSECHECK_SHARED to run this test")
    return d


# ---- PDF generation (fpdf2) -------------------------------------------------------------------
def write_pdf(path: Path, pages: list[list[str]], *, password: str | None = None,
              image_pages: tuple[int, ...] = ()) -> Path:
    """One PDF page per list of lines; `image_pages` (1-based) hold only a picture, no text."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    unicode_font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if unicode_font.exists():
        pdf.add_font("dejavu", fname=str(unicode_font))
        pdf.set_font("dejavu", size=10)
    else:  # core fonts are Latin-1 only: ligatures become plain letters
        import unicodedata

        pages = [[unicodedata.normalize("NFKC", ln) for ln in page] for page in pages]
        pdf.set_font("helvetica", size=10)
    for n, lines in enumerate(pages, start=1):
        pdf.add_page()
        if n in image_pages:
            pdf.image(_png(), x=20, y=20, w=100)
            continue
        y = 15
        for line in lines:
            pdf.set_xy(15, y)
            pdf.cell(0, 5, line)
            y += 5.5
    if password:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(owner_password=password + "-owner", user_password=password,
                           encryption_method=EncryptionMethod.RC4)
    pdf.output(str(path))
    return path


def _png():
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(buf, format="PNG")
    buf.seek(0)
    return buf


@pytest.fixture
def make_pdf(tmp_path):
    def make(pages, name="doc.pdf", **kw):
        return write_pdf(tmp_path / name, pages, **kw)

    return make


# ---- DOCX generation (python-docx with hand-written numbering.xml) ----------------------------
_NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="ARTICLE %1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Section %2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"""


def write_docx(path: Path, paragraphs: list, *, table: list[list[str]] | None = None,
               header: str | None = None, footnote: str | None = None) -> Path:
    """`paragraphs`: strings, or (text, numId, ilvl) for auto-numbered paragraphs, or
    ("INS"/"DEL", text) for a tracked insertion/deletion appended to the previous paragraph."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    d = docx.Document()
    numbering = d.part.numbering_part
    numbering._element = parse_xml(_NUMBERING)
    numbering.__dict__.pop("element", None)
    last = None
    for item in paragraphs:
        if isinstance(item, tuple) and item[0] in ("INS", "DEL"):
            tag = "w:ins" if item[0] == "INS" else "w:del"
            t = "w:t" if item[0] == "INS" else "w:delText"
            el = parse_xml(
                f'<{tag} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="9" '
                f'w:author="x"><w:r><{t} xml:space="preserve">{item[1]}</{t}></w:r></{tag}>')
            last._p.append(el)
            continue
        if isinstance(item, tuple):
            text, num_id, ilvl = item
            last = d.add_paragraph(text)
            ppr = last._p.get_or_add_pPr()
            ppr.append(parse_xml(
                '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        else:
            last = d.add_paragraph(item)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, val in enumerate(row):
                t.cell(r, c).text = val
    if header:
        d.sections[0].header.paragraphs[0].text = header
        d.sections[0].footer.paragraphs[0].text = header + " footer"
    if footnote:
        xml = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               f'<w:footnote w:id="1"><w:p><w:r><w:t>{footnote}</w:t></w:r></w:p></w:footnote></w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode(), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    _ = qn
    d.save(str(path))
    return path


@pytest.fixture
def make_docx(tmp_path):
    def make(paragraphs, name="doc.docx", **kw):
        return write_docx(tmp_path / name, paragraphs, **kw)

    return make
