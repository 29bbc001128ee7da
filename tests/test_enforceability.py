"""Protections defeated from elsewhere in the document (checker/engine/enforceability.py): kept out
of the grievance procedure, declared non-binding, expiring early, suspendable by the employer
alone; and cross-article defeats. Each trap has a control that must change nothing."""
from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest
from report_factory import run as _run

from checker.api import check_text
from checker.compare import compare
from checker.engine import enforceability
from checker.formats import FORMATTERS, Options

AGREEMENT = """AGREEMENT between Harbor Freight Terminals, Inc. and Teamsters Local 9
January 1, 2026 through December 31, 2029

ARTICLE 1 -- RECOGNITION

1.1 The Employer recognizes the Union as the exclusive representative of all warehouse employees, excluding supervisors and guards.
{recognition}
ARTICLE 3 -- MANAGEMENT RIGHTS

3.1 Except as this Agreement provides otherwise, the Employer retains the right to direct the work force, to schedule work and to discipline for just cause.
{management}
ARTICLE 7 -- GRIEVANCE AND ARBITRATION

7.1 A grievance is any dispute over the interpretation or application of this Agreement.

7.2 A grievance not settled at Step 2 may be referred to arbitration. The arbitrator's award shall be final and binding.
{grievance}
ARTICLE 10 -- DISCIPLINE

10.1 No employee shall be discharged except for just cause.
{discipline}
ARTICLE 13 -- INTERPRETERS

13.1 The Employer shall provide a qualified interpreter, at no cost to the employee, at any investigatory or disciplinary meeting with an employee who is not fluent in English, and at grievance meetings.

13.2 The Employer shall translate this Agreement into Spanish and Tagalog within sixty (60) days of ratification, and shall post all workplace notices in English, Spanish and Tagalog.

ARTICLE 23 -- IMMIGRATION PROTECTIONS

23.1 Entry. No manager, supervisor, security guard or contractor of the Employer shall consent to an immigration agent entering a non-public area of the terminal, or questioning, searching or seizing any person there, unless the agent first presents a judicial warrant signed by a judge or magistrate.

23.2 Notice. The Employer shall notify the Union within twenty-four (24) hours of any visit, inspection, records request or other contact by an immigration agency, and shall give the Union copies of every document the agency provides.

23.3 Leave. The Employer shall grant an employee leave to attend any immigration or citizenship appointment, interview or hearing of the employee or of the employee's spouse, domestic partner, child or parent. Up to five (5) days of such leave each calendar year shall be paid, the leave shall not count as an absence for any disciplinary purpose, and the employee shall return to the same position without loss of seniority.
{immigration}
ARTICLE 30 -- DURATION

30.1 This Agreement shall be effective January 1, 2026 and shall remain in effect through December 31, 2029.
"""

ARTICLE_23 = ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact",
              "immigration_proceedings_leave")
CONTROL = "language_access"  # Article 13, reached by none of the traps below


def agreement(**parts: str) -> str:
    slots = dict.fromkeys(("recognition", "management", "grievance", "discipline", "immigration"), "")
    slots.update({k: f"\n{v}\n" for k, v in parts.items()})
    return AGREEMENT.format(**slots)


def findings(**parts: str) -> dict:
    return {f.protection: f for f in check_text(agreement(**parts)).findings}


def kinds(f) -> set[str]:
    return {d.kind for d in f.deviations}


@pytest.fixture(scope="module")
def plain() -> dict:
    return findings()


def test_the_plain_agreement_matches(plain):
    for pid in (*ARTICLE_23, CONTROL):
        assert plain[pid].status == "matching", pid


# ---- the phrases are data with examples --------------------------------------------------------

@pytest.mark.parametrize("category", enforceability.CATEGORIES)
def test_every_phrase_fires_on_its_examples_and_not_on_its_controls(category):
    from checker.corpus.strength import builtin
    from checker.engine.language import fired, normalize

    lex = builtin()
    entries = lex[category]
    assert entries, f"clause_corpus/strength/{category}.yaml has no entries"
    for e in entries:
        assert e.id.startswith(category + ".") and e.fires and e.quiet
        for ex in e.fires:
            assert e.id in fired(category, ex.text), (e.id, ex.text)
            assert re.search(rf"\b(?:{lex.prefilters[category].pattern})", normalize(ex.text)), \
                ("the prefilter skips", e.id, ex.text)
            assert e.id in {p.id for p, _ in enforceability._finditer(category, normalize(ex.text))}, ex.text
        for ex in e.quiet:
            assert e.id not in {p.id for p, _ in enforceability._finditer(category, normalize(ex.text))}, ex.text
        for ex in e.quiet:
            assert e.id not in fired(category, ex.text), (e.id, ex.text)


