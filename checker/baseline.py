"""Baselines: adopt clausecheck on contracts that already fall short, and fail only on what is new.

`check --baseline report.json --write-baseline` records the run's findings as an ordinary JSON
report (one object, or a list for several documents). Later, `check --baseline report.json`
treats a finding as known when the baseline has the same document (path relative to the working
directory) and protection at the same or a worse status; known findings are reported but do not
fail the run. A protection that got worse than its baseline status fails again.
"""
from __future__ import annotations

import json

from checker.errors import BaselineError
from checker.run import STATUS_RANK, CheckRun, display_path


def baseline_json(run: CheckRun) -> str:
    """This run's reports as the JSON contract: always a list, so any number of documents fits."""
    from checker.formats.json import report_dict

    return json.dumps([report_dict(run, r) for r in run.reports], indent=2, ensure_ascii=False)


def read_baseline(path: str) -> dict[tuple[str, str], str]:
    """(document path, protection id) -> the status recorded in the baseline."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError("baseline file not found", path=path,
                            hint="write one with --baseline FILE --write-baseline") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read the baseline ({exc})", path=path,
                            hint="a baseline is a `check --format json` report") from None
    reports = data if isinstance(data, list) else [data]
    known: dict[tuple[str, str], str] = {}
    for report in reports:
        try:
            doc = display_path(report["document"]["path"])
            for f in report["findings"]:
                known[(doc, f["protection"])] = f["status"]
        except (KeyError, TypeError):
            raise BaselineError("not a clausecheck JSON report (no document.path or findings)", path=path,
                                hint="a baseline is a `check --format json` report") from None
    return known


def apply_baseline(run: CheckRun, path: str) -> CheckRun:
    """Mark the run's findings the baseline already had (same or worse status) as known."""
    known = read_baseline(path)
    marked = set()
    for report in run.reports:
        doc = display_path(report.document["path"])
        for f in report.findings:
            before = known.get((doc, f.protection))
            if before in STATUS_RANK and STATUS_RANK[f.status] <= STATUS_RANK[before]:
                marked.add((report.document["path"], f.protection))
    run.known = frozenset(marked)
    return run
