"""Protections that read at full strength where they are stated but are defeated elsewhere.

Two post-grade passes over the document's sentences and the graded findings, registered as the
document-stage checks `defeated_elsewhere` and `cross_article` (checker/engine/checks/), which
checker.engine.evaluate runs once per document after every protection is graded:

- enforceability: a provision excluding a protection from the grievance or arbitration procedure
  (in the grievance article, the protection's own article or a side letter; naming it by Article
  or Section number, ranges included, by title, by "this Article / this Side Letter", or by a
  description of its subject), declaring it a statement of intent, advisory or not binding,
  ending it before the agreement's own term ends, or letting the employer alone suspend it;
- cross-article defeats: a definition or recognition clause limiting "employee" by Social
  Security number or work authorization (scope), a discharge rule for any identity or
  work-authorization discrepancy with no exception for corrections (reversed), a clause licensing
  any agency's access to facilities or records (reversed), a duty made subject to the employer's
  policies "as amended" (discretion).

The phrases are data (clause_corpus/strength/enforceability.yaml and cross_article.yaml: ids,
reasons, sentences each must and must not fire on); this module decides what each one reaches.
A reached finding becomes weakened; its deviation carries the phrase's id as `rule` and quotes the
defeating clause, and the defeating clause is cited as evidence after the protection's own."""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from checker.engine import defeater_model
from checker.engine.language import clause_around
from checker.result import Deviation, Evidence, Finding

CATEGORIES = ("enforceability", "cross_article")  # clause_corpus/strength/<category>.yaml

# What each enforceability entry is: how the report explains it.
HOW = {
    "enforceability.no_grievance_to_arbitration": "exclusion",
    "enforceability.not_subject_to_grievance": "exclusion",
    "enforceability.no_arbitrator_jurisdiction": "exclusion",
    "enforceability.excluded_from_grievance": "exclusion",
    "enforceability.arbitrator_cannot_reach": "exclusion",
    "enforceability.not_subject_to_this_article": "exclusion",
    "enforceability.outside_the_scope": "exclusion",
    "enforceability.no_recourse": "exclusion",
    "enforceability.no_jurisdiction": "exclusion",
    "enforceability.resolved_solely_elsewhere": "exclusion",
    "enforceability.stops_at_a_step": "exclusion",
    "enforceability.final_determination_elsewhere": "exclusion",
    "enforceability.nothing_enforceable": "exclusion",
    "enforceability.no_obligation": "non_binding",
    "enforceability.hortatory": "non_binding",
    "enforceability.not_mandatory": "non_binding",
    "enforceability.employer_may_hold_in_abeyance": "suspension",
    "enforceability.inoperative_at_employer_election": "suspension",
    "enforceability.suspended_by_employer": "suspension",
    "enforceability.employer_may_cease_to_comply": "suspension",
    "enforceability.grievance_does_not_include": "exclusion",
    "enforceability.not_part_of_agreement": "non_binding",
    "enforceability.goals_only": "non_binding",
    "enforceability.statement_of_intent": "non_binding",
    "enforceability.aspirational": "non_binding",
    "enforceability.advisory": "non_binding",
    "enforceability.not_binding": "non_binding",
    "enforceability.expires": "expiry",
    "enforceability.no_longer_due": "expiry",
    "enforceability.employer_may_suspend": "suspension",
    "enforceability.suspended_on_directive": "suspension",
    "enforceability.suspended_while_employer_sees_fit": "suspension",
}
HOW.update({f"learned_defeater.{label}": how for label, how in defeater_model.ENFORCEABILITY.items()})
EXPLAIN = {
    "exclusion": "excluded from the grievance and arbitration procedure",
    "non_binding": "declared non-binding",
    "expiry": "expires before the agreement does",
    "suspension": "the employer alone may suspend it",
}
EXPECTED = "a provision enforceable through the grievance and arbitration procedure for the whole term of the agreement"


def _finditer(category: str, text: str, veto=None) -> list:
    """(entry, match) for the category's entries over `text`, left to right and not overlapping,
    the earlier entry winning at a tie: what one alternation of them finds (the strength lexicon's
    examples are checked that way), searched entry by entry, which is several times faster.
    `veto(entry, match)`: a match it rejects is no match, and hides none after it ("Grievances under
    Article 19 shall terminate at Step 2": an expiry without a date is no expiry, the step limit stands)."""
    from checker.corpus.strength import builtin

    entries = builtin()[category]
    hits = sorted(((m.start(), i, m) for i, e in enumerate(entries) for m in e.finditer(text)),
                  key=lambda h: (h[0], h[1]))
    out, end = [], -1
    for start, i, m in hits:
        if start >= end and not (veto is not None and veto(entries[i], m)):
            out.append((entries[i], m))
            end = max(m.end(), start + 1)
    return out


def _candidates(a, category: str) -> list[int]:
    """The units the category's prefilter lets through, in one pass over the document: the units
    are searched as the text they make joined by line breaks, a window of them at a time (the whole
    joined text was a copy of the document held at the engine's peak of memory)."""
    from checker.corpus.strength import builtin

    key = f"_strength_candidates_{category}"
    found = a.__dict__.get(key)
    if found is None:
        pre = builtin().prefilters.get(category)
        if pre is None:
            found = list(range(len(a.surfaces)))
        else:
            rx = re.compile(rf"\b(?:{pre.pattern})")
            surfaces, found = a.surfaces, []
            for lo in range(0, len(surfaces), _WINDOW):
                hi = min(len(surfaces), lo + _WINDOW)
                window = surfaces[lo:hi + 1]  # and the unit after it: a match may run on into it
                starts, pos = [], 0
                for t in window:
                    starts.append(pos)
                    pos += len(t) + 1
                starts.append(pos)
                whole, limit, pos = "\n".join(window), starts[hi - lo], 0
                while (m := rx.search(whole, pos)) is not None and m.start() < limit:
                    unit = bisect.bisect_right(starts, m.start()) - 1
                    found.append(lo + unit)
                    pos = starts[unit + 1]  # one hit lets the unit through: go on from the next
        a.__dict__[key] = found
    return found


_WINDOW = 4096  # units searched at a time by _candidates


# --- sentences no phrase names, read by the defeater classifier ---------------------------------

@dataclass
class _Reading:
    """A defeater the classifier reads in a sentence, standing where a phrase's match would: from
    the sentence's first verb (so the words before it are the provision it speaks of) to its end,
    or, for an exclusion, the clause naming the forum."""
    id: str
    at: int
    stop: int
    said: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.stop

    def group(self, _=0) -> str:
        return self.said


_VERB = re.compile(r"\b(?:is|are|shall|will|may|must|does|do|can|has|have|remains?|runs?|expires?|lapses?|ends?|"
                   r"terminates?|reserves?|retains?)\b")


def _learned(a) -> dict[int, tuple[str, float]]:
    """unit -> (label, probability) for each sentence the defeater classifier reads as a defeater
    and whose words the guard of that kind (clause_corpus/strength/learned_defeater.yaml) accepts."""
    cached = a.__dict__.get("_learned_defeaters")
    if cached is not None:
        return cached
    out = {}
    excluded = a.excluded
    read: dict[str, tuple[str, float]] = {}  # a sentence the document repeats is read once
    for i in _candidates(a, "learned_defeater"):  # the words some kind's guard needs
        u = a.units[i]
        if u.heading or i in excluded or a.surfaces[i].count(" ") < 4:
            continue
        # the model is loaded at the first sentence it has to read ("none" when it is not built)
        label, p = read.get(u.text) or read.setdefault(u.text, defeater_model.classify(u.text, guard=True))
        if label != "none":
            out[i] = (label, p)
    a.__dict__["_learned_defeaters"] = out
    return out


class _Phrase:
    def __init__(self, label: str):
        self.id = f"learned_defeater.{label}"


def _learned_hits(text: str, label: str) -> list:
    if label == "exclusion":
        forum = _FORUM_WORD.search(text)
        if forum is None:
            return []
        lo = max(text.rfind(";", 0, forum.start()), text.rfind(":", 0, forum.start()), -1) + 1
        return [(_Phrase(label), _Reading(_Phrase(label).id, lo, len(text), text[lo:]))]
    verb = _VERB.search(text) if label != "sunset" else None  # an end date may come first
    at = verb.start() if verb else 0
    return [(_Phrase(label), _Reading(_Phrase(label).id, at, len(text), text[at:]))]


class _Guard:
    """A condition the passes test sentences against, kept as data in
    clause_corpus/strength/defeat_guard.yaml (`clausecheck explain defeat_guard.<name>`)."""

    def __init__(self, name: str):
        self.id = f"defeat_guard.{name}"
        self._regex: re.Pattern | None = None

    def search(self, text: str):
        if self._regex is None:
            from checker.corpus.strength import builtin

            self._regex = builtin().get(self.id).regex
        return self._regex.search(text)


# --- what a defeating clause reaches -------------------------------------------------------------

