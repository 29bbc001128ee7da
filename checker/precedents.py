"""Precedents from an audit: for each protection, how the audited contracts fare and the
strongest real wording found among them; by sector and employer when the audit has metadata.

A team told "missing" asks next: did other locals win this, and in what words? A results database
written by `clausecheck audit` already holds every finding of every contract. Once per check the
contracts it counts (the latest corpus, errors and duplicates apart) are read from a covering index
into a temporary table with their sector and employer; then each protection is one query: the
counts by status, per sector, and at the checked document's employer, and the matching finding with
the highest confidence, whose quote is read out of its stored report by SQLite's JSON functions.

The checked document's sector and employer are given (`--sector`, `--employer`) or, when the
checked file is one of the audited contracts, read from the audit's metadata; the quote then comes
from that sector when one of its contracts has the protection matching, and never from the checked
document itself. Sectors and employers compare with ASCII case folded ("Hospitality" is
"hospitality"). Nothing is computed when no database is given.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from checker.batch.errors import ResultsDatabaseError
from checker.batch.metadata import facet_key, migrate
from checker.batch.store import PRECEDENT_INDEXES
from checker.errors import UsageError

# Once per check, on the first lookup: the contracts precedents count (the audit's latest corpus,
# errors and duplicates apart), each with its sector and employer, into a temporary in-memory
# table. Read once (from the covering index `documents_live`), they spare every lookup a visit to
# each contract's row, which holds its whole stored report.
_AUDITED = """CREATE TEMP TABLE IF NOT EXISTS audited (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,
  sector_key TEXT, sector TEXT, employer_key TEXT, employer TEXT, year TEXT)"""
_FILL = """INSERT INTO temp.audited
SELECT d.id, d.path, d.sha256, {sector_key}, {sector}, {employer_key}, {employer}, {year}
FROM documents d{join}
WHERE d.corpus_sha256 = :corpus AND d.status = 'ok' AND d.duplicate_of IS NULL"""
_FILL_PLAIN = _FILL.format(sector_key="NULL", sector="NULL", employer_key="NULL", employer="NULL", year="NULL",
                           join="")
_FILL_WITH_METADATA = _FILL.format(
    sector_key=facet_key("sector", "m"), sector="NULLIF(json_extract(m.data, '$.sector'), '')",
    employer_key=facet_key("employer", "m"), employer="NULLIF(json_extract(m.data, '$.employer'), '')",
    year="NULLIF(json_extract(m.data, '$.year'), '')", join="\nLEFT JOIN document_metadata m ON m.path = d.path")

# Then one query per protection: its finding in every audited contract (from the covering index
# `findings_for_precedents`), counted per sector (NULL: contracts with no sector given, and every
# contract of an audit without metadata), with the counts at the checked document's employer; and
# the matching finding with the highest confidence, from the checked document's sector first and
# never the checked document's own. The best finding is chosen first and only its stored report is
# parsed for the quote: parsing every candidate's was most of the cost.
_AT_EMPLOYER = "a.employer_key = :employer"
_QUERY = f"""
SELECT
  a.sector_key,
  MIN(a.sector) AS sector,
  COUNT(*) AS documents,
  COALESCE(SUM(f.status = 'matching'), 0) AS matching,
  COALESCE(SUM(f.status = 'weakened'), 0) AS weakened,
  COALESCE(SUM(f.status = 'missing'), 0) AS missing,
  COALESCE(SUM({_AT_EMPLOYER}), 0) AS employer_documents,
  COALESCE(SUM({_AT_EMPLOYER} AND f.status = 'matching'), 0) AS employer_matching,
  COALESCE(SUM({_AT_EMPLOYER} AND f.status = 'weakened'), 0) AS employer_weakened,
  COALESCE(SUM({_AT_EMPLOYER} AND f.status = 'missing'), 0) AS employer_missing,
  MIN(CASE WHEN {_AT_EMPLOYER} THEN a.employer END) AS employer,
  (SELECT json_array(b.path,
                     json_extract(e.report, '$.findings[' || best.ord || '].evidence[0].section'),
                     json_extract(e.report, '$.findings[' || best.ord || '].evidence[0].page'),
                     json_extract(e.report, '$.findings[' || best.ord || '].evidence[0].text'),
                     b.sector, b.employer, b.year)
     FROM (SELECT f2.document_id, f2.ord
             FROM findings f2 JOIN temp.audited a2 ON a2.id = f2.document_id
            WHERE f2.protection = :protection AND f2.status = 'matching' AND a2.sha256 IS NOT :self
            ORDER BY COALESCE(a2.sector_key = :sector, 0) DESC, f2.confidence DESC, a2.path LIMIT 1) AS best
     JOIN temp.audited b ON b.id = best.document_id
     JOIN documents e ON e.id = best.document_id) AS example
