"""Patterns built from the opcodes stored with the cached corpus are the patterns `re` compiles."""
from __future__ import annotations

import re
from re import _compiler

import pytest

from checker.corpus import cache, rxcode
from checker.corpus.patterns import FLAGS, alternation


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLAUSECHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(rxcode, "_TABLE", {})
    return folder


def test_rxcode_built_patterns_equal_compiled_ones_and_match_alike(monkeypatch):
    sources = [(r"\b(?:shall|must)\s+not\b", 0), (r"^(?P<num>\d+(?:\.\d+)*)\s+(?P<title>[A-Z][^\n]*)$", FLAGS),
               (r"(?i)immigration\s+(?:status|agents?)", 0), (r"(\w+)\s+\1", 0)]
    monkeypatch.setattr(rxcode, "_TABLE", {})
    rxcode.install(rxcode.table(sources))
    text = "1.2 Immigration Status\nThe Employer shall not ask. the the\n"
    for pattern, flags in sources:
        built, plain = rxcode.compile(pattern, flags), re.compile(pattern, flags)
        assert built == plain  # same pattern, flags and opcodes
        assert built.groupindex == plain.groupindex and built.groups == plain.groups
        assert [m.span() for m in built.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_rxcode_corrupt_or_foreign_opcodes_compile_afresh(monkeypatch):
    pattern = r"\bwarrant\b"
    monkeypatch.setattr(rxcode, "_TABLE", {})
    good = rxcode.table([(pattern, 0)])[(pattern, 0)]
    rxcode.install({(pattern, 0): (good[0], [99999, 1, 2], *good[2:])})  # opcodes `_sre` rejects
    assert rxcode.compile(pattern).search("a judicial warrant").span() == (11, 18)
    rxcode.install({("other", 0): "not opcodes"})
    assert rxcode.compile("other").pattern == "other"


def test_rxcode_table_leaves_out_what_does_not_compile():
    assert rxcode.table([("(unclosed", 0), ("ok", 0)]).keys() == {("ok", 0)}


def test_rxcode_cached_corpus_builds_its_patterns_without_compiling(cache_dir, monkeypatch):
    """A start-up with the cache compiles none of the corpus's patterns nor the strength lexicon's:
    each is built from its stored opcodes, equal to what `re` compiles."""
    fresh = cache.load_corpus()
    concepts = [c for c in fresh.concepts.values() if c.patterns]
    sources = [p for c in concepts for p in c.patterns] + [alternation(c.patterns) for c in concepts]
    entries = [e for es in fresh.strength.entries.values() for e in es]
    expected = {s: re.compile(s, FLAGS) for s in sources}
    expected_entries = {e.pattern: re.compile(e.pattern) for e in entries}
    monkeypatch.setattr(rxcode, "_TABLE", {})

    ours = set(expected) | set(expected_entries) | {rx.pattern for rx in fresh.strength._alternations.values()}
    plain_compile = _compiler.compile

    def no_compile(pattern, flags=0):
        if pattern in ours:
            raise AssertionError(f"compiled {pattern!r} although the cache holds its opcodes")
        return plain_compile(pattern, flags)  # other patterns (file globs) compile as ever

    monkeypatch.setattr(_compiler, "compile", no_compile)
    again = cache.load_corpus()
    assert again == fresh
    assert again.strength.alternation("hedge") == fresh.strength.alternation("hedge")
    for s, rx in expected.items():
        assert rxcode.compile(s, FLAGS) == rx
    for p, rx in expected_entries.items():
        assert rxcode.compile(p) == rx


def test_rxcode_cached_strength_lexicon_is_the_one_the_engine_reads(cache_dir, monkeypatch):
    from checker.corpus import strength

    cache.load_corpus()
    monkeypatch.setattr(strength, "_REMEMBERED", {})
    strength.builtin.cache_clear()
    try:
        corpus = cache.load_corpus()  # read back: the lexicon comes from the cache file
        assert strength._REMEMBERED[strength.STRENGTH_DIR] is corpus.strength
        assert strength.builtin() is corpus.strength
    finally:
        strength.builtin.cache_clear()


def test_cached_lemma_table_is_the_packaged_one(cache_dir, monkeypatch):
    """The lemma table read back from the cache is spacy-lookups-data's table, entry for entry."""
    import gzip
    import json

    from checker import nlp

    cache.load_corpus()
    monkeypatch.setattr(nlp, "_REMEMBERED", [])
    nlp.lemma_table.cache_clear()
    try:
        cache.load_corpus()  # read back
        assert nlp._REMEMBERED and nlp.lemma_table() is nlp._REMEMBERED[0]
        assert nlp.lemma_table() == json.loads(gzip.decompress(nlp._lemma_file()))
        assert nlp.lemma_tokens(["Workers were notified"]) == [["worker", "be", "notify"]]
    finally:
        nlp.lemma_table.cache_clear()
