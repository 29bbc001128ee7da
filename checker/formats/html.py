"""One self-contained HTML page for people who would rather look than read JSON.

No external assets (inline CSS and a few lines of JS), prints cleanly (@media print), and every
piece of document or corpus text goes through `esc` (html.escape) before it reaches the page.
Accessibility: landmarks (header/nav/main/footer), one h1, an h2 per document and category, an h3
per protection; status is said in words, never by colour alone; colours meet WCAG AA contrast on
white; the copy buttons are real <button>s (keyboard-focusable) that JS reveals, with feedback
in an aria-live region — without JS the model language is still plain selectable text.
"""
from __future__ import annotations

import html
import re
from string import Template

from checker import __version__
from checker.formats import unenforceable
from checker.formats.base import Options, where

STATUS_LABEL = {"matching": "Matching", "weakened": "Weakened", "missing": "Missing"}


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


# Words a plain capitalize() would spoil: "ice_enforcement" is about ICE, "u_t_visa" about U and T visas.
CATEGORY_WORDS = {"ice": "ICE", "u t": "U/T"}


def category_label(category: str) -> str:
    """'ice_enforcement' -> 'ICE enforcement', 'u_t_visa_and_deferred_action' -> 'U/T visa and deferred action'."""
    text = " " + category.replace("_", " ") + " "
    for word, shown in CATEGORY_WORDS.items():
        text = text.replace(f" {word} ", f" {shown} ")
    text = text.strip()
    return text[:1].upper() + text[1:]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


CSS = """
:root{--ok:#1a6b32;--weak:#8a5300;--miss:#b3261e;--waived:#2b5c8a;--ink:#1d1d1f;--muted:#4a4a4f;--line:#d0d0d7;--bg:#fff}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer,nav{max-width:62rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:.2rem 0}h2.cat{font-size:1.15rem}.meta{color:var(--muted);font-size:.9rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem;z-index:9}
.strip{display:flex;gap:.6rem;flex-wrap:wrap;list-style:none;padding:0;margin:1rem 0}
.strip li{flex:1 1 9rem;border:2px solid;border-radius:.5rem;padding:.5rem .8rem;font-weight:600}
.strip .n{display:block;font-size:1.8rem;line-height:1.1}
.matching{color:var(--ok)}.weakened{color:var(--weak)}.missing{color:var(--miss)}.waived{color:var(--waived)}
.finding{border:1px solid var(--line);border-left:6px solid;border-radius:.4rem;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}
.finding.matching{border-left-color:var(--ok)}.finding.weakened{border-left-color:var(--weak)}.finding.missing{border-left-color:var(--miss)}
.finding>*{color:var(--ink)}.badge{display:inline-block;font-size:.8rem;font-weight:700;border:1px solid;border-radius:1rem;padding:0 .55rem;margin-right:.3rem;white-space:nowrap}
blockquote{margin:.6rem 0;padding:.4rem .8rem;border-left:3px solid var(--line);background:#f6f6f8;white-space:pre-wrap;overflow-wrap:anywhere}
figure{margin:.6rem 0}code{overflow-wrap:anywhere}
mark{background:#ffe08a;color:#000;padding:0 .1rem}mark.hit{background:#dcefe0}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
tr.regression>*{background:#fdecea}
th{background:#f0f0f4}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f8;border:1px solid var(--line);padding:.6rem;font-size:.88rem}
button{font:inherit;font-size:.85rem;padding:.2rem .7rem;border:1px solid #444;border-radius:.3rem;background:#fff;color:#111;cursor:pointer}
button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
nav ul{columns:2;padding-left:1.2rem}footer{margin-top:3rem;padding-bottom:2rem}
@media print{nav,.copy,.skip{display:none!important}body{font-size:11pt}details{display:block}
details>*{display:block}.finding{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
"""

JS = """
document.querySelectorAll('button.copy').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){
var t=document.getElementById(b.getAttribute('data-target')).textContent,s=document.getElementById('copy-status');
function done(m){if(s){s.textContent=m;}}
if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){done('Model language copied.');},function(){done('Copy failed; select the text instead.');});}
else{done('Copy is not available; select the text instead.');}});});
document.querySelectorAll('details').forEach(function(d){window.addEventListener('beforeprint',function(){d.open=true;});});
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clausecheck $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
<a class="skip" href="#main">Skip to the findings</a>
<header>
<p class="meta">clausecheck $version · mixed-status worker protections</p>
<h1>$title</h1>
</header>
$nav
<main id="main">
$body
</main>
<footer><p class="meta">Generated by clausecheck $version. Status is graded by an automated checker
with the confidence shown; read the quoted evidence before relying on it.</p></footer>
<p id="copy-status" class="sr" role="status" aria-live="polite"></p>
<script>$js</script>
</body>
</html>
""")


