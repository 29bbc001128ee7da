"""Reports in Spanish (`--lang es`): every protection has its Spanish beside the English, and a
Spanish report keeps the English report's structure, ids and statuses."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.corpus import BUILTIN_DIR, load_corpus
from checker.i18n import I18N_DIR, catalog, localize_report
from cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
CORPUS = load_corpus(BUILTIN_DIR)
IDS = [p.id for p in CORPUS.protections]
# Words English legal text is full of and Spanish has none of: a "translation" left in English fails.
ENGLISH_WORDS = re.compile(r"\b(the|shall|employee|employer|union|which|without|any)\b")  # lower case: case names stay


def _phrases(protection) -> list[str]:
    """Every explanation, expectation and fixed finding the protection's checks can report."""
    out = []
    for el in protection.elements:
        for s in el.scope:
            out += [s.explain, s.expected]
        for n in el.narrowing:
            out += [n.explain, n.found]
        for r in el.reversed:
            out.append(r.explain)
    return [" ".join(t.split()) for t in out if t]


@pytest.mark.parametrize("pid", IDS)
def test_i18n_every_protection_has_spanish(pid):
    es = catalog("es").get(pid)
    assert es is not None, f"no clause_corpus/i18n/es/{pid}.yaml"
    p = CORPUS.get(pid)
    assert es.title and es.title != p.title
    assert es.rationale and not ENGLISH_WORDS.search(es.rationale)
    assert sorted(es.elements) == [el.index for el in p.elements]
    for text in es.elements.values():
        assert not ENGLISH_WORDS.search(text), text
    # the model language: the same sections (a), (b) ... and the same numbers, in Spanish
    assert re.findall(r"^\(([a-z])\)", es.model_text, re.M) == re.findall(r"^\(([a-z])\)", p.model_text, re.M)
    assert re.findall(r"\((\d+)\)", es.model_text) == re.findall(r"\((\d+)\)", p.model_text)
    assert ("[Employer]" in p.model_text) == ("[Empleador]" in es.model_text)
    assert "[Employer]" not in es.model_text and "[Union]" not in es.model_text
    assert len(ENGLISH_WORDS.findall(es.model_text)) == 0
    missing = [t for t in _phrases(p) if t not in es.phrases]
    assert missing == [], f"{pid}: explanations with no Spanish: {missing}"
    stale = [t for t in es.phrases if t not in _phrases(p)]
    assert stale == [], f"{pid}: Spanish for explanations the protection no longer gives: {stale}"


def test_i18n_no_spanish_for_unknown_protections():
    files = sorted(path.stem for path in (I18N_DIR / "es").glob("*.yaml"))
    assert files == sorted(IDS)
    for path in (I18N_DIR / "es").glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == path.stem


@pytest.fixture(scope="module")
def hotel():
    from checker.api import check_file

    return check_file(str(EXAMPLE))


def test_i18n_spanish_report_keeps_structure_and_translates_every_explanation(hotel):
    es = localize_report(hotel, "es")
    assert es.to_dict().keys() == hotel.to_dict().keys()
    assert [(f.protection, f.status, f.severity, f.category, len(f.deviations), len(f.evidence))
            for f in es.findings] == \
        [(f.protection, f.status, f.severity, f.category, len(f.deviations), len(f.evidence)) for f in hotel.findings]
    assert es.summary == hotel.summary
    for en_f, es_f in zip(hotel.findings, es.findings):
        assert es_f.title == catalog("es")[en_f.protection].title
        assert es_f.suggestion == catalog("es")[en_f.protection].model_text
        assert [e.text for e in es_f.evidence] == [e.text for e in en_f.evidence]  # quotes stay verbatim
        for a, b in zip(en_f.deviations, es_f.deviations):
            assert (a.kind, a.element) == (b.kind, b.element)
            assert b.explanation != a.explanation, f"untranslated: {a.explanation}"
            if a.expected:
                assert b.expected != a.expected, f"untranslated: {a.expected}"
    assert hotel.findings[0].title.startswith("No consent")  # the English report is left alone


@pytest.mark.parametrize("fmt, expect", [
    ("text", ["▲ debilitada judicial_warrant_for_nonpublic_access  (crítica)",
              "«will request» deja la obligación como opcional", "cumplen: 1; debilitadas: 13; ausentes: 11"]),
    ("html", ['<html lang="es"', "No consentir la entrada de agentes de inmigración sin una orden judicial",
              "Texto modelo para proponer", "Operativos de ICE"]),
    ("brief", ["# Resumen para la mesa de negociación", "| crítica | Neutralidad ante ICE",
               "añadir el texto modelo"]),
])
def test_i18n_cli_lang_es(fmt, expect):
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--format", fmt, "--lang", "es"])
    assert result.exit_code == 1, result.output
    for snippet in expect:
        assert snippet in result.stdout, snippet
    english = CliRunner().invoke(main, ["check", str(EXAMPLE), "--format", fmt])
    assert "debilitada" not in english.stdout and "Resumen para la mesa" not in english.stdout


def test_i18n_json_in_spanish_keeps_ids_and_statuses():
    en = json.loads(CliRunner().invoke(main, ["check", str(EXAMPLE), "--format", "json"]).stdout)
    es = json.loads(CliRunner().invoke(main, ["check", str(EXAMPLE), "--format", "json", "--lang", "es"]).stdout)
    assert [(f["protection"], f["status"]) for f in es["findings"]] == \
        [(f["protection"], f["status"]) for f in en["findings"]]
    assert es["findings"][0]["title"] != en["findings"][0]["title"]


def test_i18n_unknown_language_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--lang", "fr"])
    assert result.exit_code == 2 and "fr" in result.stderr
