"""The HTML report of `clausecheck check --format html` opened in headless Chromium from a file:// URL.

Structure, escaping of a hostile clause, no network, a working copy button, and a screenshot in
$CLAUSECHECK_ARTIFACTS (default: a pytest temp dir). The browser comes from test_web_e2e."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_web_e2e import artifacts, browser  # noqa: F401 — fixtures: one way to launch Chromium

from cli import main

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src="https://evil.example/x.png" onerror="window.__pwned=2">'
HOSTILE = (
    "ARTICLE 9 IMMIGRATION\n\n"
    f"9.1 The Employer will notify the Union as soon as practicable {SCRIPT} after immigration authorities "
    f"visit the premises {IMG}, contact the Employer about an employee or request employee records.\n\n"
    "9.2 The Employer shall not voluntarily provide employee records or information about the immigration "
    "status of any employee to immigration authorities unless required by a judicial warrant or court order.\n"
)


@pytest.fixture
def report(tmp_path):
    """(path of report.html, the JSON report of the same document)."""
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "report.html"
    html = runner.invoke(main, ["check", str(tmp_path / "hostile.txt"), "--format", "html", "--output", str(out)])
    assert html.exit_code == 1 and html.stderr == ""
    js = runner.invoke(main, ["check", str(tmp_path / "hostile.txt"), "--format", "json"])
    return out, json.loads(js.stdout)


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    external: list[str] = []

    def gate(route):
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    pg.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else external.append(r.url))
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.external, pg.problems = external, problems
    yield pg
    context.close()


def test_formats_html_report_in_chromium(page, report, artifacts):  # noqa: F811
    path, data = report
    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    # structure: one h1, a heading per category, an article per protection with its status
    assert page.locator("h1").count() == 1
    headings = page.locator("h2.cat").all_inner_texts()
    assert len(headings) == len({f["category"] for f in data["findings"]})
    assert {"ICE enforcement", "U/T visa and deferred action", "Union rights and notice"} <= set(headings)
    assert page.locator("p.meta").first.inner_text().startswith("clausecheck ")
    assert page.locator("section > p.meta").first.inner_text().startswith("txt · corpus ")
    articles = page.locator("article.finding")
    assert articles.count() == len(data["findings"])
    want = {f["protection"]: f["status"] for f in data["findings"]}
    got = {a.get_attribute("data-protection"): a.get_attribute("data-status") for a in articles.all()}
    assert got == want
    for f in data["findings"]:
        art = page.locator(f'article[data-protection="{f["protection"]}"]')
        assert art.locator("h3").inner_text() == f["title"]
        assert art.locator(".badge").first.inner_text() == f["status"].capitalize()
        model = art.locator("pre").inner_text()
        assert " ".join(model.split()) == " ".join(f["suggestion"].split())
    strip = page.locator("ul.strip li").all_inner_texts()
    assert [" ".join(s.split()) for s in strip] == [f"{data['summary'][k]} {k.capitalize()}"
                                                    for k in ("matching", "weakened", "missing")]

    # the evidence is quoted, the payload shown as text and never run
    notice = page.locator('article[data-protection="union_notice_of_immigration_contact"]')
    assert notice.get_attribute("data-status") == "weakened"
    quote = notice.locator("blockquote").inner_text()
    assert SCRIPT in quote and IMG in quote and "as soon as practicable" in quote
    assert notice.locator("blockquote mark").count() >= 1  # what was weakened is highlighted
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    assert page.external == [] and page.problems == []

    # the copy button is revealed by JS, reachable by keyboard, and copies the model language
    button = notice.locator("button.copy")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.locator("#copy-status").inner_text() == "Model language copied."
    assert page.evaluate("navigator.clipboard.readText()") == notice.locator("pre").inner_text()

    page.screenshot(path=str(artifacts / "html-report.png"), full_page=True)
    notice.screenshot(path=str(artifacts / "html-report-weakened.png"))
    assert (artifacts / "html-report.png").stat().st_size > 10_000
