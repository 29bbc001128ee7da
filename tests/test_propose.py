"""`clausecheck propose`: the counter-proposal as a Word document, and `--redline` for a Word
draft (Word tracked changes, author "clausecheck"), read back with clausecheck's own reader."""
from __future__ import annotations

import os

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.api import check_file, check_text, default_corpus
from checker.ingest import load_document
from checker.ingest.word import count_revisions
from checker.propose import fill, find_parties, reflow
from cli import main

DEVSET = Path(__file__).parent / "devset"
ARTIFACTS = Path(__file__).parent / "artifacts"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

PREAMBLE = ('This Agreement is made between Crestmoor Logistics, LLC (the "Employer") and United Warehouse '
            'and Distribution Workers, Local 882 (the "Union").')
WEAK_WARRANT = ("16.1 Immigration Agents. The Employer will request that agents present a valid warrant before "
                "any immigration authority enters a non-public area of any worksite, as far as practicable.")
WEAK_NOTICE = ("16.2 Notice to the Union. The Employer shall notify the Union in writing as soon as practicable "
               "after immigration authorities visit or seek to enter any worksite.")
DRAFT = ["COLLECTIVE BARGAINING AGREEMENT", PREAMBLE, "ARTICLE 1 RECOGNITION",
         "1.1 The Employer recognizes the Union as the exclusive bargaining representative of all warehouse "
         "employees.", "ARTICLE 16 IMMIGRATION", WEAK_WARRANT, WEAK_NOTICE, "ARTICLE 17 HOURS OF WORK",
         "17.1 The normal work week is forty (40) hours, Monday through Friday."]


def propose(*args):
    return CliRunner().invoke(main, ["propose", *map(str, args)], catch_exceptions=False)


def docx_paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


# ---- the parties ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, employer, union, employer_term, union_term", [
    (PREAMBLE, "Crestmoor Logistics, LLC", "United Warehouse and Distribution Workers, Local 882", "Employer", "Union"),
    ('1.1  Valle Verde Fresh Pack, LLC (the "Company") and United Packing and\nAgricultural Workers (the "Union") '
     "enter into this Agreement.", "Valle Verde Fresh Pack, LLC", "United Packing and Agricultural Workers",
     "Company", "Union"),
    ('ARTICLE 1 RECOGNITION\n\n1.1 The County of Marisol ("County") recognizes the Marisol County Public '
     'Employees Association ("Association") as the exclusive representative of all employees.',
     "County of Marisol", "Marisol County Public Employees Association", "County", "Association"),
    ("AGREEMENT between Bayview Grand Hotel and Hotel and Hospitality Workers, Local 58.\n\n"
     "1.1 The Hotel recognizes the Union as the sole collective bargaining representative.",
     "Bayview Grand Hotel", "Hotel and Hospitality Workers, Local 58", "Hotel", "Union"),
    ("ARTICLE 1 RECOGNITION\n\n1.1 The Company recognizes the Union as the exclusive bargaining agent.",
     None, None, "Company", "Union"),
    ("Nothing here names anyone.", None, None, None, None),
])
def test_propose_parties_from_the_preamble_or_recognition_clause(text, employer, union, employer_term, union_term):
    p = find_parties(text)
    assert (p.employer, p.union, p.employer_term, p.union_term) == (employer, union, employer_term, union_term)


@pytest.mark.parametrize("text, names, expected", [
    ("The [Employer] shall notify the [Union].", {"Employer": "Crestmoor Logistics, LLC", "Union": "Local 882"},
     "Crestmoor Logistics, LLC shall notify Local 882."),
    ("The [Employer] shall notify the [Union].", {"Employer": "the Company", "Union": "the Union"},
     "The Company shall notify the Union."),
    ("a [Union] representative of the [Employer]'s choosing", {"Employer": "the Hotel", "Union": "the Union"},
     "a Union representative of the Hotel's choosing"),
    ("The [Employer] shall notify the [Union].", {"Employer": None, "Union": "Local 882"},
     "The [Employer] shall notify Local 882."),
    ("a [Union] representative; a [Employer] officer", {"Employer": "the Employer", "Union": "the Association"},
     "an Association representative; an Employer officer"),
])
def test_propose_fill_puts_the_names_in(text, names, expected):
    assert fill(text, names) == expected


