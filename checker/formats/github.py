"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` per shortfall.

Level as in SARIF (checker.run.level): error, warning or notice. Waived findings become notices
naming the reason. PDF/DOCX inputs have no source line, so `line` is given for TXT/MD only.
Escaping follows the runner's rules: in the message %, CR and LF; in properties also ':' and ','.
"""
from __future__ import annotations

from checker.formats.base import Options, message
from checker.run import display_path, level

COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, text: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{command} {fields}::{escape_data(text)}" if fields else f"::{command}::{escape_data(text)}"


def render(run, options: Options) -> str:
    lines = []
    for report in run.reports:
        path = display_path(report.document["path"])
        for f in report.findings:
            if f.status == "matching":
                continue
            line = f.evidence[0].line if f.evidence and report.document["format"] in ("txt", "md") else None
            w = run.waiver(report, f)
            command = "notice" if w else COMMAND[level(f)]
            text = message(f) + (f" [waived: {w.reason}]" if w else "")
            lines.append(annotation(command, text, file=path, line=line, title=f"clausecheck {f.protection}"))
    for report in run.reports:
        lines += [annotation("warning", w, file=display_path(report.document["path"]), title="clausecheck: input")
                  for w in report.warnings]
    for o in run.errors:
        lines.append(annotation("error", o.error or "", file=display_path(o.path), title="clausecheck: cannot read"))
    for w in run.warnings():
        lines.append(annotation("warning", w, title="clausecheck configuration"))
    return "\n".join(lines)


def render_comparison(comparison, options: Options) -> str:
    lines = []
    for ch in comparison.changes:
        if ch.change == "regression":
            text = f"{ch.title}: {ch.old_status} → {ch.new_status}; " + "; ".join(ch.reasons)
            lines.append(annotation("error", text, file=display_path(comparison.new_path),
                                    title=f"clausecheck regression {ch.protection}"))
    return "\n".join(lines)
