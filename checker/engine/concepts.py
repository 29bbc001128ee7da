"""Concept matching over a whole document at once.

Every concept is compiled once into a regex over lemma text (terms) and one over surface text
(patterns). Each runs once over the document's units joined together, giving the set of units in
which the concept occurs; detectors are then set intersections, so a 300-page contract costs one
regex pass per concept, not one per concept per sentence.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from checker.corpus.model import Concept, ConceptGroup, Detector
from checker.nlp import lemma_strings


class ConceptIndex:
    def __init__(self, concepts: dict[str, Concept]):
        self.concepts = concepts
        self._lemma_re: dict[str, re.Pattern | None] = {}
        self._surface_re: dict[str, re.Pattern | None] = {}
        terms = sorted({t for c in concepts.values() for t in c.terms})
        lemmas = dict(zip(terms, lemma_strings(terms))) if terms else {}
        for name, c in concepts.items():
            alts = sorted({lemmas[t] for t in c.terms}, key=len, reverse=True)
            self._lemma_re[name] = (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
                                    if alts else None)
            self._surface_re[name] = re.compile("|".join(f"(?:{p})" for p in c.patterns)) if c.patterns else None


@lru_cache(maxsize=4096)
def _inline(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class UnitMatcher:
    """Which units each concept or inline pattern occurs in, for one document."""

    def __init__(self, index: ConceptIndex, surfaces: list[str], lemmas: list[str]):
        self.index = index
        self.surfaces = surfaces
        self.lemmas = lemmas
        self._surface_all = "\n".join(surfaces)
        self._lemma_all = "\n".join(lemmas)
        self._surface_starts = _starts(surfaces)
        self._lemma_starts = _starts(lemmas)
        self._cache: dict[str, frozenset[int]] = {}

    def units_with(self, member: str) -> frozenset[int]:
        hit = self._cache.get(member)
        if hit is not None:
            return hit
        found: set[int] = set()
        if member.startswith("re:"):
            found |= _scan(_inline(member[3:]), self._surface_all, self._surface_starts)
        else:
            lre = self.index._lemma_re.get(member)
            sre = self.index._surface_re.get(member)
            if lre is not None:
                found |= _scan(lre, self._lemma_all, self._lemma_starts)
            if sre is not None:
                found |= _scan(sre, self._surface_all, self._surface_starts)
        hit = frozenset(found)
        self._cache[member] = hit
        return hit

    def group(self, group: ConceptGroup) -> frozenset[int]:
        out: set[int] = set()
        for member in group:
            out |= self.units_with(member)
        return frozenset(out)

    def detector(self, detector: Detector, within: frozenset[int] | None = None) -> frozenset[int]:
        """Units in which every group of the detector occurs."""
        result = within
        for g in detector:
            units = self.group(g)
            result = units if result is None else result & units
            if not result:
                return frozenset()
        return result or frozenset()

    def groups_in(self, detector: Detector, units: set[int] | frozenset[int]) -> bool:
        """Every group occurs somewhere among `units` (not necessarily in one)."""
        return all(self.group(g) & units for g in detector)

    def groups_matched(self, detector: Detector, unit: int) -> int:
        return sum(1 for g in detector if unit in self.group(g))

    def first_match(self, group: ConceptGroup, unit: int) -> str | None:
        """The surface words of `unit` that satisfy `group`, for explanations."""
        text = self.surfaces[unit]
        for member in group:
            if member.startswith("re:"):
                m = _inline(member[3:]).search(text)
                if m:
                    return m.group(0)
            else:
                sre = self.index._surface_re.get(member)
                m = sre.search(text) if sre else None
                if m:
                    return m.group(0)
                lre = self.index._lemma_re.get(member)
                m = lre.search(self.lemmas[unit]) if lre else None
                if m:
                    return m.group(0)
        return None


def _starts(parts: list[str]) -> list[int]:
    starts, pos = [], 0
    for p in parts:
        starts.append(pos)
        pos += len(p) + 1
    return starts


def _scan(pattern: re.Pattern, text: str, starts: list[int]) -> set[int]:
    return {bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text)}
