"""Long contracts are full of clauses that look like an immigration protection and are not one (a
copy of a warning notice to the union, a reprisal-only ban), and of protections stated in a shape
the engine must still read at their true strength (the union called by its own short name, a
narrowing in the provision's second sentence, "two of those days")."""
from __future__ import annotations

from checker.api import check_text
from checker.engine.numbers import find_durations


def _finding(text: str, protection: str):
    return next(f for f in check_text(text).findings if f.protection == protection)


def test_lookalikes_warning_notice_copied_to_the_union_is_no_no_match_notice():
    doc = ("ARTICLE 13 DISCIPLINE\n\n"
           "Section 1. No driver shall be discharged without just cause, and the Company shall first give a "
           "written warning notice, with a copy to the Union and the steward.\n\n"
           "Section 2. A correction of a driver's name or Social Security number after a lawful change is "
           "not falsification of records.\n")
    assert _finding(doc, "ssa_no_match_protocol").status == "missing"


def test_lookalikes_reprisal_only_ban_on_reverification_is_not_a_general_limit():
    doc = ("ARTICLE 4 NO REPRISALS\n\n"
           "4.1 No supervisor shall, because a worker or a member of the worker's family took part in a strike "
           "or spoke with a labor inspector, report the worker to immigration authorities or reverify the "
           "worker's work authorization.\n")
    assert _finding(doc, "no_reverification_beyond_law").status == "missing"


NOTICE = ("III. NOTICE\n\nA. The Grower shall notify the {term}'s office within twenty-four (24) hours after "
          "any visit, call or letter from immigration authorities, any request for records, or any immigration "
          "investigation of a worker it learns of.\n\nB. The Grower shall give the {term} a copy of every "
          "document it receives from immigration authorities within the same period.\n")


def test_lookalikes_the_union_named_by_its_own_short_name_is_the_union():
    preamble = ('This Agreement is made between Hillcrest Orchards, LLC ("the Grower") and the United Farm '
                'Workers of America ("the UFW").\n\n')
    assert _finding(preamble + NOTICE.format(term="UFW"), "union_notice_of_immigration_contact").status == "matching"


def test_lookalikes_a_short_name_for_the_employer_is_not_the_union():
    preamble = ('This Agreement is made between Hillcrest Orchards, LLC ("HOL") and the United Farm '
                'Workers of America ("the UFW").\n\n')
    finding = _finding(preamble + NOTICE.format(term="HOL"), "union_notice_of_immigration_contact")
    assert finding.status == "missing"


def test_lookalikes_a_narrowing_in_the_provisions_other_sentence_reaches_the_element():
    doc = ("ARTICLE 7 E-VERIFY\n\n"
           "7.1 The City shall not voluntarily enroll in or use E-Verify, except as required by federal law.\n\n"
           "7.2 Where such use is required, the City shall use the system solely for newly hired employees "
           "following an offer of employment and for current employees assigned to work on a federal contract. "
           "An employee receiving a tentative nonconfirmation shall be notified in writing and given ten (10) "
           "working days to contest it, and no adverse action shall be taken while the contest is pending.\n")
    finding = _finding(doc, "e_verify_limits")
    assert finding.status == "weakened"
    assert "also current employees" in {d.found for d in finding.deviations}


def test_lookalikes_conditional_should_is_no_recommendation():
    doc = ("ARTICLE 3 ENFORCEMENT\n\n"
           "3.3 Should immigration authorities execute a judicial warrant at a facility, the County shall ensure "
           "that questioning of employees occurs in as private a setting as possible, shall not assemble or "
           "segregate employees, shall not identify any employee to the agents, and shall give no assistance "
           "beyond what the warrant compels. Union stewards, and any attorney accompanying them, shall be "
           "given access to the facility and the chance to confer privately with affected employees.\n")
    finding = _finding(doc, "conduct_during_enforcement_action")
    assert "modality" not in {d.kind for d in finding.deviations}


def test_lookalikes_a_number_of_those_days_is_a_duration():
    assert [d.value for d in find_durations("two (2) of those days in each year shall be paid")] == [48.0]
    assert [d.value for d in find_durations("three of such days")] == [72.0]


DETENTION = ("ARTICLE 2 ABSENCE\n\n"
             "2.4 A worker's failure to report caused by immigration arrest or detention shall be excused and shall "
             "not be treated as a quit or a no-call/no-show. The worker's position shall be held for ninety (90) days "
             "{tail}, and the worker shall be reinstated to his or her former position on return with valid work "
             "authorization.\n")


def test_lookalikes_a_period_another_event_may_cut_short_is_weakened():
    doc = DETENTION.format(tail="or until the end of the project, whichever is sooner")
    finding = _finding(doc, "detention_or_status_lapse_absence")
    assert finding.status == "weakened"
    assert [d.kind for d in finding.deviations] == ["parameter"]


def test_lookalikes_a_period_another_event_may_only_lengthen_stays_matching():
    doc = DETENTION.format(tail="or until the end of the project, whichever is later")
    assert _finding(doc, "detention_or_status_lapse_absence").status == "matching"


def test_lookalikes_a_split_ligature_is_rejoined_so_office_holds_no_ice():
    from checker.ingest.cleanup import normalize_line

    assert normalize_line("contact their Human Resource Of f ice to identify") == \
        "contact their Human Resource Office to identify"
    assert normalize_line("in the area af f ected by the layoff") == "in the area affected by the layoff"
    assert normalize_line("subsection f of Article 3") == "subsection f of Article 3"
    doc = ("ARTICLE 12 PROMOTIONS\n\n12.1 Employees may contact their Human Resource Of f ice to identify promotional "
           "paths, and the Agency shall not report any employee to an outside agency for doing so.\n")
    assert all(f.status == "missing" for f in check_text(doc).findings)


def test_lookalikes_dhs_is_the_human_services_department_a_contract_names():
    doc = ("ARTICLE 1 PARTIES\n\nThis Agreement is between the State of Oregon, Department of Human Services, and "
           "the Union.\n\nARTICLE 7 NOTICES\n\n7.1 The Union shall receive copies from DHS of general information "
           "notices sent to all providers within five (5) days.\n")
    assert _finding(doc, "union_notice_of_immigration_contact").status == "missing"
    homeland = doc.replace("Department of Human Services", "Department of Homeland Security")
    assert _finding(homeland, "union_notice_of_immigration_contact").status != "missing"


REVERIFY = ("ARTICLE 31 IMMIGRATION\n\n31.1 The Employer shall not ask about or demand proof of any employee's "
            "immigration or citizenship status, and shall not reverify the work authorization of any current "
            "employee, except where federal law requires it. Continuing employment, including return from leave, "
            "transfer, promotion and any sale or change of ownership, shall not trigger a new Form I-9, and a "
            "successor employer shall keep the Forms I-9 on file.\n")


def test_lookalikes_a_reservation_on_another_subject_leaves_the_protection_alone():
    doc = ("ARTICLE 3 MANAGEMENT RIGHTS\n\n3.1 The Agency reserves the right to search Agency vehicles, lockers and "
           "equipment at any time and in its discretion, and to assign employees to any work location.\n\n" + REVERIFY)
    assert _finding(doc, "no_reverification_beyond_law").status == "matching"


def test_lookalikes_a_reservation_on_the_protections_subject_still_weakens_it():
    doc = ("ARTICLE 3 MANAGEMENT RIGHTS\n\n3.1 The Employer reserves the right to verify the work authorization of "
           "any employee at any time and in its discretion.\n\n" + REVERIFY)
    assert _finding(doc, "no_reverification_beyond_law").status == "weakened"
