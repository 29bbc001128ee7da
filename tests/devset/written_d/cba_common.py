"""Ordinary collective-bargaining-agreement text shared by the long documents of written_d.

A document is a list of blocks:
    ("title", text)      cover title lines
    ("h1", text)         an article heading
    ("h2", text)         a section heading
    ("p", text)          a paragraph
    ("table", [header_row, row, ...])
    ("pagebreak", "")

The articles here are deliberately ordinary: none of them speaks to immigration, citizenship,
work authorization or interpreters. Each long document (doc_*.py builders in make_pdf.py /
make_docx.py) passes its own parties and inserts its own immigration-related text.
"""
import random


def p(t):
    return ("p", t)


def h1(t):
    return ("h1", t)


def h2(t):
    return ("h2", t)


def recognition(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - RECOGNITION"),
        p(f"{c['employer_full']} (the \"{E}\") recognizes {c['union_full']} (the \"{U}\") as the sole and exclusive "
          f"collective bargaining representative for all {c['unit_desc']}, excluding office clerical employees, "
          "guards, professional employees and supervisors as defined in the National Labor Relations Act."),
        p(f"If the {E} establishes a new classification within the bargaining unit, it shall notify the {U} in writing at "
          f"least fourteen (14) days before filling it, and the parties shall negotiate the rate of pay for the new "
          f"classification. If the parties fail to agree, the {U} may submit the rate to arbitration under Article "
          "{grievance}."),
        p(f"Supervisors and other employees outside the bargaining unit shall not perform bargaining unit work except "
          "for the purpose of instruction, in an emergency, or when no qualified bargaining unit employee is available "
          "after the call-in procedure of the overtime article has been exhausted."),
    ]


def union_security(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - UNION SECURITY AND DUES CHECKOFF"),
        h2("Section 1. Membership"),
        p(f"To the extent permitted by applicable law, every employee covered by this Agreement shall, as a condition of "
          f"employment, on or after the thirty-first (31st) day following the beginning of employment or the effective "
          f"date of this Agreement, whichever is later, become and remain a member of the {U} in good standing or pay "
          "to the Union an agency fee equal to the regular initiation fee and periodic dues uniformly required."),
        h2("Section 2. Checkoff"),
        p(f"The {E} shall deduct from the wages of each employee who has signed a written authorization the regular "
          f"monthly dues, initiation fees and assessments certified by the {U}. Deductions shall be made from the first "
          "pay of each month and remitted to the Secretary-Treasurer of the Union no later than the fifteenth (15th) day "
          "of the following month, together with an electronic list showing each employee's name, employee number, "
          "classification, department, rate of pay, hours paid and the amount deducted."),
        p(f"The {E} shall also deduct voluntary contributions to the {U}'s political action committee from the wages of "
          "employees who have signed a separate written authorization, and shall remit them separately."),
        h2("Section 3. Information to the Union"),
        p(f"Each month the {E} shall furnish the {U} a list of all new hires, transfers into and out of the bargaining "
          "unit, terminations, retirements, leaves of absence and changes of classification, with the home address, "
          "personal telephone number and personal e-mail address of each new hire where known."),
        h2("Section 4. Indemnification"),
        p(f"The {U} shall indemnify and hold the {E} harmless against any claims, demands, suits or other forms of "
          f"liability that arise out of action taken by the {E} in reliance on authorizations or lists furnished by the "
          f"{U} under this Article."),
        h2("Section 5. New Employee Orientation"),
        p(f"The {E} shall allow a Union steward or representative thirty (30) minutes, on paid time for the steward, "
          f"during the orientation of new employees to explain the Agreement and the role of the {U}. The {E} shall "
          "notify the Union of each orientation at least five (5) days in advance."),
    ]


