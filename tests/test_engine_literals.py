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


# --- the literal gate of the strength entries: every set it names must be met ----------------------

@pytest.mark.parametrize(("pattern", "text", "passes"), [
    (r"\bstatement of (?:intent|intention)\b", "this is a statement of intent", True),
    (r"\bstatement of (?:intent|intention)\b", "a statement of the union's position", False),  # "intent" missing
    (r"\b(?:this|such) article (?:expires|lapses)\b", "this article lapses", True),
    (r"\b(?:this|such) article (?:expires|lapses)\b", "this article continues", False),
    (r"(?:shall|may)? ?set aside", "the employer will set aside", True),  # the optional part asks nothing
    (r"(?i)statement of intent", "STATEMENT OF INTENT", True),  # case-insensitive: no gate
    (r"(?i:statement) of intent", "STATEMENT of intent", True),
    (r"(?x) statement \s of", "statement of", True),
])
def test_literals_gate_rows(pattern, text, passes):
    from checker.engine.literals import literal_gate, passes as gate_passes

    assert gate_passes(literal_gate(pattern), text) == passes
    if re.search(pattern, text):
        assert passes  # a text the pattern matches always passes its gate


def _strength_texts() -> list[str]:
    from checker.corpus.strength import builtin
    from checker.engine.language import normalize
    from checker.engine.segment import split_units

    lex = builtin()
    texts = [normalize(ex.text) for es in lex.entries.values() for e in es for ex in (*e.fires, *e.quiet)]
    for doc in sorted((ROOT / "tests" / "devset" / "traps_a").glob("*.txt"))[:4]:
        texts += [normalize(u.text) for u in split_units(doc.read_text())]
    return texts


def test_literals_gate_never_hides_a_strength_match():
    """Every strength entry, on every example sentence of the lexicon and the sentences of some
    development documents: where its pattern matches, its gate lets the text through."""
    from checker.corpus.strength import builtin
    from checker.engine.literals import passes

    lex = builtin()
    texts = _strength_texts()
    gated = 0
    for es in lex.entries.values():
        for e in es:
            gated += bool(e.gate)
            for t in texts:
                if e.regex.search(t):
                    assert passes(e.gate, t), (e.id, t)
                    assert next(e.finditer(t)).span() == e.regex.search(t).span()
                else:
                    assert e.search(t) is None
    assert gated > 100  # nearly every entry has one: the gate is doing work


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["the", "employer", "shall", "not", "be", "subject", "to", "grievance", "arbitration",
                                 "this", "article", "is", "a", "statement", "of", "intent", "only", "may", "suspend",
                                 "expires", "on", "december", "31,", "2026", "nothing", "in", "agreement", "binding",
                                 "advisory", "policy", "as", "amended", "ice", "access", "records", "goals", "."]),
                min_size=1, max_size=25))
def test_literals_gate_agrees_with_every_strength_pattern(words):
    from checker.corpus.strength import builtin
    from checker.engine.literals import passes

    text = " ".join(words)
    for es in builtin().entries.values():
        for e in es:
            if e.regex.search(text):
                assert passes(e.gate, text), (e.id, text)
