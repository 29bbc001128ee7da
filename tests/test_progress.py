"""Progress on long work: pages read and OCR'd and the check, shown on a terminal once work runs
past a few seconds; without --max-seconds the time limit grows with the pages OCR reads."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from test_ingest_ocr import PAGE_1, PAGE_2, needs_ocr, scanned_pdf

from checker.errors import LimitExceededError
from checker.ingest import Limits, load_document
from checker.ingest.limits import OCR_SECONDS_PER_PAGE, Deadline
from checker.progress import TerminalProgress, describe


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("stage, done, total, text", [
    ("ocr", 12, 96, "OCR page 12/96"),
    ("read", 0, 310, "reading page 0/310"),
    ("check", 0, 1, "checking the protections"),
    ("check", 1, 1, "checking the protections (done)"),
])
def test_progress_describe(stage, done, total, text):
    assert describe(stage, done, total) == text


def test_progress_terminal_is_silent_at_first_then_one_rewritten_line():
    clock, out = Clock(), io.StringIO()
    progress = TerminalProgress(out, "scan.pdf", clock=clock)
    progress("ocr", 1, 96)
    clock.now += 1.0
    progress("ocr", 2, 96)
    assert out.getvalue() == ""  # a quick job prints nothing
    clock.now += 1.5
    progress("ocr", 3, 96)
    progress("ocr", 4, 96)  # within the refresh interval: skipped
    clock.now += 70
    progress("ocr", 96, 96)
    assert progress.lines == ["scan.pdf: OCR page 3/96 (2s)", "scan.pdf: OCR page 96/96 (1m 12s)"]
    assert out.getvalue() == "\r\x1b[Kscan.pdf: OCR page 3/96 (2s)\r\x1b[Kscan.pdf: OCR page 96/96 (1m 12s)"
    progress.close()
    assert out.getvalue().endswith("\r\x1b[K")


@pytest.mark.parametrize("per_page, pages, seconds", [(0.0, 96, 300.0), (10.0, 96, 1260.0), (10.0, 0, 300.0)])
def test_progress_deadline_grows_with_the_pages_ocr_reads(per_page, pages, seconds):
    deadline = Deadline("scan.pdf", Limits(max_seconds=300.0, ocr_seconds_per_page=per_page))
    deadline.allow_ocr(pages)
    assert deadline.seconds == pytest.approx(seconds)


@pytest.mark.parametrize("args, max_seconds, per_page", [
    ([], 300.0, OCR_SECONDS_PER_PAGE),
    (["--max-seconds", "60"], 60.0, 0.0),
])
def test_progress_cli_default_limit_scales_an_explicit_one_does_not(args, max_seconds, per_page):
    from click.testing import CliRunner

    import cli

    seen = []

    def fake_load(path, **kw):
        seen.append(kw["limits"])
        raise LimitExceededError("stop here", path=path)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAUSECHECK_IN_PROCESS", "1")  # the fake reader must run in this process
        mp.setattr("checker.ingest.load_document", fake_load)
        result = CliRunner().invoke(cli.main, ["parse", "x.txt", *args])
    assert result.exit_code == 2
    assert (seen[0].max_seconds, seen[0].ocr_seconds_per_page) == (max_seconds, per_page)


@needs_ocr
def test_progress_ocr_reports_every_page(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2, PAGE_1])
    events = []
    load_document(path, ocr=True, progress=lambda *e: events.append(e))
    ocr = [(done, total) for stage, done, total in events if stage == "ocr"]
    assert ocr and ocr[-1] == (3, 3)
    assert all(total == 3 for _, total in ocr)
    assert [d for d, _ in ocr] == sorted(d for d, _ in ocr)


@needs_ocr
def test_progress_ocr_time_limit_scales_with_pages(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2])
    # the clock may run out while the scan is opened for OCR or during OCR itself, by the machine's load
    with pytest.raises(LimitExceededError, match="(?:OCR|reading) took longer than the 1 s time limit"):
        load_document(path, ocr=True, limits=Limits(max_seconds=1.0))
    doc = load_document(path, ocr=True, limits=Limits(max_seconds=1.0, ocr_seconds_per_page=OCR_SECONDS_PER_PAGE))
    assert doc.pages == 2


@needs_ocr
def test_progress_cli_check_shows_ocr_pages_on_the_terminal(tmp_path):
    import os

    path = scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2, PAGE_1])
    exe = Path(sys.executable).with_name("clausecheck")
    # stands in for a terminal on stderr, from the first page (a 3-page scan can take under 2 s)
    env = dict(os.environ, CLAUSECHECK_PROGRESS="now")
    out = subprocess.run([str(exe), "check", str(path), "--ocr", "--fail-on", "never"], capture_output=True,
                         text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    # (text mode reads each carriage return as a new line)
    shown = [line for line in out.stderr.replace("\x1b[K", "").splitlines() if line.strip()]
    assert any(line.startswith("scan.pdf: OCR page 3/3 (") for line in shown), shown
    quiet = subprocess.run([str(exe), "check", str(path), "--ocr", "--fail-on", "never"], capture_output=True,
                           text=True, timeout=300)
    assert "OCR page" not in quiet.stderr  # not a terminal: no progress


@pytest.mark.parametrize("command", [
    ["check", "{old}"],
    ["compare", "{old}", "{new}"],
    ["propose", "{new}", "-o", "{tmp}/counter.docx"],
])
def test_progress_every_command_that_checks_shows_the_check(tmp_path, monkeypatch, command):
    from click.testing import CliRunner

    import checker.progress
    import cli

    examples = Path(__file__).resolve().parents[1] / "examples"
    old, new = examples / "hotel-union-proposal.md", examples / "hotel-counterproposal.txt"
    monkeypatch.setattr(checker.progress, "DELAY_SECONDS", 0.0)  # as if the check ran long
    monkeypatch.setenv("CLAUSECHECK_PROGRESS", "1")
    monkeypatch.setenv("CLAUSECHECK_IN_PROCESS", "1")  # CliRunner captures this process's stderr only
    args = [a.format(old=old, new=new, tmp=tmp_path) for a in command]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code in (0, 1), result.stderr
    names = {Path(a).name for a in args[1:] if a.endswith((".md", ".txt"))}
    for name in names:
        assert f"\r\x1b[K{name}: checking the protections" in result.stderr
    monkeypatch.delenv("CLAUSECHECK_PROGRESS")
    assert "checking the protections" not in CliRunner().invoke(cli.main, args).stderr  # nobody watching
