"""Generate the three PDF cases of written_c with fpdf2 (core fonts, latin-1 text only).

Run: .venv/bin/python tests/devset/written_c/make_pdf.py
Each PDF is multi-page, with a running header and a page number at the bottom.
"""
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent


class Doc(FPDF):
    def __init__(self, running_header):
        super().__init__(format="Letter")
        self.running_header = running_header
        self.set_margins(25, 22, 25)
        self.set_auto_page_break(True, margin=22)

    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, self.running_header, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def render(items, header, out):
    pdf = Doc(header)
    pdf.alias_nb_pages()
    pdf.add_page()
    for kind, text in items:
        text.encode("latin-1")
        if kind == "title":
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 7, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        elif kind == "h1":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        elif kind == "h2":
            pdf.set_font("Helvetica", "B", 10)
            pdf.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "break":
            pdf.add_page()
        else:
            pdf.set_font("Times", "", 10.5)
            pdf.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
    pdf.output(str(HERE / out))


# ---------------------------------------------------------------------------------------------
# c05: nursing home immigration article, model strength in unusual formal wording
# ---------------------------------------------------------------------------------------------
C05 = [
    ("title", "LAKESHORE SENIOR LIVING COMMUNITIES\nand\nCARE WORKERS UNION, LOCAL 310"),
    ("p", "Collective Bargaining Agreement, January 1, 2026 through December 31, 2029. Reproduced below "
          "are the Preamble and Article 27 as ratified; all other Articles are published separately."),
    ("h1", "PREAMBLE"),
    ("p", "The parties share a commitment to residents, to families and to the caregivers who serve "
          "them. Many of those caregivers came to this country from elsewhere. The parties intend that "
          "no caregiver shall fear for her livelihood or her family because of where she was born."),
    ("h1", "ARTICLE 27 - CAREGIVERS OF EVERY ORIGIN"),
    ("h2", "27.01 Scope"),
    ("p", "This Article binds the Employer at each of its communities, together with its administrators, "
          "directors of nursing, charge nurses, receptionists, security personnel, and every contractor "
          "or registry furnishing staff or services at a community. In this Article, \"Homeland Security "
          "personnel\" means any officer or agent of the U.S. Department of Homeland Security, including "
          "ICE, HSI and CBP, and any other federal, state or local officer acting in the enforcement of "
          "immigration law."),
    ("p", "Each and every entitlement under this Agreement is enjoyed by every caregiver in the unit "
          "irrespective of immigration status. The Employer shall not discriminate against any "
          "caregiver or applicant by reason of immigration status or citizenship status, in addition to "
          "the grounds listed in Article 4."),
    ("h2", "27.02 Resident Areas and Staff Areas"),
    ("p", "Resident rooms, nursing stations, medication rooms, kitchens, laundries, staff lounges and "
          "offices are areas closed to the public. No one acting for the Employer shall give consent to "
          "Homeland Security personnel entering an area closed to the public, or interviewing, searching "
          "or taking into custody any caregiver in such an area, save upon production of a warrant "
          "issued and signed by a judge or magistrate judge of a court. An administrative warrant on "
          "Form I-200 or I-205, a detainer or an agency subpoena does not satisfy this Section."),
    ("h2", "27.03 Where a Warrant Is Executed"),
    ("p", "Should Homeland Security personnel execute a judicial warrant at a community, the Employer "
          "shall arrange that any interview of a caregiver occurs in as private a setting as possible. "
          "The Employer shall not assemble, line up or separate caregivers, shall not identify any "
          "caregiver to the agents, and shall furnish no assistance beyond that which the warrant "
          "compels."),
    ("p", "The Employer shall admit the Union's representatives, together with any attorney or advocate "
          "they bring, to the community while the warrant is executed, and shall afford them a private "
          "room in which to confer with the caregivers affected."),
    ("h2", "27.04 Informing the Union"),
    ("p", "The Employer undertakes to inform the Union by telephone at once, and in writing not later "
          "than twelve (12) hours thereafter, whenever Homeland Security personnel attend or seek to "
          "attend a community, communicate with the Employer about a caregiver, request any record "
          "relating to a caregiver, or whenever the Employer becomes aware of an immigration inquiry "
          "touching any caregiver. Copies of every written communication received from Homeland "
          "Security personnel shall accompany the written notice."),
    ("h2", "27.05 Confidential Information"),
    ("p", "The Employer shall not of its own accord furnish Homeland Security personnel with any "
          "caregiver's file, name, address, rota, assigned unit or immigration status; it shall do so "
          "only under compulsion of a judicial warrant, a subpoena or other process having the force of "
          "law, save that Forms I-9 shall be produced when a Notice of Inspection lawfully calls for "
          "them. Before any compelled production the Employer shall inform the caregiver concerned and "
          "the Union in writing, or, if the law forbids that, as soon as the law allows."),
    ("h2", "27.06 No Invitation of Enforcement"),
    ("p", "Neither the Employer nor any supervisor, consultant or agent acting on its behalf shall "
          "contact, invite, or threaten to contact Homeland Security personnel concerning any "
          "caregiver, applicant or Union organizer. During any organizing campaign, negotiations for a "
          "successor agreement, or other labor dispute, the Employer shall initiate no self-audit of "
          "Forms I-9, no reverification, no enrollment in E-Verify and no action prompted by a Social "
          "Security no-match, except where federal law compels it."),
    ("p", "The Employer shall not threaten to report, or report, a caregiver or any member of her "
          "family to Homeland Security personnel, nor subject her to reverification, document review "
          "or an E-Verify query, because she organized, filed a grievance or complaint, or cooperated "
          "with any government agency. Any such action taken within one hundred twenty (120) days "
          "after the protected activity is presumed retaliatory."),
    ("h2", "27.07 Victims of Crime and Labor Claims"),
    ("p", "No caregiver shall be disciplined, discouraged or otherwise penalized for reporting a crime, "
          "assisting a labor or law-enforcement agency, or seeking certification for a U visa or T "
          "visa. The Employer shall not oppose any caregiver's request for certification or petition, "
          "and shall furnish to the caregiver or the Union, upon request, the records bearing on the "
          "underlying claim."),
    ("p", "The Employer shall neither oppose nor interfere with any statement of interest issued by a "
          "labor agency, nor with a caregiver's request for deferred action or other immigration relief "
          "arising from a labor dispute. A caregiver who obtains deferred action and new work "
          "authorization shall retain her position and her seniority."),
    ("break", ""),
    ("h2", "27.08 Absences Arising from Detention"),
    ("p", "An absence occasioned by immigration arrest or detention is an excused absence and shall "
          "never be construed as abandonment, a no-call/no-show or a resignation. The caregiver's "
          "position shall be held open for not less than one hundred twenty (120) days, and she shall "
          "resume it upon her return with valid work authorization."),
    ("p", "A caregiver who no longer holds authorization to work shall be granted an unpaid leave in "
          "lieu of separation and, upon tendering valid work authorization within eighteen (18) months, "
          "shall be restored to her former position or an equivalent one with unbroken seniority."),
    ("h2", "27.09 Appointments and Ceremonies"),
    ("p", "The Employer shall release a caregiver from work to attend immigration or citizenship "
          "appointments, interviews and hearings concerning herself, her spouse or partner, her "
          "children or her parents. Six (6) such days in each calendar year shall be paid. Time so "
          "released shall not be counted as an occurrence under the attendance policy and shall not "
          "affect the caregiver's position or seniority."),
    ("p", "A caregiver taking the oath of citizenship shall be paid for the full scheduled shift on the "
          "day of her ceremony, without deduction from vacation, sick or personal time."),
    ("h2", "27.10 Legal Assistance"),
    ("p", "The Employer shall contribute eighteen cents ($0.18) for every hour paid to each caregiver "
          "into the Caregivers Immigration Legal Services Fund, which provides naturalization, "
          "permanent residence, DACA and TPS renewal, removal defense and U and T visa assistance to "
          "caregivers and the members of their families."),
    ("h2", "27.11 Caregivers Holding Visas"),
    ("p", "For any caregiver whose employment depends on a visa or employment authorization the "
          "Employer sponsors, the Employer shall complete its portion of each petition and renewal no "
          "later than sixty (60) days before the filing deadline and shall bear all employer-side and "
          "sponsor fees, none of which shall be charged to the caregiver. A caregiver detained abroad by "
          "consular or visa processing shall keep her position, on leave, for at least forty-five (45) "
          "days."),
    ("h2", "27.12 Preparation"),
    ("p", "The Employer and the Union shall settle in writing, within ninety (90) days of ratification, "
          "a protocol for responding to Homeland Security personnel, and the Employer shall instruct "
          "all administrators, charge nurses, receptionists and security personnel in it. Each caregiver "
          "shall be released with pay for up to three (3) hours each year to attend know-your-rights "
          "instruction given by the Union."),
    ("p", "Before undertaking any self-audit of Forms I-9, enrolling in E-Verify, adopting new document "
          "requirements or otherwise changing an immigration-related policy, the Employer shall give "
          "the Union forty-five (45) days written notice and shall bargain on the subject."),
]