# a provision's number: "23", "14.1(c)", or a Roman numeral ("Sections VIII and IX", "Article XXIV")
_NUM = r"(?:\d+(?:\.\d+)*|\b(?=[ivxl]+\b)m{0,2}(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})(?<=[ivxl])\b)(?:\([a-z0-9]{1,4}\))*"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "m": 1000}


def _arabic(token: str) -> str:
    """'viii' -> '8' (the document's keys are Arabic); anything else as given."""
    head, paren, rest = token.partition("(")
    if not head or not set(head) <= _ROMAN.keys():
        return token
    total = 0
    for ch, nxt in zip(head, head[1:] + " "):
        v = _ROMAN[ch]
        total += -v if nxt in _ROMAN and _ROMAN[nxt] > v else v
    return f"{total}{paren}{rest}"
_REFS = re.compile(rf"\b(articles?|sections?|§§?|paragraphs?|paras?\.?|items?|subsections?|rules?)\s+({_NUM}"
                   rf"(?:\s*(?:,|and|or|through|thru|to|-|–|—)\s*(?:(?:and|or)\s+)?{_NUM})*)")
_RANGE_WORDS = re.compile(r"^(?:through|thru|to|-|–|—)$")
_SELF = re.compile(r"\b(this|the present|these|such|that) (article|section|subsection|paragraph|item|rule|"
                   r"side letter|letter of understanding|letter of agreement|letter|memorandum of understanding|"
                   r"memorandum of agreement|memorandum|mou|moa|lou|appendix|addendum|exhibit|attachment|schedule)\b")
_TITLE = re.compile(r"\b(?:article|section|letter|appendix)s? (?:entitled|titled|headed|captioned|called) "
                    r"\"?([^\".;,]{3,80})")
# a reference to the procedure itself, not to what it excludes ("the grievance procedure of Article 18")
# "the procedure set forth in Article 7" names the procedure's own article; "the procedure for claims under
# Article 19" names the article whose claims it hears, so a word for what is grieved breaks the link
_PROCEDURE_BEFORE = re.compile(r"(?:procedure|process)\s+(?:(?!(?:for|on|over|about|regarding|concerning|involving|"
                               r"covering|claims?|disputes?|grievances?|complaints?|matters?|issues?|alleged)\b)"
                               r"[\w-]+\s+){0,2}(?:of|in|under)\s+(?:the\s+)?$")
_PROCEDURE_ARTICLE = re.compile(r"grievance|arbitration|dispute resolution|adjustment of disputes")
_PRONOUN = re.compile(r"^(?:[^a-z]*)(?:they|it|these|those|such|the foregoing|the above|its|their)\b")
_LIST_LEAD = re.compile(r"\bthe following\b|:\s*$")
_PROVISION_SUBJECT = re.compile(r"\b(?:this|these|the foregoing|the above|such|its|their|our) (?:[\w'-]+ ){0,3}?"
                                r"(?:article|section|subsection|paragraph|rule|letter|memorandum|mou|moa|lou|appendix|"
                                r"addendum|provisions?|commitments?|undertakings?|guidelines?|statement|program|"
                                r"protocol|policy|language|terms?|obligations?|goals?)\b|^\W*(?:\(\w{1,4}\)\s*)?"
                                r"(?:they|it|these|the foregoing|the above)\b")
_PROVISION_OBJECT = re.compile(r"\s*(?:the (?:operation|application|provisions|obligations|terms) of )?"
                               r"(?:this|these|the foregoing|the above|its obligations|the provisions|all or part)\b")
_FOREGOING = re.compile(r"\b(?:the )?(?:foregoing|above|preceding|previous|prior) (?:[\w-]+ )?(?:sections?|provisions?|paragraphs?|"
                        r"subsections?|commitments?|undertakings?|obligations?|terms?)\b")
_ITEM = re.compile(r"(?:^|\s|;)\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s")
_LETTERISH = re.compile(r"letter|memorandum|understanding|mou|moa|lou|addendum|side")
_IMMIGRATION = _Guard("immigration_words")
_EMPLOYER_DECIDES = _Guard("employer_decides")
_EVENT_END = _Guard("event_end")
_DISPUTES = re.compile(r"\b(?:disputes?|grievances?|claims?|complaints?|controvers(?:y|ies))\b")
_BARGAINED = _Guard("bargained_change")


@dataclass
class Defeat:
    unit: int
    rule: str
    how: str
    clause: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # text it reaches
    subjects: list[str] = field(default_factory=list)  # or the subjects it describes


def _expand_numbers(text: str) -> list[str]:
    """'6, 7 and 8' -> 6, 7, 8; '26.6 through 26.9' -> 26.6 ... 26.9; '6-8' -> 6, 7, 8."""
    tokens = [_arabic(t) for t in re.findall(rf"{_NUM}|through|thru|\bto\b|-|–|—", text) if t]
    out: list[str] = []
    pending_range = False
    for tok in tokens:
        if _RANGE_WORDS.match(tok):
            pending_range = bool(out)
            continue
        if pending_range:
            lo, hi = out[-1], tok
            lo_head, _, lo_last = lo.rpartition(".")
            hi_head, _, hi_last = hi.rpartition(".")
            if lo_head == hi_head and lo_last.isdigit() and hi_last.isdigit() and 0 < int(hi_last) - int(lo_last) <= 30:
                prefix = f"{lo_head}." if lo_head else ""
                out.extend(f"{prefix}{n}" for n in range(int(lo_last) + 1, int(hi_last) + 1))
                pending_range = False
                continue
        pending_range = False
        out.append(tok)
    return out


def _roman(number: str) -> str | None:
    """'8(a)' -> 'viii(a)': a Roman-numbered provision may keep its numeral as its key."""
    head, paren, rest = number.partition("(")
    if not head.isdigit() or not 0 < int(head) < 90:
        return None
    n, out = int(head), ""
    for value, numeral in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return f"{out}{paren}{rest}"


def _resolve(a, unit: int, word: str, number: str, context=None):
    context = context or a.document.section_at(a.units[unit].start)
    kinds = ("article",) if word.startswith("art") else (
        "section", "article") if word.startswith(("sec", "§", "para", "item", "sub")) else ("section",)
    for form in (number, _roman(number)):
        for kind in kinds if form else ():
            target = a.document.resolve(f"{kind} {form}", context=context)
            if target is not None:
                return target
    return None


_PARTS_OF = re.compile(r"\b(?:sections?|subsections?|provisions?|parts?|paragraphs?|clauses?)\s+(?:of|in|under)\s+(?:the\s+)?$")
_NAMED_AS = re.compile(r"\s*,?\s*(?:titled|entitled|headed|captioned|called|named)\b")
_OF_ARTICLE = re.compile(rf"\s+(?:of|in|under)\s+(?:the\s+)?(article|appendix)\s+({_NUM})")


_LABEL = re.compile(r"^(?:(?:rule|section|paragraph|item|§)\s*)?\d+(?:\.\d+)*(?:\([a-z0-9]{1,4}\))*[.)]?\s")


def _by_label(a, unit: int, word: str, number: str) -> tuple[int, int] | None:
    """A provision no section holds, found by the label it opens with ("14(c) Enforcement actions."
    or a part headed "Rule 14 — ..."): from there to the next labelled provision."""
    if word.startswith("art"):
        return None
    head = re.compile(rf"^(?:{re.escape(word.rstrip('s.'))}s?\s+)?{re.escape(number)}(?![\w(]|\.\d)")
    for s in a.document.sections:
        if s.heading and head.match(" ".join(s.heading.lower().split())):
            return s.start, s.end
    for j, text in enumerate(a.surfaces):
        if j == unit or not head.match(text.lstrip("*#§ ")):
            continue
        section = a.document.section_at(a.units[j].start)
        end = section.end if section is not None else len(a.document.text)
        for k in range(j + 1, len(a.units)):
            if a.units[k].start >= end:
                break
            if a.units[k].heading or _LABEL.match(a.surfaces[k].lstrip("*#§ ")):
                end = a.units[k].start
                break
        return a.units[j].start, end
    return None


def _self_span(a, unit: int, word: str) -> tuple[int, int]:
    doc = a.document
    section = doc.section_at(a.units[unit].start)
    chain = [section, *doc.ancestors(section)] if section else []
    if word == "article":
        kinds = ("article", "appendix", "side_letter")
    elif word in ("section", "subsection"):
        kinds = ("subsection", "section") if word == "subsection" else ("section",)
    elif word in ("paragraph", "item", "rule"):
        kinds = ("item", "subsection", "section")
    else:
        kinds = ()
    target = next((s for s in chain if s.kind in kinds), None)
    if target is not None:
        return target.start, target.end
    if not kinds:  # a letter, memorandum, appendix...
        target = next((s for s in chain if s.kind in ("side_letter", "appendix")
                       or (s.kind == "part" and _LETTERISH.search(s.heading.lower()))), None)
        if target is not None:
            return target.start, target.end
        if not any(s.kind == "article" for s in doc.sections) or not chain:
            return 0, len(doc.text)
        return chain[-1].start, chain[-1].end
    units = sorted(a.passage(unit))
    return a.units[units[0]].start, a.units[units[-1]].end


