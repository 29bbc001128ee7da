"""Checking uploads off the event loop: killable worker processes behind bounded admission."""
from __future__ import annotations

import asyncio
import os
import sys
import threading
from contextlib import contextmanager

from checker.api import check_file, default_corpus
from checker.errors import ClientBusyError, ServiceBusyError, UnsupportedFormatError
from checker.ingest import EXTENSIONS, Limits, sniff_format
from checker.isolation import Worker
from checker.result import Report
from checker.web.uploads import UploadedFile


def check_upload(upload: UploadedFile, limits: Limits, password: str | None = None,
                 ocr_dir: str | None = None) -> Report:
    """Check one uploaded file, its type taken from its bytes; the report names it by display name.

    With `ocr_dir` (a background OCR job's private directory, `checker.web.jobs`) scanned pages are
    read with OCR: progress goes to a file there, and so do OCR's temporary files."""
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
    # Runs in a worker process (`Runner`): PDFium, which is not thread-safe, has one per process.
    if ocr_dir is None:
        report = check_file(path, password=password or None, limits=limits)
    else:
        report = _check_with_ocr(path, password, limits, ocr_dir)
    report.document["path"] = upload.filename
    return report


def _check_with_ocr(path: str, password: str | None, limits: Limits, job_dir: str) -> Report:
    import tempfile

    from checker.ingest.ocr import GROUP_FILE_ENV
    from checker.progress import FileProgress
    from checker.web.jobs import GROUP_FILE, PROGRESS_FILE

    saved = tempfile.tempdir
    # OCR's working files (page images, the OCR'd PDF) go in the job's directory, which the server
    # removes whatever happens to this worker; the OCR process group is named there for the same reason.
    tempfile.tempdir = job_dir
    os.environ[GROUP_FILE_ENV] = os.path.join(job_dir, GROUP_FILE)
    try:
        return check_file(path, password=password or None, ocr=True, limits=limits,
                          progress=FileProgress(os.path.join(job_dir, PROGRESS_FILE)))
    finally:
        tempfile.tempdir = saved
        os.environ.pop(GROUP_FILE_ENV, None)


def _check_in_worker(*args) -> Report:
    """What a worker process runs: `checker.web.app.check_upload`, looked up at call time."""
    from checker.web import app

    return app.check_upload(*args)


def _warm() -> None:
    """Load the corpus and the lemma table in a new worker, before its first document."""
    from checker.api import check_text

    default_corpus()
    check_text("The Employer shall notify the Union.")


class Runner:
    """Each document is checked in one of `workers` worker processes (`checker.isolation.Worker`);
    at most `workers + max_queue` requests are admitted at once, at most `per_client` of them from
    one client; beyond that: busy. One client's documents run on at most `workers - 1` workers at
    once, so another client always finds one free. The time limit runs from when a worker takes
    the document, and a worker past it is killed (not left running, as a thread would be)."""

    def __init__(self, workers: int, max_queue: int, timeout: float, retry_after: int, *,
                 memory_mb: int | None = None, per_client: int | None = None, handler=_check_in_worker):
        self.capacity = threading.BoundedSemaphore(workers + max_queue)
        self.workers = max(1, workers)
        self.timeout = timeout
        self.retry_after = retry_after
        self.memory_mb = memory_mb
        self.per_client = per_client
        self.handler = handler
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._clients: dict[str, int] = {}
        self._running: dict[str, int] = {}
        self._closed = False

    def warm_up(self) -> None:
        """Load the corpus in this process (protections list, comparisons) and start the workers,
        which warm themselves in parallel: the first requests do not wait for them."""
        default_corpus()
        with self._lock:
            while len(self._idle) + len(self._busy) < self.workers and not self._closed:
                self._idle.append(self._new_worker())

    def _new_worker(self) -> Worker:
        return Worker(self.handler, memory_mb=self.memory_mb, warm=_warm)

    @contextmanager
    def admit(self, client: str):
        """A place for one request from `client`, taken before its body is read; busy errors otherwise."""
        with self._lock:
            if self.per_client is not None and self._clients.get(client, 0) >= self.per_client:
                raise ClientBusyError(f"this client already has {self.per_client} check(s) running or waiting",
                                      hint=f"wait for them to finish, then try again in {self.retry_after} seconds")
            if not self.capacity.acquire(blocking=False):
                raise ServiceBusyError("the server is busy checking other documents",
                                       hint=f"try again in {self.retry_after} seconds")
            self._clients[client] = self._clients.get(client, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self.capacity.release()
                left = self._clients.pop(client) - 1
                if left:
                    self._clients[client] = left

    async def _take(self, client: str | None) -> Worker:
        share = max(1, self.workers - 1) if client is not None else self.workers
        while True:
            with self._lock:
                if self._closed:
                    raise ServiceBusyError("the server is shutting down", hint="try again shortly")
                if self._running.get(client, 0) >= share:
                    worker = None
                elif self._idle:
                    worker = self._idle.pop()
                elif len(self._idle) + len(self._busy) < self.workers:
                    worker = self._new_worker()
                else:
                    worker = None
                if worker is not None:
                    self._busy.add(worker)
                    self._running[client] = self._running.get(client, 0) + 1
                    return worker
            await asyncio.sleep(0.01)  # queue time: not counted against the document's limit

    async def run(self, *args, client: str | None = None, seconds: float | None = None):
        """The check in a worker; `seconds` replaces the usual time limit (an OCR job's, sized to its pages)."""
        worker = await self._take(client)
        try:
            return await worker.acall(*args, seconds=seconds or self.timeout)
        except BaseException:
            if isinstance(sys.exc_info()[1], (asyncio.CancelledError, KeyboardInterrupt)):
                worker.kill()  # the request is gone (client left, server stopping): so is its work
            raise
        finally:
            with self._lock:
                self._busy.discard(worker)
                left = self._running.pop(client) - 1
                if left:
                    self._running[client] = left
                if worker.alive and not self._closed:
                    self._idle.append(worker)
                elif worker.alive:
                    worker.kill()
                elif not self._closed:  # killed at a limit: its replacement starts warming now
                    self._idle.append(self._new_worker())

    def shutdown(self) -> None:
        """Stop every worker, busy ones included: a hostile check does not hold up the exit."""
        with self._lock:
            self._closed = True
            workers = list(self._idle) + list(self._busy)
            self._idle.clear()
        for w in workers:
            w.kill()
