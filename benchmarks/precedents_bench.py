"""Cost of precedents (`check --precedents DB`): milliseconds and SQL statements per lookup, with
and without sector/employer metadata, on an audit of the development set.

    .venv/bin/python benchmarks/precedents_bench.py                       # audits tests/devset first
    .venv/bin/python benchmarks/precedents_bench.py --db audit.sqlite     # an existing audit of it
    .venv/bin/python benchmarks/precedents_bench.py --scale 50            # also a 50x copy of it

The metadata CSV is generated from the development set's folder and file names: a sector from
words in the name (hotel, hospital, poultry, county ...), an employer from the folder and that
word ("Hospital employer B": a union proposal and the employer's counter share one), the year
when the name has one; documents whose name says nothing get no sector (they form the "no
sector" row). Each configuration annotates every protection of one checked report:

  floor     the audit without metadata: the plain query (counts + example), as before sectors
  sector    the audit with metadata, the checked document's sector and employer given: the
            grouped query (counts per sector, at the employer, example from the sector first)

`--scale N` copies every audited document N times under new paths (same findings and reports)
to show how the cost grows with the audit. Times are the median of `--repeat` interleaved rounds;
the statement count (SQLite's trace callback) includes the once-per-check statements.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.batch import AuditOptions, ResultsDB, discover, run_audit  # noqa: E402
from checker.batch.metadata import read_metadata, store_metadata  # noqa: E402
from checker.precedents import Context, PrecedentIndex  # noqa: E402

# Words in a development-set file name, and the sector they stand for (first match wins).
SECTORS = [
    ("retail", r"grocery|safeway"),
    ("manufacturing", r"garment"),
    ("hospitality", r"hotel|resort|casino|restaurant|stadium|concession|flight_kitchen|dining|valet"),
    ("health care", r"hospital|nursing|nurse|homecare|home_care|home_health|health|medical|evs"),
    ("food processing", r"poultry|meatpacking|meat|food_processing|seafood|cold_storage|dairy|bakery"),
    ("agriculture", r"farm|berry|vegetable|grower|h2a"),
    ("building services", r"janitorial|cleaning|building_services|landscaping|laundry|linen"),
    ("logistics", r"warehouse|fulfillment|distribution|trucking|ground|marine|shipyard|teamsters|airport"),
    ("construction", r"construction|pla_|laborers|carpenters|building_trades|drywall|public_works"),
    ("education", r"university|grad|postdoc|campus|college|grinnell|school"),
    ("public sector", r"county|city|state|public|transit|sanitation|sheriff"),
]


def devset_metadata(paths: list[str], out: Path) -> Path:
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "sector", "employer", "year"])
        for p in paths:
            name = Path(p).stem.lower().replace("-", "_")
            sector, word = next(((s, m.group(0)) for s, rx in SECTORS if (m := re.search(rx, name))), ("", ""))
            folder = Path(p).parent.name
            if folder == "real":  # real contracts: the employer opens the file name
                employer = " ".join(Path(p).stem.split("-")[:2]).title()
            else:
                employer = f"{word.strip('_').replace('_', ' ').title()} employer {folder.split('_')[-1].upper()}" if word else ""
            year = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", name)
            w.writerow([p, sector, employer, year.group(0) if year else ""])
    return out


def scaled_copy(src: Path, dst: Path, times: int) -> Path:
    """The audit with every document (and its findings and metadata) copied `times` times."""
    shutil.copy(src, dst)
    conn = sqlite3.connect(dst)
    with conn:
        docs = conn.execute("SELECT id FROM documents").fetchall()
        cols = [r[1] for r in conn.execute("PRAGMA table_info(documents)") if r[1] != "id"]
        for i in range(1, times):
            for (doc_id,) in docs:
                new = conn.execute(
                    f"INSERT INTO documents ({', '.join(cols)}) SELECT "
                    + ", ".join("path || ?" if c == "path" else c for c in cols) + " FROM documents WHERE id = ?",
                    (f"#copy{i}", doc_id)).lastrowid
                conn.execute("INSERT INTO findings SELECT ?, ord, protection, title, category, severity, status, "
                             "confidence, deviation_kinds, deviations, evidence_section, evidence_page, evidence_line "
                             "FROM findings WHERE document_id = ?", (new, doc_id))
            conn.execute("INSERT OR IGNORE INTO document_metadata SELECT path || ?, data FROM document_metadata "
                         "WHERE path NOT LIKE '%#copy%'", (f"#copy{i}",))
    conn.close()
    return dst


def without_metadata(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    with sqlite3.connect(dst) as conn:
        conn.execute("DROP TABLE IF EXISTS document_metadata")
    return dst


# The lookup on main before sectors (commit 57b866b): one query per protection over the findings
# and the documents' rows, parsing the stored report of every matching candidate.
MAIN_QUERY = """
SELECT COUNT(*), COALESCE(SUM(f.status = 'matching'), 0), COALESCE(SUM(f.status = 'weakened'), 0),
  COALESCE(SUM(f.status = 'missing'), 0),
  (SELECT json_array(d2.path,
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].section'),
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].page'),
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].text'))
     FROM findings f2 JOIN documents d2 ON d2.id = f2.document_id
    WHERE f2.protection = :protection AND f2.status = 'matching' AND d2.corpus_sha256 = :corpus
      AND d2.status = 'ok' AND d2.duplicate_of IS NULL
    ORDER BY f2.confidence DESC, d2.path LIMIT 1)
