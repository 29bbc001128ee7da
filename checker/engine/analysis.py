"""The per-document analysis every protection reads: units, their lemmas, the concept index,
passages and heading context. Built once per document (the NLP pass runs once)."""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from functools import cached_property

from checker.document import Document
from checker.engine.concepts import ConceptIndex, UnitMatcher
import re

from checker.document import Section
from checker.engine import language
from checker.engine.language import clause_around, normalize
from checker.engine.noncontract import INLINE_NOTE, blank, non_contract_spans
from checker.engine.segment import Unit, split_units
from checker.nlp import iter_lemma_tokens

# A section this short is read as one passage (scope and context may be satisfied anywhere in
# it); a longer one falls back to a window of neighbouring sentences. 2,500 characters holds the
# longest subsection of the calibration samples.
PASSAGE_MAX_CHARS = 2500
WINDOW = 2


def _expand_defined_terms(matcher: UnitMatcher, units: list[Unit]) -> None:
    """A term the document defines as an entity the lexicon knows stands for that entity wherever
    the document uses it ('"Agent" = any ICE ... officer', then "Co. will not consent to Agent entry")."""
    from checker.engine.definitions import EXPANDABLE, defined_terms

    texts = [u.text for u in units]
    expanding: list[tuple[str, int, list[str]]] = []
    for term, i, end in defined_terms(texts):
        body = normalize(_definition_body(texts[i][end:]))
        concepts = [c for c in EXPANDABLE if c in matcher.index.concepts and matcher.text_has(c, body)]
        if concepts:
            expanding.append((term, i, concepts))
    _expand_union_aliases(matcher, texts)
    if not expanding:
        return
    # one pass over the document for every term at once, not one per term (linear in length)
    users_of = _TermIndex([term for term, _, _ in expanding]).users(texts)
    for term, i, concepts in expanding:
        users = users_of.get(term, set()) - {i}
        for concept in concepts:
            matcher.add_units(concept, users)


# Concepts that name the union in their own patterns ("notify ... the union"): a sentence using the
# union's short name is read for them with "union" in its place.
UNION_WORDED = ("notice_to_union",)


def _expand_union_aliases(matcher: UnitMatcher, texts: list[str]) -> None:
    """'the United Farm Workers of America ("the UFW")': the union's own short name names the union
    wherever the document uses it ("The Contractor shall notify the UFW's field office ...")."""
    from checker.engine.definitions import term_pattern, union_aliases

    if "union" not in matcher.index.concepts:
        return
    terms = {term for text in texts if "(" in text for term in union_aliases(text)
             if not matcher.text_has("union", normalize(term))}
    for term in terms:
        pattern = term_pattern(term)
        users = {i for i, text in enumerate(texts) if pattern.search(text)}
        matcher.add_units("union", users)
        for concept in UNION_WORDED:
            if concept in matcher.index.concepts:
                matcher.add_units(concept, {i for i in users
                                            if matcher.text_has(concept, normalize(pattern.sub("union", texts[i])))})


# What a table's lead-in says of every row ("The Company shall grant the leaves listed in the table
# below"): the rows name the purposes, the lead-in the grant. Only these concepts are carried, and
# only from a binding lead-in, so a permissive one ("may be granted") never makes a row read strong.
TABLE_CARRIED = ("grant_verb", "leave")
_LEAD_IN = re.compile(r"\b(?:table|chart|schedule|below|following|as follows)\b", re.I)
_BINDING = re.compile(r"\b(?:shall|must|will|agrees? to|(?:is|are) entitled)\b", re.I)
_NOT_BINDING = re.compile(r"\b(?:may|might|discretion|endeavou?r|reasonabl\w*|practicable|possible|should)\b", re.I)
LEAD_IN_REACH = 6  # units before a table searched for its lead-in (a translation may sit between)


