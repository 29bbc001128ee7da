"""Find, verify and grade one protection in one analysed document."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from checker.corpus.patterns import compiled
from checker.corpus.model import Element, Parameter, Protection
from checker.engine import language
from checker.engine.analysis import Analysis
from checker.engine.numbers import VAGUE_TIME, find_durations
from checker.result import Deviation, ElementState, Evidence, Finding

# How much each kind of deviation counts against a candidate when choosing the passage that
# states an element best: the candidate with the fewest, least serious deviations wins.
_WEIGHT = {"reversed": 5, "modality": 3, "discretion": 3, "missing_element": 3, "scope": 2,
           "parameter": 2, "hedge": 2}
# Weakenings that reach an element from another sentence of the same provision.
_CARRIED = ("modality", "hedge", "discretion")
# Candidate sentences graded per element. The longest real contracts here give at most a few dozen;
# past this the most model-like are kept (a 1 MB hostile text took 16 s uncapped).
MAX_CANDIDATES = 60
# Sentences of the same provision cited beside an element's best one (more would bury it).
MAX_CITED = 3
# A number counts for a parameter only this close to one of its cue words (characters).
CUE_DISTANCE = 140

# Words by which a sentence continues the clause before it rather than starting its own.
_POINTS_BACK = re.compile(r"\b(?:such|said)\b(?! as\b)|\b(?:this|that|the same|the|these)\s+(?:leave|time off|period|notice|"
                          r"release|absence|payment|benefit|right|protection)s?\b(?! of\b)|"
                          r"\bunder (?:this|the preceding|subsection|paragraph|item|\()")
_EXPECTED_MODAL = {"obligation": "a binding duty (shall / must / will)",
                   "prohibition": "a binding prohibition (shall not / may not / will not)"}


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


def _parameter(p: Parameter, el: Element, a: Analysis, unit: int, passage: frozenset[int]) -> list[Deviation]:
    cue_res = [compiled(c) for c in p.cues]
    # nearest first; at equal distance the sentence after (which usually completes the duty) wins
    order = [unit] + sorted(_same_clause(el, a, unit, passage) - {unit}, key=lambda i: (abs(i - unit), i < unit))
    values = []
    for i in order:
        text = a.surfaces[i]
        cue_pos = [m.start() for r in cue_res for m in r.finditer(text)]
        for d in find_durations(text):
            if cue_res and not any(abs(c - d.start) <= CUE_DISTANCE for c in cue_pos):
                continue
            if d.value == 0 and p.better == "higher":
                continue  # "forthwith notified ... the full contest period": a deadline, not the period's length
            values.append(d)
        if values:
            break
    model = f"{p.model:g} {p.unit}"
    better = "or fewer" if p.better == "lower" else "or more"
    if not values:
        if not p.required:
            return []
        vague = VAGUE_TIME.search(a.surfaces[unit])
        if vague:
            return [Deviation("hedge", el.index, f"a vague time ('{vague.group(0)}') instead of a number",
                              vague.group(0), f"within {model}"),
                    Deviation("parameter", el.index, f"no number of {p.unit} is stated; the model sets {model}",
                              vague.group(0), f"{model} {better}")]
        return [Deviation("parameter", el.index, f"no number of {p.unit} is stated; the model sets {model}",
                          "no time stated", f"{model} {better}")]
    pick = min(values, key=lambda d: d.to(p.unit)) if p.better == "lower" else max(values, key=lambda d: d.to(p.unit))
    got = pick.to(p.unit)
    worse = got > p.model + 1e-6 if p.better == "lower" else got < p.model - 1e-6
    if not worse:
        return []
    return [Deviation("parameter", el.index,
                      f"'{pick.text}' is about {got:.3g} {p.unit}, worse than the model's {model} ({'shorter' if p.better == 'lower' else 'longer'} is better)",
                      pick.text, f"{model} {better}")]


def _same_clause(el: Element, a: Analysis, unit: int, passage: frozenset[int]) -> frozenset[int]:
    """The sentences of `passage` a number may be charged from: those of the unit's own list item,
    and sibling items that state the element themselves. "(b) ... one-half shift ... to attend a
    naturalization ceremony" says nothing about the length of the hearing leave in "(a)"."""
    own = a.document.section_at(a.units[unit].start)
    if own is None or own.kind != "item":
        return passage
    clause = set(a.units_between(own.start, own.end))
    rest = passage - clause
    stating = {i for det in el.detect for i in a.matcher.detector(det, frozenset(rest))} if rest else set()
    # "(b) Up to three (3) workdays of such leave ... shall be paid": an item that points back
    # continues the clause
    stating |= {i for i in rest if _POINTS_BACK.search(a.surfaces[i])}
    return frozenset((passage & clause) | stating)


