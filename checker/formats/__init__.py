"""Views of a check run. JSON is the contract (spec/report.md); the others are read by people or tools.

One module per format, each a small plugin of the same shape (see `base.py`):

    render(run: CheckRun, options: Options) -> str          # one or many documents
    render_comparison(comparison, options: Options) -> str  # `clausecheck compare`

`FORMATTERS` maps a format name to its module; the CLI looks formats up here and nowhere else.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType

from checker.formats import json, text
from checker.formats.base import Options  # noqa: F401 — public API
from checker.formats.text import STATUS_MARK, protection_text, to_text  # noqa: F401 — public API
from checker.result import Report

_NAMES = ("text", "json", "html", "markdown", "sarif", "junit", "github", "brief")


class _Formatters(Mapping):
    """Format name -> its module, imported when first asked for: a check in one format does not
    load the others (HTML, SARIF, JUnit and the brief were a tenth of a short check's start-up)."""

    def __getitem__(self, name: str) -> ModuleType:
        if name not in _NAMES:
            raise KeyError(name)
        return importlib.import_module(f"{__name__}.{name}")

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


FORMATTERS: Mapping[str, ModuleType] = _Formatters()


def __getattr__(name: str) -> ModuleType:
    """`formats.html` and the like, imported on first use."""
    if name in _NAMES:
        return FORMATTERS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def to_json(report: Report) -> str:
    """One report as the JSON contract (spec/report.md)."""
    return json.report_json(report)
