"""An exception aimed at one numbered paragraph of an article ("Notwithstanding Art. VII ¶ 2")
reaches that paragraph, not the article's other paragraphs."""
from __future__ import annotations

import pytest

from checker.api import check_text

ARTICLE = """ARTICLE VII - IMMIGRATION PROTECTIONS

¶ 1. Agents. The Employer, its managers, supervisors and security staff shall not consent to immigration authorities entering any non-public area of the premises, or questioning, searching or seizing any employee there, unless the agents present a judicial warrant signed by a judge or magistrate. An administrative warrant (Form I-200 or I-205) is not a judicial warrant.

¶ 2. During an enforcement action. If immigration authorities execute a warrant, the Employer shall ensure that questioning takes place in private, shall not line up or separate employees by national origin or perceived status, and shall not point out any employee to the agents. The Employer shall admit Union representatives and attorneys to the worksite, who may meet privately with affected employees.

ARTICLE XIV - SITE SECURITY

1. {override}
"""
OVERRIDES = [
    "Notwithstanding Art. VII ¶ 1, the Employer's security office may admit immigration agents to any area of the premises on presentation of credentials.",
    "Notwithstanding Article VII, paragraph 1, the Employer may admit to any non-public area any federal officer, immigration agents included, who presents credentials.",
    "Notwithstanding Art. VII para. 1, the Employer may allow ICE officers into any area when they state an official purpose.",
]


def _finding(text: str, pid: str):
    return next(f for f in check_text(text).findings if f.protection == pid)


@pytest.mark.parametrize("override", OVERRIDES)
def test_paragraph_override_weakens_the_paragraph_it_names(override):
    finding = _finding(ARTICLE.format(override=override), "judicial_warrant_for_nonpublic_access")
    assert finding.status == "weakened"
    assert "discretion" in {d.kind for d in finding.deviations}


def _override_spans(text: str):
    from checker.api import default_corpus, document_from_text
    from checker.engine import concept_index
    from checker.engine.analysis import Analysis

    document = document_from_text(text)
    analysis = Analysis.build(document, concept_index(default_corpus()))
    return document.text, [(t.start, t.end) for _, t, _, _, _ in analysis.section_overrides]


@pytest.mark.parametrize("override", OVERRIDES)
def test_paragraph_override_leaves_the_articles_other_paragraphs_alone(override):
    text, spans = _override_spans(ARTICLE.format(override=override))
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end].lstrip().startswith("¶ 1. Agents.")
    assert "¶ 2." not in text[start:end]


def test_paragraph_override_a_paragraph_the_article_does_not_number_falls_back_to_the_article():
    override = "Notwithstanding Art. VII ¶ 9, the Employer may admit immigration agents to any area on presentation of credentials."
    text, spans = _override_spans(ARTICLE.format(override=override))
    assert [text[a:b].split("\n")[0] for a, b in spans] == ["ARTICLE VII - IMMIGRATION PROTECTIONS"]


def test_paragraph_override_aimed_at_the_whole_article_reaches_every_paragraph():
    override = "Notwithstanding Article VII, the Employer may admit immigration agents to any area on presentation of credentials."
    finding = _finding(ARTICLE.format(override=override), "judicial_warrant_for_nonpublic_access")
    assert "discretion" in {d.kind for d in finding.deviations}
