"""The one-page brief a bargaining team takes to the table: what to fix first, one line each.

Date, document and corpus; a headline when the document has no immigration article at all; then
every protection that falls short, the critical ones first, each on one line with its section and
the fix. Markdown by default; `--output brief.html` writes a printable page and `--output
brief.pdf` a PDF (fpdf2, pure Python: `pip install 'clausecheck[pdf]'`). The same section heads
the full HTML report (`checker.formats.html`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.formats.base import Options, clip, report_date, where
from checker.i18n import label, localize

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
# One printed line of the fix column at the brief's type size (measured on Letter, 9 pt).
FIX_CHARS = 90


@dataclass(frozen=True)
class Line:
    """One protection that falls short, as the brief lists it."""

    protection: str
    title: str
    severity: str
    status: str
    where: str  # "§31.2, line 61", or that the document has no such clause
    fix: str


def fix_line(finding, lang: str) -> str:
    """What to do about one finding, in a phrase: add the model language, or undo its first flaw."""
    if finding.status == "missing" or not finding.deviations:
        return label(lang, "add_model")
    d = finding.deviations[0]
    if d.found and d.kind in ("hedge", "discretion"):
        text = label(lang, "strike", found=clip(d.found, 40))
    elif d.found and d.expected and d.kind != "missing_element":
        text = label(lang, "replace_with", found=clip(d.found, 40), expected=d.expected)
    elif d.expected:
        text = label(lang, "add", expected=d.expected)
    else:
        text = d.explanation
    more = len(finding.deviations) - 1
    tail = f" ({label(lang, 'more', n=more)})" if more else ""
    return clip(text, FIX_CHARS - len(tail)) + tail


def lines(run, report, lang: str) -> list[Line]:
    """Every unwaived protection that falls short, most severe first, then missing before weakened,
    then in catalog order."""
    out = []
    for i, f in enumerate(report.findings):
        if f.status == "matching" or run.waiver(report, f) is not None:
            continue
        at = where(f.evidence[0], lang) if f.evidence else label(lang, "not in the document")
        out.append((SEVERITY_ORDER.get(f.severity, 9), f.status != "missing", i,
                    Line(f.protection, f.title, f.severity, f.status, at, fix_line(f, lang))))
    return [x[-1] for x in sorted(out, key=lambda x: x[:3])]


def no_article(report) -> bool:
    """The document addresses none of the protections: it has no immigration article."""
    return bool(report.findings) and all(f.status == "missing" for f in report.findings)


def headline(report, lang: str) -> str:
    n = len(report.findings)
    if no_article(report):
        return label(lang, "no_article", n=n)
    s = report.summary
    if s["matching"] == n:
        return label(lang, "all_matching", n=n)
    return label(lang, "checked_summary", m=s["matching"], w=s["weakened"], x=s["missing"])


def meta(report, options: Options) -> list[tuple[str, str]]:
    lang = options.lang
    d = report.document
    pages = f", {d['pages']} {label(lang, 'pages')}" if d.get("pages") else ""
    return [(label(lang, "Checked"), report_date(options)),
            (label(lang, "Document"), f"{d['path']} ({d['format']}{pages})"),
            ("Corpus", f"{report.corpus['name']} {report.corpus['version']}")]


# ---- Markdown -------------------------------------------------------------------------------------
def markdown(run, options: Options) -> str:
    from checker.formats.markdown import md

    lang = options.lang
    out = []
    for report in run.reports:
        out += [f"# {label(lang, 'Bargaining brief')}: {md(report.document['path'])}", ""]
        out += [f"- **{k}:** {md(v)}" for k, v in meta(report, options)] + [""]
        out += [f"**{md(headline(report, lang))}**", ""]
        rows = lines(run, report, lang)
        if rows:
            out += [f"| {label(lang, 'Severity')} | {label(lang, 'Protection')} | {label(lang, 'Status')} | "
                    f"{label(lang, 'Section')} | {label(lang, 'Fix')} |", "|---|---|---|---|---|"]
            out += [f"| {label(lang, r.severity)} | {md(r.title)} | {label(lang, r.status)} | {md(r.where)} | "
                    f"{md(r.fix)} |" for r in rows]
        out.append("")
    for o in run.errors:
        out += [f"> {label(lang, 'Could not read')} {md(o.path)}: {md(o.error or '')}", ""]
    return "\n".join(out).rstrip() + "\n"


# ---- HTML -----------------------------------------------------------------------------------------
def section_html(run, report, options: Options, doc_id: str) -> str:
    """The brief as a <section>: the top of the full HTML report, and the whole of the HTML brief."""
    from checker.formats.html import esc

    lang = options.lang
    alert = ' role="note"' if no_article(report) else ""
    parts = [f'<section class="brief" aria-labelledby="{doc_id}-brief">',
             f'<h2 id="{doc_id}-brief" class="brief-h">{esc(label(lang, "Bargaining brief"))}</h2>',
             '<dl class="brief-meta">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>"
                                                 for k, v in meta(report, options)) + "</dl>",
             f'<p class="headline{" no-article" if no_article(report) else ""}"{alert}>'
             f'<strong>{esc(headline(report, lang))}</strong></p>']
    rows = lines(run, report, lang)
    if rows:
        heads = [label(lang, k) for k in ("Severity", "Protection", "Section", "Fix")]
        body = "".join(
            f'<tr data-status="{r.status}" data-protection="{esc(r.protection)}">'
            f'<td data-label="{esc(heads[0])}"><span class="sev {esc(r.severity)}">{esc(label(lang, r.severity))}</span> '
            f'<span class="badge {r.status}">{esc(label(lang, r.status.capitalize()))}</span></td>'
            f'<td data-label="{esc(heads[1])}">{esc(r.title)}</td>'
            f'<td data-label="{esc(heads[2])}">{esc(r.where)}</td>'
            f'<td data-label="{esc(heads[3])}">{esc(r.fix)}</td></tr>' for r in rows)
        parts.append(f'<table class="brief-table reflow"><caption class="sr">{esc(label(lang, "Fix first"))}'
                     f'</caption><thead><tr>{"".join(f"<th scope=col>{esc(h)}</th>" for h in heads)}</tr></thead>'
                     f'<tbody>{body}</tbody></table>')
    parts.append("</section>")
    return "\n".join(parts)


def html(run, options: Options) -> str:
    from checker.formats.html import esc, page

    body = [section_html(run, r, options, f"doc{i}") for i, r in enumerate(run.reports, start=1)]
    for o in run.errors:
        body.append(f'<p role="alert" class="missing">{esc(label(options.lang, "Could not read"))} '
                    f'{esc(o.path)}: {esc(o.error)}</p>')
    title = label(options.lang, "Bargaining brief") + (
        ": " + run.reports[0].document["path"] if len(run.reports) == 1 else "")
    return page(title, "\n".join(body), options.lang, js="", classes="brief-page")


# ---- PDF ------------------------------------------------------------------------------------------
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
# What the PDF's Latin-1 core font cannot draw, when no Unicode font is installed.
_LATIN1 = str.maketrans({"→": "->", "…": "...", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"',
                         "”": '"', "•": "-", "✘": "x", "▲": "!", "✔": "+"})


def pdf(run, options: Options) -> bytes:
    """The brief as a one-page (Letter) PDF per document, drawn with fpdf2."""
    try:
        from fpdf import FPDF
    except ImportError:
        from checker.errors import UsageError

        raise UsageError("a PDF brief needs the fpdf2 package",
                         hint="pip install 'clausecheck[pdf]', or write --output brief.html and print it") from None
    lang = options.lang
    doc = FPDF(format="letter")
    doc.set_margins(14, 12, 14)
    doc.set_auto_page_break(True, margin=12)
    regular = next((d / "DejaVuSans.ttf" for d in FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)
    bold = next((d / "DejaVuSans-Bold.ttf" for d in FONT_DIRS if (d / "DejaVuSans-Bold.ttf").exists()), None)
    if regular and bold:
        doc.add_font("body", "", str(regular))
        doc.add_font("body", "B", str(bold))
        family, safe = "body", (lambda s: s)
    else:
        family = "helvetica"

        def safe(s: str) -> str:
            return s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
    colors = {"missing": (179, 38, 30), "weakened": (138, 83, 0)}
    for report in run.reports or []:
        doc.add_page()
        doc.set_font(family, "B", 15)
        doc.multi_cell(0, 7, safe(f"{label(lang, 'Bargaining brief')}: {report.document['path']}"),
                       new_x="LMARGIN", new_y="NEXT", align="L")
        doc.set_font(family, "", 9)
        for k, v in meta(report, options):
            doc.multi_cell(0, 4.5, safe(f"{k}: {v}"), new_x="LMARGIN", new_y="NEXT", align="L")
        doc.ln(2)
        doc.set_font(family, "B", 10.5)
        doc.multi_cell(0, 5.5, safe(headline(report, lang)), new_x="LMARGIN", new_y="NEXT", align="L")
        doc.ln(1.5)
        rows = lines(run, report, lang)
        if not rows:
            continue
        widths = (22, 64, 28, doc.epw - 114)
        heads = [label(lang, k) for k in ("Severity", "Protection", "Section", "Fix")]
        cells = [(f"{label(lang, r.severity)} · {label(lang, r.status)}", clip(r.title, 110), r.where, r.fix)
                 for r in rows]

        def heights(size: float) -> list[float]:
            doc.set_font(family, "", size)
            step = size * 0.48
            return [max(len(doc.multi_cell(w - 1.2, step, safe(c), dry_run=True, output="LINES", align="L"))
                        for w, c in zip(widths, row)) * step + 1.2 for row in cells]

        # The largest type that keeps the table on the page (7.5 pt for a typical counter-proposal;
        # Spanish runs about a fifth longer than English).
        room = doc.h - doc.b_margin - doc.get_y() - 5
        size = next((sz for sz in (7.5, 7.0, 6.5, 6.0) if sum(heights(sz)) <= room), 6.0)
        step = size * 0.48
        doc.set_font(family, "B", size + 0.5)
        doc.set_fill_color(240, 240, 244)
        for w, h in zip(widths, heads):
            doc.cell(w, 5, safe(h), border=1, fill=True)
        doc.ln()
        doc.set_auto_page_break(False)
        for row, status, height in zip(cells, [r.status for r in rows], heights(size)):
            if doc.get_y() + height > doc.h - doc.b_margin:  # a long document: the table goes on
                doc.add_page()
            doc.set_font(family, "", size)
            x, y = doc.l_margin, doc.get_y()
            for n, (w, c) in enumerate(zip(widths, row)):
                doc.set_text_color(*(colors.get(status, (0, 0, 0)) if n == 0 else (0, 0, 0)))
                doc.rect(x, y, w, height)
                doc.set_xy(x + 0.6, y + 0.6)
                doc.multi_cell(w - 1.2, step, safe(c), align="L")
                x += w
            doc.set_text_color(0, 0, 0)
            doc.set_xy(doc.l_margin, y + height)
        doc.set_auto_page_break(True, margin=12)
    return bytes(doc.output())


# ---- the plugin -----------------------------------------------------------------------------------
def kind(options: Options) -> str:
    """markdown, html or pdf, from the --output file's extension."""
    suffix = Path(options.output or "").suffix.lower()
    return {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "markdown")


def render(run, options: Options):
    """Markdown (str), HTML (str) or PDF (bytes), chosen by the --output file's extension."""
    run = localize(run, options.lang)
    return {"markdown": markdown, "html": html, "pdf": pdf}[kind(options)](run, options)