def _carry_table_lead_in(matcher: UnitMatcher, units: list[Unit]) -> None:
    """Every row of a table counts as holding the TABLE_CARRIED concepts of the binding sentence that
    introduces the table, so a row "| Immigration hearing | Worker and family | 5 paid days |" under
    "The Company shall grant the leaves listed in the table below" states the leave it grants."""
    i = 0
    n = len(units)
    while i < n:
        if not units[i].text.lstrip().startswith("|"):
            i += 1
            continue
        j = i
        while j < n and units[j].text.lstrip().startswith("|"):
            j += 1
        rows = set(range(i, j))
        carried: set[str] = set()
        for k in range(i - 1, max(-1, i - 1 - LEAD_IN_REACH), -1):
            text = units[k].text
            if text.lstrip().startswith("|") or units[k].heading:
                break
            if not _LEAD_IN.search(text):
                continue
            if not _BINDING.search(text) or _NOT_BINDING.search(text):
                carried = set()  # a permissive lead-in ("may be granted") grants nothing
                break
            # "The Grower shall grant the leaves listed in the table below. Leave in the table shall
            # not be counted as an absence ...": both sentences introduce the table
            carried.update(c for c in TABLE_CARRIED if k in matcher.units_with(c))
        for concept in carried:
            matcher.add_units(concept, rows)
        i = j


# a paragraph named after a section reference ("Art. VII ¶ 2", "Article 7, paragraph 2"), and the
# line that opens such a paragraph ("**¶ 2. Agents at the Project Site.**", "Paragraph 2.")
_PARAGRAPH_REF = re.compile(r"\s*,?\s*(?:¶|para(?:graph)?\.?)\s*(?P<n>\d+[a-z]?)\b", re.I)
_PARAGRAPH_OPEN = re.compile(r"(?m)^[\W_]{0,4}(?:¶|para(?:graph)?\.?)\s*(?P<n>\d+[a-z]?)\b", re.I)

# a line of a schedule that restates clauses by their labels ("C.1   Agency visit ...   2 hours")
# (three such lines inside one sentence: prose starts each labelled paragraph as a sentence of its own)
_SCHEDULE_LINE = re.compile(r"(?m)^[ \t]*(?:[A-Z]{1,2}[.-]\d{1,3}|\d{1,3}\.\d{1,3})[ \t]+\S")
SCHEDULE_MIN_ROWS = 3

_WORD_START = re.compile(r"(?<![\w.])[A-Z]\w*")


class _TermIndex:
    """Which defined terms occur in a text, found in one pass: every defined term starts with a
    capital letter that follows no word character or dot (`term_pattern`), so each such word of
    the text is looked up by the term's first word, and only those terms' patterns are tried there.
    Gives exactly the texts `term_pattern(term).search(text)` finds."""

    def __init__(self, terms: list[str]):
        from checker.engine.definitions import term_pattern

        self.by_head: dict[str, list[tuple[str, re.Pattern]]] = {}
        for term in dict.fromkeys(terms):
            head = re.match(r"\w*", term).group(0)
            self.by_head.setdefault(head, []).append((term, term_pattern(term)))

    def terms_in(self, text: str) -> set[str]:
        found: set[str] = set()
        by_head = self.by_head
        for m in _WORD_START.finditer(text):
            word = m.group(0)
            for head in (word, word[:-1]) if word.endswith("s") else (word,):
                for term, pattern in by_head.get(head, ()):
                    if term not in found and pattern.match(text, m.start()):
                        found.add(term)
        return found

    def users(self, texts: list[str]) -> dict[str, set[int]]:
        """term -> indexes of the texts that use it."""
        out: dict[str, set[int]] = {}
        for j, text in enumerate(texts):
            for term in self.terms_in(text):
                out.setdefault(term, set()).add(j)
        return out


def _definition_body(rest: str) -> str:
    """The words that define a term: up to the next quoted term being defined, or the sentence end."""
    nxt = re.search(r"\(\w\)\s*[\"“]|[\"“][A-Z][\w .-]{0,40}[\"”]\s*(?:=|means)", rest)
    end = nxt.start() if nxt else len(rest)
    stop = re.search(r"(?<![A-Z])\.\s+[A-Z(]", rest[:end])  # "U.S. Immigration" does not end it
    return rest[:stop.start() if stop else min(end, 400)]


# "DHS" in a state or county agreement that names its Department of Human Services and never Homeland
# Security is that department ("Union will receive copies from DHS of general information notices"):
# read, for matching only, as a word no immigration concept holds (same length, so offsets stay).
_HUMAN_SERVICES = re.compile(r"\b(?:department|dept\.?|office) of (?:health and )?human services\b", re.I)
_HOMELAND = re.compile(r"(?i:\bhomeland\b|\bimmigration\b|\bi-9\b)|\bICE\b")
_DHS = re.compile(r"\bdhs\b")


