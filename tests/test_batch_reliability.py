"""Audits skip nothing silently (issue 16, item 4): walk errors become records, files gone since
their audit are marked removed, concurrent audits claim documents, dead runs show as interrupted."""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checker.batch import AuditOptions, ResultsDB, discover, export, run_audit

CONTRACT = b"ARTICLE 1\n\nThe Employer shall notify the Union of any I-9 inspection within 72 hours.\n"


def _opts(**kw) -> AuditOptions:
    return AuditOptions(jobs=1, **kw)


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "contracts"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_bytes(CONTRACT)
    (d / "sub" / "b.txt").write_bytes(CONTRACT + b"Copy b.\n")
    return d


def test_batch_unreadable_folder_is_an_error_record_and_the_rest_is_audited(folder, tmp_path, monkeypatch):
    """A folder the walk cannot open (permissions) is recorded as E217; before it vanished."""
    real_scandir, real_listdir = os.scandir, os.listdir
    locked = str(folder / "sub")

    def deny(fn):
        def wrapped(path=".", *a):
            if os.fspath(path) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", locked)
            return fn(path, *a)
        return wrapped

    monkeypatch.setattr(os, "scandir", deny(real_scandir))
    monkeypatch.setattr(os, "listdir", deny(real_listdir))
    paths = discover([str(folder)])
    assert locked in paths
    db = tmp_path / "a.sqlite"
    run_audit(paths, str(db), _opts())
    records = {r["path"]: r for r in ResultsDB(db).records()}
    assert records[str(folder / "a.txt")]["status"] == "ok"
    assert records[locked]["error"]["code"] == "E217"
    assert "cannot read the folder (Permission denied)" in records[locked]["error"]["message"]


def test_batch_symlink_loop_is_an_error_record(folder, tmp_path):
    os.symlink("y.txt", folder / "x.txt")
    os.symlink("x.txt", folder / "y.txt")
    db = tmp_path / "a.sqlite"
    run_audit(discover([str(folder)]), str(db), _opts())
    records = {r["path"]: r for r in ResultsDB(db).records()}
    assert records[str(folder / "x.txt")]["error"]["code"] == "E217"
    assert "symbolic link loop" in records[str(folder / "y.txt")]["error"]["message"]
    assert records[str(folder / "a.txt")]["status"] == "ok"


def test_batch_file_gone_since_its_audit_is_marked_removed_in_exports(folder, tmp_path):
    db = tmp_path / "a.sqlite"
    run_audit(discover([str(folder)]), str(db), _opts())
    gone = folder / "sub" / "b.txt"
    gone.unlink()
    stats = run_audit(discover([str(folder)]), str(db), _opts())
    assert stats.removed == 1
    store = ResultsDB(db)
    records = {r["path"]: r for r in store.records()}
    assert records[str(gone)]["removed_at"] and "removed_at" not in records[str(folder / "a.txt")]
    export(store, "jsonl", str(tmp_path / "out.jsonl"))
    assert '"removed_at"' in (tmp_path / "out.jsonl").read_text()
    export(store, "csv", str(tmp_path / "out.csv"))
    rows = (tmp_path / "out.csv").read_text().splitlines()
    assert rows[0].endswith(",removed_at") and sum(1 for r in rows[1:] if not r.endswith(",")) == 1
    gone.write_bytes(CONTRACT + b"Copy b.\n")  # back, unchanged: no longer removed
    run_audit(discover([str(folder)]), str(db), _opts())
    assert all("removed_at" not in r for r in ResultsDB(db).records())


