"""`check --precedents DB`: each finding says how the contracts of an audit fare on it, with the
strongest matching wording among them, from one indexed query per protection."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.precedents import PrecedentIndex, _QUERY
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


@pytest.mark.parametrize("db", ["audit_db", "sector_db"])
def test_precedents_lookup_is_one_indexed_query(request, db):
    """After one pass over the audited contracts (index only), each protection costs one query that
    reads its findings from a covering index and opens one stored report, the quoted one."""
    from checker.precedents import _FILL_PLAIN, _FILL_WITH_METADATA, Context

    path = request.getfixturevalue(db)
    statements = []
    with PrecedentIndex(path) as index:
        index.conn.set_trace_callback(statements.append)
        index.lookup("language_access", Context(sector="hospitality" if index.has_sector else None))
        first = len(statements)
        for protection in ("e_verify_limits", "i9_inspection_notice", "language_access"):
            index.lookup(protection, Context(sector="hospitality" if index.has_sector else None))
        index.conn.set_trace_callback(None)
        fill = _FILL_WITH_METADATA if index.metadata else _FILL_PLAIN
        plan = [str(row[-1]) for sql, params in ((fill, {"corpus": index.corpus_sha256}),
                                                 (_QUERY, {"protection": "language_access", "self": None,
                                                           "sector": "hospitality", "employer": None}))
                for row in index.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    assert first == 3 and len(statements) == first + 3  # the table of audited contracts once, then 1 each
    assert "SEARCH d USING COVERING INDEX documents_live (corpus_sha256=? AND status=? AND duplicate_of=?)" in plan
    assert "SEARCH f USING COVERING INDEX findings_for_precedents (protection=?)" in plan
    assert "SEARCH f2 USING COVERING INDEX findings_for_precedents (protection=? AND status=?)" in plan
    assert [p for p in plan if p.startswith("SCAN")] == ["SCAN best"]  # the one best finding
    assert "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)" in plan  # the one report read


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


# ---- by sector and employer, when the audit has metadata ----------------------------------------
# The audited contracts and the metadata CSV row each gets: "Hospitality" and "hospitality" are one
# sector, sample05 has no sector, t07 is not in the CSV at all.
SECTORED = {
    "shared/sample01_hotel_immigration_article.md": ("Hospitality", "Hotel X", "2024"),
    "shared/sample03_public_sector_mou.md": ("public sector", "Metro County", "2023"),
    "shared/sample04_trap_contract.txt": ("hospitality", "hotel x", ""),
    "shared/sample05_neutrality_agreement.txt": ("", "Fresh Foods", ""),
    "shared/sample06_grad_union_excerpt.md": ("education", "State University", "2022"),
    "traps_a/t07_hotel_cba_controls.md": None,
}


@pytest.fixture(scope="module")
def sector_db(tmp_path_factory) -> Path:
    """An audit run with `--metadata`; its contracts are in the `contracts` folder beside it."""
    tmp = tmp_path_factory.mktemp("precedents-sectors")
    contracts = tmp / "contracts"
    contracts.mkdir()
    rows = ["path,sector,employer,year"]  # paths relative to the CSV's folder
    for rel, meta in SECTORED.items():
        shutil.copy(DEVSET / rel, contracts / Path(rel).name)
        if meta is not None:
            rows.append(f"contracts/{Path(rel).name},{','.join(meta)}")
    shutil.copy(DEVSET / "shared" / "sample01_hotel_immigration_article.md", contracts / "z_copy_of_sample01.md")
    (tmp / "contracts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp / "audit.sqlite"
    result = CliRunner().invoke(main, ["audit", "run", str(contracts), "--db", str(db), "--jobs", "1",
                                       "--metadata", str(tmp / "contracts.csv")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:  # the copy is the duplicate, sample01 the contract audited
        assert conn.execute("SELECT path FROM documents WHERE duplicate_of IS NOT NULL").fetchall() == [
            (str(contracts / "z_copy_of_sample01.md"),)]
    return db


def _truth(db: Path) -> list[dict]:
    """Every live finding of the audit with its contract's sector and employer, read directly."""
    out = []
    with sqlite3.connect(db) as conn:
        meta = {p: json.loads(d) for p, d in conn.execute("SELECT path, data FROM document_metadata")}
        for path, sha, stored in conn.execute("SELECT path, sha256, report FROM documents "
                                              "WHERE status='ok' AND duplicate_of IS NULL"):
            m = meta.get(path, {})
            for f in json.loads(stored)["findings"]:
                out.append({**f, "path": path, "sha256": sha, "sector": (m.get("sector") or "").lower() or None,
                            "employer": (m.get("employer") or "").lower() or None})
    return out


