"""checker.heap: the CLI defers cyclic garbage collection during start-up only; documents are
checked, and every other command runs, with the collector on (memory stays bounded)."""
from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

import checker.api
import checker.corpus
from checker.corpus import BUILTIN_DIR
from checker.heap import defer_collection, resume_collection
from cli import main

TEXT = "ARTICLE 1 WAGES\n\n1.1 Employees shall be paid every two weeks by direct deposit.\n"


@pytest.fixture
def collector_seen(monkeypatch):
    """Records whether the collector is on each time a document is checked."""
    seen: list[bool] = []
    real = checker.api.check_file

    def check_file(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(checker.api, "check_file", check_file)
    monkeypatch.setenv("CLAUSECHECK_IN_PROCESS", "1")  # the check runs in this process, where it is seen
    return seen


@pytest.mark.parametrize("extra", [[], ["--corpus", str(BUILTIN_DIR)]], ids=["built-in corpus", "corpus folder"])
def test_heap_cli_check_runs_documents_with_the_collector_on(tmp_path, collector_seen, extra):
    doc = tmp_path / "wages.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(doc), "--fail-on", "never", *extra], catch_exceptions=False)
    assert result.exit_code == 0
    assert collector_seen == [True]
    assert gc.isenabled()


@pytest.mark.parametrize("args", [["check", "no-such-file.txt"], ["check", "--format", "nonsense", "x.txt"], ["--help"]])
def test_heap_cli_leaves_the_collector_on_after_an_error_or_help(args):
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 2)
    assert gc.isenabled()


def test_heap_other_commands_run_with_the_collector_on(monkeypatch):
    seen: list[bool] = []
    real = checker.corpus.load_corpus

    def load_corpus(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(checker.corpus, "load_corpus", load_corpus)
    result = CliRunner().invoke(main, ["corpus", "list"], catch_exceptions=False)
    assert result.exit_code == 0 and seen == [True]
    assert gc.isenabled()


def test_heap_a_callers_disabled_collector_stays_theirs(tmp_path):
    doc = tmp_path / "wages.txt"
    doc.write_text(TEXT, encoding="utf-8")
    gc.disable()
    try:
        result = CliRunner().invoke(main, ["check", str(doc), "--fail-on", "never"], catch_exceptions=False)
        assert result.exit_code == 0
        assert not gc.isenabled()
        defer_collection()
        resume_collection()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_heap_a_deferral_ended_inside_a_pause_turns_the_collector_on_when_the_pause_ends():
    from checker.heap import collector_paused

    assert gc.isenabled()
    defer_collection()  # the CLI's start-up
    try:
        with collector_paused():  # the built-in corpus loading, whose freeze ends the deferral
            resume_collection()
            assert not gc.isenabled()  # still paused: the corpus is not walked while it loads
        assert gc.isenabled()
    finally:
        resume_collection()
        gc.enable()
