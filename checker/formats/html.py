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
from checker.formats.base import Options, reflow, report_date, where
from checker.i18n import label, localize

STATUS_LABEL = {"matching": "Matching", "weakened": "Weakened", "missing": "Missing"}


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


# Words a plain capitalize() would spoil: "ice_enforcement" is about ICE, "u_t_visa" about U and T visas.
CATEGORY_WORDS = {"ice": "ICE", "u t": "U/T"}


def _precedent(p, lang: str) -> str:
    """The precedent's line; with an audit that has sectors, their counts in a folded table."""
    out = f'<p class="meta precedent">{esc(label(lang, "Precedent"))}: {esc(p.line(lang))}</p>'
    if not p.by_sector:
        return out
    heads = [label(lang, k) for k in ("Sector", "Contracts", "Matching", "Weakened", "Missing")]
    mine = esc(label(lang, "this document's sector"))
    rows = []
    for g in p.by_sector:
        name = esc(g.name) if g.name else f"<em>{esc(label(lang, 'no sector given'))}</em>"
        if g == p.sector:
            name = f'<strong>{name}</strong><span class="sr"> ({mine})</span>'
        rows.append(f'<tr><th scope="row" data-label="{esc(heads[0])}">{name}</th>'
                    + "".join(f'<td data-label="{esc(h)}">{n}</td>'
                              for h, n in zip(heads[1:], (g.documents, g.matching, g.weakened, g.missing))) + "</tr>")
    return (out + f'<details class="precedent"><summary>{esc(label(lang, "Precedents by sector"))}</summary>'
            f'<table class="reflow"><thead><tr>' + "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
            + f'</tr></thead><tbody>{"".join(rows)}</tbody></table></details>')


