"""The defeater passes search the document a window of sentences at a time (no joined copy of the
whole text): the sentences they read, the agreement's term and the defeats found are those of one
search over the whole text, wherever the windows fall."""
from __future__ import annotations

import bisect
import re
from pathlib import Path

import pytest

from checker.api import default_corpus, document_from_text
from checker.corpus.strength import builtin
from checker.engine import concept_index, enforceability
from checker.engine.analysis import Analysis

AGREEMENT = Path(__file__).parent / "devset" / "real" / "grinnell-ugsdw-contract-2024-2027.md"
SIDE_LETTER = """MEMORANDUM OF UNDERSTANDING
This Memorandum runs from July 1, 2025 through June 30, 2029.

Article 1 Immigration Protections
1.1 The Employer shall not allow any immigration agent into non-public areas of the worksite without a
judicial warrant signed by a judge.
1.2 The Employer shall give the Union notice of any no-match letter within three days.

Article 2 Grievances
2.1 Disputes over Sections 1.1 and 1.2 are not subject to the grievance and arbitration procedure.
2.2 Section 1.2 expires on June 30, 2026.
"""


def _analysis(text: str) -> Analysis:
    return Analysis.build(document_from_text(text, markdown=True), concept_index(default_corpus()))


def _whole_text_search(a, category: str) -> list[int]:
    """The units in which a hit of the category's prefilter starts, over all units joined by line breaks."""
    rx = re.compile(rf"\b(?:{builtin().prefilters[category].pattern})")
    starts, pos = [], 0
    for t in a.surfaces:
        starts.append(pos)
        pos += len(t) + 1
    starts.append(pos)
    whole = "\n".join(a.surfaces)
    found, pos = [], 0
    while (m := rx.search(whole, pos)) is not None:
        unit = bisect.bisect_right(starts, m.start()) - 1
        found.append(unit)
        pos = starts[unit + 1]
    return found


@pytest.mark.parametrize("category", ["enforceability", "cross_article", "learned_defeater"])
def test_prefilter_windows_let_through_what_one_search_of_the_whole_text_does(category, monkeypatch):
    a = _analysis(AGREEMENT.read_text(encoding="utf-8"))
    expected = _whole_text_search(a, category)
    assert len(expected) > 20  # a real agreement: many sentences hold the words
    for window in (1, 2, 3, 7, 64, 4096):
        monkeypatch.setattr(enforceability, "_WINDOW", window)
        a.__dict__.pop(f"_strength_candidates_{category}", None)
        assert enforceability._candidates(a, category) == expected, window


def test_defeats_and_term_do_not_depend_on_where_the_windows_fall(monkeypatch):
    found = []
    for window in (1, 2, 4096):
        monkeypatch.setattr(enforceability, "_WINDOW", window)
        a = _analysis(SIDE_LETTER)
        found.append(([(d.unit, d.rule, d.how, d.spans) for d in enforceability.defeats(a)],
                      enforceability.agreement_term(a)))
    assert found[0] == found[1] == found[2]
    defeats, term = found[0]
    assert {how for _, _, how, _ in defeats} >= {"exclusion", "expiry"}
    assert term is not None and term[1].isoformat() == "2029-06-30"
