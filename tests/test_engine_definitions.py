"""A definition that narrows a term narrows every clause that uses it."""
from __future__ import annotations

import pytest

from checker.api import check_text

DEFINITIONS = {
    "classes": ('"Employee" means a regular full-time or part-time employee. Temporary and seasonal '
                'employees are not Employees for purposes of this Agreement.'),
    "probation": '"Employee" means an employee who has completed the probationary period.',
}
LEAVE = ("The Employer shall grant leave to an Employee to attend any immigration or citizenship "
         "appointment, interview or hearing of the Employee or of the Employee's spouse, child or parent. "
         "The leave shall not result in attendance points or discipline, and the Employee shall keep "
         "his or her position and seniority.")


def _leave(text: str):
    return next(f for f in check_text(text).findings if f.protection == "immigration_proceedings_leave")


@pytest.mark.parametrize("definition", DEFINITIONS.values(), ids=DEFINITIONS.keys())
def test_definitions_narrowing_definition_weakens_clauses_using_the_term(definition):
    doc = f"ARTICLE 1 DEFINITIONS\n\n1.1 {definition}\n\nARTICLE 9 LEAVES\n\n9.1 {LEAVE}\n"
    finding = _leave(doc)
    assert finding.status == "weakened"
    assert {d.kind for d in finding.deviations} == {"scope"}


def test_definitions_inclusive_definition_changes_nothing():
    doc = ('ARTICLE 1 DEFINITIONS\n\n1.1 "Employee" means any bargaining-unit member, including '
           f'probationary, temporary and seasonal employees.\n\nARTICLE 9 LEAVES\n\n9.1 {LEAVE}\n')
    assert _leave(doc).status == "matching"


def test_definitions_a_defined_abbreviation_stands_for_the_entity():
    doc = ('Defs: "Agent" = any ICE, HSI, CBP or other DHS officer. "EE" = any unit employee.\n\n'
           "1. Co. shall not consent to Agent entry to any non-public area, or to Agent questioning, searching "
           "or seizing any EE there, unless the Agent presents a judicial warrant signed by a judge or "
           "magistrate.\n")
    finding = next(f for f in check_text(doc).findings if f.protection == "judicial_warrant_for_nonpublic_access")
    assert finding.status != "missing"
    assert "Agent entry" in finding.evidence[0].text


def test_definitions_a_worker_term_tied_to_one_immigration_program_narrows():
    from checker.engine.definitions import narrowing_definitions

    texts = ['2.1 "Affected Employee" means an employee whose work authorization rests on TPS or DACA.']
    found = narrowing_definitions(texts, lambda i: texts[i])
    assert [d.term for d in found] == ["Affected Employee"]


def test_definitions_what_a_term_was_defined_to_include_counts_for_scope():
    body = ("The Company shall not consent to immigration authorities entering any non-public area, or "
            "questioning, searching or seizing any employee there, unless the agents present a judicial warrant "
            "signed by a judge or magistrate.")
    narrow = check_text(f"1.1 {body}\n")
    defined = check_text('1.0 "Company" means Acme Foods, its managers, supervisors, security guards and '
                         f"contractors.\n\n1.1 {body}\n")
    pid = "judicial_warrant_for_nonpublic_access"
    kinds = lambda r: {d.kind for f in r.findings if f.protection == pid for d in f.deviations}  # noqa: E731
    assert "scope" in kinds(narrow) and "scope" not in kinds(defined)


def test_definitions_a_broad_definition_undoes_a_sentence_level_narrowing():
    clause = ("19.3 The Employer, its supervisors, security personnel and contractors shall not consent to ICE "
              "entering a non-public area, or questioning, searching or seizing any employee there, unless the "
              "agents present a judicial warrant signed by a judge or magistrate.")
    broad = ('19.1 "ICE", as used in this Article, means U.S. Immigration and Customs Enforcement, Customs and '
             "Border Protection, every other component of the Department of Homeland Security, and any state or "
             "local officer acting on immigration matters.")
    pid = "judicial_warrant_for_nonpublic_access"
    status = lambda doc: next(f.status for f in check_text(doc).findings if f.protection == pid)  # noqa: E731
    assert status(f"ARTICLE 19\n\n{clause}\n") == "weakened"
    assert status(f"ARTICLE 19\n\n{broad}\n\n{clause}\n") == "matching"


def test_definitions_guest_workers_and_contractor_crews_excluded_narrow():
    from checker.engine.definitions import narrowing_definitions

    texts = ['1.2 "Employee" means a Worker, but does not include H-2A workers or workers supplied by a farm '
             'labor contractor.']
    assert [d.term for d in narrowing_definitions(texts, lambda i: texts[i])] == ["Employee"]


def test_definitions_both_names_of_an_aliased_term_are_defined():
    from checker.engine.definitions import defined_terms

    text = ('In this Article, "Federal Enforcement Personnel" or "FEP" means any officer of U.S. Immigration and '
            "Customs Enforcement.")
    assert {t for t, _, _ in defined_terms([text])} == {"FEP", "Federal Enforcement Personnel"}


@pytest.mark.parametrize("before", [
    '"Senior Worker" means a Worker, other than an H-2A Worker, who has worked one full season.',
    '"Regular Employee" means an employee other than a temporary or seasonal employee.',
    '"Covered Employee" means an Employee who has completed the probationary period.',
])
def test_definitions_a_narrow_definition_before_another_in_the_same_provision_narrows_only_its_own_term(before):
    from checker.engine.definitions import narrowing_definitions

    texts = [f"(i) {before}",
             '(ii) "Immigration Authorities" means U.S. Immigration and Customs Enforcement, U.S. Customs and '
             'Border Protection and any other part of the Department of Homeland Security.']
    found = narrowing_definitions(texts, lambda i: " ".join(texts))
    assert [d.unit for d in found] == [0]
    assert "Immigration Authorities" not in [d.term for d in found]


def test_definitions_a_narrow_definition_after_a_broad_one_still_narrows():
    from checker.engine.definitions import narrowing_definitions

    texts = ['(i) "Worker" means every employee in the bargaining unit, seasonal workers included.',
             '(ii) "Agency" means Immigration and Customs Enforcement only.']
    found = narrowing_definitions(texts, lambda i: " ".join(texts))
    assert [d.term for d in found] == ["Agency"]
