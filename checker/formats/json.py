"""The JSON contract (spec/report.md, checker/schemas/report.schema.json).

One document: one report object. Several inputs or a folder: a JSON array of report objects, in
input order (a file that could not be read has no entry; its error is on stderr and the exit code
is 2). A waived finding carries `"waived": {"reason", "document", "expires"?}` — an added field,
so schema_version stays "1".
"""
from __future__ import annotations

import json

from checker.formats.base import Options
from checker.result import Report


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def report_dict(run, report: Report) -> dict:
    d = report.to_dict()
    for finding, fd in zip(report.findings, d["findings"]):
        w = run.waiver(report, finding)
        if w is not None:
            fd["waived"] = w.to_dict()
    return d


def render(run, options: Options) -> str:
    from checker.i18n import localize

    run = localize(run, options.lang)  # --lang es: the same objects, their text in Spanish
    docs = [report_dict(run, r) for r in run.reports]
    value = docs if run.many else (docs[0] if docs else None)
    return json.dumps(value, indent=2, ensure_ascii=False)


def render_comparison(comparison, options: Options) -> str:
    return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False)
