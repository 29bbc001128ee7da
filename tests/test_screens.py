"""Every screen: the web pages and the HTML report in Chromium at desktop, phone (390 px) and print
width, with no horizontal overflow and tables that reflow; the printed report and brief.

Screenshots of every page at every width go to tests/artifacts/screens/ (git-ignored; or
$CLAUSECHECK_ARTIFACTS/screens), named <page>-<width>.png."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_web_e2e import EXAMPLE, browser, scan8, server  # noqa: F401 — fixtures: one way to launch Chromium

from cli import main

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844), "print": (816, 1056)}  # print: Letter at 96 dpi
OLD_DRAFT = "ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n"
FITS = """() => {
  const w = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > w + 1 && getComputedStyle(e).position !== 'absolute';
  }).map(e => e.tagName + '.' + e.className);
  return {scroll: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def screens() -> Path:
    root = Path(os.environ["CLAUSECHECK_ARTIFACTS"]) if os.environ.get("CLAUSECHECK_ARTIFACTS") \
        else Path(__file__).resolve().parent / "artifacts"
    d = root / "screens"
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


@pytest.fixture
def page(browser, width):  # noqa: F811
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, accept_downloads=True)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.problems = problems
    yield pg
    context.close()


def _shows(page, width: str) -> None:
    if width == "print":
        page.emulate_media(media="print")


def _fits(page, name: str, width: str, screens: Path) -> None:
    """Nothing wider than the window; then a full-page screenshot."""
    page.wait_for_load_state("load")  # the stylesheets too: an element can be in the DOM before them
    _shows(page, width)
    got = page.evaluate(FITS)
    assert got["scroll"] <= got["width"] and got["wide"] == [], f"{name} at {width}: {got}"
    page.screenshot(path=str(screens / f"{name}-{width}.png"), full_page=True)
    page.emulate_media(media="screen")


def _tables_reflow(page, width: str) -> None:
    """On a phone every table row is a card: cells stack, each with its column's name."""
    cells = page.locator("#report table td[data-label]")
    assert cells.count() > 0
    display = cells.first.evaluate("e => getComputedStyle(e).display")
    label = cells.first.evaluate("e => getComputedStyle(e, '::before').content")
    if width == "phone":
        assert display == "block" and label.strip('"').endswith(": ")
        narrow = page.evaluate("""() => [...document.querySelectorAll('#report table td[data-label]')]
            .filter(td => td.getBoundingClientRect().width < 0.8 * td.closest('table').getBoundingClientRect().width)
            .length""")
        assert narrow == 0  # each cell takes the card's width
    else:
        assert display == "table-cell"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screens_web_upload_and_report(page, server, screens, width, lang):  # noqa: F811
    q = "" if lang == "en" else "?lang=es"
    page.goto(server.url + "/" + q)
    _fits(page, f"web-upload-{lang}", width, screens)
    page.set_input_files("#file", str(EXAMPLE))
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    assert page.locator("html").get_attribute("lang") == lang
    _tables_reflow(page, width)
    _fits(page, f"web-report-{lang}", width, screens)
    if width == "print":
        page.emulate_media(media="print")
        assert not page.locator("nav.downloads").is_visible()
    else:
        assert page.locator("nav.downloads a.download").count() >= 3
    assert page.problems == []


def test_screens_web_compare_and_error(page, server, screens, width, tmp_path):  # noqa: F811
    new = tmp_path / "counter-proposal.txt"
    new.write_text(OLD_DRAFT)
    page.goto(server.url + "/compare")
    _fits(page, "web-compare", width, screens)
    page.set_input_files("#before", str(EXAMPLE))
    page.set_input_files("#after", str(new))
    page.click("button[type=submit]")
    page.wait_for_selector("#cmp-changes")
    _fits(page, "web-compare-result", width, screens)
    assert page.problems == []
    bad = tmp_path / "draft.pdf"
    bad.write_text("ARTICLE 1 WAGES\nThe Employer shall pay wages.\n")
    page.goto(server.url + "/")
    page.set_input_files("#file", str(bad))
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "E208" in page.locator(".error").inner_text()
    _fits(page, "web-error", width, screens)


def test_screens_web_scan_offer_and_progress(page, server, screens, width, scan8):  # noqa: F811
    """A scan: the OCR offer, then the progress page while pages are read (the phone screenshot is
    web-ocr-progress-phone.png), then the report at the job's address."""
    page.goto(server.url + "/")
    page.set_input_files("#file", str(scan8))
    page.click("button[type=submit]")
    page.wait_for_selector("text=Read the scanned pages (OCR)")
    _fits(page, "web-ocr-offer", width, screens)
    page.click("text=Read the scanned pages (OCR)")
    # 8 pages at about a second each, the status polled every second: a count between the ends shows
    page.wait_for_function("() => /Pages read: [1-7] of 8/.test(document.querySelector('[data-job-text]')"
                           "?.textContent || '')", timeout=120_000)
    _fits(page, "web-ocr-progress", width, screens)
    page.wait_for_selector("#report .strip", timeout=120_000)
    assert page.locator("#report article.finding").count() == 25
    assert page.problems == []


