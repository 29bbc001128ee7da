"""An audit run: inputs → (skip | duplicate | task) → executor → results database, exactly once each."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from checker.batch.errors import ResultsDatabaseError, UnreadableFileError, WorkerCorpusError
from checker.ingest import file_sha256
from checker.batch.store import ResultsDB
from checker.batch.worker import base_record, error_record, make_task
from checker.errors import MissingFileError, UnreadablePathError
from checker.ingest import Limits, unreadable_path


@dataclass
class AuditOptions:
    corpus_dir: str | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)
    # Hard wall-clock cap per document (local pool only): twice the ingest deadline leaves the
    # engine as long as reading took, which covers every real contract we have measured.
    timeout: float = 600.0
    # RLIMIT_AS per local worker. The engine with spaCy loaded maps ~1 GB; 4 GB is ~3x the peak
    # we measured on a 231-page contract, and two workers still fit a 24 GB machine with room.
    max_memory_mb: int | None = 4096
    scheduler: str | None = None  # None: local processes; "local": Dask LocalCluster; else an address
    dask_processes: bool = True
    retry_errors: bool = False


@dataclass
class AuditStats:
    run_id: int
    inputs: int
    audited: int = 0
    skipped: int = 0
    duplicates: int = 0
    errors: int = 0  # documents recorded as errors by this run
    failed: int = 0  # inputs whose record (new or kept from an earlier run) is an error
    removed: int = 0  # earlier records whose file was gone when this run started
    seconds: float = 0.0
    status: str = "running"

    @property
    def done(self) -> int:
        return self.audited + self.skipped + self.duplicates

    def counts(self) -> dict:
        return {"audited": self.audited, "skipped": self.skipped, "duplicates": self.duplicates, "errors": self.errors}


Progress = Callable[[AuditStats, dict | None], None]


def run_audit(paths: list[str], db_path: str, options: AuditOptions | None = None, *,
              progress: Progress | None = None) -> AuditStats:
    """Audit every path into the results database at `db_path`; resumable and idempotent.

    `progress(stats, record)` is called after each input is settled (record is None for a skip).
    Raises ResultsDatabaseError, CorpusError, ConfigError; never for a bad document."""
    from checker.api import default_corpus
    from checker.corpus import load_corpus

    options = options or AuditOptions()
    corpus = load_corpus(options.corpus_dir) if options.corpus_dir else default_corpus()
    corpus_id = {"name": corpus.name, "version": corpus.version, "sha256": corpus.sha256}
    corpus_dir = os.path.abspath(options.corpus_dir) if options.corpus_dir else None
    db = ResultsDB(db_path)
    executor = "local" if options.scheduler is None else f"dask:{options.scheduler}"
    stats = AuditStats(run_id=db.begin_run(corpus_id, executor=executor, inputs=len(paths)), inputs=len(paths))
    stats.removed = db.mark_removed(corpus.sha256)  # records of files gone since they were audited
    waiting: dict[str, list[str]] = {}  # sha256 → further paths with the same bytes, queued once
    t0 = time.perf_counter()

    def settle(rec: dict | None, *, duplicate_of: str | None = None) -> None:
        if rec is not None:
            db.save(rec, stats.run_id, duplicate_of=duplicate_of)
            if duplicate_of:
                stats.duplicates += 1
            else:
                stats.audited += 1
            stats.errors += rec["status"] == "error"
            stats.failed += rec["status"] == "error"
        else:
            stats.skipped += 1
        if progress:
            progress(stats, rec)

    def tasks() -> Iterator[dict]:
        for path in paths:
            # Another audit running on this database has this path: it does it, this run skips it.
            if not db.claim(path, corpus.sha256, stats.run_id):
                settle(None)
                continue
            probe = {"path": path, "sha256": "", "corpus_sha256": corpus.sha256}
            try:
                unreadable_path(path)  # a symlink loop, an unreadable folder (from the walk) or file
            except UnreadablePathError as exc:
                settle(error_record(probe, exc))
                continue
            try:
                sha = file_sha256(path)
            except FileNotFoundError:
                settle(error_record(probe, MissingFileError("file not found", path=path, hint="check the path and spelling")))
                continue
            except IsADirectoryError:
                settle(error_record(probe, MissingFileError("is a directory, not a file", path=path)))
                continue
            except OSError as exc:
                settle(error_record(probe, UnreadableFileError(f"cannot open the file ({exc.strerror})", path=path,
                                                               hint="check its permissions")))
                continue
            prior = db.done(path, corpus.sha256)
            if prior is not None and prior["sha256"] == sha and not (options.retry_errors and prior["status"] == "error"):
                if prior["removed_at"]:  # back where it was, unchanged
                    db.unmark_removed(path, corpus.sha256)
                stats.failed += prior["status"] == "error"
                settle(None)
                continue
            if sha in waiting:
                waiting[sha].append(path)
                continue
            twin = db.record_by_hash(sha, corpus.sha256)
            if twin is not None and twin["path"] != path:
                settle(_as_duplicate(twin, path), duplicate_of=twin["path"])
                continue
            waiting[sha] = []
            yield make_task(path, sha, corpus_dir, corpus.sha256, options.limits)

    def on_result(rec: dict) -> None:
        err = rec.get("error") or {}
        if str(err.get("code", "")).startswith("E1"):  # the corpus, not the document: stop the run
            raise WorkerCorpusError(err["message"])
        settle(rec)
        for other in waiting.pop(rec["sha256"], []):
            settle(_as_duplicate(rec, other), duplicate_of=rec["path"])

    status = "interrupted"
    try:
        if options.scheduler is None:
            from checker.batch.pool import run_local

            run_local(tasks(), on_result, jobs=options.jobs, timeout=options.timeout,
                      max_memory_mb=options.max_memory_mb)
        else:
            from checker.batch.cluster import run_dask

            run_dask(tasks(), on_result, scheduler=options.scheduler, jobs=options.jobs,
                     processes=options.dask_processes)
        status = "finished"
    except BaseException:
        failing = True
        raise
    else:
        failing = False
    finally:
        stats.seconds = time.perf_counter() - t0
        stats.status = status
        try:
            db.finish_run(stats.run_id, status, stats.counts(), stats.seconds)
        except ResultsDatabaseError:
            if not failing:  # e.g. a full disk: the error that stopped the run is the one to report
                raise
        finally:
            db.close()
    return stats


def _as_duplicate(rec: dict, path: str) -> dict:
    """`rec` (same bytes) re-addressed to `path`."""
    dup = dict(base_record({"path": path, "sha256": rec["sha256"], "corpus_sha256": rec["corpus_sha256"]}))
    dup.update(format=rec.get("format"), pages=rec.get("pages"), status=rec["status"], error=rec.get("error"),
               timings={})
    if rec.get("report") is not None:
        report = dict(rec["report"])
        report["document"] = dict(report["document"], path=path)
        dup["report"] = report
    if dup["error"]:
        dup["error"] = dict(dup["error"], message=dup["error"]["message"].replace(rec["path"], path))
    return dup
