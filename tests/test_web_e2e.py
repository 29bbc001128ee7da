"""The real pages in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Screenshots go to $CLAUSECHECK_ARTIFACTS (default: a pytest temp dir named web-artifacts).
In CI (CI=true) a missing browser is a failure, never a skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.api import check_file

CHROMIUM = os.environ.get("CLAUSECHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
OLD_DRAFT = "ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason} (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from checker.web import Settings, create_app
    from web_server import LiveServer

    root = tmp_path_factory.mktemp("uploads")
    with LiveServer(create_app(Settings(upload_root=str(root)))) as s:
        s.upload_root = root
        yield s


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    d = Path(os.environ["CLAUSECHECK_ARTIFACTS"]) if os.environ.get("CLAUSECHECK_ARTIFACTS") \
        else tmp_path_factory.mktemp("web-artifacts")
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    problems = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    context.close()


def _statuses(pg) -> dict[str, str]:
    """Protection -> status as shown (the report groups protections by category)."""
    return dict(pg.locator("#report article.finding").evaluate_all(
        "els => els.map(e => [e.dataset.protection, e.dataset.status])"))


def test_web_e2e_upload_with_file_picker_shows_statuses(page, server, artifacts):
    expected = check_file(EXAMPLE).to_dict()
    page.goto(server.url + "/")
    page.screenshot(path=str(artifacts / "upload.png"), full_page=True)
    page.set_input_files("#file", str(EXAMPLE))
    assert "hotel-counterproposal.txt" in page.locator("[data-chosen]").inner_text()
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    for status in ("matching", "weakened", "missing"):
        assert int(page.locator(f"#report .strip li.{status} .n").inner_text()) == expected["summary"][status]
    assert _statuses(page) == {f["protection"]: f["status"] for f in expected["findings"]}
    page.screenshot(path=str(artifacts / "report.png"))
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")  # nothing overflows
    page.screenshot(path=str(artifacts / "report-full.png"), full_page=True)
    # The copy buttons are the report's own JS, served as a file: revealed, and they work.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("#report button.copy").first
    assert button.is_visible()
    button.click()
    from playwright.sync_api import expect

    expect(page.locator("#copy-status")).to_have_text("Model language copied.")
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "report-print.png"), full_page=True)
    assert not page.locator("header.top").is_visible()
    page.emulate_media(media="screen")
    assert page.problems == []  # no CSP violations, no script errors
    assert os.listdir(server.upload_root) == []


def test_web_e2e_drag_and_drop(page, server, artifacts):
    page.goto(server.url + "/")
    data = page.evaluate_handle("""(text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "dropped-draft.txt", {type: "text/plain"}));
        return dt;
    }""", EXAMPLE.read_text())
    page.dispatch_event("[data-drop]", "dragover", {"dataTransfer": data})
    page.dispatch_event("[data-drop]", "drop", {"dataTransfer": data})
    assert "dropped-draft.txt" in page.locator("[data-chosen]").inner_text()
    page.screenshot(path=str(artifacts / "dropped.png"))
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    assert "dropped-draft.txt" in page.locator("#report h2").first.inner_text()
    assert page.problems == []


def test_web_e2e_upload_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(server.url + "/")
        pg.set_input_files("#file", str(EXAMPLE))
        pg.click("button[type=submit]")
        pg.wait_for_selector("#report .strip")
        assert pg.locator("#report article.finding").count() == len(check_file(EXAMPLE).findings)
        assert not pg.locator("button.copy").first.is_visible()  # no JS: plain selectable text
        assert pg.locator("#report pre").first.inner_text().strip()
    finally:
        context.close()


def test_web_e2e_compare_two_drafts(page, server, artifacts, tmp_path):
    old = tmp_path / "current-contract.txt"
    old.write_text(OLD_DRAFT)
    after = check_file(EXAMPLE).to_dict()
    page.goto(server.url + "/compare")
    page.set_input_files("#before", str(old))
    page.set_input_files("#after", str(EXAMPLE))
    page.screenshot(path=str(artifacts / "compare-form.png"))
    page.click("button[type=submit]")
    page.wait_for_selector("#cmp-changes")
    rows = page.locator("#cmp-changes tbody tr").evaluate_all(
        "els => els.map(e => [e.dataset.protection, e.dataset.change])")
    want = [[f["protection"], "unchanged" if f["status"] == "missing" else "improvement"] for f in after["findings"]]
    assert rows == want
    improved = sum(1 for _, c in want if c == "improvement")
    assert int(page.locator("#comparison .strip li.matching .n").inner_text()) == improved
    page.screenshot(path=str(artifacts / "compare.png"))
    assert page.problems == []


def test_web_e2e_error_page_for_unsupported_file(page, server, tmp_path):
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    page.goto(server.url + "/")
    page.set_input_files("#file", str(bad))
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "E202" in page.locator(".error").inner_text()


def test_web_e2e_compare_highlights_regressions(page, server, artifacts, tmp_path):
    """The counter-proposal drops protections the current contract had: those rows are regressions."""
    new = tmp_path / "counter-proposal.txt"
    new.write_text(OLD_DRAFT)
    before = check_file(EXAMPLE).to_dict()
    page.goto(server.url + "/compare")
    page.set_input_files("#before", str(EXAMPLE))
    page.set_input_files("#after", str(new))
    page.click("button[type=submit]")
    page.wait_for_selector("#cmp-changes")
    regressions = page.locator("#cmp-changes tr.regression")
    assert regressions.count() == sum(f["status"] != "missing" for f in before["findings"]) > 0
    colour = regressions.first.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(253, 236, 234)"
    page.screenshot(path=str(artifacts / "compare-regressions.png"), full_page=True)
    assert page.problems == []


@pytest.mark.parametrize("long_token", ["https://example.org/" + "a" * 400])
def test_web_e2e_long_evidence_does_not_overflow(page, server, tmp_path, long_token):
    draft = tmp_path / "long-evidence.txt"
    draft.write_text(EXAMPLE.read_text().replace("\nnon-public area.", f"\nnon-public area {long_token}.", 1))
    page.goto(server.url + "/")
    page.set_input_files("#file", str(draft))
    page.click("button[type=submit]")
    page.wait_for_selector("#report .strip")
    assert long_token[:60] in page.locator("#report blockquote").first.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


# ---- a scanned PDF: offered OCR, read in the background with progress, then the report ------------
@pytest.fixture(scope="module")
def scan8(tmp_path_factory) -> Path:
    """A scan of 8 pages: long enough (a few seconds of OCR) for the count to be seen between 0 and 8."""
    from checker.ingest.ocr import missing_ocr_parts
    from test_ingest_ocr import PAGE_1, PAGE_2, scanned_pdf

    if missing_ocr_parts():
        _unavailable(f"OCR tools not installed: {missing_ocr_parts()}")
    return scanned_pdf(tmp_path_factory.mktemp("scans") / "signed-contract-scan.pdf", [PAGE_1, PAGE_2] * 4)


def test_web_e2e_scan_is_read_with_ocr_showing_pages_done(page, server, artifacts, scan8):
    page.goto(server.url + "/")
    page.set_input_files("#file", str(scan8))
    page.click("button[type=submit]")
    page.wait_for_selector("text=Read the scanned pages (OCR)")
    assert "signed-contract-scan.pdf has 8 pages" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / "scan-offer.png"))
    page.click("text=Read the scanned pages (OCR)")
    page.wait_for_selector("section.job progress[max='8']")
    # The page's script polls the job's status: "Pages read: k of 8", the bar following it.
    seen = []
    text = page.locator("[data-job-text]")
    while not page.locator("#report .strip").count():
        try:
            seen.append((text.inner_text(timeout=1000), page.locator("[data-job-bar]").get_attribute("value", timeout=1000)))
        except Exception:  # the page is reloading into the report
            pass
        page.wait_for_timeout(200)
        assert len(seen) < 600, seen[-3:]
    shown = [int(v) for t, v in seen if t.startswith("Pages read:")]
    assert shown and shown == sorted(shown) and set(shown) <= set(range(9)), seen
    assert any(t == f"Pages read: {v} of 8" and 0 < int(v) < 8 for t, v in seen), seen  # seen between the ends
    assert page.url.startswith(server.url + "/jobs/")  # the job's address became the report
    assert page.locator("#report article.finding").count() == 25
    assert "text was produced by OCR (8 pages)" in page.locator("#report").inner_text()
    assert page.problems == []  # no CSP violations, no script errors
    assert os.listdir(server.upload_root) == []


def test_web_e2e_scan_without_javascript_refreshes_until_the_report(browser, server, scan8):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(server.url + "/")
        pg.set_input_files("#file", str(scan8))
        pg.click("button[type=submit]")
        pg.click("text=Read the scanned pages (OCR)")
        assert pg.locator("section.job progress").count() == 1  # the progress page, reloading itself
        pg.wait_for_selector("#report .strip", timeout=120_000)
        assert pg.locator("#report article.finding").count() == 25
    finally:
        context.close()
