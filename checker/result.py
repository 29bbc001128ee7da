"""The result of checking one document: the value the JSON report (schema_version 1) serializes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = "1"


@dataclass
class Evidence:
    text: str
    section: str | None
    heading: str | None
    page: int | None
    line: int
    start: int
    end: int


@dataclass
class ElementState:
    index: int
    status: str  # matching | weakened | missing
    evidence_index: int | None = None


@dataclass
class Deviation:
    kind: str  # one of checker.engine.checks.KINDS
    element: int
    explanation: str
    found: str | None = None
    expected: str | None = None
    rule: str | None = None  # the id of the rule that found it: a strength-lexicon entry or a protection's own rule


@dataclass
class Finding:
    protection: str
    title: str
    category: str
    severity: str
    status: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    elements: list[ElementState] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    suggestion: str = ""
    precedent: object | None = None  # checker.precedents.Precedent, with `check --precedents DB`

    def to_dict(self) -> dict:
        precedent = self.precedent
        self.precedent = None
        try:
            d = asdict(self)
        finally:
            self.precedent = precedent
        del d["precedent"]
        if precedent is not None:
            d["precedent"] = precedent.to_dict()
        d["elements"] = [{k: v for k, v in e.items() if v is not None} for e in d["elements"]]
        d["deviations"] = [{k: v for k, v in x.items() if v is not None} for x in d["deviations"]]
        return d


@dataclass
class Report:
    tool: dict
    corpus: dict
    document: dict
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    timings: dict = field(default_factory=dict)

    @property
    def summary(self) -> dict:
        counts = {"matching": 0, "weakened": 0, "missing": 0}
        for f in self.findings:
            counts[f.status] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": self.tool,
            "corpus": self.corpus,
            "document": self.document,
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
            "warnings": list(self.warnings),
        }