def highlight(text: str, phrases: list[str]) -> str:
    """The evidence escaped, with each deviation's `found` phrase marked."""
    spans = []
    for p in phrases:
        if p:
            for m in re.finditer(re.escape(p), text, flags=re.I):
                spans.append((m.start(), m.end()))
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out += [esc(text[pos:a]), f"<mark>{esc(text[a:b])}</mark>"]
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def _finding(run, report, f, doc_id: str, options: Options) -> str:
    w = run.waiver(report, f)
    fid = f"{doc_id}-{slug(f.protection)}"
    parts = [f'<article class="finding {f.status}" id="{fid}" aria-labelledby="{fid}-h" '
             f'data-protection="{esc(f.protection)}" data-status="{f.status}">',
             f'<h3 id="{fid}-h">{esc(f.title)}</h3>',
             f'<p><span class="badge {f.status}">{STATUS_LABEL[f.status]}</span>'
             + ('<span class="badge waived">Waived</span>' if w else "")
             + f' <code>{esc(f.protection)}</code> · severity {esc(f.severity)} · confidence {f.confidence:.2f}</p>']
    if w is not None:
        until = f" (until {esc(w.expires.isoformat())})" if w.expires else ""
        parts.append(f'<p class="waived"><strong>Waived:</strong> {esc(w.reason)}{until}</p>')
    found = [d.found for d in f.deviations if d.found]
    for ev in f.evidence:
        body = highlight(ev.text, found) if found else f'<mark class="hit">{esc(ev.text)}</mark>'
        parts.append(f"<figure><blockquote>{body}</blockquote><figcaption class=\"meta\">{esc(where(ev))}"
                     + (f" — {esc(ev.heading)}" if ev.heading else "") + "</figcaption></figure>")
    if not f.evidence:
        parts.append('<p class="meta">No passage in the document provides this protection.</p>')
    if f.deviations:
        rows = "".join(f"<tr><td>{esc(d.kind)}</td><td>{d.element}</td><td>{esc(d.found or '—')}</td>"
                       f"<td>{esc(d.expected or '—')}</td><td>{esc(d.explanation)}</td>"
                       f"<td><code>{esc(d.rule or '—')}</code></td></tr>" for d in f.deviations)
        parts.append('<table><caption class="sr">What falls short</caption><thead><tr><th scope="col">Deviation</th>'
                     '<th scope="col">Element</th><th scope="col">Found</th><th scope="col">Expected</th>'
                     '<th scope="col">Why</th><th scope="col">Rule</th></tr></thead>'
                     f'<tbody>{rows}</tbody></table>')
    if f.precedent is not None:
        parts.append(f'<p class="meta precedent">Precedent: {esc(f.precedent.line())}</p>')
    if f.suggestion.strip():
        open_ = " open" if f.status != "matching" else ""
        parts.append(f'<details{open_}><summary>Model language to propose</summary>'
                     f'<pre id="{fid}-model">{esc(f.suggestion.strip())}</pre>'
                     f'<button type="button" class="copy" data-target="{fid}-model" hidden>'
                     f'Copy model language<span class="sr"> for {esc(f.title)}</span></button></details>')
    parts.append("</article>")
    return "\n".join(parts)


def _report(run, report, index: int, options: Options) -> str:
    doc_id = f"doc{index}"
    s = report.summary
    d = report.document
    out = [f'<section aria-labelledby="{doc_id}-h">',
           f'<h2 id="{doc_id}-h">{esc(d["path"])}</h2>',
           f'<p class="meta">{esc(d["format"])}' + (f', {esc(d["pages"])} pages' if d["pages"] else "")
           + f' · corpus '
           f'{esc(report.corpus["name"])} {esc(report.corpus["version"])} · sha256 {esc(d["sha256"][:12])}…</p>',
           '<ul class="strip" aria-label="Summary">'
           + "".join(f'<li class="{k}"><span class="n">{s[k]}</span>{STATUS_LABEL[k]}</li>' for k in STATUS_LABEL)
           + "</ul>", unenforceable.html_section(report, doc_id, esc, slug)]
    categories: dict[str, list] = {}
    for f in report.findings:
        categories.setdefault(f.category, []).append(f)
    for cat, findings in categories.items():
        cid = f"{doc_id}-{slug(cat)}"
        out.append(f'<section aria-labelledby="{cid}"><h2 id="{cid}" class="cat">'
                   f'{esc(category_label(cat))}</h2>')
        out += [_finding(run, report, f, doc_id, options) for f in findings
                if not (options.quiet and f.status == "matching")]
        out.append("</section>")
    for w in report.warnings:
        out.append(f'<p class="meta">Warning: {esc(w)}</p>')
    out.append("</section>")
    return "\n".join(out)


