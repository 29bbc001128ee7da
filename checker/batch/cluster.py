"""The same worker function on a Dask cluster (optional extra `clausecheck[dask]`)."""
from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator

from checker.batch.errors import WorkerCrashError
from checker.batch.worker import audit_many, error_record, warm
from checker.errors import ConfigError
from checker.heap import defer_collection, freeze_once, resume_collection

# Small documents travel several to one Dask task (one scheduler round trip and one result message
# for all of them); a document this big takes long enough to hide a round trip and goes alone, so
# batches never leave a worker idle at the end of a run. 256 KB is about a 40-page text PDF.
BATCH_BYTES = 256 * 1024
BATCH_MAX = 8


def _batches(tasks: Iterator[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    size = 0
    for task in tasks:
        try:
            n = os.path.getsize(task["path"])
        except OSError:
            n = 0
        if batch and (size + n > BATCH_BYTES or len(batch) >= BATCH_MAX):
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += n
    if batch:
        yield batch


# Housekeeping a cluster of one machine running one batch does not need: the statistical profiler
# (a thread sampling every worker thread every 10 ms), and event-loop and system monitors ticking
# 50 and 2 times a second. Measured on 40 documents: 9.3 s of CPU for the whole audit instead of
# 11.8 s (local processes: 7.8 s).
_QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

# The scheduler's work stealing moves a task queued behind a long document on one worker to a
# worker that has run out of work. Dask looks every 1 s by default (100 ms until early 2025, raised
# for the network round trips of cloud clusters, which workers on one machine do not have): at the
# end of an audit, one of two workers could sit idle for up to a second while the other still had
# a document queued. Measured on 40 documents (3 runs each): the two workers' last documents ended
# 0.72-0.94 s apart with 1 s, 0.14-0.25 s with 100 ms (0.92 s once, a long document started last).
_STEALING = {"distributed.scheduler.work-stealing-interval": "100ms"}


def _local_cluster(jobs: int, processes: bool):
    """A LocalCluster whose worker processes are forked from this one where fork is safe (Linux):
    they start with the engine and corpus already loaded by `warm`, in a fraction of the time and
    CPU a fresh interpreter needs (measured: 0.18 s instead of 0.68 s to start two workers, 0.09 s
    of CPU instead of 0.97 s, 0.02 s instead of 0.19 s to close)."""
    import dask
    from dask.distributed import LocalCluster

    freeze_once("dask")  # before the workers are forked from this process
    settings = dict(_QUIET, **_STEALING)
    if processes and sys.platform.startswith("linux"):
        settings["distributed.worker.multiprocessing-method"] = "fork"
    with dask.config.set(settings):
        return LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=processes,
                            dashboard_address=None)


def run_dask(tasks: Iterator[dict], on_result: Callable[[dict], None], *, scheduler: str, jobs: int,
             processes: bool = True) -> None:
    """`scheduler` is a `tcp://host:port` address, or "local" for a LocalCluster of `jobs` workers.

    At most two tasks per worker are in flight, so memory stays bounded for any number of files.
    Dask cannot kill one running task: the per-document time limit is the ingest deadline here,
    and a worker that dies is retried by Dask, then recorded as E211 (KilledWorker). A task of
    several documents that fails is split and each document retried alone, so one bad file is
    recorded against itself only."""
    # Importing dask.distributed builds ~0.35 s of CPU worth of modules that live as long as the
    # process: no cyclic collection while it does, then frozen (checker.heap). Measured after the
    # corpus is loaded: 133 collections and 48-70 ms of CPU during the import, none when deferred.
    defer_collection()
    try:
        from dask.distributed import Client, as_completed

        freeze_once("dask")  # and the collector resumes
    except ImportError:
        raise ConfigError("the Dask executor needs dask.distributed",
                          hint="pip install 'clausecheck[dask]'") from None
    finally:
        resume_collection()  # whatever the import raised
    first = next(tasks, None)
    if first is None:
        return
    tasks = itertools.chain([first], tasks)
    cluster = None
    try:
        if scheduler == "local":
            warm(first["corpus_dir"])
            cluster = _local_cluster(jobs, processes)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc})",
                                  hint="check the address, or run with --scheduler local") from None
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            window = 2 * workers
            pending = as_completed()
            batch_of: dict[str, list[dict]] = {}
            batches = _batches(tasks)
            retry: list[list[dict]] = []  # documents of a failed batch, each to be tried alone
            n = 0

            def submit() -> bool:
                nonlocal n
                batch = retry.pop() if retry else next(batches, None)
                if batch is None:
                    return False
                n += 1
                fut = client.submit(audit_many, batch, key=f"clausecheck-audit-{n}-{batch[0]['sha256'][:16]}",
                                    pure=False)
                batch_of[fut.key] = batch
                pending.add(fut)
                return True

            for _ in range(window):
                if not submit():
                    break
            for fut in pending:
                batch = batch_of.pop(fut.key)
                try:
                    records = fut.result()
                except Exception as exc:  # noqa: BLE001 — KilledWorker and friends: record, go on
                    if len(batch) > 1:
                        retry.extend([task] for task in reversed(batch))
                        records = []
                    else:
                        records = [error_record(batch[0], WorkerCrashError(
                            f"the Dask worker failed on this file ({type(exc).__name__}: {exc})",
                            path=batch[0]["path"], hint="inspect it alone with `clausecheck check`"))]
                fut.release()
                for rec in records:
                    on_result(rec)
                while len(batch_of) < window and submit():
                    pass
    finally:
        if cluster is not None:
            cluster.close()
