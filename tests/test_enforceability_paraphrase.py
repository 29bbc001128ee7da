"""The enforceability and cross-article passes generalize over wording: each trap type is written
here in several ways none of the registry's examples use, and each control in several ways that must
change nothing. The passes compose a verb family, a forum family and a target (a number, range,
title or description), so a new wording of the same trap is caught and a new wording of a control
stays quiet (checker/engine/enforceability.py, clause_corpus/strength/enforceability.yaml and
cross_article.yaml)."""
from __future__ import annotations

import pytest
from test_enforceability import ARTICLE_23, CONTROL, findings, kinds

LEAVE = "immigration_proceedings_leave"

# ---- traps reaching all of Article 23 ----------------------------------------------------------

WHOLE_ARTICLE = {
    # exclusion from grievance or arbitration, by a section range
    "range outside the scope": dict(grievance="7.3 Matters arising under Sections 23.1 to 23.3 fall outside the "
                                    "scope of the grievance procedure."),
    "range no jurisdiction": dict(grievance="7.3 The arbitrator shall have no jurisdiction with respect to "
                                  "Sections 23.1-23.3."),
    "range not arbitrable": dict(grievance="7.3 Alleged violations of Sections 23.1 through 23.3 shall not be "
                                 "arbitrable."),
    "range resolved solely elsewhere": dict(immigration="23.4 Any dispute concerning Sections 23.1 through 23.3 "
                                            "shall be resolved solely by the Labor-Management Committee and not "
                                            "through Article 7."),
    # by the article's title
    "title not grievable": dict(grievance="7.3 Disputes arising under the Immigration Protections article are not "
                                "grievable."),
    "title not subject to the grievance article": dict(grievance="7.3 Nothing in the Article headed Immigration "
                                                       "Protections shall be subject to Article 7."),
    "title no recourse to arbitration": dict(grievance='7.3 There shall be no recourse to arbitration for claims '
                                             'under "Immigration Protections".'),
    "grievance defined to leave it out": dict(grievance='7.3 The term "grievance" shall not include any dispute '
                                              "arising under Article 23."),
    "grievance definition excepting it": dict(grievance="7.3 For purposes of this Article, a grievance means any "
                                              "claimed violation of this Agreement, except claims under Sections 23.1 "
                                              "through 23.3."),
    "procedure does not extend to it": dict(grievance="7.3 The arbitration process shall not extend to the "
                                            "Immigration Protections article."),
    # non-binding in other words
    "not part of the agreement": dict(immigration="23.4 This Article shall not be deemed part of the collective "
                                      "bargaining agreement."),
    "statement of principles": dict(immigration="23.4 The foregoing Sections are a statement of principles."),
    "no binding force": dict(immigration="23.4 The commitments in this Article have no binding force."),
    "goals without obligation": dict(immigration="23.4 The provisions of this Article express the parties' shared "
                                     "goals and do not impose any obligation on the Employer."),
    "hortatory, no claim": dict(immigration="23.4 This Article is hortatory only and shall not give rise to any "
                                "claim against the Employer."),
    "policy only": dict(immigration="23.4 Sections 23.1 through 23.3 state the Employer's policy only and are not "
                        "intended to create contractual obligations."),
    "guidance not mandatory": dict(immigration="23.4 This Article sets out guidance for managers and is not "
                                   "mandatory."),
    # suspension by the employer alone
    "abeyance upon notice": dict(immigration="23.4 The Employer may, upon notice to the Union, hold this Article in "
                                 "abeyance."),
    "suspend by notice": dict(immigration="23.4 By written notice to the Union, the Employer may suspend the "
                              "operation of Sections 23.1 through 23.3."),
    "not apply while the employer designates": dict(immigration="23.4 This Article shall not apply during any "
                                                    "period the Employer designates by notice to the Union."),
    "discontinue on notice": dict(immigration="23.4 The Employer may discontinue the practices described in this "
                                  "Article at any time upon thirty (30) days' notice."),
    "cease to comply at its option": dict(immigration="23.4 The Employer may, at its option, cease to comply with "
                                          "Sections 23.1 through 23.3."),
    "suspended on the employer's notice": dict(immigration="23.4 Upon written notice from the Employer, this Article "
                                               "shall be suspended."),
    "held in abeyance by the employer": dict(immigration="23.4 The obligations in Sections 23.1 through 23.3 may be "
                                             "held in abeyance by the Employer in its discretion."),
    "modify or suspend at its discretion": dict(immigration="23.4 The Employer may in its sole discretion modify or "
                                                "suspend Sections 23.1 through 23.3."),
    "not a guarantee": dict(immigration="23.4 This Article shall not be construed as a guarantee that the Employer "
                            "will take any action."),
    # an early end
    "end of the first year": dict(immigration="23.4 This Article shall expire at the end of the first year."),
    "months after the date of the agreement": dict(immigration="23.4 This Article shall terminate six (6) months "
                                                   "after the date of this Agreement."),
    "one year from ratification": dict(immigration="23.4 This Article shall remain in effect for a period of one (1) "
                                       "year from ratification."),
    "first year of the agreement": dict(immigration="23.4 This Article shall sunset at the conclusion of the first "
                                        "year of this Agreement."),
    "end of a calendar year": dict(immigration="23.4 This Article shall continue until the end of 2027."),
    "first contract year": dict(immigration="23.4 This Article shall expire at the end of the first contract "
                                "year."),
    "day-month-year date": dict(immigration="23.4 This Article shall lapse on 30 June 2027."),
    "months after ratification": dict(immigration="23.4 The obligations in this Article shall terminate eighteen "
                                      "(18) months after ratification."),
    "first anniversary": dict(immigration="23.4 This Article shall remain in force until the first anniversary of "
                              "the effective date of this Agreement."),
    "iso date": dict(immigration="23.4 This Article is effective through 2027-06-30 only."),
}


