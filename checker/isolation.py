"""Checking one document in a worker process that can be killed: every front end's bound on work.

A thread cannot be stopped and a regular expression holding the interpreter lock stops every
other thread, so `clausecheck check` and the web service hand each document to a `Worker`: a child
process with an address-space ceiling (RLIMIT_AS) that takes one call at a time over a pipe. The
wall clock starts when the worker takes the document (time spent waiting for a free worker is not
counted); a worker past it is SIGKILLed and replaced. Limits hit become coded errors: E214 (time),
E215 (memory); a worker that dies otherwise is E211. Batch audits use the same idea with their own
pool (`checker.batch.pool`)."""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal

from checker.errors import ClausecheckError, MemoryLimitError, TimeLimitError

_READY = "ready"


def _die_with_parent() -> None:
    """Linux: the kernel SIGKILLs this worker if the process that started it dies (SIGKILL included)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn, handler, memory_mb: int | None, warm) -> None:
    # A forked child inherits the parent's Python signal handlers (a web server's "shut down
    # gracefully" flag); here SIGTERM must simply end the process, and Ctrl-C is the parent's.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        signal.set_wakeup_fd(-1)
    except ValueError:
        pass
    _die_with_parent()
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if warm is not None:
        warm()
    conn.send(_READY)
    # The cyclic collector runs between calls, not during one: a check makes almost no reference
    # cycles (checker.heap.collector_paused), and a worker that checks one document and exits (the
    # CLI's) never has to walk the document's containers at all. Before each later call, one
    # collection frees what cycles the previous one left; after the first, what is left (the
    # modules and caches the first call loaded, which live as long as the worker) is frozen, so
    # that each later collection walks only what one call leaves, not everything loaded.
    gc.disable()
    served = 0
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        if served:
            gc.collect()
            if served == 1:
                gc.freeze()
        served += 1
        args, kwargs = call
        try:
            conn.send(("ok", handler(*args, **kwargs)))
        except ClausecheckError as exc:
            conn.send(("error", type(exc), dict(exc.__dict__)))
        except MemoryError:
            conn.send(("memory",))
            return  # the heap may be left huge and fragmented: a fresh worker takes the next call
        except Exception as exc:  # noqa: BLE001 — a parser bug on one file is reported, not fatal
            conn.send(("bug", type(exc).__name__, str(exc)[:300]))


def _rebuild(cls: type, state: dict) -> ClausecheckError:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    Exception.__init__(exc, exc.line())
    return exc


class Worker:
    """One child process running `handler` on one call at a time. `call` blocks (the CLI), `acall`
    awaits (the web). Forked where the platform can: the handler and what it holds (a loaded
    corpus) are inherited, not pickled; under spawn they must be module-level."""

    def __init__(self, handler, *, memory_mb: int | None = None, warm=None):
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, handler, memory_mb, warm), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.alive = True

    # ---- blocking -------------------------------------------------------------------------------
    def call(self, *args, seconds: float, path: str | None = None, **kwargs):
        """`handler(*args, **kwargs)` in the worker; TimeLimitError after `seconds` of work."""
        if not self.ready:
            self._take_ready(self.conn.poll(None))
        self.conn.send((args, kwargs))
        done = self.conn.poll(seconds)
        return self._outcome(done, seconds, path)

    # ---- asyncio --------------------------------------------------------------------------------
    async def acall(self, *args, seconds: float, path: str | None = None, **kwargs):
        if not self.ready:
            self._take_ready(await self._readable(None))
        self.conn.send((args, kwargs))
        return self._outcome(await self._readable(seconds), seconds, path)

    async def _readable(self, seconds: float | None) -> bool:
        """Wait without blocking the event loop until the pipe has a message or the worker died."""
        if self.conn.poll():
            return True
        import asyncio  # the web server's path only

        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
        try:
            return await asyncio.wait_for(ready, seconds)
        except (asyncio.TimeoutError, TimeoutError):
            return False
        finally:
            loop.remove_reader(fd)

    # ---- shared ---------------------------------------------------------------------------------
    def _take_ready(self, readable: bool) -> None:
        try:
            msg = self.conn.recv() if readable else None
        except (EOFError, OSError):
            msg = None
        if msg != _READY:
            self.kill()
            from checker.batch.errors import WorkerCrashError

            raise WorkerCrashError("the checking process failed to start",
                                   hint="check the memory limit (CLAUSECHECK_MAX_MEMORY_MB) and free memory")
        self.ready = True

    def _outcome(self, readable: bool, seconds: float, path: str | None):
        if not readable:
            self.kill()
            raise TimeLimitError(f"checking took longer than the {seconds:g} s limit", path=path,
                                 hint="split the document, or raise --max-seconds if it is a real contract")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            code = self.proc.exitcode
            self.kill()
            from checker.batch.errors import WorkerCrashError

            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            raise WorkerCrashError(f"the checking process died on this file ({how})", path=path,
                                   hint="the file may crash a parser or exceed the memory limit") from None
        kind = msg[0]
        if kind == "ok":
            return msg[1]
        if kind == "error":
            raise _rebuild(msg[1], msg[2])
        if kind == "memory":
            self.kill()
            raise MemoryLimitError("checking ran out of the memory allowed for one document", path=path,
                                   hint="split the document, or raise the memory limit if it is a real contract")
        # A bug, not the input: re-raised under its own name, as if it had happened here (the CLI
        # reports it as E204 "unexpected …", the web service as a bare 500).
        raise type(msg[1], (Exception,), {})(msg[2])

    def kill(self) -> None:
        self.alive = False
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def close(self, wait: float = 2.0) -> None:
        """Ask an idle worker to exit; kill it if it does not within `wait` seconds."""
        if self.alive:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(wait)
        self.kill()


class Isolated:
    """`fn(path)` run in a reused worker that is replaced after a limit killed it (the CLI's check)."""

    def __init__(self, fn, *, seconds: float, memory_mb: int | None):
        self.fn, self.seconds, self.memory_mb = fn, seconds, memory_mb
        self.worker: Worker | None = None

    def __call__(self, path: str):
        if "fork" not in mp.get_all_start_methods():  # a closure cannot cross spawn: no isolation there
            return self.fn(path)
        if os.environ.get("CLAUSECHECK_IN_PROCESS") == "1":  # under a debugger or profiler: no worker
            return self.fn(path)
        if self.worker is None or not self.worker.alive:
            self.worker = Worker(self.fn, memory_mb=self.memory_mb)
        return self.worker.call(path, seconds=self.seconds, path=path)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None


def default_memory_mb() -> int:
    """The per-document memory ceiling: CLAUSECHECK_MAX_MEMORY_MB, else `Limits.max_memory_mb`."""
    import os

    from checker.ingest import Limits

    value = os.environ.get("CLAUSECHECK_MAX_MEMORY_MB", "")
    return int(value) if value.isdigit() and int(value) > 0 else Limits().max_memory_mb
