"""What did this draft take away? Two reports of the same protections, compared one by one.

Per protection: the status in each version and the change —
- regression: a worse status (matching -> weakened/missing, weakened -> missing), an element that
  got worse, a parameter made worse (e.g. 9 months -> 4 months), or a new deviation (a new
  exception, hedge, discretion, narrowing…) on the same element;
- improvement: a better status, or deviations removed with none added;
- unchanged: otherwise. `added`/`removed`: the protection is in one report only (another corpus).
Regressions win: a clause that gained one thing and lost another is reported as a regression,
with both reasons listed, because the bargaining team must see what was taken away.

A Word draft with tracked changes compares against itself (`compare_redlines`): its original view
(the text before the changes) is the old version, its accepted view the new one.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Callable

from checker.result import Deviation, Finding, Report
from checker.run import STATUS_RANK

CHANGES = ("regression", "improvement", "unchanged", "added", "removed")
CHANGE_MARK = {"regression": "▼", "improvement": "▲", "unchanged": "=", "added": "+", "removed": "-"}


@dataclass
class Change:
    protection: str
    title: str
    category: str
    old_status: str | None
    new_status: str | None
    change: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    old_path: str
    new_path: str
    changes: list[Change]
    old_view: str | None = None  # "original"/"accepted" when one DOCX's redlines are compared
    new_view: str | None = None

    @property
    def old_label(self) -> str:
        return f"{self.old_path} ({self.old_view})" if self.old_view else self.old_path

    @property
    def new_label(self) -> str:
        return f"{self.new_path} ({self.new_view})" if self.new_view else self.new_path

    @property
    def regressions(self) -> list[Change]:
        return [c for c in self.changes if c.change == "regression"]

    def counts(self) -> dict[str, int]:
        return {k: sum(c.change == k for c in self.changes) for k in CHANGES}

    def to_dict(self) -> dict:
        old, new = {"path": self.old_path}, {"path": self.new_path}
        if self.old_view:
            old["revisions"] = self.old_view
        if self.new_view:
            new["revisions"] = self.new_view
        return {"old": old, "new": new, "summary": self.counts(), "changes": [asdict(c) for c in self.changes]}


def compare(report_old: Report, report_new: Report) -> Comparison:
    old = {f.protection: f for f in report_old.findings}
    new = {f.protection: f for f in report_new.findings}
    order = [f.protection for f in report_new.findings] + [p for p in old if p not in new]
    changes = []
    for pid in order:
        a, b = old.get(pid), new.get(pid)
        ref = b or a
        if a is None or b is None:
            changes.append(Change(pid, ref.title, ref.category, a and a.status, b and b.status,
                                  "added" if a is None else "removed",
                                  ["only in the new report" if a is None else "only in the old report"]))
            continue
        change, reasons = _judge(a, b)
        changes.append(Change(pid, b.title, b.category, a.status, b.status, change, reasons))
    return Comparison(report_old.document["path"], report_new.document["path"], changes)


def compare_redlines(path: str, check: Callable[[str], Report]) -> Comparison:
    """What the tracked changes of one Word draft do to each protection: `check(view)` reports
    the "original" view (before the changes) and then the "accepted" one (with them)."""
    comparison = compare(check("original"), check("accepted"))
    comparison.old_view, comparison.new_view = "original", "accepted"
    return comparison


def _judge(a: Finding, b: Finding) -> tuple[str, list[str]]:
    worse: list[str] = []
    better: list[str] = []
    if STATUS_RANK[b.status] > STATUS_RANK[a.status]:
        worse.append(f"status {a.status} → {b.status}")
    elif STATUS_RANK[b.status] < STATUS_RANK[a.status]:
        better.append(f"status {a.status} → {b.status}")
    if b.status != "missing" and a.status != "missing":
        old_el = {e.index: e.status for e in a.elements}
        for e in b.elements:
            before = old_el.get(e.index)
            if before and STATUS_RANK[e.status] > STATUS_RANK[before]:
                worse.append(f"element {e.index} {before} → {e.status}")
            elif before and STATUS_RANK[e.status] < STATUS_RANK[before]:
                better.append(f"element {e.index} {before} → {e.status}")
        old_devs = {_key(d): d for d in a.deviations}
        new_devs = {_key(d): d for d in b.deviations}
        for key, d in new_devs.items():
            if key not in old_devs:
                worse.append(f"new {d.kind} on element {d.element}: {d.explanation}"
                             + (f" (found: {_short(d.found)})" if d.found else ""))
            elif d.kind == "parameter":
                verdict = _parameter(old_devs[key], d)
                if verdict == "worse":
                    worse.append(f"parameter made worse on element {d.element}: "
                                 f"'{old_devs[key].found}' → '{d.found}'")
                elif verdict == "better":
                    better.append(f"parameter improved on element {d.element}: '{old_devs[key].found}' → '{d.found}'")
        for key, d in old_devs.items():
            if key not in new_devs:
                better.append(f"{d.kind} on element {d.element} removed")
    if worse:
        return "regression", worse + better
    if better:
        return "improvement", better
    return "unchanged", []


def _key(d: Deviation) -> tuple:
    """Deviations are matched by kind and element; an enforceability defeat also by the clause that
    defeats it, so a new exclusion is a regression even where the protection already had one."""
    if d.kind == "enforceability":
        return d.kind, d.element, " ".join((d.found or "").split())
    return d.kind, d.element


def _parameter(old: Deviation, new: Deviation) -> str | None:
    """'worse', 'better' or None, comparing the durations found (hours) in the direction the
    deviation's explanation states ('shorter is better' / 'longer is better')."""
    from checker.engine.numbers import find_durations

    def hours(d: Deviation) -> float | None:
        found = find_durations(d.found or "")
        return found[0].value if found else None

    h_old, h_new = hours(old), hours(new)
    if h_old is None or h_new is None or h_old == h_new:
        return None
    longer_better = "longer is better" in (new.explanation or "")
    shorter_better = "shorter is better" in (new.explanation or "")
    if not (longer_better or shorter_better):
        return None
    got_longer = h_new > h_old
    return "better" if got_longer == longer_better else "worse"


def _short(text: str, n: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"