@pytest.mark.parametrize("trap", WHOLE_ARTICLE)
def test_a_reworded_trap_weakens_the_article_it_reaches(trap):
    got = findings(**WHOLE_ARTICLE[trap])
    for pid in ARTICLE_23:
        f = got[pid]
        assert f.status == "weakened" and "enforceability" in kinds(f), (trap, pid, f.status, f.deviations)
        assert f.evidence[-1].text.lstrip().startswith(("7.3", "23.4"))  # the defeating clause is cited
    assert got[CONTROL].status == "matching" and got[CONTROL].deviations == []


DESCRIBED = {
    "excluded from arbitration": "7.3 Claims relating to leave for immigration hearings or appointments shall be "
                                 "excluded from arbitration.",
    "no jurisdiction over": "7.3 Arbitrators shall lack jurisdiction over any dispute concerning an employee's "
                            "leave to attend immigration appointments or hearings.",
    "outside the scope": "7.3 Grievances about leave for immigration appointments are outside the scope of the "
                         "arbitration procedure.",
    "time off for hearings": "7.3 Claims concerning time off for hearings before immigration courts shall not be "
                             "arbitrable.",
}

# described by their topic, in words of their own: each reaches the one protection it describes
TOPICS = {
    "judicial_warrant_for_nonpublic_access": "7.3 Disputes about the presence of federal agents in non-public areas "
                                             "of the terminal shall not be arbitrable.",
    "union_notice_of_immigration_contact": "7.3 Any claim that the Employer failed to notify the Union of contact by "
                                           "government agencies falls outside the scope of the grievance procedure.",
    "language_access": "7.3 Complaints that an interpreter was not provided at a disciplinary meeting are not "
                       "grievable.",
}


@pytest.mark.parametrize("pid", TOPICS)
def test_an_exclusion_describing_a_topic_reaches_the_protection_on_that_topic(pid):
    got = findings(grievance=TOPICS[pid])
    assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), got[pid].deviations
    for other in (*ARTICLE_23, CONTROL):
        if other != pid:
            assert got[other].status == "matching", (pid, other)


@pytest.mark.parametrize("trap", DESCRIBED)
def test_a_reworded_exclusion_by_description_reaches_only_its_subject(trap):
    got = findings(grievance=DESCRIBED[trap])
    assert got[LEAVE].status == "weakened" and "enforceability" in kinds(got[LEAVE]), got[LEAVE].deviations
    for pid in ("judicial_warrant_for_nonpublic_access", CONTROL):
        assert got[pid].status == "matching", (trap, pid)


# ---- controls ----------------------------------------------------------------------------------

