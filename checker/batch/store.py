"""The results database: SQLite, one row per document and one per finding, one transaction each.

Resumability rests on the key (path, corpus_sha256) plus the stored content hash: a document is
done when a row exists for its path under this corpus with the same sha256. Each document's row
and findings commit together (WAL, synchronous=FULL), so a SIGKILL at any instant leaves either
the whole document or nothing of it."""
from __future__ import annotations

import datetime as _dt
import json
import os
import socket
import sqlite3
from collections.abc import Iterator

from checker.batch.errors import ResultsDatabaseError

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL,
  corpus_name TEXT, corpus_version TEXT, corpus_sha256 TEXT NOT NULL, executor TEXT,
  inputs INTEGER, audited INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, duplicates INTEGER DEFAULT 0,
  errors INTEGER DEFAULT 0, seconds REAL);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL, corpus_sha256 TEXT NOT NULL, sha256 TEXT NOT NULL,
  format TEXT, pages INTEGER, status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error_code TEXT, error TEXT,
  matching INTEGER, weakened INTEGER, missing INTEGER,
  duplicate_of TEXT, run_id INTEGER REFERENCES runs(id), audited_at TEXT NOT NULL,
  ingest_seconds REAL, engine_seconds REAL, wall_seconds REAL,
  report TEXT,
  UNIQUE (path, corpus_sha256));
CREATE INDEX IF NOT EXISTS documents_by_hash ON documents (sha256, corpus_sha256);
CREATE TABLE IF NOT EXISTS claims (
  path TEXT NOT NULL, corpus_sha256 TEXT NOT NULL, run_id INTEGER NOT NULL,
  PRIMARY KEY (path, corpus_sha256));
CREATE TABLE IF NOT EXISTS findings (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, protection TEXT NOT NULL, title TEXT, category TEXT, severity TEXT,
  status TEXT NOT NULL, confidence REAL, deviation_kinds TEXT, deviations TEXT,
  evidence_section TEXT, evidence_page INTEGER, evidence_line INTEGER,
  PRIMARY KEY (document_id, protection));
