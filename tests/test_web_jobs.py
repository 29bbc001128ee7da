"""A scanned PDF on the web: offered OCR, read as a background job with pages-done progress and a
time limit sized to its pages, then the normal report; bounded, cancellable, cleaned up, and
reached only through an unguessable id. Real OCR (Tesseract through ocrmypdf) on small scans."""
from __future__ import annotations

import os
import re
import time
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from test_ingest_ocr import PAGE_1, PAGE_2, mixed_pdf, scanned_pdf  # noqa: E402

from checker.api import check_file  # noqa: E402
from checker.errors import ConfigError  # noqa: E402
from checker.ingest import ocr as ocr_mod  # noqa: E402
from checker.web import Settings, create_app  # noqa: E402
from checker.web.ui import WEB_HINTS, WORDS  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
BASE = "http://127.0.0.1:8000"
COMMAND_LINE = re.compile(r"--[a-z]|pip install|clausecheck\[|apt-get|`")


@pytest.fixture(scope="module")
def ocr_tools():
    missing = ocr_mod.missing_ocr_parts()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"OCR tests cannot run in CI without {missing} (.ci/run installs them)")
        pytest.skip(f"OCR tools not installed: {missing}")


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[int, bytes]:
    d = tmp_path_factory.mktemp("scans")
    return {n: scanned_pdf(d / f"scan{n}.pdf", [PAGE_1, PAGE_2, PAGE_1][:n]).read_bytes() for n in (1, 3)}


@pytest.fixture
def upload_root(tmp_path) -> Path:
    root = tmp_path / "uploads"
    root.mkdir()
    return root


@pytest.fixture
def make_client(upload_root, ocr_tools):
    clients = []

    def make(**kw) -> TestClient:
        kw.setdefault("upload_root", str(upload_root))
        c = TestClient(create_app(Settings(**kw)), base_url=BASE)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def _csrf(client) -> str:
    client.get("/")
    return client.cookies.get("clausecheck_csrf")


def _upload_scan(client, data: bytes, name: str = "scan.pdf", lang: str | None = None):
    q = f"?lang={lang}" if lang else ""
    return client.post("/check" + q, files={"file": (name, data)}, data={"csrf": _csrf(client)},
                       follow_redirects=False)


def _offered(client, data: bytes, **kw) -> str:
    r = _upload_scan(client, data, **kw)
    assert r.status_code == 303, r.text
    job_page = r.headers["location"].split("?")[0]
    assert re.fullmatch(r"/jobs/[A-Za-z0-9_-]{32}", job_page)
    return job_page.rsplit("/", 1)[1]


