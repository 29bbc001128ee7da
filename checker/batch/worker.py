"""One document in, one record out: the only function the local pool and Dask workers run.

A task is a plain dict of paths and numbers; the worker rebuilds (and caches) the corpus from its
directory, so nothing heavy is pickled and a Dask worker on another host needs only the files."""
from __future__ import annotations

import os
import time

from checker.errors import ClausecheckError
from checker.heap import freeze_once

_CORPORA: dict[str, object] = {}


def make_task(path: str, sha256: str, corpus_dir: str | None, corpus_sha256: str, limits) -> dict:
    from dataclasses import asdict

    return {"path": path, "sha256": sha256, "corpus_dir": corpus_dir, "corpus_sha256": corpus_sha256,
            "limits": asdict(limits)}


def corpus_for(corpus_dir: str | None):
    key = corpus_dir or ""
    if key not in _CORPORA:
        from checker.api import default_corpus
        from checker.corpus import load_corpus

        _CORPORA[key] = load_corpus(corpus_dir) if corpus_dir else default_corpus()
    return _CORPORA[key]


def warm(corpus_dir: str | None) -> None:
    """Load the corpus and import the engine and ingesters here, before worker processes are
    forked from this one: they then start with all of it in memory (copy-on-write) instead of
    each importing and loading it again on its first document."""
    try:
        from checker.engine import concept_index
        import checker.api  # noqa: F401 - imported for the children
        import checker.ingest.pdf  # noqa: F401
        import checker.ingest.text  # noqa: F401

        concept_index(corpus_for(corpus_dir))
    except Exception:  # noqa: BLE001 — only a head start: each worker reports a real problem itself
        pass
    freeze_once("engine")


def audit_many(tasks: list[dict]) -> list[dict]:
    """Several small documents in one Dask task: one round trip instead of one per document."""
    return [audit_one(task) for task in tasks]


def base_record(task: dict) -> dict:
    from checker.ingest import EXTENSIONS

    return {"path": task["path"], "sha256": task["sha256"], "corpus_sha256": task["corpus_sha256"],
            "format": EXTENSIONS.get(os.path.splitext(task["path"])[1].lower()), "pages": None,
            "status": "ok", "error": None, "report": None, "timings": {}}


def error_record(task: dict, exc: ClausecheckError, **timings) -> dict:
    rec = base_record(task)
    rec.update(status="error", error={"code": exc.code, "message": exc.line()}, timings=dict(timings))
    return rec


def audit_one(task: dict) -> dict:
    """Check one file; never raises for a bad document — its failure becomes the record."""
    from checker.api import check_file
    from checker.batch.errors import FileChangedError
    from checker.errors import CorruptDocumentError, LimitExceededError
    from checker.ingest import Limits

    t0 = time.perf_counter()
    rec = base_record(task)
    try:
        corpus = corpus_for(task["corpus_dir"])
        if corpus.sha256 != task["corpus_sha256"]:
            from checker.errors import CorpusError

            raise CorpusError([f"the clause corpus on this worker (sha256 {corpus.sha256[:12]}) differs from "
                               f"the audit's ({task['corpus_sha256'][:12]}); it changed during the run or the "
                               "worker sees other files"], path=task["corpus_dir"])
        report = check_file(task["path"], corpus, limits=Limits(**task["limits"]))
        if report.document.get("sha256") != task["sha256"]:
            raise FileChangedError("file changed while it was being audited", path=task["path"],
                                   hint="run the audit again once the file is stable")
        rec.update(format=report.document.get("format"), pages=report.document.get("pages"),
                   report=report.to_dict(), timings=dict(report.timings))
    except ClausecheckError as exc:
        rec = error_record(task, exc)
    except MemoryError:
        rec = error_record(task, LimitExceededError("ran out of memory checking the file", path=task["path"],
                                                    hint="raise the per-document memory limit (--max-memory)"))
    except Exception as exc:  # noqa: BLE001 — a parser or engine bug on one file must not stop the batch
        rec = error_record(task, CorruptDocumentError(f"unexpected {type(exc).__name__}: {exc}", path=task["path"],
                                                      hint="please report this with the file"))
    rec["timings"]["wall_seconds"] = round(time.perf_counter() - t0, 4)
    return rec
