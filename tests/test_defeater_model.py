"""The defeater classifier (checker/engine/defeater_model.py, models/defeaters) and the reach rules
added with it: a defeating clause in words no registry phrase lists is still read as what it is,
what it reaches is still decided by the rules, and controls in new words stay quiet."""
from __future__ import annotations

import json

import pytest
from test_enforceability import ARTICLE_23, CONTROL, findings, kinds

from checker.engine import defeater_model as dm

# traps worded unlike any registry example or any clause of the training data; the rules alone
# miss each of them (asserted below), the classifier reads them
NEW_WORDING = {
    "reviewed only by a committee": dict(immigration="23.4 Compliance with this Article shall be reviewed only by "
                                         "the Labor-Management Committee, and the grievance machinery shall have no "
                                         "role in it."),
    "moral rather than legal": dict(immigration="23.4 The parties regard the undertakings in this Article as moral "
                                    "rather than legal commitments."),
    "voluntary on the employer's part": dict(immigration="23.4 The commitments in this Article are voluntary on the "
                                             "Employer's part."),
    "of no further effect after a date": dict(immigration="23.4 After December 31, 2026, this Article shall be of no "
                                              "further effect."),
    "protections end on a date": dict(immigration="23.4 The protections of this Article end on June 30, 2027."),
    "heard by a committee alone, never an arbitrator": dict(grievance="7.3 Article 23 claims shall be heard by the "
                                                        "Joint Committee alone and never by an arbitrator."),
    "barred from the arbitration step": dict(grievance="7.3 Complaints under Article 23 are barred from the "
                                             "arbitration step."),
    "confers no rights": dict(immigration="23.4 This Article describes the Employer's intended practices and confers "
                              "no rights on any employee."),
    "pause by posting a notice": dict(immigration="23.4 Management may at any time pause the operation of this "
                                      "Article by posting a notice."),
    "opt out when business requires": dict(immigration="23.4 The Employer may opt out of this Article whenever "
                                           "business conditions require."),
    "set aside for any period": dict(immigration="23.4 The Employer may set this Article aside for any period it "
                                     "chooses."),
}
NEW_CONTROLS = {
    "heard through the grievance procedure": dict(grievance="7.3 Article 23 claims shall be heard through the "
                                                  "grievance procedure and may be taken to arbitration."),
    "binding legal commitments": dict(immigration="23.4 The parties regard the undertakings in this Article as "
                                      "binding legal commitments."),
    "runs for the full term": dict(immigration="23.4 This Article runs for the full term of this Agreement."),
    "no pause without the union": dict(immigration="23.4 Management may not pause the operation of this Article "
                                       "without the Union's written agreement."),
    "pension board alone": dict(grievance="7.3 Pension disputes shall be heard by the Pension Board alone and never "
                                "by an arbitrator."),
    "may be taken up through arbitration": dict(immigration="23.4 Any dispute under this Article may be taken up "
                                                "through Article 7 (Grievance and Arbitration)."),
    "no set-aside without the union": dict(immigration="23.4 The Employer may not set this Article aside without "
                                           "the Union's written consent."),
    "whereas recital": dict(immigration="23.4 WHEREAS the parties intend that no fear of immigration enforcement "
                            "shall impair any right secured by this Article."),
    "the agreement's own term": dict(immigration="23.4 This Agreement shall remain in effect from January 1, 2026 "
                                     "through December 31, 2029."),
    "no questions about status": dict(recognition="1.2 The Employer will not ask about, or demand proof of, the "
                                      "immigration status or work authorization of any employee."),
    "retaliation for filing a grievance": dict(immigration="23.4 The Employer shall not threaten to report, or report, "
                                               "any employee to immigration authorities, and shall not reverify any "
                                               "employee, because the employee signed a card, filed a complaint or "
                                               "grievance, or cooperated with a government agency."),
    "nothing limits the arbitrability": dict(grievance="7.3 Nothing in Section 7.2 limits the grievability or "
                                             "arbitrability of any provision of Article 23."),
    # look-alikes of the third blind clause corpus's controls, in other words
    "no-match disputes are grievable": dict(grievance="7.3 Every disagreement over a worker's no-match letter or "
                                            "reverification is a grievance under this Article and may go to "
                                            "arbitration."),
    "principles that bind": dict(immigration="23.4 Statement of Principles. The commitments of this Article "
                                 "reflect values both parties hold, and they are mandatory and grievable like every "
                                 "other term of this Agreement."),
    "changed only by both parties": dict(immigration="23.4 Sections 23.1 to 23.3 may be suspended or modified only "
                                         "by written agreement of both the Employer and the Union."),
    "in force until the agreement expires": dict(immigration="23.4 This Article stays in force until this Agreement "
                                                 "expires and during any negotiations for a successor agreement."),
}


def test_the_model_reads_concept_classes_it_ships_with():
    # a word no training clause used still counts through its class: the lexicon travels in model.json
    m = dm.model()
    names = {name for name, _ in m["concepts"]}
    assert {"status", "define", "forum", "deny", "agency", "handover", "discrepancy", "discharge"} <= names
    got = dm.features("Staff without right-to-work papers are not members of the bargaining unit.",
                      concepts=m["concepts"])
    assert {"@status", "@define", "@status+@define"} <= got
    assert not any(f.startswith("@") for f in dm.features("Staff are members of the unit."))  # no lexicon given


