"""Content of the three long documents of written_d (rendered by make_pdf.py and make_docx.py)."""
from cba_common import (h1, h2, p, recognition, union_security, management_rights, nondiscrimination, stewards,
                        probation_seniority, layoff_recall, job_posting, hours_overtime, holidays, vacation,
                        sick_leave, leaves, health_benefits, safety, discipline, attendance, grievance, no_strike,
                        misc, separability_duration, wage_tables, seniority_list, number_articles)


# ---------------------------------------------------------------------------------------------
# d01: poultry processing plant, PDF. An immigration article buried between ordinary articles,
# plus interpreter/translation and E-Verify clauses scattered elsewhere.
# ---------------------------------------------------------------------------------------------
def doc_poultry():
    c = dict(E="Company", U="Union",
             employer_full="Riverbend Poultry Processing, LLC, at its plant in Dalton Springs, Georgia",
             union_full="United Food and Packing Workers, Local 1190",
             unit_desc="full-time and regular part-time production, sanitation, maintenance, shipping and receiving "
                       "employees at the Dalton Springs plant")
    hiring = [
        h1("ARTICLE {n} - HIRING"),
        p("The Company shall notify the Union of each job fair or hiring event at least seven (7) days in advance, and "
          "the Union may refer applicants. Referred applicants shall be considered on the same basis as any other "
          "applicant."),
        p("The Company currently participates in the federal E-Verify program. The Company shall use E-Verify only to "
          "verify newly hired employees after an offer of employment has been accepted, and shall not use it to check "
          "any current employee. If E-Verify returns a tentative nonconfirmation, the Company shall give the employee "
          "written notice of it the same day, shall allow the employee the full period provided by federal rules to "
          "contest it, and shall not suspend, discipline or discharge the employee, or delay training or reduce hours, "
          "while the case remains open."),
    ]
    interp = [
        p("The Company shall provide a qualified interpreter, at no cost to the employee, at every investigatory "
          "interview, disciplinary meeting and grievance meeting involving an employee who is not fluent in English. A "
          "supervisor or a co-worker who is a witness in the matter shall not act as interpreter."),
    ]
    imm = [
        h1("ARTICLE {n} - IMMIGRATION-RELATED PROTECTIONS"),
        h2("Section 1. Coverage"),
        p("All rights and benefits under this Agreement apply to every employee in the bargaining unit regardless of "
          "immigration or citizenship status. In this Article, immigration enforcement agent means any officer or "
          "agent of U.S. Immigration and Customs Enforcement, including Homeland Security Investigations, of U.S. "
          "Customs and Border Protection or of any other part of the Department of Homeland Security, and any state or "
          "local officer acting to enforce federal immigration law."),
        h2("Section 2. Access to the Plant"),
        p("The Company, its supervisors, its plant security staff and its contract guards shall not consent to any "
          "immigration enforcement agent entering the production floor, the sanitation and maintenance shops, the "
          "locker rooms, the break rooms or any other part of the plant that is not open to the public, and shall not "
          "consent to the questioning, search or seizure of any employee in those areas, unless the agent presents a "
          "warrant signed by a federal judge or magistrate judge that authorizes it."),
        h2("Section 3. Notice to the Union"),
        p("The Company shall notify the Union's business agent by telephone and e-mail within eight (8) hours after any "
          "immigration enforcement agent visits the plant, asks to enter it, contacts the Company about any employee or "
          "requests any employee's records, and within eight (8) hours after the Company learns of any immigration "
          "investigation concerning an employee. The Company shall give the Union a copy of every written "
          "communication it receives from an immigration enforcement agency concerning any employee within one (1) "
          "business day after receipt."),
        h2("Section 4. Social Security Discrepancies"),
        p("A notice from the Social Security Administration that an employee's name and Social Security number do not "
          "match, or any other discrepancy in an employee's Social Security number, shall not by itself be grounds for "
          "discipline, suspension, discharge, reverification of work authorization or the completion of a new Form I-9. "
          "The Company shall give the employee and the Union a copy of any such notice within seven (7) days after "
          "receiving it."),
        p("The employee shall have ninety (90) days after receiving the copy to contact the Social Security "
          "Administration and pursue a correction. The Company shall not require the employee to show that a "
          "correction has been requested or made."),
        h2("Section 5. Loss of Work Authorization"),
        p("If the Company can no longer lawfully employ an employee because the employee does not hold valid work "
          "authorization, the Company shall place the employee on an unpaid leave of absence instead of discharging the "
          "employee. If the employee presents valid work authorization within twelve (12) months after the leave "
          "begins, the Company shall reinstate the employee to his or her former job or, if it no longer exists, to an "
          "equivalent job, with full seniority and without a new probationary period."),
        h2("Section 6. Immigration Appointments"),
        p("The Company shall grant an employee up to five (5) days of unpaid leave in each calendar year to attend the "
          "employee's own immigration hearings or appointments, or those of the employee's minor children. The "
          "employee shall give at least two (2) days' notice except in an emergency. Leave under this Section shall not "
          "count as points under the attendance system, and the employee shall return to his or her former job without "
          "loss of seniority."),
    ]
    general_extra = [
        h1("ARTICLE {n} - TRANSLATION OF AGREEMENT AND NOTICES"),
        p("Within sixty (60) days after ratification the Company shall have this Agreement translated into Spanish, "
          "Haitian Creole and Vietnamese at its own expense, and shall give a copy in the language of the employee's "
          "choice to every employee. The Company shall post every notice to employees, including notices under the "
          "Immigration-Related Protections article, in English, Spanish, Haitian Creole and Vietnamese. In a dispute "
          "over the meaning of this Agreement the English text governs."),
    ]
    classes = [
        (1, "General Production", 16.10), (1, "Sanitation Worker", 16.10), (2, "Live Hang", 17.35),
        (2, "Deboning Line", 16.85), (2, "Packing", 16.40), (3, "Quality Assurance Tech", 18.20),
        (3, "Forklift Operator", 18.00), (3, "Shipping Clerk", 17.70), (4, "Sanitation Lead", 19.15),
        (4, "Refrigeration Helper", 19.40), (5, "Maintenance Mechanic B", 22.60), (6, "Maintenance Mechanic A", 25.85),
        (6, "Electrician", 27.40), (4, "Boiler Operator", 21.05), (2, "Tray Pack", 16.55), (2, "Evisceration", 17.05),
        (3, "Scale Operator", 17.95), (1, "Laundry Attendant", 15.90), (3, "Truck Washer", 16.75),
        (4, "Inventory Control", 18.85), (5, "Refrigeration Mechanic", 24.10), (2, "Chiller Attendant", 16.95),
        (2, "Giblet Line", 16.45), (3, "Box Room", 16.90)]
    years = ["March 2, 2025", "March 1, 2026", "February 28, 2027", "March 5, 2028"]
    body = (recognition(c) + union_security(c) + management_rights(c)
            + nondiscrimination(c, "race, color, religion, sex, sexual orientation, gender identity, national origin, "
                                   "age, disability, veteran status, citizenship status or immigration status")
            + hiring + stewards(c) + probation_seniority(c) + layoff_recall(c) + job_posting(c) + hours_overtime(c)
            + holidays(c) + vacation(c) + sick_leave(c) + leaves(c) + health_benefits(c) + safety(c)
            + discipline(c, interp) + attendance(c)
            + [h1("ARTICLE {n} - LINE SPEED AND STAFFING"),
               p("The Company shall not increase line speed on any evisceration or deboning line without adding staff "
                 "sufficient to keep the workload per employee at or below the level of the prior quarter, as "
                 "measured by the joint Ergonomics Subcommittee. The Union may request the line speed logs of any line "
                 "for any day and the Company shall provide them within three (3) working days."),
               p("Employees on the line shall be rotated between stations at least every two (2) hours to reduce "
                 "repetitive strain, and shall be allowed to leave the line to use the restroom when needed; relief "
                 "shall be provided within ten (10) minutes of a request.")]
            + grievance(c) + no_strike(c) + misc(c) + imm + general_extra
            + separability_duration(c, "March 2, 2025", "March 1, 2029"))
    body = number_articles(body)
    title = [("title", "AGREEMENT"), ("title", "between"), ("title", "RIVERBEND POULTRY PROCESSING, LLC"),
             ("title", "Dalton Springs Plant"), ("title", "and"),
             ("title", "UNITED FOOD AND PACKING WORKERS, LOCAL 1190"),
             ("title", "March 2, 2025 through March 1, 2029"), ("pagebreak", "")]
    apps = wage_tables(c, classes, 2025, years) + [("pagebreak", "")] + seniority_list(
        c, 330, ["Live Hang", "Evisceration", "Deboning", "Packing", "Sanitation", "Maintenance", "Shipping"], 11)
    return dict(name="d01_poultry_cba", header="Riverbend Poultry / UFPW Local 1190 - Agreement 2025-2029",
                blocks=title + body + [("pagebreak", "")] + apps)


