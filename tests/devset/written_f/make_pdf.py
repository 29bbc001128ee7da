"""Build f01_city_transit_mou.pdf (run with /work/main/.venv/bin/python make_pdf.py).
A long public-sector MOU with a text layer, running header and page numbers; latin-1 only."""
from pathlib import Path
from fpdf import FPDF

OUT = Path(__file__).with_name("f01_city_transit_mou.pdf")
TITLE = "City of Port Alder / Municipal Employees Association - Transit & Public Works MOU 2026-2029"

class MOU(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 5, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
        self.line(15, 15, 195, 15)
        self.ln(4)
    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

pdf = MOU(format="Letter")
pdf.alias_nb_pages()
pdf.set_margins(15, 18, 15)
pdf.set_auto_page_break(True, 18)
pdf.add_page()

def art(title):
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)

def para(text):
    pdf.set_font("Times", "", 12)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)

pdf.set_font("Helvetica", "B", 15)
pdf.multi_cell(0, 8, "MEMORANDUM OF UNDERSTANDING", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 11)
pdf.multi_cell(0, 6, "between the CITY OF PORT ALDER and the PORT ALDER MUNICIPAL EMPLOYEES ASSOCIATION\n"
               "Transit Operations and Public Works Bargaining Unit\nJuly 1, 2026 through June 30, 2029",
               align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)

art("ARTICLE 1 - PREAMBLE")
para("1.1 This Memorandum of Understanding (MOU) is entered into by the City of Port Alder (the \"City\") and "
     "the Port Alder Municipal Employees Association (the \"Association\") under the Meyers-Milias-Brown Act. "
     "It has been jointly recommended to the City Council and, once adopted by resolution, is binding on both parties.")
art("ARTICLE 2 - RECOGNITION")
para("2.1 The City recognizes the Association as the exclusive representative of all employees in the "
     "classifications listed in Appendix A, including probationary, part-time and limited-term employees, "
     "and excluding management, confidential and supervisory employees.")
art("ARTICLE 3 - DEFINITIONS")
for t in ["3.1 \"Employee\" means any person employed by the City in a classification in Appendix A.",
          "3.2 \"Department Head\" means the Director of Transit or the Director of Public Works, as applicable.",
          "3.3 \"Days\" means calendar days unless working days are stated.",
          "3.4 \"Immigration authorities\" means U.S. Immigration and Customs Enforcement (including Homeland Security "
          "Investigations), U.S. Customs and Border Protection, any other component of the U.S. Department of Homeland "
          "Security, and any federal, state or local officer acting to enforce civil immigration law."]:
    para(t)

art("ARTICLE 4 - MANAGEMENT RIGHTS")
para("4.1 Except as expressly limited by this MOU, the City retains the exclusive right to:")
for t in ["(a) determine the mission, budget and organization of its departments;",
          "(b) set standards of service and determine the methods, means and personnel by which operations are conducted;",
          "(c) direct employees, assign work and schedule overtime;",
          "(d) hire, promote, transfer, assign and retain employees;",
          "(e) relieve employees from duty because of lack of work or funds;",
          "(f) discipline employees for just cause;",
          "(g) take all necessary actions in emergencies;",
          "(h) require any employee, at any time and for any reason the Department Head considers sufficient, to "
          "present documents establishing the employee's identity and employment eligibility, and reverify that "
          "eligibility, notwithstanding any other provision of this MOU;",
          "(i) contract out work in accordance with Article 33; and",
          "(j) adopt reasonable rules of conduct after notice to the Association."]:
    para("    " + t)
para("4.2 The exercise of these rights does not preclude the Association from meeting and conferring over the "
     "effects of a decision on wages, hours and other terms and conditions of employment.")

art("ARTICLE 5 - NON-DISCRIMINATION")
para("5.1 Neither the City nor the Association shall discriminate against any employee because of race, color, "
     "religion, creed, sex, gender identity, sexual orientation, national origin, ancestry, age, disability, "
     "medical condition, marital status, military status or Association activity.")

