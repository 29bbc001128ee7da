"""`clausecheck check` speed, stage by stage, against the floor of raw pypdfium2 extraction.

    .venv/bin/python benchmarks/check_bench.py [--out benchmarks/RESULTS-check.md]

For each sample PDF and a generated 150-page contract with an immigration article, measured in
the same run (medians of 3): raw pypdfium2 text extraction (the floor), ingestion to a structured
Document, the engine alone, start-up (imports, corpus, concept index), and the whole command
`clausecheck check FILE --format json` as a user runs it. Targets (issue 4): the whole command
under 2 s on a 150-page text PDF, the engine under 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_bench import raw_pdf  # noqa: E402

SAMPLES = ROOT / "tests" / "devset" / "real"
CLI = str(ROOT / ".venv" / "bin" / "clausecheck")


def contract_pdf(path: Path, pages: int = 150) -> None:
    """A 150-page contract: ordinary articles from a real agreement with the calibration
    sample's immigration article in the middle, a running header and page numbers."""
    from fpdf import FPDF

    body = (SAMPLES / "washington-county-afscme-2024-2027.md").read_text(encoding="utf-8")
    body = "\n".join(l[8:] if l[:8].strip().isdigit() else l for l in body.splitlines())
    immigration = (ROOT / "tests" / "devset" / "shared" / "sample01_hotel_immigration_article.md").read_text()
    lines: list[str] = []
    for para in (body[: len(body) // 2] + "\n\n" + immigration + "\n\n" + body[len(body) // 2:]).split("\n"):
        clean = para.replace("#", "").encode("latin-1", "replace").decode("latin-1")
        lines.extend(textwrap.wrap(clean, 95) or [""])
    per_page = 48
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=9)
    for p in range(pages):
        pdf.add_page()
        pdf.set_xy(15, 10)
        pdf.cell(0, 4, "COUNTY / LOCAL 88 COLLECTIVE BARGAINING AGREEMENT 2025-2028")
        for k, line in enumerate(lines[(p * per_page) % len(lines):][:per_page]):
            pdf.set_xy(15, 18 + k * 5.1)
            pdf.cell(0, 4, line)
        pdf.set_xy(15, 268)
        pdf.cell(0, 4, f"Page {p + 1}")
    pdf.output(str(path))


def median_time(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(path: Path) -> dict:
    from checker.api import check_document, default_corpus
    from checker.ingest import load_document

    corpus = default_corpus()
    doc = load_document(path)
    check_document(doc, corpus)  # warm the concept index, as a long-running process would be
    cmd = [CLI, "check", str(path), "--format", "json", "--fail-on", "never"]
    return {
        "pages": doc.pages,
        "chars": len(doc.text),
        "raw": median_time(lambda: raw_pdf(path)),
        "ingest": median_time(lambda: load_document(path)),
        "engine": median_time(lambda: check_document(doc, corpus)),
        "command": median_time(lambda: subprocess.run(cmd, check=True, capture_output=True)),
    }


def startup() -> float:
    code = ("import time; t=time.perf_counter(); from checker.api import default_corpus; "
            "from checker.engine import concept_index; concept_index(default_corpus()); "
            "print(time.perf_counter()-t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-check.md")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp, "contract-150-pages.pdf")
        contract_pdf(big)
        files = [big] + sorted(p for p in SAMPLES.glob("*.pdf"))
        for f in files:
            r = measure(f)
            rows.append((f.name, r))
            print(f"{f.name}: {r}", file=sys.stderr)
    boot = startup()
    load = os.getloadavg()[0]
    out = [
        "# `clausecheck check` benchmark",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load:.1f} at the end. Medians of 3, all in one run.",
        "Floor: raw pypdfium2 text extraction of the same file. `command` is the whole "
        "`clausecheck check FILE --format json` process, start-up included.",
        "",
        "| file | pages | raw pypdfium2 (floor) | ingest | engine | whole command | command / floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        out.append(f"| {name} | {r['pages']} | {r['raw']:.3f} s | {r['ingest']:.3f} s | {r['engine']:.3f} s | "
                   f"{r['command']:.2f} s | {r['command'] / r['raw']:.1f}× |")
    out += ["", f"Start-up (imports, built-in corpus, concept index): {boot:.2f} s.", "",
            "Targets (issue 4): whole command on a 150-page text PDF < 2 s; engine after ingestion < 0.5 s."]
    args.out.write_text("\n".join(out) + "\n")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
