"""Checking many documents under one policy: which findings count, which are waived, the exit code.

The engine grades a document; a *policy* (from the command line and `.clausecheck.toml`) decides
what a team cares about: the failure threshold, the protections it requires, severities it has
re-ranked, and the known gaps it has accepted with a reason (waivers). A `CheckRun` holds the
reports of one invocation together with that policy, so every output format draws the same line.
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from checker.errors import UsageError
from checker.ingest import find_documents
from checker.result import Finding, Report

STATUS_RANK = {"matching": 0, "weakened": 1, "missing": 2}
FAIL_RANK = {"weakened": 1, "missing": 2, "never": 99}
SEVERITIES = ("critical", "high", "medium", "low")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Waiver:
    """An accepted gap: `protection` may fall short in documents matching `document` (a glob)."""

    document: str
    protection: str
    reason: str
    expires: date | None = None
    source: str = ""  # "path:line" of the waiver in the configuration, for messages
    base: str = ""  # the configuration's folder: `document` is relative to it

    def covers(self, path: str) -> bool:
        rel = display_path(path, self.base or None)
        return any(fnmatch.fnmatch(p, self.document) for p in (rel, PurePosixPath(rel).name, path))

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def to_dict(self) -> dict:
        d = {"reason": self.reason, "document": self.document}
        if self.expires:
            d["expires"] = self.expires.isoformat()
        return d


@dataclass
class Policy:
    fail_on: str = "missing"
    select: tuple[str, ...] = ()  # protection ids or categories; empty = all
    ignore: tuple[str, ...] = ()
    required: tuple[str, ...] = ()  # protections that can fail the run; empty = all
    # Per document glob (relative to `base`): the protections that can fail the run for documents
    # it matches, instead of `required` (several matching globs: their union).
    required_by_path: dict[str, tuple[str, ...]] = field(default_factory=dict)
    base: str = ""  # the configuration's folder
    severity: dict[str, str] = field(default_factory=dict)  # protection id -> severity
    waivers: tuple[Waiver, ...] = ()
    today: date = field(default_factory=date.today)

    def validate(self, corpus) -> None:
        """Unknown ids or categories are usage errors, not silent no-ops."""
        ids = {p.id for p in corpus.protections}
        categories = {p.category for p in corpus.protections}
        for option, names in (("--select", self.select), ("--ignore", self.ignore)):
            for name in names:
                if name not in ids and name not in categories:
                    raise UsageError(f"unknown protection or category {name!r} in {option}",
                                     hint="run `clausecheck corpus list` for the ids and categories")

    def required_for(self, path: str) -> tuple[str, ...]:
        rel = display_path(path, self.base or None)
        hits = [pid for pattern, ids in self.required_by_path.items()
                if any(fnmatch.fnmatch(p, pattern) for p in (rel, PurePosixPath(rel).name)) for pid in ids]
        return tuple(dict.fromkeys(hits)) if hits else self.required

    def keeps(self, finding: Finding) -> bool:
        names = {finding.protection, finding.category}
        if self.select and not names & set(self.select):
            return False
        return not names & set(self.ignore)

    def apply(self, report: Report) -> Report:
        """The report as this team sees it: filtered by --select/--ignore, severities re-ranked."""
        findings = [replace(f, severity=self.severity.get(f.protection, f.severity))
                    for f in report.findings if self.keeps(f)]
        return replace(report, findings=findings)


@dataclass
class Outcome:
    """One input: its report, or the one-line error that stopped it."""

    path: str
    report: Report | None = None
    error: str | None = None


@dataclass
class CheckRun:
    outcomes: list[Outcome]
    policy: Policy = field(default_factory=Policy)
    many: bool = False  # several inputs (or a folder) were asked for: JSON is a list
    known: frozenset = frozenset()  # (document path, protection) found in the --baseline

    @property
    def reports(self) -> list[Report]:
        return [o.report for o in self.outcomes if o.report is not None]

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]

    def waiver(self, report: Report, finding: Finding) -> Waiver | None:
        """The live waiver covering this shortfall, if any (matching findings need none)."""
        if finding.status == "matching":
            return None
        for w in self.policy.waivers:
            if w.protection == finding.protection and w.covers(report.document["path"]) \
                    and not w.expired(self.policy.today):
                return w
        return None

    def fails(self, report: Report, finding: Finding) -> bool:
        """Whether this finding is at or above the failure threshold and counts toward exit 1."""
        if STATUS_RANK[finding.status] < FAIL_RANK[self.policy.fail_on]:
            return False
        required = self.policy.required_for(report.document["path"])
        if required and finding.protection not in required:
            return False
        if (report.document["path"], finding.protection) in self.known:
            return False
        return self.waiver(report, finding) is None

    def failures(self) -> list[tuple[Report, Finding]]:
        return [(r, f) for r in self.reports for f in r.findings if self.fails(r, f)]

    def warnings(self) -> list[str]:
        """Expired waivers, and waivers that covered nothing in this run."""
        out = []
        for w in self.policy.waivers:
            where = f"{w.source}: " if w.source else ""
            if w.expired(self.policy.today):
                out.append(f"{where}waiver for {w.protection} on {w.document!r} expired on "
                           f"{w.expires.isoformat()} (renew it with a new date or remove it)")
                continue
            used = any(w.protection == f.protection and f.status != "matching" and w.covers(r.document["path"])
                       for r in self.reports for f in r.findings)
            if not used:
                out.append(f"{where}waiver for {w.protection} on {w.document!r} matched no weakened or "
                           f"missing finding (remove it if the gap is closed)")
        return out

    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failures() else EXIT_OK


def level(finding: Finding) -> str:
    """SARIF-style level: missing -> error, weakened -> warning; 'critical' raises a weakened
    finding to error, 'low' lowers either one step. Matching -> none."""
    if finding.status == "matching":
        return "none"
    order = ["note", "warning", "error"]
    i = 2 if finding.status == "missing" else 1
    if finding.severity == "critical":
        i += 1
    elif finding.severity == "low":
        i -= 1
    return order[max(0, min(i, 2))]


def display_path(path: str, base: str | None = None) -> str:
    """The path relative to `base` (default: the working directory), with forward slashes
    (absolute if outside it)."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path(base or Path.cwd()).resolve())
    except ValueError:  # another drive on Windows
        return p.as_posix()
    return p.resolve().as_posix() if rel.startswith("..") else PurePosixPath(Path(rel)).as_posix()


