"""Lemmas for concept matching.

clausecheck uses spaCy's English lookup lemmatizer data (the `en_lemma_lookup` table that
spacy-lookups-data ships, the same table `spacy.blank("en")` + `lemmatizer(mode="lookup")` uses)
with a regex tokenizer. Measured on the 231-page Oregon master agreement: spaCy's tokenizer took
~2 s for 430k tokens, the regex tokenizer plus the table ~0.15 s, with the same lemmas for the
words the lexicon uses. No pretrained pipeline, nothing downloaded at run time.
"""
from __future__ import annotations

import gzip
import json
import os
import re
from functools import lru_cache

_TOKEN = re.compile(r"\w+|[^\w\s]")
_JOINERS = {"-", "‐", "‑", "–"}


_REMEMBERED: list[dict[str, str]] = []


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    if _REMEMBERED:
        return _REMEMBERED[0]
    return json.loads(gzip.decompress(_lemma_file()))


def remember(table) -> None:
    """The table as the corpus cache stored it (checker.corpus.cache, keyed by `lemma_file_hash`):
    read back faster than the compressed JSON is decoded."""
    if isinstance(table, dict) and table and not _REMEMBERED:
        _REMEMBERED.append(table)


def lemma_file_hash() -> str:
    import hashlib

    return hashlib.sha256(_lemma_file()).hexdigest()


def _lemma_file() -> bytes:
    """The table's bytes, found without importing spacy_lookups_data (its import lists every data
    file of every language: a quarter of a short document's start-up)."""
    from importlib.util import find_spec

    spec = find_spec("spacy_lookups_data")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = os.path.join(folder, "data", "en_lemma_lookup.json.gz")
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                return fh.read()
    from importlib.resources import files  # packaged some other way (a zip): the package's own lookup

    return files("spacy_lookups_data").joinpath("data", "en_lemma_lookup.json.gz").read_bytes()


def lemma_tokens(texts: list[str]) -> list[list[str]]:
    """Each text's lower-cased lemmas ("Workers were notified" -> ["worker", "be", "notify"])."""
    return list(iter_lemma_tokens(texts))


def iter_lemma_tokens(texts):
    """`lemma_tokens`, one text at a time: a long document's lemmas need not all be held at once."""
    memo = _Lemmas(lemma_table())
    lemma = memo.__getitem__
    for text in texts:
        yield [x for x in map(lemma, _TOKEN.findall(text.lower())) if x is not None]


class _Lemmas(dict):
    """token -> lemma, each token looked up in the table once per document (None: a joiner, which
    is dropped: "immigration-enforcement agent" reads as "immigration enforcement agent")."""

    def __init__(self, table: dict):
        super().__init__()
        self.table = table

    def __missing__(self, token: str) -> str | None:
        x = self[token] = None if token in _JOINERS else self.table.get(token, token)
        return x


def lemma_strings(texts: list[str]) -> list[str]:
    return [" ".join(t) for t in lemma_tokens(texts)]


@lru_cache(maxsize=1)
def pipeline():
    """A blank English spaCy pipeline with the lookup lemmatizer (for trained components)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
