"""Render the long PDF documents of written_d (d01, d03) with fpdf2: core fonts, latin-1 text layer,
running header and page numbers.  Run:  ../../../.venv/bin/python make_pdf.py"""
import os
import sys

from fpdf import FPDF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from long_docs import doc_poultry, doc_hospital  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class CBA(FPDF):
    running = ""

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 5, self.running, align="R")
        self.ln(9)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def render(doc):
    pdf = CBA(format="letter")
    pdf.running = doc["header"]
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    pdf.set_title(doc["header"])
    pdf.add_page()
    pdf.ln(50)
    w = pdf.epw
    for kind, t in doc["blocks"]:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(w, 10, t, align="C")
        elif kind == "pagebreak":
            pdf.add_page()
        elif kind == "h1":
            if pdf.get_y() > pdf.h - 50:
                pdf.add_page()
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(w, 7, t)
            pdf.ln(1)
        elif kind == "h2":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(w, 6, t)
        elif kind == "p":
            pdf.set_font("Times", "", 11.5)
            pdf.multi_cell(w, 6, t, align="J")
            pdf.ln(2.5)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 8.5)
            ncol = len(t[0])
            with pdf.table(line_height=5, text_align="LEFT", first_row_as_headings=True,
                           col_widths=None if ncol != 5 else (12, 45, 18, 30, 30)) as tb:
                for row in t:
                    r = tb.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    out = os.path.join(HERE, doc["name"] + ".pdf")
    pdf.output(out)
    return out, pdf.page_no()


if __name__ == "__main__":
    for d in (doc_poultry(), doc_hospital()):
        path, pages = render(d)
        print(path, pages, "pages")