def fingerprint(report: Report, finding: Finding) -> str:
    """Stable across runs and line shifts: the document's path and the protection, not the text."""
    key = f"{display_path(report.document['path'])}\0{finding.protection}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Files as given, folders searched recursively for documents; each file once, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        found = [Path(f) for f in find_documents(raw)] if p.is_dir() else [p]
        for f in found:
            try:
                key = os.path.normcase(str(f.resolve()))
            except (OSError, RuntimeError):  # a symlink loop: kept, and reported when it is read (E217)
                key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                out.append(str(f))
    return out


def check_paths(paths: list[str], check: Callable[[str], Report], policy: Policy, *,
                many: bool = False, progress: Callable[[int, int, str], None] | None = None) -> CheckRun:
    """Check each path with `check`; a file that fails becomes an error outcome and the rest go on."""
    from checker.errors import ClausecheckError

    outcomes = []
    for i, path in enumerate(paths, start=1):
        if progress:
            progress(i, len(paths), path)
        try:
            outcomes.append(Outcome(path, report=policy.apply(check(path))))
        except ClausecheckError as exc:
            line = exc.line()
            if exc.path is None:  # name the file even when the library did not
                line = f"{exc.code} {path}: {exc.problem}" + (f" ({exc.hint})" if exc.hint else "")
            outcomes.append(Outcome(path, error=line))
        except Exception as exc:  # noqa: BLE001 — a parser choking on one file must not lose the others
            outcomes.append(Outcome(path, error=f"E900 {path}: unexpected {type(exc).__name__}: {exc} "
                                                f"(please report this with the file)"))
    return CheckRun(outcomes, policy, many=many)