CONTROLS = {
    "other subject outside the scope": dict(grievance="7.3 Matters concerning the discharge of probationary "
                                            "employees fall outside the scope of the grievance procedure."),
    "other subject no jurisdiction": dict(grievance="7.3 The arbitrator shall have no jurisdiction over claims for "
                                          "health-plan benefits, which shall be decided by the Trust."),
    "other subject not arbitrable": dict(grievance="7.3 Disputes about the pension plan shall not be arbitrable "
                                         "and shall be resolved by the Retirement Board."),
    "other topics not arbitrable": dict(grievance="7.3 Disputes over the scheduling of overtime and holiday pay are "
                                        "not arbitrable."),
    "paid leave under the plan": dict(grievance="7.3 Claims for paid leave under the Health and Welfare Plan shall be "
                                      "decided by the Trustees and not through arbitration."),
    "expiry equal to the term": dict(immigration="23.4 This Article shall expire on December 31, 2029."),
    "lapse equal to the term, day first": dict(immigration="23.4 This Article shall lapse on 31 December 2029."),
    "in force for the term": dict(immigration="23.4 This Article shall remain in force for the full term of this "
                                  "Agreement."),
    "suspension only by agreement, with discretion words": dict(immigration="23.4 The Employer may not in its "
                                                                "discretion suspend this Article."),
    "guarantee of hours elsewhere": dict(discipline="10.2 Nothing in this Section shall be construed as a guarantee "
                                         "of hours of work."),
    "first year of service": dict(discipline="10.2 An employee's probationary period shall expire at the end of the "
                                  "first year of employment."),
    "in force for the life of the agreement": dict(immigration="23.4 This Article shall remain in effect for the "
                                                   "life of this Agreement."),
    "first anniversary review": dict(immigration="23.4 On the first anniversary of ratification the parties shall "
                                     "review how this Article has worked."),
    "other subject outside the grievance definition": dict(grievance='7.3 The term "grievance" shall not include '
                                                           "disputes over health-plan eligibility, which the Trust "
                                                           "decides."),
    "part of the agreement": dict(immigration="23.4 This Article is part of the Agreement and is enforceable through "
                                  "Article 7."),
    "cease to comply only by agreement": dict(immigration="23.4 The Employer may cease to comply with this Article "
                                              "only with the Union's written agreement."),
    "suspension only after bargaining": dict(immigration="23.4 Should any law so require, the Employer may suspend "
                                             "this Article only after bargaining with the Union."),
    "abeyance by mutual agreement": dict(immigration="23.4 The Employer and the Union may, by mutual agreement, hold "
                                         "this Article in abeyance."),
    "suspension by an arbitrator": dict(immigration="23.4 Only an arbitrator may suspend the operation of this "
                                        "Article."),
    "safety goals hortatory": dict(management="3.2 Safety. The parties share the goal of a workplace free of "
                                   "injuries; this Section is hortatory only and does not impose any obligation."),
    "safety intent not enforceable": dict(management="3.2 Safety. This Section states the parties' intent to reduce "
                                          "injuries and shall not give rise to any claim."),
    "ordinary management rights": dict(management="3.2 The Employer retains the right to hire, to assign work, to "
                                       "maintain its facilities and to keep personnel records."),
    "named inspectors": dict(management="3.2 The Employer may admit inspectors of the Occupational Safety and "
                             "Health Administration to the terminal to inspect safety conditions."),
    "agency access only with a warrant": dict(management="3.2 The Employer shall not admit officers of any "
                                              "government agency to non-public areas without a judicial warrant."),
}


@pytest.fixture(scope="module")
def plain() -> dict:
    return findings()


@pytest.mark.parametrize("control", CONTROLS)
def test_a_reworded_control_changes_nothing(control, plain):
    got = findings(**CONTROLS[control])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == plain[pid].status == "matching", (control, pid, got[pid].deviations)
        assert got[pid].deviations == [], (control, pid)


# ---- cross-article defeats, reworded -----------------------------------------------------------

STATUS_NEUTRAL = ("23.5 Every employee shall enjoy all rights under this Agreement regardless of immigration "
                  "status or citizenship status, and no employee shall be discriminated against because of "
                  "immigration status, citizenship status or a change in work authorization.")
SSN_DEFINITIONS = (
    '1.2 As used in this Agreement, an "employee" is a person in the unit who holds a valid Social Security '
    "number.",
    "1.2 No person shall be considered an employee for purposes of this Agreement unless he or she possesses a "
    "valid Social Security card.",
    "1.2 Only individuals who are legally authorized to work in the United States shall be deemed employees "
    "covered by this Agreement.",
    "1.2 The bargaining unit consists of all warehouse employees who hold valid employment authorization.",
    "1.2 To be an employee covered by this Agreement, a person must have a valid Social Security number.",
)
SSN_CONTROLS = (
    "1.2 The term employee includes all workers in the unit whether or not they have a Social Security number.",
    "1.2 An employee who has not yet received a Social Security number shall be paid on the regular payroll.",
    "1.2 Employees shall give the Employer a current mailing address.",
)


