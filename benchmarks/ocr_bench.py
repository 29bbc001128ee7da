"""OCR speed: load_document(ocr=True) on a few pages of the real scanned sample.

    .venv/bin/python benchmarks/ocr_bench.py [--pages 5,6,7]

The pages are copied into a small PDF first (pikepdf), so the time is that of OCR'ing exactly
those pages end to end: child interpreter start, ocrmypdf + Tesseract, text extraction, cleanup
and the section tree."""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

SAMPLE = "samples/real/kingsoopers-loveland-meat-2019-2022-scanned.pdf"


def main() -> None:
    import pikepdf

    from checker.ingest import load_document
    from checker.ingest.ocr import MAX_JOBS

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="5,6,7", help="1-based page numbers of the sample")
    args = ap.parse_args()
    shared = os.environ.get("CLAUSECHECK_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    src = os.path.join(shared, SAMPLE)
    numbers = [int(p) for p in args.pages.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        part = os.path.join(tmp, "part.pdf")
        with pikepdf.open(src) as pdf, pikepdf.new() as out:
            for n in numbers:
                out.pages.append(pdf.pages[n - 1])
            out.save(part)
        t0 = time.perf_counter()
        doc = load_document(part, ocr=True)
        dt = time.perf_counter() - t0
    print(f"{platform.machine()} Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"jobs={min(MAX_JOBS, os.cpu_count() or 1)}, load average {os.getloadavg()[0]:.1f}")
    print(f"pages {args.pages} of {os.path.basename(src)}: {dt:.1f} s total, {dt / len(numbers):.1f} s/page, "
          f"{len(doc.text)} characters, {sum(s.kind == 'article' for s in doc.sections)} article(s)")
    print("first lines:", " | ".join(doc.text.splitlines()[:6]))


if __name__ == "__main__":
    main()
