"""The recall layer (models/recall, checker.engine.recall) and the lexicon proposal tool
(tools/propose_lexicon.py): the shipped vectors load without the network, the engine is
unchanged unless recall is asked for, a word no concept lists is recognised through its vector
(with a lower confidence), and the tool proposes corpus phrases for review."""
from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path

import pytest

from checker.api import check_document, document_from_text
from checker.engine import recall as recall_mod

ROOT = Path(__file__).resolve().parents[1]
PID = "reinstatement_after_work_authorization_loss"
# "reemployment" is in no concept: the lexicon's reinstate concept lists rehire, reinstate, reemploy...
CLAUSE = """ARTICLE 12 - WORK AUTHORIZATION

Section 1. An employee who is terminated because of a loss of work authorization shall be offered
reemployment to his or her former position, without loss of seniority, upon presenting valid work
authorization within twelve (12) months.
"""


def finding(text: str, **kw):
    report = check_document(document_from_text(text), **kw)
    return next(f for f in report.findings if f.protection == PID)


def test_vectors_load_from_the_package_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the recall vectors tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    recall_mod.load_vectors.cache_clear()
    vectors = recall_mod.load_vectors()
    assert vectors.mode == "floret" and vectors.shape == (20000, 64)
    # a word never seen in training still gets a vector from its character n-grams
    assert abs(vectors.get_batch(["reemployability"])).sum() > 0
    assert (ROOT / "models" / "recall" / "training.json").is_file()


def test_recall_off_by_default_never_touches_the_vectors(monkeypatch):
    def used(*args, **kwargs):
        raise AssertionError("recall ran although it was not asked for")

    monkeypatch.setattr(recall_mod.Recall, "expand", used)
    monkeypatch.setattr(recall_mod, "load_vectors", used)
    default = finding(CLAUSE)
    assert default.status == "missing"
    assert finding(CLAUSE, recall=False).to_dict() == default.to_dict()


def test_recall_recognises_an_unlisted_word_with_lower_confidence():
    listed = finding(CLAUSE.replace("offered\nreemployment to", "reinstated to"))
    recalled = finding(CLAUSE, recall=True)
    assert listed.status == recalled.status == "weakened"
    assert any("reemployment" in e.text for e in recalled.evidence)
    assert recalled.confidence == pytest.approx(listed.confidence * recall_mod.CONFIDENCE_FACTOR, abs=0.001)
    # where the lexicon already knows every word, recall changes nothing
    assert finding(CLAUSE.replace("offered\nreemployment to", "reinstated to"), recall=True).to_dict() == listed.to_dict()


def test_recall_never_takes_a_negation_for_the_term():
    from checker.api import default_corpus
    from checker.engine import concept_index

    r = recall_mod.recall_for(concept_index(default_corpus()))
    found = r.neighbours(["reemployment", "involuntarily", "misinterpret"])
    assert found["reemployment"][0] == "reinstate"
    assert "involuntarily" not in found and "misinterpret" not in found


def load_tool():
    spec = importlib.util.spec_from_file_location("propose_lexicon", ROOT / "tools" / "propose_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_propose_lexicon_prints_unlisted_corpus_phrases_for_review(tmp_path, capsys):
    corpus = tmp_path / "corpus.txt"
    lines = ["the employer shall when workable notify the union of the visit",
             "where practicable the employer shall post notices",
             "leave shall be granted for naturalisation interviews of the employee"] * 6
    corpus.write_text("\n".join(lines) + "\n")
    before = {p: p.read_text() for p in (ROOT / "clause_corpus").rglob("*.yaml")}
    tool = load_tool()
    assert tool.main(["--corpus", str(corpus), "--strength", "hedge", "--concept", "immigration_leave_anchor",
                      "--top", "40"]) == 0
    out = capsys.readouterr().out
    hedge = out.split("## strength/hedge")[1].split("## concept")[0]
    proposals = [line.split("'")[1] for line in hedge.splitlines() if line.startswith("  ")]
    assert "workable" in " ".join(proposals)
    # what the category already matches is not proposed again
    assert not any("where practicable" in p for p in proposals)
    concept = out.split("## concept immigration_leave_anchor")[1]
    assert "'naturalisation" in concept
    # nothing is written to the lexicon
    assert {p: p.read_text() for p in (ROOT / "clause_corpus").rglob("*.yaml")} == before


def test_propose_lexicon_missing_corpus_is_one_line_and_exit_2(tmp_path, capsys):
    assert load_tool().main(["--corpus", str(tmp_path / "none.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "none.txt" in err[0] and "train_recall" in err[0]
