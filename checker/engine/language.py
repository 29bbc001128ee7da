"""How strongly a sentence binds: permissive modality, hedges, grants of discretion, prohibitions.

All patterns run on lower-cased, whitespace-normalized text with straight quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Who a modal belongs to. A worker's, union's or arbitrator's "may" grants a right; it is not a
# permissive employer duty (catalog conventions, samples README).
_RIGHT_HOLDERS = re.compile(
    r"\b(?:employees?|workers?|members?|union|local|stewards?|representatives?|arbitrators?|grievants?|"
    r"applicants?|individuals?|persons?|he|she|they|attorneys?|advocates?|counsel|committee|"
    r"associates?|either party|student workers?|graduate workers?|you|your)\b")
_EMPLOYER_WORDS = re.compile(
    r"\b(?:employer|company|hospital|university|college|hotel|county|city|district|management|managers?|"
    r"supervisors?|contractors?|corporation|owner|board|administration|agency|firm|operator|department|"
    r"security|guards?|foreman|foremen|superintendents?|"
    r"it|the state|school|institution|center|centre|the parties|both parties)\b")

_PERMISSIVE = [
    (re.compile(r"\b(?:will|shall|agrees? to|is to) (?:make |use )?(?:all |every |its |their )?"
                r"(?:reasonable|good[- ]faith|best|commercially reasonable|diligent) efforts?\b"), "reasonable efforts"),
    (re.compile(r"\b(?:reasonable|good[- ]faith|best|every) efforts?\b"), "efforts"),
    (re.compile(r"\b(?:will|shall|agrees? to|should) (?:endeavou?r|attempt|try|strive|seek|aim)\b"), "endeavor"),
    (re.compile(r"\bendeavou?rs?\b"), "endeavor"),
    (re.compile(r"\b(?:will|shall|may) (?:request|ask|encourage|invite)\b"), "request"),
    # "should" as a modal, not the conditional "Should TPS be terminated, ..."
    (re.compile(r"(?<![,;:(]\s)(?<![,;:(])(?<!^)(?<!\) )\bshould\b(?! (?:any|an?|the|such)\b)"), "should"),
    (re.compile(r"\b(?:is|are) encouraged\b"), "encouraged"),
    (re.compile(r"\b(?:will|shall|may) consider\b"), "consider"),
    (re.compile(r"\bintends? to\b"), "intends"),
    (re.compile(r"\bmay be (?:granted|approved|allowed|permitted|given|provided|excused|offered|extended|authorized)\b"),
     "may be granted"),
    (re.compile(r"\bmay, (?:at|in) (?:its|their)\b"), "may"),
    (re.compile(r"\bmay(?! not\b)(?! be (?:present|accompanied|represented))\b"), "may"),
    (re.compile(r"\bis not required to\b|\bneed not\b|\bis not obligated to\b|\bshall not be obligated to\b"),
     "not required"),
]

_HEDGES = [
    re.compile(r"\b(?:where|when|whenever|if|as far as|insofar as) (?:reasonably |operationally )?"
               r"(?:practicable|practical|possible|feasible)\b"),
    re.compile(r"\bas soon as (?:reasonably )?(?:practicable|possible|feasible)\b"),
    re.compile(r"\bto the (?:maximum |fullest |greatest )?extent (?:reasonably |operationally )?"
               r"(?:practicable|practical|possible|feasible)\b"),
    re.compile(r"\b(?:if|when|whenever|where|as|so long as|provided|to the extent) (?:the )?(?:[\w'-]+ )?"
               r"(?:circumstances|operations|operational needs|staffing(?: levels| needs)?|business needs|"
               r"conditions|time|workload|scheduling|production(?: needs)?|coverage) (?:permits?|allows?)\b"),
    re.compile(r"\bif (?:practicable|possible|feasible)\b"),
    re.compile(r"\bwithin reason\b"),
    re.compile(r"\b(?:normally|generally|ordinarily|usually|typically|as a (?:general )?rule|in most cases)\b"
               r"(?! (?:scheduled|assigned|worked|paid|applicable|accepted|recognized|available|required|used)\b)"),
]

_DISCRETION = [
    re.compile(r"\b(?:sole|absolute|exclusive|unfettered|reasonable) discretion\b"),
    re.compile(r"\b(?:at|in|within) (?:the )?(?:discretion|judgment|judgement|opinion)\b"),
    re.compile(r"\b(?:at|in) (?:its|their|the [\w-]+'s|[\w-]+'s) (?:sole |absolute |own |reasonable |good[- ]faith )?"
               r"(?:discretion|judgment|judgement|opinion|option|determination)\b"),
    re.compile(r"\bas (?:it|they|the [\w-]+|management) (?:deems?|determines?|considers?|finds?|judges?|sees fit)\b"),
    re.compile(r"\b(?:deems?|considers?|determines?|judges?) (?:it )?(?:is )?(?:necessary|appropriate|advisable|"
               r"warranted|prudent|reasonable)\b"),
    re.compile(r"\bunless (?!(?:[\w'-]+ ){0,3}?(?:employee|worker|union|grievant|arbitrator)s?\b)"
               r"(?:the |its )?(?:[\w-]+'s )?(?:[\w-]+ ){0,2}(?:determines|decides|concludes|finds|deems)\b"),
    re.compile(r"\bto the extent (?:permitted|allowed|authorized|consistent with|required) by (?:applicable )?"
               r"(?:law|statute|regulation)s?\b(?! to)"),
    re.compile(r"\bto the extent (?:permitted|allowed) under\b"),
    re.compile(r"\b(?:as|where|when|if|insofar as) (?:otherwise )?(?:permitted|allowed|authorized|not prohibited) "
               r"(?:by|under) (?:applicable )?(?:federal |state )?(?:law|statute)s?\b"),
    re.compile(r"\bsubject to (?:the [\w-]+'s )?(?:operational|business|staffing|scheduling|production) "
               r"(?:needs|requirements|necessity|considerations)\b"),
    re.compile(r"\bsubject to (?:management|the (?:[\w-]+ ){0,3}[\w-]+'s) (?:prior )?(?:approval|consent|rights?|"
               r"discretion|authorization)\b"),
    re.compile(r"\bsee fit\b|\bsees fit\b"),
    re.compile(r"\bas (?:determined|decided|judged|approved) by (?:the [\w-]+|management|its)\b"),
    re.compile(r"\b(?:where|when|if|whenever) (?:the [\w-]+(?: [\w-]+){0,3}|management|it) "
               r"(?:determines|decides|finds(?! out)|concludes|deems|believes)\b"),
    re.compile(r"\bsubject to (?:the )?availability of (?:funds|funding|positions|resources)\b"),
    re.compile(r"\b(?:considers?|deems?|judges?|believes?|finds?) (?:that )?(?:[\w'-]+ ){0,6}?(?:to be |is |would be )?"
               r"in (?:the |its |their )?(?:[\w'-]+ )?(?:best )?interests?\b"),
    re.compile(r"\b(?:if|when|provided|so long as|once|where) (?:the |a |an |its )?(?:[\w-]+ ){0,3}"
               r"(?:manager|supervisor|employer|company|director|administrator|management|department head|"
               r"superintendent|principal|owner)(?: [\w-]+){0,3} (?:agrees|consents|approves|permits|allows|authorizes)\b"),
    re.compile(r"\bsubject to (?:the )?(?:prior )?(?:approval|appropriation|authorization|consent)\b"),
    re.compile(r"\bwith (?:the )?(?:prior )?(?:approval|consent|permission|authorization) of (?:the|its|his|her|their|"
               r"management|a|an)\b(?! (?:union|employee|worker|grievant)\b(?!'s))"),
    re.compile(r"\bif (?:funding|funds|budget) (?:permits?|allows?)\b"),
    re.compile(r"\bgood[- ]faith (?:judgment|judgement|belief|determination)\b"),
    re.compile(r"\bcooperate (?:fully )?with (?:all )?(?:law enforcement|government|immigration)"),
]

# Narrow legal-compliance carve-outs are normal in model language and are not weakenings.
LEGAL_CARVE_OUT = re.compile(
    r"\b(?:except|unless|other than|save|but only) (?:as |where |when |to the extent |if )?(?:otherwise )?"
    r"(?:(?:it|the \w+) )?(?:(?:is|are|may be|shall be) )?"
    r"(?:required|compelled|mandated|ordered) by (?:applicable |a |an )?(?:federal |state )?(?:or state )?"
    r"(?:law|statute|regulation|court order|judicial warrant|subpoena|court)")

# "Notwithstanding Section 8.4 ..." / "except as provided in Article 22": an exception aimed at a
# named section. "Nothing in this Agreement limits ...": a reservation aimed at everything.
OVERRIDE = re.compile(
    r"\bnotwithstanding (?:the provisions of |anything in )?(?:section|article|§|sec\.|art\.|paragraph)\s*"
    r"(?P<ref>[\w.()-]+)|\bexcept as (?:otherwise )?provided in (?:section|article|§|sec\.|art\.)\s*(?P<ref2>[\w.()-]+)|"
    r"\b(?:section|article|§|sec\.|art\.)\s*(?P<ref3>[\w.()-]+?),? notwithstanding\b|"
    r"\b(?:supersedes?|replaces?|(?:is |are )?in lieu of) (?:the provisions of )?(?:section|article|§|sec\.|art\.|paragraph)"
    r"\s*(?P<ref4>[\w.()-]+)")
# "Sections 22.5 through 22.8 apply to Regular Workers only", "Seasonal Workers are not covered by
# Sections 22.5 through 22.8", "Section 14.3 shall not apply to the Fort Calloway project": the named
# provisions reach fewer people or situations than they say.
_NUM = r"[\w()-]+(?:\.[\w()-]+)*"
_REF = rf"(?:sections?|articles?|§§?|paragraphs?)\s*(?P<a>{_NUM})(?:\s*(?:through|to|and|-|–)\s*(?P<b>{_NUM}))?"
LIMITS = (
    re.compile(rf"\b{_REF},? (?:appl(?:y|ies)|shall apply) (?:only )?to [^.;]{{1,80}}?\bonly\b"),
    re.compile(rf"\b(?:are|is|shall be) not covered by {_REF}(?=[\s.,;]|$)"),
    re.compile(rf"\b{_REF},? (?:shall|do|does|will) not (?:apply|extend)\b"),
)
GLOBAL_OVERRIDE = re.compile(
    r"\bnothing in this (?:agreement|contract|article|memorandum|section)\b.{0,120}?\b(?:limit|restrict|prevent|"
    r"prohibit|impair|waive|construed|interfere)|\bnotwithstanding any (?:other )?provision\b|"
    r"\bmanagement (?:retains|reserves)\b|\breserves? (?:the|its) (?:sole )?right\b")


# Conditions that leave some of the bargaining unit out: "for an employee with at least one (1)
# year of seniority", "employees who have completed probation", "regular full-time employees only".
_ELIGIBILITY = re.compile(
    r"\b(?:for|to) (?:an?|any|each|those|such) (?:\w+ )?(?:employees?|workers?|members?)s? (?:with|who (?:has|have)|having) "
    r"(?:at least |more than |not less than |completed |a minimum of )?(?:\w+[ -]?){0,3}(?:\(\d+\) )?"
    r"(?:years?|months?|days?) of (?:seniority|service|employment|continuous service)|"
    r"\b(?:employees?|workers?) who (?:has|have) (?:completed|passed) (?:the|their|his or her|a) "
    r"(?:probationary|trial|introductory) period|"
    r"\b(?:regular|permanent|full[- ]time|non-probationary)(?: full[- ]time)? (?:employees?|workers?) only\b|"
    r"\bonly (?:to |for )?(?:regular|permanent|full[- ]time|non-probationary|seniority) (?:employees?|workers?)\b|"
    r"\bafter (?:completing|completion of) (?:the|their|his or her) probationary period\b")


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of `text` holding [start, end): from the previous ; or : or item marker to the next."""
    a = max(text.rfind(";", 0, start), text.rfind(":", 0, start)) + 1
    b = min((x for x in (text.find(";", end), text.find(". ", end)) if x != -1), default=len(text))
    return text[a:b + 1].strip()