def test_eval_tool_scores_a_clause_file(tmp_path):
    import sys

    sys.path.insert(0, str(dm.MODEL.parents[2] / "tools"))
    import eval_defeaters

    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"text": "This Article is a statement of intent only and creates no enforceable obligation.", "type": "non_binding"},
        {"text": "The Employer shall grant the leave within five days.", "type": "none"}]) + "\n")
    got = eval_defeaters.score(eval_defeaters.read_clauses(path), json.loads(dm.MODEL.read_text()))
    assert got["n"] == 2 and got["detection"]["defeating"] == 1 and got["detection"]["controls"] == 1
    assert got["detection"]["rules_found"] == 1 and got["per_label"]["non_binding"]["n"] == 1


def test_the_model_ships_with_its_training_record():
    record = json.loads((dm.MODEL.parent / "training.json").read_text())
    assert dm.model() is not None and record["counts"]["clauses"] >= 1400  # all three clause corpora
    # the frozen blind folders never train it
    assert {"traps_b", "written_l", "written_m", "written_n"} <= set(record["excluded_folders"])
    assert record["held_out"]["n"] > 0 and record["held_out"]["accuracy"] >= 0.6


@pytest.mark.parametrize("trap", NEW_WORDING)
def test_a_trap_in_new_words_weakens_what_it_reaches(trap):
    got = findings(**NEW_WORDING[trap])
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (trap, pid, got[pid].deviations)
        assert any(d.rule.startswith("learned_defeater.") for d in got[pid].deviations)
    assert got[CONTROL].status == "matching" and got[CONTROL].deviations == []
    with dm.disabled():  # the rules alone do not read it: the classifier is what catches it
        alone = findings(**NEW_WORDING[trap])
    assert all(alone[pid].status == "matching" for pid in ARTICLE_23), trap


@pytest.mark.parametrize("control", NEW_CONTROLS)
def test_a_control_in_new_words_changes_nothing(control):
    got = findings(**NEW_CONTROLS[control])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching" and got[pid].deviations == [], (control, pid, got[pid].deviations)


def test_a_learned_reading_is_explained_by_its_guard():
    from checker.corpus import load_corpus
    from checker.rules import rule_text

    got = findings(**NEW_WORDING["moral rather than legal"])
    rules = {d.rule for pid in ARTICLE_23 for d in got[pid].deviations}
    assert rules and all(rule_text(load_corpus(), r) for r in rules)


def test_without_the_model_the_rules_work_alone(monkeypatch):
    monkeypatch.setattr(dm, "MODEL", dm.MODEL.parent / "absent.json")
    dm._load.cache_clear()
    try:
        assert dm.classify("This Article is advisory only.") == ("none", 1.0)
        got = findings(immigration="23.4 This Article is a statement of the parties' intent.")
        assert all(got[pid].status == "weakened" for pid in ARTICLE_23)
    finally:
        dm._load.cache_clear()


# ---- reach rules: wordings of the tuning trap sets, reworded here ------------------------------

def test_roman_numbered_sections_of_a_named_article_are_reached():
    from checker.api import check_text

    text = """AGREEMENT between Bayside Shipyard Co. and Machinists Local 5
October 1, 2025 through September 30, 2030

ARTICLE XIV
ADJUSTMENT OF GRIEVANCES

Section 1. Any difference between the Company and the Union may be taken to arbitration.

ARTICLE XXIV
IMMIGRATION MATTERS

Section 1. Entry. No manager, supervisor, security guard or contractor of the Company shall consent to an immigration agent entering a non-public area of the yard, or questioning, searching or seizing any person there, unless the agent first presents a judicial warrant signed by a judge or magistrate.

Section 2. Notice. The Company shall notify the Union within twenty-four (24) hours of any visit, inspection, records request or other contact by an immigration agency, and shall give the Union copies of every document the agency provides.

ARTICLE XXXI
GENERAL PROVISIONS

Section 1. Notices. All notices shall be in writing.

Section 2. Directives. The Company may, upon written notice to the Union, suspend the operation of Sections 1 and 2 of Article XXIV for such period as it deems requisite.
"""
    got = {f.protection: f for f in check_text(text).findings}
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact"):
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (pid, got[pid].deviations)


def test_the_decision_of_a_panel_not_reviewable_reaches_the_disputes_routed_to_it():
    got = findings(immigration="23.4 Any dispute arising under this Article shall be submitted exclusively to a "
                               "Review Panel named by the Employer. The decision of the Panel shall be final and "
                               "shall not be subject to review under Article 7.")
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), pid
    assert got[CONTROL].status == "matching"


def test_a_panel_decision_in_the_same_sentence_as_its_own_subject_reaches_only_that_subject():
    got = findings(grievance="7.3 Disputes concerning leave for immigration hearings are not grievable and shall be "
                             "decided by the Director, whose decision shall be final.")
    assert got["immigration_proceedings_leave"].status == "weakened"
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact", CONTROL):
        assert got[pid].status == "matching", pid


