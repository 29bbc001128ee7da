"""The recall layer (models/recall): domain word vectors that let a concept of the lexicon
recognise a word nobody typed into it.

The vectors are floret vectors (fastText with hashed subword n-grams, 64 dimensions) trained on
public collective-bargaining agreements by tools/train_recall.py; spaCy reads them from disk,
nothing is downloaded. When the engine is asked for recall (`check_document(doc, recall=True)` or
`check_file(path, recall=True)`), each word of the document that no concept knows, and whose vector lies within
SIMILAR of a single-word term of a concept, counts as that concept in the sentences where it
occurs. Findings whose evidence rests on such a sentence carry CONFIDENCE_FACTOR of their
calibrated confidence. Off by default: models/README.md has the measurements.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.resources import models_dir

MODEL_DIR = models_dir() / "recall"
# Cosine similarity a document word needs to a concept term to count as that concept.
SIMILAR = 0.85
# A word shorter than this, or a stop word, is never recalled (too many chance neighbours).
MIN_CHARS = 5
CONFIDENCE_FACTOR = 0.8
# Concepts whose terms are too generic for a neighbour to mean the same thing.
_STOP = frozenset("""shall will must may might should would could can cannot not none nothing any
all each every other such this that these those with without within upon under over after before
about their there where which while whom whose what when into onto from than then also only""".split())


# Subword vectors put a word next to its own negation ("involuntarily" by "voluntarily",
# "misinterpret" by "interpret"): a word that is a known term behind one of these prefixes is never
# recalled.
_NEGATING = ("non", "un", "in", "im", "ir", "il", "dis", "mis", "de")


def _negates(word: str, term: str) -> bool:
    return any(word.startswith(p) and not term.startswith(p) and word[len(p):].startswith(term[:4])
               for p in _NEGATING)


@lru_cache(maxsize=2)
def load_vectors(path: str = str(MODEL_DIR)):
    """The spaCy vectors table of models/recall (ConfigError when it is missing)."""
    import spacy

    from checker.errors import ConfigError

    if not Path(path, "config.cfg").is_file():
        raise ConfigError(f"no recall vectors at {path}",
                          hint="run tools/train_recall.py to train them (see models/README.md)")
    return spacy.load(path).vocab.vectors


def _unit(rows):
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


class Recall:
    """Nearest concept terms for document words, by cosine similarity of the domain vectors."""

    def __init__(self, index, path: Path = MODEL_DIR, similar: float = SIMILAR):
        self.vectors = load_vectors(str(path))
        self.similar = similar
        known: dict[str, str] = {}
        for seqs in index.by_first.values():
            for seq, concept in seqs:
                if len(seq) == 1 and seq[0] not in known:
                    known[seq[0]] = concept
        self.known_words = frozenset(w for seqs in index.by_first.values() for seq, _ in seqs for w in seq)
        self.terms = [t for t in sorted(known) if len(t) >= MIN_CHARS and t.isalpha() and t not in _STOP]
        self.term_concept = [known[t] for t in self.terms]
        self.term_rows = _unit(self.vectors.get_batch(self.terms)) if self.terms else None

    def neighbours(self, words: list[str]) -> dict[str, tuple[str, str, float]]:
        """{word: (concept, term, similarity)} for the words close enough to a concept term."""
        if not words or self.term_rows is None:
            return {}
        sims = _unit(self.vectors.get_batch(words)) @ self.term_rows.T
        best = sims.argmax(axis=1)
        out = {}
        for i, word in enumerate(words):
            j = int(best[i])
            s = float(sims[i, j])
            if s >= self.similar and not _negates(word, self.terms[j]):
                out[word] = (self.term_concept[j], self.terms[j], s)
        return out

    def expand(self, matcher, lemma_tokens: list[list[str]]) -> frozenset[int]:
        """Add recalled concepts to the matcher; return the units that gained a concept."""
        where: dict[str, set[int]] = {}
        for u, toks in enumerate(lemma_tokens):
            for tok in toks:
                if len(tok) >= MIN_CHARS and tok.isalpha() and tok not in _STOP and tok not in self.known_words:
                    where.setdefault(tok, set()).add(u)
        gained: set[int] = set()
        for word, (concept, _, _) in self.neighbours(sorted(where)).items():
            units = where[word] - matcher.units_with(concept)
            if units:
                matcher.add_units(concept, units)
                gained |= units
        return frozenset(gained)


@lru_cache(maxsize=4)
def recall_for(index) -> Recall:
    """One Recall per concept index (term vectors computed once per corpus)."""
    return Recall(index)


def discount(analysis, findings) -> None:
    """Lower the confidence of findings whose evidence holds a recalled unit."""
    starts = {analysis.units[u].start for u in analysis.recalled}
    for f in findings:
        if f.status != "missing" and any(e.start in starts for e in f.evidence):
            f.confidence = round(f.confidence * CONFIDENCE_FACTOR, 3)
