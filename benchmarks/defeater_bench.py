"""What the defeater classifier (models/defeaters) costs the engine, against the rules alone.

    .venv/bin/python benchmarks/defeater_bench.py [--out benchmarks/RESULTS-defeaters.md]

For each real public contract of tests/devset/real and, together, the short trap documents of
tests/devset/traps_d and traps_e: the engine (`check_document` on an ingested Document) with the
classifier and with the rules alone (checker.engine.defeater_model.disabled), in the same run,
medians of 5. The rules-alone time is the floor; the ratio is the classifier's cost.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _timed(doc) -> tuple[float, float]:
    """(rules alone, with the classifier): medians of 5, the two runs interleaved so that a change
    in the machine's load falls on both."""
    from checker.api import check_document
    from checker.engine import defeater_model as dm

    floor, full = [], []
    for _ in range(5):
        start = time.perf_counter()
        with dm.disabled():
            check_document(doc)
        floor.append(time.perf_counter() - start)
        start = time.perf_counter()
        check_document(doc)
        full.append(time.perf_counter() - start)
    return statistics.median(floor), statistics.median(full)


def main(argv=None) -> int:
    from checker.api import check_document
    from checker.engine import defeater_model as dm
    from checker.ingest import load_document

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-defeaters.md"))
    args = ap.parse_args(argv)
    start = time.perf_counter()
    dm.model()
    load = time.perf_counter() - start
    rows = []
    for path in sorted((ROOT / "tests" / "devset" / "real").iterdir()):
        if path.name.endswith(".toml"):
            continue
        doc = load_document(path)
        check_document(doc)  # warm: corpus, concept index, model
        rows.append((path.name, 1, *_timed(doc)))
    short = [load_document(p) for f in ("traps_d", "traps_e") for p in sorted((ROOT / "tests" / "devset" / f).iterdir())
             if not p.name.endswith(".toml")]
    for d in short:
        check_document(d)
    times = [_timed(d) for d in short]
    rows.append((f"{len(short)} short trap documents (traps_d, traps_e), per document", len(short),
                 sum(t[0] for t in times) / len(short), sum(t[1] for t in times) / len(short)))
    lines = ["# Defeater classifier: engine time with and without it", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end. Medians of 5, one run.",
             "Floor: the engine with the rules alone (`defeater_model.disabled()`), same documents, same run.",
             f"Loading the weights (once per process): {load:.3f} s.", "",
             "| document | rules alone (floor) | with the classifier | ratio |", "|---|---|---|---|"]
    lines += [f"| {name} | {floor:.3f} s | {full:.3f} s | {full / floor:.2f}× |" for name, _, floor, full in rows]
    out = Path(args.out)
    kept = ""  # the accuracy sections below the timing table (tools/eval_defeaters.py) are kept
    if out.is_file() and (at := out.read_text().find("\n## ")) >= 0:
        kept = "\n" + out.read_text()[at + 1:]
    out.write_text("\n".join(lines) + "\n" + kept)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
