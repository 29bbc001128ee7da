"""Literal prefilters for regular expressions.

A pattern such as `\\bno[- ]match\\b|\\be-?verify\\b` can only match text that contains "match" or
"verify". Finding those substrings with `str.find` is an order of magnitude faster than running
Python's regex engine over a whole contract, so a full scan first finds the sentences holding one
of a pattern's required literals and runs the pattern on those alone (measured: 21 anchor scans
of a 150-page contract went from 0.31 s to a few milliseconds).
"""
from __future__ import annotations

import re
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


def _conjuncts(items) -> list[frozenset[str]]:
    """Every set of strings that a text must hold one of for the sequence to match in it, from each
    part that every match goes through (its literal runs, groups, alternations, repeats of at least
    one, and positive lookarounds, whose words the text holds though the match does not)."""
    out: list[frozenset[str]] = []

    def add(candidate: frozenset[str] | None) -> None:
        if candidate and all(len(x) >= MIN_LITERAL for x in candidate):
            out.append(candidate)

    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        add(frozenset({run}) if run else None)
        prefix, run = run, ""
        if op is C.SUBPATTERN:
            if av[1] or av[2]:  # a group that sets or clears flags ("(?i:...)") promises nothing here
                continue
            out.extend(_conjuncts(av[-1]))
        elif op is C.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            add(None if any(a is None for a in alts) else frozenset().union(*alts))
            if prefix:
                add(frozenset(prefix + _leading(branch) for branch in av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_conjuncts(av[2]))
        elif op is C.ASSERT:  # "^(?=.*\bgriev)": not in the match, but the text must hold it
            out.extend(_conjuncts(av[1]))
    add(frozenset({run}) if run else None)
    return out


_SCOPED_FLAGS = re.compile(r"\(\?[aiLmsux-]*[ix]")  # "(?i)", "(?x:...)": literals no longer match as written


@cache
def literal_gate(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of literals a text must hold one of each for `pattern` to match anywhere in it (case as
    written: empty for a pattern with case-insensitive or verbose flags, which then runs on every
    text). Checked with `str.__contains__`, an order of magnitude cheaper than the search it saves;
    the longest literals first, as the rarest usually rule a sentence out soonest."""
    if _SCOPED_FLAGS.search(pattern):
        return ()
    try:
        parsed = P.parse(pattern)
        if parsed.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_VERBOSE):
            return ()
        sets = set(_conjuncts(parsed))
    except Exception:  # noqa: BLE001 - any parser surprise just means no gate
        return ()
    return tuple(sorted(sets, key=lambda s: (-min(map(len, s)), sorted(s))))


def passes(gate: tuple[frozenset[str], ...], text: str) -> bool:
    """Whether `text` holds a literal of every set of `gate` (see `literal_gate`)."""
    for literals in gate:
        for lit in literals:
            if lit in text:
                break
        else:
            return False
    return True
