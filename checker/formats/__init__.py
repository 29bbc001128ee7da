"""Views of a check run. JSON is the contract (spec/report.md); the others are read by people or tools.

One module per format, each a small plugin of the same shape (see `base.py`):

    render(run: CheckRun, options: Options) -> str          # one or many documents
    render_comparison(comparison, options: Options) -> str  # `clausecheck compare`

`FORMATTERS` maps a format name to its module; the CLI looks formats up here and nowhere else.
"""
from __future__ import annotations

from types import ModuleType

from checker.formats import brief, github, html, json, junit, markdown, sarif, text
from checker.formats.base import Options  # noqa: F401 — public API
from checker.formats.text import STATUS_MARK, protection_text, to_text  # noqa: F401 — public API
from checker.result import Report

FORMATTERS: dict[str, ModuleType] = {
    "text": text, "json": json, "html": html, "markdown": markdown,
    "sarif": sarif, "junit": junit, "github": github, "brief": brief,
}


def to_json(report: Report) -> str:
    """One report as the JSON contract (spec/report.md)."""
    return json.report_json(report)
