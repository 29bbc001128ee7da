"""`audit report`: one self-contained HTML page (inline CSS bars, no scripts, no network)."""
from __future__ import annotations

from html import escape

from checker.batch.store import ResultsDB
from checker.batch.summary import _atomic_write, audit_summary

COLORS = {"matching": "#2e7d32", "weakened": "#f9a825", "missing": "#c62828"}
CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;width:100%}
td,th{padding:3px 6px;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
.bar{display:flex;height:14px;width:320px;background:#eee}.bar span{display:block;height:100%}
.n{text-align:right;font-variant-numeric:tabular-nums}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}"""


def _bar(row: dict) -> str:
    total = sum(row[k] or 0 for k in COLORS) or 1
    parts = "".join(f'<span style="width:{100 * (row[k] or 0) / total:.1f}%;background:{c}" title="{k}: {row[k] or 0}"></span>'
                    for k, c in COLORS.items())
    return f'<div class="bar">{parts}</div>'


def _doc(path: str, links: dict) -> str:
    href = links.get(path)
    return f'<a href="{escape(href)}">{escape(path)}</a>' if href else escape(path)


def render(summary: dict) -> str:
    c = summary["corpus"]
    links = summary.get("links") or {}
    legend = "".join(f'<span style="background:{v}"></span>{k}' for k, v in COLORS.items())
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>clausecheck audit</title><style>{CSS}</style></head><body>",
           "<h1>clausecheck audit</h1>",
           f"<p>{summary['documents']} documents: {summary['audited']} audited ({summary['errors']} errors), "
           f"{summary['duplicates']} duplicates (counted once). Corpus {escape(str(c['name']))} {escape(str(c['version']))} "
           f"(sha256 {escape(str(c['sha256'])[:12])}…), {escape(str(summary.get('date', '')))}. "
           f"Paths are relative to {escape(summary.get('root') or '.')}.</p>",
           f"<p class='legend'>{legend}</p>",
           "<h2>Coverage of each protection</h2><table><tr><th>protection</th><th>category</th><th></th>"
           "<th class=n>matching</th><th class=n>weakened</th><th class=n>missing</th></tr>"]
    for p in summary["protections"]:
        out.append(f"<tr><td>{escape(p['title'] or p['protection'])}<br><code>{escape(p['protection'])}</code></td>"
                   f"<td>{escape(p['category'] or '')}</td>"
                   f"<td>{_bar(p)}</td><td class=n>{p['matching']}</td><td class=n>{p['weakened']}</td><td class=n>{p['missing']}</td></tr>")
    out.append("</table><h2>Status mix by category</h2><table><tr><th>category</th><th></th><th class=n>matching</th>"
               "<th class=n>weakened</th><th class=n>missing</th></tr>")
    for k in summary["categories"]:
        out.append(f"<tr><td>{escape(k['category'] or '')}</td><td>{_bar(k)}</td><td class=n>{k['matching']}</td>"
                   f"<td class=n>{k['weakened']}</td><td class=n>{k['missing']}</td></tr>")
    out.append("</table>")
    for col, groups in (summary.get("breakdowns") or {}).items():
        out.append(f"<h2>By {escape(col)}</h2><table><tr><th>{escape(col)}</th><th class=n>contracts</th><th></th>"
                   "<th class=n>matching</th><th class=n>weakened</th><th class=n>missing</th></tr>")
        for g in groups:
            value = "(none)" if g["value"] is None else str(g["value"])
            out.append(f"<tr><td>{escape(value)}</td><td class=n>{g['documents']}</td><td>{_bar(g)}</td>"
                       f"<td class=n>{g['matching']}</td><td class=n>{g['weakened']}</td><td class=n>{g['missing']}</td></tr>")
        out.append("</table>")
    out.append("<h2>Contracts with the most missing protections</h2><table><tr><th>contract</th><th></th>"
               "<th class=n>matching</th><th class=n>weakened</th><th class=n>missing</th></tr>")
    for d in summary["weakest"]:
        out.append(f"<tr><td>{_doc(d['path'], links)}</td><td>{_bar(d)}</td><td class=n>{d['matching']}</td>"
                   f"<td class=n>{d['weakened']}</td><td class=n>{d['missing']}</td></tr>")
    contracts = summary.get("contracts") or []
    if contracts:
        meta_cols = [c for c in ("employer", "sector", "year", "state") if any(d.get(c) is not None for d in contracts)]
        out.append(f"</table><h2>Every contract ({len(contracts)})</h2><table><tr><th>contract</th>"
                   + "".join(f"<th>{escape(c)}</th>" for c in meta_cols)
                   + "<th class=n>matching</th><th class=n>weakened</th><th class=n>missing</th></tr>")
        for d in contracts:
            out.append(f"<tr><td>{_doc(d['relative_path'], links)}</td>"
                       + "".join(f"<td>{escape(str(d[c]) if d[c] is not None else '')}</td>" for c in meta_cols)
                       + f"<td class=n>{d['matching']}</td><td class=n>{d['weakened']}</td><td class=n>{d['missing']}</td></tr>")
    out.append(f"</table><h2>Duplicates ({len(summary.get('duplicate_list', []))})</h2>"
               "<table><tr><th>file</th><th>same bytes as</th></tr>")
    for d in summary.get("duplicate_list", []):
        out.append(f"<tr><td>{escape(d['path'])}</td><td>{_doc(d['duplicate_of'], links)}</td></tr>")
    out.append(f"</table><h2>Errors ({len(summary['error_list'])})</h2><table><tr><th>file</th><th>code</th><th>message</th></tr>")
    for e in summary["error_list"]:
        out.append(f"<tr><td>{escape(e['path'])}</td><td>{escape(str(e['error_code']))}</td><td>{escape(str(e['error']))}</td></tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out)


def write_report(db: ResultsDB, path: str, *, per_document: str | None = None) -> None:
    from checker.batch.summary import document_rows

    summary = audit_summary(db)
    summary["contracts"] = [d for d in document_rows(db) if d["status"] == "ok" and not d["duplicate_of"]]
    if per_document:
        from checker.batch.reports import write_document_reports

        summary["links"] = write_document_reports(db, per_document, relative_to=path)
    _atomic_write(path, render(summary))
