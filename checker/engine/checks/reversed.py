"""Wording that licenses what the protection forbids ("the Employer reserves the right to reverify
at any time"): the element's `reversed` rules in its protection file. Such a sentence also counts
as addressing the element, and it undercuts a stronger clause elsewhere (LABELS.md)."""
from __future__ import annotations

from typing import Callable

from checker.engine import language
from checker.engine.checks.base import Check
from checker.result import Deviation


def find(el, a, zone, usable: Callable[[int], bool]) -> list[tuple[int, Deviation]]:
    """(unit, deviation) for each sentence in `zone` stating a reversal the element names, unless
    a negation right before it forbids it ("shall not require ... English only")."""
    out = []
    for r in el.reversed:
        for u in sorted(a.matcher.detector(r.detect, zone)):
            if u in a.excluded or not usable(u):
                continue
            starts = a.matcher.pattern_starts(r.detect, u)
            if starts and language.negated_at(a.surfaces[u], min(starts)):
                continue
            out.append((u, Deviation("reversed", el.index, r.explain, a.units[u].text[:160], rule=r.rule)))
    return out


CHECK = Check("reversed", "reversed", 5, "element", find,
              "wording that licenses what the protection forbids")
