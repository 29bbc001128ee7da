"""Exclusions that describe a protection's subject in other words than the protection's own
("questions about work permits", "audits of hiring records", "federal officers coming onto the
plant"): the per-protection vocabulary of clause_corpus/strength/subject.yaml lets such an exclusion
reach the protection, while close but different subjects (payroll audits, tax withholding, driver
licensing, seniority status) reach nothing (checker/engine/enforceability.py, `_worded_subject`)."""
from __future__ import annotations

import pytest

from checker.api import check_text

AGREEMENT = """HARBORVIEW FROZEN FOODS, INC. AND FOOD AND ALLIED WORKERS UNION, LOCAL 412
Collective Bargaining Agreement, July 1, 2025 through June 30, 2029

ARTICLE 1 -- RECOGNITION

1.1 The Company recognizes the Union as the exclusive bargaining representative of all production, sanitation and shipping employees at its Harborview plant.

ARTICLE 6 -- GRIEVANCE AND ARBITRATION

6.1 A grievance is any dispute concerning the interpretation or application of this Agreement.

6.2 Step 1: the grievance shall be presented to the supervisor within ten (10) working days. Step 2: if unresolved, it shall be presented to the Plant Manager within ten (10) working days. Step 3: if unresolved, the Union may refer the grievance to final and binding arbitration.

6.3 The arbitrator shall have no authority to add to, subtract from or modify this Agreement.
{exclusion}

ARTICLE 19 -- IMMIGRATION AND WORKPLACE RIGHTS

19.1 Agents at the Plant. The Company shall not allow any immigration enforcement agent into a non-public area of the plant, and shall not permit any agent to question, search or detain a worker there, unless the agent presents a judicial warrant signed by a federal judge or magistrate. An administrative warrant is not a judicial warrant.

19.2 Notice to the Union. The Company shall notify the Union within twenty-four (24) hours whenever immigration authorities visit the plant, contact the Company, or request any records, and shall give the Union copies of any written communication from immigration authorities.

19.3 Worker Records. The Company shall not voluntarily disclose any worker's records, address, schedule or immigration status to immigration authorities except under a judicial warrant, a subpoena or other compulsory legal process, and shall notify the worker and the Union before producing anything where disclosure is compelled.

19.4 Inspections of Forms I-9. Within seventy-two (72) hours after receiving a Notice of Inspection of its Forms I-9, the Company shall notify all employees and the Union in writing and give the Union a copy of the Notice. Within seventy-two (72) hours after receiving the results, the Company shall give each affected employee and the Union a copy of the results that concern the employee, the alleged deficiency, the deadline to respond and the steps to correct it.

19.5 Reverification. The Company shall not reverify the work authorization of any employee except as required by federal law. Where reverification is required, the Company shall give the employee written notice, at least thirty (30) days to present documents, and the right to have a Union representative present, and shall not discipline or discharge the employee while the period runs.

19.6 Name and Social Security Number Changes. No employee shall be disciplined or discharged because the employee has changed his or her name or Social Security number, or presents new identity documents, and the Company shall update its records without loss of seniority.

19.7 Return After Work Authorization. An employee discharged because he or she could not show work authorization shall be reinstated to the same position with full seniority if the employee presents valid work authorization within twelve (12) months.

19.8 Immigration Leave. The Company shall grant up to five (5) paid days of leave per year to any employee to attend an immigration proceeding, hearing or appointment for the employee or a family member, with no loss of seniority and no attendance points.

ARTICLE 25 -- DURATION

25.1 This Agreement shall remain in effect from July 1, 2025 through June 30, 2029.
"""

WARRANT = "judicial_warrant_for_nonpublic_access"
NOTICE = "union_notice_of_immigration_contact"
PRIVACY = "employee_information_privacy"
I9 = "i9_inspection_notice"
NO_REVERIFY = "no_reverification_beyond_law"
DUE_PROCESS = "reverification_due_process"
NAME_SSN = "name_ssn_change_protection"
REINSTATE = "reinstatement_after_work_authorization_loss"
LEAVE = "immigration_proceedings_leave"
ALL = (WARRANT, NOTICE, PRIVACY, I9, NO_REVERIFY, DUE_PROCESS, NAME_SSN, REINSTATE, LEAVE)


def unenforceable(exclusion: str) -> set[str]:
    """The protections the document reports as defeated by an enforceability deviation."""
    report = check_text(AGREEMENT.format(exclusion=f"\n{exclusion}\n" if exclusion else ""))
    return {f.protection for f in report.findings if f.protection in ALL
            and f.status == "weakened" and any(d.kind == "enforceability" for d in f.deviations)}


def test_without_an_exclusion_nothing_is_unenforceable():
    assert unenforceable("") == set()


