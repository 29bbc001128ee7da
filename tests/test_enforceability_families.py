"""Families of defeating wording found in blind-written trap documents (tests/devset/traps_l,
traps_m) and the defeater clause corpora, each with a control that must change nothing: a sunset
counted from ratification beside a running header's year range, a reservation that shares only
guard words with a protection, a defeating clause that is a protection's only evidence, an
exclusion whose "such controversy" takes its subject from earlier in its own sentence, a final say
by the employer's own official, a provision named through a defined term, an expiry on an event
("until the exhaustion of the Fund"), a duty subject to amendable policies in its own sentence,
help to agents reserved in management rights, and discharge for identity papers in other words."""
from __future__ import annotations

from test_enforceability import AGREEMENT, NAME_CHANGE, findings, kinds

from checker.api import check_text
from checker.engine.segment import split_units


def _rules(f) -> set[str]:
    return {d.rule for d in f.deviations}


E_VERIFY = ("23.5 The Employer shall not voluntarily enroll in or use E-Verify or any other electronic verification "
            "system unless federal or state law requires it.")
COOPERATE = ("3.2 The Employer retains the right to cooperate fully with any federal, state or local government "
             "agency, including by granting such agency access to any part of the Employer's premises and "
             "furnishing such agency with employee records and information, as the Employer deems appropriate, "
             "notwithstanding any other provision of this Agreement.")


def test_a_reservation_reaches_a_protection_through_its_subject_not_through_guard_words():
    got = findings(immigration=E_VERIFY, management=COOPERATE)
    alone = findings(immigration=E_VERIFY)["e_verify_limits"]
    assert alone.status != "missing"
    assert _rules(got["e_verify_limits"]) == _rules(alone), got["e_verify_limits"].deviations
    # the same reservation still reaches the protection whose subject it names
    assert got["judicial_warrant_for_nonpublic_access"].status == "weakened"


OFFENCE_LIST = ("10.2 The following are cause for discharge without a prior warning: theft; drinking on duty; and any "
                "discrepancy between the identity, Social Security or work-authorization information an employee has "
                "furnished and the Employer's records, for any reason.")


def test_a_defeating_clause_that_is_a_protections_only_evidence_leaves_it_missing():
    got = findings(immigration=NAME_CHANGE, discipline=OFFENCE_LIST)
    assert got["ssa_no_match_protocol"].status == "missing", got["ssa_no_match_protocol"].deviations
    assert got["name_ssn_change_protection"].status == "weakened"
    assert "reversed" in kinds(got["name_ssn_change_protection"])


def test_a_reversed_rule_in_the_immigration_article_itself_still_states_its_protection():
    got = findings(immigration="23.5 An employee named in a Social Security no-match letter who does not resolve "
                   "the discrepancy with the Social Security Administration within fourteen (14) days shall be "
                   "terminated.")
    assert got["ssa_no_match_protocol"].status == "weakened"


HEADER_RANGE = AGREEMENT.replace(
    "January 1, 2026 through December 31, 2029\n",
    "Collective Bargaining Agreement 2026-2029\n\nThis Agreement is effective March 1, 2026 and expiring February 28, "
    "2029.\n").replace("30.1 This Agreement shall be effective January 1, 2026 and shall remain in effect through "
                       "December 31, 2029.", "30.1 This Agreement shall remain in effect until February 28, 2029.")


def _doc(text: str, immigration: str = "") -> dict:
    slots = dict.fromkeys(("recognition", "management", "grievance", "discipline", "immigration"), "")
    slots["immigration"] = f"\n{immigration}\n" if immigration else ""
    return {f.protection: f for f in check_text(text.format(**slots)).findings}


def test_a_sunset_counted_from_ratification_ends_before_an_agreement_with_a_running_header_range():
    sunset = ("23.4 Sections 23.1 through 23.3 shall remain operative during the first twenty-four (24) months "
              "following ratification of this Agreement, after which they shall lapse.")
    got = _doc(HEADER_RANGE, sunset)
    assert got["union_notice_of_immigration_contact"].status == "weakened"
    assert "enforceability" in kinds(got["union_notice_of_immigration_contact"])
    whole = sunset.replace("twenty-four (24) months", "thirty-six (36) months")  # ends with the agreement
    assert _doc(HEADER_RANGE, whole)["union_notice_of_immigration_contact"].status == "matching"


def test_such_controversy_takes_its_subject_from_earlier_in_the_same_sentence():
    said = ("7.3 Any controversy concerning the verification of an employee's identity or work-authorization "
            "documents shall be referred exclusively to the Joint Committee; the determination of the Committee "
            "shall be final, and no such controversy shall be arbitrable.")
    f = findings(immigration=NAME_CHANGE, grievance=said)["name_ssn_change_protection"]
    assert f.status == "weakened" and "enforceability" in kinds(f)
    seniority = said.replace("the verification of an employee's identity or work-authorization documents",
                             "the accuracy of the posted seniority list")
    assert findings(immigration=NAME_CHANGE, grievance=seniority)["name_ssn_change_protection"].status == "matching"


