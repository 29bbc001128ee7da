"""Views of a Report. JSON is the contract (spec/report.md); the others are read by people or tools."""
from __future__ import annotations

import json
import re

from checker.result import Report

STATUS_MARK = {"matching": "✔", "weakened": "▲", "missing": "✘"}


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def to_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    def paint(s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    colors = {"matching": "32", "weakened": "33", "missing": "31"}
    doc = report.document
    s = report.summary
    lines = [f"{doc['path']}  ({doc['format']}, {doc['pages'] or '-'} pages)",
             f"corpus {report.corpus['name']} {report.corpus['version']}",
             f"{s['matching']} matching, {s['weakened']} weakened, {s['missing']} missing", ""]
    for f in report.findings:
        mark = paint(f"{STATUS_MARK[f.status]} {f.status:<8}", colors[f.status])
        lines.append(f"{mark} {f.protection}  ({f.severity})")
        if f.evidence:
            ev = f.evidence[0]
            where = ", ".join(x for x in (f"§{ev.section}" if ev.section else "",
                                          f"p. {ev.page}" if ev.page else f"line {ev.line}") if x)
            lines.append(f"    at {where}: \"{_clip(ev.text, 110)}\"")
        for d in f.deviations:
            found = f" (found: {_clip(d.found, 60)})" if d.found else ""
            lines.append(f"    - {d.kind}, element {d.element}: {d.explanation}{found}")
        if verbose and f.status != "matching":
            lines.append("    propose: " + _clip(" ".join(f.suggestion.split()), 300))
    for w in report.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