def category_label(category: str, lang: str = "en") -> str:
    """'ice_enforcement' -> 'ICE enforcement', 'u_t_visa_and_deferred_action' -> 'U/T visa and deferred action'."""
    from checker.i18n import CATEGORIES

    if category in CATEGORIES.get(lang, {}):
        return CATEGORIES[lang][category]
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
h3{font-size:1.1rem;margin:.2rem 0}h1,h2,h3{overflow-wrap:anywhere}h2.cat{font-size:1.15rem}.meta{color:var(--muted);font-size:.9rem}
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
.brief{border:2px solid var(--ink);border-radius:.5rem;padding:.6rem 1rem;margin:1rem 0}
h2.brief-h{margin-top:.2rem;font-size:1.2rem}.brief-meta{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.3rem 0;font-size:.9rem}
.brief-meta div{display:flex;gap:.4rem}.brief-meta dt{font-weight:700}.brief-meta dd{margin:0;overflow-wrap:anywhere}
.headline{font-size:1.05rem;margin:.5rem 0}.headline.no-article{color:var(--miss);border-left:6px solid var(--miss);padding-left:.6rem}
.brief-table{font-size:.85rem}.brief-table td{padding:.15rem .4rem}.brief-page h2.brief-h{display:none}
.brief-table td:nth-child(1){width:13%}.brief-table td:nth-child(2){width:39%}.brief-table td:nth-child(3){width:12%}.sev{font-weight:700;text-transform:uppercase;font-size:.75rem}
.sev.critical{color:var(--miss)}
/* a phone: tables become one card per row, each cell labelled by its column */
@media (max-width:40rem){header,main,footer,nav{padding:0 .6rem}h1{font-size:1.3rem;overflow-wrap:anywhere}
table,thead,tbody,tr,th,td{display:block;width:auto}thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border:1px solid var(--line);border-radius:.3rem;margin:.4rem 0;padding:.2rem}td,th{border:0;padding:.15rem .3rem}
td[data-label]::before{content:attr(data-label) ": ";font-weight:700}.brief-table td:nth-child(n){width:auto}.strip li{flex:1 1 5.5rem}nav ul{columns:1}}
@page{size:auto;margin:12mm}
@media print{nav,.copy,.skip{display:none!important}body{font-size:10pt}header{padding-top:0}
header,main,footer{max-width:none;padding:0}header .meta{display:none}h1{font-size:13pt;margin:0}h2{margin-top:.6rem}
.finding{page-break-inside:avoid;padding:.4rem .7rem;margin:.5rem 0}a{color:inherit;text-decoration:none}
table{font-size:8.5pt}th,td{padding:.15rem .35rem}blockquote{font-size:9pt;margin:.3rem 0}figure{margin:.3rem 0}
details>:not(summary){display:none!important}
section.category{break-before:page}.brief{break-after:page;border:0;padding:0;margin:.3rem 0}
.brief-table{font-size:7.5pt;line-height:1.25}.brief-table td{padding:.05rem .25rem}.brief-meta{font-size:8.5pt}
.headline{font-size:10pt;margin:.3rem 0}.badge{font-size:6.5pt}.sev{font-size:6.5pt}
.brief-table .badge{border:0;padding:0;margin:0}.strip{display:none}
body:not(.brief-page) .brief-meta{display:none}h2{font-size:12pt}h2.brief-h{font-size:11pt;margin:.2rem 0;border:0}
.brief-page .brief{break-after:auto}footer{margin-top:.2rem;padding-bottom:0;font-size:7pt}footer .meta{margin:0}}
"""

JS = """
document.querySelectorAll('button.copy').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){
var t=document.getElementById(b.getAttribute('data-target')).textContent,s=document.getElementById('copy-status');
function done(m){if(s){s.textContent=m;}}
var L=s?s.dataset:{};
if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){done(L.copied||'Model language copied.');},function(){done(L.copyFailed||'Copy failed; select the text instead.');});}
else{done(L.copyUnavailable||'Copy is not available; select the text instead.');}});});
// printing collapses the model language: the brief and the findings fit on fewer pages
var openAtPrint=[];window.addEventListener('beforeprint',function(){openAtPrint=[];
document.querySelectorAll('details[open]').forEach(function(d){openAtPrint.push(d);d.open=false;});});
window.addEventListener('afterprint',function(){openAtPrint.forEach(function(d){d.open=true;});});
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clausecheck $version">
<title>$title</title>
<style>$css</style>
</head>
<body class="$classes">
<a class="skip" href="#main">$skip</a>
<header>
<p class="meta">clausecheck $version · $tagline</p>
<h1>$title</h1>
</header>
$nav
<main id="main">
$body
</main>
<footer><p class="meta">$generated clausecheck $version. $footer</p></footer>
<p id="copy-status" class="sr" role="status" aria-live="polite" data-copied="$copied" data-copy-failed="$copy_failed" data-copy-unavailable="$copy_unavailable"></p>
$script
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
    lang = options.lang
    w = run.waiver(report, f)
    fid = f"{doc_id}-{slug(f.protection)}"
    parts = [f'<article class="finding {f.status}" id="{fid}" aria-labelledby="{fid}-h" '
             f'data-protection="{esc(f.protection)}" data-status="{f.status}">',
             f'<h3 id="{fid}-h">{esc(f.title)}</h3>',
             f'<p><span class="badge {f.status}">{esc(label(lang, STATUS_LABEL[f.status]))}</span>'
             + (f'<span class="badge waived">{esc(label(lang, "Waived"))}</span>' if w else "")
             + f' <code>{esc(f.protection)}</code> · {esc(label(lang, "severity"))} {esc(label(lang, f.severity))}'
             f' · {esc(label(lang, "confidence"))} {f.confidence:.2f}</p>']
    if w is not None:
        until = f" (until {esc(w.expires.isoformat())})" if w.expires else ""
        parts.append(f'<p class="waived"><strong>{esc(label(lang, "Waived"))}:</strong> {esc(w.reason)}{until}</p>')
    found = [d.found for d in f.deviations if d.found]
    for ev in f.evidence:
        body = highlight(ev.text, found) if found else f'<mark class="hit">{esc(ev.text)}</mark>'
        parts.append(f"<figure><blockquote>{body}</blockquote><figcaption class=\"meta\">{esc(where(ev, lang))}"
                     + (f" — {esc(ev.heading)}" if ev.heading else "") + "</figcaption></figure>")
    if not f.evidence:
        parts.append(f'<p class="meta">{esc(label(lang, "No passage in the document provides this protection."))}</p>')
    if f.deviations:
        heads = [esc(label(lang, k)) for k in ("Deviation", "Element", "Found", "Expected", "Why", "Rule")]
        rows = "".join(f'<tr><td data-label="{heads[0]}">{esc(label(lang, d.kind))}</td>'
                       f'<td data-label="{heads[1]}">{d.element}</td>'
                       f'<td data-label="{heads[2]}">{esc(d.found or "—")}</td>'
                       f'<td data-label="{heads[3]}">{esc(d.expected or "—")}</td>'
                       f'<td data-label="{heads[4]}">{esc(d.explanation)}</td>'
                       f'<td data-label="{heads[5]}"><code>{esc(d.rule or "—")}</code></td></tr>' for d in f.deviations)
        parts.append(f'<table class="reflow"><caption class="sr">{esc(label(lang, "What falls short"))}</caption>'
                     '<thead><tr>' + "".join(f'<th scope="col">{h}</th>' for h in heads)
                     + f'</tr></thead><tbody>{rows}</tbody></table>')
    if f.precedent is not None:
        parts.append(_precedent(f.precedent, lang))
    if f.suggestion.strip():
        open_ = " open" if f.status != "matching" else ""
        parts.append(f'<details{open_}><summary>{esc(label(lang, "Model language to propose"))}</summary>'
                     f'<pre id="{fid}-model">{esc(reflow(f.suggestion))}</pre>'
                     f'<button type="button" class="copy" data-target="{fid}-model" hidden>'
                     f'{esc(label(lang, "Copy model language"))}<span class="sr">: {esc(f.title)}</span></button></details>')
    parts.append("</article>")
    return "\n".join(parts)


