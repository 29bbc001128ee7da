"""What every format plugin shares: its options and a few helpers for locating evidence."""
from __future__ import annotations

from dataclasses import dataclass

from checker.result import Evidence, Finding


@dataclass(frozen=True)
class Options:
    color: bool = False  # ANSI colours (text only; the CLI decides: a TTY and no NO_COLOR)
    verbose: bool = False  # also the model language to propose
    quiet: bool = False  # only what fails, and the summaries
    fail_on: str = "regression"  # compare: which changes fail the run (checker.compare.failing_changes)


def where(ev: Evidence) -> str:
    """'§14.2, p. 31' or '§3, line 12' — how a finding points into the document."""
    parts = [f"§{ev.section}" if ev.section else "", f"p. {ev.page}" if ev.page else f"line {ev.line}"]
    return ", ".join(p for p in parts if p)


def clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def deviation_line(d) -> str:
    """'hedge, element 1: … (found: as soon as practicable; expected: within 24 hours)'."""
    extra = "; ".join(x for x in (f"found: {d.found}" if d.found else "",
                                  f"expected: {d.expected}" if d.expected else "") if x)
    return f"{d.kind}, element {d.element}: {d.explanation}" + (f" ({extra})" if extra else "")


def message(finding: Finding) -> str:
    """A one-line message for annotations: the title and the first reasons it falls short."""
    if finding.status == "missing" and not finding.deviations:
        return f"{finding.title}: missing"
    reasons = "; ".join(deviation_line(d) for d in finding.deviations[:3])
    return f"{finding.title}: {finding.status}" + (f" — {reasons}" if reasons else "")