@pytest.mark.parametrize("definition", SSN_DEFINITIONS)
def test_a_reworded_status_definition_of_employee_narrows_coverage(definition):
    f = findings(immigration=STATUS_NEUTRAL, recognition=definition)["status_neutral_coverage_and_nondiscrimination"]
    assert f.status == "weakened" and "scope" in kinds(f), f.deviations


@pytest.mark.parametrize("definition", SSN_CONTROLS)
def test_a_definition_not_limited_by_status_changes_nothing(definition):
    f = findings(immigration=STATUS_NEUTRAL, recognition=definition)["status_neutral_coverage_and_nondiscrimination"]
    assert f.status == "matching" and f.deviations == []


NAME_CHANGE = ("23.5 An employee who, after a lawful change, gives the Employer a new name, a new Social Security "
               "number or new work-authorization documents shall keep all seniority, pay and benefits, and the "
               "Employer shall correct its records without treating the employee as a new hire.")
DISCHARGE_RULES = (
    "10.2 Any discrepancy, whatever its cause, between the name or Social Security number an employee has given "
    "and government records shall be grounds for immediate discharge.",
    "10.2 An employee shall be subject to immediate termination for any mismatch, for whatever reason, involving "
    "the employee's name or Social Security number.",
    "10.2 Summary dismissal shall follow any inconsistency in an employee's identity documents or Social Security "
    "number, regardless of the reason for it.",
    "10.2 The following are grounds for immediate discharge: (a) theft; (b) furnishing a name or Social Security "
    "number that does not match government records, for any reason.",
)
DISCHARGE_CONTROLS = (
    "10.2 Falsification of time records, whatever its cause, is grounds for immediate discharge.",
    "10.2 Any discrepancy in an employee's name or Social Security number that the employee corrects shall not "
    "be grounds for discipline.",
    "10.2 Any discrepancy in an employee's paycheck shall be corrected in the next pay period.",
)


@pytest.mark.parametrize("rule", DISCHARGE_RULES)
def test_a_reworded_discharge_rule_for_any_discrepancy_reverses_the_name_change_protection(rule):
    f = findings(immigration=NAME_CHANGE, discipline=rule)["name_ssn_change_protection"]
    assert f.status == "weakened" and "reversed" in kinds(f), f.deviations


@pytest.mark.parametrize("rule", DISCHARGE_CONTROLS)
def test_a_discharge_rule_for_other_things_changes_nothing(rule):
    f = findings(immigration=NAME_CHANGE, discipline=rule)["name_ssn_change_protection"]
    assert f.status == "matching" and f.deviations == []


AGENCY_RIGHTS = (
    "3.2 The Employer retains the right to admit officers of any government agency to its premises.",
    "3.2 Management reserves the right to hand over employee records and to open its facilities to any public "
    "agency that requests them.",
    "3.2 The Employer may permit representatives of any governmental authority to enter and inspect the "
    "workplace.",
    "3.2 The Employer retains the right to allow immigration agents onto its premises.",
    "3.2 Nothing in this Agreement restricts the Employer's right to grant access to its terminal and personnel "
    "files to any federal, state or local agency on request.",
)


@pytest.mark.parametrize("right", AGENCY_RIGHTS)
def test_a_reworded_right_to_let_any_agency_in_reverses_the_warrant_protection(right):
    f = findings(management=right)["judicial_warrant_for_nonpublic_access"]
    assert f.status == "weakened" and "reversed" in kinds(f), f.deviations


POLICIES = (
    "23.4 Leave under Section 23.3 is subject to Company policy as amended from time to time.",
    "23.4 Leave under Section 23.3 shall be granted in accordance with the Employer's leave policies as they "
    "exist from time to time.",
    "23.4 Leave under Section 23.3 shall be administered consistent with the Employer's policies, which the "
    "Employer may revise at any time.",
    "23.4 Leave under Section 23.3 shall be subject to the Employer's rules and regulations as the Employer may "
    "from time to time establish.",
    "23.4 Leave under Section 23.3 shall be subject to the Employer's leave policy, as that policy may be amended "
    "by the Employer.",
)
POLICY_CONTROLS = (
    "23.4 Leave under Section 23.3 shall be administered under the leave policy in Appendix B, which may be "
    "changed only by agreement of the parties.",
    "23.4 Employees shall request leave under Section 23.3 in writing where practicable.",
    "23.4 The Employer shall not change its leave policies without bargaining with the Union.",
)


