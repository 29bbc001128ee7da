"""What did this draft take away? Two reports of the same protections, compared one by one.

Per protection: the status in each version and the change —
- regression: a worse status (matching -> weakened/missing, weakened -> missing), an element that
  got worse, a parameter made worse (e.g. 9 months -> 4 months), or a new deviation (a new
  exception, hedge, discretion, narrowing…) on the same element;
- improvement: a better status, or deviations removed with none added;
- unchanged: otherwise. `added`/`removed`: the protection is in one report only (another corpus).
Regressions win: a clause that gained one thing and lost another is reported as a regression,
with both reasons listed, because the bargaining team must see what was taken away.
Deviations are told apart by kind, element and what was found, so a clause that stays weakened
but loses more (a second exception, a narrower scope on the same element) is a regression too.

Every regression and improvement also quotes the clause in each version (text, sections, pages),
a word-level diff between them and what the change does in plain words (`checker.clausediff`).

A Word draft with tracked changes compares against itself (`compare_redlines`): its original view
(the text before the changes) is the old version, its accepted view the new one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from checker.clausediff import (
    Clause,
    clause_of,
    deviation_effect,
    effect_sentence,
    removal_effect,
    text_changes,
    word_diff,
)
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
    old_clause: Clause | None = None  # regressions and improvements only: the quoted clauses,
    new_clause: Clause | None = None  # their word-level diff and what the change does
    diff: list[dict] | None = None
    effect: str | None = None

    def to_dict(self) -> dict:
        d = {"protection": self.protection, "title": self.title, "category": self.category,
             "old_status": self.old_status, "new_status": self.new_status, "change": self.change,
             "reasons": list(self.reasons)}
        if self.change in ("regression", "improvement"):
            d["old_clause"] = self.old_clause.to_dict() if self.old_clause else None
            d["new_clause"] = self.new_clause.to_dict() if self.new_clause else None
            d["diff"] = self.diff or []
            d["effect"] = self.effect or ""
        return d


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
        return {"old": old, "new": new, "summary": self.counts(), "changes": [c.to_dict() for c in self.changes]}


def compare(report_old: Report, report_new: Report, corpus=None) -> Comparison:
    """`corpus` gives each protection's parameter direction (is a longer time better?); by default
    the built-in pack when the reports were made with it."""
    directions = _directions(corpus, report_new)
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
        change, reasons, effects = _judge(a, b)
        old_clause, new_clause = clause_of(a), clause_of(b)
        diff = word_diff(old_clause.text if old_clause else "", new_clause.text if new_clause else "")
        if old_clause and new_clause and change != "regression":
            # both versions have the clause and the grades did not get worse: read the wording itself
            worse, gained = text_changes(old_clause.text, new_clause.text, diff, directions.get(pid))
            if worse:
                change = "regression"
                reasons = [r for r, _ in worse] + reasons + [r for r, _ in gained]
                effects = [e for _, e in worse] + effects + [e for _, e in gained]
            elif gained and change == "unchanged":
                change, reasons, effects = "improvement", [r for r, _ in gained], [e for _, e in gained]
        ch = Change(pid, b.title, b.category, a.status, b.status, change, reasons)
        if change in ("regression", "improvement"):
            ch.old_clause, ch.new_clause, ch.diff = old_clause, new_clause, diff
            ch.effect = effect_sentence(change, a, b, effects)
        changes.append(ch)
    return Comparison(report_old.document["path"], report_new.document["path"], changes)


def compare_redlines(path: str, check: Callable[[str], Report]) -> Comparison:
    """What the tracked changes of one Word draft do to each protection: `check(view)` reports
    the "original" view (before the changes) and then the "accepted" one (with them)."""
    comparison = compare(check("original"), check("accepted"))
    comparison.old_view, comparison.new_view = "original", "accepted"
    return comparison


def _directions(corpus, report: Report) -> dict[str, str]:
    """protection id -> "lower"/"higher" when all its parameters agree which way is better."""
    if corpus is None:
        from checker.api import default_corpus

        corpus = default_corpus()
        if corpus.name != report.corpus.get("name"):
            return {}
    out = {}
    for p in corpus.protections:
        ways = {pa.better for el in p.elements for pa in el.parameters}
        if len(ways) == 1:
            out[p.id] = ways.pop()
    return out


def _dev_key(d: Deviation) -> tuple:
    """Parameters pair up by element (their numbers are compared); every other deviation by what
    it found too, so a second exception or a narrower scope on the same element counts as new."""
    if d.kind == "parameter":
        return (d.kind, d.element)
    what = d.found if d.found else d.explanation
    return (d.kind, d.element, " ".join((what or "").lower().split()))


def _judge(a: Finding, b: Finding) -> tuple[str, list[str], list[str]]:
    """The change, its reasons (worse first) and what each reason does in plain words."""
    worse: list[str] = []
    better: list[str] = []
    worse_fx: list[str] = []
    better_fx: list[str] = []
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
        old_devs = {_dev_key(d): d for d in a.deviations}
        new_devs = {_dev_key(d): d for d in b.deviations}
        for key, d in new_devs.items():
            if key not in old_devs:
                worse.append(f"new {d.kind} on element {d.element}: {d.explanation}"
                             + (f" (found: {_short(d.found)})" if d.found else ""))
                worse_fx.append(deviation_effect(d))
            elif d.kind == "parameter":
                verdict = _parameter(old_devs[key], d)
                if verdict == "worse":
                    worse.append(f"parameter made worse on element {d.element}: "
                                 f"'{old_devs[key].found}' → '{d.found}'")
                    worse_fx.append(f"it changes '{old_devs[key].found}' to '{d.found}', a worse number")
                elif verdict == "better":
                    better.append(f"parameter improved on element {d.element}: '{old_devs[key].found}' → '{d.found}'")
                    better_fx.append(f"it changes '{old_devs[key].found}' to '{d.found}', a better number")
        for key, d in old_devs.items():
            if key not in new_devs:
                better.append(f"{d.kind} on element {d.element} removed")
                better_fx.append(removal_effect(d))
    if worse:
        return "regression", worse + better, worse_fx + better_fx
    if better:
        return "improvement", better, better_fx
    return "unchanged", [], []


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


COMPARE_FAIL_ON = ("regression", "weakened", "missing", "never")


def failing_changes(comparison: Comparison, fail_on: str = "regression") -> list[Change]:
    """The changes that fail `compare --fail-on`: `regression` (the default) every regression;
    `weakened`/`missing` every protection NEW has at or below that status (as `check --fail-on`);
    `never` none."""
    if fail_on == "never":
        return []
    if fail_on == "regression":
        return comparison.regressions
    floor = STATUS_RANK[fail_on]
    return [c for c in comparison.changes if c.new_status is not None and STATUS_RANK[c.new_status] >= floor]
