"""Resource limits for ingestion: size, pages, wall time. Exceeding one is a coded E207 error."""
from __future__ import annotations

import time
from dataclasses import dataclass

from checker.errors import LimitExceededError


@dataclass(frozen=True)
class Limits:
    # 200 MB is ~10x the largest real CBA PDF we have seen (a 900-page scanned booklet).
    max_bytes: int = 200 * 1024 * 1024
    # The longest real CBA we know runs to ~1,200 pages; 5,000 leaves room and stops abuse.
    max_pages: int = 5000
    # Text-layer extraction runs ~1 ms/page; 300 s only trips on pathological or OCR input.
    max_seconds: float = 300.0
    # DOCX: total declared uncompressed size and per-member compression ratio (zip bombs).
    max_unzipped_bytes: int = 500 * 1024 * 1024
    max_zip_ratio: float = 200.0
    # Seconds added to max_seconds for every page OCR reads (0: max_seconds is the whole limit).
    # The CLI sets OCR_SECONDS_PER_PAGE unless --max-seconds is given, so a long scan fits.
    ocr_seconds_per_page: float = 0.0


# Tesseract through ocrmypdf takes ~5 s a dense letter page with 2 jobs (2-4 s a sparse page
# measured on a 2-core machine, after ~6 s of start-up): twice that leaves room on slow laptops.
OCR_SECONDS_PER_PAGE = 10.0


class Deadline:
    """Checked between pages: raising from inside a C extension is not possible."""

    def __init__(self, path: str, limits: Limits, progress=None):
        self.path = path
        self.limits = limits
        self.started = time.monotonic()
        self.expires = self.started + limits.max_seconds
        self.progress = progress  # progress(stage, done, total), e.g. checker.progress.TerminalProgress

    @property
    def seconds(self) -> float:
        """The whole time limit, OCR allowance included."""
        return self.expires - self.started

    def allow_ocr(self, pages: int) -> None:
        """More time for OCR of `pages` pages, when the limits scale with the page count."""
        self.expires += pages * self.limits.ocr_seconds_per_page

    def report(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def check(self) -> None:
        if time.monotonic() > self.expires:
            raise LimitExceededError(
                f"reading took longer than the {self.seconds:g} s time limit",
                path=self.path,
                hint="raise --max-seconds (Limits.max_seconds), or split the document",
            )

    def check_pages(self, pages: int) -> None:
        if pages > self.limits.max_pages:
            raise LimitExceededError(
                f"document has {pages} pages, over the {self.limits.max_pages} page limit",
                path=self.path,
                hint="raise --max-pages (Limits.max_pages) if this is really one contract",
            )
