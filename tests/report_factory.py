"""Hand-built reports for format tests: fixed verdicts, so the engine's progress cannot move them."""
from __future__ import annotations

from datetime import date

from checker.result import Deviation, ElementState, Evidence, Finding, Report
from checker.run import CheckRun, Outcome, Policy, Waiver

SHA = "0" * 64
NASTY = 'the Employer <script>alert("x")</script> & co | 50% off: "quoted", ok\r\nnext'


def finding(pid: str, status: str, *, category: str = "ice_enforcement", severity: str = "high",
            line: int = 10, page: int | None = None, found: str | None = "as soon as practicable") -> Finding:
    evidence = [] if status == "missing" else [
        Evidence(text=f"The Employer will notify the Union {found or 'within 24 hours'} of any visit. {NASTY}",
                 section="14.2", heading="Immigration", page=page, line=line, start=100, end=200)]
    deviations = []
    if status == "weakened":
        deviations = [Deviation("hedge", 1, "a vague time instead of a number", found, "within 24 hours")]
    if status == "missing":
        deviations = [Deviation("missing_element", 1, "no notice duty at all")]
    return Finding(protection=pid, title=f"Title of {pid} <b>", category=category, severity=severity,
                   status=status, confidence=0.8, evidence=evidence,
                   elements=[ElementState(1, status, 0 if evidence else None)], deviations=deviations,
                   suggestion=f"Model language for {pid}: the Employer shall notify the Union within 24 hours.")


def report(path: str = "drafts/hotel.md", fmt: str = "md", pages: int | None = None,
           statuses: tuple[str, ...] = ("matching", "weakened", "missing")) -> Report:
    ids = ["alpha_notice", "beta_privacy", "gamma_leave"]
    cats = ["ice_enforcement", "ice_enforcement", "leave_and_reinstatement"]
    sevs = ["critical", "high", "medium"]
    findings = [finding(pid, st, category=c, severity=s, line=10 * (i + 1), page=(i + 1) if pages else None)
                for i, (pid, st, c, s) in enumerate(zip(ids, statuses, cats, sevs))]
    return Report(tool={"name": "clausecheck", "version": "0.1.0"},
                  corpus={"name": "test-pack", "version": "1", "sha256": SHA},
                  document={"path": path, "sha256": SHA, "format": fmt, "pages": pages}, findings=findings)


def run(*reports: Report, errors: tuple[str, ...] = (), fail_on: str = "missing",
        waivers: tuple[Waiver, ...] = (), many: bool | None = None) -> CheckRun:
    outcomes = [Outcome(r.document["path"], report=r) for r in reports]
    outcomes += [Outcome(p, error=f"E201 {p}: file not found (check the path and spelling)") for p in errors]
    return CheckRun(outcomes, Policy(fail_on=fail_on, waivers=waivers, today=date(2026, 1, 1)),
                    many=len(outcomes) > 1 if many is None else many)
