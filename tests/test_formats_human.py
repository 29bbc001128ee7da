"""HTML, Markdown, text and JSON views of hand-built reports: content, escaping, accessibility."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources

import jsonschema
import pytest
from report_factory import report, run

from checker.formats import FORMATTERS, Options, to_json, to_text
from checker.run import Waiver


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def html_page(r=None, **kw) -> str:
    return FORMATTERS["html"].render(r or run(report()), Options(**kw))


def test_formats_html_escapes_document_text():
    page = html_page()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Title of beta_privacy &lt;b&gt;" in page
    p = Collector()
    p.feed(page)
    assert len(p.scripts) == 1 and "alert" not in p.scripts[0]


def test_formats_html_is_self_contained():
    page = html_page()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "@media print" in page


def test_formats_html_structure_and_accessibility():
    p = Collector()
    p.feed(html_page())
    tags = [t for t, _ in p.tags]
    assert tags.count("h1") == 1 and {"header", "main", "footer"} <= set(tags)
    assert ("html", {"lang": "en"}) in p.tags
    buttons = [a for t, a in p.tags if t == "button"]
    assert len(buttons) == 3 and all(a["type"] == "button" and "hidden" in a for a in buttons)
    assert any(a.get("aria-live") == "polite" for _, a in p.tags)
    targets = {a["data-target"] for a in buttons}
    assert targets <= {a.get("id") for t, a in p.tags if t == "pre"}


def test_formats_html_summary_categories_evidence_and_deviations():
    page = html_page()
    assert re.search(r'class="matching"><span class="n">1</span>Matching', page)
    assert re.search(r'class="weakened"><span class="n">1</span>Weakened', page)
    assert re.search(r'class="missing"><span class="n">1</span>Missing', page)
    assert page.index("ICE enforcement") < page.index("Title of alpha_notice") < page.index("Leave and reinstatement")
    assert "<mark>as soon as practicable</mark>" in page
    assert "§14.2, line 20" in page
    # each cell names its column for the phone layout, where the table becomes one card per row
    assert re.search(r'<td data-label="Deviation">hedge</td><td data-label="Element">1</td>'
                     r'<td data-label="Found">as soon as practicable</td><td data-label="Expected">within 24 hours</td>',
                     page)


def test_formats_html_marks_waived_findings():
    page = html_page(run(report(), waivers=(Waiver("drafts/hotel.md", "gamma_leave", "R & D <ok>"),)))
    assert 'class="badge waived">Waived' in page and "Waived:</strong> R &amp; D &lt;ok&gt;" in page


def test_formats_markdown_table_and_sections():
    out = FORMATTERS["markdown"].render(run(report()), Options())
    assert "| ✘ | `gamma_leave` | leave\\_and\\_reinstatement | medium | missing | — |" in out
    assert "### ▲ Title of beta\\_privacy &lt;b&gt; — weakened" in out
    assert "### ✔" not in out
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert "\\| 50% off" in out


def test_formats_text_keeps_the_old_api_and_marks_waivers():
    r = report()
    assert to_text(r).splitlines()[:3] == ["drafts/hotel.md  (md, - pages)", "corpus test-pack 1",
                                           "1 matching, 1 weakened, 1 missing"]
    out = FORMATTERS["text"].render(run(r, waivers=(Waiver("*", "gamma_leave", "agreed"),)), Options())
    assert "✘ missing  gamma_leave  (medium)  [waived: agreed]" in out


@pytest.mark.parametrize("many", [False, True])
def test_formats_json_validates_with_waived_field(many):
    schema = json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))
    r = run(report(), waivers=(Waiver("*", "gamma_leave", "agreed"),), many=many)
    data = json.loads(FORMATTERS["json"].render(r, Options()))
    docs = data if many else [data]
    assert len(docs) == 1
    jsonschema.validate(docs[0], schema)
    assert docs[0]["findings"][2]["waived"] == {"reason": "agreed", "document": "*"}
    assert json.loads(to_json(report())) == report().to_dict()
