"""Render the long DOCX document of written_d (d02) with python-docx: real Title / Heading 1 /
Heading 2 styles, tables, a running header and a PAGE field in the footer.
Run:  ../../../.venv/bin/python make_docx.py"""
import os
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from long_docs import doc_janitorial  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def page_field(paragraph):
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def render(doc):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(11.5)
    sec = d.sections[0]
    hp = sec.header.paragraphs[0]
    hp.text = doc["header"]
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("Page ")
    page_field(fp)
    first_title = True
    for kind, t in doc["blocks"]:
        if kind == "title":
            if first_title:
                d.add_paragraph(t, style="Title")
                first_title = False
            else:
                para = d.add_paragraph(t)
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                para.runs[0].bold = True
        elif kind == "pagebreak":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "h1":
            d.add_heading(t, level=1)
        elif kind == "h2":
            d.add_heading(t, level=2)
        elif kind == "p":
            para = d.add_paragraph(t)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "table":
            tb = d.add_table(rows=0, cols=len(t[0]))
            tb.style = "Table Grid"
            for i, row in enumerate(t):
                cells = tb.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
                    for r in cell.paragraphs[0].runs:
                        r.font.size = Pt(9)
                        r.bold = i == 0
            d.add_paragraph()
    out = os.path.join(HERE, doc["name"] + ".docx")
    d.save(out)
    return out


if __name__ == "__main__":
    print(render(doc_janitorial()))
