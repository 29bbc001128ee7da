"""The group the text and HTML reports show first among weakened findings: protections that read
at full strength where they are stated but cannot be enforced (deviation kind `enforceability`),
each with the clause that defeats it quoted."""
from __future__ import annotations

from checker.result import Deviation, Finding, Report

HEADING = "Reads strong but cannot be enforced"


def unenforceable(report: Report) -> list[tuple[Finding, list[Deviation]]]:
    """(finding, its enforceability deviations) for each weakened finding that has any, in catalog order."""
    out = []
    for f in report.findings:
        devs = [d for d in f.deviations if d.kind == "enforceability"]
        if f.status == "weakened" and devs:
            out.append((f, devs))
    return out


def defeating_clause(d: Deviation) -> str:
    """The clause that defeats the protection, as the deviation quotes it."""
    return " ".join((d.found or "").split())


def reason(d: Deviation) -> str:
    """'excluded from the grievance and arbitration procedure (§9.7)': the explanation without its preamble."""
    text = d.explanation
    prefix = "reads at full strength but cannot be enforced: "
    return text[len(prefix):] if text.startswith(prefix) else text


def _defeats(devs) -> list[tuple[str, str]]:
    """(why, the defeating clause) for each deviation, each clause once."""
    seen: dict[str, str] = {}
    for d in devs:
        seen.setdefault(defeating_clause(d), reason(d))
    return [(why, clause) for clause, why in seen.items()]


def text_lines(report: Report, clip) -> list[str]:
    """The group as text lines (none when no finding is in it)."""
    group = unenforceable(report)
    if not group:
        return []
    lines = [f"{HEADING} ({len(group)}):"]
    for f, devs in group:
        lines.append(f"  ▲ {f.protection}  ({f.severity})")
        lines += [f"      {why}: \"{clip(clause, 160)}\"" for why, clause in _defeats(devs)]
    lines.append("")
    return lines


def html_section(report: Report, doc_id: str, esc, slug) -> str:
    """The group as an HTML section linking to each finding (empty when no finding is in it)."""
    group = unenforceable(report)
    if not group:
        return ""
    sid = f"{doc_id}-unenforceable"
    items = []
    for f, devs in group:
        quotes = [f"<p class=\"meta\">{esc(why)}</p><blockquote>{esc(clause)}</blockquote>"
                  for why, clause in _defeats(devs)]
        items.append(f'<li data-protection="{esc(f.protection)}"><a href="#{doc_id}-{slug(f.protection)}">'
                     f'{esc(f.title)}</a> <span class="badge weakened">Weakened</span>{"".join(quotes)}</li>')
    return (f'<section class="unenforceable" aria-labelledby="{sid}"><h2 id="{sid}" class="cat">{HEADING}</h2>'
            f'<p class="meta">These protections read at full strength where they are stated, but another '
            f'provision keeps them from being enforced as written.</p><ul>{"".join(items)}</ul></section>')
