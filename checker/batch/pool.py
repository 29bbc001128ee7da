"""A local process pool with per-document isolation: hard timeout, memory cap, crash recovery.

concurrent.futures cannot kill one stuck task or tell which task killed a worker, so each worker
here holds exactly one document at a time over its own pipe; a worker that overruns is SIGKILLed
and replaced, and a worker that dies is replaced, its document recorded as an error."""
from __future__ import annotations

import itertools
import multiprocessing as mp
import signal
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

from checker.batch.errors import DocumentTimeoutError, WorkerCrashError
from checker.batch.worker import audit_one, error_record, warm


def _worker_main(conn, max_memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    if max_memory_mb:
        import resource

        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(audit_one(task))


class _Slot:
    def __init__(self, ctx, max_memory_mb):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, max_memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.task: dict | None = None
        self.started = 0.0

    def give(self, task: dict) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def run_local(tasks: Iterator[dict], on_result: Callable[[dict], None], *, jobs: int, timeout: float,
              max_memory_mb: int | None = None) -> None:
    """Run every task; call `on_result` (in this process) once per task, in completion order."""
    # fork shares an already loaded engine copy-on-write; spawn where fork does not exist.
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    first = next(tasks, None)
    if first is None:
        return
    tasks = itertools.chain([first], tasks)
    if ctx.get_start_method() == "fork":
        warm(first["corpus_dir"])  # loaded once here, not once per worker
    slots = [_Slot(ctx, max_memory_mb) for _ in range(max(1, jobs))]
    exhausted = False
    try:
        while True:
            for i, s in enumerate(slots):
                if s.task is None and not exhausted:
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                    if not s.proc.is_alive():
                        s.kill()
                        slots[i] = s = _Slot(ctx, max_memory_mb)
                    s.give(task)
            busy = [s for s in slots if s.task is not None]
            if not busy:
                return
            now = time.monotonic()
            next_deadline = min(s.started + timeout for s in busy)
            ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy],
                             timeout=max(0.0, next_deadline - now)))
            for i, s in enumerate(slots):
                if s.task is None:
                    continue
                task = s.task
                if s.conn in ready or s.proc.sentinel in ready:
                    try:
                        rec = s.conn.recv() if s.conn.poll() else None
                    except (EOFError, OSError):
                        rec = None
                    if rec is not None:
                        s.task = None
                        on_result(rec)
                        continue
                    s.proc.join(5)  # the pipe closed: the worker is dying; collect its exit code
                    code = s.proc.exitcode
                    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    s.kill()
                    slots[i] = _Slot(ctx, max_memory_mb)
                    on_result(error_record(task, WorkerCrashError(
                        f"the worker process died while checking this file ({how})", path=task["path"],
                        hint="the file may crash a parser or exceed the memory limit; inspect it alone with `clausecheck check`")))
                elif time.monotonic() - s.started > timeout:
                    s.kill()
                    slots[i] = _Slot(ctx, max_memory_mb)
                    on_result(error_record(task, DocumentTimeoutError(
                        f"checking took longer than the {timeout:g} s per-document limit", path=task["path"],
                        hint="raise --timeout, or split the document"), wall_seconds=round(timeout, 4)))
    finally:
        for s in slots:
            try:
                if s.proc.is_alive() and s.task is None:
                    s.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for s in slots:
            s.proc.join(max(0.0, deadline - time.monotonic()) if s.task is None else 0)
            s.kill()
