"""HTML pages: Jinja templates with autoescaping, so every piece of document text is shown as text."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

STATUS_RANK = {"matching": 0, "weakened": 1, "missing": 2}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["pct"] = lambda x: f"{round(float(x) * 100)}%"
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def status_changes(before: dict, after: dict) -> list[dict]:
    """Per protection: its status in each report and whether the later draft is better or worse.

    Fallback for when `checker.compare` is not available; both inputs are report dicts."""
    a = {f["protection"]: f for f in before["findings"]}
    b = {f["protection"]: f for f in after["findings"]}
    order = [f["protection"] for f in after["findings"]] + [p for p in a if p not in b]
    rows = []
    for pid in order:
        fa, fb = a.get(pid), b.get(pid)
        sa = fa["status"] if fa else None
        sb = fb["status"] if fb else None
        if sa is None or sb is None:
            change = "added" if sa is None else "removed"
        elif sa == sb:
            change = "unchanged"
        else:
            change = "improved" if STATUS_RANK[sb] < STATUS_RANK[sa] else "worsened"
        rows.append({"protection": pid, "title": (fb or fa)["title"], "before": sa, "after": sb,
                     "change": change})
    return rows


def compare_summary(rows: list[dict]) -> dict:
    counts = {"improved": 0, "worsened": 0, "unchanged": 0, "added": 0, "removed": 0}
    for r in rows:
        counts[r["change"]] += 1
    return counts