def _counts(findings: list[dict]) -> dict:
    return {"documents": len(findings), **{s: sum(f["status"] == s for f in findings)
                                           for s in ("matching", "weakened", "missing")}}


def _check_json(db: Path, path: Path, *extra: str) -> dict:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never",
                                       "--precedents", str(db), *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("sector, employer", [("hospitality", "Hotel X"), ("HOSPITALITY", None),
                                              ("public sector", "metro county"), (None, None)])
def test_precedents_by_sector_equal_the_counts_read_from_the_database(sector_db, sector, employer):
    extra = [*(["--sector", sector] if sector else []), *(["--employer", employer] if employer else [])]
    report = _check_json(sector_db, DRAFT, *extra)
    truth = _truth(sector_db)
    for finding in report["findings"]:
        p = finding["precedent"]
        mine = [f for f in truth if f["protection"] == finding["protection"]]
        assert {k: p[k] for k in ("documents", "matching", "weakened", "missing")} == _counts(mine)
        assert p["documents"] == len(SECTORED)  # the copy of sample01 is a duplicate, not counted
        groups = {}
        for f in mine:
            groups.setdefault(f["sector"], []).append(f)
        assert {(g["name"] or "").lower() or None: {k: v for k, v in g.items() if k != "name"}
                for g in p["by_sector"]} == {k: _counts(v) for k, v in groups.items()}
        assert [g["name"] for g in p["by_sector"]][-1] is None  # the contracts with no sector come last
        if sector:
            assert p["sector"]["name"].lower() == sector.lower()
            assert {k: v for k, v in p["sector"].items() if k != "name"} == _counts(groups[sector.lower()])
        else:
            assert "sector" not in p
        if employer:  # named as the audit's metadata writes it
            name = {"hotel x": "Hotel X", "metro county": "Metro County"}[employer.lower()]
            assert p["employer"] == {"name": name, **_counts([f for f in mine if f["employer"] == employer.lower()])}
        else:
            assert "employer" not in p
        matching = [f for f in mine if f["status"] == "matching"]
        preferred = [f for f in matching if sector and f["sector"] == sector.lower()] or matching
        if preferred:  # the strongest wording, from the document's own sector when it has one
            best = sorted(preferred, key=lambda f: (-f["confidence"], f["path"]))[0]
            assert (p["example"]["document"], p["example"]["text"]) == (best["path"], best["evidence"][0]["text"])
        else:
            assert "example" not in p


def test_precedents_sector_and_employer_are_read_from_the_audit_for_an_audited_file(sector_db, tmp_path):
    """A file that is one of the audited contracts (the same bytes anywhere) gets its own sector and
    employer, and is never quoted to itself."""
    audited = sector_db.parent / "contracts" / "sample03_public_sector_mou.md"
    elsewhere = tmp_path / "renamed.md"
    shutil.copy(audited, elsewhere)
    for path in (audited, elsewhere):
        report = _check_json(sector_db, path)
        for finding in report["findings"]:
            p = finding["precedent"]
            assert p["sector"]["name"] == "public sector" and p["employer"]["name"] == "Metro County"
            assert p["employer"]["documents"] == 1
            assert p.get("example", {}).get("document") != str(audited)
    given = _check_json(sector_db, audited, "--sector", "education")  # what is given wins
    assert all(f["precedent"]["sector"]["name"] == "education" for f in given["findings"])