def test_the_passes_are_registered_document_checks_with_their_own_phrase_files():
    from checker.engine.checks import BY_ID, DOCUMENT

    assert [c.id for c in DOCUMENT] == ["defeated_elsewhere", "cross_article"]
    assert {BY_ID["defeated_elsewhere"].lexicon, BY_ID["cross_article"].lexicon} == set(enforceability.CATEGORIES)


# ---- enforceability: traps ---------------------------------------------------------------------

TRAPS = {
    "exclusion by article number": dict(grievance="7.3 No grievance arising under Article 23 (Immigration "
                                        "Protections) shall be submitted to arbitration."),
    "exclusion by section range": dict(grievance="7.3 Sections 23.1 through 23.3 are not subject to the "
                                       "grievance procedure."),
    "exclusion by title": dict(grievance='7.3 The grievance procedure shall not apply to the Article entitled '
                               '"Immigration Protections".'),
    "exclusion in its own article": dict(immigration="23.4 This Article shall not be subject to the grievance "
                                         "and arbitration procedure."),
    "statement of intent": dict(immigration="23.4 This Article is a statement of the parties' intent and is "
                                "aspirational in nature."),
    "advisory sections": dict(immigration="23.4 Sections 23.1, 23.2 and 23.3 are advisory only."),
    "early expiry": dict(immigration="23.4 This Article shall remain in effect until June 30, 2027, and shall "
                         "expire on that date."),
    "suspension on a directive": dict(immigration="23.4 Upon receipt of any governmental directive, or if the "
                                      "Employer determines that compliance is impracticable, the Employer may "
                                      "suspend this Article by written notice to the Union."),
}


@pytest.mark.parametrize("trap", TRAPS)
def test_a_trap_weakens_every_protection_it_reaches_with_enforceability(trap):
    got = findings(**TRAPS[trap])
    for pid in ARTICLE_23:
        f = got[pid]
        assert f.status == "weakened", (trap, pid)
        dev = next(d for d in f.deviations if d.kind == "enforceability")
        # a declaration in the protection's own passage is also read by the sentence-stage check
        assert dev.rule and dev.rule.startswith(("enforceability.", "non_binding.")), dev
        # the evidence cites the protection's clause first, then the clause that defeats it
        assert "23." in (f.evidence[0].section or "")
        defeating = " ".join(f.evidence[-1].text.split())
        assert defeating.startswith(("7.3", "23.4")) and dev.found and dev.found[:20].lower() in defeating.lower()
    assert got[CONTROL].status == "matching"


def test_an_exclusion_by_description_reaches_only_the_subject_it_names():
    got = findings(grievance="7.3 The following are not subject to arbitration under this Article: (a) the "
                   "discharge of a probationary employee; (b) claims for benefits under the Health and Welfare "
                   "Plan, which shall be decided by the Plan's trustees; and (c) any claim concerning leave to "
                   "attend immigration appointments or hearings.")
    leave = got["immigration_proceedings_leave"]
    assert leave.status == "weakened" and kinds(leave) == {"enforceability"}
    assert "immigration appointments" in leave.deviations[0].found
    for pid in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact", CONTROL):
        assert got[pid].status == "matching", pid


def test_a_range_reaches_the_sections_in_it_only():
    got = findings(grievance="7.3 Sections 23.1 through 23.2 are not subject to the grievance procedure.")
    assert got["judicial_warrant_for_nonpublic_access"].status == "weakened"
    assert got["union_notice_of_immigration_contact"].status == "weakened"
    assert got["immigration_proceedings_leave"].status == "matching"


# ---- enforceability: controls ------------------------------------------------------------------

CONTROLS = {
    "other subjects excluded": dict(grievance="7.3 The discharge of a probationary employee shall not be subject "
                                    "to arbitration. Disputes over health-plan benefits shall be resolved by the "
                                    "Trust and shall not be subject to arbitration. Pension disputes under "
                                    "Article 16 shall be decided by the Retirement Board."),
    "expiry matching the agreement": dict(immigration="23.4 This Article shall remain in effect through December 31, "
                                          "2029, the date on which the Agreement expires."),
    "savings clause with bargaining": dict(immigration="23.4 If any provision of this Article is held invalid by a "
                                           "court, the remaining provisions shall remain in effect and the parties "
                                           "shall meet and bargain over a substitute; the Employer may suspend this "
                                           "Article only with the Union's written agreement."),
    "safety statement of intent": dict(management="3.2 Safety goals. The parties share the goal of a workplace "
                                       "free of injuries. This Section is a statement of intent and is not "
                                       "enforceable through the grievance procedure."),
    "suspension of another guarantee": dict(discipline="10.2 Employees are guaranteed thirty-two (32) hours of work "
                                            "each week. During a closure ordered by a public-health authority, the "
                                            "Employer may suspend the guarantee in this Section."),
    "arbitrable disputes": dict(immigration="23.4 Disputes under this Article shall be subject to the grievance and "
                                "arbitration procedure of Article 7."),
}


