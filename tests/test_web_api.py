"""The web service's JSON API and pages through the ASGI test client: contract, errors, security."""
from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from checker.api import check_file  # noqa: E402
from checker.errors import ConfigError  # noqa: E402
from checker.web import Settings, create_app  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
BASE = "http://127.0.0.1:8000"
TOKEN = "t0ken-for-tests-0123456789"
PAYLOAD = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def upload_root(tmp_path) -> Path:
    root = tmp_path / "uploads"
    root.mkdir()
    return root


@pytest.fixture
def make_client(upload_root):
    clients = []

    def make(**kw) -> TestClient:
        kw.setdefault("upload_root", str(upload_root))
        base_url = kw.pop("base_url", BASE)
        c = TestClient(create_app(Settings(**kw)), base_url=base_url)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


def csrf_of(client: TestClient, path: str = "/") -> str:
    r = client.get(path)
    assert r.status_code == 200
    return client.cookies.get("clausecheck_csrf")


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "not a word document")
    return buf.getvalue()


# ---- endpoints ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/healthz", "/api/v1/health"])
def test_web_health_answers_ok(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_web_protections_lists_the_catalog(client):
    from checker.api import default_corpus

    body = client.get("/api/v1/protections").json()
    assert [p["id"] for p in body["protections"]] == [p.id for p in default_corpus().protections]
    assert body["corpus"]["sha256"] == default_corpus().sha256


def test_web_openapi_documents_the_api_without_cdn(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/check", "/api/v1/compare", "/api/v1/protections", "/healthz"):
        assert path in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/v1/compare" in docs.text
    assert "cdn" not in docs.text.lower() and 'src="http' not in docs.text and 'href="http' not in docs.text


@pytest.mark.parametrize("name", ["hotel-counterproposal.txt", "draft.md"])
def test_web_check_text_returns_the_report_contract(client, name):
    r = client.post("/api/v1/check", files={"file": (name, EXAMPLE.read_bytes())})
    assert r.status_code == 200, r.text
    body = r.json()
    expected = check_file(EXAMPLE).to_dict()
    assert body["schema_version"] == "1"
    assert body["summary"] == expected["summary"]
    assert [f["status"] for f in body["findings"]] == [f["status"] for f in expected["findings"]]
    assert body["document"]["path"] == name  # the display name, never the server's temp path
    assert body["document"]["format"] == ("md" if name.endswith(".md") else "txt")


def test_web_check_pdf_and_docx(client, make_pdf, make_docx):
    lines = EXAMPLE.read_text().splitlines()[:40]
    pdf = make_pdf([lines])
    r = client.post("/api/v1/check", files={"file": ("contract.pdf", pdf.read_bytes())})
    assert r.status_code == 200, r.text
    assert r.json()["document"]["format"] == "pdf" and r.json()["document"]["pages"] == 1
    docx = make_docx([ln for ln in lines if ln.strip()])
    r = client.post("/api/v1/check", files={"file": ("contract.docx", docx.read_bytes())})
    assert r.status_code == 200, r.text
    assert r.json()["document"]["format"] == "docx"


def test_web_type_comes_from_content_and_must_agree_with_name(client, make_pdf):
    """The name is only shown, stripped of folders; a PDF named .txt is refused as by the CLI (E208)."""
    pdf = make_pdf([["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union."]])
    r = client.post("/api/v1/check", files={"file": ("../../etc/passwd.pdf", pdf.read_bytes())})
    assert r.status_code == 200, r.text
    assert r.json()["document"]["format"] == "pdf"
    assert r.json()["document"]["path"] == "passwd.pdf"
    r = client.post("/api/v1/check", files={"file": ("../../etc/passwd.txt", pdf.read_bytes())})
    assert r.status_code == 415 and r.json()["code"] == "E208"


@pytest.mark.parametrize("old_name,new_name", [("old.txt", "new.txt")])
def test_web_compare_returns_the_cli_comparison_json(client, tmp_path, old_name, new_name):
    """The same JSON as `clausecheck compare --format json`, the display names as paths."""
    import json

    from checker.compare import compare
    from checker.formats import FORMATTERS, Options

    before = b"ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n"
    r = client.post("/api/v1/compare", files={"before": (old_name, before),
                                              "after": (new_name, EXAMPLE.read_bytes())})
    assert r.status_code == 200, r.text
    (tmp_path / old_name).write_bytes(before)
    (tmp_path / new_name).write_bytes(EXAMPLE.read_bytes())
    old, new = check_file(tmp_path / old_name), check_file(tmp_path / new_name)
    old.document["path"], new.document["path"] = old_name, new_name
    cli = json.loads(FORMATTERS["json"].render_comparison(compare(old, new), Options()))
    assert r.json() == cli
    assert cli["summary"]["improvement"] > 0 and cli["summary"]["regression"] == 0


def test_web_compare_json_matches_its_openapi_schema(client):
    jsonschema = pytest.importorskip("jsonschema")
    schema = client.get("/openapi.json").json()["paths"]["/api/v1/compare"]["post"]["responses"]["200"]
    schema = schema["content"]["application/json"]["schema"]
    assert {"old", "new", "summary", "changes"} <= set(schema["properties"])
    r = client.post("/api/v1/compare", files={"before": ("a.txt", EXAMPLE.read_bytes()),
                                              "after": ("b.txt", b"ARTICLE 1 WAGES\nThe Employer shall pay.\n")})
    assert r.status_code == 200, r.text
    jsonschema.validate(r.json(), schema)
    assert r.json()["summary"]["regression"] > 0


# ---- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,content,status,code", [
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 415, "E202"),
    ("contract.docx", zip_bytes(), 415, "E202"),
    ("contract.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", 422, "E204"),
    ("contract.txt", b"", 422, "E203"),
    ("contract.txt", b"   \n\n  \n", 422, "E203"),
])
def test_web_check_bad_documents(client, name, content, status, code):
    r = client.post("/api/v1/check", files={"file": (name, content)})
    assert r.status_code == status, r.text
    assert r.json()["code"] == code and r.json()["message"]
    assert "/tmp" not in r.text and "clausecheck-" not in r.text  # no server paths leak


