"""The section tree: heading forms, conservative rejection, TOCs, cross-references, numbering,
and hand-checked trees of the real samples."""
from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.document import Document, OffsetMap
from checker.structure import build_sections, int_to_roman, letter_to_int, normalize_component, roman_to_int


def doc_of(text: str) -> Document:
    omap = OffsetMap()
    omap.add(0, None, 1)
    d = Document(path="t.txt", format="txt", sha256="", text=text.strip("\n"), offset_map=omap)
    build_sections(d)
    return d


def first(text: str):
    d = doc_of(text)
    assert d.sections, f"no heading found in {text!r}"
    s = d.sections[-1]
    return s.kind, s.number, s.key, s.heading


@pytest.mark.parametrize("text, expected", [
    ("ARTICLE 16", ("article", "ARTICLE 16", "16", "")),
    ("ARTICLE 16 – HOURS OF WORK", ("article", "ARTICLE 16", "16", "HOURS OF WORK")),
    ("Article XII\nSENIORITY\nText.", ("article", "Article XII", "12", "SENIORITY")),
    ("Art. 7 - Wages", ("article", "Art. 7", "7", "Wages")),
    ("ARTICLE 10.1C--UNION STEWARDS (Employment Department)", ("article", "ARTICLE 10.1C", "10.1C", "UNION STEWARDS (Employment Department)")),
    ("ARTICLE 12\nSection 12.3 Overtime. Paid at time and one-half.", ("section", "Section 12.3", "12.3", "Overtime")),
    ("ARTICLE 12 PAY\n12.3 Overtime", ("section", "12.3", "12.3", "Overtime")),
    ("ARTICLE 12 PAY\n12.3 Overtime\n12.3.1 Rates", ("subsection", "12.3.1", "12.3.1", "Rates")),
    ("ARTICLE 4 PAY\nSection C. Travel", ("section", "Section C", "C", "Travel")),
    ("ARTICLE 10\n10.VI.B Leave", ("subsection", "10.VI.B", "10.6.B", "Leave")),
    ("ARTICLE 5\nAPPENDIX A\nWAGE RATES", ("appendix", "APPENDIX A", "A", "WAGE RATES")),
    ("ARTICLE 5\nSIDE LETTER #3 Interpreters", ("side_letter", "SIDE LETTER #3", "3", "Interpreters")),
    ("ARTICLE 5\nSIDE LETTER NO. 1 — IMMIGRATION LEAVE", ("side_letter", "SIDE LETTER NO. 1", "1", "IMMIGRATION LEAVE")),
    ("ARTICLE 5\nLetter of Understanding No. 4 – Training", ("side_letter", "Letter of Understanding No. 4", "4", "Training")),
    ("ARTICLE 5\nLETTER OF UNDERSTANDING", ("side_letter", "LETTER OF UNDERSTANDING", "1", "")),
    ("ARTICLE 5\nMEMORANDUM OF UNDERSTANDING 2024-01", ("side_letter", "MEMORANDUM OF UNDERSTANDING 2024-01", "2024-01", "")),
    ("ARTICLE 31 IMMIGRATION\n31.2 Notice\n(a) The Employer shall notify the Union.", ("item", "(a)", "31.2(a)", "The Employer shall notify the Union")),
])
def test_structure_heading_forms(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", [
    "Employees who work more than eight hours in a day receive\n12 hours of pay at the premium rate.",
    "The parties agree that the provisions of\nArticle 5 of this Agreement apply to all temporary employees here.",
    "Overtime is paid at the rate of time and one-half for all hours beyond\n1.5 times the regular rate shall apply.",
    "ARTICLE 12 PAY\nThe rate is\n2.50 dollars per hour more than the base rate of pay for work.",
    "as described in this Agreement and the county rules and the related sections, and\nSection 4 of the rules applies.",
    "The employee shall receive paid leave as described elsewhere in the agreement under\nAppendix B of the plan.",
])
def test_structure_sentences_are_not_headings(text):
    d = doc_of(text)
    assert all(s.kind == "article" and s.key == "12" for s in d.sections), [(s.kind, s.number) for s in d.sections]