art("ARTICLE 6 - ASSOCIATION RIGHTS")
for t in ["6.1 The Association may designate one steward for each shift at each transit division and public works yard.",
          "6.2 Stewards shall be released without loss of pay to investigate and present grievances, after notifying their supervisor.",
          "6.3 Association representatives shall have reasonable access to work locations, after notice to the Department Head, "
          "provided there is no interference with operations.",
          "6.4 The City shall provide the Association with a list of new hires, with classification and work location, within ten (10) days after each pay period."]:
    para(t)

art("ARTICLE 7 - DUES DEDUCTION")
para("7.1 The City shall deduct Association dues from the pay of each employee who has authorized the deduction and "
     "shall remit them to the Association within five (5) working days after each payday, with a list of the employees "
     "concerned and the amounts deducted.")

art("ARTICLE 8 - SALARIES")
para("8.1 Effective the first full pay period after July 1, 2026, salaries shall increase by three and one-half percent "
     "(3.5%); after July 1, 2027, by three percent (3.0%); and after July 1, 2028, by three percent (3.0%).")
classes = ["Bus Operator", "Bus Operator Trainee", "Senior Bus Operator", "Paratransit Operator", "Transit Dispatcher",
           "Transit Service Worker", "Fleet Mechanic I", "Fleet Mechanic II", "Senior Fleet Mechanic", "Body and Paint Technician",
           "Tire Technician", "Parts Clerk", "Storekeeper", "Facilities Maintenance Worker", "Electrician",
           "Maintenance Worker I", "Maintenance Worker II", "Senior Maintenance Worker", "Street Sweeper Operator",
           "Equipment Operator", "Heavy Equipment Operator", "Tree Trimmer", "Senior Tree Trimmer", "Traffic Signal Technician",
           "Sign and Marking Technician", "Water Distribution Operator I", "Water Distribution Operator II",
           "Wastewater Collection Worker", "Meter Reader", "Engineering Aide", "Public Works Inspector", "Custodian",
           "Senior Custodian", "Park Maintenance Worker", "Irrigation Technician", "Account Clerk", "Office Assistant",
           "Administrative Technician", "Safety and Training Specialist", "Warehouse Worker"]
