"""The one spaCy pipeline clausecheck uses: a blank English tokenizer with the lookup lemmatizer
from spacy-lookups-data. No pretrained pipeline, nothing downloaded at run time."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def pipeline():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def lemma_strings(texts: list[str]) -> list[str]:
    """Each text as its lower-cased lemmas joined by single spaces ("were notified" -> "be notify")."""
    nlp = pipeline()
    out = []
    for doc in nlp.pipe((t.lower() for t in texts), batch_size=256):
        out.append(" ".join(tok.lemma_ or tok.text for tok in doc if not tok.is_space))
    return out
