"""The research export tables, declared once: every column with its Parquet type.

Every row of every table carries the provenance a study needs to cite it: the clausecheck
version that produced it, the corpus (name, version, sha256) it was graded against and the run
that audited it. The Parquet schema is fixed by `SCHEMAS`, whatever the values of one batch
(an all-null column keeps its type), so any two exports concatenate. CSV exports have the same
columns in the same order.
"""
from __future__ import annotations

import json
import os

from checker import __version__
from checker.batch.metadata import STANDARD, load_metadata
from checker.batch.store import ResultsDB

STRING, INT, FLOAT = "string", "int64", "float64"
PROVENANCE = [("run_id", INT), ("tool_version", STRING), ("corpus_name", STRING), ("corpus_version", STRING),
              ("corpus_sha256", STRING)]
META = [("employer", STRING), ("sector", STRING), ("year", INT), ("state", STRING), ("metadata", STRING)]
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "documents": PROVENANCE + [
        ("path", STRING), ("relative_path", STRING), ("sha256", STRING), ("format", STRING), ("pages", INT),
        ("status", STRING), ("error_code", STRING), ("error", STRING), ("matching", INT), ("weakened", INT),
        ("missing", INT), ("duplicate_of", STRING), ("audited_at", STRING), ("ingest_seconds", FLOAT),
        ("engine_seconds", FLOAT), ("wall_seconds", FLOAT)] + META + [("removed_at", STRING)],
    "findings": PROVENANCE + [
        ("path", STRING), ("relative_path", STRING), ("duplicate_of", STRING), ("protection", STRING),
        ("title", STRING), ("category", STRING), ("severity", STRING), ("status", STRING), ("confidence", FLOAT),
        ("deviation_kinds", STRING), ("deviation_rules", STRING), ("deviations", STRING),
        ("evidence_text", STRING), ("evidence_section", STRING), ("evidence_heading", STRING),
        ("evidence_page", INT), ("evidence_line", INT)] + META,
    "protections": PROVENANCE + [
        ("protection", STRING), ("title", STRING), ("category", STRING), ("matching", INT), ("weakened", INT),
        ("missing", INT), ("documents", INT), ("coverage", FLOAT)],
}


def columns(table: str) -> list[str]:
    return [name for name, _ in SCHEMAS[table]]


def arrow_schema(table: str):
    import pyarrow as pa

    types = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in SCHEMAS[table]])


def common_root(paths: list[str]) -> str:
    """The folder all audited paths share: relative paths in exports and summaries start there."""
    if not paths:
        return ""
    try:
        root = os.path.commonpath([os.path.abspath(p) for p in paths])
    except ValueError:  # different drives
        return ""
    return root if len(paths) > 1 or not os.path.isfile(root) else os.path.dirname(root)


def relative(path: str, root: str) -> str:
    if not root:
        return path
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/")


def _meta_columns(meta: dict | None) -> dict:
    meta = meta or {}
    out = {k: (meta.get(k) or None) for k in STANDARD}
    out["year"] = int(out["year"]) if out["year"] else None
    extra = {k: v for k, v in meta.items() if k not in STANDARD}
    out["metadata"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return out


def _provenance(db: ResultsDB, corpus_sha256: str) -> dict:
    row = db.conn.execute("SELECT corpus_name, corpus_version FROM runs WHERE corpus_sha256=? ORDER BY id DESC LIMIT 1",
                          (corpus_sha256,)).fetchone()
    return {"corpus_name": row[0] if row else None, "corpus_version": row[1] if row else None,
            "corpus_sha256": corpus_sha256}


def table_rows(db: ResultsDB, table: str, corpus_sha256: str | None = None) -> list[dict]:
    """The rows of one export table, every column of `SCHEMAS[table]` present, in a stable order."""
    from checker.batch.summary import protection_counts

    sha = corpus_sha256 or db.latest_corpus_sha256()
    base = _provenance(db, sha)
    if table == "protections":
        run = db.conn.execute("SELECT MAX(id) FROM runs WHERE corpus_sha256=?", (sha,)).fetchone()[0]
        return [{**base, "run_id": run, "tool_version": __version__, **p} for p in protection_counts(db, sha)]
    meta = load_metadata(db)
    docs = db.conn.execute("SELECT * FROM documents WHERE corpus_sha256=? ORDER BY path", (sha,)).fetchall()
    root = common_root([d["path"] for d in docs])
    out: list[dict] = []
    for d in docs:
        report = json.loads(d["report"]) if d["report"] else None
        common = {**base, "run_id": d["run_id"],
                  "tool_version": ((report or {}).get("tool") or {}).get("version") or __version__,
                  "path": d["path"], "relative_path": relative(d["path"], root), "duplicate_of": d["duplicate_of"],
                  **_meta_columns(meta.get(d["path"]))}
        if table == "documents":
            out.append({**common, **{k: d[k] for k in ("sha256", "format", "pages", "status", "error_code", "error",
                                                      "matching", "weakened", "missing", "audited_at",
                                                      "ingest_seconds", "engine_seconds", "wall_seconds")},
                        "removed_at": d["removed_at"] if "removed_at" in d.keys() else None})
            continue
        for f in (report or {}).get("findings", []):
            ev = (f.get("evidence") or [{}])[0]
            devs = f.get("deviations") or []
            out.append({**common, "protection": f["protection"], "title": f.get("title"),
                        "category": f.get("category"), "severity": f.get("severity"), "status": f["status"],
                        "confidence": f.get("confidence"),
                        "deviation_kinds": ",".join(sorted({x["kind"] for x in devs})) or None,
                        # `rule` names the registry entry that produced a deviation, when the engine records it
                        "deviation_rules": ",".join(sorted({x["rule"] for x in devs if x.get("rule")})) or None,
                        "deviations": json.dumps(devs, ensure_ascii=False) if devs else None,
                        "evidence_text": " ".join(ev["text"].split()) if ev.get("text") else None,
                        "evidence_section": ev.get("section"), "evidence_heading": ev.get("heading"),
                        "evidence_page": ev.get("page"), "evidence_line": ev.get("line")})
    return [{name: row.get(name) for name in columns(table)} for row in out]


def write_parquet(rows: list[dict], table: str, out: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = out + ".tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(table)), tmp)
    os.replace(tmp, out)
