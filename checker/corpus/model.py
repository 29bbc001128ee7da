"""Value objects for the clause corpus: a pack of protections measured against a draft."""
from __future__ import annotations

from dataclasses import dataclass, field

# A concept group is satisfied by any one of its members: a lexicon concept name, or an
# inline regular expression written "re:..." (matched on the lower-cased surface text).
ConceptGroup = tuple[str, ...]
# A detector is satisfied when every group matches within one sentence.
Detector = tuple[ConceptGroup, ...]


@dataclass(frozen=True)
class Concept:
    name: str
    description: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str  # hours | days | working days | months
    model: float
    better: str  # lower | higher
    required: bool
    cues: tuple[str, ...] = ()  # regexes; a number counts only if a cue is near it
    note: str = ""
    rule: str = ""  # "<protection>.e<element>.parameter.<name>"


@dataclass(frozen=True)
class ScopeCheck:
    requires: Detector  # every group must occur in the element's passage
    expected: str
    explain: str
    kind: str = "scope"  # or missing_element, when the absent words are a part of the duty itself
    rule: str = ""  # "<protection>.e<element>.<kind>.<n>": the id a deviation it finds carries


@dataclass(frozen=True)
class Narrowing:
    detect: Detector  # occurs in the evidence sentence -> scope deviation
    found: str
    explain: str
    rule: str = ""  # "<protection>.e<element>.<kind>.<n>": the id a deviation it finds carries
    # "sentence": read in the evidence sentence only; "provision": in any sentence of its provision
    # ("The Fund pays for ... Services are available to employees only; family members are not eligible.")
    within: str = "sentence"


@dataclass(frozen=True)
class Reversal:
    detect: Detector
    explain: str
    rule: str = ""  # "<protection>.e<element>.<kind>.<n>": the id a deviation it finds carries


@dataclass(frozen=True)
class Element:
    index: int
    description: str
    strength: str  # obligation | prohibition
    detect: tuple[Detector, ...]
    context: Detector = ()
    scope: tuple[ScopeCheck, ...] = ()
    narrowing: tuple[Narrowing, ...] = ()
    reversed: tuple[Reversal, ...] = ()
    allow: tuple[str, ...] = ()  # the model's own wording that looks like a hedge
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True)
class Example:
    text: str
    status: str
    deviations: tuple[str, ...]
    note: str
    line: int


@dataclass(frozen=True)
class Strengthening:
    description: str
    suggested_text: str


@dataclass(frozen=True)
class Protection:
    id: str
    title: str
    category: str
    plank: tuple[int, ...]
    severity: str
    model_text: str
    rationale: str
    references: tuple[str, ...]
    elements: tuple[Element, ...]
    strengthening: tuple[Strengthening, ...]
    examples: tuple[Example, ...]
    headings: tuple[str, ...] = ()  # section-heading cues that route passages here
    anchor: Detector = ()  # must occur in a candidate's passage or headings (the protection's subject)
    source: str = ""


@dataclass
class Corpus:
    name: str
    version: str
    sha256: str
    protections: list[Protection]
    concepts: dict[str, Concept]
    disabled: list[str] = field(default_factory=list)
    strength: object | None = None  # checker.corpus.strength.Lexicon: built-in entries plus the pack's own

    def get(self, pid: str) -> Protection | None:
        return next((p for p in self.protections if p.id == pid), None)

    def require(self, pid: str) -> Protection:
        """The protection `pid`, or E102 naming the closest ids and how to list them all."""
        import difflib

        from checker.errors import UnknownProtectionError

        found = self.get(pid)
        if found is not None:
            return found
        close = difflib.get_close_matches(pid, [p.id for p in self.protections], n=3, cutoff=0.6)
        hint = (f"did you mean {', '.join(close)}? " if close else "") + "run `clausecheck corpus list` for the ids"
        raise UnknownProtectionError(f"unknown protection {pid!r}", hint=hint)
