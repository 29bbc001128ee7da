"""Moving long-lived objects out of the cyclic garbage collector's sight, once per process."""
from __future__ import annotations

import gc
from contextlib import contextmanager

_FROZEN: set[str] = set()
_DEFERRED = False
_PAUSES = 0  # `collector_paused` blocks running
_WAS_ON = False  # the collector is turned on when the outermost of them ends


def freeze_once(what: str) -> None:
    """`gc.freeze()` the first time `what` (the built-in corpus, the warmed-up engine, Dask's
    modules) is loaded in this process. What is loaded then lives as long as the process: frozen, the
    cyclic collector no longer walks it at every full collection, the interpreter no longer takes it
    apart object by object at exit, and workers forked afterwards inherit it frozen. Measured: 0.02-0.03 s
    of the 0.2 s CPU of `clausecheck check` on a one-line file; on an audit of 6 real contracts,
    0.3-0.4 s less CPU of ~3.8 s with Dask's modules frozen, 0.04 s of ~2.9 s with local processes.
    Once per `what` and process, so a long-running server freezes only what it held the first time.
    A collection deferred by `defer_collection` resumes here: what it would have walked is frozen."""
    if what not in _FROZEN:
        gc.freeze()
        _FROZEN.add(what)
    resume_collection()


def defer_collection() -> None:
    """No cyclic collection until `freeze_once` or `resume_collection`: for a command's start-up,
    whose allocations (modules, the corpus read back from the cache) all live as long as the process.
    The collector would walk them dozens of times before they are frozen, for no garbage: on a
    one-line `clausecheck check`, 68 collections and 10-15 ms of its ~0.19 s CPU; 30 and ~4 ms
    deferred from the command's dispatch to the corpus's freeze (the rest is `import click`, before
    it). Only if the collector is on (a caller's `gc.disable()` stays theirs)."""
    global _DEFERRED
    if gc.isenabled():
        gc.disable()
        _DEFERRED = True


def resume_collection() -> None:
    """End a `defer_collection`, if one is on."""
    global _DEFERRED, _WAS_ON
    if _DEFERRED:
        _DEFERRED = False
        if _PAUSES:  # a `collector_paused` block is running: it turns the collector on when it ends
            _WAS_ON = True
        else:
            gc.enable()


@contextmanager
def collector_paused():
    """The cyclic garbage collector off while one document is read and checked, back on after.

    A check allocates hundreds of thousands of containers (pages, lines, units, token lists, matches)
    that live until its report is made, and almost none of them in reference cycles: freed by their
    reference counts, not by the collector. With the collector on, each 700 allocations start a
    collection that walks the young containers, and the large ones (the document's lines, a page of
    units) are walked again at every second-generation collection although they are still alive.
    Measured: 85-116 collections per check of a 70-150-page PDF, 0.02-0.03 s of thread CPU that find
    almost nothing to free (a few hundred objects). The few cycles a check does leave are collected
    by the next collection after it. Nested or concurrent uses leave the collector as the outermost
    one found it, and a `defer_collection` that ends inside the block takes effect when it ends."""
    global _PAUSES, _WAS_ON
    if _PAUSES == 0:
        _WAS_ON = gc.isenabled()
    _PAUSES += 1
    gc.disable()
    try:
        yield
    finally:
        _PAUSES -= 1
        if _PAUSES == 0 and _WAS_ON:
            gc.enable()