def test_structure_tree_parents_spans_and_items():
    d = doc_of("""
ARTICLE 31 IMMIGRATION
31.1 Purpose. The parties recognize the contributions of immigrant workers.
31.2 Notice of Inspection
(a) The Employer shall notify the Union within 72 hours;
(i) of any I-9 audit; and
(ii) of any worksite visit.
(b) The Employer shall provide copies.
31.3 Reverification
ARTICLE 32 WAGES
32.1 Rates.
""")
    keys = {s.key: s for s in d.sections}
    assert [s.key for s in d.sections] == ["31", "31.1", "31.2", "31.2(a)", "31.2(a)(i)", "31.2(a)(ii)", "31.2(b)",
                                           "31.3", "32", "32.1"]
    assert keys["31.2(a)(ii)"].parent == keys["31.2(a)"].index
    assert keys["31.2(b)"].parent == keys["31.2"].index
    assert keys["31.2"].children == [keys["31.2(a)"].index, keys["31.2(b)"].index]
    assert [s.level for s in d.sections[:5]] == [1, 2, 2, 3, 4]
    art = keys["31"]
    assert d.text[art.start:art.end].startswith("ARTICLE 31") and d.text[art.start:art.end].endswith("31.3 Reverification")
    off = d.text.index("worksite visit")
    assert d.section_at(off) is keys["31.2(a)(ii)"]
    assert [s.key for s in d.ancestors(keys["31.2(a)(ii)"])] == ["31.2(a)", "31.2", "31"]


def test_structure_letters_vs_roman_items():
    d = doc_of("ARTICLE 1 X\n" + "\n".join(f"({c}) item {c}." for c in "abcdefghij"))
    items = [s for s in d.sections if s.kind == "item"]
    assert [s.key for s in items] == [f"1({c})" for c in "abcdefghij"]
    assert all(s.parent == 0 for s in items)


def test_structure_toc_recognized_and_not_body():
    d = doc_of("""
TABLE OF CONTENTS
ARTICLE 1 RECOGNITION .................... 1
ARTICLE 2 WAGES .......................... 3
2.1 Rates .............................. 3
ARTICLE 3 HOURS .......................... 5
AGREEMENT
ARTICLE 1 RECOGNITION
The Employer recognizes the Union.
ARTICLE 2 WAGES
2.1 Rates. Wages are set out in Appendix A.
ARTICLE 3 HOURS
""")
    assert len(d.toc_spans) == 1
    a, b = d.toc_spans[0]
    assert d.text[a:b].startswith("TABLE OF CONTENTS") and d.text[a:b].endswith("5")
    arts = [s for s in d.sections if s.kind == "article"]
    assert [s.key for s in arts] == ["1", "2", "3"]
    assert all(s.start >= b for s in d.sections)
    assert d.in_toc(a + 5) and not d.in_toc(arts[0].start)


@pytest.mark.parametrize("leader, page, is_toc", [
    (" " + "." * 40 + " ", "12", True),
    ("." * 60, "12", True),
    (" " + "." * 40 + " . ", "12", True),  # a last dot set apart
    (" " + "…" * 12 + " ", "12", True),
    (" " + ". " * 12, "12", True),
    (" " + "_" * 30 + " ", "iv", True),
    (" " + "." * 90, "", False),  # a ruled-off line of dots with no page number is no entry
    (" ...", "12", False),  # three dots are an ellipsis, not a leader
])
def test_structure_toc_leader_styles(leader, page, is_toc):
    toc = "\n".join(f"ARTICLE {n} TITLE {n}{leader}{page}" for n in (1, 2, 3))
    d = doc_of(f"TABLE OF CONTENTS\n{toc}\nAGREEMENT\nARTICLE 1 RECOGNITION\nThe Employer recognizes the Union.")
    assert bool(d.toc_spans) == is_toc


def test_structure_toc_without_leaders():
    d = doc_of("Article 1 RECOGNITION 1\nArticle 2 WAGES 3\nArticle 3 HOURS 5\n\nARTICLE 1 RECOGNITION\nText.")
    assert len(d.toc_spans) == 1
    assert [s.key for s in d.sections] == ["1"]


REFS_DOC = """
ARTICLE 8 LEAVES
Section 8.4 Immigration Leave. Up to five days.
(a) Unpaid leave to attend proceedings.
ARTICLE X MISCELLANEOUS
Section VI Rules
B. Posting. The Employer posts rules.
ARTICLE 22 NO DISCRIMINATION
Section 1. General. No discrimination on national origin.
ARTICLE 31 IMMIGRATION
31.2 Notice
(a) The Employer notifies the Union.
"""


@pytest.mark.parametrize("ref, key", [
    ("Section 8.4", "8.4"), ("Article 22", "22"), ("Article 10.VI.B", "6.B"), ("Section 31.2(a)", "31.2(a)"),
    ("Article X", "10"), ("§ 8.4", "8.4"), ("Section 8.4(a)", "8.4(a)"), ("Article 99", None), ("Section 22.1", "1"),
])
def test_structure_resolve_references(ref, key):
    d = doc_of(REFS_DOC)
    s = d.resolve(ref)
    assert (s.key if s else None) == key


