"""The one-page brief (`--format brief`): date, document, corpus, a headline, and what to fix first,
one line each with its section and the fix; Markdown, HTML or PDF by the --output extension."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.api import check_file, check_text
from checker.formats import Options
from checker.formats import brief
from checker.run import CheckRun, Outcome
from cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
NO_ARTICLE = "ARTICLE 1 WAGES\n\n1.1 The Employer shall pay wages every two weeks.\n"
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@pytest.fixture(scope="module")
def hotel():
    return check_file(str(EXAMPLE))


def _run(report) -> CheckRun:
    return CheckRun([Outcome(report.document["path"], report)])


def test_brief_lists_every_shortfall_most_severe_first(hotel):
    lines = brief.lines(_run(hotel), hotel, "en")
    short = [f for f in hotel.findings if f.status != "matching"]
    assert sorted(x.protection for x in lines) == sorted(f.protection for f in short)
    ranks = [SEVERITY_RANK[x.severity] for x in lines]
    assert ranks == sorted(ranks) and lines[0].severity == "critical"
    by_id = {x.protection: x for x in lines}
    warrant = by_id["judicial_warrant_for_nonpublic_access"]
    assert warrant.where == "§31.2(a), line 61"
    assert warrant.fix.startswith("replace 'will request' with a binding prohibition") and "more)" in warrant.fix
    assert by_id["ice_neutrality_no_employer_triggered_enforcement"].fix == "add the model language"
    assert by_id["ice_neutrality_no_employer_triggered_enforcement"].where == "not in the document"
    assert all(len(x.fix) <= brief.FIX_CHARS for x in lines)


def test_brief_markdown_has_date_document_corpus_and_one_line_per_finding(hotel):
    text = brief.render(_run(hotel), Options(date="2026-12-07"))
    assert text.startswith("# Bargaining brief: ")
    assert "- **Checked:** 2026-12-07" in text
    assert f"- **Corpus:** {hotel.corpus['name']} {hotel.corpus['version']}" in text
    assert "**1 matching, 13 weakened, 11 missing**" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| Severity")]
    assert len(rows) == sum(f.status != "matching" for f in hotel.findings)
    assert rows[0].startswith("| critical |")


@pytest.mark.parametrize("text, headline", [
    (NO_ARTICLE, "This document has no immigration article: none of the 25 protections is addressed."),
])
def test_brief_headline_when_no_immigration_article(text, headline):
    report = check_text(text)
    assert all(f.status == "missing" for f in report.findings)
    md = brief.render(_run(report), Options())
    assert f"**{headline} Propose the whole article.**" in md
    page = brief.render(_run(report), Options(output="b.html"))
    assert 'class="headline no-article"' in page and headline in page
    from checker.formats import html, text

    assert headline in text.render(_run(report), Options()).splitlines()[3]
    assert headline in html.render(_run(report), Options())


def test_brief_the_full_html_report_opens_with_it_and_is_dated(hotel):
    from checker.formats import html

    page = html.render(_run(hotel), Options())
    today = date.today().isoformat()
    assert f'<time datetime="{today}">{today}</time>' in page
    assert page.index('class="brief"') < page.index('class="finding')
    assert page.count('class="brief-table reflow"') == 1


def test_brief_every_human_format_carries_a_date(tmp_path):
    today = date.today().isoformat()
    runner = CliRunner()
    for fmt in ("text", "html", "brief"):
        out = runner.invoke(main, ["check", str(EXAMPLE), "--format", fmt]).stdout
        assert today in out, fmt


def test_brief_cli_writes_html_and_a_one_page_pdf(tmp_path):
    import pypdfium2

    runner = CliRunner()
    html_path, pdf_path = tmp_path / "brief.html", tmp_path / "brief.pdf"
    r = runner.invoke(main, ["check", str(EXAMPLE), "--format", "brief", "-o", str(html_path)])
    assert r.exit_code == 1 and r.stderr == ""
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Bargaining brief" in page and "<script>" not in page
    r = runner.invoke(main, ["check", str(EXAMPLE), "--format", "brief", "-o", str(pdf_path), "--lang", "es"])
    assert r.exit_code == 1 and r.stderr == ""
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    assert len(pdf) == 1  # a typical counter-proposal fits one Letter page
    text = pdf[0].get_textpage().get_text_range()
    assert "Resumen para la mesa de negociación" in text and "añadir el texto modelo" in text
    assert re.search(r"§31\.2\(a\), línea 61", text)
    pdf.close()
