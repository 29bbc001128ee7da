"""Resource limits for ingestion: size, pages, wall time. Exceeding one is a coded E207 error."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from checker.errors import LimitExceededError, TextLimitError


# A line opening with a list marker: "12.", "3.1.4)", "(b)", "iv.", "-", "•". Linear: one pass.
_LIST_ITEM = re.compile(r"^[ \t]*(?:\(?(?:\d{1,6}(?:\.\d{1,4})*|[A-Za-z]{1,4})[.)]|[-*•·▪◦‣–])[ \t]", re.M)


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

    # DOCX: bytes one part (word/document.xml, …) may really inflate to, counted while streaming
    # (declared sizes can lie). lxml holds ~11x the XML in memory: 128 MB stays under ~1.5 GB.
    max_part_bytes: int = 128 * 1024 * 1024
    # Extracted text. The largest development contract has 1.1 M characters, 14,239 lines, 3,171
    # numbered sections and 2,158 list-like lines ("12.", "(b)", "-"); these caps are ~7x, ~14x,
    # ~6x and ~7x that.
    max_chars: int = 8_000_000
    max_lines: int = 200_000
    max_sections: int = 20_000
    max_list_items: int = 15_000
    # Whole check (reading and engine) in a worker process: wall clock from when the worker takes
    # the document (queue time apart), and its address-space ceiling (RLIMIT_AS). The engine with
    # spaCy loaded maps ~1 GB; 4 GB is ~3x the peak of a 231-page contract.
    max_check_seconds: float = 600.0
    max_memory_mb: int = 4096


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


def check_text_size(path: str, text: str, limits: Limits) -> None:
    """The extracted text's characters and lines, against the caps (E216)."""
    if len(text) > limits.max_chars:
        raise TextLimitError(f"the text has {len(text):,} characters, over the {limits.max_chars:,} limit",
                             path=path, hint="split the document; no real contract is this long")
    lines = text.count("\n") + 1
    if lines > limits.max_lines:
        raise TextLimitError(f"the text has {lines:,} lines, over the {limits.max_lines:,} limit",
                             path=path, hint="split the document; no real contract is this long")
    items = sum(1 for _ in _LIST_ITEM.finditer(text))
    if items > limits.max_list_items:
        raise TextLimitError(f"the text has {items:,} list items, over the {limits.max_list_items:,} limit",
                             path=path, hint="split the document; no real contract has this many")


def check_sections(path: str, count: int, limits: Limits) -> None:
    if count > limits.max_sections:
        raise TextLimitError(f"the text has {count:,} numbered sections or list items, over the "
                             f"{limits.max_sections:,} limit", path=path,
                             hint="split the document; no real contract has this many")
