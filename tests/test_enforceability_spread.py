"""An exclusion spread over two sentences or two sections: a pronoun pointing back to the provisions
the sentence before names ("... may be filed. However, the arbitrator shall have no authority over
them."; "Disputes about its administration are not grievable."), and a list kept in another section
of the grievance article ("The matters listed in Section 7.4 ..." / "7.4 (a) Article 23; ...").
The same shapes over other subjects change nothing (checker/engine/enforceability.py,
`_antecedent` and `_listed_elsewhere`)."""
from __future__ import annotations

import pytest
from test_enforceability import ARTICLE_23, CONTROL, findings, kinds

LEAVE = "immigration_proceedings_leave"
WARRANT = "judicial_warrant_for_nonpublic_access"

WHOLE = {
    "object pronoun": "7.3 Grievances under Article 23 may be filed. However, the arbitrator shall have no authority "
                      "over them.",
    "pronoun after a title": "7.3 The Immigration Protections article binds the Employer at the terminal. Claims "
                             "arising under it shall not be subject to arbitration.",
    "list in another section": "7.3 The matters listed in Section 7.4 shall not be subject to arbitration.\n\n"
                               "7.4 Listed matters: (a) Article 23; (b) disputes over the pension plan.",
}


@pytest.mark.parametrize("name", WHOLE)
def test_an_exclusion_spread_over_two_sentences_reaches_what_the_first_names(name):
    got = findings(grievance=WHOLE[name])
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (name, pid)
    assert got[CONTROL].status == "matching", name


def test_a_possessive_points_back_to_the_one_section_named_before():
    got = findings(grievance="7.3 Section 23.3 shall be administered by the Human Resources Department. Disputes "
                             "about its administration are not grievable.")
    assert "enforceability" in kinds(got[LEAVE])
    assert got[WARRANT].status == "matching" and got[CONTROL].status == "matching"


def test_a_list_item_describing_a_subject_reaches_it():
    got = findings(grievance="7.3 The matters listed in Section 7.4 shall not be subject to arbitration.\n\n"
                             "7.4 Listed matters: (a) complaints about federal officers coming onto the terminal; "
                             "(b) disputes over the pension plan.")
    assert "enforceability" in kinds(got[WARRANT])
    assert got[LEAVE].status == "matching" and got[CONTROL].status == "matching"


CONTROLS = {
    "another subject after a named section": "7.3 Section 23.3 shall be administered by the Human Resources "
                                             "Department. Disputes about overtime are not grievable.",
    "pronoun for another subject": "7.3 Vacation requests are handled by the supervisor. Disputes about them are not "
                                   "arbitrable.",
    "list of other subjects": "7.3 The matters listed in Section 7.4 shall not be subject to arbitration.\n\n"
                              "7.4 Listed matters: (a) disputes over the pension plan; (b) health plan eligibility.",
}


@pytest.mark.parametrize("name", CONTROLS)
def test_the_same_shapes_over_other_subjects_change_nothing(name):
    got = findings(grievance=CONTROLS[name])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", (name, pid)


SUSPENDED = {
    "on any agency's notice": "23.4 Sections 23.1 and 23.2 govern the Employer's dealings with federal agents. Upon "
                              "notice from any federal agency that compliance would interfere with its activities, "
                              "those Sections shall be suspended for such period as the Employer considers necessary.",
    "while the employer sees fit": "23.4 The Employer's duties under Sections 23.1 and 23.2 are important to the "
                                   "parties. The said duties may be discontinued for whatever period the Employer "
                                   "judges prudent.",
}


@pytest.mark.parametrize("name", SUSPENDED)
def test_a_suspension_of_the_sections_the_sentence_before_named_reaches_them(name):
    got = findings(immigration=SUSPENDED[name])
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact"):
        assert "enforceability" in kinds(got[pid]), (name, pid)
    assert got[LEAVE].status == "matching" and got[CONTROL].status == "matching"


