"""Batch audit throughput: documents/second, local processes vs a Dask LocalCluster, 1 and 2 workers.

    .venv/bin/python benchmarks/batch_bench.py [--copies 2] [--samples /work/shared/samples/real]

Each configuration audits the same fresh copies (made unique by a trailing PDF comment / line, so
neither resume nor duplicate detection skips any) into a new results database; wall time includes
worker start-up (engine load), as a user's run would."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.batch import AuditOptions, discover, run_audit  # noqa: E402


def make_copies(samples: Path, out: Path, copies: int) -> list[str]:
    for i in range(copies):
        for p in sorted(samples.iterdir()):
            if p.suffix not in (".pdf", ".md") or "scanned" in p.name or p.name == "README.md":
                continue
            dst = out / f"c{i}_{p.name}"
            shutil.copy(p, dst)
            with open(dst, "ab") as fh:  # after %%EOF a PDF reader ignores a comment; a .md gets a line
                fh.write(f"\n%copy {i}\n".encode() if p.suffix == ".pdf" else f"\n\nCopy {i}.\n".encode())
    return discover([str(out)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", default="/work/shared/samples/real")
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--configs", default="local:1,local:2,dask:1,dask:2")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from checker.corpus import BUILTIN_DIR

        # a frozen copy: the corpus is edited concurrently, and a change mid-run stops the audit
        corpus_dir = str(shutil.copytree(BUILTIN_DIR, Path(tmp) / "corpus"))
        (Path(tmp) / "docs").mkdir()
        paths = make_copies(Path(args.samples), Path(tmp) / "docs", args.copies)
        pages = 0
        rows = []
        for cfg in args.configs.split(","):
            kind, n = cfg.split(":")
            db = os.path.join(tmp, f"{kind}{n}.sqlite")
            opts = AuditOptions(jobs=int(n), scheduler=None if kind == "local" else "local", corpus_dir=corpus_dir)
            t0 = time.perf_counter()
            stats = run_audit(paths, db, opts)
            dt = time.perf_counter() - t0
            if not pages:
                import sqlite3

                with sqlite3.connect(db) as c:
                    pages = c.execute("SELECT COALESCE(SUM(pages), 0) FROM documents").fetchone()[0]
            rows.append((cfg, stats.audited, stats.errors, dt, stats.audited / dt))
            print(f"{cfg:<8} {stats.audited} docs ({stats.errors} errors) in {dt:6.1f} s = {stats.audited / dt:5.2f} docs/s",
                  flush=True)
        base = {r[0].split(":")[0]: r[4] for r in rows if r[0].endswith(":1")}
        print(f"\n{len(paths)} documents, {pages} pages in the PDFs")
        for cfg, _, _, _, rate in rows:
            kind = cfg.split(":")[0]
            print(f"{cfg:<8} speed-up over 1 worker: {rate / base[kind]:.2f}x" if kind in base else cfg)
        local = {r[0].split(":")[1]: r[4] for r in rows if r[0].startswith("local")}
        for r in rows:
            if r[0].startswith("dask") and r[0].split(":")[1] in local:
                print(f"{r[0]:<8} vs local at equal workers: {100 * (1 - r[4] / local[r[0].split(':')[1]]):+.1f}% slower")


if __name__ == "__main__":
    main()