def fragment(run, options: Options) -> str:
    """The page's content without the page: one section per report, then read errors and warnings.

    `render` wraps it in a self-contained page; the web app puts it in its own layout and serves
    `CSS` and `JS` as files, because its Content-Security-Policy refuses inline style and script."""
    body = [_report(run, r, i, options) for i, r in enumerate(run.reports, start=1)]
    for o in run.errors:
        body.append(f'<p role="alert" class="missing">Could not read {esc(o.path)}: {esc(o.error)}</p>')
    for w in run.warnings():
        body.append(f'<p class="meta">Configuration warning: {esc(w)}</p>')
    return "\n".join(body)


def render(run, options: Options) -> str:
    reports = run.reports
    title = ("clausecheck: " + reports[0].document["path"]) if len(reports) == 1 else "clausecheck report"
    nav = ""
    if len(reports) > 1:
        nav = ('<nav aria-label="Documents"><ul>' + "".join(
            f'<li><a href="#doc{i}-h">{esc(r.document["path"])}</a></li>' for i, r in enumerate(reports, 1))
            + "</ul></nav>")
    return PAGE.substitute(version=esc(__version__), title=esc(title), css=CSS, js=JS, nav=nav,
                           body=fragment(run, options))


def comparison_fragment(comparison, options: Options) -> str:
    """Per protection: the status in each version and the change; regressions highlighted."""
    from checker.compare import CHANGE_MARK

    c = comparison
    n = c.counts()

    def status(s):
        return f'<span class="badge {s}">{STATUS_LABEL[s]}</span>' if s else "—"

    rows = []
    for ch in c.changes:
        if options.quiet and ch.change != "regression":
            continue
        css = {"regression": "missing", "improvement": "matching"}.get(ch.change, "")
        reasons = "".join(f"<li>{esc(r)}</li>" for r in ch.reasons)
        rows.append(f'<tr class="{ch.change}" data-protection="{esc(ch.protection)}" data-change="{ch.change}">'
                    f'<th scope="row">{esc(ch.title)}<br><code>{esc(ch.protection)}</code></th>'
                    f'<td>{status(ch.old_status)}</td><td>{status(ch.new_status)}</td>'
                    f'<td class="{css}"><strong>{esc(CHANGE_MARK[ch.change])} {esc(ch.change)}</strong></td>'
                    f'<td><ul>{reasons}</ul>{_quoted_change(ch)}</td></tr>')
    return (f'<section aria-labelledby="cmp-h"><h2 id="cmp-h">{esc(c.old_label)} → {esc(c.new_label)}</h2>'
            '<ul class="strip" aria-label="Summary">'
            f'<li class="missing"><span class="n">{n["regression"]}</span>Regressions</li>'
            f'<li class="matching"><span class="n">{n["improvement"]}</span>Improvements</li>'
            f'<li><span class="n">{n["unchanged"]}</span>Unchanged</li></ul>'
            '<table id="cmp-changes"><thead><tr><th scope="col">Protection</th><th scope="col">Old</th>'
            '<th scope="col">New</th><th scope="col">Change</th><th scope="col">What changed</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></section>")


def _quoted_change(ch) -> str:
    """The old and new clause with sections and pages, the word diff (<del>/<ins>) and the effect."""
    if ch.change not in ("regression", "improvement"):
        return ""
    parts = []
    for label, clause in (("Before", ch.old_clause), ("After", ch.new_clause)):
        if clause is None:
            parts.append(f'<p class="clause-{label.lower()}"><strong>{label}:</strong> no such clause</p>')
        else:
            parts.append(f'<p class="clause-{label.lower()}"><strong>{label}</strong> ({esc(clause.where())}):</p>'
                         f'<blockquote>{esc(clause.text)}</blockquote>')
    if ch.old_clause and ch.new_clause and ch.diff:
        tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
        runs = ((" " if op["text"][:1].isspace() else "") + tags[op["op"]].format(esc(op["text"].strip()))
                for op in ch.diff)
        parts.append('<p class="clause-diff"><strong>Changes:</strong> ' + "".join(runs) + "</p>")
    if ch.effect:
        parts.append(f'<p class="clause-effect"><strong>What it does:</strong> {esc(ch.effect)}</p>')
    return f'<details open class="quoted"><summary>Clause text</summary>{"".join(parts)}</details>'


def render_comparison(comparison, options: Options) -> str:
    return PAGE.substitute(version=esc(__version__), title="clausecheck comparison", css=CSS, js=JS, nav="",
                           body=comparison_fragment(comparison, options))
