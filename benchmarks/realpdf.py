"""Documents made from real contract text, for the speed benchmarks.

`real_contract_pdf(path, pages)` lays the text of the real agreements in tests/devset/real (the
Markdown ones: Washington County AFSCME, Grinnell UGSDW, Oregon SEIU 503, about 340 pages
together, with a real immigration article after every 50 pages of them) out as a letter-size PDF with a running header and page numbers, 48 lines of up to
95 characters a page; past the end it starts again. `real_contract_text(pages)` is the same
text as a plain-text file of the same number of pages (form feeds between pages).

    .venv/bin/python benchmarks/realpdf.py OUT.pdf --pages 1000
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "devset" / "real"
SOURCES = ("washington-county-afscme-2024-2027.md", "grinnell-ugsdw-contract-2024-2027.md",
           "oregon-state-seiu503-master-2023-2025.md")
LINES_PER_PAGE = 48
WIDTH = 95


def _printed(body: str) -> list[str]:
    lines: list[str] = []
    for para in body.splitlines():
        para = para[8:] if para[:8].strip().isdigit() else para  # margin line numbers
        clean = para.replace("#", "").replace("**", "").strip()
        lines.extend(textwrap.wrap(clean, WIDTH) or [""])
    return lines


def real_lines(immigration_every: int = 0) -> list[str]:
    """The real agreements' text as printed lines (Markdown marks and margin line numbers removed),
    with the calibration sample's immigration article (tests/devset/shared/sample01) after every
    `immigration_every` pages of it, so that the engine has protections to find and grade."""
    lines: list[str] = []
    for name in SOURCES:
        lines.extend(_printed((REAL / name).read_text(encoding="utf-8")))
    if not immigration_every:
        return lines
    article = _printed((ROOT / "tests" / "devset" / "shared" / "sample01_hotel_immigration_article.md")
                       .read_text(encoding="utf-8"))
    step = immigration_every * LINES_PER_PAGE
    out: list[str] = []
    for k in range(0, len(lines), step):
        out += lines[k:k + step] + [""] + article + [""]
    return out


def pages_of(pages: int, immigration_every: int = 50) -> list[list[str]]:
    lines = real_lines(immigration_every)
    out = []
    for p in range(pages):
        start = (p * LINES_PER_PAGE) % len(lines)
        chunk = lines[start:start + LINES_PER_PAGE]
        if len(chunk) < LINES_PER_PAGE:
            chunk += lines[:LINES_PER_PAGE - len(chunk)]
        out.append(chunk)
    return out


def real_contract_pdf(path: Path, pages: int = 150) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=9)
    for p, chunk in enumerate(pages_of(pages), start=1):
        pdf.add_page()
        pdf.set_xy(15, 10)
        pdf.cell(0, 4, "EMPLOYER / LOCAL 88 COLLECTIVE BARGAINING AGREEMENT 2025-2028")
        for k, line in enumerate(chunk):
            pdf.set_xy(15, 18 + k * 5.1)
            pdf.cell(0, 4, line.encode("latin-1", "replace").decode("latin-1"))
        pdf.set_xy(15, 268)
        pdf.cell(0, 4, f"Page {p}")
    pdf.output(str(path))


def real_contract_text(pages: int) -> str:
    return "\f".join("\n".join(chunk) + "\n" for chunk in pages_of(pages))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=150)
    args = ap.parse_args(argv)
    if args.out.suffix == ".pdf":
        real_contract_pdf(args.out, args.pages)
    else:
        args.out.write_text(real_contract_text(args.pages), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
