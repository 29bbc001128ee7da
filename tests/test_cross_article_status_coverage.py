"""Coverage, the unit or "employee" made conditional on a Social Security number, identity documents,
a Form I-9 or lawful status, in wordings and word orders the older registry entries do not know
(cross_article.employee_coverage_conditioned_on_status: a coverage word, a condition and a status
proof in either order, in one sentence), narrows status-neutral coverage; the same words for payroll,
a licence, a probationary period or a status-neutral guarantee change nothing."""
from __future__ import annotations

import pytest
from test_enforceability import findings, kinds
from test_enforceability_paraphrase import SSN_CONTROLS
from test_enforceability import STATUS_NEUTRAL

COVERAGE = "status_neutral_coverage_and_nondiscrimination"

CONDITIONED = {
    "only lawfully entitled": "1.2 Only persons lawfully entitled to work in the United States shall be considered "
                              "employees under this Agreement.",
    "unit of document holders": "1.2 The bargaining unit consists of warehouse workers who have presented documents "
                                "establishing their identity and eligibility for employment.",
    "unless a Form I-9": "1.2 A person shall not be deemed an employee covered by this Agreement unless the person "
                         "has completed a Form I-9 to the Employer's satisfaction.",
    "benefits conditioned on status": "1.2 Eligibility for the benefits of this Agreement is conditioned on the "
                                      "employee maintaining lawful immigration status.",
    "becomes an employee on verification": "1.2 An individual becomes an employee for purposes of this Agreement upon "
                                           "verification of his or her work authorization.",
    "unit provided authorized": "1.2 The unit includes all warehouse workers, provided they are legally authorized "
                                "to be employed in the United States.",
    "worker refers only": '1.2 The term "worker" shall refer only to individuals with current employment '
                          "authorization.",
    "not covered without SSN": "1.2 Employees who cannot furnish a Social Security number are not covered by this "
                               "Agreement.",
    "coverage extends to verified": "1.2 Coverage under this Agreement extends to those employees whose right to work "
                                    "in the United States has been verified.",
    "not employees without status": "1.2 Persons without lawful immigration status are not employees within the "
                                    "meaning of this Agreement.",
    "covers only the verified": "1.2 The Agreement covers only those persons who meet the employment verification "
                                "requirements of the Immigration Reform and Control Act.",
    "unit membership after E-Verify": "1.2 An applicant hired by the Employer shall become a member of the bargaining "
                                      "unit only after the Employer has confirmed the applicant's identity and work "
                                      "eligibility through E-Verify.",
    "references read as employable": "1.2 All references in this Agreement to employees shall be read as references to "
                                     "employees who are lawfully employable in the United States.",
    "term excludes the unproven": '1.2 The term "employee" excludes any individual who has not furnished proof of '
                                  "authorization to work.",
    "status requires a matching number": "1.2 Employee status under this Agreement requires a Social Security number "
                                         "that matches Social Security Administration records.",
}


@pytest.mark.parametrize("name", CONDITIONED)
def test_coverage_conditioned_on_status_in_new_words_narrows_status_neutral_coverage(name):
    f = findings(immigration=STATUS_NEUTRAL, recognition=CONDITIONED[name])[COVERAGE]
    assert f.status == "weakened" and "scope" in kinds(f), (name, f.deviations)
    assert any(d.rule.startswith("cross_article.") for d in f.deviations if d.kind == "scope")


CONTROLS = {
    "whether or not": '1.2 "Employee" means a person on the Employer\'s payroll in the unit, whether or not the '
                      "person holds a Social Security number.",
    "for payroll": "1.2 Employees must provide a Social Security number for payroll tax withholding purposes.",
    "probation": '1.2 "Employee" means any person in the unit who has completed the probationary period.',
    "licence": "1.2 Employees must hold a valid driver's license to operate Employer vehicles.",
    "stays covered": "1.2 An employee who cannot show work authorization shall be placed on unpaid leave and remains "
                     "covered by this Agreement.",
    "no inquiry": "1.2 The Employer shall not ask any employee covered by this Agreement about immigration status "
                  "unless federal law requires it.",
    "I-9 timeline": '1.2 "Employee" means any person on the payroll, and new hires shall complete Form I-9 within three '
                    "days as federal law requires.",
    "paid by check": "1.2 Members of the bargaining unit without a Social Security number shall be paid by check.",
    "badge": "1.2 Employees shall have their identity verified by a photo badge at the gate.",
}


@pytest.mark.parametrize("definition", [*CONTROLS.values(), *SSN_CONTROLS])
def test_coverage_words_without_a_status_condition_change_nothing(definition):
    f = findings(immigration=STATUS_NEUTRAL, recognition=definition)[COVERAGE]
    assert f.status == "matching" and f.deviations == [], definition
