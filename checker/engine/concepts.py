"""Concept matching over a whole document at once.

Every concept is compiled once into a regex over lemma text (terms) and one over surface text
(patterns). Each runs once over the document's units joined together, giving the set of units in
which the concept occurs; detectors are then set intersections, so a 300-page contract costs one
regex pass per concept, not one per concept per sentence.
"""
from __future__ import annotations

import bisect
import re

from checker.corpus.model import Concept, ConceptGroup, Detector
from checker.corpus.patterns import alternation, compiled
from checker.engine.literals import required_literals
from checker.nlp import lemma_tokens


class ConceptIndex:
    """Concept terms as lemma sequences keyed by their first lemma (one pass over a document's
    tokens finds every term of every concept), and concept patterns as regexes compiled on first
    use: a document that never holds a pattern's required literals never pays for compiling it
    (about a thousand patterns; compiling them all was most of a short document's check)."""

    def __init__(self, concepts: dict[str, Concept]):
        self.concepts = concepts
        self._surface_re: dict[str, re.Pattern | None] = {}  # the concept's patterns as one, compiled on use
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        terms = sorted({t for c in concepts.values() for t in c.terms})
        lemmas = dict(zip(terms, (tuple(x) for x in lemma_tokens(terms)))) if terms else {}
        for name, c in concepts.items():
            seqs = {lemmas[t] for t in c.terms if lemmas[t]}
            for seq in seqs:
                self.by_first.setdefault(seq[0], []).append((seq, name))

    def has_patterns(self, name: str) -> bool:
        c = self.concepts.get(name)
        return bool(c is not None and c.patterns)

    def pattern_sources(self, name: str) -> tuple[str, ...]:
        """Each pattern of the concept alone (each gets its own literal prefilter)."""
        c = self.concepts.get(name)
        return c.patterns if c is not None else ()

    def surface_re(self, name: str) -> re.Pattern | None:
        """All the concept's patterns as one compiled regex (None when it has none)."""
        try:
            return self._surface_re[name]
        except KeyError:
            c = self.concepts.get(name)
            hit = self._surface_re[name] = compiled(alternation(c.patterns)) if c is not None and c.patterns else None
            return hit

    def term_hits(self, units: list[list[str]]) -> dict[str, set[int]]:
        """For each concept, the units whose lemmas contain one of its terms."""
        hits: dict[str, set[int]] = {}
        singles, single, pairs, multi = self._split_terms()
        for u, toks in enumerate(units):
            for tok in singles.intersection(toks):  # one-word terms: the unit's words some term is
                for name in single[tok]:
                    hits.setdefault(name, set()).add(u)
            if len(toks) < 2:
                continue
            for pair in pairs.intersection(zip(toks, toks[1:])):  # longer ones: their first two words
                for seq, name in multi[pair]:
                    k = len(seq)
                    if k == 2 or any(toks[i] == pair[0] and toks[i + 1] == pair[1] and tuple(toks[i:i + k]) == seq
                                     for i in range(len(toks) - k + 1)):
                        hits.setdefault(name, set()).add(u)
        return hits

    def _split_terms(self):
        """by_first, split for sets to find a unit's terms in C: the first words of one-word terms,
        word -> their concepts, the first two words of longer terms, those two words -> (sequence,
        concept)."""
        split = self.__dict__.get("_split")
        if split is None:
            single: dict[str, list[str]] = {}
            multi: dict[tuple[str, str], list] = {}
            for first, entries in self.by_first.items():
                for seq, name in entries:
                    if len(seq) == 1:
                        single.setdefault(first, []).append(name)
                    else:
                        multi.setdefault(seq[:2], []).append((seq, name))
            split = self.__dict__["_split"] = (frozenset(single), single, frozenset(multi), multi)
        return split


def _inline(pattern: str) -> re.Pattern:
    return compiled(pattern)


def _source(member: str) -> tuple[str, ...]:
    return (member[3:],)


