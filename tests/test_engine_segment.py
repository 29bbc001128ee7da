"""Sentence units: the grain at which protections are found."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.segment import split_units


def texts(text: str) -> list[str]:
    return [u.text for u in split_units(text) if not u.heading]


def test_segment_a_lead_in_and_its_list_items_are_one_sentence():
    doc = ("(a) The Hotel shall notify the Union within 24 hours after any of the following:\n"
           "1. immigration authorities visit the Hotel;\n2. immigration authorities request records; or\n"
           "3. the Hotel learns of an investigation.\n\n(b) Next provision.\n")
    assert texts(doc)[0].startswith("(a) The Hotel shall notify") and texts(doc)[0].endswith("an investigation.")


@pytest.mark.parametrize("wrapped", [
    "The Employer shall give the Union thirty\n(30) days' written notice before any change.",
    "The Employer shall contribute to the Campesino Immigration Legal Services Fund, which provides free\n"
    "Legal Services To Workers And Families.",
])
def test_segment_a_wrapped_line_continues_the_sentence(wrapped):
    assert texts(wrapped) == [" ".join(wrapped.split())]


@pytest.mark.parametrize(("text", "count"), [
    ("The Employer shall notify the Union. Employees may decline to answer.", 2),
    ("Under 8 U.S.C. § 1324a the Employer shall not reverify. The Union shall be told.", 2),
    ("See Sec. 4 and Art. 7 of this Agreement.", 1),
])
def test_segment_sentences_split_at_periods_but_not_abbreviations(text, count):
    assert len(texts(text)) == count


def test_segment_headings_are_marked_and_never_sentences():
    units = split_units("ARTICLE 31 — IMMIGRATION\n\n31.1 The Employer shall not consent to entry.\n")
    assert units[0].heading and not units[1].heading


def test_segment_each_table_row_is_its_own_sentence():
    doc = ("| Leave | Paid |\n|---|---|\n| Immigration appointments | four days |\n"
           "| Naturalization ceremony | one full paid day |\n")
    assert [t for t in texts(doc) if "ceremony" in t] == ["| Naturalization ceremony | one full paid day |"]


def test_segment_a_question_and_the_first_sentence_of_its_answer_are_one():
    doc = "**Q: Can the Company sign up for E-Verify?**\n\nA: Not unless a federal law requires it. It will tell the Union.\n"
    assert texts(doc)[0] == "**Q: Can the Company sign up for E-Verify?** A: Not unless a federal law requires it."


def test_segment_incl_is_an_abbreviation():
    assert len(texts("If the law changes in a way that affects Workers (incl. DACA, TPS), the parties shall meet.")) == 1


def test_segment_a_line_ending_in_us_runs_on():
    doc = ("The Employer shall not consent when an agent of U.S.\nImmigration And Customs Enforcement Seeks Access\n"
           "to a non-public area.")
    assert len(texts(doc)) == 1


def test_segment_hyphenated_compounds_lemmatize_like_spaced_words():
    from checker.nlp import lemma_tokens

    assert lemma_tokens(["immigration-enforcement agents"]) == lemma_tokens(["immigration enforcement agents"])


@pytest.mark.parametrize("first_line", [
    "22.2 Government Agents. If an agent of U.S. Immigration and Customs",
    "7.4 Agency Visits. When Homeland Security Investigations Agents",
    "4.1 Notice to the Union. Whenever Immigration Officers Visit Any Plant and",
])
def test_segment_a_hard_wrapped_run_in_heading_and_its_sentence_stay_one_unit(first_line):
    from checker.engine.segment import split_units

    text = f"{first_line}\nseek access to non-public areas, the Employer shall require a judicial warrant.\n"
    units = split_units(text)
    sentence = first_line.split(". ", 1)[1]
    assert any(sentence in u.text and "seek access" in u.text and not u.heading for u in units), units


def test_segment_a_title_line_without_a_sentence_in_it_is_still_a_heading():
    from checker.engine.segment import split_units

    units = split_units("Article 22 Immigration Related Matters\nThe Employer shall notify the Union.\n")
    assert units[0].heading and units[0].text == "Article 22 Immigration Related Matters"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.Z .\n!", max_size=160))
def test_segment_last_word_read_from_the_end_is_the_full_search(before):
    from checker.engine.segment import _LAST_WORD, _last_word

    full, near = _LAST_WORD.search(before), _last_word(before)
    assert (full and (full.span(), full.group(1))) == (near and (near.span(), near.group(1)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n~[]", max_size=80), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5))
def test_segment_blanked_text_keeps_length_and_newlines(text, raw_spans):
    """Blanking non-contract text (checker.engine.noncontract.blank): each character of a span becomes a
    space, a newline stays, and nothing else changes, whether the spans overlap or not."""
    from checker.engine.noncontract import blank

    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans]
    inside = {i for a, b in spans for i in range(a, b)}
    expected = "".join(" " if i in inside and c != "\n" else c for i, c in enumerate(text))
    assert blank(text, spans) == expected