def test_web_check_encrypted_pdf_needs_its_password(client, make_pdf):
    pdf = make_pdf([["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union."]], password="s3cret")
    r = client.post("/api/v1/check", files={"file": ("locked.pdf", pdf.read_bytes())})
    assert r.status_code == 422 and r.json()["code"] == "E205"
    r = client.post("/api/v1/check", files={"file": ("locked.pdf", pdf.read_bytes())},
                    data={"password": "s3cret"})
    assert r.status_code == 200, r.text


def test_web_check_scanned_pdf_is_unreadable(client, make_pdf):
    pdf = make_pdf([[], []], image_pages=(1, 2))
    r = client.post("/api/v1/check", files={"file": ("scan.pdf", pdf.read_bytes())})
    assert r.status_code == 422 and r.json()["code"] in ("E206", "E203")


def test_web_check_oversized_upload_is_413(make_client):
    client = make_client(max_upload_bytes=10_000)
    r = client.post("/api/v1/check", files={"file": ("big.txt", b"The Employer shall. " * 2000)})
    assert r.status_code == 413 and r.json()["code"] == "E207"


def test_web_check_oversized_upload_stops_while_streaming(make_client):
    """No Content-Length (chunked): the limit is enforced as bytes arrive."""
    client = make_client(max_upload_bytes=10_000)
    boundary = "b0und"

    def body():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n'.encode()
        for _ in range(100):
            yield b"a" * 1000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post("/api/v1/check", content=body(),
                    headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413 and r.json()["code"] == "E207"


def test_web_check_page_limit_is_413(make_client, make_pdf):
    from checker.ingest import Limits

    client = make_client(limits=Limits(max_pages=2))
    pdf = make_pdf([["Page one text."], ["Page two text."], ["Page three text."]])
    r = client.post("/api/v1/check", files={"file": ("long.pdf", pdf.read_bytes())})
    assert r.status_code == 413 and r.json()["code"] == "E207"


@pytest.mark.parametrize("kwargs,code", [
    ({"data": {"x": "no file"}}, "E501"),  # urlencoded, not multipart
    ({"files": {"wrong_field": ("a.txt", b"text")}}, "E201"),
    ({"content": b"file=abc", "headers": {"content-type": "application/x-www-form-urlencoded"}}, "E501"),
    ({"content": b"--x\r\nfoo: bar\r\n\r\ndata\r\n--x--\r\n", "headers": {"content-type": "multipart/form-data; boundary=x"}}, "E501"),
])
def test_web_check_bad_requests_are_400(client, kwargs, code):
    r = client.post("/api/v1/check", **kwargs)
    assert r.status_code == 400, r.text
    assert r.json()["code"] == code


def test_web_busy_server_answers_503_with_retry_after(make_client):
    client = make_client(workers=1, max_queue=0, retry_after=7)
    runner = client.app.state.runner
    assert runner.capacity.acquire(blocking=False)  # the one slot is taken
    try:
        r = client.post("/api/v1/check", files={"file": ("a.txt", EXAMPLE.read_bytes())})
        assert r.status_code == 503 and r.json()["code"] == "E504"
        assert r.headers["retry-after"] == "7"
    finally:
        runner.capacity.release()
    assert client.post("/api/v1/check", files={"file": ("a.txt", EXAMPLE.read_bytes())}).status_code == 200


def test_web_slow_check_hits_the_time_limit(make_client, monkeypatch):
    import checker.web.app as web_app

    release = threading.Event()

    def stuck(*args):
        release.wait(5)
        raise AssertionError("not reached in time")

    monkeypatch.setattr(web_app, "check_upload", stuck)
    client = make_client(check_timeout=0.3)
    try:
        r = client.post("/api/v1/check", files={"file": ("a.txt", b"text")})
        assert r.status_code == 413 and r.json()["code"] == "E214"  # the worker was killed, not left running
    finally:
        release.set()


def test_web_internal_error_is_json_500_without_details(make_client, monkeypatch, upload_root):
    import checker.web.app as web_app

    def boom(*args):
        raise RuntimeError("secret contract text")

    monkeypatch.setattr(web_app, "check_upload", boom)
    client = make_client()
    client_nothrow = TestClient(client.app, base_url=BASE, raise_server_exceptions=False)
    r = client_nothrow.post("/api/v1/check", files={"file": ("a.txt", b"text")})
    assert r.status_code == 500 and r.json()["code"] == "E500"
    assert "secret" not in r.text
    assert os.listdir(upload_root) == []


# ---- temp files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name,content,status", [
    ("ok.txt", EXAMPLE.read_bytes(), 200),
    ("bad.pdf", b"%PDF-1.4 broken", 422),
    ("bad.bin", b"\x00\x01\x02binary", 415),
    ("empty.txt", b"", 422),
])
def test_web_temp_dir_is_empty_after_each_request(make_client, upload_root, monkeypatch, tmp_path, name, content,
                                                  status):
    import checker.web.app as web_app
    from checker.web.runner import check_upload

    log = tmp_path / "seen.txt"  # the check runs in a worker process: it reports through a file

    def spy(upload, *args):
        d = os.path.dirname(upload.path)
        with open(log, "a") as fh:
            fh.write(f"{os.stat(d).st_mode & 0o777} {os.stat(upload.path).st_mode & 0o777} {d}\n")
        return check_upload(upload, *args)

    monkeypatch.setattr(web_app, "check_upload", spy)
    client = make_client()
    r = client.post("/api/v1/check", files={"file": (name, content)})
    assert r.status_code == status, r.text
    assert os.listdir(upload_root) == []
    seen = [(int(a), int(b), d) for a, b, d in (line.split(" ", 2) for line in log.read_text().splitlines())] \
        if log.exists() else []
    assert seen or status == 422  # an empty upload is refused before any check
    for dir_mode, file_mode, d in seen:
        assert (dir_mode, file_mode) == (0o700, 0o600)
        assert os.path.dirname(d) == str(upload_root)