def test_a_suspension_the_parties_agree_to_changes_nothing():
    got = findings(immigration="23.4 Sections 23.1 and 23.2 govern the Employer's dealings with federal agents. Those "
                               "Sections shall be suspended only for such period as the parties agree in writing.")
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", pid


def _with_side_letter(letter: str) -> dict:
    from test_enforceability import agreement

    from checker.api import check_text

    text = agreement() + "\nSIDE LETTER NO. 3\n\nRe: Immigration Matters\n\n" + letter + "\n"
    return {f.protection: f for f in check_text(text).findings}


SIDE_LETTERS = {
    "expresses intent": "The parties acknowledge that Sections 23.1 and 23.2 of the Agreement concern matters outside "
                        "the Employer's control. Accordingly, Sections 23.1 and 23.2 express the Employer's intent.",
    "not part of the collective agreement": "Sections 23.1 and 23.2 of the Agreement shall not form part of the "
                                            "collective agreement for purposes of Article 7.",
}


@pytest.mark.parametrize("name", SIDE_LETTERS)
def test_a_side_letter_declaring_main_agreement_sections_non_binding_reaches_them(name):
    got = _with_side_letter(SIDE_LETTERS[name])
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact"):
        assert "enforceability" in kinds(got[pid]), (name, pid)
    assert got[LEAVE].status == "matching" and got[CONTROL].status == "matching"


def test_a_side_letter_stating_an_intent_to_act_changes_nothing():
    got = _with_side_letter("The Employer states its intent to review Sections 23.1 and 23.2 of the Agreement with the "
                            "Union each year, and the parties remain bound by them.")
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", pid


LETTERED = """AGREEMENT between Hillside Growers and Farm Workers United
January 1, 2026 through December 31, 2029

ARTICLE 9 -- GRIEVANCES

(a) A grievance is any dispute over the interpretation or application of this Agreement.

(b) A grievance not settled at Step 2 may be referred to arbitration, and the award shall be final and binding.

ARTICLE 11 -- IMMIGRATION ENFORCEMENT

(a) No consent without a warrant. No supervisor, foreman or contractor of the Grower shall consent to an immigration agent entering a non-public area of the ranch, or questioning, searching or seizing any person there, unless the agent first presents a judicial warrant signed by a judge or magistrate.

(b) Word to the Union. The Grower shall notify the Union within twenty-four (24) hours of any visit, inspection, records request or other contact by an immigration agency, and shall give the Union copies of every document the agency provides.

(c) Appointments. The Grower shall grant a worker leave to attend any immigration or citizenship appointment, interview or hearing of the worker or of the worker's spouse, domestic partner, child or parent. Up to five (5) days of such leave each calendar year shall be paid, the leave shall not count as an absence for any disciplinary purpose, and the worker shall return to the same position without loss of seniority.

ARTICLE 13 -- GENERAL PROVISIONS

(a) Agency visits. {first} {second}

ARTICLE 20 -- DURATION

This Agreement shall be effective January 1, 2026 and shall remain in effect through December 31, 2029.
"""


def test_lettered_paragraphs_of_an_article_named_in_the_sentence_before_reach_those_paragraphs_only():
    from checker.api import check_text

    text = LETTERED.format(first="Paragraphs (a) through (b) of Article 11 set out how the Grower will respond when "
                                 "immigration officers arrive at the ranch.",
                           second="Such matters are operational in nature and shall not be submitted to an arbitrator "
                                  "under Article 9.")
    got = {f.protection: f for f in check_text(text).findings}
    assert "enforceability" in kinds(got["judicial_warrant_for_nonpublic_access"])
    assert "enforceability" in kinds(got["union_notice_of_immigration_contact"])
    assert got[LEAVE].status == "matching" and "enforceability" not in kinds(got[LEAVE])


def test_the_letter_range_expands():
    from checker.engine.enforceability import _letters

    assert _letters("a", " through (c)") == ["a", "b", "c"]
    assert _letters("b", ", (d) and (f)") == ["b", "d", "f"]