FROM findings f JOIN documents d ON d.id = f.document_id
WHERE f.protection = :protection AND d.corpus_sha256 = :corpus AND d.status = 'ok' AND d.duplicate_of IS NULL
"""


def measure(db: Path, protections: list[str], context: Context | None) -> tuple[float, float, int]:
    """One check's worth of lookups (every protection): milliseconds for the once-per-check table of
    audited contracts, milliseconds per lookup, SQL statements for all of them. context None: main's
    query instead."""
    statements: list[str] = []
    with PrecedentIndex(db) as index:
        index.conn.set_trace_callback(statements.append)
        start = time.perf_counter()
        if context is not None:
            index._audited()
        setup = time.perf_counter()
        for p in protections:
            if context is None:
                index.conn.execute(MAIN_QUERY, {"protection": p, "corpus": index.corpus_sha256}).fetchall()
            else:
                index.lookup(p, context)
        end = time.perf_counter()
    return (setup - start) * 1000, (end - setup) * 1000 / len(protections), len(statements)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="an audit of tests/devset (default: audit it now into a temp dir)")
    ap.add_argument("--scale", type=int, default=0, help="also measure a copy with every document N times")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--sector", default="hospitality")
    ap.add_argument("--employer", default="Hotel employer A")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="clausecheck-precedents-bench-"))
    devset = ROOT / "tests" / "devset"
    paths = discover([str(devset)])
    meta_csv = devset_metadata(paths, tmp / "devset-metadata.csv")
    db = tmp / "devset.sqlite"
    if args.db:
        shutil.copy(args.db, db)
    else:
        start = time.perf_counter()
        run_audit(paths, str(db), AuditOptions(jobs=os.cpu_count() or 1))
        print(f"audited {len(paths)} files in {time.perf_counter() - start:.1f} s")
    with ResultsDB(db, create=False) as r:
        tagged = store_metadata(r, read_metadata(str(meta_csv)))
        ok = r.conn.execute("SELECT COUNT(*) FROM documents WHERE status='ok' AND duplicate_of IS NULL").fetchone()[0]
        sectors = r.conn.execute("SELECT COUNT(DISTINCT json_extract(data, '$.sector')) FROM document_metadata "
                                 "WHERE json_extract(data, '$.sector') != ''").fetchone()[0]
    print(f"{ok} audited contracts, {tagged} with metadata, {sectors} sectors")
    with PrecedentIndex(db) as index:
        protections = [r[0] for r in index.conn.execute("SELECT DISTINCT protection FROM findings ORDER BY 1")]
    targets = [("devset", db)]
    if args.scale > 1:
        targets.append((f"devset x{args.scale}", scaled_copy(db, tmp / "scaled.sqlite", args.scale)))
    configs = [("main's query (floor)", "plain", None), ("no metadata", "plain", Context()),
               ("sector + employer", "meta", Context(sector=args.sector, employer=args.employer))]
    print("| audit | contracts | configuration | once per check, ms | ms per lookup (median; rounds) "
          "| SQL statements for 25 lookups | per lookup vs floor |")
    print("|---|---|---|---|---|---|---|")
    for name, path in targets:
        plain = without_metadata(path, path.with_suffix(".plain.sqlite"))
        PrecedentIndex(plain).close()  # the migration (indexes) before timing
        with sqlite3.connect(path) as conn:
            n = conn.execute("SELECT COUNT(*) FROM documents WHERE status='ok' AND duplicate_of IS NULL").fetchone()[0]
        runs: dict[str, list[tuple[float, float, int]]] = {c: [] for c, _, _ in configs}
        for _ in range(args.repeat):  # interleaved rounds: outside load hits every configuration alike
            for conf, which, ctx in configs:
                runs[conf].append(measure(plain if which == "plain" else path, protections, ctx))
        floor = statistics.median(r[1] for r in runs[configs[0][0]])
        for conf, _, _ in configs:
            setup = statistics.median(r[0] for r in runs[conf])
            per = statistics.median(r[1] for r in runs[conf])
            rounds = ", ".join(f"{r[1]:.2f}" for r in runs[conf])
            print(f"| {name} | {n} | {conf} | {setup:.1f} | **{per:.2f}** ({rounds}) | {runs[conf][0][2]} "
                  f"| {per / floor:.2f} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
