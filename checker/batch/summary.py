"""What a whole collection looks like: per-protection counts, per-document rows, exports."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile

from checker.batch.store import ResultsDB
from checker.errors import UsageError

DOCUMENT_COLUMNS = ["path", "sha256", "format", "pages", "status", "error_code", "error", "matching", "weakened",
                    "missing", "duplicate_of", "ingest_seconds", "engine_seconds", "wall_seconds", "removed_at"]
FINDING_COLUMNS = ["path", "protection", "category", "severity", "status", "confidence", "deviation_kinds",
                   "evidence_section", "evidence_page", "evidence_line"]
PROTECTION_COLUMNS = ["protection", "title", "category", "matching", "weakened", "missing", "documents", "coverage"]


def _corpus(db: ResultsDB, corpus_sha256: str | None) -> str | None:
    return corpus_sha256 or db.latest_corpus_sha256()


def protection_counts(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    """One row per protection, in catalog order: how many audited contracts match, weaken, miss it."""
    rows = db.conn.execute(
        "SELECT f.protection, MAX(f.title) AS title, MAX(f.category) AS category,"
        " SUM(f.status='matching') AS matching, SUM(f.status='weakened') AS weakened,"
        " SUM(f.status='missing') AS missing, COUNT(*) AS documents"
        " FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.corpus_sha256=?"
        " GROUP BY f.protection ORDER BY MIN(f.ord), f.protection", (_corpus(db, corpus_sha256),)).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["coverage"] = round(d["matching"] / d["documents"], 4) if d["documents"] else 0.0
        out.append(d)
    return out


def category_counts(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    return [dict(r) for r in db.conn.execute(
        "SELECT f.category, SUM(f.status='matching') AS matching, SUM(f.status='weakened') AS weakened,"
        " SUM(f.status='missing') AS missing FROM findings f JOIN documents d ON d.id = f.document_id"
        " WHERE d.corpus_sha256=? GROUP BY f.category ORDER BY f.category", (_corpus(db, corpus_sha256),))]


def document_rows(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    return [dict(r) for r in db.conn.execute(
        f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE corpus_sha256=? ORDER BY path",
        (_corpus(db, corpus_sha256),))]


def finding_rows(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    cols = ", ".join("d.path" if c == "path" else f"f.{c}" for c in FINDING_COLUMNS)
    return [dict(r) for r in db.conn.execute(
        f"SELECT {cols} FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.corpus_sha256=?"
        " ORDER BY d.path, f.ord", (_corpus(db, corpus_sha256),))]


def audit_summary(db: ResultsDB, corpus_sha256: str | None = None, *, weakest: int = 20) -> dict:
    """The JSON summary: totals, per protection, per category, weakest contracts, errors."""
    sha = _corpus(db, corpus_sha256)
    docs = document_rows(db, sha)
    ok = [d for d in docs if d["status"] == "ok"]
    run = db.conn.execute("SELECT corpus_name, corpus_version FROM runs WHERE corpus_sha256=? ORDER BY id DESC LIMIT 1",
                          (sha,)).fetchone()
    return {
        "corpus": {"name": run[0] if run else None, "version": run[1] if run else None, "sha256": sha},
        "documents": len(docs), "audited": len(ok), "errors": len(docs) - len(ok),
        "duplicates": sum(1 for d in docs if d["duplicate_of"]),
        "protections": protection_counts(db, sha),
        "categories": category_counts(db, sha),
        "weakest": [{k: d[k] for k in ("path", "matching", "weakened", "missing")}
                    for d in sorted(ok, key=lambda d: (-(d["missing"] or 0), -(d["weakened"] or 0), d["path"]))[:weakest]],
        "error_list": [{k: d[k] for k in ("path", "error_code", "error")} for d in docs if d["status"] == "error"],
    }


def summary_text(summary: dict) -> str:
    lines = [f"{summary['documents']} documents: {summary['audited']} audited, {summary['errors']} errors, "
             f"{summary['duplicates']} duplicates"]
    if summary["protections"]:
        width = max(len(p["protection"]) for p in summary["protections"])
        lines.append(f"{'protection':<{width}}  matching  weakened  missing")
        for p in summary["protections"]:
            lines.append(f"{p['protection']:<{width}}  {p['matching']:>8}  {p['weakened']:>8}  {p['missing']:>7}")
    codes: dict[str, int] = {}
    for e in summary["error_list"]:
        codes[e["error_code"]] = codes.get(e["error_code"], 0) + 1
    if codes:
        lines.append("errors: " + ", ".join(f"{c} ×{n}" for c, n in sorted(codes.items())))
    return "\n".join(lines)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


EXPORTS = {"jsonl": ("documents",), "csv": ("documents", "findings", "protections"), "json": ("summary",),
           "parquet": ("documents", "findings", "protections")}


def export(db: ResultsDB, fmt: str, out: str, *, table: str | None = None, corpus_sha256: str | None = None) -> int:
    """Write `table` (default: the first the format offers) as `fmt` to `out` atomically; return rows written."""
    table = table or EXPORTS[fmt][0]
    if table not in EXPORTS.get(fmt, ()):
        raise UsageError(f"{fmt} export offers {', '.join(EXPORTS[fmt])}, not {table!r}")
    if fmt == "jsonl":
        records = list(db.records(corpus_sha256))
        _atomic_write(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        return len(records)
    if fmt == "json":
        s = audit_summary(db, corpus_sha256)
        _atomic_write(out, json.dumps(s, indent=2, ensure_ascii=False) + "\n")
        return len(s["protections"])
    rows, columns = {"documents": (document_rows, DOCUMENT_COLUMNS), "findings": (finding_rows, FINDING_COLUMNS),
                     "protections": (protection_counts, PROTECTION_COLUMNS)}[table]
    data = rows(db, corpus_sha256)
    if fmt == "csv":
        _atomic_write(out, to_csv(data, columns))
    else:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            from checker.errors import ConfigError

            raise ConfigError("parquet export needs pyarrow", hint="pip install 'clausecheck[dask]'") from None
        tmp = out + ".tmp"
        pq.write_table(pa.Table.from_pylist(data) if data else pa.table({c: [] for c in columns}), tmp)
        os.replace(tmp, out)
    return len(data)


def _atomic_write(path: str, text: str) -> None:
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".clausecheck-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
