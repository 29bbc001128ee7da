"""Invariance suites (tools/invariance.py, generators in tools/perturb.py) on a fixed sample of
the development set's text documents: the same statuses whatever the file format or the wording,
and a weakened status whenever a matching clause is weakened.

The rates asserted are the issue's targets where the engine meets them, else the rate measured on
this sample (2026-12-07, `python tools/invariance.py --sample 12 --seed 11`), so a change that
makes any suite worse fails here. The full suites: `python tools/invariance.py`."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import invariance  # noqa: E402
import perturb  # noqa: E402

SAMPLE, SEED = 12, 11
# suite -> lowest rate allowed on the sample. Issue 11's targets are 1.00 format, 0.98 paraphrase
# and 0.98 must-change; measured on this sample (2026-12-07): format 0.989 (a bilingual contract
# whose clauses have no heading the structure knows: its sentence windows shift with the layout),
# paraphrase 0.999, must-change 0.917 (the engine misses "should not" after a comma, a worker's
# passive "may be placed on leave", and keeps a protection matching when another sentence still
# states the element at full strength). The floors sit at the measurement, less one case.
# Must-change re-measured 2026-12-08 when traps_l and traps_m joined the development set (the sample
# is drawn from every folder's matching protections, so new folders and protections the engine now
# reads as matching bring other cases in): main d992c63 0.900 (54 of 60); each newly sampled miss
# checked on main fails there too (a second sentence still states the element at full strength).
FLOORS = {"format": 0.985, "paraphrase": 0.98, "must-change": 0.88}


@pytest.fixture(scope="module")
def rates(shared_dir):
    return invariance.run(sample=SAMPLE, seed=SEED)


@pytest.mark.parametrize("suite", list(FLOORS))
def test_invariance_rate_holds_its_floor(rates, suite):
    result = rates[suite]
    assert result.get("verdicts", result.get("cases")) > 0
    assert result["rate"] >= FLOORS[suite], "\n".join(result["changes"])


def test_invariance_every_rendering_and_perturbation_is_exercised(rates):
    assert set(rates["format"]["by_kind"]) == set(perturb.RENDERINGS)
    assert set(rates["paraphrase"]["by_kind"]) == set(perturb.PARAPHRASES)
    assert set(rates["must-change"]["by_kind"]) == set(perturb.MUST_CHANGE)


@pytest.mark.parametrize("text, rewrite, expected", [
    ("The Hotel shall notify the Union within 24 hours.", "passive",
     "The Union shall be notified by the Hotel within 24 hours."),
    ("notice within seventy-two (72) hours", "numbers", "notice within 72 hours"),
    ("notice within 14 days", "numbers", "notice within fourteen (14) days"),
    ("without questioning, searching, seizing or detaining anyone", "lists",
     "without detaining, searching, seizing or questioning anyone"),
    ("The Hotel shall not ask. The Hotel's managers", "parties", "The Company shall not ask. The Company's managers"),
    ("agents of ICE may", "agencies", "agents of Immigration and Customs Enforcement may"),
    ("The Employer shall provide the records", "verbs", "The Employer shall furnish the records"),
])
def test_perturb_paraphrase_keeps_the_meaning(text, rewrite, expected):
    assert perturb.PARAPHRASES[rewrite](text) == expected


@pytest.mark.parametrize("sentence, kind, expected", [
    ("The Employer shall notify the Union.", "may", "The Employer may notify the Union."),
    ("The Employer shall not consent to entry.", "may", "The Employer should not consent to entry."),
    ("The Employer shall notify the Union.", "hedge", "The Employer shall, where practicable, notify the Union."),
])
def test_perturb_must_change_weakens_the_wording(sentence, kind, expected):
    make = {"may": perturb.to_may, "hedge": perturb.add_hedge}[kind]
    assert make(sentence) == expected


def test_perturb_worse_number_is_worse_than_the_model():
    assert perturb.worse_number("notify within 24 hours", "lower", 24, "hours") == "notify within 96 hours"
    assert perturb.worse_number("up to five (5) days of leave", "higher", 5, "days") == "up to 1.25 days of leave"


@pytest.mark.parametrize("source, markdown, kinds", [
    ("ARTICLE 31 IMMIGRATION\n\nSection 31.1  Notice\n\n(a) The Hotel shall notify\nthe Union.\n(b) It shall pay.\n",
     False, ["heading", "section", "item", "item"]),
    ("## 4. Leave\n\n| Leave | Days |\n|---|---|\n| Hearing | 5 |\n\n> **4.1** Text.\n", True,
     ["heading", "table", "text"]),
])
def test_perturb_paragraphs_split_headings_items_and_tables(source, markdown, kinds):
    assert [p.kind for p in perturb.paragraphs(source, markdown=markdown)] == kinds


def test_perturb_docx_rendering_uses_word_numbering_and_heading_styles(tmp_path):
    import docx

    paras = perturb.paragraphs("ARTICLE 5 LEAVE\n\n(a) First item.\n\n(b) Second item.\n", markdown=False)
    path = perturb.render_docx(paras, tmp_path / "x.docx", style="headings")
    d = docx.Document(str(path))
    assert d.paragraphs[0].style.name == "Heading 1"
    assert [p.text for p in d.paragraphs[1:]] == ["First item.", "Second item."]
    assert all(p._p.pPr is not None and p._p.pPr.numPr is not None for p in d.paragraphs[1:])
    from checker.ingest import load_document

    assert "(a) First item.\n(b) Second item." in load_document(path).text
