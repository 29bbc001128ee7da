"""Find, verify and grade one protection in one analysed document."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from checker.corpus.model import Element, Protection
from checker.engine import checks
from checker.engine.analysis import Analysis
from checker.result import Deviation, ElementState, Evidence, Finding

# How much each kind of deviation counts against a candidate when choosing the passage that
# states an element best (the candidate with the fewest, least serious deviations wins), and the
# weakenings that reach an element from another sentence of the same provision: both declared by
# the checks themselves (checker.engine.checks).
_WEIGHT = checks.WEIGHTS
_CARRIED = checks.CARRIED
# Candidate sentences graded per element. The longest real contracts here give at most a few dozen;
# past this the most model-like are kept (a 1 MB hostile text took 16 s uncapped).
MAX_CANDIDATES = 60
# Sentences of the same provision cited beside an element's best one (more would bury it).
MAX_CITED = 3


@dataclass
class Candidate:
    unit: int
    deviations: list[Deviation] = field(default_factory=list)
    similarity: float = 0.0
    reversed: bool = False
    extra_units: list[int] = field(default_factory=list)  # overriding clauses cited with it

    @property
    def cost(self) -> float:
        return sum(_WEIGHT.get(d.kind, 1) for d in self.deviations) - self.similarity / 1000


@dataclass
class ElementResult:
    element: Element
    best: Candidate | None  # the passage that states the element best; None: not addressed
    candidates: list[Candidate] = field(default_factory=list)


def _dedupe(devs: list[Deviation]) -> list[Deviation]:
    seen, out = set(), []
    for d in devs:
        key = (d.kind, d.element, d.found)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _assess(el: Element, a: Analysis, unit: int, pid: str = "") -> Candidate:
    ctx = checks.Context(el, a, unit, pid)
    devs = [d for check in checks.SENTENCE for d in check.find(ctx)]
    sim = fuzz.token_set_ratio(ctx.text, el.description.lower())
    return Candidate(unit, _dedupe(devs), sim, extra_units=list(dict.fromkeys(ctx.cite)))


def _context_ok(el: Element, anchor, a: Analysis, unit: int) -> bool:
    ctx = None
    for required in (el.context, anchor):
        if required:
            ctx = ctx if ctx is not None else a.context(unit)
            if not a.matcher.groups_in(required, ctx):
                return False
    return True


def evaluate_element(el: Element, a: Analysis, anchor=(), pid: str = "") -> ElementResult:
    zone = a.anchor_zone(anchor)
    units: set[int] = set()
    for det in el.detect:
        units |= a.matcher.detector(det, zone)
    units = {u for u in units if u not in a.excluded and _context_ok(el, anchor, a, u)}
    if a.router is not None and pid:
        from checker.engine.router import VETO_BELOW

        units = {u for u in units if a.router.scores(u, a.units[u].text).get(pid, 1.0) >= VETO_BELOW}
    if len(units) > MAX_CANDIDATES:
        # a document that states one element hundreds of times (or a hostile one) is graded on the
        # sentences closest to the model wording, so a check stays bounded in time
        description = el.description.lower()
        units = set(sorted(units, key=lambda u: -fuzz.token_set_ratio(a.surfaces[u], description))[:MAX_CANDIDATES])
    cands = [_assess(el, a, u, pid) for u in sorted(units)]
    for u, dev in checks.BY_ID["reversed"].find(el, a, zone, lambda u: _context_ok(el, anchor, a, u)):
        cands.append(Candidate(u, [dev], reversed=True))
    if not cands:
        return ElementResult(el, None)
    # A clause that reverses the protection undercuts a stronger one elsewhere (LABELS.md).
    reversal = next((c for c in cands if c.reversed), None)
    best = min(cands, key=lambda c: c.cost)
    if reversal is not None and not best.reversed:
        best = reversal
    elif not best.reversed:
        # One provision often states an element over several sentences ("... shall reinstate the
        # employee. Reinstatement is subject to the Hotel's judgment ..."): a weakening in another
        # sentence of the same passage that also states the element weakens it too.
        passage = a.passage(best.unit)
        for c in cands:
            if c is not best and c.unit in passage:
                for d in c.deviations:
                    if d.kind in _CARRIED and all(d.found != x.found for x in best.deviations):
                        best.deviations.append(d)
                        best.extra_units.append(c.unit)
                # the provision's other sentences that state the element are cited with it
                if c.unit not in best.extra_units and len(best.extra_units) < MAX_CITED:
                    best.extra_units.append(c.unit)
    return ElementResult(el, best, cands)


def confidence_bin(status: str, results: list[ElementResult], devs: list[Deviation]) -> str:
    """The calibration bin of a finding: what the confidence table is keyed by."""
    if status == "missing":
        return "missing"
    if status == "matching":
        sims = [r.best.similarity for r in results if r.best is not None]
        low = min(sims) if sims else 0
        return "matching:high" if low >= 70 else "matching:mid" if low >= 55 else "matching:low"
    kinds = len({d.kind for d in devs})
    return f"weakened:{min(kinds, 3)}"


@lru_cache(maxsize=1)
def _calibration() -> dict[str, float]:
    path = Path(__file__).with_name("calibration.json")
    if not path.is_file():
        return {}
    return {k: v["confidence"] for k, v in json.loads(path.read_text())["bins"].items()}


def missing_confidence() -> float:
    return _calibration().get("missing", 0.5)


def _confidence(status: str, results: list[ElementResult], devs: list[Deviation]) -> float:
    """The share of findings in the same bin that were right on the labelled development set
    (checker/engine/calibration.json, written by tools/calibrate.py)."""
    return _calibration().get(confidence_bin(status, results, devs), 0.5)


def grade(protection: Protection, a: Analysis) -> Finding:
    results = [evaluate_element(el, a, protection.anchor, protection.id) for el in protection.elements]
    finding = Finding(protection.id, protection.title, protection.category, protection.severity,
                      "missing", 0.0, suggestion=protection.model_text)
    if all(r.best is None for r in results):
        finding.elements = [ElementState(el.index, "missing") for el in protection.elements]
        finding.confidence = _confidence("missing", results, [])
        return finding

    for res, unit, deviation in checks.BY_ID["override"].find(a, protection, results):
        res.best.deviations.append(deviation)
        res.best.extra_units.append(unit)

    evidence_units = _evidence_order(results)
    finding.evidence = [_evidence(a, u) for u in evidence_units]

    devs: list[Deviation] = []
    for res in results:
        el = res.element
        if res.best is None:
            finding.elements.append(ElementState(el.index, "missing"))
            devs.append(checks.BY_ID["missing_element"].find(el, protection.id))
            continue
        state = "weakened" if res.best.deviations else "matching"
        finding.elements.append(ElementState(el.index, state, evidence_units.index(res.best.unit)))
        devs.extend(res.best.deviations)
    finding.deviations = _dedupe(devs)
    finding.status = "weakened" if finding.deviations else "matching"
    finding.confidence = _confidence(finding.status, results, finding.deviations)
    return finding


def _evidence_order(results: list[ElementResult]) -> list[int]:
    """The units to cite, the one that decides the status first: the weakest element's passage
    (a reversal, else the most deviations), then the other elements' passages, then the clauses
    cited with them (an overriding exception, the provision's other sentences) in document order."""
    found = [r for r in results if r.best is not None]
    decisive = sorted(found, key=lambda r: (not r.best.reversed, -len(r.best.deviations), r.element.index))
    order: list[int] = []
    for r in decisive[:1] + sorted(decisive[1:], key=lambda r: r.best.unit):
        if r.best.unit not in order:
            order.append(r.best.unit)
    for u in sorted({u for r in found for u in r.best.extra_units}):
        if u not in order:
            order.append(u)
    return order


def _evidence(a: Analysis, unit: int) -> Evidence:
    u = a.units[unit]
    pos = a.document.position(u.start)
    section, heading = a.section_label(unit)
    return Evidence(u.text, section, heading, pos.page, pos.line, u.start, u.end)