_LETTERED = re.compile(rf"\b(?:paragraphs?|items?|subsections?|subparagraphs?|clauses?|subdivisions?)\s+\(([a-z])\)"
                       rf"((?:\s*(?:,|and|or|through|thru|to|-|–|—)\s*\([a-z]\))*)\s+(?:of|in|under)\s+(?:the\s+)?"
                       rf"(article|section)\s+({_NUM})")


def _letters(first: str, rest: str) -> list[str]:
    """'a', ' through (c)' -> a, b, c; 'a', ', (c) and (e)' -> a, c, e."""
    out = [first]
    for word, letter in re.findall(r"(through|thru|to|-|–|—|,|and|or)\s*\(([a-z])\)", rest):
        if word in ("through", "thru", "to", "-", "–", "—") and letter > out[-1]:
            out.extend(chr(c) for c in range(ord(out[-1]) + 1, ord(letter) + 1))
        else:
            out.append(letter)
    return out


_DEFINED_REFERENCE = re.compile(rf"[\"'“‘]([a-z][\w\- ]{{2,40}}?)[\"'”’]\s*(?:means|shall mean|refers to|shall refer to|is)\s+"
                                rf"((?:articles?|sections?|appendix|appendices|side letters?|letters? of understanding)\s+{_NUM})")


def _defined_references(a) -> list[tuple[re.Pattern, str]]:
    """(the defined term, the reference it stands for) of each definition naming a provision
    ('"Immigration Article" means Article 17 of this Agreement'), found once per document."""
    found = a.__dict__.get("_defined_references")
    if found is None:
        found = []
        for t in a.surfaces:
            if "mean" in t or "refer" in t or " is " in t:
                for m in _DEFINED_REFERENCE.finditer(t):
                    found.append((re.compile(rf"\b(?:the )?{re.escape(m.group(1))}\b"), m.group(2)))
        a.__dict__["_defined_references"] = found
    return found


def _targets(a, unit: int, text: str) -> list[tuple[int, int]]:
    """The spans a stretch of one sentence names: numbered references, titles, "this Article", and a
    term the document defines as one of those ("disputes arising under the Immigration Article")."""
    for term, reference in _defined_references(a):
        text = term.sub(reference, text)
    spans = []
    numbered = False
    lettered = []
    for m in _LETTERED.finditer(text):  # "Paragraphs (a) through (c) of Article 11": those items only
        keys = [f"{_arabic(m.group(4))}({x})" for x in _letters(m.group(1), m.group(2))]
        found = [s for s in a.document.sections if s.key in keys]
        if found:
            spans.extend((s.start, s.end) for s in found)
            lettered.append(m.span())
            numbered = True
    for m in _REFS.finditer(text):
        if _PROCEDURE_BEFORE.search(text[max(0, m.start() - 60):m.start()]) or any(lo <= m.start() < hi
                                                                                  for lo, hi in lettered):
            continue
        if re.match(r"\s*of (?:the|this) (?:agreement|cba|contract|collective)", text[m.end():]) and \
                not any(s.kind == "article" for s in a.document.sections):
            continue  # an article of the main agreement, cited from a side letter that does not hold it
        if m.group(1).startswith("art") and re.search(r"\d[\w.()]*\s+(?:of|in|under)\s+(?:the\s+)?$", text[:m.start()]):
            continue  # "Sections 14.1 through 14.4 of Article 14": the sections, not the whole article
        if m.group(1).startswith("art") and _PARTS_OF.search(text[:m.start()]) and _NAMED_AS.match(text, m.end()):
            continue  # "the sections of Article 17 titled ...": the sections its titles name
        numbered = True
        scope = None  # "Sections 3 through 5 of Article XXIV": the sections of that article
        of = _OF_ARTICLE.match(text, m.end()) if not m.group(1).startswith("art") else None
        if of is not None:
            scope = _resolve(a, unit, of.group(1), _arabic(of.group(2)))
        for number in _expand_numbers(m.group(2)):
            target = _resolve(a, unit, m.group(1), number.rstrip(".)") if number.count(")") > number.count("(")
                              else number, scope)
            if target is not None and not _is_procedure(a, target):
                spans.append((target.start, target.end))
            elif target is None:
                found = _by_label(a, unit, m.group(1), number)
                if found is not None:
                    spans.append(found)
    for m in _TITLE.finditer(text):
        title = " ".join(m.group(1).split()).strip(" \"'")
        for s in a.document.sections:
            if s.heading and " ".join(s.heading.lower().split()).strip(" .") == title:
                spans.append((s.start, s.end))
    if not spans:
        spans.extend(_titled(a, unit, text))
    for m in _SELF.finditer(text):
        if numbered and re.search(r"\bof\s+$", text[max(0, m.start() - 4):m.start()]):
            continue  # "Sections 6-8 of this Article": the sections, not the whole article
        if _PROCEDURE_BEFORE.search(text[max(0, m.start() - 60):m.start()]) or (m.group(1) == "that" and spans) \
                or re.match(r"\s+\d", text[m.end():]):
            continue  # the procedure's own article; "that Article" after its title; "this Rule 14(i)": the number
        span = _self_span(a, unit, m.group(2))
        section = a.document.section_at(span[0])
        if section is None or section.start != span[0] or not _is_procedure(a, section):
            spans.append(span)
    return spans


_FORUM_WORD = re.compile(r"griev|arbitra|dispute[- ]resolution|adjustment|jurisdiction|this (?:article|procedure)")
_ARTICLE_NUMBER = re.compile(rf"\barticle ({_NUM})")
# a limit at one step of the procedure names the procedure by its steps ("beyond Step 2", "go no further")
_STEP_WORD = re.compile(r"\bsteps?\b|\bno (?:further|farther|higher)\b|\b(?:level|stage)\b")


def _forum_named(a, unit: int, text: str, m: re.Match) -> bool:
    """An exclusion names the grievance procedure: in words ("the grievance machinery", "arbitration"),
    or as the number of the article that holds it ("not subject to Article 7")."""
    said = m.group(0)
    if _FORUM_WORD.search(said) or _STEP_WORD.search(said):
        return True
    tail = text[m.end():m.end() + 40]
    for ref in _ARTICLE_NUMBER.finditer(said + tail):
        target = _resolve(a, unit, "article", _arabic(ref.group(1)))
        if target is not None and _is_procedure(a, target):
            return True
    return False


def _titled(a, unit: int, text: str) -> list[tuple[int, int]]:
    """Sections a stretch of text names by their heading: "the Immigration Protections article",
    "claims under 'Immigration Protections'". A heading of two words or more is a name wherever it
    appears; a one-word heading only when called a title ("the Article headed Leave", "the Leave
    article")."""
    spans = []
    for s, title, words in _headings_in(a, text):
        if 0 <= a.units[unit].start - s.start <= len(s.heading) + 12:
            continue  # the provision's own heading
        at = re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text)
        if at is None:
            continue
        marked = (re.search(r"(?:entitled|titled|headed|captioned|called|\")\s*$", text[:at.start()])
                  or re.match(r"\"?\s*(?:article|section|provisions?)\b", text[at.end():]))
        if len(words) < 2 and not marked:
            continue
        if not marked and not _capitalized(a.units[unit].text, words):
            continue  # "notice to the Union of layoffs" describes a subject; "Notice to the Union" names one
        if not _is_procedure(a, s):
            spans.append((s.start, s.end))
    return spans


def _capitalized(raw: str, words: list[str]) -> bool:
    """Whether the sentence prints a heading's words as a name: the first word capitalized."""
    pattern = r"(?<![\w-])" + r"\W+".join(re.escape(w) for w in words) + r"(?![\w-])"
    return any(m.group(0)[:1].isupper() for m in re.finditer(pattern, raw, re.I))


def _headings_in(a, text: str) -> list:
    """(section, title, words) of each section whose heading can name it and occurs in `text`, in
    document order. The titles are made once per document and looked up by title (making them for
    every section at every defeating clause was quadratic: 26 of 50 s on 5,000 pages)."""
    by_title = a.__dict__.get("_section_titles")
    if by_title is None:
        by_title = {}
        for i, s in enumerate(a.document.sections):
            if not s.heading or s.kind not in ("article", "section", "appendix", "side_letter", "part"):
                continue
            title = " ".join(re.sub(r"[^\w' -]", " ", s.heading.lower()).split())
            title = re.sub(r"^(?:article|section|appendix)\s+[\w.]+\s*", "", title).strip()
            words = title.split()
            if not words or len(title) < 4 or len(words) > 8:
                continue  # no heading; a sentence read as one
            by_title.setdefault(title, []).append((i, s, title, words))
        a.__dict__["_section_titles"] = by_title
    # a title matches only where it occurs as written: the plain test leaves out the rest
    found = sorted((x for title, xs in by_title.items() if title in text for x in xs), key=lambda x: x[0])
    return [x[1:] for x in found]


