"""GitHub Actions workflow commands, grouped to fit what GitHub shows, plus a job summary.

GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job); more are
dropped silently. So the annotations are grouped: one per document and level, listing every
protection of that level in it, at the line of its first evidence (the line in the extracted
text, PDF and DOCX included). When documents still outnumber the limit, the first ones are
annotated and one more annotation says how many were left out and where to read them all: the
Markdown job summary, which `check --format github` appends to $GITHUB_STEP_SUMMARY.

Level as in SARIF (checker.run.level): error, warning or notice. Waived findings become notices
naming the reason. Escaping follows the runner's rules: in the message %, CR and LF; in
properties also ':' and ','.
"""
from __future__ import annotations

from checker.formats.base import Options, message
from checker.run import display_path, level

COMMAND = {"error": "error", "warning": "warning", "note": "notice"}
# GitHub's documented display limits: 10 error and 10 warning annotations per step. One slot of
# each kind is kept for the "N more" line.
PER_KIND = 10


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, text: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{command} {fields}::{escape_data(text)}" if fields else f"::{command}::{escape_data(text)}"


def _groups(run) -> list[tuple[str, str, int | None, list[str], str]]:
    """(command, file, line, messages, title) per document and level, in document order."""
    out = []
    for report in run.reports:
        path = display_path(report.document["path"])
        by_kind: dict[str, tuple[int | None, list[str]]] = {}
        for f in report.findings:
            if f.status == "matching":
                continue
            w = run.waiver(report, f)
            known = (report.document["path"], f.protection) in run.known  # in the --baseline
            command = "notice" if w or known else COMMAND[level(f)]
            text = message(f) + (f" [waived: {w.reason}]" if w else "")
            line = f.evidence[0].line if f.evidence else None
            first, texts = by_kind.get(command, (line, []))
            by_kind[command] = (first if first is not None else line, texts + [f"{f.protection} — {text}"])
        for command in ("error", "warning", "notice"):
            if command in by_kind:
                line, texts = by_kind[command]
                n = len(texts)
                title = f"clausecheck: {n} protection{'s' if n != 1 else ''} {_kind_word(command)}"
                out.append((command, path, line, texts, title))
    return out


def render(run, options: Options) -> str:
    lines = []
    used = {"error": 0, "warning": 0, "notice": 0}
    left_out = {"error": 0, "warning": 0, "notice": 0}
    errors = [("error", display_path(o.path), None, [o.error or ""], "clausecheck: cannot read") for o in run.errors]
    inputs = [("warning", display_path(r.document["path"]), None, list(r.warnings), "clausecheck: input")
              for r in run.reports if r.warnings]
    for command, path, line, texts, title in errors + _groups(run) + inputs:
        if used[command] >= PER_KIND - 1:
            left_out[command] += 1
            continue
        used[command] += 1
        lines.append(annotation(command, "\n".join(texts), file=path, line=line, title=title))
    for command, n in left_out.items():
        if n:
            lines.append(annotation(command, f"{n} more document(s) with {command}s are not annotated "
                                             f"(GitHub shows {PER_KIND} per step); the job summary lists every finding",
                                    title="clausecheck: more findings"))
    if run.warnings():
        lines.append(annotation("warning", "\n".join(run.warnings()), title="clausecheck configuration"))
    return "\n".join(lines)


def _kind_word(command: str) -> str:
    return {"error": "failing", "warning": "weakened", "notice": "waived or known"}[command]


def job_summary(run) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: a table per document of every protection that falls short."""
    failing = len(run.failures())
    out = ["## clausecheck", "",
           f"{len(run.reports)} document(s) checked, {failing} finding(s) failing"
           + (f", {len(run.errors)} could not be read" if run.errors else "") + ".", ""]
    for o in run.errors:
        out.append(f"- **{display_path(o.path)}**: {o.error}")
    for report in run.reports:
        rows = [f for f in report.findings if f.status != "matching"]
        out += [f"### {display_path(report.document['path'])}", ""]
        if not rows:
            out += ["Every protection matches the model language.", ""]
            continue
        out += ["| Protection | Status | Severity | Where | Fails |", "|---|---|---|---|---|"]
        for f in rows:
            ev = f.evidence[0] if f.evidence else None
            where = ", ".join(x for x in (f"§{ev.section}" if ev and ev.section else "",
                                          f"p. {ev.page}" if ev and ev.page else "",
                                          f"line {ev.line}" if ev else "") if x) or "—"
            w = run.waiver(report, f)
            fails = "yes" if run.fails(report, f) else (f"waived: {w.reason}" if w else "no")
            out.append(f"| {f.title.replace('|', '/')} (`{f.protection}`) | {f.status} | {f.severity} | {where} | "
                       f"{fails.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


def render_comparison(comparison, options: Options) -> str:
    from checker.compare import failing_changes

    lines = []
    failing = {c.protection for c in failing_changes(comparison, options.fail_on)}
    for ch in comparison.changes:
        if ch.protection in failing or ch.change == "regression":
            text = f"{ch.title}: {ch.old_status} → {ch.new_status}" + ("; " + "; ".join(ch.reasons) if ch.reasons else "")
            command = "error" if ch.protection in failing else "warning"
            lines.append((command, annotation(command, text, file=display_path(comparison.new_path),
                                              title=f"clausecheck {ch.change} {ch.protection}")))
    shown, out = {"error": 0, "warning": 0}, []
    for command, line in lines:
        shown[command] += 1
        if shown[command] <= PER_KIND - 1:
            out.append(line)
    for command, n in shown.items():
        if n > PER_KIND - 1:
            out.append(annotation(command, f"{n - PER_KIND + 1} more change(s) not annotated (GitHub shows "
                                           f"{PER_KIND} per step); run compare --format markdown for all",
                                  file=display_path(comparison.new_path), title="clausecheck: more changes"))
    return "\n".join(out)