for n, (yr, f) in enumerate([("July 1, 2026", 1.0), ("July 1, 2027", 1.03), ("July 1, 2028", 1.0609)]):
    para(f"8.2.{n+1} The monthly salary schedule effective {yr} is as follows (Steps A through E):")
    pdf.set_font("Courier", "", 9)
    pdf.multi_cell(0, 5, f"{'Classification':34}{'A':>9}{'B':>9}{'C':>9}{'D':>9}{'E':>9}", new_x="LMARGIN", new_y="NEXT")
    for i, c in enumerate(classes):
        base = (4100 + i * 83) * f
        steps = [round(base * (1.05 ** k)) for k in range(5)]
        pdf.multi_cell(0, 5, f"{c:34}" + "".join(f"{s:>9,}" for s in steps), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
para("8.3 Step advancement occurs on the employee's anniversary date after satisfactory service, one step each year until Step E.")

art("ARTICLE 9 - SPECIAL PAYS")
for t in ["9.1 Night shift differential: employees working a shift of which at least half falls between 6:00 p.m. and 6:00 a.m. "
          "shall receive a differential of one dollar and seventy-five cents ($1.75) per hour.",
          "9.2 Bilingual pay: employees certified by the Human Resources Department as proficient in Spanish, Vietnamese, "
          "Tagalog or Cantonese and assigned to use that language shall receive one hundred twenty-five dollars ($125) per month.",
          "9.3 Class A license pay: employees required to hold a Class A commercial driver's license shall receive two and one-half percent (2.5%) above base salary.",
          "9.4 Trainer pay: a Bus Operator assigned to train a Bus Operator Trainee shall receive one hour of pay at the overtime rate for each training day.",
          "9.5 Standby pay: employees assigned to standby shall receive three (3) hours of straight-time pay for each day of standby."]:
    para(t)

art("ARTICLE 10 - HOURS OF WORK")
for t in ["10.1 The normal work week is forty (40) hours in five consecutive eight-hour days, or four consecutive ten-hour days, or a 9/80 schedule where the Department Head approves.",
          "10.2 Bus Operators shall bid runs by seniority three times a year. Run-cut sheets shall be posted fourteen (14) days before each bid.",
          "10.3 Employees shall receive a paid fifteen-minute rest period for each four hours worked and an unpaid meal period of at least thirty (30) minutes.",
          "10.4 A split shift shall be completed within twelve (12) hours of the start of the first piece of work."]:
    para(t)

art("ARTICLE 11 - OVERTIME AND CALL-BACK")
for t in ["11.1 Work in excess of forty (40) hours in a work week, or in excess of the scheduled daily hours, shall be paid at one and one-half times the regular rate.",
          "11.2 Overtime shall be offered by rotation within each classification and work location, beginning with the most senior employee.",
          "11.3 An employee called back to work after leaving the work site shall receive a minimum of three (3) hours at the overtime rate.",
          "11.4 Employees may elect compensatory time off instead of overtime pay, up to a maximum balance of eighty (80) hours."]:
    para(t)

art("ARTICLE 12 - HOLIDAYS")
para("12.1 The following are paid holidays: New Year's Day; Martin Luther King Jr. Day; Presidents' Day; Cesar Chavez Day; "
     "Memorial Day; Juneteenth; Independence Day; Labor Day; Veterans Day; Thanksgiving Day and the day after; Christmas Eve; "
     "Christmas Day; and one floating holiday.")
para("12.2 Employees who work on a holiday shall be paid at one and one-half times the regular rate in addition to holiday pay.")

art("ARTICLE 13 - VACATION")
para("13.1 Vacation accrues according to years of continuous service as follows:")
for yrs, hrs in [("0 through 4 years", "96 hours per year"), ("5 through 9 years", "120 hours per year"),
                 ("10 through 14 years", "144 hours per year"), ("15 through 19 years", "168 hours per year"),
                 ("20 years or more", "200 hours per year")]:
    para(f"      {yrs:28} {hrs}")
para("13.2 Vacation shall be scheduled by seniority in an annual bid. Employees may carry over up to two years' accrual.")

art("ARTICLE 14 - SICK LEAVE")
for t in ["14.1 Employees accrue eight (8) hours of sick leave for each month of service, without limit.",
          "14.2 Sick leave may be used for the employee's own illness or injury, medical and dental appointments, or to care for a family member.",
          "14.3 The City may require a physician's note for absences of more than three (3) consecutive working days.",
          "14.4 On retirement, unused sick leave shall be converted to service credit as permitted by the retirement system."]:
    para(t)

art("ARTICLE 15 - OTHER LEAVES")
for t in ["15.1 Bereavement leave: up to five (5) days with pay on the death of a member of the employee's immediate family.",
          "15.2 Jury duty: an employee summoned to jury duty shall receive full pay and shall remit jury fees to the City.",
          "15.3 Military leave shall be granted as required by state and federal law.",
          "15.4 Personal leave without pay of up to six (6) months may be granted by the Department Head.",
          "15.5 Family and medical leave shall be granted in accordance with the FMLA and CFRA."]:
    para(t)

art("ARTICLE 16 - HEALTH AND WELFARE")
for t in ["16.1 The City shall contribute up to the Kaiser family premium toward the medical plan chosen by the employee.",
          "16.2 The City shall pay the full premium for dental and vision coverage for employees and dependents.",
          "16.3 The City shall provide life insurance of fifty thousand dollars ($50,000) for each employee.",
          "16.4 The City shall maintain an Employee Assistance Program offering up to six (6) confidential counseling sessions per issue."]:
    para(t)

art("ARTICLE 17 - RETIREMENT")
para("17.1 Employees shall remain members of the California Public Employees' Retirement System under the formulas in effect "
     "on the date of hire. Employees shall pay the full employee contribution.")

art("ARTICLE 18 - UNIFORMS, TOOLS AND SAFETY EQUIPMENT")
for t in ["18.1 The City shall furnish eleven (11) sets of uniforms to each Bus Operator and maintenance employee and shall replace worn items.",
          "18.2 Mechanics shall receive a tool allowance of eight hundred dollars ($800) per year.",
          "18.3 The City shall provide safety footwear up to two hundred fifty dollars ($250) per year."]:
    para(t)

art("ARTICLE 19 - HEALTH AND SAFETY")
for t in ["19.1 The City shall provide a safe workplace in accordance with Cal/OSHA regulations.",
          "19.2 A joint Labor-Management Safety Committee shall meet monthly.",
          "19.3 No employee shall be disciplined for refusing in good faith to operate a vehicle or equipment the employee believes is unsafe.",
          "19.4 Operator barriers shall be maintained on all fixed-route buses."]:
    para(t)

art("ARTICLE 20 - PROBATION")
para("20.1 New employees serve a probationary period of twelve (12) months. Promoted employees serve six (6) months and may return to their former classification.")

art("ARTICLE 21 - SENIORITY")
para("21.1 Seniority is the length of continuous service in the classification. Seniority lists shall be posted each January and July.")
para("21.2 Seniority is broken by resignation, discharge for cause, retirement, or layoff longer than the recall period.")

art("ARTICLE 22 - LAYOFF AND RECALL")
for t in ["22.1 Layoffs shall be by inverse seniority within the classification.",
          "22.2 The City shall give the Association and affected employees thirty (30) days' notice of layoff.",
          "22.3 Laid-off employees have recall rights for twenty-four (24) months."]:
    para(t)

art("ARTICLE 23 - PROMOTIONS AND TRANSFERS")
para("23.1 Promotional vacancies shall be posted for ten (10) working days. Qualified internal candidates shall be interviewed before outside candidates.")

art("ARTICLE 24 - PERSONNEL FILES")
para("24.1 Employees may review their personnel files on request. Material shall not be placed in a file without a copy to the employee.")
para("24.2 Personnel files are confidential and shall not be released except as required by law or with the employee's consent.")

art("ARTICLE 25 - DISCIPLINE")
for t in ["25.1 Discipline shall be for just cause and progressive where appropriate.",
          "25.2 An employee may have an Association representative at any investigatory interview that may lead to discipline.",
          "25.3 Written reprimands shall be removed from the personnel file after twenty-four (24) months without further discipline.",
          "25.4 An employee absent without notice for three (3) consecutive workdays may be deemed to have resigned; the employee may appeal under Article 26."]:
    para(t)

art("ARTICLE 26 - GRIEVANCE PROCEDURE")
for t in ["26.1 A grievance is a dispute over the interpretation or application of this MOU.",
          "26.2 Step 1: the grievant or the Association presents the grievance in writing to the immediate supervisor within thirty (30) days of the event. The supervisor responds within ten (10) working days.",
          "26.3 Step 2: an appeal to the Department Head within ten (10) working days. The Department Head meets with the grievant and responds within fifteen (15) working days.",
          "26.4 Step 3: an appeal to the Human Resources Director, who responds within fifteen (15) working days.",
          "26.5 Step 4: the Association may submit the grievance to binding arbitration. The parties shall select an arbitrator from a list of seven provided by the State Mediation and Conciliation Service.",
          "26.6 The arbitrator shall have no power to add to, subtract from or modify this MOU. Costs shall be shared equally."]:
    para(t)

art("ARTICLE 27 - TRAINING")
para("27.1 The City shall provide required training on paid time, including commercial license renewal, hazardous materials and defensive driving.")
art("ARTICLE 28 - LICENSES")
para("28.1 The City shall reimburse the cost of renewing commercial driver's licenses and medical certificates required for the position.")
para("28.2 An employee who loses a required license shall be assigned to non-driving work, if available, for up to ninety (90) days.")
art("ARTICLE 29 - VEHICLE ACCIDENTS")
para("29.1 A Transit Accident Review Board with two Association members shall review preventability determinations.")
art("ARTICLE 30 - DRUG AND ALCOHOL TESTING")
para("30.1 Testing shall be conducted in accordance with Federal Transit Administration regulations, 49 CFR Parts 40 and 655.")
art("ARTICLE 31 - EDUCATIONAL REIMBURSEMENT")
para("31.1 The City shall reimburse up to one thousand five hundred dollars ($1,500) per fiscal year for job-related courses.")
art("ARTICLE 32 - MILEAGE")
para("32.1 Employees using personal vehicles on City business shall be reimbursed at the IRS rate.")
art("ARTICLE 33 - CONTRACTING OUT")
para("33.1 The City shall give the Association sixty (60) days' notice before contracting out bargaining-unit work and shall meet and confer over the decision and its effects.")
art("ARTICLE 34 - LABOR-MANAGEMENT COMMITTEE")
para("34.1 A Labor-Management Committee shall meet quarterly to discuss matters of mutual concern.")
art("ARTICLE 35 - NO STRIKE / NO LOCKOUT")
para("35.1 During the term of this MOU the Association shall not strike and the City shall not lock out employees.")
art("ARTICLE 36 - REOPENERS")
para("36.1 Either party may reopen Article 16 (Health and Welfare) for the 2028 plan year by written notice before March 1, 2028.")
art("ARTICLE 37 - EMERGENCY OPERATIONS")
para("37.1 In a declared emergency employees may be assigned as Disaster Service Workers and shall be paid at the appropriate rate.")

art("ARTICLE 38 - IMMIGRANT EMPLOYEES")
for t in [
 "38.1 Coverage. Every right and benefit under this MOU applies to all employees regardless of their immigration "
 "or citizenship status. The City shall not discriminate against any employee or applicant on the basis of citizenship "
 "status or immigration status.",
 "38.2 Access to City Facilities. The City, its managers and supervisors, its security staff and its contractors shall not "
 "consent to immigration authorities entering any non-public area of a transit division, public works yard or other City "
 "work site, or questioning, searching or seizing any employee there, unless the agents present a judicial warrant signed "
 "by a judge or magistrate. An administrative warrant (DHS Form I-200 or I-205) is not a judicial warrant.",
 "38.3 Notice to the Association. The City shall notify the Association by telephone immediately and in writing within "
 "twenty-four (24) hours whenever immigration authorities visit a City work site, contact the City about an employee, "
 "request an employee's records, or the City learns of an immigration investigation concerning an employee, and shall give "
 "the Association a copy of every written communication from immigration authorities concerning an employee within the "
 "same twenty-four (24) hours.",
 "38.4 Employee Information. The City shall not voluntarily disclose any employee's records, name, address, schedule, "
 "route or work location, or immigration or citizenship status, to immigration authorities, and shall do so only when "
 "compelled by a judicial warrant, subpoena or other compulsory legal process, except that Forms I-9 shall be produced "
 "when lawfully demanded by a Notice of Inspection. Where disclosure is compelled, the City shall notify the employee and "
 "the Association before producing the information, or as soon as the law allows.",
 "38.5 No Status Inquiries. The City shall not ask about or demand proof of any employee's immigration status, and shall "
 "not reverify the work authorization of any current employee, except where federal law requires it because a "
 "time-limited work authorization document expires or the City has actual or constructive knowledge, as federal "
 "regulations define those terms, that the employee is not authorized to work. Return from leave, transfer, promotion "
 "and reinstatement are continuing employment and shall not require a new Form I-9.",
 "38.6 Reverification Procedure. Where federal law requires reverification, the City shall first notify the Association "
 "in writing of the intended reverification and its factual basis, shall give the employee written notice of the specific "
 "problem, and shall allow the employee one hundred twenty (120) days to resolve it. No employee shall be suspended, "
 "disciplined or separated before that period ends.",
 "38.7 Immigration Leave. The City shall grant leave to an employee to attend immigration or citizenship appointments, "
 "interviews and hearings of the employee or of the employee's spouse, domestic partner, child or parent. Five (5) days "
 "of such leave each fiscal year shall be paid administrative leave. Such leave shall not be counted against the employee "
 "under any attendance policy, shall not be grounds for discipline, and the employee shall keep the employee's position "
 "and seniority.",
 "38.8 Naturalization. An employee shall receive one (1) day of paid administrative leave, not charged to vacation, sick "
 "or any other leave balance, to attend the employee's own naturalization ceremony.",
 "38.9 Changes in Immigration Law. If a change in federal immigration law, regulation, policy or a court decision, "
 "including changes to DACA or TPS, affects employees, the City and the Association shall meet and confer in good faith "
 "over the effects within thirty (30) days after either party's written request.",
 "38.10 Language. The City shall provide a qualified interpreter, at no cost to the employee, at every investigatory, "
 "disciplinary and grievance meeting. The City shall translate this MOU and all notices to employees, including "
 "immigration-related notices, into Spanish, Vietnamese, Tagalog and Cantonese within ninety (90) days after adoption.",
]:
    para(t)

art("ARTICLE 39 - SAVINGS CLAUSE")
para("39.1 If any provision of this MOU is held invalid by a court, the remaining provisions remain in effect and the parties "
     "shall meet within thirty (30) days to negotiate a replacement.")
art("ARTICLE 40 - FULL UNDERSTANDING AND TERM")
para("40.1 This MOU is the full agreement of the parties and shall remain in effect from July 1, 2026 through June 30, 2029.")
pdf.ln(6)
para("FOR THE CITY OF PORT ALDER: Helen Marsh, Human Resources Director; Arturo Beltran, Director of Transit.")
para("FOR THE PORT ALDER MUNICIPAL EMPLOYEES ASSOCIATION: Gloria Tran, President; Desmond Okafor, Chief Steward.")

pdf.add_page()
art("APPENDIX A - CLASSIFICATIONS IN THE UNIT")
for c in classes:
    para("    " + c)

art("APPENDIX B - HOLIDAY CALENDAR")
import datetime
for fy in (2026, 2027, 2028):
    para(f"Fiscal Year {fy}-{fy+1}:")
    for name, m, d in [("Independence Day", 7, 4), ("Labor Day", 9, 1), ("Veterans Day", 11, 11), ("Thanksgiving Day", 11, 26),
                       ("Day after Thanksgiving", 11, 27), ("Christmas Eve", 12, 24), ("Christmas Day", 12, 25),
                       ("New Year's Day", 1, 1), ("Martin Luther King Jr. Day", 1, 19), ("Presidents' Day", 2, 16),
                       ("Cesar Chavez Day", 3, 31), ("Memorial Day", 5, 25), ("Juneteenth", 6, 19)]:
        y = fy if m >= 7 else fy + 1
        para(f"      {name:30} {datetime.date(y, m, d).strftime('%A, %B %d, %Y')} (observed)")

art("APPENDIX C - GRIEVANCE FORM")
for t in ["Grievant name: ______________________   Classification: ______________________",
          "Division or yard: ______________________   Steward: ______________________",
          "Date of event: __________   Date presented at Step 1: __________",
          "Article(s) and section(s) violated: ____________________________________________",
          "Statement of grievance: ________________________________________________________",
          "_______________________________________________________________________________",
          "Remedy requested: ______________________________________________________________",
          "Supervisor's Step 1 response and date: __________________________________________",
          "Appeal to Step 2 (Department Head): yes / no    Date: __________",
          "Appeal to Step 3 (Human Resources Director): yes / no    Date: __________",
          "Referral to arbitration by the Association: yes / no    Date: __________"]:
    para(t)

pdf.output(str(OUT))
print("wrote", OUT, pdf.page_no(), "pages")
