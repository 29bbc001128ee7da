"""A discharge rule for identity records that differ from, conflict with or cannot be reconciled
with other records, with no exception for a correction, reverses the name/SSN-change protection
(cross_article.discharge_for_records_conflict); a rule giving time to correct, or a discharge rule
about time cards, changes nothing."""
from __future__ import annotations

import pytest
from test_enforceability import findings, kinds
from test_enforceability_paraphrase import NAME_CHANGE

NAME_SSN = "name_ssn_change_protection"

CONFLICTS = (
    "10.2 An employee whose name or Social Security number on file differs from government records shall be "
    "terminated.",
    "10.2 Immediate dismissal shall follow whenever an employee's identity documents cannot be reconciled with federal "
    "records, for whatever reason.",
    "10.2 Any employee who presents identity information that conflicts with information previously furnished is "
    "subject to summary discharge.",
)


@pytest.mark.parametrize("rule", CONFLICTS)
def test_discharge_for_conflicting_identity_records_reverses_the_name_change_protection(rule):
    f = findings(immigration=NAME_CHANGE, discipline=rule)[NAME_SSN]
    assert f.status == "weakened" and "reversed" in kinds(f), f.deviations


CONTROLS = (
    "10.2 An employee whose name differs from government records shall be given thirty days to correct the record "
    "before any action.",
    "10.2 Employees who falsify time cards shall be terminated.",
    "10.2 Time records that conflict with the posted schedule shall be reviewed by the supervisor.",
)


@pytest.mark.parametrize("rule", CONTROLS)
def test_a_correction_window_or_another_offence_changes_nothing(rule):
    f = findings(immigration=NAME_CHANGE, discipline=rule)[NAME_SSN]
    assert f.status == "matching" and f.deviations == [], rule
