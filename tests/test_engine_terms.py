"""Defined terms found in one pass over a text find exactly what one search per term finds."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.analysis import _TermIndex
from checker.engine.definitions import term_pattern

TERMS = ["Agent", "Agents Office", "EE", "U.S. Immigration", "Co", "Co-op", "Employees", "DHS", "A/B Unit",
         "Federal Enforcement Personnel", "FEP", "Employer"]
PIECES = ["Agent", "Agents", "Agents Office", "AgentX", "EE", "EEs", "U.S. Immigration", "U.S.", "Co", "Co-op",
          "Co.", "Employees", "Employee", "DHS", "A/B Unit", "Federal Enforcement Personnel", "FEP", "FEPs",
          "Employer", "Employer's", "the", "an", ".", ",", " ", "(", ")", "\"", "x", "é", "_", "-", "/", "1"]


def one_search_per_term(terms: list[str], text: str) -> set[str]:
    return {t for t in terms if term_pattern(t).search(text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Agent may not enter.", {"Agent"}),
    ("Agents shall wait; the Agents Office is closed.", {"Agent", "Agents Office"}),
    ("No AgentX here, nor xAgent, nor .Agent", set()),
    ("Notify the U.S. Immigration office and each FEP.", {"U.S. Immigration", "FEP"}),
    ("The Co-op and the Co. agree.", {"Co-op", "Co"}),
    ("EEs and the Employer's staff", {"EE", "Employer"}),
])
def test_engine_terms_one_pass_finds_each_use(text, expected):
    assert _TermIndex(TERMS).terms_in(text) == expected == one_search_per_term(TERMS, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_engine_terms_one_pass_equals_one_search_per_term(pieces):
    text = "".join(pieces)
    assert _TermIndex(TERMS).terms_in(text) == one_search_per_term(TERMS, text)
