"""Clauses that serve one protection do not, by themselves, address another.

Catalog elements are sometimes worded with another protection's terms: the ICE-neutrality freeze
names no-match actions and reverification, deferred-action support says the worker keeps their
job and seniority, the records-privacy rule names I-9s. A weakened finding whose every piece of
evidence is also evidence of a protection that the same sentences state more fully (more of its
elements found) is that other protection's clause read literally; it is reported missing (the
samples README convention; the calibration samples accept either answer there)."""
from __future__ import annotations

from checker.result import ElementState, Finding


def _found(f: Finding) -> int:
    return sum(1 for e in f.elements if e.status != "missing")


def _units(f: Finding) -> set[tuple[int, int]]:
    used = {e.evidence_index for e in f.elements if e.evidence_index is not None}
    return {(f.evidence[i].start, f.evidence[i].end) for i in used}


def resolve_overlaps(findings: list[Finding], missing_confidence: float) -> None:
    """Demote, in place, weakened findings that only restate a fuller finding's sentences."""
    stated = [(f, _units(f), _found(f)) for f in findings if f.status != "missing"]
    demote = []
    for f, units, found in stated:
        if f.status != "weakened" or not units or any(d.kind == "reversed" for d in f.deviations):
            continue  # a clause that reverses this protection addresses it, whoever else it serves
        if any(g is not f and g_found > found and units <= g_units for g, g_units, g_found in stated):
            demote.append(f)
    for f in demote:
        f.status = "missing"
        f.evidence, f.deviations = [], []
        f.elements = [ElementState(e.index, "missing") for e in f.elements]
        f.confidence = missing_confidence