# ---------------------------------------------------------------------------------------------
# c06: casino-hotel employer counter-proposal, one deviation per weakened protection
# ---------------------------------------------------------------------------------------------
C06 = [
    ("title", "EMPLOYER'S COUNTER-PROPOSAL\nArticle 33 - Immigration"),
    ("p", "Silver Bend Resort and Casino to the Hospitality and Gaming Workers Union, Local 9. "
          "Session 11, April 22, 2026. The Employer proposes the following text in place of the "
          "Union's proposal of April 2. Sections not listed below are withdrawn by the Union's "
          "agreement."),
    ("h1", "33.1 Definitions"),
    ("p", "\"Immigration authorities\" means U.S. Immigration and Customs Enforcement, Homeland Security "
          "Investigations, U.S. Customs and Border Protection, any other component of the U.S. "
          "Department of Homeland Security, and any federal, state or local officer enforcing "
          "immigration law. \"Employee\" means any member of the bargaining unit."),
    ("h1", "33.2 Access"),
    ("p", "The Resort, its managers, its security department and its contractors shall not consent to "
          "immigration authorities entering any non-public area of the property, or questioning, "
          "searching or seizing any employee there, unless the authorities present a judicial warrant "
          "signed by a judge or magistrate."),
    ("h1", "33.3 Enforcement Actions"),
    ("p", "If immigration authorities execute a warrant on the property, the Resort shall ensure that "
          "questioning of employees takes place in as private a setting as possible, shall not line "
          "up or separate employees, shall not point out any employee, and shall provide no assistance "
          "beyond what the warrant compels."),
    ("p", "Where operationally feasible, the Resort shall permit Union representatives, and any "
          "attorney or advocate accompanying them, to be present on the property and to meet privately "
          "with affected employees."),
    ("h1", "33.4 Notice to the Union"),
    ("p", "The Resort shall notify the Union not later than twenty-four (24) hours after immigration "
          "authorities visit the property, contact the Resort about an employee, or request employee "
          "records, or after the Resort learns of an immigration investigation concerning an employee, "
          "and shall provide the Union copies of all written communications received from immigration "
          "authorities within the same period."),
    ("h1", "33.5 Neutrality"),
    ("p", "The Resort, its supervisors and its consultants shall not contact, invite or threaten to "
          "contact immigration authorities about any employee, applicant or Union organizer."),
    ("h1", "33.6 Electronic Verification"),
    ("p", "The Resort shall not enroll in or use E-Verify unless required by federal or state law or "
          "unless the Resort determines that participation serves a legitimate business need. When "
          "E-Verify is used, it shall be used only for new hires after an offer of employment and "
          "never for current employees, and an employee who receives a tentative nonconfirmation shall "
          "receive written notice, the full federal contest period and no adverse action while the case "
          "is pending."),
    ("break", ""),
    ("h1", "33.7 Name and Number Changes"),
    ("p", "An employee who lawfully changes his or her name or Social Security number shall retain "
          "seniority, rate of pay and benefits, and the change shall be treated as a records "
          "correction."),
    ("h1", "33.8 Crime Victims and Agency Cooperation"),
    ("p", "The Resort shall not retaliate against, discourage or penalize any employee for reporting a "
          "crime, cooperating with a labor or law-enforcement agency, or seeking U-visa or T-visa "
          "certification, and shall not oppose an employee's certification request. The Resort may "
          "provide the employee or the Union, on request, records relevant to the underlying claim."),
    ("h1", "33.9 Deferred Action"),
    ("p", "The Resort shall not oppose or interfere with a labor agency's statement of interest or an "
          "employee's request for deferred action connected to a labor dispute."),
    ("h1", "33.10 Policy Changes"),
    ("p", "The Resort shall give the Union ten (10) days written notice, and shall bargain on request, "
          "before any self-audit of Forms I-9, enrollment in E-Verify, new documentation requirement or "
          "other change in immigration-related policy."),
    ("p", "When a change in immigration law, regulation, policy or court ruling (including DACA or TPS) "
          "affects employees, the parties shall meet within forty-five (45) days and bargain over the "
          "effects."),
    ("h1", "33.11 Training"),
    ("p", "The Resort and the Union shall agree on a written protocol for responding to immigration "
          "authorities, and the Resort shall train all supervisors, front-desk agents and security "
          "officers on it. Where practicable, employees shall be released with pay to attend "
          "know-your-rights sessions conducted by the Union."),
    ("h1", "33.12 Legal Services"),
    ("p", "The Resort shall contribute fifty thousand dollars ($50,000) in each contract year to an "
          "immigration legal services fund that provides naturalization, permanent residence, DACA and "
          "TPS renewal, removal defense and U and T visa assistance to bargaining-unit employees."),
    ("p", "Employer's note to the Union committee: the Resort's position on all other Sections of the "
          "Union's April 2 proposal is unchanged."),
]

