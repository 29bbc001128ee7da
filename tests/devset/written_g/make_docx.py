"""Build the DOCX cases of written_g from docx_src/<name>.txt.

Markup, one paragraph per line (blank lines ignored):
  "T: text"   Title style
  "# text"    Heading 1, "## text" Heading 2, "### text" Heading 3
  "@ text"    automatically numbered paragraph, level 0 (numbering.xml, numbers not in the text)
  "@@ text"   automatically numbered paragraph, level 1
  "~ text"    struck-through paragraph (withdrawn language)
  "> text"    italic paragraph (notes)
  anything else: Normal paragraph
A first line "NUMFMT: <level0 pattern>|<level1 pattern>" sets the automatic number patterns.
Run: ../../../.venv/bin/python make_docx.py
"""
import pathlib
import sys

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = pathlib.Path(__file__).parent


def add_numbering(doc, lvl0, lvl1):
    numbering = doc.part.numbering_part.element
    abs_id, num_id = 90, 90
    xml = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abs_id}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{lvl0}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        f'<w:lvlText w:val="{lvl1}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="1440" w:hanging="720"/></w:pPr></w:lvl>'
        '</w:abstractNum>'
    )
    abstract = parse_xml(xml)
    # abstractNum elements must precede num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abs_id}"/></w:num>'))
    return num_id


def numbered(doc, text, num_id, level):
    p = doc.add_paragraph(text)
    pPr = p._p.get_or_add_pPr()
    pPr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def build(src):
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(11)
    num_id = None
    for raw in src.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("NUMFMT:"):
            l0, l1 = line[len("NUMFMT:"):].strip().split("|")
            num_id = add_numbering(doc, l0, l1)
        elif line.startswith("T: "):
            doc.add_paragraph(line[3:], style="Title")
        elif line.startswith("### "):
            doc.add_heading(line[4:], level=3)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("@@ "):
            numbered(doc, line[3:], num_id, 1)
        elif line.startswith("@ "):
            numbered(doc, line[2:], num_id, 0)
        elif line.startswith("~ "):
            p = doc.add_paragraph()
            p.add_run(line[2:]).font.strike = True
        elif line.startswith("> "):
            p = doc.add_paragraph()
            p.add_run(line[2:]).italic = True
        else:
            doc.add_paragraph(line)
    out = HERE / (src.stem + ".docx")
    doc.save(out)
    print("wrote", out.name)


if __name__ == "__main__":
    names = sys.argv[1:] or [p.stem for p in sorted((HERE / "docx_src").glob("*.txt"))]
    for n in names:
        build(HERE / "docx_src" / f"{n}.txt")
