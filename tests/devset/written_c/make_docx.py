"""Generate the four DOCX cases of written_c (run: .venv/bin/python tests/devset/written_c/make_docx.py).

c01 carries its article/section/item numbers only as Word automatic numbering (a multilevel list
in numbering.xml), never as literal text. The others use literal numbers and real heading styles.
"""
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

ABSTRACT_ID = 41
NUM_ID = 41


def add_multilevel(doc, start_article):
    """A multilevel list: Article N / Section N.M / (a)."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start_article}"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="ARTICLE %1."/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Section %1.%2"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%3)"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    # abstractNum elements must come before num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>'))


def numbered(paragraph, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
    return paragraph


def base(title, subtitle):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle)
    return doc


def build(doc, items, auto=False):
    """items: ("h1"|"h2"|"h3"|"p"|"li"|"note", text)."""
    for kind, text in items:
        if kind == "h1":
            p = doc.add_heading(text, level=1)
            if auto:
                numbered(p, 0)
        elif kind == "h2":
            p = doc.add_heading(text, level=2)
            if auto:
                numbered(p, 1)
        elif kind == "h3":
            doc.add_heading(text, level=3)
        elif kind == "li":
            p = doc.add_paragraph(text)
            if auto:
                numbered(p, 2)
        elif kind == "note":
            p = doc.add_paragraph()
            r = p.add_run(text)
            r.italic = True
        elif kind == "table":
            rows = text
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
        else:
            doc.add_paragraph(text)


# ---------------------------------------------------------------------------------------------
# c01: plain-language immigration article, model strength, automatic numbering only
# ---------------------------------------------------------------------------------------------
C01 = [
    ("p", "This Article is written in plain language on purpose. \"You\" means you, the worker. "
          "\"We\" means the Company and the Union together. Where this Article says the Company "
          "will or will not do something, that is a binding promise that can be enforced through "
          "the grievance and arbitration procedure."),
    ("h1", "Immigration and Your Job"),
    ("h2", "Words used in this Article"),
    ("li", "\"Worker\" means anyone in the bargaining unit: full-time, part-time, temporary, "
           "probationary, or laid off with recall rights."),
    ("li", "\"The Company\" includes every manager, supervisor and lead, the security guards at "
           "our gates, and any contractor or staffing agency working at a Company site."),
    ("li", "\"Immigration agents\" means agents of DHS or any other federal, state or local law "
           "enforcement acting on immigration matters. DHS includes ICE, Homeland Security "
           "Investigations and Customs and Border Protection."),
    ("li", "\"Private areas\" means every part of a Company site that the public cannot walk into: "
           "the warehouse floor, the docks, the yard, the break rooms, the locker rooms and the "
           "offices."),
    ("h2", "Your rights do not depend on your papers"),
    ("li", "Every right in this contract belongs to every worker no matter what their immigration "
           "status or citizenship status is."),
    ("li", "The Company will not treat any worker or job applicant differently because of their "
           "immigration status, their citizenship status, or because their work permit changed."),
    ("h2", "When immigration agents show up"),
    ("li", "The Company will not allow immigration agents into any private area, and will not allow "
           "them to question, search or detain any worker in a private area, unless the agents show "
           "a judicial warrant signed by a judge or magistrate."),
    ("li", "An administrative warrant (Form I-200 or I-205), a detainer, an agency subpoena or a "
           "Notice of Inspection is not a judicial warrant."),
    ("li", "Guards and front-line staff will ask agents for identification and will call the Site "
           "Manager, who has been trained under this Article. Nobody else deals with the agents."),
    ("li", "If agents do have a judicial warrant, the Company will make sure any questioning happens "
           "in as private a setting as possible. The Company will not line workers up, sort them into "
           "groups, or point anyone out, and will give the agents no help beyond what the warrant "
           "forces it to give."),
    ("li", "The Company will let Union stewards and staff, and any lawyer or community advocate the "
           "Union brings, come onto the site during the action and meet privately with any affected "
           "worker there."),
    ("li", "Nobody will be disciplined for leaving or not coming in on a day when agents are on site, "
           "and the Company will pay for the scheduled hours missed that day."),
    ("h2", "Telling the Union"),
    ("li", "The Company will phone the Union right away, and give written notice within one day, "
           "whenever immigration agents visit a site or ask to come in, contact the Company about any "
           "worker, ask for any worker's records, or whenever the Company learns of an immigration "
           "investigation involving any worker."),
    ("li", "Within that same day the Company will hand the Union a copy of every letter, notice, "
           "subpoena, warrant or other paper it gets from immigration agents about any worker."),
    ("h2", "Your information stays private"),
    ("li", "The Company will not hand over your personnel file, name, address, phone number, schedule, "
           "work location or immigration status to immigration agents unless a judicial warrant, a "
           "subpoena or other legal process forces it to. The one exception is I-9 forms that a "
           "Notice of Inspection lawfully demands."),
    ("li", "If the Company is legally forced to hand over information, it will tell you and the Union "
           "before it does, or as soon as the law allows if the law forbids telling you first."),
    ("h2", "I-9 inspections"),
    ("li", "No more than 72 hours after the Company gets a Notice of Inspection of its I-9 forms, it "
           "will tell every worker about it by posting at every time clock and give the Union a copy "
           "of the Notice."),
    ("li", "No more than 72 hours after the Company gets the inspection results, it will give each "
           "worker named in them, and the Union, a copy of the results, the problem claimed, the "
           "deadline, and how to fix it."),
    ("h2", "Checking papers"),
    ("li", "The Company will not ask you about your immigration status, will not ask you to prove it "
           "again, and will not reverify your work authorization, unless federal law requires it (for "
           "example, a work permit you showed has an expiration date, or the Company has actual or "
           "constructive knowledge as federal law defines it)."),
    ("li", "Coming back from leave or layoff, transferring, being promoted, being reinstated after a "
           "grievance, or a sale of the business does not mean a new I-9. A new owner keeps the old "
           "owner's I-9 forms."),
    ("li", "If federal law does require reverification, the Company will first tell the Union in "
           "writing what it plans to do and the facts behind it. You will get a written notice that "
           "says exactly what the problem is, and you will have not less than four months to fix it. "
           "The Company will not suspend, discipline or fire you before that time is up."),
    ("h2", "Social Security no-match"),
    ("li", "A letter saying your name and Social Security number do not match, or any other problem "
           "with your number, is not by itself a reason to discipline, suspend or fire you, to "
           "reverify you, or to ask you for a new I-9."),
    ("li", "The Company will give you and the Union a copy of any such letter within five days."),
    ("li", "You will have at least 120 days to sort it out with the Social Security Administration, "
           "and the Company will not ask you for proof that you did."),
    ("h2", "E-Verify"),
    ("li", "The Company will not sign up for or use E-Verify, or any other electronic system for "
           "checking immigration status, unless a federal or state law makes it."),
    ("li", "If a law makes it use E-Verify, the Company will use it only for new hires after a job "
           "offer and never for current workers. A worker who gets a tentative nonconfirmation will "
           "get written notice, the full time federal rules allow to contest it, and no adverse "
           "action while the case is open."),
    ("h2", "New name, number or papers"),
    ("li", "If you lawfully change your name or Social Security number, or get new work authorization "
           "documents, you keep your seniority, pay rate and benefits. It is a records update, not a "
           "new hire, and there is no new probation."),
    ("h2", "If you lose your work authorization"),
    ("li", "If you can no longer legally work, you will be put on unpaid leave, not fired. If you bring "
           "valid work authorization within 12 months, you get your old job or an equivalent one back, "
           "with full seniority."),
    ("h2", "Immigration detention"),
    ("li", "If you miss work because immigration agents arrested or detained you, the absence is "
           "excused. It will not be treated as job abandonment, a no-call/no-show, or quitting."),
    ("li", "The Company will hold your job for at least 90 days and put you back to work when you "
           "return with valid work authorization."),
    ("h2", "Time off for immigration matters"),
    ("li", "The Company will give you time off to go to immigration or citizenship appointments, "
           "interviews and hearings, your own and those of your spouse or partner, your children or "
           "your parents. Five days of this time off each year are paid."),
    ("li", "Time off under this Section never counts as an attendance point or a reason for "
           "discipline, and you keep your job and your seniority."),
    ("li", "When you become a citizen you get one paid day off for your oath ceremony. It does not "
           "come out of your vacation or any other paid leave."),
    ("h2", "No threats, no calling ICE"),
    ("li", "The Company will not threaten to report, or report, you or your family to immigration "
           "agents, and will not reverify you, check your papers or run you through E-Verify, because "
           "you joined or helped the Union, filed a grievance or complaint, or worked with a "
           "government agency."),
    ("li", "The Company will not contact or invite immigration agents, or threaten to, about any "
           "worker, job applicant or union organizer."),
    ("li", "During an organizing drive, contract bargaining or any other labor dispute, the Company "
           "will not start an I-9 self-audit, reverification, E-Verify enrollment, or any action "
           "based on a no-match letter, unless federal law compels it."),
    ("h2", "Language"),
    ("li", "At any investigation, discipline or grievance meeting, the Company will provide a "
           "qualified interpreter at no cost to you."),
    ("li", "The Company will translate this contract and all workplace notices, immigration notices "
           "included, into the languages most spoken in the bargaining unit (today Spanish, Haitian "
           "Creole and Vietnamese) within 120 days of signing."),
    ("h2", "Getting ready"),
    ("li", "Within 60 days of signing, the Company and the Union will agree on a written plan for "
           "responding to immigration agents. The Company will train every supervisor, guard and "
           "front-desk worker on that plan."),
    ("li", "Workers get paid time, up to two hours a year, to attend know-your-rights sessions run by "
           "the Union."),
    ("h2", "Changes"),
    ("li", "The Company will give the Union at least 30 days written notice, and bargain, before any "
           "I-9 self-audit, signing up for E-Verify, new document rules, or any other change in "
           "immigration-related policy."),
    ("li", "If an immigration law, rule, policy or court decision changes in a way that affects "
           "workers (for example DACA or TPS holders), the Company and the Union will meet within "
           "14 days and bargain over the effects."),
]

# ---------------------------------------------------------------------------------------------
# c02: employer counter-proposal (warehouse), subtle one-per-protection weakenings
# ---------------------------------------------------------------------------------------------
C02 = [
    ("note", "Company Counter-Proposal No. 3, passed across the table on March 4, 2026. Text not shown "
             "is as tentatively agreed. The Company's comments in italics are not proposed language."),
    ("h1", "ARTICLE 5 - MANAGEMENT RIGHTS"),
    ("p", "5.1 Except as expressly limited by a specific provision of this Agreement, the Company "
          "retains the sole right to manage its business, including but not limited to the right:"),
    ("p", "(a) to direct the workforce and determine the number of employees;"),
    ("p", "(b) to hire, assign, transfer, promote and lay off employees;"),
    ("p", "(c) to establish and change work schedules and production standards;"),
    ("p", "(d) to introduce new equipment, methods and facilities;"),
    ("p", "(e) to verify the employment eligibility of any employee at such times as the Company "
          "considers appropriate, Article 19 notwithstanding;"),
    ("p", "(f) to make and enforce reasonable rules of conduct."),
    ("note", "Company comment: 5.1(e) restates our existing practice."),
    ("h1", "ARTICLE 19 - IMMIGRATION-RELATED MATTERS"),
    ("h2", "19.1 Agents at the Facility"),
    ("p", "The Company, its managers, its security staff and its contractors shall not consent to "
          "agents of U.S. Immigration and Customs Enforcement entering any non-public area of the "
          "facility, or questioning, searching or seizing any employee there, unless the agents "
          "present a judicial warrant signed by a judge or magistrate."),
    ("h2", "19.2 Notice to the Union"),
    ("p", "The Company shall notify the Union in writing within forty-eight (48) hours after "
          "immigration authorities visit the facility, contact the Company about an employee, request "
          "employee records, or after the Company learns of an immigration investigation involving an "
          "employee. Within the same period the Company shall provide the Union with copies of all "
          "written communications received from immigration authorities concerning employees."),
    ("h2", "19.3 Employee Records"),
    ("p", "The Company will endeavor not to voluntarily disclose employee records, names, addresses, "
          "schedules, work locations or immigration status to immigration authorities absent a "
          "judicial warrant, subpoena or other compulsory legal process, except for Forms I-9 "
          "produced in response to a Notice of Inspection."),
    ("p", "Where disclosure is legally compelled, the Company shall notify the affected employee and "
          "the Union before producing the information, or as soon as the law allows."),
    ("h2", "19.4 I-9 Inspections"),
    ("p", "Within seventy-two (72) hours of receiving a Notice of Inspection, the Company shall notify "
          "all employees and the Union and provide the Union a copy of the Notice."),
    ("p", "Where practicable, within seventy-two (72) hours of receiving the inspection results, the "
          "Company shall provide each affected employee and the Union with the results, the alleged "
          "deficiency, the deadline and the means of correcting it."),
    ("h2", "19.5 Verification"),
    ("p", "The Company shall not require any employee to reverify work authorization or demand proof "
          "of immigration status except as required by federal law. A return from leave, transfer, "
          "promotion, recall or a sale of the facility shall not require a new Form I-9, and any "
          "successor shall retain the predecessor's Forms I-9."),
    ("p", "Where federal law requires reverification, the employee shall receive written notice of the "
          "specific discrepancy and one hundred twenty (120) days to resolve it, and shall not be "
          "suspended, disciplined or discharged before that period ends."),
    ("note", "Company comment: the Union's proposed prior notice to the Union of each reverification "
             "is not accepted."),
    ("h2", "19.6 No-Match Letters"),
    ("p", "A Social Security no-match letter or other discrepancy in an employee's Social Security "
          "number shall not by itself be grounds for discipline, suspension, discharge, reverification "
          "or a new Form I-9. The Company shall give the employee and the Union a copy of the "
          "no-match information, and the employee shall have at least one hundred twenty (120) days "
          "to correct it with the Social Security Administration. The Company shall not require proof "
          "of the correction."),
    ("h2", "19.7 Loss of Work Authorization"),
    ("p", "An employee who can no longer lawfully be employed shall be placed on unpaid leave rather "
          "than discharged and shall be reinstated to the former or an equivalent position with full "
          "seniority upon presenting valid work authorization within six (6) months."),
    ("h2", "19.8 Absence Due to Detention"),
    ("p", "For an employee with at least one (1) year of seniority, an absence caused by immigration "
          "arrest or detention shall be excused and shall not be treated as job abandonment, a "
          "no-call/no-show or a voluntary quit, and the employee's position shall be held for ninety "
          "(90) days and restored upon return with valid work authorization."),
    ("h2", "19.9 Immigration Proceedings"),
    ("p", "The Company will consider requests for unpaid leave to attend immigration or citizenship "
          "appointments, interviews or hearings of the employee, the employee's spouse or domestic "
          "partner, children or parents. Approved leave shall not result in attendance points or "
          "discipline, and the employee shall retain his or her position and seniority."),
    ("h2", "19.10 No Retaliation"),
    ("p", "The Company shall not threaten to report, or report, any employee or family member to "
          "immigration authorities, or subject the employee to reverification or E-Verify queries, "
          "because the employee filed a grievance under this Agreement."),
    ("note", "Company comment: the Union's list of other protected activities is covered by law."),
    ("h2", "19.11 Interpreters and Translation"),
    ("p", "The Company shall provide a qualified interpreter, at no cost to the employee, at "
          "disciplinary and grievance meetings. The Company shall translate this Agreement and all "
          "workplace notices, including immigration-related notices, into Spanish and Somali within "
          "ninety (90) days of ratification."),
]

# ---------------------------------------------------------------------------------------------
# c03: public-sector MOU (regional transit district), protections scattered
# ---------------------------------------------------------------------------------------------
C03 = [
    ("p", "This Memorandum of Understanding is entered into by the Tri-Valley Regional Transit District "
          "(the District) and the Amalgamated Transit Employees Association, Chapter 1190 (the "
          "Association), pursuant to the state public employee relations act."),
    ("h1", "ARTICLE 1 - RECOGNITION"),
    ("p", "1.1 The District recognizes the Association as the exclusive representative of all "
          "full-time and part-time bus operators, mechanics, service workers and customer service "
          "representatives, excluding supervisors and confidential employees."),
    ("h1", "ARTICLE 3 - EQUAL OPPORTUNITY"),
    ("p", "3.1 Neither party shall discriminate against any employee on the basis of race, color, "
          "religion, sex, sexual orientation, gender identity, national origin, citizenship or "
          "immigration status, age, disability, veteran status, or Association activity."),
    ("p", "3.2 All rights and benefits established by this MOU extend to every represented employee "
          "regardless of immigration status."),
    ("h1", "ARTICLE 6 - HOURS AND OVERTIME"),
    ("p", "6.1 Operators shall bid runs three times per year in order of seniority."),
    ("p", "6.2 Overtime shall be paid at one and one-half times the regular rate for all hours worked "
          "in excess of eight in a day or forty in a week."),
    ("table", [["Classification", "Step 1", "Step 3", "Step 5"],
               ["Bus Operator", "$27.40", "$30.15", "$33.90"],
               ["Mechanic", "$33.10", "$36.45", "$40.20"],
               ["Service Worker", "$22.85", "$24.70", "$26.95"]]),
    ("h1", "ARTICLE 9 - FACILITIES AND SECURITY"),
    ("p", "9.1 Operating divisions, maintenance shops, dispatch rooms and operator lounges are "
          "non-public areas."),
    ("p", "9.2 The District and its managers shall not consent to entry into any non-public area by "
          "federal immigration enforcement personnel, or to the questioning, search or seizure of any "
          "employee in such an area, unless the personnel present a judicial warrant signed by a "
          "judge or magistrate judge."),
    ("p", "9.3 Contract security guards assigned to District facilities shall follow the post orders "
          "issued by the contractor."),
    ("h1", "ARTICLE 12 - LEAVES OF ABSENCE"),
    ("p", "12.1 Bereavement leave: three days with pay for the death of an immediate family member."),
    ("p", "12.4 Immigration and citizenship leave. The District shall grant leave to an employee to "
          "attend an immigration or citizenship appointment, interview, biometrics appointment or "
          "hearing of the employee or of the employee's spouse, registered domestic partner, child or "
          "parent. Up to three (3) days of such leave per fiscal year shall be paid; additional leave "
          "may be drawn from accrued leave or taken without pay. Leave under this Section shall not be "
          "counted under the attendance policy or result in discipline, and the employee shall return "
          "to the same position without loss of seniority."),
    ("p", "12.5 An employee shall receive one (1) day of paid administrative leave, not charged to any "
          "leave balance, to attend the employee's own naturalization oath ceremony."),
    ("h1", "ARTICLE 15 - PERSONNEL RECORDS"),
    ("p", "15.1 Personnel files are confidential and are maintained by Human Resources."),
    ("p", "15.3 The District shall not voluntarily disclose to any immigration enforcement agency an "
          "employee's personnel records, name, home address, work schedule, assignment or "
          "immigration or citizenship status, and shall release such information only in response "
          "to a judicial warrant, court order, subpoena or other compulsory legal process, other "
          "than Forms I-9 demanded by a Notice of Inspection."),
    ("p", "15.4 If disclosure is compelled, the District shall notify the employee and the Association "
          "in writing before it produces the information, or as soon as the law allows."),
    ("h1", "ARTICLE 18 - LANGUAGE ACCESS"),
    ("p", "18.1 At any investigatory interview, disciplinary meeting or grievance meeting, the District "
          "shall provide a qualified interpreter at no cost to the employee."),
    ("p", "18.2 The District shall publish this MOU, and shall post all notices to employees, "
          "including notices concerning immigration matters, in English, Spanish, Tagalog and "
          "Vietnamese, the principal languages of the unit, within sixty (60) days of adoption."),
    ("h1", "ARTICLE 24 - TERM AND REOPENERS"),
    ("p", "24.1 This MOU shall remain in effect from July 1, 2026 through June 30, 2029."),
    ("p", "24.3 If a change in federal or state immigration law, regulation, policy or a court "
          "decision (including any change to DACA or Temporary Protected Status) affects represented "
          "employees, the parties shall meet and confer over the effects of the change, beginning "
          "within twenty-one (21) days of either party's request."),
]

# ---------------------------------------------------------------------------------------------
# c04: trap (seafood processing plant)
# ---------------------------------------------------------------------------------------------
C04 = [
    ("p", "Agreement between Northwater Seafoods, Inc. (the Company) and United Food and Cannery "
          "Workers, Local 62 (the Union), effective May 1, 2026."),
    ("h1", "ARTICLE 1 - RECOGNITION AND SCOPE"),
    ("p", "1.1 The Company recognizes the Union as the sole bargaining agent for all production, "
          "sanitation, freezer and shipping employees at the Eastport plant."),
    ("p", "1.2 Employees hired for the salmon season under the Seasonal Addendum are covered by "
          "Articles 1 through 9 only."),
    ("h1", "ARTICLE 2 - NON-DISCRIMINATION"),
    ("p", "2.1 Neither the Company nor the Union shall discriminate against any employee because of "
          "race, color, creed, sex, age, national origin, ancestry, disability or union membership."),
    ("p", "2.2 The Company shall comply with all applicable federal and state employment laws, "
          "including the Immigration Reform and Control Act, in its hiring practices."),
    ("h1", "ARTICLE 4 - SAFETY AND PLANT SECURITY"),
    ("p", "4.1 The ammonia refrigeration machine room is a restricted area. No person other than "
          "licensed refrigeration operators shall enter it unless escorted."),
    ("p", "4.2 The plant is a regulated facility under the federal chemical security program. "
          "Inspectors of the Department of Homeland Security may enter restricted areas when escorted "
          "by the Plant Manager. The Company shall notify the Union safety representative within "
          "twenty-four (24) hours after any such inspection and give the Union a copy of any written "
          "findings concerning worker safety."),
    ("p", "4.3 Employees working on the ice glazing line and in the blast freezers shall receive "
          "insulated gear at Company expense. The ICE-3 flake ice machine shall be inspected weekly."),
    ("p", "4.4 Food safety inspectors of the FDA and state health department shall have access to "
          "production areas as provided by law."),
    ("h1", "ARTICLE 6 - ATTENDANCE"),
    ("p", "6.1 An employee who is absent for three consecutive scheduled shifts without notifying the "
          "Company shall be considered to have quit."),
    ("p", "6.2 Absences due to jury duty, military service or a subpoena to testify shall be excused."),
    ("h1", "ARTICLE 8 - LEAVES"),
    ("p", "8.1 Personal leave of up to thirty (30) days without pay may be granted for compelling "
          "personal reasons, including family emergencies abroad."),
    ("p", "8.2 An employee whose commercial driver's license is suspended shall be placed on unpaid "
          "leave for up to six (6) months and shall return to the former position with full "
          "seniority upon reinstatement of the license."),
    ("p", "8.3 Employees who serve as volunteer firefighters or emergency medical technicians shall "
          "be released without loss of seniority when called out."),
    ("h1", "ARTICLE 9 - TRAVEL"),
    ("p", "9.1 Employees sent to the Company's processing vessel in Canadian waters shall be reimbursed "
          "for passport fees, and the Company shall pay for any required crew visas."),
    ("h1", "ARTICLE 11 - RECORDS"),
    ("p", "11.1 Employees shall notify Human Resources of any change in name, address or Social "
          "Security number within thirty (30) days so that payroll and W-2 records are accurate."),
    ("p", "11.2 Personnel records shall be kept confidential and released to third parties only with "
          "the employee's consent or as required by law."),
    ("h1", "ARTICLE 14 - GENERAL"),
    ("p", "14.1 Safety training and forklift certification tests will be offered in English and "
          "Spanish."),
    ("p", "14.2 Should any provision of this Agreement be rendered invalid by a change in law, the "
          "parties shall meet within fourteen (14) days to negotiate a substitute provision."),
    ("p", "14.3 Employees may attend union-sponsored training on safety and workers compensation on "
          "unpaid time."),
]


def main():
    doc = base("Collective Bargaining Agreement", "Ridgeback Distribution Co. and Warehouse and "
               "Logistics Workers Union, Local 88. Term: 2026 to 2030. The article below is the "
               "agreed immigration article.")
    add_multilevel(doc, start_article=14)
    build(doc, C01, auto=True)
    doc.save(HERE / "c01_plain_language_article_autonumbered.docx")

    doc = base("Harbor Point Fulfillment LLC - Counter-Proposal",
               "To: Warehouse Workers United, Local 5. Articles 5 and 19.")
    build(doc, C02)
    doc.save(HERE / "c02_warehouse_employer_counter.docx")

    doc = base("Memorandum of Understanding", "Tri-Valley Regional Transit District and Amalgamated "
               "Transit Employees Association, Chapter 1190. July 1, 2026 - June 30, 2029.")
    build(doc, C03)
    doc.save(HERE / "c03_transit_district_mou.docx")

    doc = base("Northwater Seafoods Labor Agreement", "Eastport Plant, 2026-2029")
    build(doc, C04)
    doc.save(HERE / "c04_trap_seafood_plant.docx")


if __name__ == "__main__":
    main()