def test_web_temp_dir_is_empty_after_a_refused_upload(make_client, upload_root):
    client = make_client(max_upload_bytes=1000)
    r = client.post("/api/v1/check", files={"file": ("big.txt", b"x" * 5000)})
    assert r.status_code == 413
    assert os.listdir(upload_root) == []


# ---- access token ------------------------------------------------------------------------------
def test_web_public_bind_requires_a_token():
    with pytest.raises(ConfigError):
        create_app(Settings(host="0.0.0.0"))
    with pytest.raises(ConfigError):
        create_app(Settings(host="0.0.0.0", token="short"))


@pytest.mark.parametrize("headers,status", [
    ({}, 401),
    ({"Authorization": "Bearer wrong-token-wrong-token"}, 401),
    ({"Authorization": "Basic " + TOKEN}, 401),
    ({"Authorization": "Bearer " + TOKEN}, 200),
])
def test_web_public_bind_checks_the_bearer_token(make_client, headers, status):
    client = make_client(host="0.0.0.0", token=TOKEN, base_url="http://contracts.example.org")
    r = client.post("/api/v1/check", files={"file": ("a.txt", EXAMPLE.read_bytes())}, headers=headers)
    assert r.status_code == status, r.text
    if status == 401:
        assert r.json()["code"] == "E502" and "bearer" in r.headers["www-authenticate"].lower()
    assert client.get("/healthz").status_code == 200  # the probe needs no token


