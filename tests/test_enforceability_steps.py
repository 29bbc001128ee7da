"""A limit at one step of the grievance procedure, naming no forum ("may not be advanced beyond
Step 2", "shall be resolved at the department-head level and go no further"), keeps the provisions
it covers from arbitration (enforceability.stops_at_a_step); a step that only sets where or when a
grievance is heard, or a limit on other subjects, changes nothing."""
from __future__ import annotations

import pytest
from test_enforceability import ARTICLE_23, CONTROL, findings, kinds

LEAVE = "immigration_proceedings_leave"
WARRANT = "judicial_warrant_for_nonpublic_access"

STOPS = {
    "not advanced beyond a step": "7.3 Grievances arising under Article 23 may not be advanced beyond Step 2.",
    "no further than a level": "7.3 A grievance concerning Article 23 shall be resolved at the department-head level "
                               "and go no further.",
    "ends at a step, answer final": "7.3 Grievances under Sections 23.1 through 23.3 shall end at Step 2, and the "
                                    "Terminal Manager's answer shall be final.",
    "heard at the first steps only": "7.3 Complaints under Article 23 shall be heard at Step 1 and Step 2 only.",
    "later step not available": "7.3 For grievances under Article 23, Step 3 shall not be available.",
    "limited to a step": "7.3 Any grievance over the Immigration Protections article is limited to Step 1.",
    "not carried past": "7.3 Grievances concerning Sections 23.1 to 23.3 shall not be carried past the second step.",
    "settled at a step, final": "7.3 Grievances arising under Article 23 shall be settled at Step 2, whose answer is "
                                "final and binding.",
    "terminates at a step": "7.3 Grievances under Article 23 shall terminate at Step 2 of the procedure.",
    "first two steps": "7.3 Claims under Article 23 shall be limited to the first two steps of the grievance "
                       "procedure.",
    "only early steps apply": "7.3 Only Steps 1 and 2 shall apply to grievances under Article 23.",
    "answer is the final step": "7.3 Grievances alleging a breach of Article 23 shall be heard by the Terminal Manager, "
                                "and the Terminal Manager's answer shall be the final step.",
    "not appealed above a level": "7.3 Article 23 grievances shall not be appealed above the department-head level.",
}


@pytest.mark.parametrize("name", STOPS)
def test_a_limit_at_one_step_makes_the_provisions_it_names_unenforceable(name):
    got = findings(grievance=STOPS[name])
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (name, pid)
        assert any(d.rule == "enforceability.stops_at_a_step" for d in got[pid].deviations), (name, pid)
    assert got[CONTROL].status == "matching", name


def test_a_limit_at_one_step_reaches_a_subject_it_describes_in_other_words():
    got = findings(grievance="7.3 Grievances about immigration officers coming onto the terminal may not be "
                             "advanced beyond Step 2.")
    assert "enforceability" in kinds(got[WARRANT])
    assert got[LEAVE].status == "matching" and got[CONTROL].status == "matching"


TIMELINES = {
    "filed at a step": "7.3 Grievances under Article 23 shall be filed directly at Step 2.",
    "answered within days": "7.3 Grievances under Article 23 shall be answered at Step 2 within five (5) working days.",
    "advanced to the next step": "7.3 A grievance under Article 23 not answered at Step 2 within ten days may be "
                                 "advanced to Step 3.",
    "heard at a level": "7.3 Grievances under Article 23 shall be heard first at the department-head level.",
    "final unless referred": "7.3 The Step 2 answer on a grievance under Article 23 shall be final unless the Union "
                             "refers the grievance to arbitration.",
    "another subject": "7.3 Grievances over vacation scheduling may not be advanced beyond Step 2.",
    "every grievance": "7.3 Grievances not resolved at Step 1 shall go to Step 2.",
    "skipping a step": "7.3 Grievances under Article 23 shall proceed directly to Step 2, skipping Step 1.",
    "expedited": "7.3 Grievances under Article 23 shall be expedited and answered at each step within three days.",
    "other subject, first two steps": "7.3 Grievances over vacation scheduling shall be limited to the first two steps "
                                      "of the grievance procedure.",
}


@pytest.mark.parametrize("name", TIMELINES)
def test_a_step_that_only_sets_a_timeline_or_names_another_subject_changes_nothing(name):
    got = findings(grievance=TIMELINES[name])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", (name, pid)


# ---- a final say given to someone other than an arbitrator, in the grievance article -----------

FINAL_SAY = {
    "HR director final": "7.3 Notwithstanding anything heretofore provided in this Article, all controversies "
                         "touching upon Sections 23.1 through 23.3 shall be determined by the Director of Human "
                         "Resources, whose determination thereof shall be final.",
    "committee conclusive": "7.3 Disputes arising under Article 23 shall be decided by the Joint Committee, whose "
                            "decision is conclusive.",
}


@pytest.mark.parametrize("name", FINAL_SAY)
def test_a_final_say_outside_arbitration_in_the_grievance_article_is_an_exclusion(name):
    got = findings(grievance=FINAL_SAY[name])
    for pid in ARTICLE_23:
        assert any(d.rule == "enforceability.final_determination_elsewhere" for d in got[pid].deviations), (name, pid)
    assert got[CONTROL].status == "matching"


FINAL_CONTROLS = {
    "the arbitrator's final decision": "7.3 Grievances under Article 23 shall be heard by the arbitrator, whose "
                                       "decision shall be final and binding.",
    "final unless referred": "7.3 Grievances under Article 23 shall be decided by the Terminal Manager, whose decision "
                             "shall be final unless the Union refers the grievance to arbitration.",
    "another subject": "7.3 Disputes arising out of payroll audits shall be referred to the Payroll Review "
                       "Committee, whose decision shall be final.",
}


@pytest.mark.parametrize("name", FINAL_CONTROLS)
def test_a_final_say_by_an_arbitrator_conditioned_or_on_another_subject_changes_nothing(name):
    got = findings(grievance=FINAL_CONTROLS[name])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", (name, pid)


def test_a_final_say_outside_the_grievance_article_that_names_no_procedure_changes_nothing():
    got = findings(management="3.2 Questions about Article 23 shall be decided by the Terminal Manager, whose decision "
                              "shall be final.")
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", pid