def test_screens_web_report_offers_ocr_for_picture_pages(page, server, screens, width, scan8, tmp_path):  # noqa: F811
    """A PDF whose second page is a picture: the report of the typed page, with the offer above it."""
    from test_ingest_ocr import PAGE_2, mixed_pdf

    pdf = mixed_pdf(tmp_path / "proposal-with-a-scanned-page.pdf", EXAMPLE.read_text().splitlines()[:30], PAGE_2)
    page.goto(server.url + "/")
    page.set_input_files("#file", str(pdf))
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    assert page.locator("section.ocr-offer button").first.inner_text() == "Read the scanned pages (OCR)"
    _fits(page, "web-ocr-partial-report", width, screens)
    page.click("text=Keep this report, delete the file")
    page.wait_for_selector("#report .strip")
    assert page.locator("section.ocr-offer").count() == 0  # the same report, the file deleted
    assert page.problems == []


def test_screens_web_downloads_in_the_browser(browser, server, tmp_path):  # noqa: F811
    import json

    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#file", str(EXAMPLE))
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    got = {}
    for link in page.locator("nav.downloads a.download").all():
        with page.expect_download() as info:
            link.click()
        d = info.value
        target = tmp_path / d.suggested_filename
        d.save_as(str(target))
        got[d.suggested_filename] = target
    context.close()
    report = json.loads(got["hotel-counterproposal-clausecheck.json"].read_text())
    assert report["summary"] == {"matching": 1, "weakened": 13, "missing": 11}
    assert "Bargaining brief" in got["hotel-counterproposal-clausecheck.html"].read_text()
    assert got["hotel-counterproposal-brief.pdf"].read_bytes().startswith(b"%PDF-")


# ---- the HTML report and the brief from the command line ------------------------------------------
@pytest.fixture(scope="module")
def report_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for name, args in {"report-en": ["--format", "html"], "report-es": ["--format", "html", "--lang", "es"],
                       "brief-en": ["--format", "brief"], "brief-es": ["--format", "brief", "--lang", "es"]}.items():
        out[name] = d / f"{name}.html"
        r = CliRunner().invoke(main, ["check", str(EXAMPLE), *args, "-o", str(out[name])])
        assert r.exit_code == 1, r.output
    return out


@pytest.mark.parametrize("name", ["report-en", "report-es", "brief-en", "brief-es"])
def test_screens_cli_html_fits_every_width(page, report_files, screens, width, name):
    page.goto(report_files[name].as_uri())
    _fits(page, f"cli-{name}", width, screens)
    assert page.problems == []


def _pdf_pages(page) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(io.BytesIO(page.pdf(format="Letter", print_background=True)))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screens_brief_prints_on_one_page(browser, report_files, lang):  # noqa: F811
    page = browser.new_page()
    page.goto(report_files[f"brief-{lang}"].as_uri())
    pages = _pdf_pages(page)
    page.close()
    assert len(pages) == 1, f"the brief of a typical counter-proposal prints on {len(pages)} pages"
    text = " ".join(pages[0].split())
    assert ("Bargaining brief" if lang == "en" else "Resumen para la mesa de negociación") in text
    assert ("Paid time off for the citizenship oath ceremony" if lang == "en"
            else "Tiempo libre pagado para la ceremonia de juramento de ciudadanía") in text  # the last line


def test_screens_full_report_prints_brief_first_details_collapsed(browser, report_files, screens):  # noqa: F811
    page = browser.new_page(viewport={"width": 816, "height": 1056})
    page.goto(report_files["report-en"].as_uri())
    # on screen the model language of what falls short is open; printed, every details is collapsed
    pre = page.locator('article[data-protection="judicial_warrant_for_nonpublic_access"] pre')
    assert pre.is_visible()
    # reflowed: one line per paragraph (title, (a)-(d)), not the corpus file's hard breaks
    assert len(pre.inner_text().strip().splitlines()) == 5
    page.emulate_media(media="print")
    assert not pre.is_visible()
    assert page.locator("section.category").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    page.screenshot(path=str(screens / "cli-report-en-print-top.png"))
    pages = _pdf_pages(page)
    page.close()
    first = " ".join(pages[0].split())
    assert "Bargaining brief" in first and "Paid time off for the citizenship oath ceremony" in first
    assert "ICE enforcement" not in first  # the categories start on the next page
    assert "ICE enforcement" in " ".join(pages[1].split())
    assert len(pages) <= 18, f"the full report prints on {len(pages)} pages"  # 32 before the brief and collapsed details
