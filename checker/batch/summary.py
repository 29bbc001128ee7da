"""What a whole collection looks like: per-protection counts, per-document rows, exports."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile

from checker.batch.store import ResultsDB
from checker.errors import UsageError

from checker.batch.exports import columns as export_columns

# Kept for callers that name the columns; the full declared schemas are in checker.batch.exports.
DOCUMENT_COLUMNS = export_columns("documents")
FINDING_COLUMNS = export_columns("findings")
PROTECTION_COLUMNS = ["protection", "title", "category", "matching", "weakened", "missing", "documents", "coverage"]
# A duplicate (the same bytes under another path) is listed apart and never counted twice.
UNIQUE = "d.duplicate_of IS NULL"


def _corpus(db: ResultsDB, corpus_sha256: str | None) -> str | None:
    return corpus_sha256 or db.latest_corpus_sha256()


def protection_counts(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    """One row per protection, in catalog order: how many audited contracts match, weaken, miss it."""
    rows = db.conn.execute(
        "SELECT f.protection, MAX(f.title) AS title, MAX(f.category) AS category,"
        " SUM(f.status='matching') AS matching, SUM(f.status='weakened') AS weakened,"
        " SUM(f.status='missing') AS missing, COUNT(*) AS documents"
        f" FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.corpus_sha256=? AND {UNIQUE}"
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
        f" WHERE d.corpus_sha256=? AND {UNIQUE} GROUP BY f.category ORDER BY f.category", (_corpus(db, corpus_sha256),))]


def document_rows(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    from checker.batch.exports import table_rows

    return table_rows(db, "documents", corpus_sha256)


def finding_rows(db: ResultsDB, corpus_sha256: str | None = None) -> list[dict]:
    from checker.batch.exports import table_rows

    return table_rows(db, "findings", corpus_sha256)


def breakdowns(docs: list[dict], findings: list[dict]) -> dict[str, list[dict]]:
    """Per metadata column (employer, sector, year, state) with any value: per value, how many
    unique audited contracts and their protections' matching / weakened / missing counts."""
    from checker.batch.metadata import STANDARD

    out: dict[str, list[dict]] = {}
    unique = [d for d in docs if not d["duplicate_of"] and d["status"] == "ok"]
    for col in STANDARD:
        if not any(d[col] is not None for d in unique):
            continue
        groups: dict = {}
        for d in unique:
            g = groups.setdefault(d[col], {"value": d[col], "documents": 0, "matching": 0, "weakened": 0, "missing": 0})
            g["documents"] += 1
        for f in findings:
            if f["duplicate_of"] is None and f[col] in groups:
                groups[f[col]][f["status"]] += 1
        out[col] = sorted(groups.values(), key=lambda g: (g["value"] is None, str(g["value"])))
    return out


def audit_summary(db: ResultsDB, corpus_sha256: str | None = None, *, weakest: int = 20) -> dict:
    """The JSON summary: totals, per protection (with titles), per category, per metadata column,
    weakest contracts, duplicates and errors. Paths are relative to the collection's root.

    The totals add up as the run line's do: documents = audited + duplicates, where audited
    counts each distinct file once and includes the errors; per-protection counts cover the
    audited contracts that were read (audited - errors), duplicates never."""
    import datetime as _dt

    from checker.batch.exports import common_root, relative

    sha = _corpus(db, corpus_sha256)
    docs = document_rows(db, sha)
    unique = [d for d in docs if not d["duplicate_of"]]
    ok = [d for d in unique if d["status"] == "ok"]
    run = db.conn.execute("SELECT corpus_name, corpus_version, MAX(COALESCE(finished, started)) FROM runs"
                          " WHERE corpus_sha256=? GROUP BY corpus_sha256", (sha,)).fetchone()
    root = common_root([d["path"] for d in docs])
    return {
        "corpus": {"name": run[0] if run else None, "version": run[1] if run else None, "sha256": sha},
        "date": (run[2] if run and run[2] else _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")),
        "root": root,
        "documents": len(docs), "audited": len(unique), "read": len(ok), "errors": len(unique) - len(ok),
        "duplicates": len(docs) - len(unique),
        "protections": protection_counts(db, sha),
        "categories": category_counts(db, sha),
        "breakdowns": breakdowns(docs, finding_rows(db, sha)),
        "weakest": [{"path": d["relative_path"], **{k: d[k] for k in ("matching", "weakened", "missing")}}
                    for d in sorted(ok, key=lambda d: (-(d["missing"] or 0), -(d["weakened"] or 0), d["path"]))[:weakest]],
        "duplicate_list": [{"path": d["relative_path"], "duplicate_of": relative(d["duplicate_of"], root)}
                           for d in docs if d["duplicate_of"]],
        "error_list": [{"path": d["relative_path"], "error_code": d["error_code"], "error": d["error"]}
                       for d in unique if d["status"] == "error"],
    }


def summary_text(summary: dict) -> str:
    lines = [f"{summary['documents']} documents: {summary['audited']} audited ({summary['errors']} errors), "
             f"{summary['duplicates']} duplicates — corpus {summary['corpus']['name']} {summary['corpus']['version']}, "
             f"{summary['date']}"]
    if summary["protections"]:
        width = max(len(p["protection"]) for p in summary["protections"])
        lines.append(f"{'protection':<{width}}  matching  weakened  missing  title")
        for p in summary["protections"]:
            lines.append(f"{p['protection']:<{width}}  {p['matching']:>8}  {p['weakened']:>8}  {p['missing']:>7}  "
                         f"{p['title'] or ''}")
    for col, groups in summary.get("breakdowns", {}).items():
        lines.append(f"by {col}: " + "; ".join(
            f"{g['value'] if g['value'] is not None else '(none)'}: {g['documents']} contracts, "
            f"{g['matching']}/{g['weakened']}/{g['missing']} matching/weakened/missing" for g in groups))
    if summary.get("duplicate_list"):
        lines.append("duplicates (counted once): " + ", ".join(
            f"{d['path']} = {d['duplicate_of']}" for d in summary["duplicate_list"][:10])
            + (f" … and {len(summary['duplicate_list']) - 10} more" if len(summary["duplicate_list"]) > 10 else ""))
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
        from checker.batch.exports import table_rows

        rows = {r["path"]: r for r in table_rows(db, "documents", corpus_sha256)}
        records = [_with_provenance(r, rows.get(r["path"], {})) for r in db.records(corpus_sha256)]
        _atomic_write(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        return len(records)
    if fmt == "json":
        s = audit_summary(db, corpus_sha256)
        _atomic_write(out, json.dumps(s, indent=2, ensure_ascii=False) + "\n")
        return len(s["protections"])
    from checker.batch.exports import columns, table_rows, write_parquet

    data = table_rows(db, table, corpus_sha256)
    if fmt == "csv":
        _atomic_write(out, to_csv(data, columns(table)))
    else:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            from checker.errors import ConfigError

            raise ConfigError("parquet export needs pyarrow", hint="pip install 'clausecheck[dask]'") from None
        write_parquet(data, table, out)
    return len(data)


def _with_provenance(rec: dict, row: dict) -> dict:
    """A JSON Lines record with the run, tool, corpus and metadata columns of the tables."""
    keep = ("run_id", "tool_version", "corpus_name", "corpus_version", "relative_path", "employer", "sector",
            "year", "state", "metadata")
    return {**rec, **{k: row.get(k) for k in keep}}


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
