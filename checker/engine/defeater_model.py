"""The defeater classifier: what kind of defeating clause a sentence is, if any.

A multinomial logistic regression over stemmed word unigrams and bigrams, with references,
dates and numbers abstracted ("Sections 23.1 through 23.3" and "Article 9" read alike), trained
by `python tools/train_defeaters.py` from the labelled clauses of clause_corpus/defeaters/ and the
sentences of the tuning documents, and shipped as plain weights in models/defeaters/model.json
(read with the standard library: no spaCy import, no download). It recognizes the kind of a
clause whose exact words no registry pattern lists ("Article 23 claims shall be heard by the
Committee, whose decision is final, and never by an arbitrator"); what the clause reaches, and
whether it reaches anything, is still decided by the rules of checker.engine.enforceability, so a
sentence the classifier misreads changes nothing unless it also names a protection's provision.

Labels: exclusion, non_binding, sunset, unilateral_suspension (enforceability); status_definition,
discrepancy_discharge, agency_cooperation, policy_subordination (cross-article); none."""
from __future__ import annotations

import json
import math
import operator
import re
from contextlib import contextmanager
from functools import lru_cache

from checker.resources import models_dir

MODEL = models_dir() / "defeaters" / "model.json"
LABELS = ("none", "exclusion", "non_binding", "sunset", "unilateral_suspension", "status_definition",
          "discrepancy_discharge", "agency_cooperation", "policy_subordination")
ENFORCEABILITY = {"exclusion": "exclusion", "non_binding": "non_binding", "sunset": "expiry",
                  "unilateral_suspension": "suspension"}  # label -> how (checker.engine.enforceability)
CROSS = ("status_definition", "discrepancy_discharge", "agency_cooperation", "policy_subordination")

_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_NUM = r"\d+(?:\.\d+)*(?:\([a-z0-9]{1,4}\))*"
_ABSTRACT = (
    (re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?(?: day of)?\s+"
                rf"{_MONTH},?\s+\d{{4}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|"
                rf"\b{_MONTH},?\s+\d{{4}}\b"), " _date_ "),
    (re.compile(rf"\b(?:articles?|sections?|§§?|paragraphs?|paras?\.?|subsections?|rules?|items?|clauses?)\s*{_NUM}"
                rf"(?:\s*(?:,|and|or|through|thru|to|-|–|—)\s*(?:(?:and|or)\s+)?{_NUM})*"), " _ref_ "),
    (re.compile(r"\b(?:this|the present|these|such) (?:article|section|subsection|paragraph|side letter|"
                r"letter of understanding|letter of agreement|letter|memorandum of understanding|memorandum of "
                r"agreement|memorandum|mou|moa|lou|appendix|addendum|exhibit|attachment|schedule|rider|"
                r"supplement)s?\b"), " _self_ "),
    (re.compile(r"\b\d+(?:\.\d+)*\b"), " _num_ "),
)
_DIGIT = re.compile(r"\d")
NEAR = 4  # words apart at most for two concepts to count as near each other
_WORD = re.compile(r"_[a-z]+_|[a-z][a-z'-]*")
_STOP = frozenset("a an the of to and or in on at by for with as be is are was were been its it their".split())


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    if word.startswith("_"):
        return word
    word = word.strip("'-")
    word = re.sub(r"'s$", "", word)
    word = re.sub(r"ies$", "y", word)
    word = re.sub(r"(?<=[a-z]{4})(?:ations?|ments?|ings?|able|ible|ed|es|s|ly|ive)$", "", word)
    return word[:7]


