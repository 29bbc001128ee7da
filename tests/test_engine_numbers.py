"""Durations in every form contracts write them."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.engine.numbers import find_durations, words_to_number


@pytest.mark.parametrize(("text", "unit", "value"), [
    ("within seventy-two (72) hours", "hours", 72),
    ("within 24 hours", "hours", 24),
    ("immediately", "hours", 0),
    ("four months after", "months", 4),
    ("one (1) calendar year", "months", 12),
    ("a 90-day period", "days", 90),
    ("two weeks", "days", 14),
    ("one hundred twenty (120) calendar days", "days", 120),
    ("at least 5 paid days a year", "days", 5),
    ("up to one-half (1/2) of the employee's scheduled shift", "days", 0.5),
    ("eight (8) federal working days", "working days", 8),
    ("within one (1) day", "hours", 24),
])
def test_numbers_first_duration_converts_to_the_parameter_unit(text, unit, value):
    assert find_durations(text)[0].to(unit) == pytest.approx(value, rel=0.02)


def test_numbers_business_days_count_longer_than_calendar_days():
    assert find_durations("3 business days")[0].to("days") > 3


@pytest.mark.parametrize("text", ["ten cents ($0.10) for each hour", "Article 12 of this Agreement",
                                  "no later than the end of the shift"])
def test_numbers_non_durations_are_ignored(text):
    assert find_durations(text) == []


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    words = []
    if n >= 100:
        words += [_SMALL[n // 100], "hundred"]
        n %= 100
        if n == 0:
            return " ".join(words)
    if n < 20:
        words.append(_SMALL[n])
    else:
        words.append(_TENS[n // 10] + (f"-{_SMALL[n % 10]}" if n % 10 else ""))
    return " ".join(words)


@given(st.integers(min_value=1, max_value=999))
def test_numbers_spelled_numbers_parse_back(n):
    assert words_to_number(_spell(n)) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["hours", "days", "months"]))
def test_numbers_spelled_and_parenthesised_forms_agree(n, unit):
    a = find_durations(f"within {_spell(n)} ({n}) {unit}")
    b = find_durations(f"within {n} {unit}")
    assert len(a) == 1 and len(b) == 1 and a[0].value == b[0].value


@pytest.mark.parametrize("text", [
    "two (2) days a year of this time off will be paid",
    "five paid days a year",
    "up to 8 hours a month",
    "3 shifts a year",
])
def test_numbers_a_rates_denominator_is_no_duration_of_its_own(text):
    assert [d.text for d in find_durations(text)] == [text.split(" a ")[0].split("up to ")[-1]]


def test_numbers_a_lone_a_year_is_still_a_duration():
    assert [d.to("months") for d in find_durations("paid leave within a year")] == [pytest.approx(12, rel=0.02)]


@pytest.mark.parametrize(("text", "days"), [
    ("paid days per year: four (4); more unpaid", 4),
    ("paid days per calendar year / días pagados por año: 5", 5),
    ("days of paid leave: at least 3", 3),
    ("business days to respond: ten (10)", 14),
])
def test_numbers_a_number_after_a_label_naming_its_unit(text, days):
    assert find_durations(text)[0].to("days") == pytest.approx(days, rel=0.02)


@pytest.mark.parametrize("text", ["hours of work: 8:00 a.m. to 4:30 p.m.", "days: 12.5%", "days: an employee may ask",
                                  "sick days: see Article 12"])
def test_numbers_a_label_without_a_count_after_it_is_no_duration(text):
    assert find_durations(text) == []
