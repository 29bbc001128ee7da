"""What every strength check declares, and what a sentence-stage check is handed."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

# Where in grading a check runs:
#   sentence    find(Context) -> [Deviation]: on each candidate sentence for an element
#   element     runs once per element (reversed wording anywhere, an element not found at all)
#   protection  runs once per protection, after its elements are graded (overrides elsewhere)
#   document    find(analysis, protections, findings): once per document, after every protection is
#               graded; weakens in place what another provision defeats (checker.engine.enforceability)
STAGES = ("sentence", "element", "protection", "document")


@dataclass(frozen=True)
class Check:
    id: str  # the module's name; the rule id of what it finds when no data entry names one
    kind: str | None  # the deviation kind it defines; None: it reports under the kinds of what it finds
    weight: int  # how much one such deviation counts against a candidate sentence (more: worse)
    stage: str
    find: Callable
    summary: str  # one line for the docs
    carried: bool = False  # reaches the element from another sentence of the same provision
    lexicon: str | None = None  # the clause_corpus/strength/<lexicon>.yaml file its phrases live in


@dataclass
class Context:
    """One candidate sentence (`unit`) for one element of one protection."""
    element: object  # checker.corpus.model.Element
    analysis: object  # checker.engine.analysis.Analysis
    unit: int
    protection: str = ""
    cite: list[int] = field(default_factory=list)  # other units a deviation rests on: cited as evidence too

    @property
    def lexicon(self):
        """The strength lexicon the document is checked with (the corpus's; None: the built-in one)."""
        return self.analysis.strength

    @cached_property
    def text(self) -> str:
        return self.analysis.surfaces[self.unit]

    @cached_property
    def passage(self) -> frozenset[int]:
        return self.analysis.passage(self.unit)

    @cached_property
    def defined_by(self) -> frozenset[int]:
        return self.analysis.definitions_used(self.unit)