def test_structure_resolve_this_article_and_local_section():
    d = doc_of(REFS_DOC)
    ctx = d.section_at(d.text.index("No discrimination on"))
    assert d.resolve("this Article", context=ctx).key == "22"
    assert d.resolve("this Section", context=ctx).number == "Section 1."[:-1]
    assert d.resolve("Section 1", context=ctx).parent == d.resolve("Article 22").index
    assert d.resolve("this Article") is None


@given(st.integers(min_value=1, max_value=3999))
def test_structure_roman_round_trip(n):
    r = int_to_roman(n)
    assert roman_to_int(r) == n
    assert roman_to_int(r.lower()) == n
    assert normalize_component(r) == (str(n) if len(r) > 1 else r)


@given(st.text(alphabet="IVXLCDM", min_size=1, max_size=8))
def test_structure_roman_rejects_malformed(s):
    v = roman_to_int(s)
    assert v is None or int_to_roman(v) == s


@given(st.integers(min_value=1, max_value=26 * 3))
def test_structure_letters_count_like_word(n):
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    assert letter_to_int(letter) == n


def test_structure_is_fast_on_large_text():
    body = "\n".join(
        f"ARTICLE {a} TOPIC {a}\n" + "\n".join(
            f"{a}.{s} Heading {s}. " + "Body words of the clause continue here " * 3 + "\n(a) first;\n(b) second."
            for s in range(1, 15)) for a in range(1, 120))
    t = time.perf_counter()
    d = doc_of(body)
    assert time.perf_counter() - t < 1.0
    assert sum(s.kind == "article" for s in d.sections) == 119


# ---- real samples, trees checked by hand against the PDFs/text ------------------------------
REAL = [
    # file, articles, [(key, heading starts with, first page)], other expectations
    ("teamsters710-contract-2013.pdf", 48, [("1", "RECOGNITION AND BARGAINING", 4), ("38", "NON-DISCRIMINATION", 70),
                                           ("48", "CONTRACT TERMS", 86)]),
    ("orange-county-sheriffs-special-officer-mou-2019-2023.pdf", 28, [("1", "WORKWEEK, OVERTIME AND PREMIUM PAY", 6),
                                                                     ("17", "NONDISCRIMINATION", 86),
                                                                     ("21", "RETIREMENT", 101)]),
    ("safeway-pueblo-meat-2022-2025.pdf", 57, [("1", "RECOGNITION AND EXCLUSIONS", 3), ("18", "SCHEDULE POSTING", 16),
                                               ("47", "DISCHARGE AND NO DISCRIMINATION", 46)]),
    ("washington-county-afscme-2024-2027.md", 29, [("7", "EQUAL EMPLOYMENT OPPORTUNITY", 15), ("12", "WAGES", 24),
                                                   ("29", "EFFECTIVE DATE AND DURATION", 69)]),
    ("oregon-state-seiu503-master-2023-2025.md", 309, [("1", "PARTIES TO THE AGREEMENT", 12), ("22", "NO DISCRIMINATION", 30),
                                                       ("10.1C", "UNION STEWARDS (Employment Department)", 20)]),
    ("grinnell-ugsdw-contract-2024-2027.md", 9, [("1", "RECOGNITION", None), ("5", "UNION SECURITY, DATA PRIVACY", None),
                                                 ("9", "TERM", None)]),
]


@pytest.mark.parametrize("name, articles, checks", REAL, ids=[r[0].split("-")[0] for r in REAL])
def test_structure_real_samples(shared_dir, name, articles, checks):
    from checker.ingest import load_document

    doc = load_document(shared_dir / "samples" / "real" / name)
    arts = [s for s in doc.sections if s.kind == "article"]
    assert len(arts) == articles
    by_key = {}
    for a in arts:
        by_key.setdefault(a.key, a)
    for key, heading, page in checks:
        assert by_key[key].heading.startswith(heading)
        assert by_key[key].first_page == page
    for a in arts:
        assert not doc.in_toc(a.start)


@pytest.mark.parametrize("name, ref, key", [
    ("safeway-pueblo-meat-2022-2025.pdf", "Article 47", "47"),
    ("washington-county-afscme-2024-2027.md", "Section 12.12", "12.12"),
    ("grinnell-ugsdw-contract-2024-2027.md", "Section 8.1", "8.1"),
    ("orange-county-sheriffs-special-officer-mou-2019-2023.pdf", "Article XVII", "17"),
])
def test_structure_real_sample_references(shared_dir, name, ref, key):
    from checker.ingest import load_document

    doc = load_document(shared_dir / "samples" / "real" / name)
    assert doc.resolve(ref).key == key


