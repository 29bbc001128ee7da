"""Every example in every corpus file runs through the engine as a test case."""
from __future__ import annotations

import pytest

from checker.corpus import load_corpus
from checker.corpus.examples import run_example

CORPUS = load_corpus()
CASES = [(p, ex) for p in CORPUS.protections for ex in p.examples]


@pytest.mark.parametrize(("protection", "example"), CASES,
                         ids=[f"{p.id}:{ex.line}:{ex.status}" for p, ex in CASES])
def test_corpus_example_gets_its_labelled_status(protection, example):
    result = run_example(protection, example, CORPUS)
    assert result.status == example.status, " ".join(example.text.split())
    assert set(example.deviations) <= set(result.kinds), (result.kinds, " ".join(example.text.split()))


def test_corpus_has_every_catalog_protection_with_enough_examples():
    from checker.corpus import builtin_order

    assert [p.id for p in CORPUS.protections] == builtin_order()
    for p in CORPUS.protections:
        counts = {s: sum(ex.status == s for ex in p.examples) for s in ("matching", "weakened", "missing")}
        assert counts["matching"] >= 3 and counts["weakened"] >= 5 and counts["missing"] >= 3, p.id
        kinds = {k for ex in p.examples for k in ex.deviations}
        assert len(kinds) >= 3, (p.id, kinds)
