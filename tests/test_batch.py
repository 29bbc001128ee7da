"""Batch audits (checker.batch): one record per input, resumable, isolated, same on Dask."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.batch import AuditOptions, ResultsDB, audit_summary, discover, export, run_audit
from checker.batch.errors import ResultsDatabaseError

DEVSET = Path(__file__).parent / "devset" / "shared"
REPO = Path(__file__).resolve().parents[1]

BAD_FILES = [  # name, bytes, expected error code
    ("empty.txt", b"", "E203"),
    ("corrupt.pdf", b"%PDF-1.4\n%garbage, not a PDF body\n", "E204"),
    ("wrong_extension.pdf", b"ARTICLE 1\nThis is plain text named as a PDF.\n", "E208"),
    ("binary.txt", b"\x00\x01\x02\x03" * 64, "E208"),
]


def make_tree(root: Path, *, copies: int = 1) -> Path:
    """Devset contracts (each copy made unique by a trailing line) plus broken files, in sub-folders."""
    good = sorted(p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    for i in range(copies):
        d = root / "contracts" / f"set{i}"
        d.mkdir(parents=True)
        for p in good:
            (d / p.name).write_text(p.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n", encoding="utf-8")
    bad = root / "contracts" / "bad"
    bad.mkdir(parents=True)
    for name, data, _ in BAD_FILES:
        (bad / name).write_bytes(data)
    return root / "contracts"


def comparable(records) -> dict:
    """Records keyed by path without timings (which differ run to run)."""
    out = {}
    for r in records:
        r = dict(r)
        r.pop("timings", None)
        out[r["path"]] = r
    return out


FROZEN: dict[str, str] = {}


def opts(**kw) -> AuditOptions:
    return AuditOptions(corpus_dir=FROZEN["corpus"], **kw)


@pytest.fixture(scope="session", autouse=True)
def frozen_corpus(tmp_path_factory):
    """A copy of the built-in corpus: others edit clause_corpus/ while tests run, and a corpus
    change between two runs rightly means "audit everything again"."""
    from checker.corpus import BUILTIN_DIR
    from checker.batch.worker import corpus_for

    FROZEN["corpus"] = str(shutil.copytree(BUILTIN_DIR, tmp_path_factory.mktemp("corpus") / "pack"))
    corpus_for(FROZEN["corpus"])  # load once here: forked pool workers inherit it
    from checker.api import check_text

    check_text("ARTICLE 1\nThe Employer shall notify the Union.")


@pytest.fixture
def tree(tmp_path):
    return make_tree(tmp_path)


def test_batch_one_record_per_input(tree, tmp_path):
    paths = discover([str(tree)])
    stats = run_audit(paths, str(tmp_path / "a.sqlite"), opts(jobs=2))
    records = list(ResultsDB(tmp_path / "a.sqlite").records())
    assert sorted(r["path"] for r in records) == sorted(paths)
    assert stats.audited == len(paths) and stats.errors == len(BAD_FILES)
    for r in records:
        assert (r["report"] is None) == (r["status"] == "error")
        if r["report"]:
            assert r["report"]["document"]["path"] == r["path"]
            assert sum(r["report"]["summary"].values()) == len(r["report"]["findings"])


@pytest.mark.parametrize("name,data,code", BAD_FILES)
def test_batch_bad_file_recorded_with_code(tree, tmp_path, name, data, code):
    run_audit(discover([str(tree)]), str(tmp_path / "a.sqlite"), opts(jobs=1))
    rec = {Path(r["path"]).name: r for r in ResultsDB(tmp_path / "a.sqlite").records()}[name]
    assert rec["status"] == "error"
    assert rec["error"]["code"] == code
    assert rec["error"]["message"].startswith(code) and name in rec["error"]["message"]


def test_batch_resume_skips_finished_and_redoes_changed(tree, tmp_path):
    db = str(tmp_path / "a.sqlite")
    paths = discover([str(tree)])
    run_audit(paths, db, opts(jobs=2))
    first = comparable(ResultsDB(db).records())
    again = run_audit(paths, db, opts(jobs=2))
    assert (again.audited, again.skipped) == (0, len(paths))
    changed = next(p for p in paths if p.endswith(".md"))
    Path(changed).write_text("ARTICLE 9 IMMIGRATION\nThe Employer shall notify the Union within 24 hours.\n")
    third = run_audit(paths, db, opts(jobs=2))
    assert (third.audited, third.skipped) == (1, len(paths) - 1)
    after = comparable(ResultsDB(db).records())
    assert after[changed]["sha256"] != first[changed]["sha256"]
    assert {p: r for p, r in after.items() if p != changed} == {p: r for p, r in first.items() if p != changed}
    assert len(after) == len(paths)


def test_batch_retry_errors_redoes_only_errors(tree, tmp_path):
    db = str(tmp_path / "a.sqlite")
    paths = discover([str(tree)])
    run_audit(paths, db, opts(jobs=1))
    stats = run_audit(paths, db, opts(jobs=1, retry_errors=True))
    assert (stats.audited, stats.errors) == (len(BAD_FILES), len(BAD_FILES))


def test_batch_duplicate_content_audited_once(tree, tmp_path):
    original = next(tree.glob("set0/*.txt"))
    twin = tree / "set0" / ("copy_of_" + original.name)
    shutil.copy(original, twin)
    db = str(tmp_path / "a.sqlite")
    paths = discover([str(tree)])
    stats = run_audit(paths, db, opts(jobs=2))
    records = {r["path"]: r for r in ResultsDB(db).records()}
    assert stats.duplicates == 1 and len(records) == len(paths)
    dup = [r for r in records.values() if r.get("duplicate_of")]
    assert len(dup) == 1
    other = records[dup[0]["duplicate_of"]]
    assert dup[0]["report"]["findings"] == other["report"]["findings"]
    assert {dup[0]["path"], other["path"]} == {str(original), str(twin)}


def _slow_or_crashing(task):
    from checker.batch.worker import audit_one

    name = os.path.basename(task["path"])
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("slow"):
        time.sleep(30)
    return audit_one(task)


def test_batch_worker_crash_and_timeout_isolated(tree, tmp_path, monkeypatch):
    # fork start method: the patched worker function is what the pool's children run
    monkeypatch.setattr("checker.batch.pool.audit_one", _slow_or_crashing)
    (tree / "crash_me.txt").write_text("ARTICLE 1\nText.\n")
    (tree / "slow_me.txt").write_text("ARTICLE 1\nOther text.\n")
    db = str(tmp_path / "a.sqlite")
    paths = discover([str(tree)])
    t0 = time.monotonic()
    run_audit(paths, db, opts(jobs=2, timeout=1.5))
    assert time.monotonic() - t0 < 20
    records = {Path(r["path"]).name: r for r in ResultsDB(db).records()}
    assert len(records) == len(paths)
    assert records["crash_me.txt"]["error"]["code"] == "E211"
    assert "signal 9" in records["crash_me.txt"]["error"]["message"]
    assert records["slow_me.txt"]["error"]["code"] == "E212"
    assert sum(r["status"] == "ok" for r in records.values()) == len(paths) - len(BAD_FILES) - 2


def test_batch_file_list_and_glob(tree, tmp_path):
    listing = tmp_path / "list.txt"
    wanted = sorted(str(p) for p in tree.glob("set0/*.md"))
    listing.write_text("# contracts\n" + "\n".join(wanted + [wanted[0], str(tmp_path / "gone.txt")]) + "\n")
    paths = discover([], from_list=str(listing))
    assert paths == wanted + [str(tmp_path / "gone.txt")]
    assert discover([str(tree / "**" / "*.md")]) == wanted
    run_audit(paths, str(tmp_path / "a.sqlite"), opts(jobs=1))
    gone = {r["path"]: r for r in ResultsDB(tmp_path / "a.sqlite").records()}[str(tmp_path / "gone.txt")]
    assert gone["error"]["code"] == "E201"


def test_batch_not_a_database(tmp_path):
    bogus = tmp_path / "audit.sqlite"
    bogus.write_text("this is not SQLite" * 100)
    with pytest.raises(ResultsDatabaseError) as exc:
        ResultsDB(bogus)
    assert exc.value.code == "E601"


def test_batch_dask_gives_the_same_records(tree, tmp_path):
    """A real multi-process LocalCluster (1 worker process, 1 thread): the worker is a fresh
    interpreter that rebuilds the engine from the corpus path, as on a remote host."""
    pytest.importorskip("distributed")
    paths = discover([str(tree)])
    run_audit(paths, str(tmp_path / "local.sqlite"), opts(jobs=2))
    t0 = time.monotonic()
    stats = run_audit(paths, str(tmp_path / "dask.sqlite"), opts(jobs=1, scheduler="local", dask_processes=True))
    assert time.monotonic() - t0 < 20
    assert stats.audited == len(paths) and stats.errors == len(BAD_FILES)
    with sqlite3.connect(tmp_path / "dask.sqlite") as c:
        assert c.execute("SELECT executor FROM runs").fetchone()[0] == "dask:local"
    assert comparable(ResultsDB(tmp_path / "dask.sqlite").records()) == comparable(ResultsDB(tmp_path / "local.sqlite").records())


def test_batch_exports_and_summary(tree, tmp_path):
    db_path = str(tmp_path / "a.sqlite")
    paths = discover([str(tree)])
    run_audit(paths, db_path, opts(jobs=2))
    db = ResultsDB(db_path)
    good = len(paths) - len(BAD_FILES)
    assert export(db, "jsonl", str(tmp_path / "r.jsonl")) == len(paths)
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    assert sorted(json.loads(ln)["path"] for ln in lines) == sorted(paths)
    export(db, "csv", str(tmp_path / "docs.csv"))
    assert len((tmp_path / "docs.csv").read_text().splitlines()) == len(paths) + 1
    export(db, "csv", str(tmp_path / "prot.csv"), table="protections")
    export(db, "json", str(tmp_path / "summary.json"))
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary == json.loads(json.dumps(audit_summary(db)))
    # audited counts every distinct file once, errors included (as the run line does)
    assert summary["audited"] == len(paths) and summary["read"] == good and summary["errors"] == len(BAD_FILES)
    for p in summary["protections"]:
        assert p["matching"] + p["weakened"] + p["missing"] == p["documents"] == good
    assert len((tmp_path / "prot.csv").read_text().splitlines()) == len(summary["protections"]) + 1
    if pytest.importorskip("pyarrow"):
        import pyarrow.parquet as pq

        export(db, "parquet", str(tmp_path / "f.parquet"), table="findings")
        assert pq.read_table(tmp_path / "f.parquet").num_rows == good * len(summary["protections"])
    from checker.batch.html import write_report

    write_report(db, str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert summary["protections"][0]["protection"] in html and "E208" in html and "<script" not in html


@pytest.mark.parametrize("args,code", [
    (["--jobs", "1"], 1),          # the tree has broken files: recorded, exit 1
    (["--jobs", "1", "--jsonl", "{tmp}/out.jsonl"], 1),
])
def test_batch_cli_audit_exit_codes(tree, tmp_path, args, code):
    from click.testing import CliRunner

    from cli import main

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, ["audit", str(tree), "--db", str(tmp_path / "a.sqlite"), "--corpus", FROZEN["corpus"], *args])
    assert result.exit_code == code, result.output
    clean = CliRunner().invoke(main, ["audit", str(tree / "set0"), "--db", str(tmp_path / "a.sqlite"), "--jobs", "1",
                                      "--corpus", FROZEN["corpus"]])
    assert clean.exit_code == 0, clean.output
    assert CliRunner().invoke(main, ["audit", "--db", str(tmp_path / "b.sqlite")]).exit_code == 2
    export = CliRunner().invoke(main, ["audit", "export", str(tmp_path / "a.sqlite"), "--format", "csv",
                                       "-o", str(tmp_path / "d.csv")])
    assert export.exit_code == 0, export.output


REAL_PDF = "teamsters710-contract-2013.pdf"  # a real 89-page text-layer agreement, the fastest sample


def test_batch_sigkill_then_resume_matches_uninterrupted(tmp_path, shared_dir):
    """A real SIGKILL of a running `clausecheck audit`, then the same command: nothing lost or doubled.

    The folder mixes text contracts, broken files, a generated text-layer PDF (early in the walk,
    usually done before the kill) and a real sample PDF (last, usually left for the resumed run)."""
    from conftest import write_pdf

    real = shared_dir / "samples" / "real" / REAL_PDF
    if not real.is_file():
        pytest.skip(f"{real} not found")
    tree = make_tree(tmp_path, copies=8)
    article = (DEVSET / "sample01_hotel_immigration_article.md").read_text(encoding="utf-8")
    lines = [ln.replace("#", "").strip() for ln in article.splitlines() if ln.strip()]
    write_pdf(tree / "set0" / "generated_contract.pdf",
              [["ARTICLE 1 RECOGNITION", "The Employer recognizes the Union as the sole bargaining agent."],
               *[lines[i:i + 40] for i in range(0, len(lines), 40)]])
    shutil.copy(real, tree / "set7" / REAL_PDF)
    paths = discover([str(tree)])
    assert paths[-1].endswith(REAL_PDF) and any(p.endswith("generated_contract.pdf") for p in paths)
    # All three audits (killed, resumed, uninterrupted) run one snapshot of the code: others edit
    # the engine while tests run, and a change between runs would rightly change the results.
    code = tmp_path / "code"
    shutil.copytree(REPO / "checker", code / "checker", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "clause_corpus", code / "clause_corpus")
    shutil.copy(REPO / "cli.py", code / "cli.py")
    (code / "models").symlink_to(REPO / "models")
    env = dict(os.environ, PYTHONPATH=str(code))

    def audit(db, jobs="1"):
        return [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                "audit", str(tree), "--db", db, "--jobs", jobs, "--no-progress", "--corpus", FROZEN["corpus"]]

    killed_db = str(tmp_path / "killed.sqlite")
    proc = subprocess.Popen(audit(killed_db), cwd=code, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(killed_db) as c:
                done = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            done = 0
        if done >= len(BAD_FILES) + 4:  # the broken files come first; kill among real contracts
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the audit finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(killed_db) as c:
        partial = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 0 < partial < len(paths)
    resumed = subprocess.run(audit(killed_db), cwd=code, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 1, resumed.stderr  # broken files are in the tree
    assert f"{partial} already done" in resumed.stderr
    clean_run = subprocess.run(audit(str(tmp_path / "clean.sqlite"), jobs="2"), cwd=code, env=env,
                               capture_output=True, text=True, timeout=120)
    assert clean_run.returncode == 1, clean_run.stderr
    with sqlite3.connect(killed_db) as c:
        assert c.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (len(paths), len(paths))
    killed = comparable(ResultsDB(killed_db).records())
    assert sorted(killed) == sorted(paths)
    for name in ("generated_contract.pdf", REAL_PDF):
        rec = next(r for p, r in killed.items() if p.endswith(name))
        assert rec["status"] == "ok" and rec["format"] == "pdf" and rec["pages"] >= 2, rec.get("error")
    clean = comparable(ResultsDB(tmp_path / "clean.sqlite").records())
    assert {p: r for p, r in killed.items() if r != clean[p]} == {}


class _DiskFills:
    """A results-database connection that runs out of space at the Nth finding row written:
    that write and every later one raise SQLite's own "database or disk is full"."""

    def __init__(self, conn, after: int):
        self._conn, self._left = conn, after

    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO findings"):
            self._left -= 1
        if self._left <= 0 and not sql.lstrip().upper().startswith("SELECT"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __enter__(self):
        return self._conn.__enter__()

    def __exit__(self, *exc):
        return self._conn.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_batch_full_disk_stops_cleanly_and_keeps_finished_documents(tree, tmp_path, monkeypatch):
    """Issue 6 item 4: the disk fills mid-run (mid-document, between two finding rows). The audit
    stops with one E601 line and exit 2; the database still opens, holds every document committed
    before the failure whole (no half-written one), and the same command then resumes."""
    from click.testing import CliRunner

    from checker.batch import store
    from cli import main

    db = tmp_path / "a.sqlite"
    paths = discover([str(tree)])
    from checker.batch.worker import corpus_for

    protections = len(corpus_for(FROZEN["corpus"]).protections)
    fail_at = 3 * protections + 5  # inside the 4th successful document's findings (broken files have none)
    real_init = store.ResultsDB.__init__

    def init(self, *a, **kw):
        real_init(self, *a, **kw)
        self.conn = _DiskFills(self.conn, fail_at)

    monkeypatch.setattr(store.ResultsDB, "__init__", init)
    args = ["audit", str(tree), "--db", str(db), "--jobs", "1", "--no-progress", "--corpus", FROZEN["corpus"]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("E601 ") and "database or disk is full" in err[0]
    assert str(db) in err[0] and "free disk space" in err[0] and "run the same audit again" in err[0]
    monkeypatch.setattr(store.ResultsDB, "__init__", real_init)

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ok_docs = c.execute("SELECT COUNT(*) FROM documents WHERE status='ok'").fetchone()[0]
        assert ok_docs == 3  # the 4th document's transaction rolled back whole
        assert c.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == ok_docs * protections
        assert c.execute("SELECT COUNT(*) FROM documents d WHERE status='ok' AND (SELECT COUNT(*) FROM findings f"
                         " WHERE f.document_id=d.id) != d.matching + d.weakened + d.missing").fetchone()[0] == 0
    kept = comparable(ResultsDB(db, create=False).records())
    assert 0 < len(kept) < len(paths)

    resumed = CliRunner().invoke(main, args)
    assert resumed.exit_code == 1, resumed.stderr  # finishes; the tree's broken files are errors
    assert f"{len(kept)} already done" in resumed.stderr
    after = comparable(ResultsDB(db).records())
    assert sorted(after) == sorted(paths)
    assert {p: after[p] for p in kept} == kept
    run_audit(paths, str(tmp_path / "clean.sqlite"), opts(jobs=1))
    clean = comparable(ResultsDB(tmp_path / "clean.sqlite").records())
    assert {p: r for p, r in after.items() if r != clean[p]} == {}


def test_batch_dask_real_cluster_scheduler_and_two_workers(tree, tmp_path):
    """`dask scheduler` and two `dask worker` processes, as on a real cluster: the audit goes
    through them by address and gives the records the local pool gives."""
    pytest.importorskip("distributed")
    dask_cli = Path(sys.executable).with_name("dask")
    cmd = [str(dask_cli)] if dask_cli.exists() else [sys.executable, "-m", "dask"]
    info = tmp_path / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    procs = [subprocess.Popen([*cmd, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            procs.append(subprocess.Popen([*cmd, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                           "--no-dashboard"], env=env, cwd=tmp_path,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from dask.distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            workers = client.scheduler_info()["workers"]
        paths = discover([str(tree)])
        run_audit(paths, str(tmp_path / "local.sqlite"), opts(jobs=2))
        stats = run_audit(paths, str(tmp_path / "cluster.sqlite"), opts(scheduler=address))
        assert len(workers) == 2
        assert stats.audited == len(paths) and stats.errors == len(BAD_FILES)
        with sqlite3.connect(tmp_path / "cluster.sqlite") as c:
            assert c.execute("SELECT executor FROM runs").fetchone()[0] == f"dask:{address}"
        assert (comparable(ResultsDB(tmp_path / "cluster.sqlite").records())
                == comparable(ResultsDB(tmp_path / "local.sqlite").records()))
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
