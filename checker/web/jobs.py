"""Background jobs of the web service: a scanned upload read with OCR while the page follows it.

A form upload whose PDF has no text layer (E206) is not refused when OCR is on: its file moves
from the request's private directory into a job's own (`hold`), and the person is offered to read
it with OCR (or it starts at once: `Settings.ocr`). So is a PDF some of whose pages are pictures:
its report is shown at once, with the offer to read those pages. A started job waits for an OCR slot, then runs
in one of the `Runner`'s worker processes with a time limit sized to its pages; the worker writes
its progress ("ocr 3 12") to a file in the job's directory, read whenever the page asks.

Bounds: `max_jobs` jobs holding a file at once and `jobs_per_client` per client, each file counted
against the upload disk budget; at most `workers - 1` OCR jobs running (one with a single worker);
the worker's memory ceiling and a kill at the time limit, the OCR process group killed with it.
Ids are 32 random URL-safe characters (192 bits), the only way to reach a job. The file and every
OCR working file go when the job ends (done, failed, cancelled) or when an offer is not taken
within `job_keep_seconds`; a finished job's report (in memory only) is dropped that long after.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Awaitable, Callable

from checker.errors import (
    ClausecheckError,
    ClientBusyError,
    JobNotFoundError,
    LimitExceededError,
    ServiceBusyError,
)
from checker.progress import read_progress
from checker.result import Report
from checker.web.settings import Settings
from checker.web.uploads import DiskBudget, PrivateDir, UploadedFile

log = logging.getLogger("clausecheck.web")
PROGRESS_FILE = "progress"
GROUP_FILE = "ocr.group"
_ID = re.compile(r"[A-Za-z0-9_-]{32}")
LIVE = ("offered", "queued", "running")


@dataclass
class Job:
    id: str
    client: str
    filename: str
    pages: int
    seconds: float  # the whole time limit, sized to the pages
    directory: PrivateDir | None
    upload: UploadedFile | None
    password: str | None
    created: float
    state: str = "offered"  # offered -> queued -> running -> done | failed
    started: float | None = None
    finished: float | None = None
    pages_done: int = 0
    ocr_pages: int | None = None  # the pages OCR reads, as it counts them (only the pictures of a mixed PDF)
    stage: str | None = None
    report: Report | None = None
    error: ClausecheckError | None = None
    # A PDF only some of whose pages are pictures: its report without them, shown with the offer.
    partial: Report | None = None
    task: asyncio.Task | None = field(default=None, repr=False)

    def progress(self) -> tuple[str | None, int]:
        """The stage and the pages OCR has finished (never going back: the worker's file holds only
        its latest report, and reading after OCR starts the page count again)."""
        if self.directory is not None and self.state != "offered":
            stages = read_progress(os.path.join(self.directory.path, PROGRESS_FILE))
            done, total = stages.get("ocr", (0, 0))
            if total:
                self.ocr_pages = min(total, self.pages)
                self.pages_done = max(self.pages_done, min(done, self.total))
            if "check" in stages:
                self.pages_done = self.total
            if stages:
                self.stage = list(stages)[-1]
        if self.state == "done":
            return "done", self.total
        return self.stage, self.pages_done

    @property
    def total(self) -> int:
        return self.ocr_pages or self.pages

    def status(self, clock: float) -> dict:
        """What the page and the JSON API show: state, pages done of the total, time used and allowed."""
        stage, done = self.progress()
        elapsed = (self.finished or clock) - self.started if self.started is not None else 0.0
        body = {"id": self.id, "state": self.state, "document": self.filename, "stage": stage,
                "pages_done": done, "pages_total": self.total, "time_limit_seconds": round(self.seconds),
                "elapsed_seconds": round(elapsed, 1)}
        if self.error is not None:
            body["error"] = {"code": self.error.code, "message": self.error.problem,
                             **({"hint": self.error.hint} if self.error.hint else {})}
        return body


class JobStore:
    def __init__(self, settings: Settings, runner, upload_root: str, budget: DiskBudget, *,
                 enabled: bool, annotate: Callable[[Report], Awaitable[None]] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.runner = runner
        self.upload_root = upload_root
        self.budget = budget
        self.enabled = enabled
        self.annotate = annotate
        self.clock = clock
        self.limits = replace(settings.limits, ocr_seconds_per_page=settings.ocr_seconds_per_page)
        self.running_at_once = max(1, settings.workers - 1)
        # Finished jobs hold only a report in memory (~0.1-0.5 MB), dropped after `job_keep_seconds`;
        # beyond this many the oldest go first, however quickly a client makes them.
        self.max_finished = max(16, 4 * settings.max_jobs)
        self._slots: asyncio.Semaphore | None = None
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    # ---- taking a scan ------------------------------------------------------------------------
    def time_limit(self, pages: int) -> float:
        """The whole check's limit for a scan of `pages` pages: the usual one plus OCR's per page."""
        return self.settings.check_timeout + pages * self.settings.ocr_seconds_per_page

    def hold(self, request_dir: PrivateDir, upload: UploadedFile, *, pages: int, password: str | None,
             client: str, partial: Report | None = None) -> Job:
        """Keep a scanned upload for OCR: its file moves from the request's directory (removed
        when the request ends) into a new one of its own. Refused over the page or job limits."""
        self.sweep()
        s = self.settings
        if pages > s.ocr_max_pages:
            raise LimitExceededError(f"the scan has {pages} pages, over this server's limit of {s.ocr_max_pages} "
                                     "pages for OCR", hint="split the scan, or upload a text copy of the contract")
        with self._lock:
            live = [j for j in self._jobs.values() if j.state in LIVE]
            if sum(j.client == client for j in live) >= s.jobs_per_client:
                raise ClientBusyError(f"you already have {s.jobs_per_client} scan(s) waiting or being read",
                                      hint="wait for them to finish (or cancel one), then upload this one again")
            if len(live) >= s.max_jobs:
                raise ServiceBusyError("the server is reading as many scans as it can",
                                       hint=f"try again in a few minutes (at least {s.retry_after} seconds)")
            directory = PrivateDir(self.upload_root, self.budget)
            try:
                directory.reserve(upload.size)
                source = _current_path(upload.path)
                kept = UploadedFile(upload.field, upload.filename, os.path.join(directory.path, "upload"), upload.size)
                os.rename(source, kept.path)
            except BaseException:
                directory.remove()
                raise
            job = Job(secrets.token_urlsafe(24), client, upload.filename, pages, self.time_limit(pages), directory,
                      kept, password, self.clock(), partial=partial)
            self._jobs[job.id] = job
        return job

    def finished(self, report: Report, client: str) -> Job:
        """A job that is done already: a document the API asked to read in the background that
        turned out to have text (no file is kept, only the report)."""
        self.sweep()
        now = self.clock()
        job = Job(secrets.token_urlsafe(24), client, report.document["path"], report.document.get("pages") or 0,
                  0.0, None, None, None, now, state="done", started=now, finished=now, report=report)
        with self._lock:
            self._jobs[job.id] = job
        return job

    # ---- running ------------------------------------------------------------------------------
    def start(self, job: Job) -> Job:
        """Offered -> queued, with its task on the running loop; a started job is left as it is."""
        with self._lock:
            if job.state != "offered":
                return job
            job.state = "queued"
        job.task = asyncio.get_running_loop().create_task(self._run(job))
        return job

    async def _run(self, job: Job) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.running_at_once)
        try:
            async with self._slots:
                job.state, job.started = "running", self.clock()
                report = await self.runner.run(job.upload, self.limits, job.password, job.directory.path,
                                               client=job.client, seconds=job.seconds)
            if self.annotate is not None:
                await self.annotate(report)
            job.report, job.state, job.partial = report, "done", None
        except ClausecheckError as exc:
            job.error, job.state = exc, "failed"
        except asyncio.CancelledError:
            job.state = "failed"
            raise
        except Exception as exc:  # noqa: BLE001 — a bug; the type only, messages can quote the document
            log.error("internal error %s in an OCR job", type(exc).__name__)
            from checker.errors import ServiceError

            job.error, job.state = ServiceError("internal error; please report it"), "failed"
        finally:
            job.progress()  # the last pages seen, before the directory goes
            self._release(job)
            job.finished = self.clock()

    def _release(self, job: Job) -> None:
        """Remove the job's file and working files. When its worker was killed (time limit,
        cancel) its OCR process group may still run: it is killed first."""
        directory, job.directory, job.upload, job.password = job.directory, None, None, None
        if directory is not None:
            if job.state != "done":
                from checker.ingest.ocr import kill_group

                kill_group(os.path.join(directory.path, GROUP_FILE))
            directory.remove()

    # ---- finding, cancelling, expiring --------------------------------------------------------
    def get(self, job_id: str) -> Job:
        self.sweep()
        job = self._jobs.get(job_id) if _ID.fullmatch(job_id or "") else None
        if job is None:
            raise JobNotFoundError("no such job: it may have finished more than "
                                   f"{self.settings.job_keep_seconds / 60:.0f} minutes ago, or been cancelled",
                                   hint="upload the file again")
        return job

    def decline(self, job: Job) -> Job:
        """An offer to read a PDF's picture pages turned down: its file goes, its report stays."""
        with self._lock:
            if job.state != "offered" or job.partial is None:
                return job
            job.report, job.partial, job.state = job.partial, None, "done"
            job.started = job.finished = self.clock()
        self._release(job)
        return job

    async def cancel(self, job_id: str) -> None:
        job = self.get(job_id)
        with self._lock:
            self._jobs.pop(job.id, None)
        await self._stop(job)

    async def _stop(self, job: Job) -> None:
        if job.task is not None and not job.task.done():
            job.task.cancel()  # the runner kills the worker; `_run` removes the files
            try:
                await job.task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 — it is being thrown away
                pass
        self._release(job)

    def sweep(self) -> None:
        """Drop offers not taken and finished jobs older than `job_keep_seconds`, and the oldest
        finished ones beyond `max_finished`."""
        now, keep = self.clock(), self.settings.job_keep_seconds
        with self._lock:
            finished = sorted((j for j in self._jobs.values() if j.state in ("done", "failed") and j.finished),
                              key=lambda j: j.finished)
            old = [j for j in self._jobs.values()
                   if (j.state == "offered" and now - j.created > keep)
                   or (j.finished is not None and now - j.finished > keep)]
            seen = {j.id for j in old}
            old += [j for j in finished[:max(0, len(finished) - self.max_finished)] if j.id not in seen]
            for j in old:
                del self._jobs[j.id]
        for j in old:
            self._release(j)

    async def sweep_every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            self.sweep()

    async def aclose(self) -> None:
        """Server stopping: every job cancelled, its worker and OCR killed, its files removed."""
        with self._lock:
            jobs = list(self._jobs.values())
            self._jobs.clear()
        for job in jobs:
            await self._stop(job)


def _current_path(path: str) -> str:
    """The uploaded file as it is now: the worker that first read it gave it its extension."""
    if os.path.exists(path):
        return path
    folder, base = os.path.split(path)
    for name in os.listdir(folder):
        if name.startswith(base + "."):
            return os.path.join(folder, name)
    return path
