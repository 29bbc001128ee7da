"""Durations in every form contracts write them: "seventy-two (72) hours", "3 business days",
"four months", "one (1) calendar year", "a 90-day period", "one-half (1/2) of a shift",
"immediately". Values are converted to the unit a catalog parameter is stated in."""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"hour": 1, "hr": 1, "day": 24, "week": 168, "month": 730, "year": 8760, "shift": 24,
          "workday": 24, "workweek": 168}  # a shift stands for one working day
_ONES = {"zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_FRACTIONS = {"half": 0.5, "one-half": 0.5, "one half": 0.5, "quarter": 0.25}
_WORD = r"(?:zero|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|" \
        r"ninety|hundred|thousand)"
_WORDS = rf"{_WORD}(?:[\s-]+(?:and[\s-]+)?{_WORD})*"
_DURATION = re.compile(
    rf"\b(?P<num>\d+(?:\.\d+)?|{_WORDS}|one[- ]half|half(?: an?| of an?)?)"
    r"(?:\s*\((?P<paren>\d+(?:\.\d+)?|\d+/\d+)\))?"
    # "two (2) of those days", "one-half of the employee's scheduled shift"
    r"(?:\s+of\s+(?:the\s+|an?\s+|those\s+|these\s+|such\s+)?(?:employee'?s?\s+)?(?:scheduled\s+|regular\s+)?)?"
    r"[\s-]*(?P<qual>(?:(?:business|working|work|calendar|consecutive|full|scheduled|paid|unpaid|"
    r"additional|regular|excused|federal|government)[\s-]+){0,3})"
    r"(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|shifts?|workdays?|workweeks?)\b",
    re.I,
)
# a unit named in a label and its number after the colon: "Paid days per year: four (4)"
_LABELLED = re.compile(
    r"\b(?:(?P<qual>business|working|work)\s+)?(?P<unit>hours?|days?|weeks?|months?|shifts?|workdays?)\b"
    r"[^:\d|;.]{0,50}:\s*(?:up to\s+|at least\s+)?"
    rf"(?!an?\b)(?P<num>\d+(?:\.\d+)?(?![.\d])|{_WORDS}\b)(?:\s*\((?P<paren>\d+(?:\.\d+)?)\))?(?!\s*(?:[.:/-]\s*\d|%|percent|cents|dollars|\$))",
    re.I,
)
# a duration's unit right before "a year" / "an hour" makes that the rate's denominator ("5 days a year")
_PER = re.compile(r"(?:hours?|hrs?|days?|weeks?|months?|shifts?|workdays?)\s*$", re.I)
_IMMEDIATE = re.compile(r"\b(?:immediately|at once|without delay|forthwith|same[- ]day|the same day)\b", re.I)
@dataclass(frozen=True)
class Duration:
    value: float  # in hours
    text: str
    start: int
    end: int
    working: bool = False  # business / working days

    def to(self, unit: str) -> float:
        hours = self.value
        if unit == "hours":
            return hours
        if unit == "days":
            # a working day stands for 7/5 calendar days when a parameter counts calendar days
            return hours / 24 * (7 / 5 if self.working else 1)
        if unit == "working days":
            return hours / 24 * (1 if self.working else 5 / 7)
        if unit == "months":
            return hours / 730
        raise ValueError(unit)


def words_to_number(text: str) -> float | None:
    """'seventy-two' -> 72, 'one hundred twenty' -> 120, 'a' -> 1; None if not a number."""
    t = text.lower().strip()
    if t in _FRACTIONS:
        return _FRACTIONS[t]
    if t.startswith("half"):
        return 0.5
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _number(num: str, paren: str | None) -> float | None:
    if paren:
        if "/" in paren:
            a, b = paren.split("/")
            return float(a) / float(b) if float(b) else None
        return float(paren)
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        return float(num)
    return words_to_number(num)


def find_durations(text: str) -> list[Duration]:
    """Every duration in `text`, in order; "immediately" and its kin count as zero hours."""
    out = []
    for m in _DURATION.finditer(text):
        value = _number(m.group("num"), m.group("paren"))
        if value is None:
            continue
        if m.group("num").lower() in ("a", "an") and _PER.search(text, 0, m.start()):
            continue  # "two (2) days a year": a rate's denominator, not a duration of its own
        unit = m.group("unit").lower().rstrip("s")
        qual = (m.group("qual") or "").lower()
        out.append(Duration(value * _UNITS[unit], m.group(0), m.start(), m.end(),
                            working=bool(re.search(r"\b(?:business|working|work)\b", qual)) or unit == "workday"))
    for m in _LABELLED.finditer(text):
        # "Paid days per year: four (4)", a table cell under its heading ("paid days per year: 5")
        if any(d.start <= m.start("num") < d.end for d in out):
            continue
        value = _number(m.group("num"), m.group("paren"))
        if value is None:
            continue
        unit = m.group("unit").lower().rstrip("s")
        out.append(Duration(value * _UNITS[unit], m.group(0), m.start(), m.end(),
                            working=bool(m.group("qual")) or unit == "workday"))
    for m in _IMMEDIATE.finditer(text):
        out.append(Duration(0.0, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)
