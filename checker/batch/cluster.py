"""The same worker function on a Dask cluster (optional extra `clausecheck[dask]`)."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from checker.batch.errors import WorkerCrashError
from checker.batch.worker import audit_one, error_record
from checker.errors import ConfigError


def run_dask(tasks: Iterator[dict], on_result: Callable[[dict], None], *, scheduler: str, jobs: int,
             processes: bool = True) -> None:
    """`scheduler` is a `tcp://host:port` address, or "local" for a LocalCluster of `jobs` workers.

    At most two tasks per worker are in flight, so memory stays bounded for any number of files.
    Dask cannot kill one running task: the per-document time limit is the ingest deadline here,
    and a worker that dies is retried by Dask, then recorded as E211 (KilledWorker)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError("the Dask executor needs dask.distributed",
                          hint="pip install 'clausecheck[dask]'") from None
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=processes,
                                   dashboard_address=None)
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
            task_of = {}
            n = 0

            def submit() -> bool:
                nonlocal n
                task = next(tasks, None)
                if task is None:
                    return False
                n += 1
                fut = client.submit(audit_one, task, key=f"clausecheck-audit-{n}-{task['sha256'][:16]}", pure=False)
                task_of[fut.key] = task
                pending.add(fut)
                return True

            for _ in range(window):
                if not submit():
                    break
            for fut in pending:
                task = task_of.pop(fut.key)
                try:
                    rec = fut.result()
                except Exception as exc:  # noqa: BLE001 — KilledWorker and friends: record, go on
                    rec = error_record(task, WorkerCrashError(
                        f"the Dask worker failed on this file ({type(exc).__name__}: {exc})", path=task["path"],
                        hint="inspect it alone with `clausecheck check`"))
                fut.release()
                on_result(rec)
                submit()
    finally:
        if cluster is not None:
            cluster.close()