@pytest.mark.parametrize("sentence", POLICIES)
def test_reworded_amendable_policies_are_discretion_for_the_provision_they_name(sentence):
    got = findings(immigration=sentence)
    assert got[LEAVE].status == "weakened" and "discretion" in kinds(got[LEAVE]), got[LEAVE].deviations
    assert got["judicial_warrant_for_nonpublic_access"].status == "matching"


@pytest.mark.parametrize("sentence", POLICY_CONTROLS)
def test_policies_the_employer_cannot_amend_change_nothing(sentence, plain):
    got = findings(immigration=sentence)
    assert got[LEAVE].status == "matching" and got[LEAVE].deviations == []


# ---- a side letter standing alone, and the same agreement as wrapped text and Markdown ------------

SIDE_LETTER = """SIDE LETTER OF AGREEMENT
between Lakeview Hotel and UNITE HERE Local 11
(to the Collective Bargaining Agreement effective July 1, 2025 through June 30, 2029)

Immigration Matters

1. No manager, supervisor or security guard of the Hotel shall consent to an immigration agent entering a non-public area of the Hotel, or questioning, searching or seizing any person there, unless the agent first presents a judicial warrant signed by a judge or magistrate.

2. The Hotel shall notify the Union within twenty-four (24) hours of any visit, inspection, records request or other contact by an immigration agency, and shall give the Union copies of every document the agency provides.

{extra}

For the Hotel: ____________    For the Union: ____________
"""
LETTER_PROTECTIONS = ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact")
LETTER_TRAPS = (
    "3. This Letter expresses the parties' hopes and imposes no obligation on the Hotel.",
    "3. This Letter shall lapse on 30 June 2027.",
    "3. Disputes under this Letter shall be resolved by the joint committee, not by arbitration.",
    "3. The Hotel may, upon notice to the Union, suspend paragraphs 1 and 2.",
)
LETTER_CONTROLS = (
    "",
    "3. This Letter shall expire on June 30, 2029.",
    "3. Disputes under this Letter shall be subject to the grievance and arbitration procedure of the Agreement.",
    "3. This Letter shall remain in effect for the term of the Agreement.",
)


@pytest.mark.parametrize("extra", LETTER_TRAPS)
def test_a_trap_in_a_side_letter_weakens_the_letter(extra):
    from checker.api import check_text

    got = {f.protection: f for f in check_text(SIDE_LETTER.format(extra=extra)).findings}
    for pid in LETTER_PROTECTIONS:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (extra, pid)


@pytest.mark.parametrize("extra", LETTER_CONTROLS)
def test_a_control_in_a_side_letter_changes_nothing(extra):
    from checker.api import check_text

    got = {f.protection: f for f in check_text(SIDE_LETTER.format(extra=extra)).findings}
    for pid in LETTER_PROTECTIONS:
        assert got[pid].status == "matching" and got[pid].deviations == [], (extra, pid)


def _wrapped(text: str) -> str:
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(line, 88)) if line.strip() else "" for line in text.split("\n"))


LAYOUT_TRAPS = {
    "quoted title": dict(grievance='7.3 The "Immigration Protections" provisions of this Agreement shall not be '
                         "arbitrable."),
    "lower-case title": dict(grievance="7.3 No grievance may be filed concerning the immigration protections "
                             "article."),
    "own article": dict(immigration="23.4 Nothing in this Article shall be grievable."),
    "end of a month": dict(immigration="23.4 The obligations of this Article shall expire at the end of June 2027."),
    "employer determines": dict(immigration="23.4 The Employer may suspend any provision of this Article if it "
                                "determines, in good faith, that compliance would expose it to liability."),
}


@pytest.mark.parametrize("layout", ("wrapped", "markdown"))
@pytest.mark.parametrize("trap", LAYOUT_TRAPS)
def test_a_trap_is_found_in_wrapped_text_and_in_markdown(trap, layout):
    from checker.api import check_text
    from test_enforceability import agreement

    text = agreement(**LAYOUT_TRAPS[trap])
    if layout == "wrapped":
        got = {f.protection: f for f in check_text(_wrapped(text)).findings}
    else:
        got = {f.protection: f for f in check_text(text.replace("ARTICLE ", "## ARTICLE "), markdown=True).findings}
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (trap, layout, pid)
    assert got[CONTROL].status == "matching"
