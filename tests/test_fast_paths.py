"""The shortcuts of a check give what the long way gives: screening's warnings without counting what
they do not need, the layout's single walk over a page's objects, a repeated sentence read once
by the enforceability passes, and the cyclic collector paused during a check (checker.heap) or
run between a worker's calls (checker.isolation)."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.screening import _SCRIPTS, FOLDS_LIKE_ASCII, screen, screen_warnings

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset"
REAL_PDFS = sorted((DEVSET / "real").glob("*.pdf"))


# --- screening ---------------------------------------------------------------------------------

def _folding_like_ascii() -> str:
    import re

    ranges = re.findall(r"(.)-(.)", FOLDS_LIKE_ASCII, re.S)
    return "".join(chr(c) for a, b in ranges for c in range(ord(a), ord(b) + 1) if not 0xD800 <= c <= 0xDFFF)


def test_no_script_screening_names_has_a_character_that_folds_like_ascii():
    """So a text made only of such characters needs no letter count: no script can reach its share."""
    chars = _folding_like_ascii()
    for name, script in _SCRIPTS:
        assert script.search(chars) is None, name


def _documents() -> list[Path]:
    return sorted(p for p in DEVSET.rglob("*") if p.suffix in (".md", ".txt", ".pdf", ".docx"))


def test_screen_warnings_equal_the_full_screening_on_every_development_document():
    from checker.api import SCREEN_CHARS
    from checker.ingest import load_document

    docs = _documents()
    assert len(docs) > 50
    for path in docs:
        text = load_document(path).text[:SCREEN_CHARS]
        assert screen_warnings(text) == screen(text).warnings(), path
        assert screen_warnings(text[:300]) == screen(text[:300]).warnings(), path


@pytest.mark.parametrize("text", [
    "", "shall", "Notes: call the Union on Tuesday about the visit.",
    "ARTÍCULO 31. El Empleador no permitirá que los agentes de inmigración entren sin una orden judicial "
    "firmada por un juez federal, y notificará al Sindicato dentro de las veinticuatro horas.",
    "Статья 5. Работодатель обязан уведомить профсоюз. The Employer shall notify the Union under Article 5.",
    "第五条 雇主应通知工会。 The Employer shall notify the Union under Article 5 of this Agreement.",
    "Điều 5. Người sử dụng lao động phải thông báo cho công đoàn về mọi cuộc kiểm tra của cơ quan di trú.",
    "The Employer \u212aeeps records; the Union ſhall be told (Article \u2163) of every visit by an agent.",
])
def test_screen_warnings_equal_the_full_screening_on_other_languages_and_notes(text):
    assert screen_warnings(text) == screen(text).warnings()
    assert screen_warnings(text * 5) == screen(text * 5).warnings()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["shall", "will", "agrees", "to", "the", "Employer", "Union", "Article", "IV",
                                 "of", "and", "el", "la", "que", "der", "und", "Статья", "工会", "công", "đoàn",
                                 "é", "ß", "\u00a0", "\n", ",", ".", "notes", "call", "Tuesday"]),
                min_size=0, max_size=60))
def test_screen_warnings_equal_the_full_screening_on_any_mix(words):
    text = " ".join(words)
    assert screen_warnings(text) == screen(text).warnings()


# --- layout: one walk over a page's objects ------------------------------------------------------

@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_path_objects_are_the_pages_path_objects_as_pdfium_lists_them(path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from checker.ingest import layout

    pdf = pdfium.PdfDocument(str(path))
    try:
        with_paths = 0
        for i in range(len(pdf)):
            page = pdf[i]
            mine = [ctypes_address(h) for h in layout.path_objects(page)]
            theirs = [ctypes_address(o.raw) for o in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,),
                                                                       max_depth=1)]
            assert mine == theirs, (path.name, i + 1)
            with_paths += len(mine) >= layout.TABLE_MIN_PATHS
            page.close()
        assert with_paths > 0  # every one of these agreements rules some page (underlines, tables)
    finally:
        pdf.close()


def ctypes_address(handle) -> int:
    import ctypes

    return ctypes.cast(handle, ctypes.c_void_p).value


def test_the_safeway_wage_tables_are_still_read_as_table_rows():
    """Pages 37, 38 and 43 draw their wage tables with ruling lines: read through the single walk
    over the page's objects they still come out as rows of cells."""
    from checker.ingest import load_document

    doc = load_document(DEVSET / "real" / "safeway-pueblo-meat-2022-2025.pdf")
    rows = [ln for ln in doc.text.splitlines() if ln.startswith("| ") and ln.endswith(" |") and ln.count(" | ") >= 2]
    assert len(rows) >= 10