def _named(text: str) -> bool:
    """Whether a stretch names provisions by number or as "this Article" (not only by a heading)."""
    return bool(_REFS.search(text) or _SELF.search(text) or _TITLE.search(text))


def _is_procedure(a, section) -> bool:
    """The grievance and arbitration article itself ("not subject to arbitration under this Article")."""
    chain = [section, *a.document.ancestors(section)]
    return any(_PROCEDURE_ARTICLE.search(s.heading.lower()) for s in chain if s.kind == "article" and s.heading)


def _section_units(a, unit: int) -> list[int]:
    section = a.document.section_at(a.units[unit].start)
    if section is None:
        return sorted(a.passage(unit))
    return list(a.units_between(section.start, section.end))


def _reach(a, unit: int, m: re.Match, how: str, text: str | None = None,
           strict: bool = False) -> tuple[list[tuple[int, int]], list[str]]:
    """What the phrase matched at `m` in `unit` reaches: spans of text, or descriptions of subjects.
    `strict` (a classifier's reading, less certain than a phrase): only provisions the sentence, or
    the sentence it goes on from, names by number, title or "this Article", or for an exclusion the
    subject it describes (matched in the protection's own terms only, see apply_defeats) — never
    the provision it merely sits in."""
    text = a.surfaces[unit] if text is None else text
    clause = clause_around(text, m.start(), m.end())
    c0 = text.find(clause) if clause else 0
    spans = _targets(a, unit, clause)
    if not spans and how == "exclusion":
        listed = _listed_elsewhere(a, unit, clause, strict)
        if listed[0] or listed[1]:
            return listed
    if spans:
        # a heading named in a description ("leave during an immigration detention") names the
        # section and describes the subject: both reach
        return spans, ([clause] if how == "exclusion" and not _named(clause) and not strict else [])
    # "The following are not subject to arbitration: (a) ... (b) ...": each listed item
    colon = text.find(":", m.end())
    if how == "exclusion" and (_LIST_LEAD.search(clause) or 0 <= colon - m.end() < 40):
        spans, subjects = [], []
        items = [(unit, t) for t in _ITEM.split(text[colon + 1:]) if t.strip()] if colon >= 0 else []
        items += [(j, a.surfaces[j]) for j in _section_units(a, unit) if j > unit]
        for j, item in items:
            found = _targets(a, j, item)
            spans.extend(found)
            if (not found or not _named(item)) and not strict:
                subjects.append(item)
        return spans, subjects
    before = text[:max(0, c0)]
    spans = _targets(a, unit, before)
    if spans:
        return spans, []
    foregoing = _FOREGOING.search(text)
    if foregoing and (how == "non_binding" and foregoing.start() < m.end()
                      or how == "suspension" and m.end() <= foregoing.start() <= m.end() + 30):
        # "The foregoing Sections are advisory": the provisions before it in its article
        section = a.document.section_at(a.units[unit].start)
        chain = [section, *a.document.ancestors(section)] if section else []
        top = next((s for s in chain if s.kind in ("article", "appendix", "side_letter")), None)
        if top is not None and top.start < a.units[unit].start:
            return [(top.start, a.units[unit].start)], []
    pronoun = _PRONOUN.search(clause) or not before.strip() and m.start() - c0 < 4 or _DEMONSTRATIVE.search(text)
    if pronoun:
        # "They are aspirations ... They are not intended to create enforceable rights": back over
        # the sentences that go on speaking of the same provisions, to the one that names them
        own = set(_section_units(a, unit))
        for j in range(unit - 1, max(-1, unit - 4), -1):
            if j not in own:
                break
            spans = _targets(a, j, a.surfaces[j])
            if spans:
                return spans, []
            if not _PRONOUN.search(a.surfaces[j]):
                break
    if how == "exclusion":
        earlier = _described_before(clause, before)
        if earlier:
            return [], [earlier]  # "Any controversy concerning ... shall go to the Committee; ... no such controversy shall be arbitrable"
        back = _antecedent(a, unit, clause)
        if back is not None:
            return back if not strict else (back[0], [])
        return [], [clause]  # "any claim concerning leave to attend immigration appointments ..."
    # "The foregoing is advisory only.": its own provision, when a provision is what it speaks of
    # ("an administrative warrant is not binding" declares nothing about the agreement)
    speaks_of_provision = (how == "expiry" or how == "non_binding" and _PROVISION_SUBJECT.search(text[:m.start()])
                           or how == "suspension" and _PROVISION_OBJECT.match(text[m.end():]))
    if speaks_of_provision and not strict:
        return [_provision_span(a, unit)], []
    return [], []


# provisions the sentence before named, taken up again ("Sections 3 and 4 of Article XII govern ...
# Upon notice from any federal agency ... those Sections shall be suspended")
_DEMONSTRATIVE = re.compile(r"\b(?:those|these|said|the said|the same|the foregoing|such) (?:[\w-]+ )?(?:sections?|articles?|"
                            r"provisions?|paragraphs?|subsections?|commitments?|obligations?|undertakings?|duties|protections?)\b")


# an exclusion speaking of disputes or a decision the sentence before it introduced ("Disputes
# under Article 27 go to the Panel. The Panel's decision is final and not subject to review under
# Article 9"; "... and such disputes shall not be subject to Article 13")
_ANAPHOR = re.compile(r"\b(?:such|these|those|said|the same|the said|all such|any such) (?:[\w-]+ )?(?:disputes?|claims?|"
                      r"matters?|grievances?|complaints?|questions?|issues?|cases?|controvers(?:y|ies))\b|"
                      r"\b(?:the|its|their|whose|such) (?:[\w'-]+ )?(?:decisions?|determinations?|rulings?|findings?|"
                      r"resolutions?|awards?|recommendations?)\b")
_DESCRIBES = re.compile(r"\b(?:disputes?|claims?|matters?|grievances?|complaints?|questions?|controvers(?:y|ies))\s+"
                       r"(?:[\w-]+\s+){0,2}?(?:concerning|regarding|about|over|relating|related|arising|involving|under|"
                       r"as to|in respect|with respect|touching|of)\b")
_ROUTES = re.compile(r"\b(?:disputes?|claims?|matters?|grievances?|complaints?|questions?|controvers(?:y|ies))\b")


_SUBJECT_ENDS = re.compile(r"\s(?:shall|will|must|may|is|are|go(?:es)?|be)\s|[;:]")


def _described_before(clause: str, before: str) -> str:
    """The subject an exclusion's "such controversy" or "the Committee's determination" takes up
    from earlier in its own sentence ("Any controversy concerning the verification of identity
    documents shall be referred to the Committee; its determination shall be final, and no such
    controversy shall be arbitrable"): the description, up to its verb; "" when there is none."""
    if not before.strip() or not _ANAPHOR.search(clause) or _DESCRIBES.search(clause):
        return ""
    d = None
    for d in _DESCRIBES.finditer(before):
        pass  # the last description before the clause
    if d is None:
        return ""
    end = _SUBJECT_ENDS.search(before, d.end())
    said = before[d.start():end.start() if end else len(before)].strip(" ,;")
    return said if said.count(" ") >= 3 else ""


_LISTED_IN = re.compile(r"\b(?:listed|set (?:out|forth)|enumerated|described|identified|specified|named|itemi[sz]ed|"
                        r"referred to|contained|found) (?:below |above )?(?:in|under|at)\s+$")


def _listed_elsewhere(a, unit: int, clause: str, strict: bool) -> tuple[list[tuple[int, int]], list[str]]:
    """(spans, subjects) of a list the exclusion points to in another section of the grievance
    article ("The matters listed in Section 6.5 shall not be subject to arbitration." / "6.5 (a)
    Article 19; (b) ..."): the provisions and subjects its items name, one level deep."""
    spans: list[tuple[int, int]] = []
    subjects: list[str] = []
    for m in _REFS.finditer(clause):
        if m.group(1).startswith("art") or not _LISTED_IN.search(clause[:m.start()]):
            continue  # "arbitration under Section 6.4" names the procedure, not a list
        for number in _expand_numbers(m.group(2)):
            target = _resolve(a, unit, m.group(1), number)
            if target is None or not _is_procedure(a, target) or target.start <= a.units[unit].start < target.end:
                continue
            for j in a.units_between(target.start, target.end):
                if a.units[j].heading:
                    continue
                for item in (t for t in _ITEM.split(a.surfaces[j]) if t.strip()):
                    found = _targets(a, j, item)
                    spans.extend(found)
                    if not found and not strict and item.count(" ") >= 2:
                        subjects.append(item)
    return spans, subjects