def test_propose_reflow_every_model_clause_has_no_hard_line_breaks():
    for p in default_corpus().protections:
        title, paragraphs = reflow(p.model_text)
        assert title and "\n" not in title
        assert paragraphs and all("\n" not in x and "  " not in x for x in paragraphs)
        assert all(x.endswith((".", ";", ":")) for x in paragraphs), paragraphs  # whole items only
        assert " ".join(paragraphs).split() == " ".join(p.model_text.strip().splitlines()[1:]).split()


# ---- the counter-proposal ---------------------------------------------------------------------
@pytest.fixture
def text_draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("\n\n".join(DRAFT) + "\n", encoding="utf-8")
    return path


def test_propose_counter_docx_opens_and_fills_the_names(text_draft, tmp_path):
    import docx

    out = tmp_path / "counter.docx"
    result = propose(text_draft, "-o", out)
    assert result.exit_code == 0, result.stderr
    report = check_file(text_draft)
    proposed = [f.protection for f in report.findings if f.status != "matching"]
    assert result.stderr.startswith(f"wrote {out}: {len(proposed)} protection(s), 2 weakened, ")
    assert ("employer: the Employer, as the draft calls it (Crestmoor Logistics, LLC in the recognition clause)"
            in result.stderr)
    d = docx.Document(str(out))
    assert ('Proposed by United Warehouse and Distribution Workers, Local 882 (the "Union") to Crestmoor '
            'Logistics, LLC (the "Employer"), on the draft') in d.paragraphs[1].text
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Section", "Protection", "In the draft now", "Why"]
    assert len(table.rows) == 1 + len(proposed)
    titles = {f.protection: f.title for f in report.findings}
    assert [r.cells[1].text for r in table.rows[1:]] == [titles[p] for p in proposed]
    weak = [r for r in table.rows[1:] if r.cells[2].text.startswith("weakened")]
    assert [r.cells[2].text for r in weak] == ["weakened (§16.1, line 11)", "weakened (§16.2, line 13)"]
    text = "\n".join(p.text for p in d.paragraphs)
    assert "[Employer]" not in text and "[Union]" not in text
    # the language goes into this draft: it names the parties as the draft defines them
    assert "(a) The Employer, its managers and supervisors, its security staff" in text
    assert "(a) The Employer shall notify the Union President" in text
    sections = [p for p in d.paragraphs if p.text.startswith("Section ")]
    assert len(sections) == len(proposed)
    for p in sections:  # reflowed: a line break only between whole items, never inside a sentence
        lines = p.text.split("\n")
        assert len(lines) >= 2 and all(line.endswith((".", ";", ":")) for line in lines), p.text
        assert len(lines) == 2 or all(re.match(r"\([a-z]\) ", line) for line in lines[1:]), p.text


def test_propose_counter_article_checks_as_every_proposed_protection_matching(text_draft, tmp_path):
    out = tmp_path / "counter.docx"
    assert propose(text_draft, "-o", out).exit_code == 0
    proposed = {f.protection for f in check_file(text_draft).findings if f.status != "matching"}
    text = load_document(out).text  # the Word file as clausecheck reads it; the article, not the cover table
    report = check_text(text[text.index("ARTICLE [__] "):])
    got = {f.protection: f.status for f in report.findings if f.protection in proposed}
    assert got == dict.fromkeys(proposed, "matching")