# ---------------------------------------------------------------------------------------------
# d02: janitorial contractor, DOCX. No immigration article; clauses scattered through ordinary
# articles (successorship, seniority, attendance, holidays, legal trust, safety/training).
# ---------------------------------------------------------------------------------------------
def doc_janitorial():
    c = dict(E="Employer", U="Union",
             employer_full="Keystone Building Services, Inc.",
             union_full="Building Service Workers Union, Local 26B",
             unit_desc="janitors, porters, matrons, lead cleaners, day porters and window washers employed by the "
                       "Employer in commercial office buildings in Hennepin and Ramsey Counties")
    success = [
        h1("ARTICLE {n} - SUCCESSORSHIP AND CHANGE OF CONTRACTOR"),
        p("When the Employer takes over cleaning services at a building from another contractor, it shall offer "
          "employment to the employees of the prior contractor working at the building for a trial period of ninety "
          "(90) days, and shall retain them thereafter unless there is just cause for discharge."),
        p("When the Employer loses a building contract, it shall give the Union and the affected employees thirty "
          "(30) days' notice, shall provide the successor contractor with a list of employees, their hire dates and "
          "wage rates, and shall offer affected employees, by seniority, any vacancy at its other buildings."),
        p("A transfer between buildings, a return from layoff or from a leave of absence, a promotion, and a change "
          "of contractor at a building shall not be treated as a new hire. The Employer shall not require any "
          "employee in those circumstances to complete a new Form I-9, and when it takes over a building it shall "
          "retain and rely on the Forms I-9 completed by the prior contractor for the employees it hires, and shall "
          "require the same of any contractor that succeeds it."),
    ]
    seniority_extra = [
        h2("Section 5. Changes of Name or Number"),
        p("An employee who, after a lawful change, gives the Employer a new name, a new Social Security number or a "
          "new employment authorization document shall retain his or her seniority, wage rate, vacation accrual and all "
          "other benefits, and the change shall be recorded as a correction of the employee's records."),
    ]
    attend_extra = [
        p("An absence caused by the arrest or detention of the employee by immigration authorities shall be excused, "
          "shall not count as points, and shall not be treated as a voluntary quit or job abandonment. The Employer "
          "shall hold the employee's position for sixty (60) days, and an employee who returns within that time with "
          "valid work authorization shall be reinstated to his or her former building and shift with full "
          "seniority."),
    ]
    holiday_extra = [
        p("In addition, an employee shall be given one (1) day off with pay, not charged against vacation, sick leave "
          "or floating holidays, to attend his or her own naturalization ceremony."),
    ]
    safety_extra = [
        h2("Client Building Security and Visits by Government Agents"),
        p("Within ninety (90) days after ratification the Employer and the Union shall agree on a written procedure "
          "for responding to visits by immigration agents at client buildings, and the Employer shall train every "
          "supervisor, site lead and dispatcher on that procedure. Employees may attend up to two (2) hours per year "
          "of Union know-your-rights training on paid time, where operational needs permit, as determined by the "
          "Employer."),
        p("Employees shall comply with the security rules of each client building, including sign-in, badge and key "
          "control procedures, and shall report lost keys and badges at once."),
    ]
    trust = [
        h1("ARTICLE {n} - LEGAL SERVICES TRUST"),
        p("Beginning with the first full month after ratification, the Employer shall contribute eight cents ($0.08) "
          "for each hour paid to each employee to the Building Service Legal Services Trust Fund. The Trust shall "
          "provide free legal services to employees and their spouses and dependent children, including "
          "immigration services such as citizenship applications, permanent residence applications and renewals, "
          "renewals of Deferred Action for Childhood Arrivals and Temporary Protected Status, and representation in "
          "removal proceedings, as well as services in housing, consumer and family law matters."),
        p("The Trust shall be administered by a board of trustees with equal numbers of Union and employer trustees, "
          "under a trust agreement that complies with Section 302 of the Labor Management Relations Act."),
    ]
    classes = [
        (1, "Janitor - Class A building", 19.85), (1, "Janitor - Class B building", 18.60),
        (2, "Porter / Day Porter", 20.10), (2, "Matron", 19.85), (3, "Lead Cleaner", 21.40),
        (3, "Floor Care Technician", 21.15), (4, "Window Washer (ground)", 22.30),
        (5, "Window Washer (high-rise)", 26.75), (2, "Recycling Handler", 19.95), (3, "Carpet Technician", 20.90),
        (1, "Light Duty Cleaner", 18.25), (4, "Relief Supervisor", 23.60)]
    years = ["January 1, 2026", "January 1, 2027", "January 1, 2028", "January 1, 2029"]
    body = (recognition(c) + union_security(c) + management_rights(c)
            + nondiscrimination(c, "race, color, creed, religion, sex, sexual orientation, gender identity, "
                                   "national origin, ancestry, citizenship status, age, disability, marital status or "
                                   "public assistance status")
            + stewards(c) + success + probation_seniority(c) + seniority_extra + layoff_recall(c) + job_posting(c)
            + [h1("ARTICLE {n} - WORKLOAD"),
               p("Workloads shall be reasonable. When an employee's assigned area is increased by more than ten "
                 "percent (10%) in square footage, or a new tenant or service is added, the Employer shall review the "
                 "workload with the steward and the employee within fourteen (14) days. Disputes may be grieved at "
                 "Step 2, and the Union may request a joint walk-through."),
               p("No employee shall be required to clean more than twenty-eight thousand (28,000) square feet of "
                 "standard office space in an eight (8) hour shift, or a proportionate area on a shorter shift.")]
            + hours_overtime(c) + holidays(c, holiday_extra) + vacation(c) + sick_leave(c) + leaves(c)
            + attendance(c, attend_extra) + health_benefits(c) + trust + safety(c, safety_extra) + discipline(c)
            + grievance(c) + no_strike(c) + misc(c) + separability_duration(c, "January 1, 2026", "December 31, 2029"))
    body = number_articles(body)
    title = [("title", "AGREEMENT"), ("title", "between"), ("title", "KEYSTONE BUILDING SERVICES, INC."),
             ("title", "and"), ("title", "BUILDING SERVICE WORKERS UNION, LOCAL 26B"),
             ("title", "Commercial Office Cleaning - Twin Cities"),
             ("title", "January 1, 2026 through December 31, 2029"), ("pagebreak", "")]
    apps = wage_tables(c, classes, 2026, years) + seniority_list(
        c, 480, ["Capella Tower", "Wells Plaza", "Riverside Center", "Lowry Square", "St. Paul Commons",
                 "Gateway One", "Midway Office Park"], 26)
    return dict(name="d02_janitorial_cba", header="Keystone Building Services / Local 26B - 2026-2029",
                blocks=title + body + apps)


