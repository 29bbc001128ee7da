"""How strongly a sentence binds: permissive modality, hedges, grants of discretion, prohibitions.

The mechanisms live here; the phrases are data, the entries of clause_corpus/strength/ (read
through checker.corpus.strength). Every finding names the entry that produced it. All patterns
run on lower-cased, whitespace-normalized text with straight quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

def _lex():
    from checker.corpus.strength import builtin

    return builtin()


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of `text` holding [start, end): from the previous ; or : or item marker to the next."""
    a = max(text.rfind(";", 0, start), text.rfind(":", 0, start)) + 1
    b = min((x for x in (text.find(";", end), text.find(". ", end)) if x != -1), default=len(text))
    return text[a:b + 1].strip()


def eligibility(text: str, lex=None) -> list[Finding]:
    """Conditions that leave some of the bargaining unit out ("for an employee with at least one
    (1) year of seniority", "regular full-time employees only")."""
    return [Finding("scope", m.group(0), m.start(), e.id) for e, m in (lex or _lex()).finditer("eligibility", text)]


def eligibility_limits(text: str) -> list[str]:
    return [f.found for f in eligibility(text)]


def carve_outs(text: str, lex=None):
    """(entry, match) for each narrow legal-compliance carve-out ("except as required by federal law")."""
    return (lex or _lex()).finditer("carve_out", text)


def section_override(text: str, lex=None):
    """(entry, match) of the first exception aimed at a named section ("Notwithstanding Section 8.4",
    "except as provided in Article 22"); the match's group `ref` is the section's number."""
    lex = lex or _lex()
    if not lex.passes("section_override", text):
        return None, None
    return lex.first("section_override", text)


def section_limits(text: str, lex=None):
    """(entry, match) for each statement that named sections reach fewer people or situations
    ("Sections 22.5 through 22.8 apply to Regular Workers only"); groups `a` and `b` bound the range."""
    lex = lex or _lex()
    if lex.passes("section_limit", text):
        for e in lex["section_limit"]:
            for m in e.finditer(text):
                yield e, m


def global_override(text: str, lex=None):
    """(entry, match) of a reservation aimed at everything ("Nothing in this Agreement limits ...",
    "management retains ..."), or (None, None)."""
    lex = lex or _lex()
    m = lex.search("global_override", text)
    return (lex.entry_of("global_override", m), m) if m else (None, None)


def disclaimer(text: str, lex=None):
    """(entry, match) of a provision disclaiming that it creates contract rights; group `what` names
    what it disclaims (article, section, letter ...)."""
    return (lex or _lex()).first("disclaimer", text)


def found_in(category: str, kind: str, text: str, lex=None) -> list[Finding]:
    """Findings of `kind` for each match of the `category` entries, searched as one alternation (what
    a check reading its own strength file uses)."""
    return [Finding(kind, m.group(0), m.start(), e.id) for e, m in (lex or _lex()).finditer(category, text)]


def non_binding(text: str, lex=None) -> list[Finding]:
    """Declarations that a provision binds no one or cannot be grieved ("a statement of intent")."""
    return [Finding("enforceability", m.group(0), m.start(), e.id)
            for e, m in (lex or _lex()).finditer("non_binding", text)]


def vague_time(text: str, lex=None) -> Finding | None:
    """The first vague time ("promptly", "as soon as practicable") where a number belongs."""
    lex = lex or _lex()
    m = lex.search("vague_time", text)
    return Finding("hedge", m.group(0), m.start(), lex.entry_of("vague_time", m).id) if m else None


@dataclass(frozen=True)
class Finding:
    kind: str  # the deviation kind it supports: modality | hedge | discretion | scope | enforceability
    found: str
    start: int
    rule: str = ""  # the strength-lexicon entry that fired


def normalize(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower().split())


_DEFINITE_SUBJECT = re.compile(r"(?:^|[,;:)]\s*|\(\w{1,4}\)\s*)the [a-z][\w-]*\s*$")