@pytest.mark.parametrize("args, names, listed", [
    (["--employer", "Harbor Foods, Inc.", "--union", "Local 9"], ("Harbor Foods, Inc.", "Local 9"), None),
    ([], ("[Employer]", "[Union]"), "placeholders left to fill: [Employer], [Union]"),
])
def test_propose_names_from_options_or_left_as_placeholders(tmp_path, args, names, listed):
    draft = tmp_path / "draft.txt"
    draft.write_text("ARTICLE 16 IMMIGRATION\n\n" + WEAK_WARRANT.replace("The Employer", "Management") + "\n",
                     encoding="utf-8")
    out = tmp_path / "counter.docx"
    result = propose(draft, "-o", out, *args)
    assert result.exit_code == 0
    text = "\n".join(docx_paragraphs(out))
    assert f"Proposed by {names[1]} to {names[0]}" in text
    assert f"(a) {'The ' if names[0] == '[Employer]' else ''}{names[0]}, its managers and supervisors" in text
    if listed:
        assert listed in result.stderr
        assert "Names to fill in: [Employer], [Union]" in text
    else:
        assert "[Employer]" not in text and "[Union]" not in text
        assert "employer: Harbor Foods, Inc. (from --employer)" in result.stderr


@pytest.mark.parametrize("select, expected", [
    ("judicial_warrant_for_nonpublic_access", ["No consent to immigration-agent entry without a judicial warrant"]),
    ("judicial_warrant_for_nonpublic_access,union_notice_of_immigration_contact", None),
])
def test_propose_select_narrows_the_proposal(text_draft, tmp_path, select, expected):
    import docx

    out = tmp_path / "counter.docx"
    assert propose(text_draft, "-o", out, "--select", select).exit_code == 0
    rows = docx.Document(str(out)).tables[0].rows[1:]
    titles = {p.id: p.title for p in default_corpus().protections}
    assert [r.cells[1].text for r in rows] == (expected or [titles[s] for s in select.split(",")])