def _report(run, report, index: int, options: Options) -> str:
    from checker.formats.brief import section_html

    lang = options.lang
    doc_id = f"doc{index}"
    s = report.summary
    d = report.document
    out = [f'<section aria-labelledby="{doc_id}-h">',
           f'<h2 id="{doc_id}-h">{esc(d["path"])}</h2>',
           f'<p class="meta">{esc(d["format"])}' + (f', {esc(d["pages"])} {esc(label(lang, "pages"))}'
                                                     if d["pages"] else "")
           + f' · corpus '
           f'{esc(report.corpus["name"])} {esc(report.corpus["version"])} · sha256 {esc(d["sha256"][:12])}…'
           f' · {esc(label(lang, "checked").lower() if lang == "en" else label(lang, "checked"))} '
           f'<time datetime="{esc(report_date(options))}">{esc(report_date(options))}</time></p>',
           f'<ul class="strip" aria-label="{esc(label(lang, "Summary"))}">'
           + "".join(f'<li class="{k}"><span class="n">{s[k]}</span>{esc(label(lang, STATUS_LABEL[k]))}</li>'
                     for k in STATUS_LABEL)
           + "</ul>",
           section_html(run, report, options, doc_id),
           unenforceable.html_section(report, doc_id, esc, slug)]
    categories: dict[str, list] = {}
    for f in report.findings:
        categories.setdefault(f.category, []).append(f)
    for cat, findings in categories.items():
        cid = f"{doc_id}-{slug(cat)}"
        out.append(f'<section class="category" aria-labelledby="{cid}"><h2 id="{cid}" class="cat">'
                   f'{esc(category_label(cat, lang))}</h2>')
        out += [_finding(run, report, f, doc_id, options) for f in findings
                if not (options.quiet and f.status == "matching")]
        out.append("</section>")
    for w in report.warnings:
        out.append(f'<p class="meta">{esc(label(lang, "Warning"))}: {esc(w)}</p>')
    out.append("</section>")
    return "\n".join(out)


def fragment(run, options: Options) -> str:
    """The page's content without the page: one section per report, then read errors and warnings.

    `render` wraps it in a self-contained page; the web app puts it in its own layout and serves
    `CSS` and `JS` as files, because its Content-Security-Policy refuses inline style and script."""
    lang = options.lang
    run = localize(run, lang)
    body = [_report(run, r, i, options) for i, r in enumerate(run.reports, start=1)]
    for o in run.errors:
        body.append(f'<p role="alert" class="missing">{esc(label(lang, "Could not read"))} {esc(o.path)}: '
                    f'{esc(o.error)}</p>')
    for w in run.warnings():
        body.append(f'<p class="meta">{esc(label(lang, "Configuration warning"))}: {esc(w)}</p>')
    return "\n".join(body)


def render(run, options: Options) -> str:
    reports = run.reports
    lang = options.lang
    title = ("clausecheck: " + reports[0].document["path"]) if len(reports) == 1 else \
        f"clausecheck {label(lang, 'report')}"
    nav = ""
    if len(reports) > 1:
        nav = (f'<nav aria-label="{esc(label(lang, "Documents"))}"><ul>' + "".join(
            f'<li><a href="#doc{i}-h">{esc(r.document["path"])}</a></li>' for i, r in enumerate(reports, 1))
            + "</ul></nav>")
    return page(title, fragment(run, options), lang, nav=nav)


def page(title: str, body: str, lang: str = "en", *, nav: str = "", js: str = JS, classes: str = "") -> str:
    """A whole self-contained page around `body`, its frame in `lang`."""
    script = f"<script>{js}</script>" if js else ""
    return PAGE.substitute(version=esc(__version__), title=esc(title), css=CSS, script=script, nav=nav, body=body,
                           lang=esc(lang), classes=esc(classes), skip=esc(label(lang, "Skip to the findings")),
                           tagline=esc(label(lang, "mixed-status worker protections")),
                           generated=esc(label(lang, "Generated by")), footer=esc(label(lang, "footer")),
                           copied=esc(label(lang, "copied")), copy_failed=esc(label(lang, "copy_failed")),
                           copy_unavailable=esc(label(lang, "copy_unavailable")))


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
    return page("clausecheck comparison", comparison_fragment(comparison, options))
