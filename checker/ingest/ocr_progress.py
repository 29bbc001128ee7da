"""An ocrmypdf plugin, loaded only in the OCR child process (`checker.ingest.ocr`): it writes
"pages-done pages-in-all" to the file named by CLAUSECHECK_OCR_PROGRESS each time ocrmypdf
finishes a page of its OCR step, so the parent can show progress. Nothing is printed."""
from __future__ import annotations

import os

from ocrmypdf import hookimpl


class PageCounter:
    """ocrmypdf's ProgressBar protocol; counts only the OCR step's pages."""

    def __init__(self, *, total=None, desc=None, unit=None, disable=False, **kwargs):
        self.total = int(total) if total else 0
        self.counting = not disable and unit == "page" and (desc or "").startswith(("OCR", "Image"))
        self.done = 0.0
        self.path = os.environ.get("CLAUSECHECK_OCR_PROGRESS")

    def __enter__(self):
        self._write()
        return self

    def __exit__(self, exc_type, exc, tb):
        return False

    def update(self, n=1, *, completed=None):
        self.done = float(completed) if completed is not None else self.done + float(n)
        self._write()

    def _write(self) -> None:
        if not (self.counting and self.path and self.total):
            return
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(f"{min(int(self.done), self.total)} {self.total}")
        os.replace(tmp, self.path)  # the parent never reads half a line


@hookimpl
def get_progressbar_class():
    return PageCounter
