"""Checking uploads off the event loop: a small worker pool behind a bounded queue."""
from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from checker.api import check_file, default_corpus
from checker.errors import LimitExceededError, ServiceBusyError, UnsupportedFormatError
from checker.ingest import EXTENSIONS, Limits, sniff_format
from checker.result import Report
from checker.web.uploads import UploadedFile

# PDFium is not thread-safe (pypdfium2 docs: no concurrent calls from several threads), so PDF
# ingestion is serialized; the engine itself runs in parallel.
_PDFIUM_LOCK = threading.Lock()


def check_upload(upload: UploadedFile, limits: Limits, password: str | None = None) -> Report:
    """Check one uploaded file, its type taken from its bytes; the report names it by display name."""
    kind = sniff_format(upload.path)
    if kind in ("zip", "binary"):
        raise UnsupportedFormatError(
            "the file is not a PDF, Word (.docx) or text document",
            hint="upload a PDF, DOCX, TXT or MD file (for .doc/.rtf: save as .docx first)")
    # The name's extension must agree with the bytes, as on the command line (`load_document`
    # refuses a text file named .pdf with E208): the page and the CLI accept the same files.
    suffix = os.path.splitext(upload.filename)[1].lower()
    if suffix not in EXTENSIONS:
        raise UnsupportedFormatError(
            f"unsupported file type {suffix or '(no extension)'!r}",
            hint="upload a PDF, DOCX, TXT or MD file (for .doc/.rtf: save as .docx first)")
    path = upload.path + suffix
    os.rename(upload.path, path)
    upload.path = path
    if kind == "pdf":
        from checker.ingest import load_document
        from checker.api import check_document

        with _PDFIUM_LOCK:
            document = load_document(path, password=password or None, limits=limits)
        report = check_document(document)
    else:
        report = check_file(path, limits=limits)
    report.document["path"] = upload.filename
    return report


class Runner:
    """At most `workers` checks run at once and at most `max_queue` wait; beyond that: busy."""

    def __init__(self, workers: int, max_queue: int, timeout: float, retry_after: int):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clausecheck")
        self.capacity = threading.BoundedSemaphore(workers + max_queue)
        self.timeout = timeout
        self.retry_after = retry_after

    def warm_up(self) -> None:
        """Load the corpus and the spaCy pipeline once, before the first request needs them."""
        from checker.api import check_text

        default_corpus()
        check_text("The Employer shall notify the Union.")

    async def run(self, fn, *args):
        if not self.capacity.acquire(blocking=False):
            raise ServiceBusyError("the server is busy checking other documents",
                                   hint=f"try again in {self.retry_after} seconds")
        try:
            future = self.pool.submit(fn, *args)
        except BaseException:
            self.capacity.release()
            raise
        # The slot is freed when the work really ends, not when the request gives up waiting:
        # a thread cannot be killed, so a timed-out check still counts against the bound.
        future.add_done_callback(lambda _: self.capacity.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except (asyncio.TimeoutError, TimeoutError):
            raise LimitExceededError(f"checking took longer than the {self.timeout:g} s limit",
                                     hint="split the document, or ask the operator to raise the limit") from None

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
