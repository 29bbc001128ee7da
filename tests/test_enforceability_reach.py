"""What an exclusion reaches, and what only looks like one (checker/engine/enforceability.py,
clause_corpus/strength/{enforceability,learned_defeater,subject}.yaml):

- a grievance held at a step only until something happens ("not advanced beyond Step 2 until the
  investigation is complete", "pending the agency's inquiry") is delayed, not kept from arbitration;
- a scope that brings a provision into the procedure "except as provided in" another article
  excludes nothing it includes;
- "the grievance procedure for claims under Article 23" names the article whose claims it hears,
  not the procedure's own article, so a limit at a step in those words reaches Article 23;
- "employment eligibility forms" (the I-9 paperwork) describe the I-9 and no-reverification
  subjects, not reverification due process or reinstatement after a loss of work authorization."""
from __future__ import annotations

import pytest
from test_enforceability import ARTICLE_23, CONTROL, findings, kinds
from test_enforceability_subjects import DUE_PROCESS, I9, NO_REVERIFY, REINSTATE, unenforceable

DELAYS = {
    "until complete": "7.3 Grievances under Article 23 shall not be advanced beyond Step 2 until the investigation "
                      "is complete.",
    "pending an inquiry": "7.3 A grievance under Article 23 shall not proceed beyond Step 2 pending the outcome of the "
                          "agency investigation.",
    "to arbitration until met": "7.3 Grievances under Article 23 may not be advanced to arbitration until the Joint "
                                "Committee has met.",
    "prior to a meeting": "7.3 Grievances under Sections 23.1 to 23.3 may not be moved past Step 1 prior to the joint "
                          "fact-finding meeting.",
    "referred pending": "7.3 A grievance over Section 23.2 may not be referred to arbitration pending the outcome of "
                        "the agency's inquiry.",
}


@pytest.mark.parametrize("name", DELAYS)
def test_a_grievance_held_at_a_step_until_something_happens_is_not_excluded(name):
    got = findings(grievance=DELAYS[name])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", (name, pid, [d.rule for d in got[pid].deviations])


INCLUSIONS = {
    "including the article, except another": "7.3 Any dispute concerning the interpretation or application of this "
                                             "Agreement, including Article 23, shall be a grievance and shall be "
                                             "handled under this Article, except as provided in Article 5, Section 2.",
    "including, except as otherwise provided": "7.3 All disputes, including those under Article 23, shall be subject "
                                               "to arbitration, except as otherwise provided in Article 5.",
    "including sections, except as set forth": "7.3 All disputes, including those arising under Sections 23.1 to "
                                               "23.3, shall be subject to arbitration except as otherwise set forth "
                                               "in Article 9.",
}


@pytest.mark.parametrize("name", INCLUSIONS)
def test_a_scope_that_includes_a_provision_save_for_another_article_excludes_nothing(name):
    got = findings(grievance=INCLUSIONS[name])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", (name, pid, [d.rule for d in got[pid].deviations])


EXCLUSIONS = {
    "a step limit, then no arbitration": "7.3 Grievances under Article 23 shall not be advanced beyond Step 2 until "
                                         "the end of this Agreement, and not to arbitration at all.",
    "including another, excepting the article": "7.3 All disputes, including those under Article 9, are subject to "
                                                "arbitration, except those arising under Article 23, which shall not "
                                                "be grievable.",
    "not advanced beyond a step, no delay": "7.3 Grievances under Article 23 may not be advanced beyond Step 2 under "
                                            "any circumstances, before or after the investigation.",
    "procedure for claims under": "7.3 The grievance procedure for claims under Article 23 ends with the Step 2 "
                                  "meeting.",
    "procedure for disputes under": "7.3 The grievance procedure for disputes under Article 23 shall end at Step 2.",
    "procedure for complaints over": "7.3 The grievance procedure for complaints over Article 23 shall end with the "
                                     "Step 2 meeting.",
    "the procedure's own article named too": "7.3 The grievance procedure set forth in Article 7 ends with the Step 2 "
                                             "meeting for claims under Article 23.",
}


@pytest.mark.parametrize("name", EXCLUSIONS)
def test_exclusions_beside_those_wordings_still_reach_the_article(name):
    got = findings(grievance=EXCLUSIONS[name])
    for pid in ARTICLE_23:
        assert got[pid].status == "weakened" and "enforceability" in kinds(got[pid]), (name, pid)
    assert got[CONTROL].status == "matching", name


def test_a_procedure_for_claims_under_an_article_that_only_sets_a_meeting_changes_nothing():
    got = findings(grievance="7.3 The grievance procedure for claims under Article 23 shall provide for a Step 2 "
                             "meeting within ten (10) days.")
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == "matching", pid


PAPERWORK = {
    "eligibility forms": "6.4 Disputes about employment eligibility forms are not arbitrable.",
    "eligibility verification paperwork": "6.4 Grievances over work eligibility verification paperwork shall not "
                                          "proceed to arbitration.",
}


@pytest.mark.parametrize("name", PAPERWORK)
def test_eligibility_paperwork_reaches_the_i9_subjects_but_not_due_process_or_reinstatement(name):
    got = unenforceable(PAPERWORK[name])
    assert I9 in got and NO_REVERIFY in got, (name, got)
    assert DUE_PROCESS not in got and REINSTATE not in got, (name, got)


def test_work_authorization_itself_still_reaches_due_process_and_reinstatement():
    got = unenforceable("6.4 Disputes about the loss of employment eligibility are not arbitrable.")
    assert {NO_REVERIFY, DUE_PROCESS, REINSTATE} <= got, got
    got = unenforceable("6.4 Questions about work permits shall not be subject to arbitration.")
    assert {DUE_PROCESS, REINSTATE} <= got, got