# ---------------------------------------------------------------------------------------------
# c07: city MOU, protections scattered
# ---------------------------------------------------------------------------------------------
C07 = [
    ("title", "MEMORANDUM OF UNDERSTANDING\nCITY OF SAN MARCOS DEL VALLE\nand the\nMUNICIPAL "
              "EMPLOYEES ASSOCIATION, GENERAL UNIT"),
    ("p", "Term: October 1, 2026 through September 30, 2029. Adopted by City Council Resolution "
          "2026-118."),
    ("h1", "ARTICLE 1. RECOGNITION"),
    ("p", "The City recognizes the Municipal Employees Association as the exclusive representative of "
          "all classifications listed in Appendix A, including seasonal and part-time employees who "
          "work 500 or more hours in a fiscal year."),
    ("h1", "ARTICLE 4. ASSOCIATION RIGHTS"),
    ("p", "4.1 Stewards shall be granted reasonable release time to investigate grievances."),
    ("p", "4.6 The City shall notify the Association President in writing within twenty-four (24) "
          "hours whenever immigration authorities visit a City worksite, contact the City "
          "about a represented employee, request records of a represented employee, or whenever the "
          "City learns of an immigration investigation concerning a represented employee. The City "
          "shall attach to the notice a copy of every written communication received from the "
          "immigration authorities."),
    ("h1", "ARTICLE 8. HIRING AND PROBATION"),
    ("p", "8.2 The City shall not voluntarily use E-Verify or any other electronic employment "
          "verification system except as required by state or federal law. Where such use is "
          "required, the City shall use it only for new hires after a conditional offer and never for "
          "current employees, and an employee who receives a tentative nonconfirmation shall receive "
          "written notice, the full contest period allowed by federal rules, and no adverse action "
          "while the matter is pending."),
    ("p", "8.3 Within seventy-two (72) hours of receiving a Notice of Inspection of its Forms I-9, the "
          "City shall notify all represented employees and the Association and give the Association a "
          "copy of the Notice. Within seventy-two (72) hours of receiving the inspection results, the "
          "City shall give each affected employee and the Association the results, the alleged "
          "deficiency, the deadline for correction and the manner of correction."),
    ("h1", "ARTICLE 11. PERSONNEL FILES"),
    ("p", "11.1 Each employee may review his or her personnel file upon request."),
    ("p", "11.4 Except as otherwise permitted by law, the City shall not disclose an employee's "
          "personnel records, home address, work location, schedule or immigration status to "
          "immigration authorities without a judicial warrant, subpoena or other compulsory legal "
          "process. When disclosure is compelled, the City shall notify the employee and the "
          "Association before disclosure, or as soon as the law allows."),
    ("break", ""),
    ("h1", "ARTICLE 13. DISCIPLINE"),
    ("p", "13.1 No employee who has completed probation shall be disciplined except for just cause."),
    ("p", "13.5 A Social Security Administration no-match letter, or any other discrepancy in an "
          "employee's Social Security number, shall not in itself constitute cause for discipline, "
          "suspension, termination, reverification or a new Form I-9. The City shall give the employee "
          "and the Association a copy of the no-match information. The employee shall have ninety (90) "
          "days to correct the discrepancy with the Social Security Administration, and the City shall "
          "not require proof of the correction."),
    ("h1", "ARTICLE 15. LEAVES"),
    ("p", "15.2 Sick leave accrues at the rate of eight hours per month of service."),
    ("p", "15.7 An absence resulting from the arrest or detention of an employee by immigration "
          "authorities shall be excused and shall not be treated as job abandonment, an unauthorized "
          "absence or a voluntary resignation. The City shall hold the employee's position for one "
          "hundred twenty (120) days and shall reinstate the employee upon return with valid work "
          "authorization."),
    ("p", "15.8 An employee who loses authorization to work shall be placed on unpaid leave rather than "
          "separated, and shall be reinstated to the same or a comparable position with full seniority "
          "upon presenting valid work authorization within twelve (12) months."),
    ("h1", "ARTICLE 20. TRAINING"),
    ("p", "20.3 Within one hundred twenty (120) days of adoption, the City and the Association shall "
          "jointly adopt a written protocol for responding to immigration enforcement at City "
          "worksites, and the City shall train all supervisors, reception staff and security staff on "
          "the protocol. Employees shall receive paid release time to attend know-your-rights sessions "
          "presented by the Association."),
    ("h1", "ARTICLE 26. TERM"),
    ("p", "26.1 This MOU shall remain in full force and effect through September 30, 2029."),
]


def main():
    render(C05, "Lakeshore Senior Living / Care Workers Union Local 310 - Agreement 2026-2029",
           "c05_nursing_home_formal_article.pdf")
    render(C06, "Silver Bend Resort and Casino - Employer Counter-Proposal - Session 11 - 4/22/2026",
           "c06_casino_employer_counter.pdf")
    render(C07, "City of San Marcos del Valle - MEA General Unit MOU 2026-2029",
           "c07_city_general_unit_mou.pdf")


if __name__ == "__main__":
    main()
