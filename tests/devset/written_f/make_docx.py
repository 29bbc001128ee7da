"""Build f02_resort_associates_cba.docx (run with /work/main/.venv/bin/python make_docx.py)."""
from pathlib import Path
from docx import Document

OUT = Path(__file__).with_name("f02_resort_associates_cba.docx")

doc = Document()
doc.add_heading("Saguaro Springs Resort & Spa and the Desert Hospitality Associates' Association", level=0)
doc.add_paragraph("Collective Bargaining Agreement, January 1, 2026 through December 31, 2029 (excerpt: Articles 21 and 22)")

doc.add_heading("ARTICLE 21 - SCHEDULING OF BANQUET ASSOCIATES", level=1)
doc.add_paragraph(
    "21.1 Banquet associates shall be scheduled by seniority within each banquet classification. "
    "The Property shall post the banquet schedule by noon on Wednesday for the following week, and "
    "shall offer extra functions first to associates on the regular banquet list in order of seniority.")
doc.add_paragraph(
    "21.2 An associate who is sent home before completing four (4) hours shall be paid for four (4) "
    "hours at the straight-time rate, unless the function is cancelled because of an act of God.")

doc.add_heading("ARTICLE 22 - ASSOCIATES AND FEDERAL IMMIGRATION PERSONNEL", level=1)

doc.add_heading("22.1 Terms Used in This Article", level=2)
doc.add_paragraph(
    '(a) "Associate" means every person in the bargaining unit, whether regular, probationary, '
    'part-time, seasonal, banquet or on-call, and any former associate holding recall rights.')
doc.add_paragraph(
    '(b) "Federal immigration personnel" means officers, agents and contractors of U.S. Immigration '
    'and Customs Enforcement (including Homeland Security Investigations), U.S. Customs and Border '
    'Protection, any other part of the Department of Homeland Security, and any state, tribal or '
    'local officer acting on a civil immigration matter.')
doc.add_paragraph(
    '(c) "Back-of-house" means every part of the Property that guests do not ordinarily enter, '
    'including the kitchens, laundry, wardrobe, receiving dock, engineering shops, associate dining '
    'room, locker rooms and offices.')

doc.add_heading("22.2 Equal Standing of Every Associate", level=2)
doc.add_paragraph(
    "Each provision of this Agreement extends to every associate without regard to the associate's "
    "immigration or citizenship status. The Property shall not treat any associate or applicant "
    "differently because of citizenship, immigration status, the renewal or change of a work permit, "
    "or accent.")

doc.add_heading("22.3 Federal Immigration Personnel at the Property", level=2)
doc.add_paragraph(
    "(a) Neither the Property nor any of its managers, loss-prevention officers, or contractors "
    "shall admit federal immigration personnel to the back-of-house, or allow them to "
    "interview, search or detain any associate there, unless the personnel first produce a warrant "
    "issued and signed by a judge or magistrate judge of a court.")
doc.add_paragraph(
    "(b) An immigration detainer, an administrative subpoena, a Notice of Inspection, or a DHS Form "
    "I-200 or I-205 is not a warrant issued by a judge for purposes of this Section.")
doc.add_paragraph(
    "(c) Associates at the front desk and in loss prevention shall direct federal immigration "
    "personnel to the Director of People Services, who has been trained to review credentials.")

doc.add_heading("22.4 Informing the Association", level=2)
doc.add_paragraph(
    "(a) The Property shall call the Association's business agent at once, and shall confirm by "
    "e-mail within twenty-four (24) hours, each time federal immigration personnel come to the "
    "Property, get in touch with the Property about an associate, ask for any associate's file or "
    "information, or the Property becomes aware of any immigration inquiry into an associate.")
doc.add_paragraph(
    "(b) With the confirming e-mail the Property shall forward to the Association a copy of every "
    "letter, notice, subpoena or other writing it has received from federal immigration personnel "
    "about any associate.")

doc.add_heading("22.5 Associate Files", level=2)
doc.add_paragraph(
    "(a) The Property will not hand over, on its own initiative, any associate's file, name, home "
    "address, telephone number, schedule, station or immigration status to federal immigration "
    "personnel. It will produce them only when compelled by a warrant signed by a judge, a subpoena "
    "or other compulsory legal process; Forms I-9 will be produced when a Notice of Inspection "
    "lawfully demands them.")
