"""What every format plugin shares: its options and a few helpers for locating evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.result import Evidence, Finding


@dataclass(frozen=True)
class Options:
    color: bool = False  # ANSI colours (text only; the CLI decides: a TTY and no NO_COLOR)
    verbose: bool = False  # also the model language to propose
    quiet: bool = False  # only what fails, and the summaries
    lang: str = "en"  # the report's language (checker.i18n.LANGS): its frame and the corpus text
    output: str | None = None  # the file written, when a format picks its kind by extension (brief)
    date: str | None = None  # the date a report carries (ISO); None: today
    fail_on: str = "regression"  # compare: which changes fail the run (checker.compare.failing_changes)


def report_date(options: Options) -> str:
    """The date every human-readable report carries: when it was checked (today, unless given)."""
    from datetime import date

    return options.date or date.today().isoformat()


def reflow(text: str) -> str:
    """Model language without the corpus file's hard line breaks: one line per paragraph, a new
    paragraph at a blank line or at a line opening with "(a)", "1." or "Section"/"Article"."""
    pars = re.split(r"\n\s*\n|\n(?=\s*(?:\([a-z0-9]{1,4}\)|\d+(?:\.\d+)*\.?\s|section\s|article\s|"
                    r"secci[oó]n\s|art[ií]culo\s))", text.strip(), flags=re.I)
    return "\n".join(" ".join(p.split()) for p in pars if p.strip())


def where(ev: Evidence, lang: str = "en") -> str:
    """'§14.2, p. 31' or '§3, line 12' — how a finding points into the document."""
    from checker.i18n import label

    parts = [f"§{ev.section}" if ev.section else "",
             f"{label(lang, 'p.')} {ev.page}" if ev.page else f"{label(lang, 'line')} {ev.line}"]
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
