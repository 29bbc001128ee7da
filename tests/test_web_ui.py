"""The web pages as a person uses them: Spanish with a switch, downloads of what was just checked,
errors that speak to someone in a browser, and the same files accepted and refused as by the CLI."""
from __future__ import annotations

import base64
import json
import re
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from checker.web import Settings, create_app  # noqa: E402
from checker.web.ui import WEB_HINTS, web_error  # noqa: E402
from cli import main  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
BASE = "http://127.0.0.1:8000"
COMMAND_LINE = re.compile(r"--[a-z]|pip install|clausecheck\[|apt-get|`")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("uploads")
    with TestClient(create_app(Settings(upload_root=str(root))), base_url=BASE) as c:
        yield c


def _post(client, path, files, lang=None):
    client.get("/")
    url = path + (f"?lang={lang}" if lang else "")
    return client.post(url, files=files, data={"csrf": client.cookies.get("clausecheck_csrf")})


def _downloads(page: str) -> dict[str, bytes]:
    return {name: base64.b64decode(data) for data, name in
            re.findall(r'href="data:[^;"]+(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)" download="([^"]+)"', page)}


@pytest.mark.parametrize("path, english, spanish", [
    ("/", "Check a draft contract", "Revisar un borrador de contrato"),
    ("/compare", "Compare two drafts", "Comparar dos borradores"),
])
def test_web_ui_pages_switch_to_spanish(client, path, english, spanish):
    en = client.get(path).text
    es = client.get(path + "?lang=es").text
    assert english in en and '<html lang="en">' in en
    assert spanish in es and '<html lang="es">' in es and english not in es
    assert f'href="{path}?lang=es" hreflang="es"' in en  # the switch keeps the page
    assert f'href="{path}?lang=en" hreflang="en"' in es
    assert 'action="/check?lang=es"' in es or 'action="/compare?lang=es"' in es  # the form keeps the language


def test_web_ui_spanish_report(client):
    r = _post(client, "/check", {"file": ("hotel.txt", EXAMPLE.read_bytes())}, lang="es")
    assert r.status_code == 200
    page = unescape(r.text)
    assert "No consentir la entrada de agentes de inmigración sin una orden judicial" in page
    assert "Texto modelo para proponer" in page and "Resumen para la mesa de negociación" in page
    assert 'data-protection="judicial_warrant_for_nonpublic_access" data-status="weakened"' in r.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_web_ui_report_offers_html_json_and_brief_downloads(client, lang):
    r = _post(client, "/check", {"file": ("hotel counter.txt", EXAMPLE.read_bytes())}, lang=lang)
    files = _downloads(r.text)
    assert set(files) >= {"hotel-counter-clausecheck.html", "hotel-counter-clausecheck.json",
                          "hotel-counter-brief.html", "hotel-counter-brief.pdf"}
    report = json.loads(files["hotel-counter-clausecheck.json"])
    assert report["document"]["path"] == "hotel counter.txt"
    assert report["summary"] == {"matching": 1, "weakened": 13, "missing": 11}
    html = files["hotel-counter-clausecheck.html"].decode()
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
    assert files["hotel-counter-brief.pdf"].startswith(b"%PDF-")
    assert "/tmp" not in r.text.split("base64,")[0]


def test_web_ui_download_hook_adds_a_file(client, monkeypatch):
    """Another feature (the Word counter-proposal) adds its download by registering a function."""
    from checker.web import ui

    monkeypatch.setattr(ui, "EXTRA_DOWNLOADS", [lambda report, lang: ui.Download(
        "Counter-proposal (Word)", "counter.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04docx")])
    r = _post(client, "/check", {"file": ("hotel.txt", EXAMPLE.read_bytes())})
    assert _downloads(r.text)["counter.docx"] == b"PK\x03\x04docx"
    assert ">Counter-proposal (Word)</a>" in r.text


def test_web_ui_offers_the_word_counter_proposal_of_what_falls_short(client):
    """The report page carries the `clausecheck propose` counter-proposal: a Word file with one
    section for each protection the draft lacks or weakens."""
    import io

    import docx

    r = _post(client, "/check", {"file": ("hotel counter.txt", EXAMPLE.read_bytes())})
    files = _downloads(r.text)
    data = files["hotel-counter-counter-proposal.docx"]
    document = docx.Document(io.BytesIO(data))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    report = json.loads(files["hotel-counter-clausecheck.json"])
    short = [f["title"] for f in report["findings"] if f["status"] != "matching"]
    assert short and all(title in text for title in short)
    assert text.count("Section ") >= len(short)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_web_ui_scanned_pdf_error_speaks_to_a_web_user(tmp_path, make_pdf, lang):
    """On a server that does not read scans (`serve --ocr off`; with OCR on, see test_web_jobs.py)."""
    scan = make_pdf([[], []], image_pages=(1, 2))
    with TestClient(create_app(Settings(upload_root=str(tmp_path), ocr="off")), base_url=BASE) as client:
        r = _post(client, "/check", {"file": ("scan.pdf", scan.read_bytes())}, lang=lang)
    assert r.status_code == 422 and "E206" in r.text
    text = unescape(re.sub(r"<[^>]+>", " ", r.text))
    assert not COMMAND_LINE.search(text), text
    assert WEB_HINTS[lang]["E206"] in text
    if lang == "es":
        assert "El PDF es un escaneo: ninguna página tiene texto." in text and "looks scanned" not in text


@pytest.mark.parametrize("code, hint", [
    ("E207", "raise --max-pages (Limits.max_pages) if this is really one contract"),
    ("E205", "rerun with --password PASSWORD"),
    ("E204", "run `clausecheck corpus validate`"),
])
def test_web_ui_no_command_line_steps_in_page_errors(code, hint):
    for lang in ("en", "es"):
        shown = web_error({"code": code, "message": "x", "hint": hint}, lang)["hint"]
        assert shown and not COMMAND_LINE.search(shown)


# ---- the page and the CLI accept and refuse the same files ----------------------------------------
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _pdf_bytes(make_pdf) -> bytes:
    return make_pdf([TEXT.splitlines()[:40]]).read_bytes()


@pytest.mark.parametrize("name, kind, cli_code", [
    ("draft.txt", "text", None),
    ("draft.md", "text", None),
    ("draft.pdf", "pdf", None),
    ("draft.pdf", "text", "E208"),  # a text file named .pdf
    ("draft.txt", "pdf", "E208"),  # a PDF named .txt
    ("draft.rtf", "text", "E202"),
    ("draft", "text", "E202"),
    ("draft.txt", "empty", "E203"),
])
def test_web_ui_page_and_cli_accept_the_same_files(client, make_pdf, tmp_path, name, kind, cli_code):
    content = {"text": TEXT.encode(), "pdf": _pdf_bytes(make_pdf) if kind == "pdf" else b"", "empty": b""}[kind]
    path = tmp_path / name
    path.write_bytes(content)
    cli = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    web = _post(client, "/check", {"file": (name, content)})
    if cli_code is None:
        assert cli.exit_code in (0, 1) and web.status_code == 200, (cli.stderr, web.text[:300])
    else:
        assert cli.exit_code == 2 and cli.stderr.startswith(cli_code), cli.stderr
        assert web.status_code in (400, 415, 422) and f"error {cli_code}" in web.text