def management_rights(c, extra=None):
    E, U = c["E"], c["U"]
    items = [
        "to direct the working forces", "to plan, direct and control operations",
        "to hire, assign, promote, transfer, and to suspend, discipline or discharge for just cause",
        "to lay off employees because of lack of work or for other legitimate reasons",
        "to introduce new or improved methods, equipment or facilities",
        "to determine the products to be handled or the services to be provided",
        "to establish and enforce reasonable rules of conduct, provided that rules are posted and given to the Union "
        "at least ten (10) days before they take effect",
    ]
    blocks = [
        h1("ARTICLE {n} - MANAGEMENT RIGHTS"),
        p(f"Except as expressly limited by a specific provision of this Agreement, the {E} retains the exclusive right "
          "to manage its business, including but not limited to the right " + "; ".join(items) + "."),
        p(f"The exercise of these rights shall not be used for the purpose of discriminating against any employee or "
          f"undermining the {U}, and any dispute over whether the {E} has exceeded them may be taken up under the "
          "grievance procedure."),
    ]
    if extra:
        blocks += extra
    return blocks


def nondiscrimination(c, grounds):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - NO DISCRIMINATION"),
        p(f"Neither the {E} nor the {U} shall discriminate against any employee because of {grounds}, or because of "
          "membership in or activity on behalf of the Union."),
        p(f"The {E} shall make reasonable accommodation for the known physical or mental limitations of a qualified "
          "employee with a disability, and for an employee's sincerely held religious beliefs, unless the accommodation "
          "would impose an undue hardship. The Union shall be consulted before an accommodation affecting the seniority "
          "rights of another employee is granted."),
        p("Harassment of any employee, including sexual harassment, is prohibited. An employee who believes he or she "
          "has been harassed may bring a complaint to Human Resources, to a supervisor other than the one involved, or "
          "to the Union. Complaints shall be investigated promptly, and no employee shall suffer reprisal for making a "
          "complaint in good faith or for participating in an investigation."),
    ]


def stewards(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - UNION REPRESENTATIVES AND STEWARDS"),
        p(f"The {U} may designate one (1) steward and one (1) alternate for each department and shift, and a chief "
          f"steward for the facility. The {U} shall furnish the {E} with a written list of stewards and shall keep it "
          "current."),
        p("Stewards shall be allowed reasonable time off without loss of pay during working hours to investigate and "
          "present grievances, after notifying their supervisor. Permission shall not be unreasonably withheld."),
        p(f"Authorized representatives of the {U} shall have access to the premises for the purpose of administering "
          f"this Agreement, after notifying the Human Resources office, provided that there is no interference with "
          "operations. Representatives may meet with employees in break rooms and the cafeteria during non-working "
          "time."),
        p(f"The {E} shall grant unpaid leave of up to ten (10) working days per year to no more than three (3) "
          f"employees at a time to attend Union conventions, seminars and training, on fourteen (14) days' notice. "
          f"An employee elected or appointed to full-time office in the {U} shall be granted a leave of absence of up "
          "to three (3) years without loss of seniority."),
    ]


def probation_seniority(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - PROBATION AND SENIORITY"),
        h2("Section 1. Probationary Period"),
        p(f"New employees shall serve a probationary period of ninety (90) calendar days, which may be extended by up "
          f"to thirty (30) days by mutual written agreement of the {E}, the {U} and the employee. Probationary employees "
          "may be disciplined or discharged without recourse to the grievance procedure, except for claims of "
          "discrimination or Union activity."),
        h2("Section 2. Definitions"),
        p(f"Facility seniority is the length of continuous service with the {E} since the employee's most recent date "
          "of hire. Classification seniority is the length of continuous service in the employee's current "
          "classification. When two or more employees have the same date of hire, their relative seniority shall be "
          "determined by the last four digits of their employee numbers, lowest first."),
        h2("Section 3. Loss of Seniority"),
        p("Seniority and the employment relationship shall terminate when an employee (a) quits; (b) is discharged for "
          "just cause; (c) is laid off for a period longer than his or her seniority or twelve (12) months, whichever "
          "is less; (d) fails to return from layoff within five (5) working days after notice of recall sent by "
          "certified mail and text message to the last address and telephone number on file; (e) fails to return at the "
          "end of an approved leave of absence without a reasonable explanation; or (f) retires."),
        h2("Section 4. Seniority Lists"),
        p(f"The {E} shall post a facility seniority list and classification seniority lists every January and July, "
          f"and shall send copies to the {U}. An employee who believes his or her position on a list is wrong shall "
          "raise it within thirty (30) days of posting, after which the list shall be deemed correct for that period."),
    ]


