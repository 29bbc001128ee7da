"""A text that is not an English agreement gets a coded warning (W201 language, W202 not an
agreement) in every output format and on stderr, instead of a silent "25 missing"; a real contract
(every document of the development set, every example) gets none."""
from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

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
