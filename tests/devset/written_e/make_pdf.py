"""Build the PDF cases of written_e (text layer, running header, page numbers) from pdf_src/*.src.

Line markup: R: running header text   T: title   H: heading   P: paragraph   I: indented paragraph
Latin-1 only (core fonts). Run: /work/main/.venv/bin/python make_pdf.py
"""
import pathlib
from fpdf import FPDF

HERE = pathlib.Path(__file__).resolve().parent


class Doc(FPDF):
    running = ""

    def header(self):
        self.set_font("Times", "I", 8)
        self.cell(0, 5, self.running, align="R")
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font("Times", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def build(src: pathlib.Path) -> pathlib.Path:
    lines = src.read_text(encoding="utf-8").splitlines()
    for ln in lines:
        ln.encode("latin-1")  # fail loudly on non-latin-1 text
    pdf = Doc(format="Letter")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(22, 15, 22)
    for raw in lines:
        if raw.startswith("R:"):
            pdf.running = raw[2:].strip()
    pdf.add_page()
    for raw in lines:
        if not raw.strip() or raw.startswith("R:"):
            continue
        tag, _, text = raw.partition(":")
        text = text.strip()
        if tag == "T":
            pdf.set_font("Times", "B", 13)
            pdf.multi_cell(0, 6, text, align="C")
            pdf.ln(2)
        elif tag == "H":
            pdf.ln(2)
            pdf.set_font("Times", "B", 11)
            pdf.multi_cell(0, 5.5, text)
            pdf.ln(1)
        elif tag == "I":
            pdf.set_font("Times", "", 10.5)
            pdf.set_x(pdf.l_margin + 8)
            pdf.multi_cell(0, 5, text)
            pdf.ln(1.5)
        else:
            pdf.set_font("Times", "", 10.5)
            pdf.multi_cell(0, 5, text)
            pdf.ln(1.5)
    out = HERE / (src.stem + ".pdf")
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    for src in sorted((HERE / "pdf_src").glob("*.src")):
        print(build(src))