# said inside the protection's own section, about something that is not a provision
IN_SECTION = {
    "an administrative warrant is not binding": "An administrative warrant, including Forms I-200 and I-205, is "
                                                "not binding on the Employer.",
    "another program suspended": "The Employer may suspend the parking program during a declared emergency.",
}


@pytest.mark.parametrize("sentence", IN_SECTION)
def test_a_declaration_about_something_else_in_the_same_section_changes_nothing(sentence):
    text = agreement().replace("signed by a judge or magistrate.", "signed by a judge or magistrate. "
                               + IN_SECTION[sentence])
    f = {f.protection: f for f in check_text(text).findings}["judicial_warrant_for_nonpublic_access"]
    assert f.status == "matching" and f.deviations == []


def test_a_declaration_about_the_section_itself_in_the_same_section_weakens_it():
    text = agreement().replace("signed by a judge or magistrate.", "signed by a judge or magistrate. These "
                               "commitments are not binding on the Employer.")
    f = {f.protection: f for f in check_text(text).findings}["judicial_warrant_for_nonpublic_access"]
    assert f.status == "weakened" and kinds(f) == {"enforceability"}


@pytest.mark.parametrize("control", CONTROLS)
def test_a_control_changes_nothing(control, plain):
    got = findings(**CONTROLS[control])
    for pid in (*ARTICLE_23, CONTROL):
        assert got[pid].status == plain[pid].status == "matching", (control, pid)
        assert got[pid].deviations == []


# ---- cross-article defeats ---------------------------------------------------------------------

STATUS_NEUTRAL = ("23.5 Every employee shall enjoy all rights under this Agreement regardless of immigration "
                  "status or citizenship status, and no employee shall be discriminated against because of "
                  "immigration status, citizenship status or a change in work authorization.")


def test_a_definition_limiting_employee_by_ssn_narrows_status_neutral_coverage():
    plain = findings(immigration=STATUS_NEUTRAL)["status_neutral_coverage_and_nondiscrimination"]
    got = findings(immigration=STATUS_NEUTRAL, recognition=(
        '1.2 For all purposes of this Agreement, the term "employee" means a person employed in the unit '
        "described in Section 1.1 who has furnished a valid Social Security number and who is authorized to "
        "work in the United States."))
    f = got["status_neutral_coverage_and_nondiscrimination"]
    assert plain.status == "matching"
    assert f.status == "weakened" and "scope" in kinds(f)
    assert any(d.rule == "cross_article.employee_defined_by_status" for d in f.deviations)
    # 23.1 speaks of "any person", not of "employees": the definition does not reach it
    assert got["judicial_warrant_for_nonpublic_access"].status == "matching"


def test_a_recognition_clause_excluding_only_supervisors_changes_nothing():
    f = findings(immigration=STATUS_NEUTRAL)["status_neutral_coverage_and_nondiscrimination"]
    assert f.status == "matching" and f.deviations == []


NAME_CHANGE = ("23.5 An employee who, after a lawful change, gives the Employer a new name, a new Social Security "
               "number or new work-authorization documents shall keep all seniority, pay and benefits, and the "
               "Employer shall correct its records without treating the employee as a new hire.")
OFFENCES = ("10.2 The following offenses are grounds for immediate discharge without prior warning: (a) theft; "
            "(b) falsification of time records; and (c) any discrepancy in an employee's identity or "
            "work-authorization records, including name or Social Security number, whatever the reason.")


def test_a_discharge_rule_for_any_identity_discrepancy_reverses_the_name_change_protection():
    plain = findings(immigration=NAME_CHANGE)["name_ssn_change_protection"]
    f = findings(immigration=NAME_CHANGE, discipline=OFFENCES)["name_ssn_change_protection"]
    assert plain.status == "matching"
    assert f.status == "weakened" and "reversed" in kinds(f)
    assert any("any discrepancy" in (d.found or "") for d in f.deviations)


