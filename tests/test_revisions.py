"""DOCX tracked changes: the original and accepted views, `check --revisions` and
`compare --revisions DRAFT.docx` (what the redlines do to each protection).

The drafts are Word files with real revision markup written here by hand (python-docx has no API
for it): w:ins/w:del with w:author and w:date around runs, w:delText inside deletions, w:moveFrom/
w:moveTo, w:rPrChange/w:pPrChange, and deleted or inserted paragraph marks (w:pPr/w:rPr/w:del)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import checker
from checker.api import check_file
from checker.errors import UsageError
from checker.ingest import load_document
from cli import main

DATE = "2026-03-02T10:00:00Z"
_ids = iter(range(100, 100_000))

# Model-strength wording (from `clausecheck corpus show ID`) and the employer's redline of it.
WARRANT_KEPT = "16.1 Immigration Agents and Non-Public Areas. The Employer, its managers and supervisors, " \
               "its security staff, and its contractors "
WARRANT_DELETED = "shall not consent to any immigration authority entering a non-public area of any worksite, " \
                  "or questioning, searching or seizing any employee in a non-public area, unless the agents " \
                  "present a judicial warrant, signed by a judge or magistrate, that authorizes that entry, " \
                  "search or seizure."
WARRANT_INSERTED = "will request that agents present a valid warrant before any immigration authority enters a " \
                   "non-public area of any worksite, or questions, searches or seizes any employee in a " \
                   "non-public area."
NOTICE_1 = "16.2 Notice to the Union. The Employer shall notify the Union President "
NOTICE_1_DELETED = "by telephone immediately and in writing no later than twenty-four (24) hours"
NOTICE_1_INSERTED = "in writing as soon as practicable"
NOTICE_2 = " after immigration authorities visit or seek to enter any worksite, contact the Employer about any " \
           "employee, or request employee records, or the Employer learns of any immigration investigation " \
           "concerning any bargaining-unit employee. "
NOTICE_3_DELETED = "Within the same twenty-four (24) hours"
NOTICE_3_INSERTED = "As soon as practicable"
NOTICE_4 = ", the Employer shall give the Union copies of all warrants, subpoenas, notices and letters it " \
           "receives from immigration authorities concerning any bargaining-unit employee."

REDLINED = ["ARTICLE 16 IMMIGRATION",
            [WARRANT_KEPT, ("del", WARRANT_DELETED), ("ins", WARRANT_INSERTED)],
            [NOTICE_1, ("del", NOTICE_1_DELETED), ("ins", NOTICE_1_INSERTED), NOTICE_2,
             ("del", NOTICE_3_DELETED), ("ins", NOTICE_3_INSERTED), NOTICE_4]]
REDLINED_PROTECTIONS = ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact")


# ---- building drafts with tracked changes ----------------------------------------------------
def _run(text: str, *, deleted: bool = False, rpr_change: bool = False):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r = OxmlElement("w:r")
    if rpr_change:  # bold now, not bold before: a formatting-only change
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        change = OxmlElement("w:rPrChange")
        change.set(qn("w:id"), str(next(_ids)))
        change.set(qn("w:author"), "Employer counsel")
        change.set(qn("w:date"), DATE)
        change.append(OxmlElement("w:rPr"))
        rpr.append(change)
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _revision(tag: str, *children):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    el.set(qn("w:id"), str(next(_ids)))
    el.set(qn("w:author"), "Employer counsel")
    el.set(qn("w:date"), DATE)
    for child in children:
        el.append(child)
    return el


def write_redline(path: Path, paragraphs: list) -> Path:
    """`paragraphs`: a string, or a list of segments — a string (unchanged text) or (kind, text)
    with kind "ins", "del", "moveFrom", "moveTo" or "bold" (a formatting-only change) — or a
    dict {"segments": [...], "mark": "del"|"ins", "pchange": bool} to also mark the paragraph mark
    as deleted/inserted, or give the paragraph a formatting-only w:pPrChange."""
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    for item in paragraphs:
        spec = item if isinstance(item, dict) else {"segments": [item] if isinstance(item, str) else item}
        p = d.add_paragraph()._p
        for seg in spec["segments"]:
            if isinstance(seg, str):
                p.append(_run(seg))
            elif seg[0] == "bold":
                p.append(_run(seg[1], rpr_change=True))
            else:
                kind, text = seg
                p.append(_revision("w:" + kind, _run(text, deleted=kind in ("del", "moveFrom"))))
        if spec.get("mark") or spec.get("pchange"):
            ppr = p.get_or_add_pPr()
            if spec.get("pchange"):  # centred now, left before
                jc = OxmlElement("w:jc")
                jc.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "center")
                ppr.append(jc)
                ppr.append(_revision("w:pPrChange", OxmlElement("w:pPr")))
            if spec.get("mark"):
                rpr = OxmlElement("w:rPr")
                rpr.append(_revision("w:" + spec["mark"]))
                ppr.append(rpr)
    d.save(str(path))
    return path


@pytest.fixture
def redline(tmp_path):
    def make(paragraphs, name="draft.docx"):
        return write_redline(tmp_path / name, paragraphs)

    return make


def lines(doc) -> list[str]:
    return [line for line in doc.text.split("\n") if line.strip()]


# ---- the two views ---------------------------------------------------------------------------
@pytest.mark.parametrize("segments, original, accepted", [
    (["Seniority ", ("del", "shall"), ("ins", "may"), " continue."],
     "Seniority shall continue.", "Seniority may continue."),
    (["Notice within ", ("del", "twenty-four (24) hours"), ("ins", "a reasonable time"), "."],
     "Notice within twenty-four (24) hours.", "Notice within a reasonable time."),
    (["A ", ("moveFrom", "moved "), "clause ", ("moveTo", "moved "), "here."],
     "A moved clause here.", "A clause moved here."),
    (["The Employer ", ("bold", "shall"), " notify the Union."],
     "The Employer shall notify the Union.", "The Employer shall notify the Union."),
])
def test_revisions_views_of_a_paragraph(redline, segments, original, accepted):
    path = redline([segments])
    assert lines(load_document(path, revisions="original")) == [original]
    assert lines(load_document(path, revisions="accepted")) == [accepted]
    assert lines(load_document(path)) == [accepted]  # the default is the accepted view


@pytest.mark.parametrize("paragraphs, original, accepted", [
    # a deleted paragraph mark: accepting it joins the paragraph to the next one
    ([{"segments": ["Workers keep seniority"], "mark": "del"}, "after any reverification."],
     ["Workers keep seniority", "after any reverification."], ["Workers keep seniority after any reverification."]),
    # a whole inserted paragraph (text and mark): absent from the original
    (["First.", {"segments": [("ins", "Inserted clause.")], "mark": "ins"}, "Last."],
     ["First.", "Last."], ["First.", "Inserted clause.", "Last."]),
    # a whole deleted paragraph: absent once accepted
    (["First.", {"segments": [("del", "Deleted clause.")], "mark": "del"}, "Last."],
     ["First.", "Deleted clause.", "Last."], ["First.", "Last."]),
    # a deleted mark on the last paragraph: nothing to join, nothing lost
    (["First.", {"segments": ["Last."], "mark": "del"}], ["First.", "Last."], ["First.", "Last."]),
    # a paragraph re-aligned with the change tracked: formatting only
    ([{"segments": ["Centred now."], "pchange": True}], ["Centred now."], ["Centred now."]),
])
def test_revisions_paragraph_marks(redline, paragraphs, original, accepted):
    path = redline(paragraphs)
    assert lines(load_document(path, revisions="original")) == original
    assert lines(load_document(path, revisions="accepted")) == accepted


@pytest.mark.parametrize("view", ["original", "accepted"])
def test_revisions_warning_counts_changes_and_names_the_view(redline, view):
    doc = load_document(redline(REDLINED + [["Seniority ", ("moveFrom", "x "), ("moveTo", "y "), ("bold", "z")]]),
                        revisions=view)
    [warning] = doc.warnings
    assert warning.startswith("the document has 3 tracked insertions and 3 deletions, 1 move, "
                              "1 formatting-only change (no effect on the text); ")
    assert f"checked the {view} view" in warning


def test_revisions_none_means_views_equal_and_no_warning(make_docx):
    path = make_docx(["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union."])
    original, accepted = load_document(path, revisions="original"), load_document(path, revisions="accepted")
    assert original.text == accepted.text
    assert original.warnings == accepted.warnings == []


@pytest.mark.parametrize("name, revisions", [("doc.txt", "original"), ("doc.md", "accepted"),
                                             ("doc.docx", "rejected")])
def test_revisions_usage_errors_from_the_library(tmp_path, make_docx, name, revisions):
    path = make_docx(["Text."], name=name) if name.endswith(".docx") else tmp_path / name
    if not name.endswith(".docx"):
        path.write_text("ARTICLE 1\nText.\n")
    with pytest.raises(UsageError) as exc:
        load_document(path, revisions=revisions)
    assert exc.value.code == "E401"


# ---- what the engine makes of each view ------------------------------------------------------
@pytest.mark.parametrize("protection", REDLINED_PROTECTIONS)
def test_revisions_original_matching_accepted_weakened(redline, protection):
    path = redline(REDLINED)
    before = {f.protection: f.status for f in check_file(path, revisions="original").findings}
    after = {f.protection: f.status for f in check_file(path, revisions="accepted").findings}
    assert (before[protection], after[protection]) == ("matching", "weakened")


# ---- the command line ------------------------------------------------------------------------
def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("view, status", [("original", "matching"), ("accepted", "weakened")])
def test_revisions_cli_check_view(redline, view, status):
    path = redline(REDLINED)
    result = invoke("check", "--revisions", view, "--format", "json", "--fail-on", "never", str(path))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    found = {f["protection"]: f["status"] for f in report["findings"]}
    assert [found[p] for p in REDLINED_PROTECTIONS] == [status, status]
    assert any(f"checked the {view} view" in w for w in report["warnings"])


@pytest.mark.parametrize("args", [
    ("check", "--revisions", "original"),
    ("compare", "--revisions"),
])
def test_revisions_cli_usage_error_on_text(tmp_path, args):
    path = tmp_path / "contract.txt"
    path.write_text("ARTICLE 1 RECOGNITION\nThe Employer recognizes the Union.\n")
    result = invoke(*args, str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"E401 {path}: --revisions applies to Word (.docx) files only (drop --revisions, "
                             f"or pass only the .docx drafts with tracked changes)\n")


@pytest.mark.parametrize("args, problem", [
    (("--revisions", "A.docx", "B.docx"), "E401 compare --revisions takes one Word draft, not two files"),
    (("A.docx",), "E401 compare needs OLD and NEW"),
])
def test_revisions_cli_compare_argument_errors(args, problem):
    result = invoke("compare", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(problem)


EXPECTED_TEXT_HEAD = "draft.docx (original)  →  draft.docx (accepted)\n2 regression(s), 0 improvement(s), "


def test_revisions_cli_compare_text_names_regressions(redline, monkeypatch):
    path = redline(REDLINED)
    monkeypatch.chdir(path.parent)
    result = invoke("compare", "--revisions", "--quiet", "draft.docx")
    assert result.exit_code == 1
    assert result.stdout.startswith(EXPECTED_TEXT_HEAD)
    body = result.stdout.split("\n\n", 1)[1]
    assert body.splitlines()[0] == "▼ regression  judicial_warrant_for_nonpublic_access  matching → weakened"
    assert "▼ regression  union_notice_of_immigration_contact  matching → weakened" in body
    assert "    - new hedge on element 1: 'as soon as practicable' lets the duty give way " \
           "(found: as soon as practicable)" in body
    regressions = [line for line in body.splitlines() if line.startswith("▼")]
    assert len(regressions) == 2


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "github"])
def test_revisions_cli_compare_every_format(redline, monkeypatch, fmt):
    path = redline(REDLINED)
    monkeypatch.chdir(path.parent)
    result = invoke("compare", "--revisions", "--format", fmt, "draft.docx")
    assert result.exit_code == 1
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        schema = json.loads((Path(checker.__file__).parent / "schemas" / "comparison.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(data)
        assert data["old"] == {"path": "draft.docx", "revisions": "original"}
        assert data["new"] == {"path": "draft.docx", "revisions": "accepted"}
        assert data["summary"]["regression"] == 2
        assert sorted(c["protection"] for c in data["changes"] if c["change"] == "regression") \
            == sorted(REDLINED_PROTECTIONS)
    elif fmt == "html":
        for p in REDLINED_PROTECTIONS:
            assert f'data-protection="{p}" data-change="regression"' in out
        assert out.count('data-change="regression"') == 2
    elif fmt == "markdown":
        assert "**draft.docx (original)** → **draft.docx (accepted)**" in out
        assert all(p in out for p in REDLINED_PROTECTIONS)
    else:
        annotations = out.splitlines()
        assert len(annotations) == 2
        assert all(a.startswith("::error file=draft.docx,title=clausecheck regression ") for a in annotations)


@pytest.mark.parametrize("paragraphs", [
    [WARRANT_KEPT + WARRANT_DELETED],  # no revisions at all
    [[WARRANT_KEPT, ("bold", WARRANT_DELETED)]],  # formatting-only change
    [[WARRANT_KEPT + "shall not consent to any immigration authority entering a non-public area of any worksite, ",
      ("moveFrom", "or questioning, searching or seizing any employee in a non-public area, "),
      "unless the agents present a judicial warrant, signed by a judge or magistrate, that authorizes that entry, "
      "search or seizure. ",
      ("moveTo", "Nor shall it consent to questioning, searching or seizing any employee in a non-public area.")]],
])
def test_revisions_cli_compare_unchanged(redline, monkeypatch, paragraphs):
    path = redline(["ARTICLE 16 IMMIGRATION", *paragraphs])
    monkeypatch.chdir(path.parent)
    result = invoke("compare", "--revisions", "draft.docx")
    assert result.exit_code == 0, result.output
    assert "\n0 regression(s), 0 improvement(s), " in result.stdout


@pytest.mark.parametrize("mark, original, accepted", [
    ("ins", ["| Job | Rate |"], ["| Job | Rate |", "| Meat cutter | $24.10 |"]),
    ("del", ["| Job | Rate |", "| Meat cutter | $24.10 |"], ["| Job | Rate |"]),
])
def test_revisions_table_rows(tmp_path, mark, original, accepted):
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("Job", "Rate"), ("Meat cutter", "$24.10")]):
        for c, value in enumerate(row):
            p = table.cell(r, c).paragraphs[0]._p
            if r == 1:  # the whole second row is tracked: the row mark and its text
                p.append(_revision("w:" + mark, _run(value, deleted=mark == "del")))
            else:
                p.append(_run(value))
    tr = table.rows[1]._tr
    trpr = tr.get_or_add_trPr()
    trpr.append(_revision("w:" + mark))
    path = tmp_path / "table.docx"
    d.save(str(path))
    assert lines(load_document(path, revisions="original")) == original
    assert lines(load_document(path, revisions="accepted")) == accepted
