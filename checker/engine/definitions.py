"""Defined terms that narrow a protection: '"Employee" means a regular employee ... Temporary and
seasonal employees are not Employees', '"Immigration Authorities" means ICE only'. A definition
that narrows a term narrows every clause that uses it (LABELS.md conventions)."""
from __future__ import annotations

import re
from dataclasses import dataclass

_DEFINES = re.compile(
    r"[\"“'‘](?P<term>[A-Z][\w\-/. ]{0,40}?)[\"”'’]\s*(?:\([^)]*\)\s*)?(?:,[^,\"“]{0,50},\s*)?(?:means|shall mean|refers to|"
    r"is defined as|includes only|shall refer to|as used in this agreement means|=)(?:\s|\b)")
# What narrows a definition is data: the entries of clause_corpus/strength/definition_narrowing.yaml.


def narrowing_entry(low: str, lex=None):
    """The first definition_narrowing entry (in file order) that fires on the normalized body of a
    definition, or None."""
    from checker.corpus.strength import builtin

    return next((e for e in (lex or builtin())["definition_narrowing"] if e.search(low)), None)


@dataclass(frozen=True)
class Definition:
    term: str
    unit: int  # the unit that states the definition
    narrowing: str  # the words that narrow it
    pattern: re.Pattern
    rule: str = ""  # the strength-lexicon entry that found the narrowing


# Entities a defined term can stand for. "Agent" = any ICE, HSI, CBP or other DHS officer makes
# every "Agent" in the document an immigration authority; "EE" = any unit employee, a worker.
EXPANDABLE = ("immigration", "immigration_authority", "worker", "union", "family", "non_public_area")


_ALIAS = re.compile(r"[\"“'‘](?P<term>[A-Z][\w\-/. ]{0,60}?)[\"”'’]\s*(?:,\s*)?or\s*$")


def defined_terms(units_text: list[str]) -> list[tuple[str, int, int]]:
    """(term, unit, end of the term's defining words) for every quoted definition; both names of
    '"Federal Enforcement Personnel" or "FEP" means ...' are defined."""
    out = []
    for i, text in enumerate(units_text):
        for m in _DEFINES.finditer(text):
            out.append((m.group("term").strip(), i, m.end()))
            alias = _ALIAS.search(text[:m.start()])
            if alias:
                out.append((alias.group("term").strip(), i, m.end()))
    return out


# A party's short name given in parentheses after its full name: 'and the United Farm Workers of
# America ("the UFW")', 'Teamsters Local 727 (hereinafter "IBT")'. When the full name is a union's,
# the short name stands for the union wherever the document uses it.
_PARTY_ALIAS = re.compile(
    r"(?P<name>[A-Z][\w.,&'’ -]{2,120}?)\s*\((?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?"
    r"[\"“](?:the\s+)?(?P<term>[A-Z][\w&'’ -]{1,40}?)[\"”]\)")
_NAME_START = re.compile(r".*\b(?:and|between|with|by)\s+(?:the\s+)?", re.S)
_UNION_NAME = re.compile(r"\b(?:Union|Local\s+\d+|Workers|Employees|Association|Federation|Brotherhood|Teamsters|"
                         r"Council|Guild|SEIU|UNITE|AFSCME|AFL-CIO|UFCW|Nurses|Laborers|Steelworkers)\b")
_FIRM_NAME = re.compile(r"\b(?:Inc|LLC|L\.L\.C|Corp|Corporation|Company|Co|Ltd|LLP|Hotel|Hospital|County|City)\b")


def union_aliases(text: str) -> list[str]:
    """The short names a document gives a union that is named in full before them (the parties'
    own definitions in a preamble or recognition clause)."""
    out = []
    for m in _PARTY_ALIAS.finditer(text):
        name = _NAME_START.sub("", m.group("name"))
        if _UNION_NAME.search(name) and not _FIRM_NAME.search(name):
            out.append(m.group("term").strip())
    return out


def term_pattern(term: str) -> re.Pattern:
    """The term as the document uses it: case as defined, plural allowed, whole words."""
    plural = r"s?" if not term.endswith("s") else r""
    return re.compile(rf"(?<![\w.]){re.escape(term)}{plural}(?![\w])")


def narrowing_definitions(units_text: list[str], section_text_of, lex=None) -> list[Definition]:
    """Definitions whose own text narrows the defined term. `section_text_of(i)` gives the text of
    the provision unit `i` sits in (a definition often continues in the next sentence)."""
    out = []
    for i, text in enumerate(units_text):
        m = _DEFINES.search(text)
        if not m:
            continue
        term = m.group("term").strip()
        body = section_text_of(i)
        # the definition starts at its own defining words (the definitions before it in the same
        # provision narrow their own terms, not this one) and stops where the next one starts
        start = body.find(m.group(0))
        if start > 0:
            body = body[start:]
        nxt = _DEFINES.search(body, len(m.group(0)) if start >= 0 else 0)
        if nxt:
            body = body[:nxt.start()]
        low = " ".join(body.lower().split())
        entry = narrowing_entry(low, lex)
        if entry is not None:
            plural = r"s?" if not term.endswith("s") else r""
            out.append(Definition(term, i, entry.regex.search(low).group(0),
                                  re.compile(rf"\b{re.escape(term)}{plural}\b"), entry.id))
    return out