def layoff_recall(c):
    E = c["E"]
    return [
        h1("ARTICLE {n} - LAYOFF AND RECALL"),
        p(f"In the event of a reduction in force, the {E} shall first lay off temporary and probationary employees in "
          "the affected classification. Thereafter, employees shall be laid off in inverse order of classification "
          "seniority, provided the remaining employees are qualified to perform the available work. The Employer shall "
          "give the Union and affected employees at least fourteen (14) calendar days' written notice of layoff, or pay "
          "in lieu of notice."),
        p("An employee displaced from his or her classification may bump the least senior employee in a classification "
          "at the same or a lower rate of pay that the employee previously held or is qualified to perform after a "
          "familiarization period of up to five (5) working days."),
        p("Laid-off employees shall be recalled in order of seniority to the classification from which they were laid "
          "off, or to any other classification for which they are qualified, before any new employee is hired. Recall "
          "rights last for twelve (12) months."),
        p("Employees on layoff shall continue to receive group health coverage through the end of the month following "
          "the month in which the layoff occurs, and thereafter may elect continuation coverage under federal law."),
    ]


def job_posting(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - JOB POSTING AND TRANSFERS"),
        p(f"All vacancies in the bargaining unit shall be posted on the bulletin boards and the {E}'s employee portal "
          "for seven (7) calendar days, stating the classification, department, shift, days off, rate of pay and any "
          "required qualifications. Employees may apply in writing or electronically during the posting period."),
        p("The vacancy shall be awarded to the most senior qualified applicant. The successful applicant shall have a "
          "trial period of up to thirty (30) working days, during which he or she may elect, or the Employer may "
          "require for documented reasons, a return to the former position without loss of seniority."),
        p(f"A copy of each posting and the name of the successful applicant shall be sent to the {U}. An employee may "
          "not be awarded more than two (2) lateral transfers in any twelve (12) month period."),
    ]


def hours_overtime(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - HOURS OF WORK"),
        p(f"The normal workweek shall consist of forty (40) hours, made up of five (5) consecutive shifts of eight (8) "
          "hours each, Monday through Friday for first-shift employees, and as posted for other shifts. The payroll week "
          "begins at 12:01 a.m. Sunday."),
        p("Each shift shall include an unpaid meal period of thirty (30) minutes, to begin no earlier than the third "
          "hour and no later than the fifth hour of the shift, and a paid rest period of fifteen (15) minutes in each "
          "half shift. Employees working more than two (2) hours past the end of a scheduled shift shall receive an "
          "additional paid rest period of ten (10) minutes."),
        p(f"Work schedules shall be posted at least fourteen (14) days in advance. A change to a posted schedule "
          f"requires at least seventy-two (72) hours' notice to the affected employee, except in an emergency beyond the "
          f"{E}'s control. An employee who reports for a scheduled shift and is sent home for lack of work shall receive "
          "at least four (4) hours' pay."),
        p("Shifts shall be bid by seniority twice a year, in March and September. Employees may trade shifts with the "
          "approval of the supervisor, which shall not be unreasonably withheld, provided no overtime results."),
        h1("ARTICLE {n} - OVERTIME"),
        p("Time and one-half (1.5x) the regular rate shall be paid for all hours worked in excess of eight (8) hours in "
          "a day or forty (40) hours in a week, and for all hours worked on the sixth consecutive day of work. Double "
          "time (2x) shall be paid for all hours worked in excess of twelve (12) in a day and for all hours worked on the "
          "seventh consecutive day of work. There shall be no pyramiding of overtime or premium pay."),
        p("Overtime shall be offered by seniority on a rotating basis among qualified employees in the classification "
          "and department who have signed the overtime list. If insufficient volunteers are found, overtime shall be "
          "assigned in inverse order of seniority. No employee shall be required to work more than twelve (12) hours in "
          "a day or more than two (2) mandatory overtime shifts in a payroll week."),
        p(f"Overtime opportunities shall be recorded and posted weekly. An employee who is bypassed in error shall be "
          "offered the next available overtime opportunity; if the same employee is bypassed a second time within the "
          "same quarter, the employee shall be paid for the hours lost."),
        p("Employees on the second shift shall receive a differential of seventy-five cents ($0.75) per hour, and "
          "employees on the third shift a differential of one dollar and ten cents ($1.10) per hour, for all hours "
          "worked on those shifts. A lead person shall receive one dollar and fifty cents ($1.50) per hour above the top "
          "rate of the highest classification led."),
    ]


