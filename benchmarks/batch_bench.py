"""Batch audit throughput: documents/second, local processes vs a Dask LocalCluster, 1 and 2 workers.

    .venv/bin/python benchmarks/batch_bench.py --workload pdf150 --docs 20 --repeat 2   # the issue's workload
    .venv/bin/python benchmarks/batch_bench.py --workload samples --copies 2           # the real samples

`pdf150`: `--docs` copies of the generated 150-page text PDF of benchmarks/check_bench.py, each
made unique by a trailing PDF comment (so neither resume nor duplicate detection skips any).
`samples`: the text-layer samples in /work/shared/samples/real (scanned PDF left out).

Each configuration audits the same files into a new results database, `--repeat` times in
interleaved rounds (local:1, local:2, dask:1, dask:2, then again), and reports the median. Wall
time includes worker start-up (engine load; for Dask also the LocalCluster), as a user's run
would. The corpus is a frozen copy: others edit clause_corpus/ concurrently."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checker.batch import AuditOptions, discover, run_audit  # noqa: E402


def sample_copies(samples: Path, out: Path, copies: int) -> list[str]:
    for i in range(copies):
        for p in sorted(samples.iterdir()):
            if p.suffix not in (".pdf", ".md") or "scanned" in p.name or p.name == "README.md":
                continue
            dst = out / f"c{i}_{p.name}"
            shutil.copy(p, dst)
            with open(dst, "ab") as fh:  # after %%EOF a PDF reader ignores a comment; a .md gets a line
                fh.write(f"\n%copy {i}\n".encode() if p.suffix == ".pdf" else f"\n\nCopy {i}.\n".encode())
    return discover([str(out)])


def pdf150_copies(out: Path, docs: int) -> list[str]:
    from check_bench import contract_pdf

    base = out.parent / "contract-150.pdf"
    contract_pdf(base, pages=150)
    for i in range(docs):
        dst = out / f"contract-{i:03d}.pdf"
        shutil.copy(base, dst)
        with open(dst, "ab") as fh:
            fh.write(f"\n%copy {i}\n".encode())
    return discover([str(out)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workload", choices=("pdf150", "samples"), default="pdf150")
    ap.add_argument("--docs", type=int, default=20, help="pdf150: number of distinct 150-page PDFs")
    ap.add_argument("--samples", default="/work/shared/samples/real")
    ap.add_argument("--copies", type=int, default=2, help="samples: copies of each sample")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--configs", default="local:1,local:2,dask:1,dask:2")
    args = ap.parse_args()
    configs = args.configs.split(",")
    print(f"start {time.strftime('%Y-%m-%d %H:%M:%S')}, load average {'/'.join(f'{x:.2f}' for x in os.getloadavg())}",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        from checker.corpus import BUILTIN_DIR

        corpus_dir = str(shutil.copytree(BUILTIN_DIR, Path(tmp) / "corpus"))
        (Path(tmp) / "docs").mkdir()
        if args.workload == "pdf150":
            paths = pdf150_copies(Path(tmp) / "docs", args.docs)
        else:
            paths = sample_copies(Path(args.samples), Path(tmp) / "docs", args.copies)
        rates: dict[str, list[float]] = {c: [] for c in configs}
        pages = 0
        for rnd in range(args.repeat):
            for cfg in configs:
                kind, n = cfg.split(":")
                db = os.path.join(tmp, f"{kind}{n}-{rnd}.sqlite")
                opts = AuditOptions(jobs=int(n), scheduler=None if kind == "local" else "local",
                                    corpus_dir=corpus_dir)
                load0 = os.getloadavg()[0]
                t0 = time.perf_counter()
                stats = run_audit(paths, db, opts)
                dt = time.perf_counter() - t0
                if not pages:
                    import sqlite3

                    with sqlite3.connect(db) as c:
                        pages = c.execute("SELECT COALESCE(SUM(pages), 0) FROM documents").fetchone()[0]
                assert stats.audited == len(paths), stats
                rates[cfg].append(stats.audited / dt)
                print(f"round {rnd + 1} {cfg:<8} {stats.audited} docs ({stats.errors} errors) in {dt:6.1f} s "
                      f"= {stats.audited / dt:5.2f} docs/s  (load 1-min {load0:.2f} before, "
                      f"{os.getloadavg()[0]:.2f} after)", flush=True)
    med = {c: statistics.median(r) for c, r in rates.items()}
    print(f"\n{len(paths)} documents, {pages} PDF pages; medians of {args.repeat}")
    for cfg in configs:
        kind, n = cfg.split(":")
        line = f"{cfg:<8} {med[cfg]:5.2f} docs/s  (runs: {', '.join(f'{r:.2f}' for r in rates[cfg])})"
        if n != "1" and f"{kind}:1" in med:
            line += f"  {med[cfg] / med[f'{kind}:1']:.2f}x {kind}:1"
        if kind == "dask" and f"local:{n}" in med:
            line += f"  {100 * (1 - med[cfg] / med[f'local:{n}']):+.1f}% slower than local:{n}"
        print(line)
    # Outside load drifts between configurations; the ratio of two configurations run back to back
    # in the same round is steadier than the ratio of their medians.
    for a, b in (("local:2", "local:1"), ("dask:1", "local:1"), ("dask:2", "local:2"), ("dask:2", "dask:1")):
        if a in rates and b in rates:
            per_round = [x / y for x, y in zip(rates[a], rates[b])]
            print(f"{a} / {b} per round: {', '.join(f'{r:.2f}' for r in per_round)}; median {statistics.median(per_round):.2f}")
    print(f"end {time.strftime('%Y-%m-%d %H:%M:%S')}, load average {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
