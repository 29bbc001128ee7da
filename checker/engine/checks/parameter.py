"""Numbers worse than the model's: a longer deadline, a shorter period, or none at all (the
element's `parameters`; vague times from clause_corpus/strength/vague_time.yaml)."""
from __future__ import annotations

import re

from checker.corpus.patterns import compiled
from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.engine.numbers import find_durations
from checker.result import Deviation

# A number counts for a parameter only this close to one of its cue words (characters).
CUE_DISTANCE = 140

# Words by which a sentence continues the clause before it rather than starting its own (anaphora:
# structure, not strength, so it stays with the mechanism).
_POINTS_BACK = re.compile(r"\b(?:such|said)\b(?! as\b)|\b(?:this|that|the same|the|these)\s+(?:leave|time off|period|notice|"
                          r"release|absence|payment|benefit|right|protection)s?\b(?! of\b)|"
                          r"\bunder (?:this|the preceding|subsection|paragraph|item|\()")


def find(ctx: Context) -> list[Deviation]:
    out: list[Deviation] = []
    for p in ctx.element.parameters:
        out.extend(_parameter(p, ctx.element, ctx.analysis, ctx.unit, ctx.passage))
    return out


def _parameter(p, el, a, unit: int, passage: frozenset[int]) -> list[Deviation]:
    cue_res = [compiled(c) for c in p.cues]
    # nearest first; at equal distance the sentence after (which usually completes the duty) wins
    order = [unit] + sorted(_same_clause(el, a, unit, passage) - {unit}, key=lambda i: (abs(i - unit), i < unit))
    values = []
    for i in order:
        if i != unit and _is_row(a, i) and not any(a.matcher.detector(det, frozenset({i})) for det in el.detect):
            continue  # another row of the table ("| Bereavement | 3 days |") says nothing of this element
        for text in _readings(a, i):
            cue_pos = [m.start() for r in cue_res for m in r.finditer(text)]
            for d in find_durations(text):
                if cue_res and not any(abs(c - d.start) <= CUE_DISTANCE for c in cue_pos):
                    continue
                if d.value == 0 and p.better == "higher":
                    continue  # "forthwith notified ... the full contest period": a deadline, not the period's length
                values.append(d)
        if values:
            found_in = i
            break
    else:
        found_in = None
    if not values:
        values = _scheduled(a, unit)  # "within the time set in the Schedule of Deadlines"
    model = f"{p.model:g} {p.unit}"
    better = "or fewer" if p.better == "lower" else "or more"
    if not values:
        if not p.required:
            return []
        vague = language.vague_time(a.surfaces[unit], a.strength)
        if vague:
            return [Deviation("hedge", el.index, f"a vague time ('{vague.found}') instead of a number",
                              vague.found, f"within {model}", vague.rule),
                    Deviation("parameter", el.index, f"no number of {p.unit} is stated; the model sets {model}",
                              vague.found, f"{model} {better}", p.rule)]
        return [Deviation("parameter", el.index, f"no number of {p.unit} is stated; the model sets {model}",
                          "no time stated", f"{model} {better}", p.rule)]
    pick = min(values, key=lambda d: d.to(p.unit)) if p.better == "lower" else max(values, key=lambda d: d.to(p.unit))
    got = pick.to(p.unit)
    worse = got > p.model + 1e-6 if p.better == "lower" else got < p.model - 1e-6
    if not worse and p.better == "higher" and found_in is not None and not _is_row(a, found_in):
        cut = _cut_short(a.surfaces[found_in], pick)
        if cut:
            return [Deviation("parameter", el.index,
                              f"'{pick.text}' can end sooner: '{cut}' lets another event cut the {p.unit} short "
                              f"of the model's {model}", cut, f"{model} {better}", p.rule)]
    if not worse:
        return []
    return [Deviation("parameter", el.index,
                      f"'{pick.text}' is about {got:.3g} {p.unit}, worse than the model's {model} "
                      f"({'shorter' if p.better == 'lower' else 'longer'} is better)",
                      pick.text, f"{model} {better}", p.rule)]