def holidays(c, extra=None):
    E = c["E"]
    blocks = [
        h1("ARTICLE {n} - HOLIDAYS"),
        p("The following shall be paid holidays: New Year's Day, Martin Luther King Jr. Day, Memorial Day, "
          "Juneteenth, Independence Day, Labor Day, Thanksgiving Day, the day after Thanksgiving, Christmas Eve, and "
          "Christmas Day, and the employee's birthday or another day chosen by the employee with thirty (30) days' "
          "notice."),
        p("To be eligible for holiday pay, an employee must have completed the probationary period and must work the "
          "last scheduled shift before and the first scheduled shift after the holiday, unless the absence was excused "
          "or on approved leave. Holiday pay shall be eight (8) hours at the employee's regular rate."),
        p("An employee who works on a holiday shall receive holiday pay plus time and one-half for all hours worked. "
          "Holiday work shall be offered by seniority and, if there are not enough volunteers, assigned in inverse "
          "order of seniority on a rotating basis."),
        p("When a holiday falls during an employee's vacation, the employee shall receive holiday pay, and the day "
          "shall not be charged as a vacation day."),
    ]
    if extra:
        blocks += extra
    return blocks


def vacation(c):
    return [
        h1("ARTICLE {n} - VACATION"),
        p("Employees shall earn paid vacation according to years of continuous service as follows:"),
        ("table", [["Years of continuous service", "Vacation per year", "Maximum carryover"],
                   ["1 year but less than 3 years", "1 week (40 hours)", "40 hours"],
                   ["3 years but less than 7 years", "2 weeks (80 hours)", "60 hours"],
                   ["7 years but less than 12 years", "3 weeks (120 hours)", "80 hours"],
                   ["12 years but less than 20 years", "4 weeks (160 hours)", "80 hours"],
                   ["20 years or more", "5 weeks (200 hours)", "100 hours"]]),
        p("Vacation requests submitted between January 1 and February 15 shall be granted by seniority within each "
          "department and shift. Requests submitted later shall be granted on a first-come, first-served basis. The "
          "Employer shall answer each request in writing within seven (7) days; a request not answered is granted."),
        p("No more than fifteen percent (15%) of the employees in a department and shift need be granted vacation at "
          "the same time, except that the Employer shall not deny a request solely because of this limit during any "
          "week in which production is scheduled below normal levels."),
        p("An employee who leaves employment after completing the probationary period shall be paid for all earned "
          "and unused vacation at the employee's current rate."),
    ]


def sick_leave(c):
    return [
        h1("ARTICLE {n} - SICK LEAVE"),
        p("Employees shall accrue one (1) hour of paid sick leave for every thirty (30) hours worked, up to a maximum "
          "balance of eighty (80) hours. Sick leave may be used for the employee's own illness, injury or medical "
          "appointment, for the care of a family member, or for purposes related to domestic violence, sexual assault "
          "or stalking."),
        p("An employee who is absent for more than three (3) consecutive scheduled shifts may be required to provide "
          "a note from a health care provider confirming the need for the absence. The note need not state the "
          "diagnosis."),
        p("Employees with a balance of eighty (80) hours at the end of the year may convert up to twenty-four (24) "
          "hours to cash at one hundred percent (100%) of the regular rate, to be paid with the first pay in "
          "February."),
    ]