def test_web_browser_signs_in_with_the_token_form(make_client):
    client = make_client(host="0.0.0.0", token=TOKEN, base_url="http://contracts.example.org")
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    csrf = csrf_of(client, "/login")
    r = client.post("/login", data={"token": "nope", "csrf": csrf})
    assert r.status_code == 401
    r = client.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert TOKEN not in r.headers["set-cookie"]  # the cookie holds a derived value
    assert client.get("/").status_code == 200
    r = client.post("/check", files={"file": ("a.txt", EXAMPLE.read_bytes())}, data={"csrf": csrf})
    assert r.status_code == 200 and 'class="finding ' in r.text


def test_web_login_form_needs_csrf(make_client):
    client = make_client(host="0.0.0.0", token=TOKEN, base_url="http://contracts.example.org")
    r = client.post("/login", data={"token": TOKEN})
    assert r.status_code == 403


def test_web_loopback_server_refuses_foreign_host_header(client):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not reach the API."""
    r = client.get("/api/v1/protections", headers={"host": "evil.example"})
    assert r.status_code == 400
    assert client.get("/api/v1/protections", headers={"host": "localhost:8000"}).status_code == 200


# ---- pages, CSRF, escaping, headers -----------------------------------------------------------
def test_web_upload_page_works_without_javascript(client):
    html = client.get("/").text
    assert 'method="post" action="/check" enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'name="csrf"' in html
    assert "<script src=\"/static/app.js\"" in html and "<script>" not in html
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize("extra_headers,data_csrf,status", [
    ({}, "good", 200),
    ({}, None, 403),
    ({}, "forged-token", 403),
    ({"origin": "http://evil.example"}, "good", 403),
    ({"sec-fetch-site": "cross-site"}, "good", 403),
    ({"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}, "good", 200),
])
def test_web_form_post_csrf(client, extra_headers, data_csrf, status):
    csrf = csrf_of(client)
    data = {"csrf": csrf if data_csrf == "good" else data_csrf} if data_csrf else {}
    r = client.post("/check", files={"file": ("a.txt", EXAMPLE.read_bytes())}, data=data, headers=extra_headers)
    assert r.status_code == status, r.text[:300]


def test_web_api_refuses_cross_site_posts(client):
    r = client.post("/api/v1/check", files={"file": ("a.txt", EXAMPLE.read_bytes())},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["code"] == "E503"


def test_web_report_page_escapes_document_text(client):
    text = EXAMPLE.read_text()
    evidence = next(f["evidence"][0]["text"] for f in check_file(EXAMPLE).to_dict()["findings"] if f["evidence"])
    words = evidence.split()[:6]
    anchor = text.index(words[0] + " " + words[1])
    poisoned = text[:anchor] + PAYLOAD + " " + text[anchor:]
    csrf = csrf_of(client)
    r = client.post("/check", files={"file": (PAYLOAD + ".txt", poisoned.encode())}, data={"csrf": csrf})
    assert r.status_code == 200, r.text[:300]
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    # Jinja escapes a quote as &#34;, the HTML formatter (html.escape) as &quot;: both are text.
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in r.text
    assert r.text.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # the file name and the evidence


@pytest.mark.parametrize("method,path", [("GET", "/"), ("GET", "/compare"), ("GET", "/api/v1/protections"),
                                         ("POST", "/api/v1/check"), ("GET", "/nope")])
def test_web_security_headers_on_every_response(client, method, path):
    r = client.request(method, path)
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["cache-control"] == "no-store"


def test_web_pages_use_no_external_assets(client):
    for path in ("/", "/compare", "/docs", "/login", "/static/app.css", "/static/app.js"):
        body = client.get(path).text
        assert "http://" not in body.replace("http://HOST", "") and "https://" not in body, path
        assert "@import" not in body and "url(" not in body, path


def test_web_compare_page_shows_changes(client):
    csrf = csrf_of(client, "/compare")
    r = client.post("/compare", data={"csrf": csrf}, files={
        "before": ("old.txt", b"ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n"),
        "after": ("new.txt", EXAMPLE.read_bytes())})
    assert r.status_code == 200, r.text[:300]
    assert 'data-change="improvement"' in r.text and 'id="cmp-changes"' in r.text


def test_web_form_errors_render_an_html_page(client):
    csrf = csrf_of(client)
    r = client.post("/check", files={"file": ("x.bin", b"\x00\x00binary")}, data={"csrf": csrf})
    assert r.status_code == 415 and r.headers["content-type"].startswith("text/html")
    assert "E202" in r.text


# ---- the report and comparison are the HTML formatter's markup -----------------------------------
def test_web_report_page_is_the_html_report_without_inline_code(client):
    from checker.formats import Options
    from checker.formats import html as html_format
    from checker.run import CheckRun, Outcome

    csrf = csrf_of(client)
    r = client.post("/check", files={"file": ("hotel.txt", EXAMPLE.read_bytes())}, data={"csrf": csrf})
    assert r.status_code == 200
    report = check_file(EXAMPLE)
    report.document["path"] = "hotel.txt"
    fragment = html_format.fragment(CheckRun([Outcome("hotel.txt", report)]), Options())
    assert fragment in r.text
    assert "<script>" not in r.text and "<style" not in r.text and " style=" not in r.text
    assert '<link rel="stylesheet" href="/static/report.css">' in r.text
    assert '<script src="/static/report.js" defer>' in r.text
    assert client.get("/static/report.css").text == html_format.CSS
    js = client.get("/static/report.js")
    assert js.text == html_format.JS and js.headers["content-type"].startswith("text/javascript")


def test_web_compare_page_is_the_html_comparison(client):
    csrf = csrf_of(client, "/compare")
    r = client.post("/compare", data={"csrf": csrf}, files={
        "before": ("old.txt", EXAMPLE.read_bytes()),
        "after": ("new.txt", b"ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n")})
    assert r.status_code == 200, r.text[:300]
    assert '<tr class="regression"' in r.text and 'data-change="regression"' in r.text
    assert "Regressions</li>" in r.text and "<script>" not in r.text


# ---- methods, errors, sign-in ------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/compare", "/docs", "/healthz", "/api/v1/health",
                                  "/api/v1/protections", "/static/app.css", "/static/report.css"])
def test_web_head_answers_like_get(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_web_internal_error_carries_the_security_headers(make_client, monkeypatch):
    import checker.web.app as web_app

    def boom(*args):
        raise RuntimeError("bug")

    monkeypatch.setattr(web_app, "check_upload", boom)
    client = TestClient(make_client().app, base_url=BASE, raise_server_exceptions=False)
    r = client.post("/api/v1/check", files={"file": ("a.txt", b"text")})
    assert r.status_code == 500
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("attempts_allowed", [10])
def test_web_sign_in_attempts_are_bounded_per_client(make_client, attempts_allowed):
    client = make_client(host="0.0.0.0", token=TOKEN, base_url="http://contracts.example.org")
    csrf = csrf_of(client, "/login")
    for _ in range(attempts_allowed):
        assert client.post("/login", data={"token": "wrong", "csrf": csrf}).status_code == 401
    r = client.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")
    assert 1 <= int(r.headers["retry-after"]) <= 60 and "E505" in r.text
    assert "clausecheck_session" not in r.headers.get("set-cookie", "")


def test_web_attempt_limiter_window_slides():
    from checker.web.security import AttemptLimiter

    now = [0.0]
    limiter = AttemptLimiter(limit=2, window=60, max_clients=2, clock=lambda: now[0])
    assert limiter.attempt("a") is None and limiter.attempt("a") is None
    now[0] = 15
    assert limiter.attempt("a") == 45 and limiter.attempt("b") is None
    now[0] = 60
    assert limiter.attempt("a") is None
    limiter.attempt("c")  # three clients tracked at most two: the least recent ("b") is forgotten
    assert set(limiter._seen) == {"a", "c"}


def test_web_logout_clears_the_session_cookie(make_client):
    client = make_client(host="0.0.0.0", token=TOKEN, base_url="http://contracts.example.org")
    csrf = csrf_of(client, "/login")
    client.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    page = client.get("/")
    assert page.status_code == 200 and 'action="/logout"' in page.text
    assert client.post("/logout", data={}).status_code == 403  # CSRF applies to signing out too
    r = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith('clausecheck_session=""') and "Max-Age=0" in cookie
    assert "clausecheck_session" not in client.cookies
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