def test_pronouns_lead_back_to_the_sections_a_letter_names_by_title():
    from checker.api import check_text
    from test_enforceability import agreement

    text = agreement() + """
SIDE LETTER NO. 2

The sections of Article 23 titled "Entry" and "Notice" describe practices the parties hope to follow.
They are aspirations the Employer will endeavour to honour.
They are not intended to create enforceable rights, and no grievance may be filed under them.
"""
    text = text.replace("23.1 Entry.", "23.1 Entry\n\n").replace("23.2 Notice.", "23.2 Notice\n\n")
    got = {f.protection: f for f in check_text(text).findings}
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact"):
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (pid, got[pid].deviations)
    assert got["immigration_proceedings_leave"].status == "matching"


def test_a_learned_exclusion_describing_a_subject_reaches_the_protection_in_its_own_terms():
    got = findings(grievance="7.3 Any claim that the Employer denied time off for an immigration court hearing "
                             "shall be decided by the Human Resources Director and not by an arbitrator.")
    assert got["immigration_proceedings_leave"].status == "weakened"
    assert any(d.rule == "learned_defeater.exclusion" for d in got["immigration_proceedings_leave"].deviations)
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact", CONTROL):
        assert got[pid].status == "matching", pid


def test_a_learned_exclusion_of_another_subject_changes_nothing():
    got = findings(grievance="7.3 Any claim that the Employer denied overtime pay shall be decided by the Payroll "
                             "Director and not by an arbitrator.")
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching" and got[pid].deviations == [], pid


# ---- the guards widened with the third clause corpus: new words for a kind, look-alikes kept out ----

STATUS_NEUTRAL = ("23.5 Every employee shall enjoy all rights under this Agreement regardless of immigration "
                  "status or citizenship status, and no employee shall be discriminated against because of "
                  "immigration status, citizenship status or a change in work authorization.")


def test_a_status_definition_by_proof_of_eligibility_narrows_coverage():
    definition = ('1.2 The word "employee", wherever it appears in this Agreement, denotes a worker who has '
                  "furnished proof of eligibility for employment satisfactory to the Employer.")
    f = findings(immigration=STATUS_NEUTRAL, recognition=definition)["status_neutral_coverage_and_nondiscrimination"]
    assert f.status == "weakened" and "scope" in kinds(f), f.deviations
    assert any(d.rule == "learned_defeater.status_definition" for d in f.deviations)
    with dm.disabled():  # no registry phrase reads it: the classifier (through its guard) does
        alone = findings(immigration=STATUS_NEUTRAL, recognition=definition)
    assert alone["status_neutral_coverage_and_nondiscrimination"].status == "matching"


def test_a_recognition_that_excludes_no_one_for_status_narrows_nothing():
    recognition = ("1.2 No employee shall be excluded from the bargaining unit on account of national origin, "
                   "citizenship or immigration status.")
    assert "status_definition" not in dm.guarded(recognition)
    f = findings(immigration=STATUS_NEUTRAL, recognition=recognition)["status_neutral_coverage_and_nondiscrimination"]
    assert f.status == "matching" and f.deviations == []


def test_the_guards_read_the_third_corpus_vocabulary():
    # words of each kind the guards missed before the third corpus, and a look-alike each keeps out
    assert "discrepancy_discharge" in dm.guarded("An employee who has worked under a name or number other than "
                                                 "his or her own shall be terminated.")
    assert "discrepancy_discharge" not in dm.guarded("Theft, fighting and falsification of time cards are grounds "
                                                     "for discharge.")
    assert "agency_cooperation" in dm.guarded("The Company may respond fully to inquiries from federal "
                                              "investigators about any worker.")
    assert "non_binding" in dm.guarded("The practices for visits by agents set out below are guidelines only.")
    assert "non_binding" not in dm.guarded("This Article reflects the parties' principles; its terms are "
                                           "mandatory and grievable.")
    assert "exclusion" not in dm.guarded("A dispute over a no-match letter is a grievance and may be arbitrated.")


def test_the_eval_tool_reads_a_clause_through_the_engine_gates():
    import sys

    sys.path.insert(0, str(dm.MODEL.parents[2] / "tools"))
    import eval_defeaters

    # a suspension needing the union, an end with no date, cooperation under a warrant: set aside
    assert eval_defeaters.gated("The Employer may suspend this Article only by mutual agreement with the Union.",
                                "unilateral_suspension") == "none"
    assert eval_defeaters.gated("This Article stays in force until the parties agree otherwise.", "sunset") == "none"
    assert eval_defeaters.gated("The Employer will cooperate with any agency that presents a judicial warrant.",
                                "agency_cooperation") == "none"
    # the same kinds without those conditions stay what they are
    assert eval_defeaters.gated("The Employer may suspend this Article at any time.",
                                "unilateral_suspension") == "unilateral_suspension"
    assert eval_defeaters.gated("This Article expires on June 30, 2027.", "sunset") == "sunset"
    assert eval_defeaters.gated("The Employer will cooperate fully with any government agency.",
                                "agency_cooperation") == "agency_cooperation"