def _lower(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').lower().split())


def tokens(text: str) -> list[str]:
    low = _lower(text)
    if _DIGIT.search(low):  # dates and numbers (the costly patterns) need a digit
        low = _ABSTRACT[0][0].sub(_ABSTRACT[0][1], low)
    for rx, repl in _ABSTRACT[1:]:
        low = rx.sub(repl, low)
    return [_stem(w) for w in _WORD.findall(low)]


def _guards():
    """The guards of clause_corpus/strength/learned_defeater.yaml: which kinds' broad vocabulary a
    sentence has is a feature too (a forum and a denial, a work status and a definition...), and
    carries over to wordings the training clauses never used."""
    global _GUARDS
    if _GUARDS is None:
        from checker.corpus.strength import builtin

        _GUARDS = tuple((e.id.split(".", 1)[1], e) for e in builtin()["learned_defeater"])
    return _GUARDS


_GUARDS = None


def guarded(text: str) -> set[str]:
    """The kinds whose guard accepts the sentence's words."""
    low = _lower(text)
    return {kind for kind, entry in _guards() if entry.search(low)}  # behind each entry's literal gate


@lru_cache(maxsize=4)
def compiled(concepts: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in concepts)


def features(text: str, kinds: set[str] | None = None, concepts=()) -> set[str]:
    """The sentence's features: stemmed words and word pairs, the words a negation governs, the
    kinds whose guard accepts it (`=kind`), and the concept classes of the model's lexicon its words
    fall in (`@status`, `@forum`...: a word never seen in training still counts through its class)
    with each pair of them present together (`@status+@define`) and each pair within a few words of
    each other (`@deny^@forum`)."""
    toks = tokens(text)
    out = {t for t in toks if t not in _STOP}
    out.update(f"={kind}" for kind in (guarded(text) if kinds is None else kinds))
    if concepts:
        low = _lower(text)
        at = {}  # concept -> the word positions where its words start
        for name, rx in compiled(concepts):
            where = [low.count(" ", 0, m.start()) for m in rx.finditer(low)]
            if where:
                at[name] = where
        found = list(at)
        out.update(f"@{c}" for c in found)
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                out.add(f"@{a}+@{b}")
                # near each other: "not ... arbitrable", not a denial ten words before a grievance
                if any(abs(x - y) <= NEAR for x in at[a] for y in at[b]):
                    out.add(f"@{a}^@{b}")
    out.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
    # a negation reaches a few words on ("shall not in any event be arbitrated")
    for i, t in enumerate(toks):
        if t in ("not", "no", "never", "neither", "nor", "without"):
            out.update(f"~{u}" for u in toks[i + 1:i + 5] if u not in _STOP)
    return out


def model() -> dict | None:
    """The trained weights, or None when the model has not been built (the rules then work alone)."""
    return None if _OFF else _load()


@lru_cache(maxsize=1)
def _load() -> dict | None:
    if not MODEL.exists():
        return None
    from checker.corpus.cache import derived

    raw = MODEL.read_bytes()
    return derived("defeaters", raw, lambda: _decode(raw))  # decoded once, then read back ~5x faster


def _decode(raw: bytes) -> dict:
    data = json.loads(raw)
    data["weights"] = {f: tuple(w) for f, w in data["weights"].items()}
    data["concepts"] = tuple((name, pattern) for name, pattern in data.get("concepts", ()))
    return data


def probabilities(text: str, kinds: set[str] | None = None) -> dict[str, float]:
    m = model()
    if m is None:
        return {"none": 1.0}
    weights = m["weights"]
    acc = list(m["bias"])
    for w in filter(None, map(weights.get, features(text, kinds, m.get("concepts", ())))):
        acc = list(map(operator.add, acc, w))  # the same sums in the same order, added in C
    scores = dict(zip(m["labels"], acc))
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


def classify(text: str, guard: bool = False) -> tuple[str, float]:
    """(label, probability) of the sentence; "none" unless a defeater label reaches its threshold
    (and, with `guard`, unless its words pass that kind's guard: a sentence no guard accepts is not
    scored at all)."""
    if _OFF:
        return "none", 1.0
    kinds = guarded(text)
    if guard and not kinds:  # before the model: a document no guard accepts never loads it
        return "none", 1.0
    m = model()
    if m is None:
        return "none", 1.0
    probs = probabilities(text, kinds)
    label = max(probs, key=probs.get)
    if label != "none" and (probs[label] < m["thresholds"].get(label, 1.0) or guard and label not in kinds):
        return "none", probs["none"]
    return label, probs[label]


@contextmanager
def disabled():
    """The rules alone, for as long as the block runs (training labels sentences with them)."""
    global _OFF
    _OFF, before = True, _OFF
    try:
        yield
    finally:
        _OFF = before


_OFF = False