doc.add_paragraph(
    "(b) Before producing anything under compulsion, the Property will tell the associate and the "
    "Association in writing, or, where a court or statute forbids advance notice, as soon as the "
    "law allows.")

doc.add_heading("22.6 Form I-9 Inspections", level=2)
doc.add_paragraph(
    "(a) No later than two (2) days after a Notice of Inspection arrives, the Property shall post it "
    "in the associate dining room and at the time clocks, in English, Spanish and Tagalog, and shall "
    "send a copy to the Association.")
doc.add_paragraph(
    "(b) No later than two (2) days after inspection results arrive, the Property shall hand each "
    "associate named in them, and send the Association, the results, the claimed deficiency, the "
    "response deadline and what the associate can do to cure it.")

doc.add_heading("22.7 If Personnel Execute a Warrant", level=2)
doc.add_paragraph(
    "(a) The Property shall see to it that any interview of an associate is held in as private a "
    "setting as possible. It shall not gather, line up or sort associates, shall not identify any "
    "associate to the personnel, and shall give no cooperation beyond what the warrant compels.")
doc.add_paragraph(
    "(b) Association representatives, with any lawyer or advocate they bring, are entitled to be on "
    "the Property during the action and to speak privately with affected associates there.")

doc.add_heading("22.8 Status Inquiries", level=2)
doc.add_paragraph(
    "(a) The Property shall not question any associate about immigration status, demand status "
    "papers, or re-verify a current associate's eligibility to work, except where federal law "
    "requires it (an expiring time-limited document, or actual or constructive knowledge as "
    "federal regulations define those terms).")
doc.add_paragraph(
    "(b) Continuing employment, including return from leave, transfer, promotion, reinstatement, or "
    "a sale of the Property or change of operator, calls for no new Form I-9, and the Property shall "
    "bind any new operator to keep the Forms I-9 on file.")

doc.add_heading("22.9 Social Security Mismatches", level=2)
doc.add_paragraph(
    "(a) A no-match letter from the Social Security Administration, or any other mismatch between an "
    "associate's name and number, is not by itself cause for discipline, suspension, termination, "
    "re-verification or a new Form I-9.")
doc.add_paragraph(
    "(b) The Property shall give the associate and the Association a copy of the mismatch notice, "
    "and the associate shall have no fewer than one hundred twenty (120) days to take it up with the "
    "Social Security Administration. The Property shall not ask the associate to prove that the "
    "mismatch was resolved.")
doc.add_paragraph(
    "(c) An associate who corrects a name, Social Security number or work permit after a lawful "
    "change shall lose no seniority, wage rate or benefits because of the correction.")

doc.add_heading("22.10 Time Away for Immigration Matters", level=2)
doc.add_paragraph(
    "(a) The Property shall release an associate from work to attend an immigration or citizenship "
    "appointment, interview or hearing of the associate, or of the associate's spouse, domestic "
    "partner, child or parent. Five (5) such days each year are paid.")
doc.add_paragraph(
    "(b) Such time away shall not count as an occurrence under the attendance policy, shall not lead "
    "to discipline, and shall not cost the associate the associate's job or seniority.")
doc.add_paragraph(
    "(c) An associate taking the oath of citizenship shall have that day off at full pay, not "
    "charged to PTO or any other bank.")

doc.add_heading("22.11 Absence Caused by Immigration Custody", level=2)
doc.add_paragraph(
    "An associate who is absent because of immigration arrest or custody is excused; the absence is "
    "not job abandonment, a no-call/no-show or a resignation. The Property shall hold the associate's "
    "position for no fewer than ninety (90) days and shall return the associate to it on presentation "
    "of valid work authorization.")

doc.add_heading("22.12 No Immigration Reprisals", level=2)
doc.add_paragraph(
    "The Property shall not threaten to call, or call, federal immigration personnel about an "
    "associate or an associate's relatives, and shall not re-verify, examine the papers of, or run "
    "any electronic query on an associate, because the associate supported the Association, brought "
    "a grievance or complaint, or helped any government agency. Any such step within ninety (90) "
    "days after that activity is presumed to be a reprisal.")

doc.add_heading("22.13 Legal Help", level=2)
doc.add_paragraph(
    "The Property shall pay eight cents ($0.08) for every hour paid to associates into the Desert "
    "Hospitality Immigration Legal Trust, which gives associates and their families free legal help "
    "with citizenship, green cards, DACA and TPS renewals, deportation defense and U and T visas.")

doc.save(OUT)
print("wrote", OUT)