# an exclusion speaking of the provisions the sentence before it named, by a pronoun ("Grievances
# under Article 19 may be filed. However, the arbitrator shall have no authority over them.")
_OBJECT_PRONOUN = re.compile(r"\b(?:over|to|of|on|concerning|regarding|about|under|involving|relating to|related to|"
                             r"arising (?:under|from|out of)|with respect to|in respect of|as to) (?:them|it|its|their|"
                             r"these|those|the same|said)\b")


def _antecedent(a, unit: int, clause: str):
    """(spans, subjects) of the sentence before `unit` in its section, when the exclusion at `unit`
    speaks of its disputes or their decision; None otherwise."""
    own = set(_section_units(a, unit))
    pronoun = _OBJECT_PRONOUN.search(clause) is not None
    if not (_ANAPHOR.search(clause) or pronoun) or (_DESCRIBES.search(clause) and not pronoun) \
            or unit - 1 not in own or a.units[unit - 1].heading:
        return None  # no back-reference, or the exclusion describes its own subject
    # the sentence before, whole: a line break may have cut it in pieces ("... arising under this" /
    # "Article 27 shall be submitted ...")
    first = unit - 1
    while first - 1 in own and unit - first < 3 and not a.units[first - 1].heading \
            and not a.surfaces[first - 1].rstrip().endswith((".", ";", ":")):
        first -= 1
    prev = " ".join(a.surfaces[first:unit])
    if prev.count(" ") < 5:
        return None
    spans = _targets(a, first, prev)
    if spans and (pronoun or _ROUTES.search(prev)):
        return spans, []  # a pronoun's antecedent may be any provision the sentence before names
    if not _ROUTES.search(prev):
        return None
    return ([], [prev]) if not spans else (spans, [])


# --- dates: a provision's end against the agreement's ------------------------------------------

_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b|\b(\d{{1,2}})[/.](\d{{1,2}})[/.](\d{{4}})\b|"
                   rf"\b(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?(?: day of)?\s+{_MONTH},?\s+(\d{{4}})\b|"
                   rf"\b(?:the end of |the last day of )?{_MONTH},?\s+(\d{{4}})\b")
# an end counted from the agreement's start ("the end of the first contract year", "eighteen (18)
# months after ratification", "the first anniversary of the effective date")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-four": 24, "thirty": 30,
           "thirty-six": 36}
_CONTRACT_YEAR = re.compile(r"\b(?:end of |close of |conclusion of |expiration of )?(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) "
                            r"(?:(?:contract|agreement|calendar|bargaining|full) )?year\b(?! of (?:employment|service|the employee))")
_FIRST_YEARS = re.compile(r"\b(?:end of |close of |conclusion of |expiration of )?(?:the )?first (?:(\w+(?:-\w+)?) (?:\(\d+\) )?)?"
                          r"(years?|months?) (?:of|under) (?:the|this) (?:agreement|contract|term|cba)\b")
_YEAR_END = re.compile(r"\b(?:the )?(?:end|close|last day) of (?:calendar )?(?:year )?(20\d\d)\b")
_ANNIVERSARY = re.compile(r"\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) anniversary\b")
_AFTER_START = re.compile(r"\b(?:(\w+(?:-\w+)?) )?(?:\((\d{1,3})\) |(\d{1,3}) )?(months?|years?) (?:after|following|from|of) "
                          r"(?:the )?(?:date of )?(?:its |the agreement's |this agreement's )?(?:ratification|execution|signing|"
                          r"effective date|effective|commencement|start|beginning|date (?:of|hereof)|signature|this (?:letter|memorandum|agreement))")
_YEARS = re.compile(r"\b(20\d\d)\s*(?:-|–|—|through|to)\s*(20\d\d)\b")
_TERM_WORDS = re.compile(r"\b(?:agreement|contract|cba|mou|moa|memorandum|term|duration)\b")
_UNTIL = re.compile(r"\b(?:through|thru|until|to|expir\w*|terminat\w*|ending|ends?)\b")
_AGREEMENT_END = re.compile(r"\b(?:date on which the agreement expires|expiration of the agreement|term of the agreement|"
                            r"as long as the agreement|agreement (?:expires|is extended|is renewed))")


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1).fromordinal(date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1)


def _dates(text: str) -> list[tuple[date, int]]:
    """Absolute dates in any usual form: "June 30, 2027", "30 June 2027", "6/30/2027", "2027-06-30",
    and "June 2027" (its last day)."""
    out = []
    for m in _DATE.finditer(text):
        g = m.groups()
        try:
            if g[0]:
                d = date(int(g[2]), _MONTHS[g[0]], int(g[1]))
            elif g[3]:
                d = date(int(g[5]), int(g[3]), int(g[4]))
            elif g[6]:
                d = date(int(g[6]), int(g[7]), int(g[8]))
            elif g[9]:
                d = date(int(g[11]), _MONTHS[g[10]], int(g[9]))
            else:
                d = _month_end(int(g[13]), _MONTHS[g[12]])
        except (ValueError, KeyError, TypeError):
            continue
        out.append((d, m.start()))
    for m in _YEAR_END.finditer(text):
        out.append((date(int(m.group(1)), 12, 31), m.start()))
    return sorted(out, key=lambda f: f[1])


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    last = _month_end(d.year + y, m + 1).day
    return date(d.year + y, m + 1, min(d.day, last))


def _relative_end(a, text: str) -> list[tuple[date, int]]:
    """An end counted from the agreement's start, as a date (none when the start is unknown)."""
    found = []
    for m in _CONTRACT_YEAR.finditer(text):
        found.append((12 * _ORDINALS[m.group(1)], m.start()))
    for m in _ANNIVERSARY.finditer(text):
        found.append((12 * _ORDINALS[m.group(1)], m.start()))
    for m in _FIRST_YEARS.finditer(text):
        n = 1 if m.group(1) is None else _COUNTS.get(m.group(1).lower())
        if n is not None:
            found.append((n * (12 if m.group(2).startswith("year") else 1), m.start()))
    for m in _AFTER_START.finditer(text):
        n = m.group(2) or m.group(3) or _COUNTS.get((m.group(1) or "").lower())
        if n is None:
            continue
        found.append((int(n) * (12 if m.group(4).startswith("year") else 1), m.start()))
    if not found:
        return []
    term = agreement_term(a)
    if term is None or term[0] is None:
        return []
    start = term[0]
    return [(_add_months(start, months) - timedelta(days=1), pos) for months, pos in sorted(found, key=lambda f: f[1])]


def agreement_term(a) -> tuple[date | None, date] | None:
    """(start, end) of the agreement, from its duration clause or title (start None when unknown)."""
    cached = a.__dict__.get("_agreement_term", False)
    if cached is not False:
        return cached
    out = None
    end = agreement_end(a, set())
    if end is not None:
        start = None
        for _, found, _, _ in _term_dates(a):
            if len(found) >= 2 and any(d == end[0] for d, _ in found):
                start = min(d for d, _ in found)
                break
        out = (start, end[0])
    a.__dict__["_agreement_term"] = out
    return out


def _term_texts(a):
    """(unit, text) of the sentences that may state the agreement's term; when no unit has a date
    range, also the paragraphs of the whole text (unit -1), the parts not read as contract language
    included: a proposal's cover note may be the only place saying the agreement "will run from
    April 1, 2026 through March 31, 2030"."""
    yield from enumerate(a.surfaces)
    if not any(len(_dates(t)) >= 2 or _YEARS.search(t) for t in a.surfaces):
        from checker.engine.language import normalize

        pos, text = 0, a.document.text
        for gap in itertools.chain(re.finditer(r"\n\s*\n", text), (None,)):  # its paragraphs, one at a time
            p = text[pos:gap.start()] if gap is not None else text[pos:]
            if gap is not None:
                pos = gap.end()
            if _TERM_WORDS.search(p.lower()) and _UNTIL.search(p.lower()):
                yield -1, normalize(p)


def _term_dates(a) -> list[tuple[int, list[tuple[date, int]], bool, list[int]]]:
    """(unit, dates, until, the last years of its year ranges) of each text of _term_texts that may
    state the term (a heading, the opening sentences, or one speaking of the agreement or its term)
    and holds a date or a range of years, found once per document (agreement_end reads them once
    per skip set)."""
    cached = a.__dict__.get("_term_dates")
    if cached is None:
        cached = []
        for i, text in _term_texts(a):
            heading = i < 0 or a.units[i].heading or i < 12
            if not (heading or _TERM_WORDS.search(text)):
                continue
            found, years = _dates(text), [int(m.group(2)) for m in _YEARS.finditer(text)]
            if found or years:
                cached.append((i, found, bool(found) and _UNTIL.search(text) is not None, years))
        a.__dict__["_term_dates"] = cached
    return cached


