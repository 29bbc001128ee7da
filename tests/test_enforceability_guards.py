"""The conditions the enforceability and cross-article passes test a defeating clause against are
data (clause_corpus/strength/defeat_guard.yaml): each guard the engine uses names an entry, every
entry fires on its examples and not on its near misses, and `clausecheck explain` shows it by id."""
from __future__ import annotations

import pytest

from checker.corpus.strength import builtin
from checker.engine import enforceability
from checker.engine.language import fired


def _guards() -> dict[str, enforceability._Guard]:
    return {name: g for name, g in vars(enforceability).items() if isinstance(g, enforceability._Guard)}


def test_every_guard_the_engine_uses_is_an_entry_and_every_entry_is_used():
    used = {g.id for g in _guards().values()}
    entries = {e.id for e in builtin()["defeat_guard"]}
    assert used == entries


@pytest.mark.parametrize("entry", builtin()["defeat_guard"], ids=lambda e: e.id)
def test_a_guard_fires_on_its_examples_and_not_on_its_near_misses(entry):
    for ex in entry.fires:
        assert entry.id in fired("defeat_guard", ex.text), ex.text
    for ex in entry.quiet:
        assert entry.id not in fired("defeat_guard", ex.text), ex.text


def test_a_guard_searches_with_its_entry_pattern():
    g = _guards()["_BARGAINED"]
    assert g.search("the employer may suspend this article by mutual agreement with the union")
    assert not g.search("the employer may suspend this article upon notice to the union")


def test_explain_shows_a_guard_by_its_id(capsys):
    from checker.cli import main

    code = main(["explain", "defeat_guard.correction_exception"])
    out = capsys.readouterr().out
    assert code == 0 and "defeat_guard.correction_exception" in out and "fires on" in out