@pytest.mark.parametrize("name, tocs", [("safeway-pueblo-meat-2022-2025.pdf", 1),
                                        ("washington-county-afscme-2024-2027.md", 1)])
def test_structure_real_sample_tocs(shared_dir, name, tocs):
    from checker.ingest import load_document

    doc = load_document(shared_dir / "samples" / "real" / name)
    assert len(doc.toc_spans) == tocs
    assert doc.position(doc.toc_spans[0][0]).page <= 2


def test_structure_list_restarting_at_one_nests():
    d = doc_of("""
ARTICLE 3 WAGE SCALE
1. Rates. Rates are set out below.
A. Classifications.
1. Drivers are paid the driver rate.
2. Loaders are paid the loader rate.
B. Progression.
2. Duties. Duties are assigned by seniority.
""")
    by_line = {d.text[s.start:].split("\n")[0]: s for s in d.sections}
    duties = by_line["2. Duties. Duties are assigned by seniority."]
    assert d.sections[duties.parent].key == "3"
    loaders = by_line["2. Loaders are paid the loader rate."]
    assert d.sections[loaders.parent].number == "A."


def test_structure_appendix_letters_nest_and_subject_lines_are_not_articles():
    d = doc_of("""
ARTICLE 21 GRIEVANCES
Text.
ARTICLE 22 NO DISCRIMINATION
Text.
APPENDIX A LETTERS OF AGREEMENT
LETTER OF AGREEMENT 22.00-23-461
Article 22 – No Discrimination
The parties agree to meet.
APPENDIX A LETTERS OF AGREEMENT
LETTER OF AGREEMENT 21.1C-99-07
Article 21.1C – Grievances
""")
    tops = [s for s in d.sections if s.parent is None]
    assert [(s.kind, s.key) for s in tops] == [("article", "21"), ("article", "22"), ("appendix", "A")]
    letters = [s for s in d.sections if s.kind == "side_letter"]
    assert [s.key for s in letters] == ["22.00-23-461", "21.1C-99-07"]
    assert all(s.parent == tops[2].index for s in letters)


@pytest.mark.parametrize("heading", ["SECTION 4.  NON-RETALIATION", "§ 4 Non-Retaliation", "Section 4 - Non-Retaliation"])
def test_structure_decimal_sections_nest_in_a_whole_number_section(heading):
    from checker.api import document_from_text

    doc = document_from_text(f"{heading}\n\n4.1 The Company shall not threaten any employee.\n\n"
                             "4.2 Any such threat is presumed retaliatory.\n\nSECTION 5.  AGENTS\n\n5.1 Text.\n")
    by_key = {s.key: s for s in doc.sections}
    assert by_key["4.1"].parent == by_key["4"].index and by_key["4.2"].parent == by_key["4"].index
    assert by_key["5.1"].parent == by_key["5"].index


def test_structure_schedule_style_numbers_open_sections():
    from checker.api import document_from_text

    doc = document_from_text("SCHEDULE D\n\nD-1. Who is protected\n\n(a) Everyone.\n\n(b) Always.\n\n"
                             "D-2. The gate\n\n(a) No entry.\n", markdown=False)
    by_number = {s.number: s for s in doc.sections}
    assert by_number["D-1"].heading == "Who is protected" and by_number["D-2"].heading == "The gate"
    assert [doc.sections[c].number for c in by_number["D-1"].children] == ["(a)", "(b)"]


def test_structure_numbered_paragraphs_of_a_document_without_articles_are_sections():
    from checker.api import document_from_text

    doc = document_from_text("MEMORANDUM OF AGREEMENT\n\nNOW, THEREFORE, the parties agree as follows:\n\n"
                             "1. Definitions. In this MOA, \"Company\" includes its managers.\n\n"
                             "2. Electronic Verification. The Company shall not enroll.\n\n(a) Detail.\n\n"
                             "3. Term. Three years.\n")
    tops = [s for s in doc.sections if s.parent is None]
    assert [s.number for s in tops] == ["1.", "2.", "3."]
    assert [doc.sections[c].number for c in tops[1].children] == ["(a)"]


def test_structure_markdown_headings_numbered_like_items_are_sections():
    from checker.api import document_from_text

    doc = document_from_text("# Agreement\n\n## 1. Scope\n\n1.1 Text.\n\n## 2. Definitions\n\n2.1 More.\n",
                             markdown=True)
    by_number = {s.number: s for s in doc.sections}
    assert by_number["1."].heading == "Scope" and by_number["2."].heading == "Definitions"
    assert doc.sections[by_number["2.1"].parent].number == "2."