def eligibility_limits(text: str) -> list[str]:
    return [m.group(0) for m in _ELIGIBILITY.finditer(text)]


@dataclass(frozen=True)
class Finding:
    kind: str  # modality | hedge | discretion
    found: str
    start: int


def normalize(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower().split())


_DEFINITE_SUBJECT = re.compile(r"(?:^|[,;:)]\s*|\(\w{1,4}\)\s*)the [a-z][\w-]*\s*$")


def _nearest_party(text: str, pos: int) -> str | None:
    """Who holds the modal at `pos`: "worker" (worker, union, arbitrator...), "employer", or None
    when neither is named before it in the same clause."""
    window = text[max(0, pos - 100):pos]
    cut = max(window.rfind(";"), window.rfind(". "), window.rfind(":"))
    if cut >= 0:
        window = window[cut + 1:]
    right = max((m.end() for m in _RIGHT_HOLDERS.finditer(window)), default=-1)
    boss = max((m.end() for m in _EMPLOYER_WORDS.finditer(window)), default=-1)
    if right < 0 and boss < 0:
        # "The Resort may ...": a party the document names but no list can know; a modal's
        # subject that is not a worker, union or arbitrator is the employer side.
        return "employer" if _DEFINITE_SUBJECT.search(window) else None
    return "worker" if right > boss else "employer"


