"""The literal prefilter never changes what a pattern finds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.corpus import load_corpus
from checker.corpus.patterns import alternation, compiled
from checker.engine.literals import required_literals

ROOT = Path(__file__).resolve().parents[1]
CORPUS = load_corpus()
PATTERNS = sorted({alternation(c.patterns) for c in CORPUS.concepts.values() if c.patterns}
                  | {m[3:] for p in CORPUS.protections for el in p.elements
                     for det in (*el.detect, el.context, *(r.detect for r in el.reversed)) for g in det for m in g
                     if m.startswith("re:")})


@pytest.mark.parametrize(("pattern", "text", "found"), [
    (r"\bno[- ]match\b|\be-?verify\b", "a no-match letter", True),
    (r"\bice\b(?! cream)", "ice cream", False),
    (r"(?:shall|will) (?:permit|allow)", "the hotel will allow entry", True),
])
def test_literals_prefilter_rows(pattern, text, found):
    literals = required_literals(pattern)
    assert literals is not None
    passes = any(lit in text for lit in literals)
    assert (passes and re.search(pattern, text) is not None) == found


def test_literals_every_corpus_pattern_agrees_on_the_development_documents():
    from checker.engine.segment import split_units
    from checker.engine.language import normalize

    texts = []
    for doc in sorted((ROOT / "tests" / "devset" / "written_b").glob("*.txt"))[:6]:
        texts += [normalize(u.text) for u in split_units(doc.read_text())]
    for pattern in PATTERNS:
        literals = required_literals(pattern)
        if literals is None:
            continue
        rx = compiled(pattern)
        for t in texts:
            if rx.search(t):
                assert any(lit in t for lit in literals), (pattern, t)


WORDS = st.sampled_from(["the", "employer", "shall", "not", "ice", "dhs", "homeland", "security", "no-match",
                         "e-verify", "verify", "warrant", "judicial", "notify", "union", "within", "24", "hours",
                         "immigration", "i-9", "may", "reverify", "status", ",", ".", ";", "(a)"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_literals_a_match_always_contains_a_required_literal(words):
    text = " ".join(words)
    for pattern in PATTERNS:
        literals = required_literals(pattern)
        if literals is not None and compiled(pattern).search(text):
            assert any(lit in text for lit in literals), (pattern, text)
