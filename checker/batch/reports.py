"""`audit report --per-document DIR`: each audited contract's own HTML report (the same page
`check --format html` writes), so the audit summary can link every row to its evidence."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields

from checker.batch.exports import common_root, relative
from checker.batch.store import ResultsDB
from checker.batch.summary import _atomic_write
from checker.errors import OutputError


def _known(cls, data: dict) -> dict:
    """The fields `cls` declares (reports written by other versions may have more or fewer)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def report_from_dict(d: dict):
    from checker.result import Deviation, ElementState, Evidence, Finding, Report

    findings = []
    for f in d.get("findings", []):
        findings.append(Finding(**{**_known(Finding, f),
                                   "evidence": [Evidence(**_known(Evidence, e)) for e in f.get("evidence", [])],
                                   "elements": [ElementState(**_known(ElementState, e)) for e in f.get("elements", [])],
                                   "deviations": [Deviation(**_known(Deviation, x)) for x in f.get("deviations", [])]}))
    return Report(tool=d.get("tool", {}), corpus=d.get("corpus", {}), document=d.get("document", {}),
                  findings=findings, warnings=list(d.get("warnings", [])))


def report_file_name(rel_path: str) -> str:
    """A flat, stable, collision-free file name for one contract's report."""
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in rel_path)[-120:]
    return f"{stem}.{hashlib.sha256(rel_path.encode()).hexdigest()[:8]}.html"


def write_document_reports(db: ResultsDB, folder: str, *, relative_to: str) -> dict[str, str]:
    """Write one HTML report per audited contract into `folder`; returns {relative path of the
    contract: link to its report relative to the summary page at `relative_to`}."""
    from checker import formats
    from checker.run import CheckRun, Outcome, Policy

    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the report folder ({exc.strerror})", path=folder) from None
    sha = db.latest_corpus_sha256()
    rows = db.conn.execute("SELECT path, report FROM documents WHERE corpus_sha256=? AND status='ok' ORDER BY path",
                           (sha,)).fetchall()
    root = common_root([r[0] for r in db.conn.execute("SELECT path FROM documents WHERE corpus_sha256=?", (sha,))])
    summary_dir = os.path.dirname(os.path.abspath(relative_to))
    links: dict[str, str] = {}
    for path, report_json in rows:
        rel = relative(path, root)
        report = report_from_dict(json.loads(report_json))
        report.document["path"] = rel
        page = formats.FORMATTERS["html"].render(CheckRun([Outcome(rel, report=report)], Policy()), formats.Options())
        target = os.path.join(folder, report_file_name(rel))
        _atomic_write(target, page)
        links[rel] = os.path.relpath(os.path.abspath(target), summary_dir).replace(os.sep, "/")
    return links
