"""Precedents from an audit: for each protection, how the audited contracts fare and the
strongest real wording found among them.

A team told "missing" asks next: did other locals win this, and in what words? A results database
written by `clausecheck audit` already holds every finding of every contract, so the answer is one
query per protection against it: the counts by status over the audited contracts (errors and
duplicates apart) and the matching finding with the highest confidence, with its quote read out of
the stored report by SQLite's JSON functions. Nothing is computed when no database is given.
"""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from checker.batch.errors import ResultsDatabaseError

# Every finding of a protection over the audit's latest corpus: counts, and the best matching quote.
_QUERY = """
SELECT
  COUNT(*) AS documents,
  COALESCE(SUM(f.status = 'matching'), 0) AS matching,
  COALESCE(SUM(f.status = 'weakened'), 0) AS weakened,
  COALESCE(SUM(f.status = 'missing'), 0) AS missing,
  (SELECT json_array(d2.path,
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].section'),
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].page'),
                     json_extract(d2.report, '$.findings[' || f2.ord || '].evidence[0].text'))
     FROM findings f2 JOIN documents d2 ON d2.id = f2.document_id
    WHERE f2.protection = :protection AND f2.status = 'matching' AND d2.corpus_sha256 = :corpus
      AND d2.status = 'ok' AND d2.duplicate_of IS NULL
    ORDER BY f2.confidence DESC, d2.path LIMIT 1) AS example
FROM findings f JOIN documents d ON d.id = f.document_id
WHERE f.protection = :protection AND d.corpus_sha256 = :corpus AND d.status = 'ok'
  AND d.duplicate_of IS NULL
"""
INDEX = "CREATE INDEX IF NOT EXISTS findings_by_protection ON findings (protection, status, confidence)"


@dataclass(frozen=True)
class Example:
    document: str
    section: str | None
    page: int | None
    text: str


@dataclass(frozen=True)
class Precedent:
    documents: int
    matching: int
    weakened: int
    missing: int
    example: Example | None

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["example"] is None:
            del d["example"]
        return d

    def line(self) -> str:
        """'matching in 37 of 412 audited contracts (12 weakened); e.g. hotel-x-2024.pdf §31.2: "…"'."""
        head = (f"matching in {self.matching} of {self.documents} audited contract"
                f"{'s' if self.documents != 1 else ''}, weakened in {self.weakened}")
        if self.example is None:
            return head
        e = self.example
        where = " ".join(p for p in (f"§{e.section}" if e.section else "", f"p. {e.page}" if e.page else "") if p)
        quote = " ".join(e.text.split())
        quote = quote if len(quote) <= 160 else quote[:159].rstrip() + "…"
        return f"{head}; e.g. {Path(e.document).name}{' ' + where if where else ''}: \"{quote}\""


class PrecedentIndex:
    """An audit's results database opened for precedents (read-only, except for adding the index
    that makes each lookup one indexed query when the file is writable)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if not Path(self.path).is_file():
            raise ResultsDatabaseError("no results database here", path=self.path,
                                       hint="run `clausecheck audit DIR --db FILE` first, then pass that file")
        try:
            try:
                with sqlite3.connect(self.path, timeout=10) as rw:
                    rw.execute(INDEX)
            except sqlite3.OperationalError:
                pass  # read-only file or folder: the lookups still work, unindexed
            self.conn = sqlite3.connect(f"file:{Path(self.path).resolve()}?mode=ro", uri=True, timeout=10)
            row = self.conn.execute("SELECT corpus_sha256 FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ResultsDatabaseError(f"not a clausecheck results database ({exc})", path=self.path,
                                       hint="pass the --db file an audit wrote") from None
        if row is None:
            raise ResultsDatabaseError("the results database holds no audit run", path=self.path,
                                       hint="run `clausecheck audit DIR --db FILE` first")
        self.corpus_sha256 = row[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PrecedentIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def lookup(self, protection: str) -> Precedent:
        import json

        row = self.conn.execute(_QUERY, {"protection": protection, "corpus": self.corpus_sha256}).fetchone()
        documents, matching, weakened, missing, example = row
        ex = None
        if example:
            path, section, page, text = json.loads(example)
            if text:
                ex = Example(document=path, section=section, page=page, text=text)
        return Precedent(documents=documents, matching=matching, weakened=weakened, missing=missing, example=ex)

    def annotate(self, report) -> None:
        """Attach a precedent to every finding of `report` (a checker.result.Report)."""
        for finding in report.findings:
            finding.precedent = self.lookup(finding.protection)