def leaves(c, extra=None):
    E, U = c["E"], c["U"]
    blocks = [
        h1("ARTICLE {n} - LEAVES OF ABSENCE"),
        h2("Section 1. Family and Medical Leave"),
        p(f"The {E} shall grant family and medical leave in accordance with the Family and Medical Leave Act and "
          "applicable state law. Employees who have not yet met the federal eligibility requirements but have "
          "completed six (6) months of service shall be granted unpaid medical leave of up to six (6) weeks for their "
          "own serious health condition."),
        h2("Section 2. Personal Leave"),
        p(f"An employee with at least one (1) year of seniority may request an unpaid personal leave of absence of up "
          f"to thirty (30) days for good reason. Requests shall be in writing and shall not be unreasonably denied. "
          "Personal leave may be extended once for up to thirty (30) additional days by mutual agreement."),
        h2("Section 3. Bereavement Leave"),
        p("In the event of the death of an employee's spouse, domestic partner, child, stepchild, parent, stepparent, "
          "sibling, grandparent, grandchild or parent-in-law, the employee shall be granted up to three (3) scheduled "
          "days off with pay, and up to two (2) additional unpaid days where travel of more than three hundred (300) "
          "miles is required."),
        h2("Section 4. Jury Duty and Witness Leave"),
        p("An employee summoned for jury duty shall be paid the difference between jury fees and the employee's "
          "regular straight-time pay for scheduled hours missed. An employee subpoenaed as a witness in a matter arising "
          "from his or her employment shall be released with pay."),
        h2("Section 5. Military Leave"),
        p("Military leave shall be granted in accordance with the Uniformed Services Employment and Reemployment "
          "Rights Act. Employees attending annual training shall be paid the difference between military pay and "
          "regular straight-time pay for up to two (2) weeks per year."),
        h2("Section 6. Return From Leave"),
        p(f"An employee returning from an approved leave of absence of ninety (90) days or less shall be returned to "
          f"his or her former classification, department and shift. An employee returning from a longer leave shall be "
          f"returned to the former classification if it is available, or otherwise to a comparable position, without "
          "loss of seniority."),
    ]
    if extra:
        blocks += extra
    return blocks


def health_benefits(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - HEALTH AND WELFARE"),
        p(f"The {E} shall continue to provide medical, prescription drug, dental and vision coverage to all "
          "employees regularly scheduled for thirty (30) or more hours per week, and their eligible dependents, "
          "beginning on the first day of the month following sixty (60) days of employment."),
        p("Employee contributions toward premiums shall not exceed the following percentages of the total premium "
          "for the plan selected: employee only, ten percent (10%); employee plus one, fifteen percent (15%); family, "
          "eighteen percent (18%). Contributions shall be taken on a pre-tax basis."),
        ("table", [["Plan feature", "In network", "Out of network"],
                   ["Annual deductible (single / family)", "$400 / $1,000", "$1,200 / $3,000"],
                   ["Office visit copay", "$20", "40% after deductible"],
                   ["Specialist copay", "$35", "40% after deductible"],
                   ["Emergency room copay (waived if admitted)", "$150", "$150"],
                   ["Generic / preferred / non-preferred drugs", "$10 / $30 / $60", "not covered"],
                   ["Out-of-pocket maximum (single / family)", "$2,500 / $5,000", "$6,000 / $12,000"]]),
        p(f"The {E} shall not change carriers or plan designs during the term of this Agreement without first giving "
          f"the {U} sixty (60) days' notice and bargaining over the change. Any new plan shall provide benefits at least "
          "equal to those in effect on the effective date of this Agreement."),
        p(f"The {E} shall provide basic group life insurance of twenty-five thousand dollars ($25,000) and accidental "
          "death and dismemberment insurance of the same amount for each full-time employee at no cost to the "
          "employee."),
        h1("ARTICLE {n} - RETIREMENT PLAN"),
        p(f"The {E} shall contribute to the employees' 401(k) retirement savings plan an amount equal to one hundred "
          "percent (100%) of the first three percent (3%) of compensation that each employee contributes, and fifty "
          "percent (50%) of the next two percent (2%). Employees become fully vested in employer contributions after "
          "three (3) years of service."),
        p("Employees shall be automatically enrolled at a contribution rate of three percent (3%) unless they elect "
          "otherwise in writing, and may change their contribution rate at any time."),
    ]


