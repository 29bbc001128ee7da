"""Markdown (GitHub-flavoured): a summary table, then a section per protection that falls short.

Document text is escaped so a clause cannot inject HTML or break the table (`<`, `&`, `|`)."""
from __future__ import annotations

from checker.formats.base import Options, where
from checker.formats.text import STATUS_MARK


def md(text: str) -> str:
    """Inline text safe in a table cell or a paragraph."""
    text = " ".join((text or "").split())
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`"))


def _report(run, report, options: Options) -> list[str]:
    s = report.summary
    doc = report.document
    out = [f"## {md(doc['path'])}", "",
           f"{doc['format']}, {doc['pages'] or '-'} pages · corpus {md(report.corpus['name'])} "
           f"{md(report.corpus['version'])}", "",
           f"**{s['matching']} matching · {s['weakened']} weakened · {s['missing']} missing**", "",
           *[line for w in report.warnings for line in (f"> **Warning:** {md(w)}", "")],
           "| | Protection | Category | Severity | Status | Where |",
           "|---|---|---|---|---|---|"]
    for f in report.findings:
        w = run.waiver(report, f)
        status = f.status + (" (waived)" if w else "")
        loc = md(where(f.evidence[0])) if f.evidence else "—"
        out.append(f"| {STATUS_MARK[f.status]} | `{f.protection}` | {md(f.category)} | {f.severity} | "
                   f"{status} | {loc} |")
    for f in report.findings:
        if f.status == "matching" or (options.quiet and not run.fails(report, f)):
            continue
        out += ["", f"### {STATUS_MARK[f.status]} {md(f.title)} — {f.status}", "",
                f"`{f.protection}` · {md(f.category)} · severity {f.severity} · confidence {f.confidence:.2f}"]
        w = run.waiver(report, f)
        if w is not None:
            out += ["", f"**Waived:** {md(w.reason)}" + (f" (until {w.expires.isoformat()})" if w.expires else "")]
        for ev in f.evidence:
            out += ["", f"> {md(ev.text)}", ">", f"> — {md(where(ev))}"]
        if f.deviations:
            out += ["", "| Deviation | Element | Found | Expected | Why |", "|---|---|---|---|---|"]
            out += [f"| {d.kind} | {d.element} | {md(d.found or '—')} | {md(d.expected or '—')} | "
                    f"{md(d.explanation)} |" for d in f.deviations]
        if f.precedent is not None:
            out += ["", f"**Precedent:** {md(f.precedent.line())}"]
        out += ["", "<details><summary>Model language to propose</summary>", "", "```text",
                f.suggestion.replace("```", "'''").strip(), "```", "", "</details>"]
    return out


def render(run, options: Options) -> str:
    out = ["# clausecheck report", ""]
    if len(run.outcomes) > 1:
        out += ["| Document | Matching | Weakened | Missing |", "|---|---|---|---|"]
        for r in run.reports:
            s = r.summary
            out.append(f"| {md(r.document['path'])} | {s['matching']} | {s['weakened']} | {s['missing']} |")
        out += [f"| {md(o.path)} | could not be read: {md(o.error or '')} | | |" for o in run.errors]
        out.append("")
    for r in run.reports:
        out += _report(run, r, options) + [""]
    return "\n".join(out).rstrip() + "\n"


def render_comparison(comparison, options: Options) -> str:
    from checker.compare import CHANGE_MARK

    c = comparison
    n = c.counts()
    out = ["# clausecheck comparison", "",
           f"**{md(c.old_label)}** → **{md(c.new_label)}**", "",
           f"**{n['regression']} regression(s) · {n['improvement']} improvement(s) · {n['unchanged']} unchanged**", "",
           "| | Protection | Old | New | Change | Why |", "|---|---|---|---|---|---|"]
    for ch in c.changes:
        if options.quiet and ch.change != "regression":
            continue
        out.append(f"| {CHANGE_MARK[ch.change]} | `{ch.protection}` | {ch.old_status or '—'} | "
                   f"{ch.new_status or '—'} | {ch.change} | {md('; '.join(ch.reasons)) or '—'} |")
    quoted = [ch for ch in c.changes if ch.change == "regression" or (ch.change == "improvement" and not options.quiet)]
    for ch in quoted:
        out += ["", f"## {CHANGE_MARK[ch.change]} {md(ch.title)} (`{ch.protection}`): {ch.change}", ""]
        for label, clause in (("Before", ch.old_clause), ("After", ch.new_clause)):
            out.append(f"**{label}** ({md(clause.where())}):" if clause else f"**{label}**: no such clause")
            out += ["", f"> {md(clause.text)}", ""] if clause else [""]
        if ch.old_clause and ch.new_clause and ch.diff:
            marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
            out += ["**Changes** (~~removed~~, **added**): " + " ".join(
                marks[op["op"]].format(md(op["text"].strip())) for op in ch.diff if op["text"].strip()), ""]
        if ch.effect:
            out += [f"**What it does:** {md(ch.effect)}"]
    return "\n".join(out) + "\n"
