"""A text that is not an English agreement gets a coded warning (W201 language, W202 not an
agreement) in every output format and on stderr, instead of a silent "25 missing"; a real contract
(every document of the development set, every example) gets none."""
from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_text
from checker.ingest import load_document
from checker.screening import screen
from cli import main

ROOT = Path(__file__).resolve().parents[1]

SPANISH = """ARTÍCULO 31. PROTECCIONES DE INMIGRACIÓN

31.1 El Empleador no permitirá que los agentes de inmigración entren en las áreas no públicas
del lugar de trabajo sin una orden judicial firmada por un juez federal.

31.2 El Empleador notificará al Sindicato por escrito dentro de las veinticuatro (24) horas
siguientes a cualquier visita, llamada o solicitud de documentos de las autoridades de
inmigración, y entregará al Sindicato una copia de toda comunicación escrita que reciba.
"""
NOTES = """Notes - bargaining team call, Tuesday
Discussed the ICE visit at the Eastside store, members worried. Maria to follow up with counsel.
Next call Thursday at noon.
"""
ENGLISH = """ARTICLE 31. IMMIGRATION

31.1 The Employer shall not consent to entry by immigration agents into non-public areas of the
workplace without a judicial warrant signed by a judge.
"""


def _codes(warnings: list[str]) -> list[str]:
    return [w.split()[0] for w in warnings]


@pytest.mark.parametrize("text, code, says", [
    (SPANISH, "W201", "Spanish"),
    (NOTES, "W202", "does not read like an agreement"),
])
def test_screening_warns_on_a_non_english_or_non_contract_text(text, code, says):
    report = check_text(text)
    assert _codes(report.warnings) == [code]
    assert says in report.warnings[0]
    assert report.to_dict()["warnings"] == report.warnings


def test_screening_is_silent_on_a_short_english_clause():
    assert check_text(ENGLISH).warnings == []
    assert screen(ENGLISH).language == "English" and screen(ENGLISH).agreement


@pytest.mark.parametrize("sample, language", [
    ("Le Syndicat sera informé par écrit dans les vingt-quatre heures de toute visite des agents de "
     "l'immigration sur le lieu de travail, et l'Employeur ne donnera pas son accord.", "French"),
    ("Der Arbeitgeber wird die Gewerkschaft innerhalb von vierundzwanzig Stunden über jeden Besuch "
     "der Einwanderungsbehörde informieren und keine Zustimmung geben.", "German"),
    ("雇主不得在没有法官签署的司法搜查令的情况下同意移民执法人员进入工作场所的非公共区域。", "Chinese or Japanese"),
])
def test_screening_names_other_languages(sample, language):
    assert screen(sample).language == language


def _documents():
    for labels in sorted((ROOT / "tests" / "devset").rglob("*.labels.toml")):
        yield labels.parent / tomllib.loads(labels.read_text(encoding="utf-8"))["document"]
    yield from sorted((ROOT / "examples").glob("*.*"))


def test_screening_never_warns_on_a_real_contract():
    """The controls: every labelled development document (bilingual ones included) and every
    example is an English agreement."""
    flagged = []
    for path in _documents():
        s = screen(load_document(path).text)
        if s.warnings():
            flagged.append((path.name, s))
    assert flagged == []


@pytest.fixture
def spanish(tmp_path) -> Path:
    p = tmp_path / "borrador.md"
    p.write_text(SPANISH, encoding="utf-8")
    return p


def _run(args):
    return CliRunner().invoke(main, ["check", *map(str, args), "--fail-on", "never"], catch_exceptions=False)


def test_screening_warning_on_stderr_and_in_every_format(spanish):
    result = _run([spanish, "--format", "text"])
    assert f"{spanish}: warning: W201" in result.stderr
    assert "W201" in result.stdout
    assert json.loads(_run([spanish, "--format", "json"]).stdout)["warnings"][0].startswith("W201")
    assert "**Warning:** W201" in _run([spanish, "--format", "markdown"]).stdout
    assert "W201" in _run([spanish, "--format", "html"]).stdout
    sarif = json.loads(_run([spanish, "--format", "sarif"]).stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"] and notes[0]["message"]["text"].startswith("W201")
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("borrador.md")
    suite = ET.fromstring(_run([spanish, "--format", "junit"]).stdout).find("testsuite")
    assert suite.find("system-err").text.startswith("warning: W201")
    github = _run([spanish, "--format", "github"]).stdout
    assert any(line.startswith("::warning file=") and "W201" in line for line in github.splitlines())


# --- counting on lower-cased text gives the case-blind counts --------------------------------------

def _characters_folding_like_ascii() -> str:
    from checker.screening import FOLDS_LIKE_ASCII

    ranges = re.findall(r"(.)-(.)", FOLDS_LIKE_ASCII, re.S)
    return "".join(chr(c) for a, b in ranges for c in range(ord(a), ord(b) + 1) if not 0xD800 <= c <= 0xDFFF)


def test_screening_characters_counted_lower_cased_fold_like_ascii():
    """Each character the lower-cased count reads lower-cases to one character of the same kind
    (word, space, digit), and matches an ASCII letter without regard to case only if it lower-cases
    to that letter: so a pattern matches the lower-cased text where the case-blind one matches the text."""
    chars = _characters_folding_like_ascii()
    assert len(chars) > 1000
    for c in chars:
        low = c.lower()
        assert len(low) == 1, hex(ord(c))
        for cls in (r"\w", r"\s", r"\d"):
            assert bool(re.match(cls, c)) == bool(re.match(cls, low)), (hex(ord(c)), cls)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for a in letters:
        blind = set(re.findall(a, chars, re.I))
        assert blind == {c for c in chars if c.lower() == a.lower()}, a


@pytest.mark.parametrize("text", [
    "The Employer SHALL not ask; Article IV and Section 3 of this AGREEMENT – “the Parties” agree to it.",
    "The Employer \u212aeeps records; the Union ſhall be told (Article \u2163).",  # Kelvin sign, long s: case-blind path
    "İ9 forms: the EMPLOYER shall not re-verify; the Union İS entitled to notice.",
])
def test_screening_counts_match_the_case_blind_patterns(text):
    from checker.screening import _INSTRUMENT, _OBLIGATION

    s = screen(text * 3)
    assert (s.obligations, s.instrument_terms) == (len(_OBLIGATION.findall(text * 3)), len(_INSTRUMENT.findall(text * 3)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["shall", "SHALL", "Shall", "will", "agrees", "to", "that", "may", "not", "IS",
                                 "required", "article", "ARTICLE", "IV", "xii", "12", "section", "§", "employer",
                                 "Union", "the", "PARTIES", "letter", "of", "Agreement", "–", "“", "”", "·", "é",
                                 "É", "ß", "µ", "ÿ", "\uf0a0", "•", "\u00a0", "\n", ",", "."]), min_size=1, max_size=40))
def test_screening_counts_agree_on_any_mix(words):
    from checker.screening import _INSTRUMENT, _OBLIGATION

    text = " ".join(words)
    s = screen(text)
    assert (s.obligations, s.instrument_terms) == (len(_OBLIGATION.findall(text)), len(_INSTRUMENT.findall(text)))