def safety(c, extra=None):
    E, U = c["E"], c["U"]
    blocks = [
        h1("ARTICLE {n} - HEALTH AND SAFETY"),
        p(f"The {E} shall provide a safe and healthful workplace and shall comply with all applicable occupational "
          "safety and health laws and regulations. Employees shall comply with safety rules and shall report unsafe "
          "conditions and injuries to their supervisor promptly."),
        p(f"A joint Health and Safety Committee of four (4) members chosen by the {U} and four (4) chosen by the {E} "
          "shall meet monthly on paid time, shall conduct a walk-through inspection of the facility each quarter, and "
          "shall review all recordable injuries. Minutes shall be kept and posted."),
        p(f"The {E} shall provide, at no cost to employees, all personal protective equipment required for the job, "
          "including gloves, eye and hearing protection, hard hats, cut-resistant sleeves and cold-weather gear, and "
          "shall replace worn equipment on request."),
        p(f"No employee shall be required to work in conditions that the employee reasonably and in good faith "
          f"believes present an imminent danger of death or serious injury. The employee shall notify the supervisor, "
          f"and a Union safety representative and a manager shall inspect the condition at once. No employee shall be "
          "disciplined for a good-faith refusal under this Section."),
        p(f"The {U} shall be notified within twenty-four (24) hours of any serious injury, and of any inspection of the "
          f"facility by a federal or state occupational safety and health agency, and a Union safety representative "
          "may accompany the inspector."),
    ]
    if extra:
        blocks += extra
    return blocks


def discipline(c, extra=None):
    E, U = c["E"], c["U"]
    blocks = [
        h1("ARTICLE {n} - DISCIPLINE AND DISCHARGE"),
        p(f"No employee who has completed the probationary period shall be disciplined or discharged except for just "
          "cause. Discipline shall be corrective and progressive, normally consisting of a documented verbal warning, a "
          "written warning, a final written warning or suspension of up to three (3) days, and discharge. Serious "
          "misconduct such as theft, violence, or working under the influence may warrant immediate discharge."),
        p(f"An employee shall be entitled, on request, to the presence of a steward at any investigatory interview that "
          "the employee reasonably believes may lead to discipline. If no steward is available, the interview shall be "
          "postponed for up to twenty-four (24) hours."),
        p(f"Discipline shall be imposed within ten (10) working days after the {E} knew or should have known of the "
          f"conduct, unless an investigation reasonably requires more time, in which case the {U} shall be told. A copy "
          f"of every written disciplinary notice shall be given to the employee and sent to the {U} within two (2) "
          "working days."),
        p("Warnings shall not be relied upon for further discipline after twelve (12) months, and suspensions after "
          "twenty-four (24) months, if the employee has received no further discipline for similar conduct in that "
          "time."),
    ]
    if extra:
        blocks += extra
    return blocks


def attendance(c, extra=None):
    E = c["E"]
    blocks = [
        h1("ARTICLE {n} - ATTENDANCE"),
        p("Employees who will be absent or late shall call the attendance line at least one (1) hour before the start "
          "of the shift. Attendance shall be administered under a point system in which an unexcused absence counts one "
          "(1) point, a late arrival or early departure of less than two (2) hours one-half (1/2) point, and a failure "
          "to call in two (2) points."),
        p("Points expire twelve (12) months after they are incurred. An employee with no points in a calendar quarter "
          "shall have one (1) point removed. Discipline under the system shall be: six (6) points, written warning; "
          "eight (8) points, final warning; ten (10) points, discharge."),
        p("Absences on approved leave, jury duty, bereavement, approved vacation, paid sick leave, Union leave and "
          "work-related injury shall not count as points."),
    ]
    if extra:
        blocks += extra
    return blocks