def _local_acronyms(text: str, surfaces: list[str]) -> list[str]:
    if not _HUMAN_SERVICES.search(text) or _HOMELAND.search(text):
        return surfaces
    return [_DHS.sub("hsd", s) if "dhs" in s else s for s in surfaces]


@dataclass
class Analysis:
    document: Document
    units: list[Unit]
    surfaces: list[str]
    matcher: UnitMatcher
    router: object | None = None  # checker.engine.router.Router when the trained router is on
    strength: object | None = None  # the corpus's strength lexicon (None: the built-in one)
    recalled: frozenset[int] = frozenset()  # units that hold a concept only through the recall layer

    @classmethod
    def build(cls, document: Document, index: ConceptIndex, router=None, recall=None) -> "Analysis":
        units = split_units(blank(document.text, non_contract_spans(document.text)))
        # a party's bracketed figure ("[Union: 12 hours]") stays in the quoted text but is read as blank
        surfaces = [INLINE_NOTE.sub(lambda m: " " * len(m.group(0)), normalize(u.text)) for u in units]
        surfaces = _local_acronyms(document.text, surfaces)
        lemmas = iter_lemma_tokens(u.text for u in units)  # read once, by the concept index
        if recall is not None:  # ...and a second time by the recall layer: kept
            lemmas = list(lemmas)
        matcher = UnitMatcher(index, surfaces, lemmas)
        _expand_defined_terms(matcher, units)
        _carry_table_lead_in(matcher, units)
        recalled = recall.expand(matcher, lemmas) if recall is not None else frozenset()
        return cls(document, units, surfaces, matcher, router, recalled=recalled)

    @cached_property
    def _starts(self) -> list[int]:
        return [u.start for u in self.units]

    def _paragraph_opening(self, unit: int) -> set[int]:
        """The first sentence of the paragraph (text between blank lines) the unit sits in: its run-in
        heading ("**If officers come with a warrant.** The Company shall ..."). Nothing when neither a
        blank line nor the document's start opens the paragraph within PASSAGE_MAX_CHARS."""
        text = self.document.text
        u = self.units[unit]
        start = text.rfind("\n\n", max(0, u.start - PASSAGE_MAX_CHARS), u.start)
        if start < 0 and u.start > PASSAGE_MAX_CHARS:
            return set()
        first = self.units_between(max(start, 0), u.start)
        return {first[0]} if len(first) else {unit}

    def _paragraph_after(self, unit: int) -> range:
        """The units after `unit` to the end of its paragraph, when `unit` opens a paragraph (the
        units whose `_paragraph_opening` it is)."""
        if self._paragraph_opening(unit) != {unit}:
            return range(0)
        text = self.document.text
        u = self.units[unit]
        end = text.find("\n\n", u.end, u.end + PASSAGE_MAX_CHARS)
        return self.units_between(u.end, end if end >= 0 else u.end + PASSAGE_MAX_CHARS)

    def units_between(self, start: int, end: int) -> range:
        a = bisect.bisect_left(self._starts, start)
        b = bisect.bisect_left(self._starts, end)
        return range(a, b)

    @cached_property
    def excluded(self) -> frozenset[int]:
        """Units that are never evidence: headings, tables of contents, and provisions that disclaim
        being contract terms ("Nothing in this Article creates any right or obligation under this
        Agreement")."""
        out = {u.index for u in self.units if u.heading}
        for a, b in self.document.toc_spans:
            out.update(self.units_between(a, b))
        text = self.document.text
        for u in self.units:  # a schedule restating the clauses' times by their labels: the clauses are the terms
            if len(_SCHEDULE_LINE.findall(text, u.start, u.end)) >= SCHEDULE_MIN_ROWS:
                out.add(u.index)
        for i, text in enumerate(self.surfaces):
            _, m = language.disclaimer(text, self.strength)
            if m:
                out.update(self.units_between(*self._disclaimed_span(i, m.group("what"))))
        return frozenset(out)

    def _disclaimed_span(self, unit: int, what: str) -> tuple[int, int]:
        """The provision a disclaimer names: its Article, Section or letter, else its own passage."""
        section = self.document.section_at(self.units[unit].start)
        kinds = {"article": ("article",), "section": ("section", "article"), "letter": ("side_letter",),
                 "appendix": ("appendix",)}.get(what, ())
        chain = [section, *self.document.ancestors(section)] if section else []
        target = next((s for s in chain if s.kind in kinds), section)
        if target is None:
            units = sorted(self.passage(unit))
            return self.units[units[0]].start, self.units[units[-1]].end
        return target.start, target.end

    def passage(self, unit: int) -> frozenset[int]:
        u = self.units[unit]
        section = self.document.section_at(u.start)
        best = None
        # The largest enclosing section that is still short: a list item "(b)" reads with its
        # siblings "(a)" and "(c)" of the same provision.
        while section is not None and section.end - section.start <= PASSAGE_MAX_CHARS:
            best = section
            section = self.document.sections[section.parent] if section.parent is not None else None
        if best is not None:
            return frozenset(self.units_between(best.start, best.end)) | {unit}
        lo, hi = max(0, unit - WINDOW), min(len(self.units), unit + WINDOW + 1)
        return frozenset(range(lo, hi))

    def context(self, unit: int) -> frozenset[int]:
        """The passage plus the headings above it (section chain and the nearest heading lines)."""
        out = set(self.passage(unit))
        out.update(self._paragraph_opening(unit))
        section = self.document.section_at(self.units[unit].start)
        chain = [section, *self.document.ancestors(section)] if section else []
        for s in chain:
            out.update(self.units_between(s.start, min(s.end, s.start + 1)))
        seen = 0
        for i in range(unit - 1, max(-1, unit - 40), -1):
            if self.units[i].heading:
                out.add(i)
                seen += 1
                if seen == 2:
                    break
        return frozenset(out)

    @cached_property
    def section_overrides(self) -> list[tuple[int, Section, str, bool, str]]:
        """Units that set a named section aside, with the section they name, the clause that does it,
        and whether that clause itself weakens ("Notwithstanding Section 8.4, the Employer may ...").
        A clause that only replaces the section ("This Side Letter supersedes Section 12.9") weakens
        through what its own provision says instead. The last field names the strength entry."""
        out = []
        for i, text in enumerate(self.surfaces):
            if i in self.excluded:
                continue
            entry, m = language.section_override(text, self.strength)
            if not m:
                continue
            lex = self.strength
            weakening = bool(language.permissive(text, lex=lex) or language.discretion(text, lex=lex)
                             or re.search(r"\bmay\b", text)  # any "may" in an override clause, whoever's
                             or language.global_override(text, lex)[1])  # "... nothing limits its right to"
            number = m.group("ref") or ""
            target = self._resolve(i, m.group(0), number)
            if target is not None:
                target = self._paragraph_of(target, text[m.end():])
                out.append((i, target, clause_around(self.units[i].text, m.start(), m.end()), weakening, entry.id))
        return out

    def _paragraph_of(self, target: Section, after: str) -> Section:
        """The numbered paragraph a reference names inside `target` ("Art. VII ¶ 2", "Article 7,
        paragraph 2") when the section tree does not hold it: the span from the line that opens
        that paragraph to the next paragraph of the same kind. The whole section when none opens it."""
        ref = _PARAGRAPH_REF.match(after)
        if ref is None:
            return target
        text = self.document.text
        opens = [o for o in _PARAGRAPH_OPEN.finditer(text, target.start, target.end)]
        for k, o in enumerate(opens):
            if o.group("n").lower() == ref.group("n").lower():
                end = opens[k + 1].start() if k + 1 < len(opens) else target.end
                return dataclasses.replace(target, start=o.start(), end=end)
        return target

    def _resolve(self, unit: int, phrase: str, number: str) -> Section | None:
        """The section a reference in `unit` names ("Section 12.9(a)", "Article 19", "paragraph 4")."""
        number = number.rstrip(".,;")
        if number.count(")") > number.count("("):  # "(Section 8.4)": the closing bracket is not the number's
            number = number[:-1]
        found = re.search(r"(section|article|§|sec\.|art\.|paragraph)", phrase)
        word = found.group(1) if found else "section"
        context = self.document.section_at(self.units[unit].start)
        for kind in (word, "section", "article"):  # "paragraph 4" is often numbered as a section
            target = self.document.resolve(f"{kind} {number}", context=context)
            if target is not None:
                return target
        # "Section 14.6(a)" where the tree holds 14.6 but not its item (a): the section that holds it
        whole = re.sub(r"(?:\([^()]*\))+$", "", number)
        if whole and whole != number:
            return self._resolve(unit, phrase, whole)
        return None

    @cached_property
    def section_limits(self) -> list[tuple[int, int, int, str, str]]:
        """Provisions said to reach fewer people or situations ("Sections 22.5 through 22.8 apply to
        Regular Workers only"): the limiting unit, the span of text it limits, its clause and entry."""
        out = []
        for i, text in enumerate(self.surfaces):
            if i in self.excluded:
                continue
            for entry, m in language.section_limits(text, self.strength):
                first = self._resolve(i, m.group(0), m.group("a"))
                last = self._resolve(i, m.group(0), m.group("b")) if m.group("b") else first
                if first is not None and last is not None:
                    out.append((i, first.start, max(first.end, last.end), clause_around(text, m.start(), m.end()),
                                entry.id))
        return out

    @cached_property
    def global_overrides(self) -> list[tuple[int, str, str]]:
        """Units reserving a general right against the whole agreement ("nothing in this Agreement
        limits the Employer's right to ..."), with the clause that does it (in a list of reserved
        rights, the one item, not the whole list); a narrow legal-compliance carve-out is not one."""
        out = []
        for i, text in enumerate(self.surfaces):
            if i in self.excluded:
                continue
            entry, m = language.global_override(text, self.strength)
            if m and next(language.carve_outs(text, self.strength), None) is None:
                out.append((i, clause_around(text, m.start(), m.end()), entry.id))
        return out

    def anchor_zone(self, anchor) -> frozenset[int] | None:
        """A superset of the units whose context (passage and headings above) holds the anchor, so
        detectors search only there. None when there is no anchor (search everywhere)."""
        if not anchor:
            return None
        hit = self._zones.get(anchor)
        if hit is not None:
            return hit
        zone: set[int] = set()
        spanned: set[tuple[int, int]] = set()  # sections already added: each once, not once per hit
        for y in self.matcher.detector(anchor):
            zone |= self.passage(y)
            zone.update(range(max(0, y - WINDOW), min(len(self.units), y + WINDOW + 1)))
            zone.update(self._paragraph_after(y))  # the opening of a paragraph is context for all of it
            if self.units[y].heading or self.document.section_at(self.units[y].start) is not None:
                # a heading (or a section's first line) anchors what follows it
                section = self.document.section_at(self.units[y].start)
                if section is not None and (section.start, section.end) not in spanned:
                    spanned.add((section.start, section.end))
                    zone.update(self.units_between(section.start, section.end))
                zone.update(range(y, min(len(self.units), y + 41)))
        hit = self._zones[anchor] = frozenset(zone)
        return hit

    @cached_property
    def _zones(self) -> dict:
        return {}

    @cached_property
    def term_definitions(self) -> list[tuple[str, int]]:
        """Every quoted definition: the defined term and the unit defining it."""
        from checker.engine.definitions import defined_terms

        return [(term, i) for term, i, _ in defined_terms([u.text for u in self.units])]

    @cached_property
    def _term_index(self) -> "_TermIndex":
        return _TermIndex([term for term, _ in self.term_definitions])

    @cached_property
    def _definers(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for term, i in self.term_definitions:
            out.setdefault(term, []).append(i)
        return out

    def definitions_used(self, unit: int) -> frozenset[int]:
        """The units defining the terms `unit` uses ("the Company" defined as "its managers, security
        contractors ..."): what the sentence says includes what its terms were defined to mean."""
        terms = self._term_index.terms_in(self.units[unit].text)
        return frozenset(i for term in terms for i in self._definers[term] if i != unit)

    @cached_property
    def definitions(self):
        """Defined terms whose definitions narrow them (checker.engine.definitions)."""
        from checker.engine.definitions import narrowing_definitions

        def provision_text(i: int) -> str:
            section = self.document.section_at(self.units[i].start)
            if section is None or section.end - section.start > PASSAGE_MAX_CHARS:
                return " ".join(self.units[j].text for j in range(i, min(len(self.units), i + 3)))
            return " ".join(self.units[j].text for j in self.units_between(section.start, section.end))

        return narrowing_definitions([u.text for u in self.units], provision_text, self.strength)

    def section_label(self, unit: int) -> tuple[str | None, str | None]:
        section = self.document.section_at(self.units[unit].start)
        if section is None:
            return None, None
        return (section.key or section.number or None), (section.heading or None)