def agreement_end(a, skip: set[int]) -> tuple[date, bool] | None:
    """The agreement's own end date from its duration clause or title ("March 1, 2026 through
    February 28, 2030"), and whether it is exact (a bare "2026-2030" gives only the year)."""
    best: tuple[date, bool] | None = None
    for i, found, until, years in _term_dates(a):
        if i in skip:
            continue
        if found and (until or len(found) >= 2):
            d = max(d for d, _ in found)
            # an exact date wins over a bare range's year it falls in (a running header's
            # "2025-2029" beside "expiring February 28, 2029")
            if best is None or d > best[0] or (not best[1] and d.year >= best[0].year):
                best = (d, True)
        for year in years:
            d = date(year, 12, 31)
            if best is None or d.year > best[0].year:
                best = (d, False)
    return best


# --- the pass -----------------------------------------------------------------------------------

def defeats(a) -> list[Defeat]:
    """Every enforceability defeat in the document, found once per analysis."""
    cached = a.__dict__.get("_enforceability_defeats")
    if cached is not None:
        return cached
    out: list[Defeat] = []
    expiries: list[tuple[int, re.Match, str, date]] = []
    excluded = a.excluded
    phrased = set(_candidates(a, "enforceability"))
    learned = {i: r for i, r in _learned(a).items() if r[0] in defeater_model.ENFORCEABILITY}
    found: dict[str, list] = {}  # the phrases of a sentence the document repeats, searched once
    for i in sorted(phrased | learned.keys()):
        text, raw = _joined(a, i)
        if (i in excluded and not a.units[i].heading) or not text:
            continue
        if i in phrased:
            hits = found.get(text)
            if hits is None:
                hits = found[text] = _finditer("enforceability", text, _dateless_expiry(a, text))
        else:
            hits = []
        if not hits and i in learned:
            hits = _learned_hits(text, learned[i][0])
        for phrase, m in hits:
            how = HOW.get(phrase.id, "non_binding")
            clause = clause_around(raw, *_raw_span(a, i, m, raw, text)) or raw
            if how == "suspension" and _BARGAINED.search(text):
                continue
            if phrase.id == "enforceability.not_subject_to_this_article":
                section = a.document.section_at(a.units[i].start)
                if section is None or not _is_procedure(a, section):
                    continue
            own_article = False  # reaches only provisions of its own article
            if phrase.id == "enforceability.final_determination_elsewhere":
                section = a.document.section_at(a.units[i].start)
                if not _FORUM_WORD.search(text) and (section is None or not _is_procedure(a, section)):
                    if not _EMPLOYER_DECIDES.search(text):
                        continue  # a final say outside the grievance article that names no procedure
                    # the employer's own official with the final word over disputes (the grievance
                    # procedure's own word), or over anything in the protection's own article
                    own_article = not _DISPUTES.search(text[:m.start()])
            elif how == "exclusion" and not _forum_named(a, i, text, m):
                continue  # "not subject to Article 12" names an article, not the grievance procedure
            if how == "expiry":
                after = _dates(text[m.start():]) or _relative_end(a, text[m.start():])
                if not after and not _AGREEMENT_END.search(text) and _EVENT_END.search(text[m.start():]):
                    # "until the exhaustion of the Fund": an end the agreement's term does not control
                    spans, _ = _reach(a, i, m, "expiry", text, strict=isinstance(m, _Reading))
                    if spans:
                        out.append(Defeat(i, phrase.id, "expiry", clause, spans))
                    continue
                if not after or _AGREEMENT_END.search(text):
                    continue
                # a classifier's reading has no verb to count from: the latest date it names ("in
                # effect from January 1, 2026 through December 31, 2028" ends on the second)
                end_date = max(d for d, _ in after) if isinstance(m, _Reading) else after[0][0]
                expiries.append((i, m, clause, end_date, phrase.id, text))
                continue
            spans, subjects = _reach(a, i, m, how, text, strict=isinstance(m, _Reading))
            if own_article:
                top = _top_span(a, i)
                spans = [(lo, hi) for lo, hi in spans if top is not None and top[0] <= lo < top[1]]
                subjects = []
            if spans or subjects:
                out.append(Defeat(i, phrase.id, how, clause, spans, subjects))
    if expiries:
        end = agreement_end(a, {i for i, *_ in expiries})
        for i, m, clause, d, rule, text in expiries:
            if end is None or not (d.year < end[0].year if not end[1] else (end[0] - d).days > 31):
                continue
            spans, _ = _reach(a, i, m, "expiry", text, strict=isinstance(m, _Reading))
            if spans:
                out.append(Defeat(i, rule, "expiry", clause, spans))
    a.__dict__["_enforceability_defeats"] = out
    return out


def _dateless_expiry(a, text: str):
    """A veto for _finditer: an expiry phrase with no end date after it ("shall terminate at Step 2")."""
    def veto(entry, m) -> bool:
        return HOW.get(entry.id) == "expiry" and not (_dates(text[m.start():]) or _relative_end(a, text[m.start():])
                                                       or _EVENT_END.search(text[m.start():]))
    return veto


_CONTINUES = re.compile(r"^\d+(?:\.\d+)+\s+(?:of\s+|and\s+|or\s+|through\s+|to\s+)?[a-z]")
_BROKEN = re.compile(r"(?:\b(?:sections?|articles?|paragraphs?|through|thru|to|and|or|of|§§?)|,)\s*$")


def _joined(a, unit: int) -> tuple[str, str]:
    """The unit's normalized and original text, with the unit before it when a line break inside a
    reference split one sentence in two ("... Sections 22.2 through" / "22.6 may be held ...")."""
    text, raw = a.surfaces[unit], a.units[unit].text
    if unit > 0 and _CONTINUES.match(text) and _BROKEN.search(a.surfaces[unit - 1]) \
            and not a.units[unit - 1].heading:
        return f"{a.surfaces[unit - 1]} {text}", f"{a.units[unit - 1].text} {raw}"
    return text, raw


def _raw_span(a, unit: int, m: re.Match, raw: str | None = None, norm: str | None = None) -> tuple[int, int]:
    """The match's position in the unit's original text (normalization only folds case, quotes and
    runs of whitespace, so a proportional position is close; the clause boundaries absorb the rest)."""
    raw = a.units[unit].text if raw is None else raw
    norm = a.surfaces[unit] if norm is None else norm
    scale = len(raw) / max(1, len(norm))
    return int(m.start() * scale), min(len(raw), int(m.end() * scale) + 1)


def _evidence_units(a, f: Finding) -> dict[int, int]:
    """unit -> element index, for the evidence each element rests on."""
    starts = [u.start for u in a.units]
    out = {}
    for e in f.elements:
        if e.evidence_index is None or e.evidence_index >= len(f.evidence):
            continue
        ev = f.evidence[e.evidence_index]
        u = bisect.bisect_left(starts, ev.start)
        if u < len(starts) and starts[u] == ev.start:
            out.setdefault(u, e.index)
    return out


def _evidence(a, unit: int) -> Evidence:
    u = a.units[unit]
    pos = a.document.position(u.start)
    section = a.document.section_at(u.start)
    label = (section.key or section.number or None, section.heading or None) if section else (None, None)
    return Evidence(u.text, label[0], label[1], pos.page, pos.line, u.start, u.end)


def _subject_elements(a, protection, text: str) -> list[int]:
    """Elements of `protection` a described subject names ("any claim concerning leave to attend
    immigration appointments"): at least two groups of one of its detectors, and immigration words."""
    if not _IMMIGRATION.search(text):
        return []
    out = []
    for el in protection.elements:
        for det in el.detect:
            # groups any sentence satisfies (negative lookaheads, "not only as retaliation") name nothing
            real = [g for g in det if not a.matcher.groups_in_text((g,), _NEUTRAL)]
            named = sum(1 for g in real if a.matcher.groups_in_text((g,), text))
            if named >= 2 and named >= (len(real) - 1 if len(real) <= 3 else len(real)):
                out.append(el.index)
                break
    return out


_NEUTRAL = "the parties agree."


def _worded_subject(protection: str, text: str) -> str:
    """The id of the entry of clause_corpus/strength/subject.yaml that finds the protection's
    subject in a described subject's own words ("questions about work permits", "audits of hiring
    records"), or "" (a protection without an entry, or a subject of another kind)."""
    from checker.corpus.strength import builtin

    entry = next((e for e in builtin()["subject"] if e.id == f"subject.{protection}"), None)
    if entry is None:
        return ""
    said = " ".join(text.lower().replace("’", "'").split())
    return entry.id if entry.regex.search(said) else ""