def _nearest_party(text: str, pos: int, lex) -> str | None:
    """Who holds the modal at `pos`: "worker" (worker, union, arbitrator...), "employer", or None
    when neither is named before it in the same clause."""
    window = text[max(0, pos - 100):pos]
    cut = max(window.rfind(";"), window.rfind(". "), window.rfind(":"))
    if cut >= 0:
        window = window[cut + 1:]
    right = max((m.end() for e in lex["right_holder"] for m in e.regex.finditer(window)), default=-1)
    boss = max((m.end() for e in lex["employer_side"] for m in e.regex.finditer(window)), default=-1)
    if right < 0 and boss < 0:
        # "The Resort may ...": a party the document names but no list can know; a modal's
        # subject that is not a worker, union or arbitrator is the employer side.
        return "employer" if _DEFINITE_SUBJECT.search(window) else None
    return "worker" if right > boss else "employer"


def permissive(text: str, allow: tuple[str, ...] = (), lex=None) -> list[Finding]:
    lex = lex or _lex()
    t = _mask(text, allow, lex)
    out = []
    taken: list[tuple[int, int]] = []
    for entry in lex["modality"]:
        for m in entry.finditer(t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            owner = _nearest_party(t, m.start(), lex)
            word = m.group(0)
            passive = word.startswith("may be") or t.startswith(" be ", m.end())
            if owner == "worker" and not passive:
                continue  # a worker's, union's or arbitrator's "may" is a right, their "seek" no duty of the employer
            if word == "may" and owner != "employer":
                continue
            taken.append((m.start(), m.end()))
            out.append(Finding("modality", text[m.start():m.end()], m.start(), entry.id))
    return out


def _mask(text: str, allow: tuple[str, ...], lex) -> str:
    """Blank out allowed model wording (and legal carve-outs) so they never read as weakenings."""
    t = text
    for phrase in allow:
        for m in re.finditer(re.escape(phrase.lower()), t):
            t = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    for _, m in carve_outs(t, lex):
        t = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    return t


def hedges(text: str, allow: tuple[str, ...] = (), lex=None) -> list[Finding]:
    lex = lex or _lex()
    t = _mask(text, allow, lex)
    return [Finding("hedge", text[m.start():m.end()], m.start(), e.id) for e in lex["hedge"] for m in e.finditer(t)]


def discretion(text: str, allow: tuple[str, ...] = (), lex=None) -> list[Finding]:
    lex = lex or _lex()
    t = _mask(text, allow, lex)
    # one finding per wording: of overlapping matches the one starting first (the longest of those) wins
    matches = sorted(((m.start(), m.end(), i, e.id) for i, e in enumerate(lex["discretion"])
                      for m in e.finditer(t)),
                     key=lambda span: (span[0], -span[1], span[2]))
    out, last_end = [], -1
    for a, b, _, rule in matches:
        if a >= last_end:
            out.append(Finding("discretion", text[a:b], a, rule))
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


def fired(category: str, text: str, lex=None) -> set[str]:
    """The ids of the `category` entries that fire on `text` through the category's mechanism
    (what the strength lexicon's examples are checked against)."""
    from checker.engine.definitions import narrowing_entry

    lex = lex or _lex()
    t = normalize(text)
    findings = {"modality": permissive, "hedge": hedges, "discretion": discretion, "eligibility": eligibility,
                "non_binding": non_binding}
    if category in findings:
        return {f.rule for f in findings[category](t, lex=lex)}
    if category == "vague_time":
        f = vague_time(t, lex)
        return {f.rule} if f else set()
    if category in ("right_holder", "employer_side", "learned_defeater", "subject", "defeat_guard"):
        return {e.id for e in lex[category] if e.regex.search(t)}
    if category == "carve_out":
        return {e.id for e, _ in carve_outs(t, lex)}
    if category == "section_limit":
        return {e.id for e, _ in section_limits(t, lex)}
    if category in ("section_override", "global_override", "disclaimer"):
        e, _ = {"section_override": section_override, "global_override": global_override,
                "disclaimer": disclaimer}[category](t, lex)
        return {e.id} if e else set()
    if category == "definition_narrowing":
        e = narrowing_entry(t, lex)
        return {e.id} if e else set()
    if lex[category]:  # a category a check brings for itself: one alternation
        return {e.id for e, _ in lex.finditer(category, t)}
    raise ValueError(f"no mechanism reads strength category {category!r}")
