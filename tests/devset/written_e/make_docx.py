"""Build the DOCX cases of written_e from the texts in docx_src/*.src.

Line markup in a .src file:
  T: title (centered, bold)      H: heading            P: body paragraph
  N: paragraph with Word automatic numbering (List Number, numbering.xml)
  M: second-level automatic numbering (List Number 2)
  B: bulleted paragraph (List Bullet)   S: signature line (tab-separated cells)
Run: /work/main/.venv/bin/python make_docx.py
"""
import pathlib
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = pathlib.Path(__file__).resolve().parent


def build(src: pathlib.Path) -> pathlib.Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    for raw in src.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        tag, _, text = raw.partition(":")
        text = text.strip()
        if tag == "T":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(text)
            r.bold = True
        elif tag == "H":
            doc.add_heading(text, level=2)
        elif tag == "N":
            doc.add_paragraph(text, style="List Number")
        elif tag == "M":
            doc.add_paragraph(text, style="List Number 2")
        elif tag == "B":
            doc.add_paragraph(text, style="List Bullet")
        elif tag == "S":
            table = doc.add_table(rows=1, cols=2)
            for cell, val in zip(table.rows[0].cells, text.split("\t")):
                cell.text = val
        else:
            doc.add_paragraph(text)
    out = HERE / (src.stem + ".docx")
    doc.save(out)
    return out


if __name__ == "__main__":
    for src in sorted((HERE / "docx_src").glob("*.src")):
        print(build(src))
