"""Batch audits: thousands of contracts through the same engine, resumable, into a results database.

    paths = discover(["contracts/"])
    stats = run_audit(paths, "audit.sqlite", AuditOptions(jobs=2))
    summary = audit_summary(ResultsDB("audit.sqlite"))
"""
from checker.batch.inputs import discover
from checker.batch.run import AuditOptions, AuditStats, run_audit
from checker.batch.store import ResultsDB
from checker.batch.summary import audit_summary, export, summary_text
from checker.batch.worker import audit_one

__all__ = ["AuditOptions", "AuditStats", "ResultsDB", "audit_one", "audit_summary", "discover", "export",
           "run_audit", "summary_text"]