# words every exclusion or provision uses, which say nothing of its topic
_GENERIC = frozenset("""
shall will must would could should have been being with from that this these those which whose there their them they
such than then into upon under over about concerning regarding relating related respect arising pursuant whether
including include includes other every each either neither within without where when while after before during also only
employer employers employee employees union unions company hotel hospital agreement article articles section sections
paragraph paragraphs provision provisions party parties claim claims dispute disputes grievance grievances arbitration
arbitrable arbitrator grievable procedure procedures process subject excluded exclude exempt outside scope jurisdiction
resolved decided solely exclusively matter matters complaint complaints alleged allegation violation violations breach
failed failure fails whatever reason cause committee board management labor contract letter side
anything nothing something everything anyone whoever
""".split())


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    if word.startswith(("authoriz", "authoris")):
        return "authz"  # "authorization" is no "authorities"
    word = re.sub(r"ies$", "y", word)
    word = re.sub(r"(?<=[a-z]{4})(?:es|s|ing|ed)$", "", word)
    return word[:6]


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in _GENERIC}


def _common_stems(a) -> frozenset[str]:
    """Words the document uses everywhere ("crew member" in a contract calling its workers so),
    which say no more of a topic than "employee" does: in more than one sentence in twelve."""
    found = a.__dict__.get("_common_stems")
    if found is None:
        from collections import Counter

        df = Counter(st for t in a.surfaces for st in _stems(t))
        limit = max(8, len(a.surfaces) // 12)
        found = a.__dict__["_common_stems"] = frozenset(st for st, n in df.items() if n > limit)
    return found


def _topic_elements(a, ev: dict[int, int], subject: str) -> list[int]:
    """Elements whose own clause shares the described subject's topic: three or more content words
    ("the presence of federal agents in non-public areas of the terminal" and "an immigration agent
    entering a non-public area of the terminal"), counted once each."""
    said = _stems(subject)
    if not _IMMIGRATION.search(subject):  # a subject of another kind must share words of its own
        said -= _common_stems(a)
    if len(said) < 2:
        return []
    best: tuple[int, int] | None = None
    for u, el in ev.items():
        shared = len(said & _stems(a.units[u].text))
        if shared >= 3 and (best is None or shared > best[0]):
            best = (shared, el)
    return [best[1]] if best else []


def _add(a, f: Finding, element: int, unit: int, dev: Deviation) -> bool:
    """Add `dev` and cite the defeating unit after the protection's own evidence; False when the
    finding already carries it (the sentence-stage check reads a declaration in the same passage)."""
    said = " ".join(a.units[unit].text.lower().split())
    known = any(d.kind == dev.kind and d.element == dev.element
                and (d.rule == dev.rule or d.found == dev.found or (d.found and " ".join(d.found.lower().split()) in said))
                for d in f.deviations)
    if not known:
        f.deviations.append(dev)
    if not any(e.start == a.units[unit].start for e in f.evidence):
        f.evidence.append(_evidence(a, unit))  # the defeating clause, cited after the protection's own
        return True
    return not known


def _restatus(f: Finding) -> None:
    from checker.engine.grade import _calibration

    if f.status == "missing" or not f.deviations:
        return
    reached = {d.element for d in f.deviations}
    for e in f.elements:
        if e.index in reached and e.status == "matching":
            e.status = "weakened"
    kinds = len({d.kind for d in f.deviations})
    f.status = "weakened"
    f.confidence = _calibration().get(f"weakened:{min(kinds, 3)}", f.confidence)


def apply_defeats(a, protections, findings: list[Finding]) -> None:
    """Weaken, in place, with `enforceability`, the findings another provision keeps from being
    enforced (the registry's `defeated_elsewhere` check, document stage)."""
    if all(f.status == "missing" for f in findings):
        return  # nothing stated, nothing to defeat: the document is not read for defeaters
    found = defeats(a)
    if not found:
        return
    by_id = {p.id: p for p in protections}
    for f in findings:
        ev = _evidence_units(a, f) if f.status != "missing" else {}
        touched = False
        for d in found if ev else ():
            if d.unit in ev:
                continue
            elements = sorted({el for u, el in ev.items()
                               if any(s <= a.units[u].start < e for s, e in d.spans)})
            quote, via = d.clause, ""
            if not elements and d.subjects and f.protection in by_id:
                for subject in d.subjects:
                    # a classifier's reading names a subject only in the protection's own terms
                    # (immigration words and its element's concepts), never by shared words alone
                    elements = _subject_elements(a, by_id[f.protection], subject) or (
                        _topic_elements(a, ev, subject) if not d.rule.startswith("learned_defeater.") else [])
                    # or the subject in other words than the protection's own (subject.yaml)
                    worded = [] if elements else _worded_subject(f.protection, subject)
                    if worded:
                        elements, via = [min(ev.values())], worded
                    if elements:
                        quote = _original(a, d.unit, subject)
                        break
            for el in elements[:1]:
                touched |= _add(a, f, el, d.unit, Deviation(
                    "enforceability", el, f"reads at full strength but cannot be enforced: "
                    f"{EXPLAIN[d.how]} ({_where(a, d.unit)}{f', its subject described as in {via}' if via else ''})",
                    _clip(quote), EXPECTED, rule=d.rule))
        if touched:
            _restatus(f)


def apply_cross_article(a, protections, findings: list[Finding]) -> None:
    """Weaken, in place, the findings a clause in another article defeats (the registry's
    `cross_article` check, document stage)."""
    if all(f.status == "missing" for f in findings):
        return
    cross = cross_article(a)
    if not cross:
        return
    _defeater_alone(a, protections, cross, findings)
    for f in findings:
        ev = _evidence_units(a, f) if f.status != "missing" else {}
        touched = False
        for c in cross if ev else ():
            hit = c.reaches(a, f, ev)
            if hit is not None:
                touched |= _add(a, f, hit, c.unit, Deviation(c.kind, hit, c.explain + f" ({_where(a, c.unit)})",
                                                             _clip(c.clause), c.expected, rule=c.rule))
        if touched:
            _restatus(f)


# the kinds of cross-article clause that defeat protections without stating any (a policy
# subordination is a limit written into a duty, which then states the protection it limits)
_DEFEATER_ONLY = ("scope", "reversed")


def _defeater_alone(a, protections, cross: list[Cross], findings: list[Finding]) -> None:
    """A protection whose evidence is a clause that defeats protections from another article (a
    discharge for any record discrepancy, "employee" defined by a Social Security number, a right
    to cooperate fully with any agency), and otherwise only sentences that borrow their subject
    from it ("a copy to the Union" beside it), is not addressed by the document: that clause is
    what defeats a protection where one is stated, not a weak statement of this one. Such findings
    become missing (protections.toml: "missing: no core element is addressed")."""
    from checker.engine.grade import missing_confidence
    from checker.result import ElementState

    units = {c.unit for c in cross if c.kind in _DEFEATER_ONLY and _article(a, c.unit) is not None}
    if not units:
        return
    anchors = {p.id: p.anchor for p in protections}
    evidence = {f.protection: _evidence_units(a, f) if f.status != "missing" else {} for f in findings}
    for f in findings:
        ev = evidence[f.protection]
        # only a clause outside the articles stating other protections ("Any discrepancy ... shall be
        # cause for discharge" in the discipline article): a reversed rule in the immigration article
        # itself ("shall permit agents access upon any warrant") states its protection, reversed
        stating = {_article(a, u) for pid, e in evidence.items() if pid != f.protection for u in e if u not in units}
        alone = {u for u in units if u in ev and _article(a, u) not in stating}
        if not alone or any(ev[u] == e.index and e.status == "matching" for u in alone for e in f.elements):
            continue  # a phrase fired on a clause this protection reads at full strength in
        anchor = anchors.get(f.protection) or ()
        # another protection's clause ("notify the Union ... with copies") only lends this one words
        others = {u for pid, e in evidence.items() if pid != f.protection and not units & set(e) for u in e}
        if any(u not in units and u not in others and a.matcher.groups_matched(anchor, u) >= len(anchor) for u in ev):
            continue  # a sentence of its own on the protection's subject states it
        f.status, f.deviations, f.evidence = "missing", [], []
        f.elements = [ElementState(e.index, "missing") for e in f.elements]
        f.confidence = missing_confidence()


def _top_span(a, unit: int) -> tuple[int, int] | None:
    """(start, end) of the outermost section holding `unit` (its article, side letter or appendix)."""
    section = a.document.section_at(a.units[unit].start)
    if section is None:
        return None
    top = [section, *a.document.ancestors(section)][-1]
    return top.start, top.end


def _article(a, unit: int):
    """The outermost section holding `unit` (its article, side letter or appendix), or None."""
    section = a.document.section_at(a.units[unit].start)
    if section is None:  # no numbered structure: the heading the sentence stands under
        return next((-j - 1 for j in range(unit, -1, -1) if a.units[j].heading), None)
    chain = [section, *a.document.ancestors(section)]
    return chain[-1].start


def _original(a, unit: int, normalized: str) -> str:
    """The words of a normalized stretch of `unit` as the document prints them (else as given)."""
    words = normalized.split()
    if not words:
        return normalized
    pattern = r"\s+".join(re.escape(w) for w in words)
    for j in (unit, *range(unit + 1, min(len(a.units), unit + 30))):
        m = re.search(pattern, a.units[j].text.replace("’", "'").replace("“", '"').replace("”", '"'), re.I)
        if m:
            return a.units[j].text[m.start():m.end()]
    return normalized


def _where(a, unit: int) -> str:
    section = a.document.section_at(a.units[unit].start)
    label = (section.key or section.number) if section else ""
    return f"§{label}" if label else "elsewhere in the document"


def _clip(text: str, n: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


# --- cross-article defeats -----------------------------------------------------------------------

_NEGATED = _Guard("negated_penalty")
_DISCHARGE = _Guard("discharge_penalty")
_CORRECTION = _Guard("correction_exception")
_CONDITIONED = _Guard("conditioned_access")
# a definition that narrows a term narrows every clause using it (LABELS.md conventions)
_EMPLOYEE = re.compile(r"\b[Ee]mployees?\b")
_ACCESS = re.compile(r"\b(?:access|premises|facilit(?:y|ies)|property|workplace|plant|enter|entry|onto|into|terminal|site|"
                     r"worksite|buildings?|grounds|store|warehouse|interview\w*|question\w*)\b")
# a clause with its own verb, not an item completing an offence list's lead-in
_OWN_PREDICATE = re.compile(r"\b(?:shall|will|may|must|is|are|was|were)\b")
# help beyond what a warrant compels (conduct during an enforcement action: no assistance)
_ASSIST = re.compile(r"\b(?:assist\w*|cooperat\w*|aid|aiding|help\w*)\b")
_RECORDS = re.compile(r"\b(?:records?|information|documents?|files?|data|disclos\w*|release|furnish)\b")


@dataclass
class Cross:
    unit: int
    rule: str
    kind: str
    clause: str
    protections: dict[str, str]  # protection id -> what it does to it
    explain: str
    expected: str
    near: bool = False  # reaches only the provision it names or sits in (`spans`)
    spans: list[tuple[int, int]] = field(default_factory=list)
    term: re.Pattern | None = None  # also reaches every protection whose evidence uses this term

    def reaches(self, a, f: Finding, ev: dict[int, int]) -> int | None:
        """The element of `f` this clause defeats, or None. A duty made subject to amendable policies
        in its own sentence ("Subject to the Company's leave policies as amended from time to time,
        the Company shall grant leave ...") is reached too; other kinds are read there by the
        sentence's own checks."""
        if self.unit in ev and self.kind != "discretion":
            return None
        if f.protection not in self.protections:
            using = [el for u, el in ev.items() if self.term is not None and self.term.search(a.units[u].text)]
            return min(using) if using else None
        if self.near:
            for u, el in sorted(ev.items()):
                if any(s <= a.units[u].start < e for s, e in self.spans):
                    return el
            return None
        return min(ev.values())


# a kind the classifier reads -> the registry phrase whose handling it takes
_LEARNED_CROSS = {"learned_defeater.status_definition": "employee_defined_by_status",
                  "learned_defeater.discrepancy_discharge": "discharge_for_any_discrepancy",
                  "learned_defeater.agency_cooperation": "agency_cooperation",
                  "learned_defeater.policy_subordination": "subject_to_policies"}


def cross_article(a) -> list[Cross]:
    cached = a.__dict__.get("_cross_article")
    if cached is not None:
        return cached
    out: list[Cross] = []
    excluded = a.excluded
    phrased = set(_candidates(a, "cross_article"))
    learned = {i: r for i, r in _learned(a).items() if r[0] in defeater_model.CROSS}
    found: dict[str, list] = {}  # the phrases of a sentence the document repeats, searched once
    for i in sorted(phrased | learned.keys()):
        text = a.surfaces[i]
        if i in excluded or not text:
            continue
        if i in phrased:
            hits = found.get(text)
            if hits is None:
                hits = found[text] = _finditer("cross_article", text)
        else:
            hits = []
        if not hits and i in learned:
            hits = _learned_hits(text, learned[i][0])
        for phrase, m in hits:
            clause = _clip(clause_around(a.units[i].text, *_raw_span(a, i, m)) or a.units[i].text, 300)
            item = clause_around(text, m.start(), m.end()) or text  # the list item or clause it is in
            name = _LEARNED_CROSS.get(phrase.id, phrase.id.split(".", 1)[1])
            if name.startswith(("employee_", "unit_")):
                out.append(Cross(i, phrase.id, "scope", clause,
                                 {"status_neutral_coverage_and_nondiscrimination": "scope"},
                                 "\"employee\" is limited elsewhere to people with a Social Security number or "
                                 "work authorization, so the coverage leaves out the workers it protects",
                                 "coverage of every bargaining-unit worker whatever their status",
                                 # a classifier's reading reaches the coverage clause alone, not every
                                 # clause using the word
                                 term=None if isinstance(m, _Reading) else _EMPLOYEE))
            elif name.startswith("discharge_for_"):
                context = " ".join(a.surfaces[j] for j in _lead_in(a, i))
                if _NEGATED.search(item) or not _DISCHARGE.search(context) or _CORRECTION.search(item):
                    continue
                if name == "discharge_for_mismatched_documents" and not _DISCHARGE.search(item) \
                        and _OWN_PREDICATE.search(item):
                    continue  # a sentence of its own ("... no-match letters shall be arbitrable") needs its own penalty
                targets = {}
                if re.search(r"\b(?:names?|social security|ssn|identity|identification|papers|i-9|documents?)\b", item):
                    targets["name_ssn_change_protection"] = "reversed"
                if re.search(r"\bsocial security|\bssn\b|no-?match", item):
                    targets["ssa_no_match_protocol"] = "reversed"
                if re.search(r"work[- ]authori|employment (?:eligibility|authori)|work eligibility|right to work", item):
                    targets["reinstatement_after_work_authorization_loss"] = "reversed"
                out.append(Cross(i, phrase.id, "reversed", clause, targets,
                                 "another provision makes any identity or work-authorization discrepancy grounds "
                                 "for discharge, with no exception for a lawful correction",
                                 "no discipline for a corrected name, Social Security number or work-authorization "
                                 "record"))
            elif name.startswith("agency_"):
                if _CONDITIONED.search(item):
                    continue
                targets = {}
                if _ACCESS.search(text[m.start():m.end() + 60]):
                    targets["judicial_warrant_for_nonpublic_access"] = "reversed"
                if _RECORDS.search(text[m.start():m.end() + 60]):
                    targets["employee_information_privacy"] = "reversed"
                if _ASSIST.search(item):  # "cooperate fully", "assist law enforcement of any kind"
                    targets["conduct_during_enforcement_action"] = "reversed"
                out.append(Cross(i, phrase.id, "reversed", clause, targets,
                                 "another provision lets the employer give any government agency access to its "
                                 "facilities or records, without a judicial warrant",
                                 "no access or records without a judicial warrant or legal compulsion"))
            elif name == "subject_to_policies":
                if _BARGAINED.search(item):
                    continue  # policies the employer may not change alone
                if isinstance(m, _Reading) and not _targets(a, i, text[:m.start()]):
                    continue  # a classifier's reading reaches only a provision it names
                out.append(Cross(i, phrase.id, "discretion", clause, _ALL, "the duty is made subject to "
                                 "employer policies the employer may amend, so the employer can rewrite it",
                                 "a duty the employer cannot change by amending its own policies", near=True,
                                 spans=_targets(a, i, text[:m.start()]) or [_provision_span(a, i)]))
            break  # one defeat per sentence
    a.__dict__["_cross_article"] = out
    return out


class _Everything(dict):
    def __contains__(self, key) -> bool:
        return True


_ALL = _Everything()


def _provision_span(a, unit: int) -> tuple[int, int]:
    """The numbered provision a sentence sits in: its innermost section below an article, else the
    run of sentences from the last labelled one ("6. Protocol ...") to the next."""
    section = a.document.section_at(a.units[unit].start)
    if section is not None and section.kind in ("section", "subsection", "item"):
        return section.start, section.end
    lo = unit
    while lo > 0 and not (a.units[lo].heading or _LABEL.match(a.surfaces[lo].lstrip("*#§ "))):
        lo -= 1
    hi = unit + 1
    while hi < len(a.units) and not (a.units[hi].heading or _LABEL.match(a.surfaces[hi].lstrip("*#§ "))):
        hi += 1
    end = a.units[hi].start if hi < len(a.units) else len(a.document.text)
    return a.units[lo].start, end


def _lead_in(a, unit: int) -> list[int]:
    """The sentence itself and the opening sentences of the sections above it (an offence list's
    "Group A offenses are grounds for immediate discharge:")."""
    out = [unit]
    section = a.document.section_at(a.units[unit].start)
    chain = [section, *a.document.ancestors(section)] if section else []
    for s in chain[:3]:
        units = a.units_between(s.start, s.end)
        out.extend(list(units)[:4])
    out.extend(range(max(0, unit - 3), unit))  # a list's own lead ("Group I:") and the rule above it
    return out
