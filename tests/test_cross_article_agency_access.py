"""A management right to let any agency's officers in, or to help any agency by opening the
workplace to them, reverses the judicial-warrant protection in new wordings (investigators, a
terminal, "assist federal authorities ... by opening its facilities", "work with all public
agencies, including allowing their officers to enter"); a named regulator (safety, health
inspectors) changes nothing (cross_article.agency_admission, agency_assistance_with_access)."""
from __future__ import annotations

import pytest
from test_enforceability import findings, kinds

WARRANT = "judicial_warrant_for_nonpublic_access"

LICENSED = (
    "3.2 Management retains the right to admit any law enforcement official to the terminal at any time.",
    "3.2 The Employer may, in its discretion, permit government investigators onto its premises and let them "
    "interview employees.",
    "3.2 Nothing in this Agreement limits the Employer's right to assist federal authorities in any investigation, "
    "including by opening its facilities to them.",
    "3.2 The Employer reserves the right to work with all public agencies, including allowing their officers to enter "
    "the terminal.",
)


@pytest.mark.parametrize("clause", LICENSED)
def test_a_right_to_let_any_agency_in_reverses_the_warrant_protection(clause):
    f = findings(management=clause)[WARRANT]
    assert f.status == "weakened" and "reversed" in kinds(f), f.deviations


REGULATORS = (
    "3.2 The Employer will fully cooperate with state safety inspectors enforcing the Occupational Safety and Health "
    "Act.",
    "3.2 The Employer may admit health inspectors of the county to inspect the food service areas.",
    "3.2 The Employer will work with state safety inspectors, including allowing them to enter the terminal floor.",
    "3.2 The Employer shall not admit any law enforcement official to a non-public area of the terminal without a "
    "judicial warrant.",
)


@pytest.mark.parametrize("clause", REGULATORS)
def test_a_named_regulator_or_a_warrant_condition_changes_nothing(clause):
    f = findings(management=clause)[WARRANT]
    assert f.status == "matching" and f.deviations == [], clause