# A period that ends at another event if that comes first ("ninety (90) days or until completion of the
# worker's scope of work, whichever is sooner"): the number is a ceiling, not the period the model sets.
_SOONER = re.compile(r"\bor (?:until |upon |at |on )?[^.;]{1,120}?,? whichever (?:is |occurs |comes |happens )?"
                     r"(?:sooner|earlier|first|less|shorter|lesser)\b")


def _cut_short(text: str, pick) -> str:
    """The words that let another event end the period `pick` states before it runs out, or ""."""
    m = _SOONER.search(text, pick.end, pick.end + 160)
    return m.group(0) if m and m.start() - pick.end <= 20 else ""


# A clause that leaves its time to a schedule elsewhere ("within the times set in the Schedule of
# Deadlines"), and the label that opens a numbered paragraph ("C.1", "12.4", "K-2")
_SCHEDULED = re.compile(r"\b(?:set|stated|specified|listed|shown|fixed|provided)(?: (?:out|forth))? (?:in|by) "
                        r"(?:the )?(?:\w+ ){0,2}(?:schedule|table|appendix|exhibit|chart)\b", re.I)
_LABEL = re.compile(r"^\s*(?P<label>[A-Z]{1,2}[.-]\d{1,3}(?:\.\d{1,3})?|\d{1,3}(?:\.\d{1,3}){1,3})(?=[\s:)])")
SCHEDULE_ROW_CHARS = 400  # a schedule's row with its continuation lines, at most


def _scheduled(a, unit: int) -> list:
    """The durations the schedule's row for this clause gives: the row that opens with the label of
    the clause's paragraph ("C.1   Agency visit ...   Union, by telephone   2 hours"), with its
    continuation lines. Nothing when the clause names no schedule, has no label, or no row holds a
    number."""
    if not _SCHEDULED.search(a.surfaces[unit]):
        return []
    opening = min(a._paragraph_opening(unit))
    m = _LABEL.match(a.units[opening].text)
    if m is None:
        return []
    text = a.document.text
    own = a.units[opening].start
    row = re.compile(rf"(?m)^[ \t]*{re.escape(m.group('label'))}[ \t]+(?P<row>[^\n]*(?:\n(?![ \t]*(?:[A-Z]{{1,2}}[.-]\d|\d+\.\d)|[ \t]*\n)[^\n]*)*)")
    for r in row.finditer(text):
        if r.start() <= own < r.end() or own <= r.start() < a.units[unit].end:
            continue  # the clause itself
        found = find_durations(" ".join(r.group("row")[:SCHEDULE_ROW_CHARS].split()).lower())
        if found:
            return found
    return []


def _is_row(a, i: int) -> bool:
    return a.surfaces[i].lstrip().startswith("|")


def _readings(a, i: int) -> list[str]:
    """The texts a unit's numbers are read in: the sentence itself, or for a table row each cell
    after its column's heading ("paid days per year: 3", "additional unpaid: up to 20 days"), so a
    number counts for a cue in its own column only."""
    if not _is_row(a, i):
        return [a.surfaces[i]]
    head = i
    while head > 0 and _is_row(a, head - 1):
        head -= 1
    cells = _cells(a.surfaces[i])
    if head == i:
        return cells
    headers = _cells(a.surfaces[head])
    return [f"{headers[k] if k < len(headers) else ''}: {cell}" for k, cell in enumerate(cells)]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _same_clause(el, a, unit: int, passage: frozenset[int]) -> frozenset[int]:
    """The sentences of `passage` a number may be charged from: those of the unit's own list item,
    and sibling items that state the element themselves. "(b) ... one-half shift ... to attend a
    naturalization ceremony" says nothing about the length of the hearing leave in "(a)"."""
    own = a.document.section_at(a.units[unit].start)
    if own is None or own.kind != "item":
        return passage
    clause = set(a.units_between(own.start, own.end))
    rest = passage - clause
    stating = {i for det in el.detect for i in a.matcher.detector(det, frozenset(rest))} if rest else set()
    # "(b) Up to three (3) workdays of such leave ... shall be paid": an item that points back
    # continues the clause
    stating |= {i for i in rest if _POINTS_BACK.search(a.surfaces[i])}
    return frozenset((passage & clause) | stating)


CHECK = Check("parameter", "parameter", 2, "sentence", find,
              "a number worse than the model's, or none where the model requires one")