def grievance(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - GRIEVANCE PROCEDURE"),
        p("A grievance is any dispute between the Employer and the Union, or between the Employer and an employee, "
          "concerning the interpretation or application of this Agreement. The parties shall make every effort to "
          "settle grievances at the lowest possible step."),
        h2("Step 1"),
        p("The employee, with or without a steward, shall discuss the grievance with the immediate supervisor within "
          "fourteen (14) calendar days after the employee knew or should have known of the facts giving rise to it. The "
          "supervisor shall answer within five (5) working days."),
        h2("Step 2"),
        p(f"If not settled, the grievance shall be reduced to writing, stating the facts, the provisions violated and "
          f"the remedy sought, and presented to the department manager within ten (10) working days after the Step 1 "
          f"answer. A meeting shall be held within ten (10) working days, and the {E} shall answer in writing within ten "
          "(10) working days after the meeting."),
        h2("Step 3"),
        p(f"If not settled, the {U} may appeal in writing to the Director of Human Resources within ten (10) working "
          f"days. A meeting between the Director, the {U}'s business representative and the grievant shall be held "
          "within fifteen (15) working days, and the Director shall answer in writing within ten (10) working days "
          "after the meeting."),
        p("Grievances concerning discharge, suspension or a matter affecting a group of employees may be filed "
          "directly at Step 2. Time limits may be extended by mutual written agreement. If the Employer fails to answer "
          "within the time limits, the Union may advance the grievance to the next step."),
        h1("ARTICLE {n} - ARBITRATION"),
        p(f"If a grievance is not settled at Step 3, the {U} may refer it to arbitration by written notice to the {E} "
          "within thirty (30) days after the Step 3 answer. The parties shall select an arbitrator from a permanent "
          "panel of five (5) arbitrators named in this Article, in rotation, or, if none is available within ninety "
          "(90) days, from a list of seven (7) furnished by the Federal Mediation and Conciliation Service."),
        p("The arbitrator shall have no authority to add to, subtract from or modify the terms of this Agreement. The "
          "arbitrator's decision shall be final and binding on the Employer, the Union and the employees. The fees and "
          "expenses of the arbitrator and the cost of any hearing room shall be shared equally."),
        p("By mutual agreement, the parties may use expedited arbitration for discipline cases, in which the "
          "arbitrator shall hear the case within thirty (30) days and issue a short written award within seven (7) "
          "days after the hearing, without transcripts or briefs."),
    ]


def no_strike(c):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - NO STRIKE, NO LOCKOUT"),
        p(f"During the term of this Agreement neither the {U} nor any employee shall call, authorize, sanction or "
          f"engage in any strike, sympathy strike, slowdown, sit-down or other interruption of work, and the {E} shall "
          "not lock out employees."),
        p(f"An employee's refusal to cross a lawful primary picket line sanctioned by a central labor council shall not "
          "be a violation of this Article, provided the employee gives notice to the supervisor."),
        p(f"If an unauthorized work stoppage occurs, the {U} shall promptly notify the employees involved, in writing, "
          "that the stoppage is unauthorized and instruct them to return to work. Having done so, the Union shall not be "
          "liable for damages resulting from the stoppage."),
    ]


def misc(c, extra=None):
    E, U = c["E"], c["U"]
    blocks = [
        h1("ARTICLE {n} - BULLETIN BOARDS, UNIFORMS AND LOCKERS"),
        p(f"The {E} shall provide glass-enclosed bulletin boards near each time clock and in each break room for the "
          f"exclusive use of the {U} for official notices. The {U} shall not post material that is defamatory or "
          "partisan political."),
        p(f"Where uniforms are required, the {E} shall furnish five (5) sets to each employee and shall launder or "
          "replace them at no cost. Employees required to wear safety-toe footwear shall receive an allowance of one "
          "hundred twenty-five dollars ($125.00) each contract year."),
        p("Each employee shall be assigned a locker. Lockers remain the property of the Employer and may be inspected "
          "in the employee's presence, or in the presence of a steward if the employee is absent, where there is "
          "reasonable suspicion of theft or of a safety hazard."),
    ]
    if extra:
        blocks += extra
    return blocks


def separability_duration(c, start, end):
    E, U = c["E"], c["U"]
    return [
        h1("ARTICLE {n} - SEPARABILITY"),
        p("If any provision of this Agreement is held invalid by a court or agency of competent jurisdiction, or is "
          "rendered invalid by legislation, the remaining provisions shall remain in full force and effect, and the "
          "parties shall meet within thirty (30) days to negotiate a substitute for the invalid provision."),
        h1("ARTICLE {n} - ENTIRE AGREEMENT"),
        p("This Agreement, including its appendices and side letters signed by both parties, constitutes the entire "
          "agreement between the parties and supersedes all prior agreements and practices inconsistent with it. It "
          "may be amended only in writing signed by authorized representatives of both parties."),
        h1("ARTICLE {n} - DURATION"),
        p(f"This Agreement shall take effect on {start} and shall remain in full force and effect through {end}, and "
          "from year to year thereafter unless either party gives written notice to the other of its desire to modify "
          "or terminate the Agreement at least ninety (90) and not more than one hundred twenty (120) days before the "
          "expiration date."),
        p("IN WITNESS WHEREOF, the parties have caused this Agreement to be executed by their authorized "
          "representatives on the dates written below."),
    ]


