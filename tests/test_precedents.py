"""`check --precedents DB`: each finding says how the contracts of an audit fare on it, with the
strongest matching wording among them, from one indexed query per protection."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.precedents import INDEX, PrecedentIndex, _QUERY
from cli import main

DEVSET = Path(__file__).parent / "devset"
AUDITED = ["sample01_hotel_immigration_article", "sample03_public_sector_mou", "sample04_trap_contract"]
DRAFT = DEVSET / "shared" / "sample02_employer_counterproposal.txt"


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("precedents")
    contracts = tmp / "contracts"
    contracts.mkdir()
    for stem in AUDITED:
        src = next((DEVSET / "shared").glob(stem + ".*[!l]"))  # the document, not its .labels.toml
        shutil.copy(src, contracts / src.name)
    shutil.copy(contracts / (AUDITED[0] + ".md"), contracts / "copy-of-sample01.md")  # a duplicate
    db = tmp / "audit.sqlite"
    result = CliRunner().invoke(main, ["audit", str(contracts), "--db", str(db), "--jobs", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def _check(db: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--format", fmt, "--fail-on", "never",
                                       "--precedents", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_precedents_count_the_audited_contracts_and_quote_the_strongest(audit_db):
    report = json.loads(_check(audit_db, "json"))
    expected = {}
    with sqlite3.connect(audit_db) as conn:  # the truth, from the reports the audit stored
        for (stored,) in conn.execute("SELECT report FROM documents WHERE status='ok' AND duplicate_of IS NULL"):
            for f in json.loads(stored)["findings"]:
                expected.setdefault(f["protection"], []).append(f)
    for finding in report["findings"]:
        p = finding["precedent"]
        others = expected[finding["protection"]]
        assert p["documents"] == len(AUDITED) == len(others)  # the duplicate is not counted twice
        for status in ("matching", "weakened", "missing"):
            assert p[status] == sum(f["status"] == status for f in others)
        matching = [f for f in others if f["status"] == "matching"]
        if matching:
            best = max(matching, key=lambda f: f["confidence"])
            assert p["example"]["text"] == best["evidence"][0]["text"]
            assert p["example"]["section"] == best["evidence"][0]["section"]
        else:
            assert "example" not in p
    assert any("example" in f["precedent"] for f in report["findings"])


def test_precedents_in_the_text_report(audit_db):
    text = _check(audit_db, "text")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("precedent:")]
    assert len(lines) == 25
    # sample01 and its copy are one contract: whichever the audit kept is the one quoted
    assert any(f"of {len(AUDITED)} audited contracts" in ln
               and ("e.g. sample01_hotel_immigration_article.md §31" in ln or "e.g. copy-of-sample01.md §31" in ln)
               for ln in lines)


def test_precedents_are_absent_without_a_database():
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--format", "json", "--fail-on", "never"])
    assert all("precedent" not in f for f in json.loads(result.stdout)["findings"])


def test_precedents_lookup_is_one_indexed_query(audit_db):
    with PrecedentIndex(audit_db) as index:
        plan = " ".join(str(row[-1]) for row in index.conn.execute(
            "EXPLAIN QUERY PLAN " + _QUERY, {"protection": "language_access", "corpus": index.corpus_sha256}))
    assert "findings_by_protection" in plan and "SCAN f " not in plan + " "
    assert INDEX.startswith("CREATE INDEX IF NOT EXISTS findings_by_protection")


@pytest.mark.parametrize("content", [None, b"not a database at all, just bytes" * 100])
def test_precedents_bad_database_is_one_line_and_exit_2(tmp_path, content):
    db = tmp_path / "audit.sqlite"
    if content is not None:
        db.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--precedents", str(db)])
    assert result.exit_code == 2
    assert result.stderr.startswith("E601 ") and str(db) in result.stderr and len(result.stderr.splitlines()) == 1


def test_precedents_on_the_web_page_and_api_when_the_server_has_a_database(audit_db, tmp_path):
    """`serve --precedents DB`: the JSON API and the report page carry each finding's precedent."""
    from fastapi.testclient import TestClient

    from checker.web import Settings, create_app

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    base = "http://127.0.0.1:8000"
    with TestClient(create_app(Settings(precedents=str(audit_db), upload_root=str(uploads))), base_url=base) as c:
        r = c.post("/api/v1/check", files={"file": (DRAFT.name, DRAFT.read_bytes())})
        assert r.status_code == 200, r.text
        findings = r.json()["findings"]
        assert all(f["precedent"]["documents"] == len(AUDITED) for f in findings)
    with TestClient(create_app(Settings(upload_root=str(uploads))), base_url=base) as c:
        r = c.post("/api/v1/check", files={"file": (DRAFT.name, DRAFT.read_bytes())})
        assert all("precedent" not in f for f in r.json()["findings"])  # nothing without a database