def test_a_discharge_rule_with_a_correction_exception_or_for_time_records_changes_nothing():
    corrected = OFFENCES.replace("whatever the reason.", "except a discrepancy the employee corrects.")
    time_only = OFFENCES.replace("; and (c) any discrepancy in an employee's identity or work-authorization "
                                 "records, including name or Social Security number, whatever the reason.", ".")
    for discipline in (corrected, time_only):
        f = findings(immigration=NAME_CHANGE, discipline=discipline)["name_ssn_change_protection"]
        assert f.status == "matching" and f.deviations == [], discipline


def test_a_management_right_to_cooperate_with_any_agency_reverses_the_warrant_protection():
    f = findings(management="3.2 The Employer retains the right to cooperate fully with any government agency, "
                 "including by granting access to its facilities and records.")["judicial_warrant_for_nonpublic_access"]
    assert f.status == "weakened" and "reversed" in kinds(f)
    assert any(d.rule == "cross_article.agency_cooperation" for d in f.deviations)


def test_cooperation_with_named_safety_inspectors_changes_nothing():
    f = findings(management="3.2 The Employer retains the right to cooperate with inspections by the Occupational "
                 "Safety and Health Administration, including by granting those inspectors access to the "
                 "terminal.")["judicial_warrant_for_nonpublic_access"]
    assert f.status == "matching" and f.deviations == []


def test_a_duty_subject_to_amendable_employer_policies_is_discretion_for_the_provision_it_names():
    got = findings(immigration="23.4 Leave under Section 23.3 shall be administered subject to the Employer's "
                   "attendance policies, as they may be amended from time to time.")
    leave = got["immigration_proceedings_leave"]
    assert leave.status == "weakened" and "discretion" in kinds(leave)
    assert got["judicial_warrant_for_nonpublic_access"].status == "matching"


# ---- reports -----------------------------------------------------------------------------------

EXCLUDED = dict(grievance="7.3 No grievance arising under Article 23 (Immigration Protections) shall be "
                "submitted to arbitration.")


def test_text_report_groups_unenforceable_findings_first_and_quotes_the_defeating_clause():
    report = check_text(agreement(**EXCLUDED))
    out = FORMATTERS["text"].render(_run(report), Options())
    group = out.index("Reads strong but cannot be enforced (3):")
    first_finding = min(out.index(m) for m in ("✔ matching", "▲ weakened", "✘ missing"))
    assert group < first_finding
    block = out[group:first_finding]
    for pid in ARTICLE_23:
        assert pid in block
    assert CONTROL not in block
    assert '"7.3 No grievance arising under Article 23' in block


def test_html_report_groups_unenforceable_findings_before_the_categories():
    report = check_text(agreement(**EXCLUDED))
    page = FORMATTERS["html"].render(_run(report), Options())
    group = page.index('class="unenforceable"')
    assert group < page.index('class="finding')
    section = page[group:page.index("</section>", group)]
    assert section.count("<li ") == 3 and "No grievance arising under Article 23" in section
    assert 'href="#doc1-judicial-warrant-for-nonpublic-access"' in section


def test_no_group_when_nothing_is_unenforceable():
    report = check_text(agreement())
    assert "Reads strong but cannot be enforced" not in FORMATTERS["text"].render(_run(report), Options())
    assert 'class="unenforceable"' not in FORMATTERS["html"].render(_run(report), Options())


def test_compare_reports_a_new_exclusion_as_a_regression_though_the_protection_is_unchanged():
    old, new = check_text(agreement()), check_text(agreement(**EXCLUDED))
    changes = {c.protection: c for c in compare(old, new).changes}
    for pid in ARTICLE_23:
        c = changes[pid]
        assert c.change == "regression", pid
        assert any("enforceability" in r and "No grievance arising" in r for r in c.reasons), c.reasons
    assert changes[CONTROL].change == "unchanged"


def test_compare_reports_a_second_exclusion_of_an_already_excluded_protection():
    both = dict(EXCLUDED, immigration="23.4 This Article is a statement of the parties' intent.")
    changes = {c.protection: c for c in compare(check_text(agreement(**EXCLUDED)),
                                                check_text(agreement(**both))).changes}
    assert changes["judicial_warrant_for_nonpublic_access"].change == "regression"


def test_the_json_report_with_rule_ids_validates_against_the_schema():
    schema = json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))
    data = check_text(agreement(**EXCLUDED)).to_dict()
    jsonschema.Draft202012Validator(schema).validate(data)
    devs = [d for f in data["findings"] for d in f["deviations"] if d["kind"] == "enforceability"]
    assert devs and all(d["rule"].startswith("enforceability.") for d in devs)
