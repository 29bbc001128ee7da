"""Modality, hedges and discretion: one row per wording."""
from __future__ import annotations

import pytest

from checker.engine.language import discretion, hedges, normalize, permissive


@pytest.mark.parametrize(("text", "found"), [
    ("The Hotel may grant an employee unpaid leave", "may"),
    ("the Manager on Duty will request that the agent present a warrant", "will request"),
    ("The Company will make reasonable efforts to notify the Union", "will make reasonable efforts"),
    ("The Employer shall endeavor to provide an interpreter", "shall endeavor"),
    ("The Employer should provide copies", "should"),
    ("Leave may be granted for immigration hearings", "may be granted"),
    ("The parties may meet to discuss the effects", "may"),
])
def test_language_permissive_wording_is_modality(text, found):
    assert [f.found for f in permissive(normalize(text))][:1] == [found]


@pytest.mark.parametrize("text", [
    "An employee may decline to answer questions",
    "The arbitrator may order reinstatement with back pay",
    "Union representatives may be present and meet privately with employees",
    "Either party may request arbitration",
    "The Employer may not consent to entry",
    "Should TPS be terminated, the parties shall meet within fourteen days",
    "The Employer shall notify the Union within 24 hours",
])
def test_language_rights_and_binding_duties_are_not_permissive(text):
    assert permissive(normalize(text)) == []


@pytest.mark.parametrize(("text", "found"), [
    ("To the extent practicable, the Hotel shall permit Union representatives", "to the extent practicable"),
    ("The Employer will notify the Union as soon as practicable", "as soon as practicable"),
    ("where possible, notices shall be translated", "where possible"),
    ("if operations permit, release time shall be granted", "if operations permit"),
])
def test_language_hedges_are_found(text, found):
    assert [f.found for f in hedges(normalize(text))] == [found]


@pytest.mark.parametrize("text", [
    "questioning shall take place in as private a setting as possible",
    "the Employer shall notify the employee as soon as the law allows",
])
def test_language_model_wording_is_not_a_hedge(text):
    assert hedges(normalize(text)) == []


@pytest.mark.parametrize(("text", "found"), [
    ("except as the Hotel determines is necessary to comply", "as the hotel determines"),
    ("To the extent permitted by law, the rights apply", "to the extent permitted by law"),
    ("if, in the Hotel's judgment, a suitable position is available", "in the hotel's judgment"),
    ("at the Company's sole discretion", "at the company's sole discretion"),
    ("subject to operational needs", "subject to operational needs"),
    ("as determined by the Employer", "as determined by the employer"),
])
def test_language_grants_of_discretion_are_found(text, found):
    assert found in [f.found for f in discretion(normalize(text))]


@pytest.mark.parametrize("text", [
    "The Employer shall not disclose records except as required by federal law",
    "unless required by law or court order, no records shall be released",
])
def test_language_legal_compliance_carve_out_is_not_discretion(text):
    assert discretion(normalize(text)) == []


@pytest.mark.parametrize("text", [
    "With the approval of the department chair, a student employee may receive one day of paid leave",
    "Subject to appropriation by the Board of Supervisors, the County shall fund the program",
])
def test_language_approval_conditions_are_discretion(text):
    assert discretion(normalize(text))


@pytest.mark.parametrize("text", [
    "The Resort may provide the employee or the Union, on request, records",
    "(b) The Hotel may grant leave",
])
def test_language_may_of_a_named_employer_is_permissive(text):
    assert [f.found for f in permissive(normalize(text))] == ["may"]


@pytest.mark.parametrize(("text", "found"), [
    ("For an employee with at least one (1) year of seniority, an absence shall be excused",
     "for an employee with at least one (1) year of seniority"),
    ("Regular full-time employees only shall receive the leave", "regular full-time employees only"),
    ("employees who have completed the probationary period", "employees who have completed the probationary period"),
])
def test_language_eligibility_conditions_are_found(text, found):
    from checker.engine.language import eligibility_limits

    assert eligibility_limits(normalize(text)) == [found]