FROM findings f JOIN temp.audited a ON a.id = f.document_id
WHERE f.protection = :protection
GROUP BY 1
"""


@dataclass(frozen=True)
class Example:
    document: str
    section: str | None
    page: int | None
    text: str
    sector: str | None = None  # the contract's metadata, when the audit has some
    employer: str | None = None
    year: str | None = None

    def name(self) -> str:
        """'Hotel X 2024' when the audit knows the contract's employer, else its file name."""
        if self.employer:
            return f"{self.employer} {self.year}" if self.year else self.employer
        return Path(self.document).name


@dataclass(frozen=True)
class Group:
    """The audited contracts of one sector or employer (name None: those with no sector given)."""

    name: str | None
    documents: int
    matching: int
    weakened: int
    missing: int


@dataclass(frozen=True)
class Precedent:
    documents: int
    matching: int
    weakened: int
    missing: int
    example: Example | None
    sector: Group | None = None  # the checked document's sector, when known and the audit has sectors
    employer: Group | None = None  # its employer, likewise
    by_sector: tuple[Group, ...] | None = None  # every sector of the audit, when it has any

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["example"] is None:
            del d["example"]
        else:
            d["example"] = {k: v for k, v in d["example"].items()
                            if v is not None or k in ("section", "page")}
        for key in ("sector", "employer", "by_sector"):
            if d[key] is None:
                del d[key]
        if "by_sector" in d:
            d["by_sector"] = list(d["by_sector"])
        return d

    def line(self, lang: str = "en") -> str:
        """'matching in 37 of 412 audited contracts, weakened in 12; in hospitality 12 of 40;
        e.g. Hotel X 2024 §31.2: "…"'."""
        from checker.i18n import label

        parts = [label(lang, "precedent_counts_one" if self.documents == 1 else "precedent_counts",
                       m=self.matching, n=self.documents, w=self.weakened)]
        if self.sector is not None:
            parts.append(label(lang, "precedent_sector", name=self.sector.name, m=self.sector.matching,
                               n=self.sector.documents))
        if self.employer is not None:
            parts.append(label(lang, "precedent_employer", name=self.employer.name, m=self.employer.matching,
                               n=self.employer.documents))
        if self.example is not None:
            e = self.example
            where = " ".join(p for p in (f"§{e.section}" if e.section else "",
                                         f"{label(lang, 'p.')} {e.page}" if e.page else "") if p)
            quote = " ".join(e.text.split())
            quote = quote if len(quote) <= 160 else quote[:159].rstrip() + "…"
            parts.append(f"{label(lang, 'e.g.')} {e.name()}{' ' + where if where else ''}: "
                         + (f"«{quote}»" if lang == "es" else f"\"{quote}\""))
        return "; ".join(parts)


@dataclass(frozen=True)
class Context:
    """Who the checked document belongs to, as precedents compare it."""

    sector: str | None = None
    employer: str | None = None
    sha256: str | None = None  # its own bytes, never quoted back to it as a precedent


