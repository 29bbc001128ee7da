"""checker.isolation: a check in a worker process is bounded in time and memory and answers with a
coded error, and a worker past a limit is killed and replaced (issue 16, item 1)."""
from __future__ import annotations

import asyncio
import os
import time

import pytest

from checker.batch.errors import WorkerCrashError
from checker.errors import EmptyDocumentError, MemoryLimitError, TimeLimitError
from checker.isolation import Isolated, Worker


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _raise_coded(path: str) -> None:
    raise EmptyDocumentError("file is empty", path=path, hint="check that this is the right file")


def _crash(_: object) -> None:
    os._exit(3)


def _bug(_: object) -> None:
    raise KeyError("a parser bug")


@pytest.mark.parametrize("seconds", [0.5])
def test_isolation_time_limit_kills_the_worker(seconds):
    worker = Worker(_sleep)
    t0 = time.monotonic()
    with pytest.raises(TimeLimitError) as exc:
        worker.call(30, seconds=seconds, path="slow.txt")
    assert time.monotonic() - t0 < 5
    assert exc.value.code == "E214" and exc.value.line().startswith("E214 slow.txt: checking took longer than")
    assert not worker.alive and not worker.proc.is_alive()


def test_isolation_time_limit_starts_when_the_worker_takes_the_call():
    """The limit counts the work, not the wait for a worker to start and warm up."""
    worker = Worker(_sleep, warm=lambda: time.sleep(1.5))
    assert worker.call(0.1, seconds=1.0) == worker.proc.pid
    worker.close()


def test_isolation_memory_ceiling_is_a_coded_error_and_the_next_call_works():
    run = Isolated(_allocate, seconds=60, memory_mb=300)
    with pytest.raises(MemoryLimitError) as exc:
        run(1024)
    assert exc.value.code == "E215"
    assert run(10) == 10 * 1024 * 1024  # a fresh worker took over
    run.close()


def test_isolation_coded_errors_cross_unchanged():
    run = Isolated(_raise_coded, seconds=60, memory_mb=None)
    with pytest.raises(EmptyDocumentError) as exc:
        run("a.txt")
    assert exc.value.line() == "E203 a.txt: file is empty (check that this is the right file)"
    run.close()


def test_isolation_crash_and_bug_are_reported_not_fatal():
    run = Isolated(_crash, seconds=60, memory_mb=None)
    with pytest.raises(WorkerCrashError, match="exit code 3"):
        run("a.txt")
    run.close()
    run = Isolated(_bug, seconds=60, memory_mb=None)
    with pytest.raises(Exception, match="a parser bug") as exc:
        run("a.txt")
    assert type(exc.value).__name__ == "KeyError"
    run.close()


def test_isolation_async_call_leaves_the_event_loop_free():
    async def scenario():
        worker = Worker(_sleep)
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        t = asyncio.create_task(ticker())
        with pytest.raises(TimeLimitError):
            await worker.acall(30, seconds=1.0)
        t.cancel()
        return ticks

    assert asyncio.run(scenario()) >= 10
