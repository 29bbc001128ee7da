"""Plain text for a terminal: one line per protection, the evidence and deviations beneath."""
from __future__ import annotations

import re
from typing import Callable

from checker.formats import unenforceable
from checker.formats.base import Options, clip, report_date, where
from checker.i18n import label, localize
from checker.result import Finding, Report

STATUS_MARK = {"matching": "✔", "weakened": "▲", "missing": "✘"}
COLORS = {"matching": "32", "weakened": "33", "missing": "31", "waived": "36"}


def to_text(report: Report, *, color: bool = False, verbose: bool = False, quiet: bool = False,
            waiver: Callable[[Finding], object] | None = None,
            fails: Callable[[Finding], bool] | None = None, lang: str = "en", date: str | None = None) -> str:
    """One report. `waiver(finding)` returns the waiver covering it (or None); with `quiet`, only
    the findings `fails` selects are listed. `lang` words the frame (the findings are localized
    before: `checker.i18n.localize`); `date`, when given, is printed with the corpus."""
    def paint(s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    doc = report.document
    s = report.summary
    lines = [f"{doc['path']}  ({doc['format']}, {doc['pages'] or '-'} {label(lang, 'pages')})"]
    if not quiet:
        lines.append(f"corpus {report.corpus['name']} {report.corpus['version']}"
                     + (f" · {label(lang, 'checked').lower()} {date}" if date else ""))
    lines.append(label(lang, "checked_summary", m=s["matching"], w=s["weakened"], x=s["missing"]))
    if not quiet and report.findings and s["missing"] == len(report.findings):  # an empty draft: say so
        lines.append(label(lang, "no_article", n=len(report.findings)))
    if not quiet:
        lines.append("")
        lines += unenforceable.text_lines(report, clip)
    for f in report.findings:
        w = waiver(f) if waiver else None
        if quiet and not (fails(f) if fails else f.status != "matching"):
            continue
        mark = paint(f"{STATUS_MARK[f.status]} {label(lang, f.status):<{8 if lang == 'en' else 10}}", COLORS[f.status])
        tag = paint(f"  [{label(lang, 'waived')}: {w.reason}]", COLORS["waived"]) if w else ""
        lines.append(f"{mark} {f.protection}  ({label(lang, f.severity)})" + (f"  {f.title}" if lang != "en" else "")
                     + tag)
        if quiet:
            continue
        if f.evidence:
            lines.append(f"    {label(lang, 'at')} {where(f.evidence[0], lang)}: \"{clip(f.evidence[0].text, 110)}\"")
        for d in f.deviations:
            found = f" ({label(lang, 'found')}: {clip(d.found, 60)})" if d.found else ""
            rule = f" [{d.rule}]" if verbose and d.rule else ""
            lines.append(f"    - {label(lang, d.kind)}, {label(lang, 'element')} {d.element}: {d.explanation}{found}{rule}")
        if f.precedent is not None:
            lines.append(f"    {label(lang, 'precedent')}: {f.precedent.line(lang)}")
        if verbose and f.status != "matching":
            lines.append(f"    {label(lang, 'propose')}: " + clip(" ".join(f.suggestion.split()), 300))
    if not quiet:
        for warning in report.warnings:
            lines.append(f"{label(lang, 'warning')}: {warning}")
    return "\n".join(lines)


def render(run, options: Options) -> str:
    lang = options.lang
    run = localize(run, lang)
    blocks = [to_text(r, color=options.color, verbose=options.verbose, quiet=options.quiet,
                      waiver=lambda f, r=r: run.waiver(r, f), fails=lambda f, r=r: run.fails(r, f),
                      lang=lang, date=report_date(options))
              for r in run.reports]
    if len(run.outcomes) > 1:
        blocks.append(label(lang, "documents_checked", n=len(run.reports), e=len(run.errors),
                            f=len(run.failures()), fail_on=run.policy.fail_on))
    return "\n\n".join(blocks)


def render_comparison(comparison, options: Options) -> str:
    from checker.compare import CHANGE_MARK

    def paint(s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if options.color else s

    colors = {"regression": "31", "improvement": "32", "unchanged": "0", "added": "0", "removed": "0"}
    c = comparison
    n = c.counts()
    lines = [f"{c.old_label}  →  {c.new_label}",
             f"{n['regression']} regression(s), {n['improvement']} improvement(s), {n['unchanged']} unchanged", ""]
    for ch in c.changes:
        if options.quiet and ch.change != "regression":
            continue
        mark = paint(f"{CHANGE_MARK[ch.change]} {ch.change:<11}", colors.get(ch.change, "0"))
        lines.append(f"{mark} {ch.protection}  {ch.old_status or '-'} → {ch.new_status or '-'}")
        for reason in ch.reasons:
            lines.append(f"    - {reason}")
        lines += _quoted_change(ch, paint)
    return "\n".join(lines)


def _quoted_change(ch, paint) -> list[str]:
    """The old and new clause, their word diff ([-removed-]{+added+}) and the change in plain words."""
    import textwrap

    if ch.change not in ("regression", "improvement"):
        return []
    out = []
    for label, clause in (("old", ch.old_clause), ("new", ch.new_clause)):
        if clause is None:
            out.append(f"    {label}: (no such clause)")
        else:
            out.append(f"    {label} ({clause.where()}): \"{clause.text}\"")
    if ch.old_clause and ch.new_clause and ch.diff:
        words = []
        for op in ch.diff:
            text = " ".join(op["text"].split())
            lead = " " if op["text"][:1].isspace() else ""
            if op["op"] == "equal":
                words.append(lead + text)
            elif op["op"] == "delete":
                words.append(lead + paint(f"[-{text}-]", "31"))
            else:
                words.append(lead + paint(f"{{+{text}+}}", "32"))
        out.append(f"    diff: {''.join(words).strip()}")
    if ch.effect:
        out += textwrap.wrap(f"what it does: {ch.effect}", 100, initial_indent="    ", subsequent_indent="      ")
    return out


def protection_text(p) -> str:
    """A protection as a union staffer reads it: the language to paste into a proposal first."""
    import textwrap

    def wrap(s: str, indent: str = "  ") -> str:
        # a new paragraph starts at a blank line or a line opening with "(a)", "1." or "Section"
        pars = re.split(r"\n\s*\n|\n(?=\s*(?:\([a-z0-9]{1,4}\)|\d+(?:\.\d+)*\.?\s|section\s|article\s))", s, flags=re.I)
        return "\n".join(textwrap.fill(" ".join(par.split()), 96, initial_indent=indent,
                                        subsequent_indent=indent) for par in pars if par.strip())

    out = [f"{p.title}", f"id: {p.id}   category: {p.category}   severity: {p.severity}", "",
           "MODEL LANGUAGE", wrap(p.model_text), "", "CORE ELEMENTS"]
    for el in p.elements:
        out.append(wrap(f"{el.index}. {el.description}"))
        for prm in el.parameters:
            direction = "at most" if prm.better == "lower" else "at least"
            need = "required" if prm.required else "optional"
            out.append(f"     parameter {prm.name}: {direction} {prm.model:g} {prm.unit} ({need})")
    if p.strengthening:
        out += ["", "STRENGTHENING (suggested wording)"]
        for s in p.strengthening:
            out.append(wrap(f"- {s.description} {s.suggested_text}"))
    out += ["", "WHY IT MATTERS", wrap(p.rationale), "", "REFERENCES"]
    out += [wrap(f"- {r}") for r in p.references]
    return "\n".join(out)