@pytest.mark.parametrize(("text", "ref"), [
    ("Notwithstanding Section 8.4, the Employer may verify", "8.4"),
    ("at such times as the Company considers appropriate, Article 19 notwithstanding", "19"),
    ("except as provided in Article 22, the Employer may", "22"),
])
def test_language_overrides_name_their_section(text, ref):
    from checker.engine.language import section_override

    _, m = section_override(normalize(text))
    assert m.group("ref").strip(".,") == ref


@pytest.mark.parametrize("text", [
    "If you need time off, you may ask your supervisor",
    "Whenever an employee shall seek deferred action, the Employer shall not contest it",
])
def test_language_a_workers_own_modals_are_not_the_employers_duty(text):
    assert permissive(normalize(text)) == []


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("the employer shall not require any employee to speak only english", "require", True),
    ("the employee shall be treated as a new hire", "treated", False),
    ("absence shall not be deemed a voluntary resignation", "deemed", True),
])
def test_language_negation_right_before_words(text, words, expected):
    from checker.engine.language import negated_at

    assert negated_at(text, text.index(words)) is expected


@pytest.mark.parametrize("text", [
    "The Employer shall not of its own accord disclose records, save as it may be compelled by judicial warrant",
    "no records shall be released unless the Employer is compelled by a subpoena",
])
def test_language_archaic_and_process_carve_outs_are_not_weakenings(text):
    t = normalize(text)
    assert permissive(t) == [] and discretion(t) == []


@pytest.mark.parametrize("text", ["where staffing levels permit", "as workload allows", "so long as operations permit"])
def test_language_conditions_of_operations_are_hedges(text):
    assert [f.found for f in hedges(normalize(text))] == [text]


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("the employer shall not require any employee to speak only english while on break", "only english", True),
    ("an employee shall not be disciplined; an absent employee shall be deemed to have resigned", "deemed", False),
])
def test_language_negation_reaches_across_a_clause_but_not_beyond(text, words, expected):
    from checker.engine.language import negated_at

    assert negated_at(text, text.index(words)) is expected


@pytest.mark.parametrize(("text", "first", "last"), [
    ("For the Fort Calloway project, Section 14.3 shall not apply to laborers.", "14.3", None),
    ("Sections 22.5 through 22.8 apply to Regular Workers only.", "22.5", "22.8"),
    ("Seasonal Workers are not covered by Sections 22.5 through 22.8.", "22.5", "22.8"),
])
def test_language_provisions_limited_to_fewer_people(text, first, last):
    from checker.engine.language import section_limits

    m = next(m for _, m in section_limits(normalize(text)))
    assert (m.group("a"), m.group("b")) == (first, last)


@pytest.mark.parametrize(("text", "found"), [
    ("The Hotel normally will not release employee records", "normally"),
    ("Leave will generally be granted", "generally"),
])
def test_language_softening_adverbs_are_hedges(text, found):
    assert [f.found for f in hedges(normalize(text))] == [found]


def test_language_normal_schedules_are_no_hedge():
    assert hedges(normalize("paid for the hours normally scheduled that day")) == []


@pytest.mark.parametrize("text", [
    "Union representatives may meet privately with employees if the manager on duty agrees",
    "the leave shall be granted when the department head approves",
])
def test_language_a_managers_agreement_is_discretion(text):
    assert discretion(normalize(text))


def test_language_a_passive_should_binds_the_employer():
    assert [f.found for f in permissive(normalize("Workers should be released with pay for the session"))] == ["should"]


@pytest.mark.parametrize("text", [
    "With the approval of the employee's department manager, an employee shall receive one paid day",
    "unless Lakeshore's counsel concludes that the claim lacks merit",
])
def test_language_possessive_deciders_are_discretion(text):
    assert discretion(normalize(text))


def test_language_an_employees_decision_is_not_discretion():
    assert discretion(normalize("unless the employee decides to use vacation instead")) == []


def test_language_the_employers_staff_and_contractors_requesting_is_permissive():
    text = "The Hospital, its managers, security staff and contractors will request a warrant"
    assert [f.found for f in permissive(normalize(text))] == ["will request"]


def test_language_finding_out_a_fact_is_not_discretion():
    assert discretion(normalize("if the Co-op finds out that agents are looking into an employee")) == []


def test_language_the_employers_interest_is_discretion():
    text = "whenever the Plant Manager considers that cooperation to be in the Company's interest"
    assert discretion(normalize(text))
