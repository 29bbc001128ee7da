"""Contract metadata for a study: `audit --metadata contracts.csv` joins employer, sector, year,
state (and any other columns) to every document, so exports and summaries can break down by them.

The CSV has a `path` (or `file`) column naming each contract as the audit saw it: the absolute
path, a path relative to the CSV's folder, or a file name when names are unique. The other
columns are kept as text; `year` must be a whole number when given."""
from __future__ import annotations

import csv
import json
import os

from checker.batch.store import ResultsDB
from checker.errors import UsageError

STANDARD = ("employer", "sector", "year", "state")  # the columns every export carries (null when absent)
KEY_COLUMNS = ("path", "file")
TABLE = "CREATE TABLE IF NOT EXISTS document_metadata (path TEXT PRIMARY KEY, data TEXT NOT NULL)"
FACETS = ("sector", "employer")  # the columns precedents (`check --precedents`) count by


def facet_key(column: str, table: str = "") -> str:
    """SQL for a document's `column` as precedents compare it: ASCII case folded, empty as NULL.
    The index and every query use this same text, which is what lets SQLite use the index."""
    data = f"{table}.data" if table else "data"
    return f"NULLIF(lower(json_extract({data}, '$.{column}')), '')"


# Indexes for precedents by sector and employer. `CREATE ... IF NOT EXISTS` on every open is the
# migration: an audit database written before they existed gains them the first time it is opened
# for writing (`audit run`, `audit export`, or `check --precedents` when the file is writable).
INDEXES = [f"CREATE INDEX IF NOT EXISTS document_metadata_by_{c} ON document_metadata ({facet_key(c)})"
           for c in FACETS]


def migrate(conn) -> None:
    """The metadata table and its indexes, in a database opened for writing."""
    conn.execute(TABLE)
    for sql in INDEXES:
        conn.execute(sql)


def read_metadata(path: str) -> dict[str, dict[str, str]]:
    """CSV row per contract: {absolute path as written in the CSV (resolved from its folder): columns}."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = [c.strip().lower() for c in reader.fieldnames or []]
            key = next((c for c in KEY_COLUMNS if c in columns), None)
            if key is None:
                raise UsageError("the metadata CSV has no `path` or `file` column", path=path,
                                 hint="add a column `path` naming each contract file")
            base = os.path.dirname(os.path.abspath(path))
            out: dict[str, dict[str, str]] = {}
            for n, row in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                name = row.pop(key)
                if not name:
                    continue
                if row.get("year") and not row["year"].isdigit():
                    raise UsageError(f"line {n}: year must be a whole number (got {row['year']!r})", path=path)
                out[os.path.normpath(os.path.join(base, name))] = {"_name": name, **row}
            return out
    except FileNotFoundError:
        raise UsageError("metadata file not found", path=path, hint="check the --metadata path") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read the metadata CSV ({exc})", path=path) from None


def _match(doc_path: str, rows: dict[str, dict[str, str]], by_name: dict[str, list[str]]) -> dict | None:
    hit = rows.get(os.path.normpath(os.path.abspath(doc_path)))
    if hit is None:
        names = by_name.get(os.path.basename(doc_path), [])
        hit = rows[names[0]] if len(names) == 1 else None
    return hit


def store_metadata(db: ResultsDB, rows: dict[str, dict[str, str]]) -> int:
    """Attach metadata to the audited documents it names; returns how many documents got some."""
    by_name: dict[str, list[str]] = {}
    for key, row in rows.items():
        by_name.setdefault(os.path.basename(row["_name"]), []).append(key)
    paths = [r[0] for r in db.conn.execute("SELECT DISTINCT path FROM documents")]
    matched = 0
    with db.conn:
        migrate(db.conn)
        for p in paths:
            row = _match(p, rows, by_name)
            if row is not None:
                data = {k: v for k, v in row.items() if k != "_name"}
                db.conn.execute("INSERT OR REPLACE INTO document_metadata VALUES (?, ?)",
                                (p, json.dumps(data, ensure_ascii=False)))
                matched += 1
    return matched


def load_metadata(db: ResultsDB) -> dict[str, dict[str, str]]:
    """{document path: its metadata columns} (empty when no --metadata was given)."""
    with db.conn:
        migrate(db.conn)
    return {p: json.loads(d) for p, d in db.conn.execute("SELECT path, data FROM document_metadata")}