@pytest.mark.parametrize("args, start", [
    (["{draft}", "-o", "{tmp}/counter.txt"], "E401 {tmp}/counter.txt: the counter-proposal is a Word file"),
    (["{draft}", "-o", "{tmp}/counter.docx", "--redline"], "E401 {draft}: --redline writes tracked changes"),
    (["{tmp}/nope.docx", "-o", "{tmp}/counter.docx"], "E201 {tmp}/nope.docx: file not found"),
    (["{draft}", "-o", "{tmp}/no/such/dir/counter.docx"], "E402 {tmp}/no/such/dir/counter.docx: cannot write"),
    (["{draft}", "-o", "{tmp}/counter.docx", "--select", "nope"], "E401 unknown protection or category 'nope'"),
])
def test_propose_errors_are_one_line_and_exit_2(text_draft, tmp_path, args, start):
    result = propose(*[a.format(draft=text_draft, tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith(start.format(draft=text_draft, tmp=tmp_path))
    assert len(result.stderr.strip().splitlines()) == 1


def test_propose_nothing_to_propose_writes_nothing(tmp_path):
    model = default_corpus().get("judicial_warrant_for_nonpublic_access")
    _, paragraphs = reflow(model.model_text)
    draft = tmp_path / "strong.txt"
    draft.write_text("ARTICLE 16 IMMIGRATION\n\n16.1 " + " ".join(fill(p, {"Employer": "the Employer"})
                                                               for p in paragraphs) + "\n", encoding="utf-8")
    out = tmp_path / "counter.docx"
    result = propose(draft, "-o", out, "--select", model.id)
    assert result.exit_code == 0 and not out.exists()
    assert "nothing to propose" in result.stderr


# ---- the redline ------------------------------------------------------------------------------
def split_runs_docx(path: Path) -> Path:
    """DRAFT as Word paragraphs, the weakened warrant clause split over three differently
    formatted runs (bold, italic), as Word stores edited text."""
    import docx

    d = docx.Document()
    for text in DRAFT:
        if text == WEAK_WARRANT:
            p = d.add_paragraph()
            cut1, cut2 = text.index("will request"), text.index("non-public")
            p.add_run(text[:cut1])
            p.add_run(text[cut1:cut2]).bold = True
            p.add_run(text[cut2:]).italic = True
        else:
            d.add_paragraph(text)
    d.save(str(path))
    return path


def revision_authors(path: Path) -> set[str]:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {el.get(W + "author") for tag in ("ins", "del") for el in root.iter(W + tag)}


def redline_of(draft: Path, out: Path, *args) -> tuple[set[str], object]:
    """Redline `draft`; return the protections proposed and the CLI result."""
    proposed = {f.protection for f in check_file(draft).findings if f.status != "matching"}
    return proposed, propose(draft, "-o", out, "--redline", *args)


@pytest.mark.parametrize("make", ["plain", "split_runs"])
def test_propose_redline_accepted_view_matches_every_proposed_protection(tmp_path, make_docx, make):
    draft = make_docx(DRAFT, name="draft.docx") if make == "plain" else split_runs_docx(tmp_path / "draft.docx")
    out = tmp_path / "redline.docx"
    proposed, result = redline_of(draft, out)
    assert result.exit_code == 0, result.stderr
    assert "2 clause(s) replaced" in result.stderr
    assert revision_authors(out) == {"clausecheck"}
    before = {f.protection: f.status for f in check_file(draft).findings}
    after = {f.protection: f.status for f in check_file(out, revisions="accepted").findings}
    assert {p: after[p] for p in proposed} == dict.fromkeys(proposed, "matching")
    assert all(after[p] == "matching" for p, s in before.items() if s == "matching")  # nothing taken away


@pytest.mark.parametrize("make", ["plain", "split_runs"])
def test_propose_redline_original_view_is_the_draft(tmp_path, make_docx, make):
    draft = make_docx(DRAFT, name="draft.docx") if make == "plain" else split_runs_docx(tmp_path / "draft.docx")
    out = tmp_path / "redline.docx"
    assert redline_of(draft, out)[1].exit_code == 0
    assert load_document(out, revisions="original").text == load_document(draft).text
    accepted = load_document(out, revisions="accepted").text
    assert "as far as practicable" not in accepted and "as soon as practicable" not in accepted
    assert "16.1 Immigration Agents. (a) The Employer, its managers and supervisors" in accepted  # kept number
    title = reflow(default_corpus().get("employee_information_privacy").model_text)[0]
    assert re.search(rf"^16\.3 {title}\. \(a\) ", accepted, re.M)  # a missing one, numbered in the article
    assert "17.1 The normal work week is forty (40) hours" in accepted  # other articles untouched
    assert accepted.index("16.3 ") < accepted.index("ARTICLE 17")  # inserted in the immigration article


def test_propose_redline_counts_insertions_and_deletions(tmp_path, make_docx):
    from lxml import etree

    draft = make_docx(DRAFT, name="draft.docx")
    out = tmp_path / "redline.docx"
    proposed, result = redline_of(draft, out)
    with zipfile.ZipFile(out) as z:
        counts = count_revisions([etree.fromstring(z.read("word/document.xml"))])
    assert counts["deletions"] == 2  # the two weakened clauses
    assert counts["insertions"] >= len(proposed)
    warning = next(w for w in load_document(out).warnings if "tracked insertion" in w)
    assert f"{counts['insertions']} tracked insertions and 2 deletions" in warning


def test_propose_redline_new_article_when_the_draft_has_none(tmp_path, make_docx):
    draft = make_docx(["AGREEMENT", "ARTICLE 1 RECOGNITION",
                       "1.1 The Company recognizes the Union as the exclusive bargaining agent of all employees.",
                       "ARTICLE 2 WAGES", "2.1 Wages are set out in Appendix A."], name="draft.docx")
    out = tmp_path / "redline.docx"
    proposed, result = redline_of(draft, out, "--select", "union_notice_of_immigration_contact,language_access")
    assert result.exit_code == 0
    assert "added ARTICLE 3 IMMIGRANT AND MIXED-STATUS WORKER PROTECTIONS at the end" in result.stderr
    accepted = load_document(out).text
    assert re.search(r"^3\.1 Notice to the Union of Immigration-Agency Contact\. \(a\) ", accepted, re.M)
    assert "(a) The Company shall notify the Union President" in accepted  # the draft's own names
    after = {f.protection: f.status for f in check_file(out).findings}
    assert after["union_notice_of_immigration_contact"] == after["language_access"] == "matching"


@pytest.mark.parametrize("name", ["written_c/c01_plain_language_article_autonumbered.docx",
                                  "written_c/c02_warehouse_employer_counter.docx",
                                  "written_c/c03_transit_district_mou.docx",
                                  "written_e/e14_campus_dining_il_mixed.docx"])
def test_propose_redline_development_drafts(tmp_path, name):
    draft = DEVSET / name
    out = tmp_path / "redline.docx"
    proposed, result = redline_of(draft, out)
    assert result.exit_code == 0, result.stderr
    assert load_document(out, revisions="original").text == load_document(draft).text
    after = {f.protection: f.status for f in check_file(out).findings}
    assert {p: after[p] for p in proposed} == dict.fromkeys(proposed, "matching")


# ---- LibreOffice ------------------------------------------------------------------------------
# CI installs them, so there a missing tool fails the tests instead of skipping them
needs_office = pytest.mark.skipif(not os.environ.get("CI")
                                  and (shutil.which("soffice") is None or shutil.which("pdftoppm") is None),
                                  reason="LibreOffice or poppler-utils not installed (.ci/run installs them)")


def to_pdf(docx_path: Path, outdir: Path) -> Path:
    profile = outdir / "lo-profile"
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(outdir), str(docx_path)], capture_output=True, text=True, timeout=240)
    pdf = outdir / (docx_path.stem + ".pdf")
    assert run.returncode == 0 and pdf.exists(), run.stderr + run.stdout
    return pdf


@needs_office
def test_propose_libreoffice_converts_and_renders_the_counter_proposal(text_draft, tmp_path, make_docx):
    import pypdfium2 as pdfium

    counter = tmp_path / "counter.docx"
    assert propose(text_draft, "-o", counter).exit_code == 0
    redline = tmp_path / "redline.docx"
    assert redline_of(make_docx(DRAFT, name="draft.docx"), redline)[1].exit_code == 0
    pdfs = {}
    for doc in (counter, redline):
        pdfs[doc.stem] = pdf = to_pdf(doc, tmp_path)
        document = pdfium.PdfDocument(str(pdf))
        text = " ".join("".join(document[i].get_textpage().get_text_range() for i in range(len(document))).split())
        assert "judicial warrant" in text
    ARTIFACTS.mkdir(exist_ok=True)
    from PIL import Image

    # kept for a person to look at (tests/artifacts is git-ignored): the counter-proposal's first
    # two pages, and the redline's first page with its tracked changes
    for stem, pages in (("counter", 2), ("redline", 1)):
        prefix = ARTIFACTS / f"{stem}-page"
        for old in ARTIFACTS.glob(f"{stem}-page*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", str(pages), str(pdfs[stem]), str(prefix)],
                       check=True, timeout=120)
        images = sorted(ARTIFACTS.glob(f"{stem}-page*.png"))
        assert len(images) == pages and all(p.stat().st_size > 10_000 for p in images)
        with Image.open(images[0]) as img:
            assert img.size[0] > 500 and len(set(img.convert("L").getdata())) > 2  # a page with text on it


def test_propose_redline_over_the_employers_tracked_changes(tmp_path):
    """A draft that already carries the other side's redlines: clausecheck's changes go on top
    (deleting inside their insertions), their original text is left as it was."""
    from test_revisions import REDLINED, write_redline

    draft = write_redline(tmp_path / "counter.docx", ["AGREEMENT", "ARTICLE 1 RECOGNITION",
                                                      "1.1 The Employer recognizes the Union as the exclusive "
                                                      "representative of all employees.", *REDLINED])
    out = tmp_path / "redline.docx"
    proposed, result = redline_of(draft, out)
    assert result.exit_code == 0 and "2 clause(s) replaced" in result.stderr
    assert revision_authors(out) == {"clausecheck", "Employer counsel"}
    assert load_document(out, revisions="original").text == load_document(draft, revisions="original").text
    after = {f.protection: f.status for f in check_file(out).findings}
    assert {p: after[p] for p in proposed} == dict.fromkeys(proposed, "matching")
