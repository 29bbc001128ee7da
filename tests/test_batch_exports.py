"""What a study needs from an audit: provenance on every export row, findings with their
evidence and deviations, one fixed Parquet schema, contract metadata joined and broken down,
counts that agree with the run line, duplicates apart, per-document reports linked from the HTML
summary, progress in logs, and SIGTERM ending a run as interrupted and resumable."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import __version__
from checker.batch import ResultsDB, export
from checker.batch.exports import SCHEMAS, columns
from checker.batch.progress import ProgressReporter
from checker.cli import main

DEVSET = Path(__file__).parent / "devset" / "shared"
CONTRACTS = sorted(p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")[:3]
PROVENANCE = ("run_id", "tool_version", "corpus_name", "corpus_version", "corpus_sha256")


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """Three contracts, one duplicate of the first, metadata for all; audited through the CLI."""
    root = tmp_path_factory.mktemp("study")
    folder = root / "contracts"
    (folder / "hotels").mkdir(parents=True)
    names = []
    for i, p in enumerate(CONTRACTS):
        target = folder / ("hotels" if i < 2 else "") / p.name
        target.write_bytes(p.read_bytes())
        names.append(target.relative_to(root).as_posix())
    (folder / "zz").mkdir()
    (folder / "zz" / "copy-of-first.txt").write_bytes(CONTRACTS[0].read_bytes())
    meta = root / "contracts.csv"
    with meta.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "employer", "sector", "year", "state", "local"])
        w.writerow([names[0], "Grand Hotel", "hospitality", "2024", "CA", "11"])
        w.writerow([names[1], "Harbor Inn", "hospitality", "2023", "CA", "11"])
        w.writerow([names[2], "Acme Foods", "food processing", "2022", "NE", "22"])
    db = root / "audit.sqlite"
    result = CliRunner().invoke(main, ["audit", str(folder), "--db", str(db), "--jobs", "1", "--no-progress",
                                       "--metadata", str(meta)])
    assert result.exit_code == 0, result.output
    return root, db, result


@pytest.mark.parametrize("table", ["documents", "findings", "protections"])
def test_batch_exports_every_row_carries_provenance(audited, tmp_path, table):
    _, db, _ = audited
    out = tmp_path / f"{table}.csv"
    with ResultsDB(db, create=False) as conn:
        n = export(conn, "csv", str(out), table=table)
        corpus = conn.conn.execute("SELECT corpus_name, corpus_version, corpus_sha256, id FROM runs").fetchone()
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == n > 0
    assert list(rows[0]) == columns(table)
    for r in rows:
        assert (r["tool_version"], r["corpus_name"], r["corpus_version"], r["corpus_sha256"], r["run_id"]) == \
            (__version__, corpus[0], corpus[1], corpus[2], str(corpus[3]))


def test_batch_exports_jsonl_records_carry_provenance_and_metadata(audited, tmp_path):
    _, db, _ = audited
    with ResultsDB(db, create=False) as conn:
        export(conn, "jsonl", str(tmp_path / "r.jsonl"))
    recs = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert all(r["tool_version"] == __version__ and r["run_id"] and r["corpus_name"] for r in recs)
    assert {r["employer"] for r in recs} == {"Grand Hotel", "Harbor Inn", "Acme Foods", None}


def test_batch_exports_findings_have_evidence_and_deviations(audited, tmp_path):
    _, db, _ = audited
    with ResultsDB(db, create=False) as conn:
        export(conn, "csv", str(tmp_path / "f.csv"), table="findings")
    rows = list(csv.DictReader((tmp_path / "f.csv").open()))
    found = [r for r in rows if r["status"] != "missing"]
    assert found and all(r["evidence_text"] and r["evidence_line"] for r in found)
    assert any(r["evidence_section"] for r in found)
    weakened = [r for r in rows if r["status"] == "weakened"]
    assert weakened and all(r["deviation_kinds"] and json.loads(r["deviations"]) for r in weakened)
    missing = [r for r in rows if r["status"] == "missing"]
    assert all(not r["evidence_text"] for r in missing)


@pytest.mark.parametrize("rule", [None, "hedge.as_soon_as_practicable"])
def test_batch_exports_deviation_rules_when_the_engine_names_them(tmp_path, rule):
    """`rule` on a deviation (the registry entry that produced it) is exported when present."""
    from checker.batch.exports import table_rows

    dev = {"kind": "hedge", "element": 1, "explanation": "x", **({"rule": rule} if rule else {})}
    report = {"tool": {"version": "9.9"}, "summary": {"matching": 0, "weakened": 1, "missing": 0},
              "findings": [{"protection": "p", "title": "P", "category": "c", "severity": "high",
                            "status": "weakened", "confidence": 0.5, "deviations": [dev],
                            "evidence": [{"text": "as  soon\n as practicable", "section": "4.1", "heading": None,
                                          "page": None, "line": 7, "start": 0, "end": 5}]}]}
    with ResultsDB(tmp_path / "x.sqlite") as db:
        run = db.begin_run({"name": "pack", "version": "1", "sha256": "abc"}, executor="local", inputs=1)
        db.save({"path": "/c/a.txt", "sha256": "s", "corpus_sha256": "abc", "status": "ok", "report": report}, run)
        (row,) = table_rows(db, "findings")
    assert row["deviation_rules"] == rule and row["deviation_kinds"] == "hedge" and row["tool_version"] == "9.9"
    assert (row["evidence_text"], row["evidence_section"], row["evidence_line"]) == ("as soon as practicable", "4.1", 7)


def test_batch_exports_parquet_schema_is_fixed_so_batches_concatenate(tmp_path, make_pdf):
    """A batch of text files has no page numbers (all null); a PDF batch has them: same schema."""
    pa = pytest.importorskip("pyarrow", reason="parquet export needs pyarrow (the test extra installs it)")
    import pyarrow.parquet as pq

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "one.txt").write_bytes(CONTRACTS[0].read_bytes())
    lines = [ln for ln in CONTRACTS[0].read_text().splitlines() if ln.strip()][:40]
    make_pdf([lines], name="b/two.pdf")
    tables = {}
    for name, folder in (("a", a), ("b", b)):
        db = tmp_path / f"{name}.sqlite"
        assert CliRunner().invoke(main, ["audit", str(folder), "--db", str(db), "--jobs", "1", "--no-progress"]).exit_code == 0
        for table in SCHEMAS:
            out = tmp_path / f"{name}-{table}.parquet"
            with ResultsDB(db, create=False) as conn:
                export(conn, "parquet", str(out), table=table)
            tables[name, table] = pq.read_table(out)
    for table in SCHEMAS:
        assert tables["a", table].schema == tables["b", table].schema
        joined = pa.concat_tables([tables["a", table], tables["b", table]])
        assert joined.num_rows == tables["a", table].num_rows + tables["b", table].num_rows
    pages = tables["b", "findings"].column("evidence_page").to_pylist()
    assert any(p == 1 for p in pages) and tables["a", "findings"].schema.field("evidence_page").type == pa.int64()


def test_batch_summary_counts_agree_and_duplicates_are_apart(audited):
    root, db, result = audited
    m = re.search(r"run \d+: (\d+) inputs, (\d+) audited, (\d+) already done, (\d+) duplicates, (\d+) errors",
                  result.stderr)
    inputs, audited_n, _, dups, errors = map(int, m.groups())
    assert (inputs, audited_n, dups, errors) == (4, 3, 1, 0)
    summary = json.loads(CliRunner().invoke(main, ["audit", "summary", str(db), "--format", "json"]).stdout)
    assert (summary["documents"], summary["audited"], summary["duplicates"], summary["errors"]) == (4, 3, 1, 0)
    for p in summary["protections"]:  # the duplicate is not counted twice
        assert p["matching"] + p["weakened"] + p["missing"] == p["documents"] == 3
        assert p["title"]
    assert summary["duplicate_list"] == [{"path": "zz/copy-of-first.txt", "duplicate_of": f"hotels/{CONTRACTS[0].name}"}]
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith("4 documents: 3 audited (0 errors), 1 duplicates")


def test_batch_summary_breaks_down_by_metadata(audited):
    _, db, _ = audited
    summary = json.loads(CliRunner().invoke(main, ["audit", "summary", str(db), "--format", "json"]).stdout)
    sectors = {g["value"]: g for g in summary["breakdowns"]["sector"]}
    assert sectors["hospitality"]["documents"] == 2 and sectors["food processing"]["documents"] == 1
    assert sum(g["matching"] + g["weakened"] + g["missing"] for g in sectors.values()) == 3 * len(summary["protections"])
    assert {g["value"] for g in summary["breakdowns"]["year"]} == {"2022", "2023", "2024"} or \
        {g["value"] for g in summary["breakdowns"]["year"]} == {2022, 2023, 2024}
    text = CliRunner().invoke(main, ["audit", "summary", str(db)]).stdout
    assert "by sector: food processing: 1 contracts" in text and "by state:" in text


def test_batch_html_summary_titles_relative_paths_links_and_date(audited, tmp_path):
    root, db, _ = audited
    out = tmp_path / "site" / "index.html"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["audit", "report", str(db), "-o", str(out), "--per-document",
                                       str(tmp_path / "site" / "docs")])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert str(root) not in html.replace(f"relative to {root / 'contracts'}", "")  # no absolute paths in rows
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    contracts = {f"hotels/{CONTRACTS[0].name}", f"hotels/{CONTRACTS[1].name}", CONTRACTS[2].name}
    assert {name for _, name in links} == contracts  # every contract read is linked to its report
    assert "Every contract (3)" in html and "Grand Hotel" in html
    for href, _ in links:
        page = (out.parent / href).read_text()
        assert "<html" in page and "clausecheck" in page
    assert "By sector" in html and "No consent to immigration-agent entry" in html  # titles
    assert re.search(r"\d{4}-\d\d-\d\dT", html) and "Duplicates (1)" in html


def test_batch_metadata_without_path_column_is_a_usage_error(tmp_path):
    (tmp_path / "m.csv").write_text("employer,year\nX,2020\n")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_bytes(CONTRACTS[0].read_bytes())
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "c"), "--db", str(tmp_path / "a.sqlite"),
                                       "--metadata", str(tmp_path / "m.csv")])
    assert result.exit_code == 2 and result.stderr.startswith("E401 ") and "`path`" in result.stderr


class _Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


class _Stats:
    def __init__(self, done, inputs=10):
        self.done, self.inputs, self.errors, self.duplicates = done, inputs, 0, 0


@pytest.mark.parametrize("mode, every, expected_lines", [("lines", 30.0, 3), ("lines", 100.0, 1), ("off", 30.0, 0)])
def test_batch_progress_lines_every_n_seconds_when_not_a_terminal(mode, every, expected_lines):
    clock, written = _Clock(), []
    rep = ProgressReporter(mode, every=every, write=lambda s, nl: written.append((s, nl)), clock=clock)
    for i in range(1, 11):
        clock.t = i * 10.0  # one document every 10 s: 100 s in all
        rep(_Stats(i), None)
    rep.close()
    assert len(written) == expected_lines
    assert all(s.startswith("progress: ") and nl and "\r" not in s for s, nl in written)


def test_batch_progress_bar_on_a_terminal():
    clock, written = _Clock(), []
    rep = ProgressReporter("bar", write=lambda s, nl: written.append((s, nl)), clock=clock)
    for i in range(1, 4):
        clock.t = float(i)
        rep(_Stats(i, 3), None)
    rep.close()
    assert all(s.startswith("\r") and not nl for s, nl in written[:-1]) and written[-1] == ("", True)
    assert "[########################] 3/3 documents" in written[-2][0]


def test_batch_sigterm_ends_the_run_as_interrupted_and_resumable(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"c{i:02}.txt").write_text(CONTRACTS[i % len(CONTRACTS)].read_text() + f"\n\nCopy {i}.\n")
    db = tmp_path / "a.sqlite"
    cmd = [sys.executable, "-m", "checker", "audit", str(folder), "--db", str(db), "--jobs", "1",
           "--progress-every", "0.1", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if db.exists():
            try:
                with sqlite3.connect(db) as c:
                    if c.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 2:
                        break
            except sqlite3.Error:
                pass
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT status FROM runs ORDER BY id DESC").fetchone()[0] == "interrupted"
        done = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 0 < done < 40
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{done} already done" in again.stderr and "40 inputs" in again.stderr