REACHES = {
    "papers": ("6.4 Complaints about workers' papers are not arbitrable.", {NO_REVERIFY, DUE_PROCESS}),
    "work permits": ("6.4 Questions about work permits shall be decided by the Human Resources Director and shall "
                     "not be subject to arbitration.", {REINSTATE, DUE_PROCESS}),
    "status questions": ("6.4 Status questions are excluded from the grievance procedure.", {NO_REVERIFY}),
    "federal agents": ("6.4 Disputes concerning the presence of federal agents on Company property shall not be "
                       "subject to the grievance procedure.", {WARRANT}),
    "federal officers coming onto": ("6.4 Complaints about federal officers coming onto the plant floor shall not "
                                     "be arbitrable.", {WARRANT}),
    "audits of hiring records": ("6.4 Grievances over audits of hiring records shall not proceed to arbitration.",
                                 {I9}),
    "government inspection": ("6.4 Any claim arising from a government inspection is excluded from arbitration.",
                              {I9}),
    "release of personnel files": ("6.4 Disputes over the release of personnel files to outside agencies are not "
                                   "grievable.", {PRIVACY}),
    "re-prove right to work": ("6.4 Claims about demands that employees re-prove their right to work are not subject "
                               "to the grievance procedure.", {NO_REVERIFY}),
    "hyphenated work-authorization": ("6.4 Grievances about work-authorization expirations may not proceed past "
                                      "Step 1.", {REINSTATE}),
    "immigration leave": ("6.4 Disputes over immigration leave are not arbitrable.", {LEAVE}),
    "a heading named as a section": ("6.4 Claims under the Worker Records section are not arbitrable.", {PRIVACY}),
    "a capitalized heading": ("6.4 Disputes arising under Notice to the Union are not arbitrable.", {NOTICE}),
    "consular appointments": ("6.4 Requests for time off for consular appointments are not subject to the grievance "
                              "procedure.", {LEAVE}),
}


@pytest.mark.parametrize("name", REACHES)
def test_an_exclusion_in_other_words_reaches_the_protection_it_describes(name):
    exclusion, expected = REACHES[name]
    got = unenforceable(exclusion)
    assert expected <= got, (name, got)


def test_an_exclusion_reaches_only_protections_whose_subject_it_describes():
    got = unenforceable("6.4 Grievances over audits of hiring records shall not proceed to arbitration.")
    assert got == {I9}
    got = unenforceable("6.4 Disputes concerning the presence of federal agents on Company property shall not be "
                        "subject to the grievance procedure.")
    assert LEAVE not in got and I9 not in got and PRIVACY not in got


CONTROLS = {
    "payroll audits": "6.4 Disputes concerning payroll audits by the Department of Labor shall not be subject to the "
                      "grievance procedure.",
    "tax withholding": "6.4 Disputes about tax withholding are not arbitrable.",
    "driver licensing": "6.4 Questions about driver licensing for forklift operators shall not be subject to "
                        "arbitration.",
    "health plan": "6.4 Disputes over health plan eligibility shall be referred to the plan trustees and are not "
                   "arbitrable.",
    "seniority status": "6.4 Questions about seniority status shall be settled by the seniority committee and are not "
                        "grievable.",
    "safety inspectors": "6.4 Complaints about visits by state safety inspectors are excluded from arbitration.",
    "jury duty": "6.4 Requests for time off for jury duty are not subject to the grievance procedure.",
    "wage audits": "6.4 Disputes over Department of Labor wage audits are not arbitrable.",
    "unemployment claims": "6.4 Disputes concerning unemployment insurance claims are excluded from arbitration.",
    "licence renewals": "6.4 Disputes about commercial driver's license renewals are not arbitrable.",
    "W-4 forms": "6.4 Disputes concerning W-4 forms and tax withholding may not be advanced beyond Step 2.",
    "OSHA inspections": "6.4 Claims about OSHA inspections of the plant are not subject to the grievance procedure.",
    "USDA audits": "6.4 Disputes over food safety audits by USDA inspectors at the plant are not arbitrable.",
    "police": "6.4 Disputes about police officers entering the plant to investigate thefts are not arbitrable.",
    # a section's heading in lower case inside a description names a subject, not the section
    "union notice of layoffs": "6.4 Disputes over notice to the Union of layoffs are not arbitrable.",
    "records kept by payroll": "6.4 Disputes concerning worker records kept by the payroll service are not arbitrable.",
}


@pytest.mark.parametrize("name", CONTROLS)
def test_an_exclusion_of_a_close_but_different_subject_changes_nothing(name):
    assert unenforceable(CONTROLS[name]) == set(), name


def test_the_deviation_names_the_vocabulary_entry_that_found_the_subject():
    report = check_text(AGREEMENT.format(exclusion="\n6.4 Grievances over audits of hiring records shall not proceed "
                                                   "to arbitration.\n"))
    f = next(f for f in report.findings if f.protection == I9)
    dev = next(d for d in f.deviations if d.kind == "enforceability")
    assert "subject.i9_inspection_notice" in dev.explanation
    assert "audits of hiring records" in dev.found.lower()
    assert any("audits of hiring records" in e.text for e in f.evidence)


def test_every_protection_has_a_vocabulary_entry():
    from checker.corpus import load_corpus
    from checker.corpus.strength import builtin

    ids = {e.id for e in builtin()["subject"]}
    assert ids == {f"subject.{p.id}" for p in load_corpus().protections}
