"""Exceptions stated elsewhere that reach an element's evidence: "Notwithstanding Section 8.4 ..."
naming the evidence's section with a permissive or discretionary rule, a provision limiting whom
the section covers, or a general reservation of rights on the same subject (entries:
clause_corpus/strength/section_override.yaml, section_limit.yaml, global_override.yaml). It
reports as `scope` (a limit on coverage) or `discretion` (a way to set the clause aside)."""
from __future__ import annotations

import re

from checker.engine import language
from checker.engine.checks.base import Check
from checker.result import Deviation

_EXPECTED = "no exception that lets the employer set the protection aside"
_GUARD = "^(?!"  # a pattern that only says what a sentence is not ("not about E-Verify notice")


def _guard_member(a, member: str) -> bool:
    """A member that only rules wordings out: an inline `re:^(?!...)` or a concept made of such
    patterns alone (not_retaliation_only, not_third_party_duty...). Nearly any clause passes it."""
    if member.startswith("re:"):
        return member[3:].startswith(_GUARD)
    concept = a.matcher.index.concepts.get(member)
    return concept is not None and not concept.terms and bool(concept.patterns) and all(
        p.startswith(_GUARD) for p in concept.patterns)


def _topical(a, det) -> list:
    """The detector's groups that name a subject: a reservation reaches an element only through
    the element's own subject, never through the guards every unrelated clause passes too."""
    return [g for g in det if not all(_guard_member(a, m) for m in g)]

_ANY_AGENCY = re.compile(r"\b(?:any|all|every) (?:other )?(?:federal|state|local|government(?:al)?|public|outside|law[- ]enforcement)\b"
                         r"[^.;]{0,40}?\b(?:agenc|authorit|officials?|officers?|bod(?:y|ies))", re.I)


def find(a, protection, results) -> list[tuple[object, int, Deviation]]:
    """(element result, unit of the overriding clause, deviation) for each element whose best
    evidence another provision overrides. A provision that replaces the evidence's section with
    weaker wording adds that wording's own deviations to the evidence directly."""
    hits = []
    for res in results:
        if res.best is None or res.best.reversed:
            continue
        index = res.element.index
        ev_unit = res.best.unit
        ev_start = a.units[ev_unit].start
        limit = next(((i, clause, rule) for i, start, end, clause, rule in a.section_limits
                      if i != ev_unit and start <= ev_start < end), None)
        if limit is not None:
            hits.append((res, limit[0], Deviation("scope", index, "another provision limits who or what this clause "
                                                  "covers", limit[1], _EXPECTED, limit[2])))
            continue
        for i, target, clause, weakening, rule in a.section_overrides:
            if i == ev_unit or not target.start <= ev_start < target.end:
                continue
            # the exception must be about this element's subject, not just aimed at its article
            if weakening and any(a.matcher.groups_matched(det, i) >= min(2, len(det)) for det in res.element.detect):
                hits.append((res, i, Deviation("discretion", index, "an exception elsewhere in the document "
                                               "overrides this clause", clause, _EXPECTED, rule)))
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
            for i, clause, rule in a.global_overrides:
                if i == ev_unit:
                    continue
                # a reservation about something else ("the Agency reserves the right to search Agency
                # equipment", "management retains the right to end a job share") never names the
                # protection's subject where it stands: it leaves the protection alone
                # (every agency at once, "cooperate fully with any federal, state or local government
                # agency", names the immigration authorities too)
                if (protection.anchor and not a.matcher.groups_in(protection.anchor, a.context(i))
                        and not _ANY_AGENCY.search(clause)):
                    continue
                # a reservation "as the Contractor deems appropriate" needs less to reach the clause
                need = (lambda det: 2) if language.discretion(clause, lex=a.strength) else (lambda det: max(2, len(det) - 1))
                # the guards every clause passes count only in a reservation on the protection's
                # own subject ("verify work authorization at any time"), not in one that happens to
                # share a word with it ("cooperate fully with any agency" and E-Verify)
                anchor = protection.anchor
                on_subject = not anchor or a.matcher.groups_in_text(anchor, clause) >= len(anchor)
                if any(len(det) >= 2 and a.matcher.groups_in_text(det if on_subject else _topical(a, det), clause)
                       >= need(det)
                       for det in res.element.detect):
                    hits.append((res, i, Deviation("discretion", index, "an exception elsewhere in the document "
                                                   "overrides this clause", clause[:240], _EXPECTED, rule)))
                    break
    return hits


CHECK = Check("override", None, 0, "protection", find,
              "an exception elsewhere in the document (notwithstanding Section 8.4, a limit on whom a "
              "section covers, a reservation of rights) that reaches the clause")