def permissive(text: str, allow: tuple[str, ...] = ()) -> list[Finding]:
    t = _mask(text, allow)
    out = []
    taken: list[tuple[int, int]] = []
    for pattern, _name in _PERMISSIVE:
        for m in pattern.finditer(t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            owner = _nearest_party(t, m.start())
            word = m.group(0)
            passive = word.startswith("may be") or t.startswith(" be ", m.end())
            if owner == "worker" and not passive:
                continue  # a worker's, union's or arbitrator's "may" is a right, their "seek" no duty of the employer
            if word == "may" and owner != "employer":
                continue
            taken.append((m.start(), m.end()))
            out.append(Finding("modality", text[m.start():m.end()], m.start()))
    return out


def _mask(text: str, allow: tuple[str, ...]) -> str:
    """Blank out allowed model wording (and legal carve-outs) so they never read as weakenings."""
    t = text
    for phrase in allow:
        for m in re.finditer(re.escape(phrase.lower()), t):
            t = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    for m in LEGAL_CARVE_OUT.finditer(t):
        t = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    return t


def hedges(text: str, allow: tuple[str, ...] = ()) -> list[Finding]:
    t = _mask(text, allow)
    return [Finding("hedge", text[m.start():m.end()], m.start()) for p in _HEDGES for m in p.finditer(t)]


def discretion(text: str, allow: tuple[str, ...] = ()) -> list[Finding]:
    t = _mask(text, allow)
    # one finding per wording: of overlapping matches the one starting first (the longest of those) wins
    matches = sorted(((m.start(), m.end()) for p in _DISCRETION for m in p.finditer(t)),
                     key=lambda span: (span[0], -span[1]))
    out, last_end = [], -1
    for a, b in matches:
        if a >= last_end:
            out.append(Finding("discretion", text[a:b], a))
            last_end = b
    return out


_NEGATION_BEFORE = re.compile(r"\b(?:not|never|no|nor|cannot|nobody)\b(?:\s+[^\s;]+){0,7}\s*$")
_CLAUSE_BREAK = re.compile(r"[;.:]\s|,\s*(?:and|but|or|provided|except)\b")


def negated_at(text: str, pos: int) -> bool:
    """A negation just before `pos` ("shall not require anyone to speak only English"): words that
    would reverse a protection are forbidden there, so they protect rather than reverse."""
    window = text[max(0, pos - 80):pos]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return bool(_NEGATION_BEFORE.search(window[breaks[-1]:] if breaks else window))
