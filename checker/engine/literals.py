"""Literal prefilters for regular expressions.

A pattern such as `\\bno[- ]match\\b|\\be-?verify\\b` can only match text that contains "match" or
"verify". Finding those substrings with `str.find` is an order of magnitude faster than running
Python's regex engine over a whole contract, so a full scan first finds the sentences holding one
of a pattern's required literals and runs the pattern on those alone (measured: 21 anchor scans
of a 150-page contract went from 0.31 s to a few milliseconds).
"""
from __future__ import annotations

from functools import cache
from re import _constants as C  # noqa: PLC2701 - the stdlib's own regex parser
from re import _parser as P  # noqa: PLC2701

MIN_LITERAL = 3  # shorter literals ("no", "9") occur nearly everywhere and filter nothing


def _required(items) -> frozenset[str] | None:
    """A set of strings one of which every match contains, or None if none can be found."""
    best: frozenset[str] | None = None

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and all(len(x) >= MIN_LITERAL for x in candidate):
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        consider(frozenset({run}) if run else None)
        prefix, run = run, ""
        if op is C.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is C.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            consider(None if any(a is None for a in alts) else frozenset().union(*alts))
            if prefix:  # "t(?:ncs?|entative)": the parser factored a shared first letter out of the branches
                consider(frozenset(prefix + _leading(branch) for branch in av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
        # AT (\b, ^), lookarounds, classes and optional parts promise no literal
    consider(frozenset({run}) if run else None)
    return best


def _leading(items) -> str:
    """The literal characters a sequence starts with."""
    out = ""
    for op, av in items:
        if op is not C.LITERAL:
            break
        out += chr(av)
    return out


# Prefilters computed by an earlier run and stored with the compiled corpus (checker/corpus/cache.py).
_KNOWN: dict[str, frozenset[str] | None] = {}


def remember(known: dict[str, frozenset[str] | None]) -> None:
    _KNOWN.update(known)


@cache
def required_literals(pattern: str) -> frozenset[str] | None:
    """The literals a match of `pattern` must contain one of (None: no usable prefilter)."""
    if pattern in _KNOWN:
        return _KNOWN[pattern]
    try:
        return _required(P.parse(pattern))
    except Exception:  # noqa: BLE001 - any parser surprise just means no prefilter
        return None
