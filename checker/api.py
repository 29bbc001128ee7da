"""The library API: the CLI, the web app and batch audits all call these."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from checker import __version__
from checker.corpus import Corpus, load_corpus
from checker.document import Document
from checker.heap import collector_paused, freeze_once
from checker.ingest import Limits, load_document
from checker.result import Report

TOOL = {"name": "clausecheck", "version": __version__}
_BUILTIN: Corpus | None = None
SCREEN_CHARS = 200_000  # language and contract-likeness are judged on the opening of a long document


def default_corpus() -> Corpus:
    global _BUILTIN
    if _BUILTIN is None:
        # frozen before the collector is back: no collection walks it while it loads, nor after
        with collector_paused():
            _BUILTIN = load_corpus()
            freeze_once("corpus")  # it lives as long as the process (checker.heap)
    return _BUILTIN


def document_from_text(text: str, *, path: str = "<text>", markdown: bool = False) -> Document:
    """A Document from a string, cleaned and structured exactly like a .txt/.md file."""
    from checker.ingest.text import read_text
    from checker.structure import build_sections

    cleaned, pages = read_text(text.encode("utf-8"), markdown=markdown)
    doc = Document(path=path, format="md" if markdown else "txt",
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=cleaned.text,
                   offset_map=cleaned.offset_map, pages=pages, heading_hints=cleaned.heading_hints)
    build_sections(doc)
    return doc


def check_document(document: Document, corpus: Corpus | None = None, *, router: bool = False,
                   recall: bool = False) -> Report:
    """Check an ingested document. `router` also vets candidates with the trained classifier in
    models/router, `recall` lets concepts recognise unlisted words through the domain vectors in
    models/recall (both off by default, see models/README.md)."""
    from checker.engine import evaluate
    from checker.screening import screen_warnings

    corpus = corpus or default_corpus()
    t0 = time.perf_counter()
    findings = evaluate(document, corpus, router=router, recall=recall)
    return Report(
        tool=dict(TOOL),
        corpus={"name": corpus.name, "version": corpus.version, "sha256": corpus.sha256},
        document={"path": document.path, "sha256": document.sha256, "format": document.format,
                  "pages": document.pages},
        findings=findings,
        warnings=[*document.warnings, *screen_warnings(document.text[:SCREEN_CHARS])],
        timings={"engine_seconds": round(time.perf_counter() - t0, 4)},
    )


def check_file(path: str | Path, corpus: Corpus | None = None, *, password: str | None = None,
               ocr: bool = False, limits: Limits = Limits(), revisions: str | None = None,
               progress=None, recall: bool = False) -> Report:
    """Ingest `path` and check it against the corpus (the built-in pack by default).
    `revisions`: for a Word file with tracked changes, "accepted" (default) or "original".
    `progress(stage, done, total)` hears of pages read ("read"), OCR'd ("ocr") and the check ("check")."""
    with collector_paused():  # a check makes almost no reference cycles (checker.heap)
        t0 = time.perf_counter()
        document = load_document(path, password=password, ocr=ocr, limits=limits, revisions=revisions,
                                 progress=progress)
        t1 = time.perf_counter()
        if progress is not None:
            progress("check", 0, 1)
        report = check_document(document, corpus, recall=recall)
        if progress is not None:
            progress("check", 1, 1)
        # freed before the collector is back: its first collection then walks the report, not
        # every container of the document still alive in the young generation
        del document
    report.timings["ingest_seconds"] = round(t1 - t0, 4)
    return report


def check_text(text: str, corpus: Corpus | None = None, *, markdown: bool = False) -> Report:
    return check_document(document_from_text(text, markdown=markdown), corpus)