def test_batch_run_that_died_is_marked_interrupted_by_the_next(folder, tmp_path):
    db = tmp_path / "a.sqlite"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store = ResultsDB(db)
    corpus = {"name": "x", "version": "1", "sha256": "0" * 64}
    killed = store.begin_run(corpus, executor="local", inputs=3)
    store.conn.execute("UPDATE runs SET pid=? WHERE id=?", (int(dead.stdout), killed))
    store.conn.commit()
    assert store.claim(str(folder / "a.txt"), "0" * 64, killed)
    store.close()
    run_audit(discover([str(folder)]), str(db), _opts())
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT status FROM runs WHERE id=?", (killed,)).fetchone()[0] == "interrupted"
        assert c.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 0  # its claim released
    assert len(list(ResultsDB(db).records())) == 2  # the dead run's claim did not block a.txt


def test_batch_duplicate_never_points_at_a_duplicate(tmp_path):
    store = ResultsDB(tmp_path / "a.sqlite")
    base = {"sha256": "ab" * 32, "corpus_sha256": "0" * 64, "format": "txt", "pages": None, "status": "ok",
            "error": None, "report": None, "timings": {}}
    store.save({**base, "path": "/c/copy.txt"}, None, duplicate_of="/c/original.txt")  # saved first: lower id
    store.save({**base, "path": "/c/original.txt"}, None)
    assert store.record_by_hash("ab" * 32, "0" * 64)["path"] == "/c/original.txt"


def test_batch_concurrent_audits_on_one_database_do_each_document_once(tmp_path):
    devset = Path(__file__).parent / "devset" / "shared"
    folder = tmp_path / "many"
    folder.mkdir()
    for i, p in enumerate(sorted(p for p in devset.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")):
        (folder / f"{i:02d}{p.suffix}").write_bytes(p.read_bytes() + f"\n\nCopy {i}.\n".encode())
    files = len(list(folder.iterdir()))
    db = tmp_path / "a.sqlite"
    cmd = [sys.executable, "-m", "cli", "audit", str(folder), "--db", str(db), "--jobs", "1", "--no-progress"]
    root = Path(__file__).resolve().parents[1]
    procs = [subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for p in procs:
        p.wait(timeout=300)
    with sqlite3.connect(db) as c:
        audited = c.execute("SELECT SUM(audited + duplicates) FROM runs").fetchone()[0]
        assert c.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == files
    assert audited == files  # each document done by exactly one of the two runs


def test_check_unreadable_folder_and_file_get_one_line_each_and_the_rest_is_checked(folder, monkeypatch):
    """`clausecheck check FOLDER`: before, an unreadable sub-folder was skipped without a word."""
    from click.testing import CliRunner

    from cli import main

    locked_dir, locked_file = str(folder / "sub"), str(folder / "a.txt")
    (folder / "c.txt").write_bytes(CONTRACT + b"Copy c.\n")
    real_scandir, real_listdir, real_open = os.scandir, os.listdir, open

    def scandir(path="."):
        if not isinstance(path, int) and os.fspath(path) == locked_dir:  # rmtree scans by descriptor
            raise PermissionError(errno.EACCES, "Permission denied", locked_dir)
        return real_scandir(path)

    def listdir(path="."):
        if not isinstance(path, int) and os.fspath(path) == locked_dir:  # rmtree scans by descriptor
            raise PermissionError(errno.EACCES, "Permission denied", locked_dir)
        return real_listdir(path)

    def guarded_open(path, *a, **kw):
        if isinstance(path, (str, os.PathLike)) and os.fspath(path) == locked_file:
            raise PermissionError(errno.EACCES, "Permission denied", locked_file)
        return real_open(path, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr("builtins.open", guarded_open)
    result = CliRunner().invoke(main, ["check", str(folder), "-q", "--format", "json"])
    assert result.exit_code == 2, result.output
    assert sorted(result.stderr.splitlines()) == [
        f"E217 {locked_file}: cannot read the file (Permission denied) (check its permissions)",
        f"E217 {locked_dir}: cannot read the folder (Permission denied); nothing in it was checked "
        f"(check its permissions)"]
    import json

    reports = json.loads(result.stdout)
    assert [r["document"]["path"] for r in reports] == [str(folder / "c.txt")]