def _start(client, job_id: str):
    r = client.post(f"/jobs/{job_id}/ocr", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/jobs/{job_id}"


def _follow(client, job_id: str, until=("done", "failed"), seconds: float = 120) -> list[dict]:
    """Every status seen, polled as the page's script does, until the job reaches `until`."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        s = client.get(f"/api/v1/jobs/{job_id}").json()
        seen.append(s)
        if s["state"] in until or s["stage"] in until:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"job still {seen[-1]} after {seconds} s")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _ocr_processes(upload_root: Path) -> list:
    """Processes of an OCR run whose working directory is under `upload_root` (ocrmypdf, Tesseract)."""
    import psutil

    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("TMPDIR", "").startswith(str(upload_root)):
                found.append(p)
        except (psutil.Error, OSError):
            continue
    return found


# ---- the whole journey -----------------------------------------------------------------------------
def test_web_jobs_scan_is_offered_ocr_then_read_with_progress_then_the_report(make_client, scans, upload_root):
    client = make_client()
    job_id = _offered(client, scans[3])
    offer = client.get(f"/jobs/{job_id}")
    assert offer.status_code == 200
    text = _text(offer.text)
    assert "This PDF is a scan" in text and "scan.pdf has 3 pages that are pictures" in text
    assert "Read the scanned pages (OCR)" in text and "Cancel and delete the file" in text
    assert "at most 2 min for this scan" in text  # 90 s + 3 pages x 10 s
    assert not COMMAND_LINE.search(text), text
    assert len(os.listdir(upload_root)) == 1  # the scan waits in the job's own directory
    assert client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "offered"

    _start(client, job_id)
    running = client.get(f"/jobs/{job_id}")
    assert running.status_code == 200 and "Reading the scanned pages" in running.text
    assert f'data-job="/api/v1/jobs/{job_id}"' in running.text
    seen = _follow(client, job_id)
    done = [s["pages_done"] for s in seen]
    assert seen[-1]["state"] == "done", seen[-1]
    assert done == sorted(done) and done[0] < done[-1] == 3, done  # pages done only go up, to all of them
    assert {s["pages_total"] for s in seen} == {3}
    assert any(re.fullmatch(r"Pages read: [0-3] of 3", s["text"]) for s in seen), [s["text"] for s in seen]
    assert all(s["time_limit_seconds"] == 120 for s in seen)

    page = client.get(f"/jobs/{job_id}")  # the same address is now the report page
    assert page.status_code == 200 and 'id="report"' in page.text and "strip" in page.text
    assert "text was produced by OCR (3 pages)" in page.text
    report = client.get(f"/api/v1/jobs/{job_id}/report").json()
    assert report["schema_version"] == "1" and report["document"]["path"] == "scan.pdf"
    assert report["document"]["pages"] == 3 and len(report["findings"]) == 25
    assert os.listdir(upload_root) == []  # the file and OCR's working files are gone


def test_web_jobs_api_reads_a_scan_in_the_background(make_client, scans, upload_root):
    client = make_client()
    r = client.post("/api/v1/jobs", files={"file": ("scan.pdf", scans[1])})
    assert r.status_code == 202, r.text
    body = r.json()
    assert r.headers["location"] == f"/api/v1/jobs/{body['id']}"
    assert body["state"] in ("queued", "running") and body["pages_total"] == 1
    assert body["time_limit_seconds"] == 100
    seen = _follow(client, body["id"])
    assert seen[-1]["state"] == "done" and seen[-1]["report"] == f"/api/v1/jobs/{body['id']}/report"
    report = client.get(seen[-1]["report"]).json()
    assert report["document"]["format"] == "pdf" and any("OCR" in w for w in report["warnings"])
    assert os.listdir(upload_root) == []


def test_web_jobs_api_document_with_text_is_done_at_once(make_client):
    client = make_client()
    r = client.post("/api/v1/jobs", files={"file": ("hotel.txt", EXAMPLE.read_bytes())})
    assert r.status_code == 202 and r.json()["state"] == "done"
    report = client.get(r.json()["report"]).json()
    assert report["summary"] == check_file(EXAMPLE).to_dict()["summary"]


@pytest.mark.parametrize("pages, per_page, timeout, limit", [(1, 10.0, 90.0, 100), (3, 10.0, 90.0, 120),
                                                             (3, 30.0, 60.0, 150)])
def test_web_jobs_time_limit_is_sized_to_the_page_count(make_client, scans, pages, per_page, timeout, limit):
    client = make_client(ocr_seconds_per_page=per_page, check_timeout=timeout)
    job_id = _offered(client, scans[pages])
    assert client.get(f"/api/v1/jobs/{job_id}").json()["time_limit_seconds"] == limit


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> bytes:
    """Page 1 typed (a text layer), page 2 only a picture of text."""
    text_page = ["ARTICLE 1 - RECOGNITION", "The Employer recognizes the Union as bargaining agent."]
    return mixed_pdf(tmp_path_factory.mktemp("mixed") / "mixed.pdf", text_page, PAGE_2).read_bytes()


def test_web_jobs_pdf_with_picture_pages_shows_its_report_and_offers_to_read_them(make_client, mixed, upload_root):
    client = make_client()
    job_id = _offered(client, mixed, name="proposal.pdf")
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and 'id="report"' in page.text  # the report of the typed pages, now
    text = _text(page.text)
    assert "Page(s) 2 of proposal.pdf are pictures with no text" in text and "Read the scanned pages (OCR)" in text
    assert "page(s) 2 are pictures with no text: this report could not read them" in text
    assert not COMMAND_LINE.search(text), text  # not "run with --ocr"
    _start(client, job_id)
    seen = _follow(client, job_id)
    assert seen[-1]["state"] == "done" and seen[-1]["pages_done"] == seen[-1]["pages_total"] == 2
    report = client.get(f"/api/v1/jobs/{job_id}/report").json()
    assert "page(s) 2 were read by OCR; check quotations against the original" in report["warnings"]
    assert "Some pages are pictures" not in client.get(f"/jobs/{job_id}").text
    assert os.listdir(upload_root) == []


def test_web_jobs_declining_to_read_picture_pages_keeps_the_report_and_deletes_the_file(make_client, mixed,
                                                                                       upload_root):
    client = make_client()
    job_id = _offered(client, mixed)
    before = client.get(f"/jobs/{job_id}").text
    r = client.post(f"/jobs/{job_id}/cancel", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/jobs/{job_id}"
    assert os.listdir(upload_root) == []
    after = client.get(f"/jobs/{job_id}").text
    assert 'id="report"' in after and "Some pages are pictures" not in after and "Some pages are pictures" in before
    assert client.get(f"/api/v1/jobs/{job_id}/report").json()["document"]["pages"] == 2


@pytest.mark.parametrize("lang, words", [
    ("en", "page(s) 2 are pictures with no text: this report could not read them"),
    ("es", "la(s) página(s) 2 son imágenes sin texto: este informe no pudo leerlas"),
])
def test_web_jobs_picture_pages_without_ocr_are_named_without_a_command_line(make_client, mixed, upload_root, lang,
                                                                             words):
    client = make_client(ocr="off")
    r = client.post(f"/check?lang={lang}", files={"file": ("proposal.pdf", mixed)}, data={"csrf": _csrf(client)})
    assert r.status_code == 200 and 'id="report"' in r.text
    text = _text(r.text)
    assert words in text and not COMMAND_LINE.search(text), text
    assert "Read the scanned pages" not in text and os.listdir(upload_root) == []


# ---- limits ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("limit, code", [
    ("reading", "E207"),  # the reading deadline stops OCR and kills its processes
    ("worker", "E214"),  # the whole check's: the worker is killed, and the OCR process group with it
])
def test_web_jobs_past_the_time_limit_fail_and_leave_nothing_running(make_client, scans, upload_root, limit, code):
    from checker.ingest import Limits

    kw = {"limits": Limits(max_seconds=0.3)} if limit == "reading" else {"check_timeout": 0.3}
    client = make_client(ocr_seconds_per_page=0.01, **kw)
    job_id = _offered(client, scans[3])
    _start(client, job_id)
    seen = _follow(client, job_id)
    assert seen[-1]["state"] == "failed" and seen[-1]["error"]["code"] == code, seen[-1]
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 413
    text = _text(page.text)
    assert WEB_HINTS["en"]["E207"] in text and not COMMAND_LINE.search(text), text
    time.sleep(0.5)
    assert _ocr_processes(upload_root) == [] and os.listdir(upload_root) == []


def test_web_jobs_scan_over_the_ocr_page_limit_is_refused(make_client, scans, upload_root):
    client = make_client(ocr_max_pages=2)
    r = _upload_scan(client, scans[3])
    assert r.status_code == 413 and "error E207" in r.text
    assert "over this server's limit of 2 pages for OCR" in _text(r.text)
    assert os.listdir(upload_root) == []


@pytest.mark.parametrize("settings, status, code", [({"jobs_per_client": 1}, 429, "E506"),
                                                    ({"max_jobs": 1}, 503, "E504")])
def test_web_jobs_are_bounded(make_client, scans, upload_root, settings, status, code):
    client = make_client(**settings)
    first = _offered(client, scans[1])
    r = _upload_scan(client, scans[1])
    assert r.status_code == status and f"error {code}" in r.text
    assert len(os.listdir(upload_root)) == 1  # the refused upload is gone, the first one waits
    client.post(f"/jobs/{first}/cancel", data={"csrf": _csrf(client)})
    assert _upload_scan(client, scans[1]).status_code == 303  # room again


def test_web_jobs_offer_not_taken_expires_with_its_file(make_client, scans, upload_root):
    client = make_client(job_keep_seconds=0.3)
    job_id = _offered(client, scans[1])
    assert len(os.listdir(upload_root)) == 1
    time.sleep(0.5)
    r = client.get(f"/api/v1/jobs/{job_id}")
    assert r.status_code == 404 and r.json()["code"] == "E514"
    assert os.listdir(upload_root) == []


def test_web_jobs_finished_reports_held_are_bounded(make_client):
    client = make_client(max_jobs=1)  # at most 16 finished jobs' reports in memory
    ids = [client.post("/api/v1/jobs", files={"file": (f"d{i}.txt", b"ARTICLE 1\nThe Employer shall pay wages.\n")})
           .json()["id"] for i in range(17)]
    assert client.get(f"/api/v1/jobs/{ids[0]}").status_code == 404  # the oldest went first
    assert all(client.get(f"/api/v1/jobs/{i}").json()["state"] == "done" for i in ids[1:])


def test_web_jobs_cancel_stops_the_ocr_and_deletes_the_file(make_client, scans, upload_root):
    client = make_client()
    job_id = _offered(client, scans[3])
    _start(client, job_id)
    _follow(client, job_id, until=("ocr", "done", "failed"))  # Tesseract is at work
    r = client.post(f"/jobs/{job_id}/cancel", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert client.get(f"/api/v1/jobs/{job_id}").status_code == 404
    time.sleep(0.5)
    assert _ocr_processes(upload_root) == [] and os.listdir(upload_root) == []


# ---- ids, requests, modes ----------------------------------------------------------------------------
@pytest.mark.parametrize("job_id", ["x" * 32, "nope", "..%2F..%2Fetc", "A" * 200])
def test_web_jobs_unknown_id_is_404(make_client, job_id):
    client = make_client()
    r = client.get(f"/api/v1/jobs/{job_id}")
    assert r.status_code == 404 and r.json()["code"] in ("E514", "E511")
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 404 and "That did not work" in page.text
    r = client.post(f"/jobs/{job_id}/ocr", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.status_code == 404


def test_web_jobs_ids_are_random_and_report_waits_for_the_end(make_client, scans):
    client = make_client(jobs_per_client=3)
    ids = [_offered(client, scans[1]) for _ in range(2)]
    assert ids[0] != ids[1] and all(len(i) == 32 for i in ids)
    r = client.get(f"/api/v1/jobs/{ids[0]}/report")
    assert r.status_code == 409 and r.json()["code"] == "E515"


def test_web_jobs_start_needs_the_form_token(make_client, scans):
    client = make_client()
    job_id = _offered(client, scans[1])
    r = client.post(f"/jobs/{job_id}/ocr", data={"csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403 and client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "offered"


def test_web_jobs_auto_mode_reads_the_scan_at_once(make_client, scans, upload_root):
    client = make_client(ocr="auto")
    job_id = _offered(client, scans[1])
    assert client.get(f"/api/v1/jobs/{job_id}").json()["state"] in ("queued", "running", "done")
    assert _follow(client, job_id)[-1]["state"] == "done"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_web_jobs_off_mode_refuses_the_scan_for_a_web_user(make_client, scans, lang, upload_root):
    client = make_client(ocr="off")
    r = _upload_scan(client, scans[1], lang=lang)
    assert r.status_code == 422 and "error E206" in r.text
    text = _text(r.text)
    assert WEB_HINTS[lang]["E206"] in text and not COMMAND_LINE.search(text)
    assert os.listdir(upload_root) == []


def test_web_jobs_api_check_of_a_scan_points_to_the_jobs_endpoint(make_client, scans):
    r = make_client().post("/api/v1/check", files={"file": ("scan.pdf", scans[1])})
    assert r.status_code == 422 and r.json()["code"] == "E206"
    assert "/api/v1/jobs" in r.json()["hint"]


def test_web_jobs_unknown_ocr_mode_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown OCR mode"):
        Settings(ocr="sometimes").validate()


# ---- Spanish and no JavaScript -------------------------------------------------------------------------
def test_web_jobs_pages_in_spanish(make_client, scans):
    client = make_client()
    job_id = _offered(client, scans[3], lang="es")
    offer = _text(client.get(f"/jobs/{job_id}?lang=es").text)
    assert "Este PDF es un escaneo" in offer and "Leer las páginas escaneadas (OCR)" in offer
    assert "scan.pdf tiene 3 páginas" in offer and "como máximo 2 min para este escaneo" in offer
    assert "Read the scanned" not in offer
    status = client.get(f"/api/v1/jobs/{job_id}?lang=es").json()
    assert status["text"] == "Este PDF es un escaneo"
    r = client.post(f"/jobs/{job_id}/ocr?lang=es", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.headers["location"] == f"/jobs/{job_id}?lang=es"
    running = _text(client.get(r.headers["location"]).text)
    assert "Leyendo las páginas escaneadas" in running and "Tiempo transcurrido" in running
    assert _follow(client, job_id)[-1]["state"] == "done"


def test_web_jobs_every_page_word_has_its_spanish():
    assert set(WORDS["es"]) == set(WORDS["en"])
    assert all(WORDS["es"][k].strip() for k in WORDS["es"])


def test_web_jobs_progress_page_reloads_itself_without_javascript(make_client, scans):
    client = make_client()
    job_id = _offered(client, scans[3])
    _start(client, job_id)
    page = client.get(f"/jobs/{job_id}").text  # OCR of 3 pages takes seconds: still reading
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', page)
    assert re.search(r'<progress max="3" value="[0-3]"', page)
    assert 'id="report"' not in page
    _follow(client, job_id)