def test_a_final_say_by_the_employers_own_official_is_an_exclusion_wherever_it_sits():
    official = ("23.4 Disputes arising under Section 23.2 shall be resolved by the Employer's Director of Labor "
                "Relations after meeting with the Union, and the Director's decision shall be final and binding.")
    f = findings(immigration=official)["union_notice_of_immigration_contact"]
    assert f.status == "weakened" and "enforceability" in kinds(f)
    neutral = ("23.4 Disputes arising under Section 23.2 shall be heard by the impartial umpire, and the umpire's "
               "decision shall be final and binding.")
    assert findings(immigration=neutral)["union_notice_of_immigration_contact"].status == "matching"


def test_a_provision_named_through_a_defined_term_is_reached():
    defined = '1.2 "Immigration Article" means Article 23 of this Agreement, including every section of it.'
    excluded = ("7.3 Disputes arising under the Immigration Article shall be heard only by the Joint Immigration "
                "Committee. The Committee's determination shall be final, and no such dispute may be referred to "
                "arbitration.")
    got = findings(recognition=defined, grievance=excluded)
    assert got["judicial_warrant_for_nonpublic_access"].status == "weakened"
    assert "enforceability" in kinds(got["judicial_warrant_for_nonpublic_access"])
    assert got["language_access"].status == "matching"  # Article 13 is not the defined term
    other = findings(recognition=defined.replace("Article 23", "Article 13"), grievance=excluded)
    assert other["judicial_warrant_for_nonpublic_access"].status == "matching"


def test_an_expiry_on_an_event_the_term_does_not_control():
    fund = ("23.4 Sections 23.1 through 23.3 shall remain in effect until the exhaustion of the Fund, whereupon "
            "they shall lapse.")
    f = findings(immigration=fund)["union_notice_of_immigration_contact"]
    assert f.status == "weakened" and "enforceability" in kinds(f)
    term = "23.4 Sections 23.1 through 23.3 shall remain in effect until the expiration of this Agreement."
    assert findings(immigration=term)["union_notice_of_immigration_contact"].status == "matching"


def test_a_duty_made_subject_to_amendable_policies_in_its_own_sentence_is_discretion():
    text = AGREEMENT.replace("23.3 Leave. The Employer shall grant", "23.3 Leave. Subject to the Employer's leave "
                             "policies as amended from time to time, the Employer shall grant")
    f = _doc(text)["immigration_proceedings_leave"]
    assert f.status == "weakened" and "discretion" in kinds(f)
    bargained = AGREEMENT.replace("23.3 Leave. The Employer shall grant", "23.3 Leave. Subject to leave policies "
                                  "which may be changed only by mutual agreement with the Union, the Employer shall grant")
    assert _doc(bargained)["immigration_proceedings_leave"].status == "matching"


CONDUCT = ("23.6 If agents execute a warrant, the Employer shall see that questioning of employees takes place in as "
           "private a setting as possible, shall not assist beyond what the warrant compels, and shall not line up, "
           "sort or point out any employee. Union representatives, and attorneys or advocates the Union brings, may "
           "be present and meet privately with affected employees at the terminal.")


def test_a_management_right_to_assist_any_law_enforcement_reverses_the_conduct_protection():
    plain = findings(immigration=CONDUCT)["conduct_during_enforcement_action"]
    f = findings(immigration=CONDUCT, management="3.2 The Employer retains the right to control access to the "
                 "terminal and to assist law enforcement of any kind in its investigations on the premises.")
    assert plain.status == "matching"
    assert f["conduct_during_enforcement_action"].status == "weakened"
    assert "reversed" in kinds(f["conduct_during_enforcement_action"])


def test_discharge_for_identity_papers_in_other_words_reverses_the_name_change_protection():
    for rule in ("10.2 A worker whose identity papers are found to be not in order will be terminated.",
                 "10.2 Use of more than one name or Social Security number in the course of employment is cause "
                 "for termination.",
                 "10.2 The Company may immediately suspend and thereafter discharge any employee whose Social "
                 "Security number is reported as not matching the name on file."):
        f = findings(immigration=NAME_CHANGE, discipline=rule)["name_ssn_change_protection"]
        assert f.status == "weakened" and "reversed" in kinds(f), rule
    for control in ("10.2 A discrepancy in Social Security or identity records that the employee resolves shall not "
                    "be treated as misrepresentation.",
                    "10.2 Employees who falsify delivery manifests shall be discharged.",
                    "10.2 Claims relating to I-9 compliance or no-match letters shall be arbitrable on the same basis "
                    "as any other claim."):
        f = findings(immigration=NAME_CHANGE, discipline=control)["name_ssn_change_protection"]
        assert f.status == "matching" and f.deviations == [], control


def test_a_line_opening_with_section_continues_a_line_ending_on_this():
    units = split_units("The Fund shall pay for legal services. This\nSection is a pilot program and shall "
                        "terminate on June 30, 2027.\n\nSection 12. Threats.\n")
    texts = [u.text for u in units]
    assert "This Section is a pilot program and shall terminate on June 30, 2027." in texts
    assert any(t.startswith("Section 12.") for t in texts)  # a numbered heading after a blank line still splits