# --- enforceability: a repeated sentence --------------------------------------------------------

def _defeats(text: str) -> list[tuple[int, str, str, str]]:
    from checker.api import default_corpus, document_from_text
    from checker.engine import concept_index, enforceability
    from checker.engine.analysis import Analysis

    corpus = default_corpus()
    a = Analysis.build(document_from_text(text), concept_index(corpus), None, None)
    a.strength = corpus.strength
    return [(d.unit, a.units[d.unit].text, d.rule, d.how) for d in enforceability.defeats(a)]


def test_a_defeat_the_document_repeats_word_for_word_is_found_at_each_place():
    """The passes search a sentence the document repeats once; each place it stands still gets
    the defeat the sentence makes on its own."""
    from test_enforceability import agreement

    sentence = "Sections 23.1 through 23.3 are not subject to the grievance procedure."
    alone = _defeats(agreement(immigration=f"23.4 The Union may ask for a meeting. {sentence}"))
    assert [d[1:] for d in alone] == [(sentence, "enforceability.not_subject_to_grievance", "exclusion")]
    twice = _defeats(agreement(immigration=f"23.4 The Union may ask for a meeting. {sentence}\n\n"
                                           f"23.5 The Employer may answer in writing. {sentence}"))
    assert [d[1:] for d in twice] == [d[1:] for d in alone] * 2
    assert twice[0][0] != twice[1][0]  # two units, one defeat each


# --- the cyclic collector -------------------------------------------------------------------------

def test_collector_paused_restores_the_collector_as_it_found_it():
    from checker.heap import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("a bad file")
    assert gc.isenabled()


def test_a_check_with_the_collector_paused_reports_what_one_with_it_running_does():
    from checker.api import check_document, check_file
    from checker.ingest import load_document

    path = DEVSET / "real" / "teamsters710-contract-2013.pdf"
    paused = check_file(path)
    assert gc.isenabled()
    running = check_document(load_document(path))
    assert paused.to_dict()["findings"] == running.to_dict()["findings"]
    assert paused.warnings == running.warnings


_CYCLES: list = []


def _make_cycle() -> bool:
    """A call that leaves a reference cycle behind; says whether the collector was on."""
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    _CYCLES.append(weakref.ref(a))
    return gc.isenabled()


def _cycle_alive() -> bool:
    return _CYCLES[-1]() is not None


def _serve_two(handler_calls: list[str]) -> list:
    from checker.isolation import Worker

    def handler(what: str):
        return _make_cycle() if what == "make" else _cycle_alive()

    w = Worker(handler)
    try:
        return [w.call(c, seconds=30) for c in handler_calls]
    finally:
        w.close()


def test_a_worker_checks_with_the_collector_off_and_frees_a_calls_cycles_before_the_next():
    results = _serve_two(["make", "alive", "make", "alive", "make", "alive"])
    assert results[0::2] == [False] * 3  # the collector is off during each call
    # and each call's cycles are collected before the next one, the first call's as later ones'
    # (after the first, what the worker keeps is frozen): cycles do not pile up
    assert results[1::2] == [False] * 3
