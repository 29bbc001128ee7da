"""The checking engine: find each protection's elements, verify their strength, decide the status."""
from __future__ import annotations

from checker.corpus.model import Corpus
from checker.document import Document
from checker.engine import checks
from checker.engine.analysis import Analysis
from checker.engine.concepts import ConceptIndex
from checker.engine.grade import grade, missing_confidence
from checker.engine.overlap import resolve_overlaps
from checker.result import Finding

_INDEXES: dict[str, ConceptIndex] = {}


def concept_index(corpus: Corpus) -> ConceptIndex:
    """Compiled once per corpus (keyed by its content hash) and reused across documents."""
    idx = _INDEXES.get(corpus.sha256)
    if idx is None:
        idx = _INDEXES[corpus.sha256] = ConceptIndex(corpus.concepts)
    return idx


def evaluate(document: Document, corpus: Corpus, *, router: bool = False, recall: bool = False) -> list[Finding]:
    """One finding per protection of the corpus, in corpus (catalog) order. With `router`, the
    trained sentence classifier in models/router also vets each candidate sentence; with `recall`,
    the domain vectors in models/recall let concepts recognise unlisted words (checker.engine.recall)."""
    from checker.engine.router import Router

    index = concept_index(corpus)
    if recall:
        from checker.engine.recall import recall_for
    analysis = Analysis.build(document, index, Router() if router else None,
                              recall_for(index) if recall else None)
    analysis.strength = corpus.strength
    findings = [grade(p, analysis) for p in corpus.protections]
    resolve_overlaps(findings, missing_confidence())
    for check in checks.DOCUMENT:  # what other provisions defeat (checker.engine.enforceability)
        check.find(analysis, corpus.protections, findings)
    if analysis.recalled:
        from checker.engine.recall import discount

        discount(analysis, findings)
    return findings
