"""Words hyphenated across lines are rejoined, but compounds keep their hyphen ("self-employed",
"re-verify", "on-site"); the same rule for pdfium's U+FFFE soft-hyphen marks."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.ingest import load_document
from checker.ingest.cleanup import clean_pages, keep_hyphen, known_words, normalize_line


def _join(a: str, b: str) -> str:
    return clean_pages([[(f"The {a}-", 1), (f"{b} worker.", 2)]], paged=True).text


@pytest.mark.parametrize("left, right, expected", [
    ("self", "employed", "self-employed"),
    ("re", "verify", "re-verify"),
    ("re", "hire", "re-hire"),
    ("co", "chair", "co-chair"),
    ("on", "site", "on-site"),
    ("in", "house", "in-house"),
    ("non", "union", "non-union"),
    ("multi", "employer", "multi-employer"),
    ("part", "time", "part-time"),
    ("full", "time", "full-time"),
    ("cross", "training", "cross-training"),
    ("pre", "employment", "pre-employment"),
    # ordinary words split by hyphenation are rejoined
    ("em", "ployer", "employer"),
    ("re", "quired", "required"),
    ("in", "clude", "include"),
    ("in", "stead", "instead"),
    ("off", "ice", "office"),
    ("ex", "ample", "example"),
    ("sea", "son", "season"),
    ("as", "signed", "assigned"),
    ("bar", "gaining", "bargaining"),
    ("griev", "ance", "grievance"),
    ("man", "agement", "management"),
])
def test_ingest_hyphen_rejoin_or_keep(left, right, expected):
    assert _join(left, right) == f"The {expected} worker."
    soft = normalize_line(f"The {left}\ufffe{right} worker.")
    assert soft == f"The {expected} worker."


def test_ingest_hyphen_kept_maps_positions():
    out = clean_pages([[("Any self-", 1), ("employed person.", 2)]], paged=True)
    assert out.text == "Any self-employed person."
    assert out.offset_map.position(out.text.index("self")).line == 1
    assert out.offset_map.position(out.text.index("employed")).line == 2


_WORDS = sorted(w for w in known_words() if w.isalpha() and w.islower() and 5 <= len(w) <= 14)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WORDS), st.integers(min_value=2, max_value=12))
def test_ingest_hyphen_known_words_always_rejoin(word, cut):
    """A known word split anywhere (two letters or more before the hyphen) comes back whole."""
    assume(cut <= len(word) - 1)
    assert _join(word[:cut], word[cut:]) == f"The {word} worker."


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["self", "well", "cross", "multi", "anti", "full", "part", "post"]), st.sampled_from(_WORDS))
def test_ingest_hyphen_compound_prefixes_keep_the_hyphen(prefix, word):
    assume(prefix + word not in known_words())
    assert keep_hyphen(prefix, word)
    assert _join(prefix, word) == f"The {prefix}-{word} worker."


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_WORDS), st.sampled_from(_WORDS))
def test_ingest_hyphen_two_known_halves_of_an_unknown_word_keep_it(a, b):
    assume(a + b not in known_words())
    assert _join(a, b) == f"The {a}-{b} worker."


def test_ingest_pdf_keeps_compound_hyphen_at_line_end(make_pdf):
    doc = load_document(make_pdf([["ARTICLE 4 - COVERAGE", "No self-", "employed person and no em-",
                                   "ployer shall re-", "verify status."]]))
    assert "No self-employed person and no employer shall re-verify status." in doc.text


@pytest.mark.parametrize("lines, expected", [
    (["The amp-", "ère rating."], "The ampère rating."),
    (["Señor Pe-", "ña signs."], "Señor Peña signs."),
])
def test_ingest_hyphen_non_ascii_letters(lines, expected):
    assert clean_pages([[(t, k) for k, t in enumerate(lines, 1)]], paged=True).text == expected