# ---------------------------------------------------------------------------------------------
# d03: hospital service and maintenance unit, PDF. An immigration article of mixed strength plus
# traps elsewhere: patient interpreters, visa sponsorship for nurses outside the unit, EAP list,
# bilingual differential.
# ---------------------------------------------------------------------------------------------
def doc_hospital():
    c = dict(E="Hospital", U="Union",
             employer_full="Mercy Valley Medical Center",
             union_full="Health Care Workers Union, Local 3",
             unit_desc="service, maintenance and technical employees of the Hospital, including certified nursing "
                       "assistants, environmental services, food and nutrition services, patient transport, sterile "
                       "processing, unit secretaries, pharmacy technicians and facilities employees")
    staffing = [
        h1("ARTICLE {n} - PATIENT SERVICES AND STAFFING"),
        p("The Hospital shall maintain its Patient Interpreter Services department and shall provide qualified "
          "medical interpreters, in person or by video, for patients and their families who prefer a language other "
          "than English. Bargaining unit employees shall not be assigned to interpret for patients unless they hold "
          "the Hospital's medical interpreter certification."),
        p("Employees who hold that certification and are designated by their department to use a second language "
          "with patients shall receive a bilingual differential of one dollar ($1.00) per hour for all hours paid."),
        p("The Hospital recruits foreign-educated registered nurses through its International Nurse Program and "
          "sponsors their visas and pays the related filing and legal fees. Registered nurses are not in this "
          "bargaining unit, and nothing in this Article or in the International Nurse Program creates any right or "
          "obligation under this Agreement."),
        p("Staffing grids for certified nursing assistants and unit secretaries shall be reviewed each quarter by the "
          "joint Staffing Committee, which may recommend changes to the Chief Nursing Officer. The Hospital shall "
          "respond to each recommendation in writing within thirty (30) days."),
    ]
    eap = [
        h1("ARTICLE {n} - EMPLOYEE ASSISTANCE PROGRAM"),
        p("The Hospital shall continue to provide a confidential Employee Assistance Program for employees and "
          "members of their households, offering up to six (6) free counseling sessions per issue per year and "
          "telephone referrals, through the EAP vendor, to resources in the community such as financial counselors, "
          "child and elder care services, legal aid clinics, tenant advocates and immigration lawyers. Any fees charged "
          "by a resource to which the EAP refers an employee are the employee's responsibility."),
    ]
    imm = [
        h1("ARTICLE {n} - IMMIGRANT EMPLOYEES"),
        h2("Section 1. Employee Records"),
        p("The Hospital shall not voluntarily give any immigration agency the personnel file, name, home address, "
          "work schedule, work location or immigration or citizenship status of any employee. The Hospital shall "
          "release such information only when compelled by a judicial warrant, a subpoena or other compulsory legal "
          "process, except that Forms I-9 shall be produced when lawfully demanded by a Notice of Inspection. When "
          "disclosure is compelled, the Hospital shall notify the affected employee and the Union in writing before "
          "it produces the information, or as soon as the law allows if advance notice is forbidden."),
        h2("Section 2. Inspections of Forms I-9"),
        p("Within five (5) business days after receiving a Notice of Inspection of its Forms I-9, the Hospital shall "
          "provide the Union with a copy of the Notice of Inspection."),
        p("Within seventy-two (72) hours after receiving the results of an inspection, the Hospital shall give each "
          "affected employee and the Union a copy of the results concerning the employee, a written explanation of "
          "the alleged deficiency, the deadline for responding and the steps needed to correct it."),
        h2("Section 3. Work Authorization"),
        p("The Hospital shall not ask any employee about his or her immigration or citizenship status, demand proof of "
          "it, or reverify the work authorization of any current employee, except where federal law requires it, such "
          "as when a time-limited employment authorization document expires or when the Hospital has actual or "
          "constructive knowledge, as federal regulations define those terms, that the employee is not authorized to "
          "work."),
        p("A return from leave or layoff, a transfer, a promotion, a reinstatement, and any merger, affiliation or "
          "change of ownership of the Hospital shall not require a new Form I-9, and the Hospital shall require any "
          "successor to keep and rely on the Forms I-9 on file."),
        h2("Section 4. Reverification Procedure"),
        p("Where federal law requires reverification, the Hospital shall first notify the Union in writing of the "
          "intended reverification and the facts on which it relies, and shall then give the employee written notice "
          "of the specific document or problem. The employee shall have one hundred twenty (120) calendar days from "
          "receiving that notice to resolve it, and the Hospital shall not suspend, discipline or discharge the "
          "employee before that period ends."),
        h2("Section 5. Crime Victims and Cooperation With Agencies"),
        p("The Hospital shall not retaliate against, discourage or penalize any employee who reports a crime, "
          "cooperates with a labor standards or law enforcement agency, or seeks certification for a U visa or T "
          "visa. The Hospital shall not oppose any employee's request for certification or petition for such a visa, "
          "and shall give the employee or the Union, within fourteen (14) days of a request, the records in its "
          "possession relevant to the underlying claim."),
        h2("Section 6. Changes in Immigration Law"),
        p("If a statute, regulation, executive order, agency policy or court decision changes immigration law or "
          "programs, including Deferred Action for Childhood Arrivals and Temporary Protected Status, in a way that "
          "affects employees, the parties shall meet within thirty (30) days after either party gives written notice "
          "and shall bargain over the effects of the change."),
    ]
    classes = [
        (1, "Environmental Services Aide", 18.40), (1, "Food Service Worker", 18.10), (2, "Patient Transporter", 19.05),
        (2, "Linen Aide", 18.35), (3, "Certified Nursing Assistant", 20.75), (3, "Unit Secretary", 20.30),
        (4, "Sterile Processing Tech I", 21.60), (5, "Sterile Processing Tech II", 23.35),
        (5, "Pharmacy Technician", 23.10), (4, "Cook", 21.25), (6, "Maintenance Engineer", 28.90),
        (6, "HVAC Technician", 30.15), (4, "Storeroom Clerk", 20.95), (3, "Dietary Clerk", 19.70),
        (5, "Monitor Technician", 22.85), (2, "Floor Care Aide", 18.90), (4, "Patient Care Tech", 22.05),
        (7, "Biomedical Equipment Tech", 32.40), (3, "Security Dispatcher", 20.10), (2, "Cafeteria Cashier", 18.25)]
    years = ["July 1, 2025", "July 1, 2026", "July 1, 2027"]
    body = (recognition(c) + union_security(c) + management_rights(c)
            + nondiscrimination(c, "race, color, religion, sex, sexual orientation, gender identity, national origin, "
                                   "ancestry, age, disability or veteran status")
            + stewards(c) + probation_seniority(c) + layoff_recall(c) + job_posting(c) + hours_overtime(c)
            + staffing + holidays(c) + vacation(c) + sick_leave(c) + leaves(c) + health_benefits(c) + eap
            + safety(c) + discipline(c) + attendance(c) + imm + grievance(c) + no_strike(c) + misc(c)
            + [h1("ARTICLE {n} - EDUCATION AND TUITION"),
               p("The Hospital shall reimburse tuition of up to three thousand dollars ($3,000) per calendar year for "
                 "courses leading to a certificate or degree in a health care field, including English as a second "
                 "language courses for employees who intend to pursue such a certificate or degree, payable on proof "
                 "of a passing grade."),
               p("An Education Fund of one hundred twenty-five thousand dollars ($125,000) per year shall be "
                 "available for career ladder programs jointly designed by the Hospital and the Union.")]
            + separability_duration(c, "July 1, 2025", "June 30, 2028"))
    body = number_articles(body)
    title = [("title", "COLLECTIVE BARGAINING AGREEMENT"), ("title", "between"),
             ("title", "MERCY VALLEY MEDICAL CENTER"), ("title", "and"),
             ("title", "HEALTH CARE WORKERS UNION, LOCAL 3"), ("title", "Service and Maintenance Unit"),
             ("title", "July 1, 2025 - June 30, 2028"), ("pagebreak", "")]
    apps = wage_tables(c, classes, 2025, years, steps=("Start", "1 yr", "2 yrs", "4 yrs", "6 yrs", "8 yrs")) + [
        ("pagebreak", "")] + seniority_list(
        c, 300, ["EVS", "Food and Nutrition", "Transport", "Nursing", "Sterile Processing", "Pharmacy", "Facilities"],
        3)
    return dict(name="d03_hospital_cba", header="Mercy Valley Medical Center - Local 3 Service and Maintenance",
                blocks=title + body + [("pagebreak", "")] + apps)