class UnitMatcher:
    """Which units each concept or inline pattern occurs in, for one document."""

    def __init__(self, index: ConceptIndex, surfaces: list[str], lemma_tokens):
        self.index = index
        self.surfaces = surfaces
        self._surface_all = _SEPARATOR.join(surfaces)
        self._surface_starts = _starts(surfaces)
        self._lengths = [len(x) for x in surfaces]
        self._term_hits = index.term_hits(lemma_tokens)
        self._cache: dict[str, frozenset[int]] = {}
        self._scans: dict[str, set[int]] = {}  # pattern source -> units (a pattern shared by concepts runs once)

    def units_with(self, member: str) -> frozenset[int]:
        hit = self._cache.get(member)
        if hit is not None:
            return hit
        found: set[int] = set()
        if member.startswith("re:"):
            found |= self._scan(member[3:])
        else:
            found |= self._term_hits.get(member, set())
            for part in self.index.pattern_sources(member):
                found |= self._scan(part)  # one pattern at a time: each gets its own literal prefilter
        hit = frozenset(found)
        self._cache[member] = hit
        return hit

    def text_has(self, concept: str, text: str) -> bool:
        """Whether `text` (lower-cased) holds the concept: its terms on lemmas, or its patterns."""
        sre = self.index.surface_re(concept)
        if sre is not None and sre.search(text):
            return True
        return concept in _terms_in(self.index, text)

    def detector_in_text(self, detector: Detector, text: str) -> bool:
        """Whether every group of `detector` occurs in a free text (lower-cased, normalized)."""
        def member(m: str) -> bool:
            if m.startswith("re:"):
                return _inline(m[3:]).search(text) is not None
            return self.text_has(m, text)
        return all(any(member(m) for m in group) for group in detector)

    def groups_in_text(self, detector: Detector, text: str) -> int:
        """How many of the detector's groups occur in a free text."""
        def member(m: str) -> bool:
            if m.startswith("re:"):
                return _inline(m[3:]).search(text) is not None
            return self.text_has(m, text)
        return sum(1 for group in detector if any(member(m) for m in group))

    def add_units(self, concept: str, units: set[int]) -> None:
        """Count `units` as holding `concept` (a term the document defines as that concept)."""
        self._term_hits.setdefault(concept, set()).update(units)
        self._cache.pop(concept, None)

    def _scan(self, source: str) -> set[int]:
        """Units in which the pattern `source` matches: through its literal prefilter when it has
        one (and compiled only when some unit holds one of its literals). Callers do not change it."""
        found = self._scans.get(source)
        if found is None:
            found = self._scans[source] = self._scan_once(source)
        return found

    def _scan_once(self, source: str) -> set[int]:
        literals = required_literals(source)
        if literals is None:
            return _scan(compiled(source), self._surface_all, self._surface_starts, self._lengths)
        text, starts = self._surface_all, self._surface_starts
        candidates: set[int] = set()
        for lit in literals:
            pos = text.find(lit)
            while pos != -1:
                i = bisect.bisect_right(starts, pos) - 1
                candidates.add(i)
                pos = text.find(lit, starts[i] + self._lengths[i] + 1) if i + 1 < len(starts) else -1
        return self._search(source, candidates, filtered=True) if candidates else set()

    def _search(self, source: str, units, filtered: bool = False) -> set[int]:
        """Those of `units` in which the pattern matches (a unit without one of the pattern's
        required literals cannot match; the pattern is compiled only if some unit has one).
        `filtered`: the units were found by those literals already."""
        literals = required_literals(source)
        surfaces = self.surfaces
        if literals is not None and not filtered:
            keep: set[int] = set()
            for lit in literals:
                keep.update([u for u in units if lit in surfaces[u]])
            units = keep
        if not units:
            return set()
        pattern = compiled(source)
        return {u for u in units if pattern.search(surfaces[u])}

    def _has_regex(self, member: str) -> bool:
        return member.startswith("re:") or self.index.has_patterns(member)

    def _member_in(self, member: str, units: frozenset[int]) -> set[int]:
        """`units_with(member) & units`, scanning only those units when the member needs a regex."""
        if member in self._cache or not self._has_regex(member):
            return set(self.units_with(member) & units)
        found = set(self._term_hits.get(member, set()) & units) if not member.startswith("re:") else set()
        parts = _source(member) if member.startswith("re:") else self.index.pattern_sources(member)
        for source in parts:
            pool = units - found
            if pool:
                found |= self._search(source, pool)
        return found

    def group(self, group: ConceptGroup, within: frozenset[int] | None = None) -> frozenset[int]:
        out: set[int] = set()
        for member in group:
            out |= self.units_with(member) if within is None else self._member_in(member, within)
        return frozenset(out)

    def detector(self, detector: Detector, within: frozenset[int] | None = None) -> frozenset[int]:
        """Units in which every group of the detector occurs. Groups found by lemma terms alone
        run first; regex groups then only search the units still in play (a whole-document regex
        scan costs ~15 ms per pattern on a 1 MB contract)."""
        groups = sorted(detector, key=lambda g: any(self._has_regex(m) for m in g))
        result = within
        for g in groups:
            result = self.group(g) if result is None else self.group(g, result)
            if not result:
                return frozenset()
        return result or frozenset()

    def pattern_starts(self, detector: Detector, unit: int) -> list[int]:
        """Where the detector's regular expressions match in `unit` (for reading what precedes them)."""
        text = self.surfaces[unit]
        out = []
        for group in detector:
            for member in group:
                pattern = (_inline(member[3:]) if member.startswith("re:")
                           else self.index.surface_re(member))
                m = pattern.search(text) if pattern is not None else None
                if m:
                    out.append(m.start())
        return out

    def groups_in(self, detector: Detector, units: set[int] | frozenset[int]) -> bool:
        """Every group occurs somewhere among `units` (not necessarily in one)."""
        units = frozenset(units)
        return all(self.group(g, units) for g in detector)

    def groups_matched(self, detector: Detector, unit: int) -> int:
        one = frozenset({unit})
        return sum(1 for g in detector if self.group(g, one))


# Units are scanned joined together. The separator keeps every pattern inside one unit, as if it
# ran on that unit alone: "\n" stops "." and anchors "^"/"$" (patterns compile with MULTILINE),
# ";" stops the "[^.;]" classes drafters of patterns use for "within the same clause".
_SEPARATOR = "\n;\n"


def _terms_in(index: ConceptIndex, text: str, _memo: dict = {}) -> dict[str, set[int]]:  # noqa: B006 - memo
    """Concept term hits of one short text (a definition's body), remembered per text."""
    key = (id(index), text)
    if key not in _memo:
        if len(_memo) > 4096:
            _memo.clear()
        _memo[key] = index.term_hits([lemma_tokens([text])[0]])
    return _memo[key]


def _starts(parts: list[str]) -> list[int]:
    starts, pos = [], 0
    for p in parts:
        starts.append(pos)
        pos += len(p) + len(_SEPARATOR)
    return starts


def _scan(pattern: re.Pattern, text: str, starts: list[int], lengths: list[int]) -> set[int]:
    """Units in which `pattern` matches; a match that starts in a separator (a lookahead-only
    pattern such as "^(?!...)" can) belongs to no unit."""
    found = set()
    for m in pattern.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if m.start() < starts[i] + lengths[i] or (lengths[i] == 0 and m.start() == starts[i]):
            found.add(i)
    return found