def wage_tables(c, classes, base_year, years, steps=("Start", "6 months", "1 year", "2 years", "3 years")):
    """Wage schedule tables; rates rise 3.5%, 3.25%, 3% ... each contract year."""
    blocks = [h1("APPENDIX A - WAGE SCHEDULES")]
    blocks.append(p("The following hourly rates take effect on the first day of the first full payroll period on or "
                    "after the date shown. Employees progress from step to step on the anniversary of their entry "
                    "into the classification. No employee shall suffer a reduction in rate as a result of this "
                    "Agreement."))
    raises = [0.035, 0.0325, 0.03, 0.03, 0.0275]
    for yi, y in enumerate(years):
        factor = 1.0
        for r in raises[:yi + 1]:
            factor *= 1 + r
        blocks.append(h2(f"Schedule A-{yi + 1}: Rates effective {y}"))
        rows = [["Grade", "Classification"] + list(steps)]
        for grade, name, base in classes:
            rates = []
            for si in range(len(steps)):
                rates.append(f"{base * factor * (1 + 0.035 * si):.2f}")
            rows.append([str(grade), name] + rates)
        blocks.append(("table", rows))
    return blocks


FIRST = ("Maria Jose Luis Ana Juan Carmen Nguyen Thi Minh Jean Marie Pierre Rosa Miguel Lucia Carlos Elena Pedro "
         "Sofia Daniel Grace Samuel Fatima Ahmed Amina Olga Ivan Mei Li Wei Kofi Ama Tomas Beatriz Raul Diana "
         "James Linda Robert Patricia Michael Barbara David Susan Joseph Karen Thomas Nancy Charles Betty").split()
LAST = ("Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz "
        "Nguyen Tran Le Pham Hoang Joseph Pierre Jean-Baptiste Louis Charles Smith Johnson Williams Brown Jones "
        "Miller Davis Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis "
        "Robinson Walker Young Allen King Wright Scott Mensah Owusu Boateng Ali Hassan Kowalski Novak Chen Wang").split()


def seniority_list(c, n, depts, seed, first_year=1994, last_year=2025):
    rnd = random.Random(seed)
    rows = [["No.", "Employee", "Emp. No.", "Department", "Facility seniority date"]]
    dates = []
    for _ in range(n):
        y = rnd.randint(first_year, last_year)
        m = rnd.randint(1, 12)
        d = rnd.randint(1, 28)
        dates.append((y, m, d))
    dates.sort()
    for i, (y, m, d) in enumerate(dates, 1):
        name = f"{rnd.choice(LAST)}, {rnd.choice(FIRST)}"
        rows.append([str(i), name, f"{rnd.randint(10000, 99999)}", rnd.choice(depts), f"{m:02d}/{d:02d}/{y}"])
    return [h1("APPENDIX B - FACILITY SENIORITY LIST"),
            p("The following list shows facility seniority as of the effective date of this Agreement, subject to "
              "correction under the Probation and Seniority article."),
            ("table", rows)]


def number_articles(blocks):
    """Replace {n} in article headings with consecutive numbers; return blocks and a map of first words."""
    out, n = [], 0
    for kind, t in blocks:
        if kind == "h1" and "{n}" in t:
            n += 1
            t = t.replace("{n}", str(n))
        out.append((kind, t))
    # resolve forward reference to the grievance article
    g = next((t.split(" - ")[0].split()[-1] for k, t in out if k == "h1" and "GRIEVANCE PROCEDURE" in t), "")
    return [(k, t.replace("{grievance}", g) if isinstance(t, str) else t) for k, t in out]