"""
# Covering indexes for precedents (`check --precedents`): the live contracts of a corpus read from
# the index alone (never their rows, which hold whole reports), and one protection's findings in
# every contract likewise. Run with the schema on every open, they are also the migration: a
# database written before them gains them the first time it is opened for writing; the narrower
# index they replace goes.
PRECEDENT_INDEXES = [
    "CREATE INDEX IF NOT EXISTS documents_live ON documents (corpus_sha256, status, duplicate_of, path, sha256)",
    "CREATE INDEX IF NOT EXISTS findings_for_precedents ON findings (protection, status, confidence, document_id, ord)",
    "DROP INDEX IF EXISTS findings_by_protection",
]
SCHEMA += "".join(sql + ";\n" for sql in PRECEDENT_INDEXES)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class ResultsDB:
    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = os.fspath(path)
        if not create and not os.path.isfile(self.path):
            raise ResultsDatabaseError("no results database here", path=self.path,
                                       hint="run `clausecheck audit DIR --db FILE` first")
        try:
            self.conn = sqlite3.connect(self.path, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            with self.conn:
                self.conn.executescript(SCHEMA)
                row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row is None:
                    self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
                elif row[0] != SCHEMA_VERSION:
                    raise ResultsDatabaseError(f"results database schema {row[0]}, this clausecheck writes {SCHEMA_VERSION}",
                                               path=self.path, hint="use a new --db file")
                # Columns added within schema 1 (older files gain them, empty, on first open).
                for table, column in (("documents", "removed_at TEXT"), ("runs", "pid INTEGER"), ("runs", "host TEXT")):
                    have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
                    if column.split()[0] not in have:
                        self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
        except sqlite3.DatabaseError as exc:
            raise ResultsDatabaseError(f"cannot open the results database ({exc})", path=self.path,
                                       hint="give a new file name with --db") from None

    def __enter__(self) -> "ResultsDB":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _write(self, fn):
        try:
            with self.conn:
                return fn()
        except sqlite3.OperationalError as exc:
            raise ResultsDatabaseError(f"cannot write the results database ({exc})", path=self.path,
                                       hint="free disk space or fix permissions, then run the same audit again: "
                                            "finished documents are kept") from None

    # ---- runs ------------------------------------------------------------------------------------
    def begin_run(self, corpus: dict, *, executor: str, inputs: int) -> int:
        """A new run. Runs left 'running' by a process that is gone (killed, crashed, power cut) are
        marked 'interrupted' first, and their claims on documents released."""
        host = socket.gethostname()

        def write():
            for run in self.conn.execute("SELECT id, pid, host FROM runs WHERE status='running'").fetchall():
                # This process's own earlier run is over too: it could not finish (a full disk).
                if run["pid"] is None or (run["host"] == host and (run["pid"] == os.getpid() or not _alive(run["pid"]))):
                    self.conn.execute("UPDATE runs SET status='interrupted', finished=? WHERE id=?", (_now(), run["id"]))
            self.conn.execute("DELETE FROM claims WHERE run_id NOT IN (SELECT id FROM runs WHERE status='running')")
            return self.conn.execute(
                "INSERT INTO runs (started, status, corpus_name, corpus_version, corpus_sha256, executor, inputs, pid,"
                " host) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
                (_now(), corpus["name"], corpus["version"], corpus["sha256"], executor, inputs, os.getpid(),
                 host)).lastrowid

        return self._write(write)

    def claim(self, path: str, corpus_sha256: str, run_id: int) -> bool:
        """Take `path` for this run; False if another running audit of this database holds it."""
        def write():
            self.conn.execute("INSERT OR IGNORE INTO claims VALUES (?, ?, ?)", (path, corpus_sha256, run_id))
            row = self.conn.execute("SELECT run_id FROM claims WHERE path=? AND corpus_sha256=?",
                                    (path, corpus_sha256)).fetchone()
            return row is not None and row[0] == run_id

        return self._write(write)

    def release(self, path: str, corpus_sha256: str, run_id: int) -> None:
        self._write(lambda: self.conn.execute("DELETE FROM claims WHERE path=? AND corpus_sha256=? AND run_id=?",
                                              (path, corpus_sha256, run_id)))

    def mark_removed(self, corpus_sha256: str) -> int:
        """Flag the records of files that no longer exist (deleted or moved since they were audited)."""
        gone = [r[0] for r in self.conn.execute(
            "SELECT path FROM documents WHERE corpus_sha256=? AND removed_at IS NULL", (corpus_sha256,))
            if not os.path.lexists(r[0])]
        if gone:
            now = _now()
            self._write(lambda: self.conn.executemany(
                "UPDATE documents SET removed_at=? WHERE path=? AND corpus_sha256=?",
                [(now, p, corpus_sha256) for p in gone]))
        return len(gone)

    def unmark_removed(self, path: str, corpus_sha256: str) -> None:
        self._write(lambda: self.conn.execute("UPDATE documents SET removed_at=NULL WHERE path=? AND corpus_sha256=?",
                                              (path, corpus_sha256)))

    def finish_run(self, run_id: int, status: str, counts: dict, seconds: float) -> None:
        def write():
            self.conn.execute(
                "UPDATE runs SET finished=?, status=?, audited=?, skipped=?, duplicates=?, errors=?, seconds=? WHERE id=?",
                (_now(), status, counts["audited"], counts["skipped"], counts["duplicates"], counts["errors"],
                 round(seconds, 3), run_id))
            self.conn.execute("DELETE FROM claims WHERE run_id=?", (run_id,))

        self._write(write)

    def latest_corpus_sha256(self) -> str | None:
        row = self.conn.execute("SELECT corpus_sha256 FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    # ---- documents -------------------------------------------------------------------------------
    def done(self, path: str, corpus_sha256: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT sha256, status, error_code, removed_at FROM documents WHERE path=? AND corpus_sha256=?",
                                 (path, corpus_sha256)).fetchone()

    def record_by_hash(self, sha256: str, corpus_sha256: str) -> dict | None:
        """A finished, successful record of the same bytes under any path (for duplicates): the
        original, never another duplicate, so a duplicate always names a document really audited."""
        row = self.conn.execute("SELECT * FROM documents WHERE sha256=? AND corpus_sha256=? AND status='ok' "
                                "AND duplicate_of IS NULL ORDER BY id LIMIT 1", (sha256, corpus_sha256)).fetchone()
        return _record(row) if row else None

    def save(self, rec: dict, run_id: int | None, *, duplicate_of: str | None = None) -> None:
        """Replace whatever this path had under this corpus with `rec`, atomically."""
        report = rec.get("report")
        summary = (report or {}).get("summary") or {}
        t = rec.get("timings") or {}
        err = rec.get("error") or {}

        def write():
            self.conn.execute("DELETE FROM documents WHERE path=? AND corpus_sha256=?", (rec["path"], rec["corpus_sha256"]))
            doc_id = self.conn.execute(
                "INSERT INTO documents (path, corpus_sha256, sha256, format, pages, status, error_code, error,"
                " matching, weakened, missing, duplicate_of, run_id, audited_at, ingest_seconds, engine_seconds,"
                " wall_seconds, report) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec["path"], rec["corpus_sha256"], rec["sha256"], rec.get("format"), rec.get("pages"), rec["status"],
                 err.get("code"), err.get("message"), summary.get("matching"), summary.get("weakened"),
                 summary.get("missing"), duplicate_of, run_id, _now(), t.get("ingest_seconds"),
                 t.get("engine_seconds"), t.get("wall_seconds"),
                 json.dumps(report, ensure_ascii=False) if report is not None else None)).lastrowid
            for i, f in enumerate((report or {}).get("findings", [])):
                ev = (f.get("evidence") or [{}])[0]
                devs = f.get("deviations") or []
                self.conn.execute(
                    "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, i, f["protection"], f.get("title"), f.get("category"), f.get("severity"), f["status"],
                     f.get("confidence"), ",".join(sorted({d["kind"] for d in devs})),
                     json.dumps(devs, ensure_ascii=False), ev.get("section"), ev.get("page"), ev.get("line")))

        self._write(write)

    def records(self, corpus_sha256: str | None = None) -> Iterator[dict]:
        """Every document record (the JSON Lines shape), in path order."""
        corpus_sha256 = corpus_sha256 or self.latest_corpus_sha256()
        for row in self.conn.execute("SELECT * FROM documents WHERE corpus_sha256=? ORDER BY path", (corpus_sha256,)):
            yield _record(row)


def _record(row: sqlite3.Row) -> dict:
    rec = {"path": row["path"], "sha256": row["sha256"], "corpus_sha256": row["corpus_sha256"],
           "format": row["format"], "pages": row["pages"], "status": row["status"],
           "error": {"code": row["error_code"], "message": row["error"]} if row["status"] == "error" else None,
           "report": json.loads(row["report"]) if row["report"] else None,
           "timings": {k: row[k] for k in ("ingest_seconds", "engine_seconds", "wall_seconds") if row[k] is not None}}
    if row["duplicate_of"]:
        rec["duplicate_of"] = row["duplicate_of"]
    if row["removed_at"]:
        rec["removed_at"] = row["removed_at"]  # the file was gone when a later run looked
    return rec
