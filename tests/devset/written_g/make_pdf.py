"""Build the PDF cases of written_g from pdf_src/<name>.txt (latin-1 text only).

First line: "HEADER: <running header text>". Then paragraphs separated by blank lines;
lines inside a paragraph are joined. "# " starts a large bold heading, "## " a bold heading.
Every page gets the running header and "Page N of M" at the foot.
Run: ../../../.venv/bin/python make_pdf.py
"""
import pathlib
import sys

from fpdf import FPDF

HERE = pathlib.Path(__file__).parent


class Doc(FPDF):
    running = ""

    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, self.running, align="C")
        self.ln(10)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def build(src):
    text = src.read_text(encoding="latin-1")
    text.encode("latin-1")
    lines = text.splitlines()
    pdf = Doc(format="Letter")
    pdf.running = lines[0][len("HEADER:"):].strip()
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    paras, cur = [], []
    for ln in lines[1:]:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    for p in paras:
        if p.startswith("## "):
            pdf.set_font("Times", "B", 11)
            pdf.multi_cell(0, 6, p[3:])
            pdf.ln(1)
        elif p.startswith("# "):
            pdf.set_font("Times", "B", 13)
            pdf.multi_cell(0, 7, p[2:], align="C")
            pdf.ln(2)
        else:
            pdf.set_font("Times", "", 11)
            pdf.multi_cell(0, 5.5, p, align="J")
            pdf.ln(2.5)
    out = HERE / (src.stem + ".pdf")
    pdf.output(str(out))
    print("wrote", out.name)


if __name__ == "__main__":
    names = sys.argv[1:] or [p.stem for p in sorted((HERE / "pdf_src").glob("*.txt"))]
    for n in names:
        build(HERE / "pdf_src" / f"{n}.txt")