def test_precedents_by_sector_in_the_text_and_html_reports(sector_db, tmp_path):
    def run(*extra):
        result = CliRunner().invoke(main, ["check", str(DRAFT), "--fail-on", "never", "--precedents", str(sector_db),
                                           "--sector", "hospitality", *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    report = _check_json(sector_db, DRAFT, "--sector", "hospitality")
    p = report["findings"][0]["precedent"]
    text = run()
    assert (f"precedent: matching in {p['matching']} of {len(SECTORED)} audited contracts, weakened in "
            f"{p['weakened']}; in Hospitality {p['sector']['matching']} of {p['sector']['documents']}") in text
    assert "e.g. Hotel X 2024 §31" in text  # named by the audit's employer and year
    spanish = run("--lang", "es")
    assert (f"precedente: cumple en {p['matching']} de {len(SECTORED)} contratos auditados, debilitada en "
            f"{p['weakened']}; en el sector Hospitality, {p['sector']['matching']} de {p['sector']['documents']}") in spanish
    html = run("--format", "html")
    assert html.count("<summary>Precedents by sector</summary>") == 25
    assert '<strong>Hospitality</strong><span class="sr"> (this document&#x27;s sector)</span>' in html
    assert "<em>no sector given</em>" in html
    assert "Precedentes por sector" in run("--format", "html", "--lang", "es")


def test_precedents_report_with_sectors_validates_against_the_schema(sector_db):
    import jsonschema
    from importlib import resources

    schema = json.loads(resources.files("checker").joinpath("schemas/report.schema.json").read_text("utf-8"))
    report = _check_json(sector_db, DRAFT, "--sector", "hospitality", "--employer", "Hotel X")
    jsonschema.Draft202012Validator(schema).validate(report)
    assert all({"sector", "employer", "by_sector"} <= set(f["precedent"]) for f in report["findings"])


@pytest.mark.parametrize("args, message", [
    (["--sector", "hospitalty"], "no audited contract has sector 'hospitalty'"),
    (["--employer", "Nobody Inc"], "no audited contract has employer 'Nobody Inc'"),
])
def test_precedents_unknown_sector_or_employer_is_one_line_and_exit_2(sector_db, args, message):
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--precedents", str(sector_db), *args])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("E401 ") and message in result.stderr
    assert "education, Hospitality, public sector" in result.stderr or "employer" in args[0]


@pytest.mark.parametrize("args, message", [
    (["--sector", "hospitality"], "--sector needs --precedents DB"),
    (["--employer", "Hotel X"], "--employer needs --precedents DB"),
])
def test_precedents_sector_without_a_database_is_a_usage_error(args, message):
    result = CliRunner().invoke(main, ["check", str(DRAFT), *args])
    assert result.exit_code == 2 and result.stderr.startswith("E401 ") and message in result.stderr


def test_precedents_sector_on_an_audit_without_metadata_is_a_usage_error(audit_db):
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--precedents", str(audit_db), "--sector", "hospitality"])
    assert result.exit_code == 2 and "the audit has no sector metadata" in result.stderr


def test_precedents_check_without_a_database_opens_none(monkeypatch, audit_db):
    opened = []
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(a) or real(*a, **k))
    result = CliRunner().invoke(main, ["check", str(DRAFT), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"]
    assert opened == []
    _check(audit_db, "json")  # the same check with a database does open it (so the spy sees opens)
    assert opened and all(str(audit_db.name) in str(a[0]) for a in opened)


NEW_INDEXES = {"documents_live", "findings_for_precedents", "document_metadata_by_sector", "document_metadata_by_employer"}


@pytest.mark.parametrize("writable", [True, False])
def test_precedents_on_an_audit_written_before_the_indexes(sector_db, tmp_path, monkeypatch, writable):
    """An older audit (no precedent indexes) gives the same precedents; opened writable, it gains them."""
    import checker.precedents

    old = tmp_path / "old.sqlite"
    shutil.copy(sector_db, old)
    with sqlite3.connect(old) as conn:
        for name in NEW_INDEXES:
            conn.execute(f"DROP INDEX {name}")
        conn.execute("CREATE INDEX findings_by_protection ON findings (protection, status, confidence)")  # as before
    args = ("--sector", "hospitality", "--employer", "Hotel X")
    expected = _check_json(sector_db, DRAFT, *args)["findings"]
    if not writable:  # a read-only file (file modes do not stop root, who runs CI containers)
        real = sqlite3.connect

        def read_only(target, *a, uri=False, **k):
            if not uri:
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return real(target, *a, uri=uri, **k)

        monkeypatch.setattr(checker.precedents.sqlite3, "connect", read_only)
    assert _check_json(old, DRAFT, *args)["findings"] == expected
    monkeypatch.undo()
    with sqlite3.connect(old) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert (NEW_INDEXES <= indexes and "findings_by_protection" not in indexes) == writable


def test_precedents_sector_field_on_the_web_page_and_api(sector_db, audit_db, tmp_path):
    from fastapi.testclient import TestClient

    from checker.web import Settings, create_app

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    base = "http://127.0.0.1:8000"
    with TestClient(create_app(Settings(precedents=str(sector_db), upload_root=str(uploads))), base_url=base) as c:
        page = c.get("/").text
        assert 'name="sector"' in page and '<option value="Hospitality">' in page
        r = c.post("/api/v1/check", files={"file": (DRAFT.name, DRAFT.read_bytes())},
                   data={"sector": "hospitality", "employer": "Hotel X"})
        assert r.status_code == 200, r.text
        assert all(f["precedent"]["sector"]["name"] == "Hospitality" and f["precedent"]["employer"]["name"] == "Hotel X"
                   for f in r.json()["findings"])
        r = c.post("/api/v1/check", files={"file": (DRAFT.name, DRAFT.read_bytes())}, data={"sector": "nowhere"})
        assert r.status_code == 400 and r.json()["code"] == "E401"
    for settings in (Settings(precedents=str(audit_db), upload_root=str(uploads)),  # an audit with no sectors
                     Settings(upload_root=str(uploads))):
        with TestClient(create_app(settings), base_url=base) as c:
            assert 'name="sector"' not in c.get("/").text