def _assess(el: Element, a: Analysis, unit: int) -> Candidate:
    text = a.surfaces[unit]
    passage = a.passage(unit)
    devs: list[Deviation] = []
    for f in language.permissive(text, el.allow):
        devs.append(Deviation("modality", el.index, f"'{f.found}' leaves the duty optional", f.found,
                              _EXPECTED_MODAL[el.strength]))
    for f in language.hedges(text, el.allow):
        devs.append(Deviation("hedge", el.index, f"'{f.found}' lets the duty give way", f.found, "an unconditional duty"))
    for f in language.discretion(text, el.allow):
        devs.append(Deviation("discretion", el.index, f"'{f.found}' leaves the duty to the employer's judgement",
                              f.found, "no employer discretion (a narrow 'except as required by law' is fine)"))
    for found in language.eligibility_limits(text):
        devs.append(Deviation("scope", el.index, f"'{found}' leaves part of the bargaining unit out", found,
                              "every bargaining-unit worker"))
    defined_by = a.definitions_used(unit)
    for n in el.narrowing:
        if a.matcher.detector(n.detect, frozenset({unit})) and not _defined_broadly(n, a, text, defined_by):
            devs.append(Deviation("scope", el.index, n.explain, n.found))
    covered = passage | {unit} | defined_by
    for s in el.scope:
        if not a.matcher.groups_in(s.requires, covered):
            devs.append(Deviation(s.kind, el.index, s.explain, None, s.expected))
    for p in el.parameters:
        devs.extend(_parameter(p, el, a, unit, passage))
    for d in a.definitions:
        if d.unit != unit and d.pattern.search(a.units[unit].text):
            devs.append(Deviation("scope", el.index,
                                  f"the definition of \"{d.term}\" narrows it ('{d.narrowing}')",
                                  d.narrowing, f"\"{d.term}\" covering everyone the model covers"))
    sim = fuzz.token_set_ratio(text, el.description.lower())
    return Candidate(unit, _dedupe(devs), sim)


def _defined_broadly(n, a: Analysis, text: str, defined_by: frozenset[int]) -> bool:
    """A narrowing read in the sentence alone ("ICE only") that the sentence's defined terms undo
    ('"ICE" means ICE, CBP, every other part of DHS and any local officer ...')."""
    if not defined_by:
        return False
    expanded = " ".join([text, *(a.surfaces[i] for i in sorted(defined_by))])
    return not a.matcher.detector_in_text(n.detect, expanded)


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
    cands = [_assess(el, a, u) for u in sorted(units)]
    for r in el.reversed:
        for u in sorted(a.matcher.detector(r.detect, zone)):
            if u in a.excluded or not _context_ok(el, anchor, a, u):
                continue
            starts = a.matcher.pattern_starts(r.detect, u)
            if starts and language.negated_at(a.surfaces[u], min(starts)):
                continue
            c = Candidate(u, [Deviation("reversed", el.index, r.explain, a.units[u].text[:160])], reversed=True)
            cands.append(c)
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


def _overrides(a: Analysis, protection: Protection,
               results: list[ElementResult]) -> list[tuple[ElementResult, int, str, str]]:
    """Exceptions stated elsewhere that reach an element's evidence: "Notwithstanding Section 8.4 ..."
    naming the evidence's section with a permissive or discretionary rule, or a general reservation
    of rights on the same subject."""
    hits = []
    for res in results:
        if res.best is None or res.best.reversed:
            continue
        ev_unit = res.best.unit
        ev_start = a.units[ev_unit].start
        limit = next(((i, clause) for i, start, end, clause in a.section_limits
                      if i != ev_unit and start <= ev_start < end), None)
        if limit is not None:
            hits.append((res, limit[0], limit[1], "scope"))
            continue
        for i, target, clause, weakening in a.section_overrides:
            if i == ev_unit or not target.start <= ev_start < target.end:
                continue
            # the exception must be about this element's subject, not just aimed at its article
            if weakening and any(a.matcher.groups_matched(det, i) >= min(2, len(det)) for det in res.element.detect):
                hits.append((res, i, clause, "discretion"))
                break
            # a provision that replaces the element's section weakens it with its own wording
            replacing = a.passage(i)
            weaker = [c for c in res.candidates if c.unit in replacing and c.unit != ev_unit
                      and any(d.kind != "missing_element" for d in c.deviations)]
            if weaker:
                for c in weaker:
                    res.best.deviations.extend(d for d in c.deviations if d.kind != "missing_element")
                    res.best.extra_units.append(c.unit)
                res.best.extra_units.append(i)
                break
        else:
            for i, clause in a.global_overrides:
                if i == ev_unit:
                    continue
                # a reservation "as the Contractor deems appropriate" needs less to reach the clause
                need = (lambda det: 2) if language.discretion(clause) else (lambda det: max(2, len(det) - 1))
                if any(len(det) >= 2 and a.matcher.groups_in_text(det, clause) >= need(det)
                       for det in res.element.detect):
                    hits.append((res, i, clause[:240], "discretion"))
                    break
    return hits


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

    for res, unit, clause, kind in _overrides(a, protection, results):
        res.best.deviations.append(Deviation(
            kind, res.element.index,
            "another provision limits who or what this clause covers" if kind == "scope"
            else "an exception elsewhere in the document overrides this clause", clause,
            "no exception that lets the employer set the protection aside"))
        res.best.extra_units.append(unit)

    evidence_units = _evidence_order(results)
    finding.evidence = [_evidence(a, u) for u in evidence_units]

    devs: list[Deviation] = []
    for res in results:
        el = res.element
        if res.best is None:
            finding.elements.append(ElementState(el.index, "missing"))
            devs.append(Deviation("missing_element", el.index, f"not found: {el.description}", None,
                                  el.description))
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