class PrecedentIndex:
    """An audit's results database opened for precedents (read-only, except for adding the indexes
    that make each lookup one indexed query when the file is writable)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if not Path(self.path).is_file():
            raise ResultsDatabaseError("no results database here", path=self.path,
                                       hint="run `clausecheck audit DIR --db FILE` first, then pass that file")
        try:
            try:
                with sqlite3.connect(self.path, timeout=10) as rw:  # the migration of older audits
                    for sql in PRECEDENT_INDEXES:
                        rw.execute(sql)
                    if rw.execute("SELECT 1 FROM sqlite_master WHERE name = 'document_metadata'").fetchone():
                        migrate(rw)
                rw.close()
            except sqlite3.OperationalError:
                pass  # read-only file or folder: the lookups still work, with the indexes it has
            # Autocommit: filling the temporary table must not leave a read transaction open (it
            # would hold back a running audit's checkpoints for as long as a server keeps this).
            self.conn = sqlite3.connect(f"file:{Path(self.path).resolve()}?mode=ro", uri=True, timeout=10,
                                        isolation_level=None)
            row = self.conn.execute("SELECT corpus_sha256 FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            self.metadata = bool(self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'document_metadata'").fetchone())
            self.has_sector = self.metadata and self._has("sector")
            self.has_employer = self.metadata and self._has("employer")
        except sqlite3.DatabaseError as exc:
            raise ResultsDatabaseError(f"not a clausecheck results database ({exc})", path=self.path,
                                       hint="pass the --db file an audit wrote") from None
        if row is None:
            raise ResultsDatabaseError("the results database holds no audit run", path=self.path,
                                       hint="run `clausecheck audit DIR --db FILE` first")
        self.corpus_sha256 = row[0]
        self._filled = False

    def _has(self, column: str) -> bool:
        key = facet_key(column)
        return self.conn.execute(f"SELECT 1 FROM document_metadata WHERE {key} IS NOT NULL LIMIT 1").fetchone() is not None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PrecedentIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- who the checked document belongs to ------------------------------------------------------
    def values(self, column: str) -> list[str]:
        """The distinct `column` values (sector, employer) of the audit's metadata, as written."""
        if not self.metadata:
            return []
        key = facet_key(column)
        return [r[0] for r in self.conn.execute(
            f"SELECT MIN(json_extract(data, '$.{column}')) FROM document_metadata WHERE {key} IS NOT NULL "
            f"GROUP BY {key} ORDER BY {key}")]

    def require(self, column: str, value: str | None) -> None:
        """A --sector or --employer value no audited contract has: one usage error naming the ones it has."""
        if not value:
            return
        known = self.values(column)
        if not known:
            raise UsageError(f"the audit has no {column} metadata, so there are no precedents by {column}",
                             path=self.path, hint=f"run `clausecheck audit run --metadata FILE` with a `{column}` "
                                                  f"column, or leave out --{column}")
        key = facet_key(column)
        if self.conn.execute(f"SELECT 1 FROM document_metadata WHERE {key} = NULLIF(lower(?), '') LIMIT 1",
                             (value,)).fetchone() is None:
            shown = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
            raise UsageError(f"no audited contract has {column} {value!r}", path=self.path,
                             hint=f"the audit's {column} values: {shown}")

    def context(self, report, *, sector: str | None = None, employer: str | None = None) -> Context:
        """The checked document's sector and employer: as given, else from the audit's metadata when
        the checked file is one of the audited contracts (the same bytes, or the same path)."""
        sha = (report.document or {}).get("sha256")
        if self.metadata and (not sector or not employer):
            row = None
            if sha:
                row = self.conn.execute(
                    "SELECT m.data FROM documents d JOIN document_metadata m ON m.path = d.path "
                    "WHERE d.sha256 = ? ORDER BY d.corpus_sha256 = ? DESC, d.path LIMIT 1",
                    (sha, self.corpus_sha256)).fetchone()
            path = (report.document or {}).get("path")
            if row is None and path:
                row = self.conn.execute("SELECT data FROM document_metadata WHERE path = ?",
                                        (os.path.normpath(os.path.abspath(path)),)).fetchone()
            if row is not None:
                data = json.loads(row[0])
                sector = sector or data.get("sector") or None
                employer = employer or data.get("employer") or None
        return Context(sector=sector if self.has_sector else None,
                       employer=employer if self.has_employer else None, sha256=sha)

    # ---- lookups ----------------------------------------------------------------------------------
    def _audited(self) -> None:
        """The temporary table of audited contracts, filled on the first lookup."""
        if self._filled:
            return
        self.conn.execute(_AUDITED)
        self.conn.execute(_FILL_WITH_METADATA if self.metadata else _FILL_PLAIN, {"corpus": self.corpus_sha256})
        self._filled = True

    def lookup(self, protection: str, context: Context | None = None) -> Precedent:
        """One query: the protection's counts (per sector, at the employer) and its best quote."""
        self._audited()
        context = context or Context()
        rows = self.conn.execute(_QUERY, {"protection": protection, "self": context.sha256,
                                          "sector": fold(context.sector), "employer": fold(context.employer)}).fetchall()
        total = [sum(r[i] for r in rows) for i in range(2, 10)]
        sector = by_sector = employer = None
        if self.has_sector:
            groups = [(r[0], Group(r[1], *r[2:6])) for r in rows]
            by_sector = tuple(g for _, g in sorted(groups, key=lambda kg: (kg[0] is None, -kg[1].documents, kg[0] or "")))
            if context.sector:
                own = fold(context.sector)
                sector = next((g for k, g in groups if k == own), Group(context.sector, 0, 0, 0, 0))
        if context.employer:  # named as the audit writes it
            name = min((r[10] for r in rows if r[10] is not None), default=context.employer)
            employer = Group(name, *total[4:8])
        return Precedent(documents=total[0], matching=total[1], weakened=total[2], missing=total[3],
                         example=_example(rows[0][11] if rows else None), sector=sector, employer=employer,
                         by_sector=by_sector)

    def annotate(self, report, *, sector: str | None = None, employer: str | None = None) -> None:
        """Attach a precedent to every finding of `report` (a checker.result.Report)."""
        context = self.context(report, sector=sector, employer=employer)
        for finding in report.findings:
            finding.precedent = self.lookup(finding.protection, context)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(value: str | None) -> str | None:
    """A sector or employer as `facet_key` compares it (SQLite's lower() folds ASCII only)."""
    return (value or "").translate(_ASCII_LOWER) or None


def _example(cell: str | None) -> Example | None:
    if not cell:
        return None
    path, section, page, text, *meta = json.loads(cell)
    if not text:
        return None
    sector, employer, year = (meta + [None, None, None])[:3]
    return Example(document=path, section=section, page=page, text=text, sector=sector or None,
                   employer=employer or None, year=str(year) if year else None)
