"""Train the protection router: `python -m checker.train [--out models/router] [--seed 0]`.

A spaCy text classifier (multi-label bag-of-words) that scores a sentence for each protection it
may state. Trained reproducibly from data in this repository only:

- positives: every corpus example labelled matching or weakened, every sentence of each
  protection's model language, and each core element's description;
- negatives: the corpus near-miss examples, and sentences of the real public contracts in
  tests/devset/real (none of which addresses any protection; they are labelled so in the dev set).

Evaluated on the written development documents (tests/devset/shared, written_a, written_b): the
sentences that contain a gold evidence phrase are positives for their protection, all other
sentences of trap documents negatives. Writes the pipeline, a data hash and metrics.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset"
NEGATIVE_SOURCES = sorted((DEVSET / "real").glob("*.*"))
# Real-contract sentences used as negatives; enough to cover ordinary contract language while
# keeping training under a minute on 2 cores.
MAX_NEGATIVES = 4000


def _sentences(text: str) -> list[str]:
    from checker.engine.segment import split_units

    return [u.text for u in split_units(text) if not u.heading and len(u.text.split()) >= 6]


def training_data(corpus) -> list[tuple[str, dict[str, float]]]:
    from checker.ingest import load_document

    ids = [p.id for p in corpus.protections]
    zero = dict.fromkeys(ids, 0.0)
    data = []
    for p in corpus.protections:
        positives = [ex.text for ex in p.examples if ex.status != "missing"]
        positives += _sentences(p.model_text) + [el.description for el in p.elements]
        data += [(" ".join(t.split()), {**zero, p.id: 1.0}) for t in positives]
        data += [(" ".join(ex.text.split()), dict(zero)) for ex in p.examples if ex.status == "missing"]
    rng = random.Random(0)
    negatives = []
    for path in NEGATIVE_SOURCES:
        if path.name.endswith(".labels.toml"):
            continue
        negatives += _sentences(load_document(path).text)
    rng.shuffle(negatives)
    data += [(t, dict(zero)) for t in negatives[:MAX_NEGATIVES]]
    return data


def evaluation_data(corpus) -> list[tuple[str, set[str]]]:
    from checker.ingest import load_document

    out = []
    for labels in sorted(DEVSET.rglob("*.labels.toml")):
        if labels.parent.name == "real":
            continue
        case = tomllib.loads(labels.read_text())
        doc = load_document(labels.parent / case["document"])
        phrases = {pid: " ".join(e["evidence"].lower().split()) for pid, e in case.get("expect", {}).items()
                   if e.get("evidence") and e.get("status") != "missing"}
        for sent in _sentences(doc.text):
            low = " ".join(sent.lower().split())
            out.append((sent, {pid for pid, ph in phrases.items() if ph in low}))
    return out


def data_hash(data) -> str:
    h = hashlib.sha256()
    for text, cats in data:
        h.update(text.encode())
        h.update(json.dumps(cats, sort_keys=True).encode())
    return h.hexdigest()


def train(out: Path, seed: int = 0, epochs: int = 12) -> dict:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from checker.corpus import load_corpus

    corpus = load_corpus()
    fix_random_seed(seed)
    data = training_data(corpus)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={
        "model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                  "ngram_size": 2, "no_output_layer": False, "length": 65536}})
    for p in corpus.protections:
        textcat.add_label(p.id)
    examples = [Example.from_dict(nlp.make_doc(t.lower()), {"cats": c}) for t, c in data]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    metrics = evaluate(nlp, corpus)
    meta = {"training_examples": len(data), "training_data_sha256": data_hash(data), "seed": seed,
            "epochs": epochs, "corpus_sha256": corpus.sha256, "spacy": spacy.__version__, **metrics}
    (out / "training.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def evaluate(nlp, corpus, threshold: float = 0.5) -> dict:
    data = evaluation_data(corpus)
    ids = [p.id for p in corpus.protections]
    tp = fp = fn = 0
    recall_at_veto = [0, 0]
    for doc, (_, gold) in zip(nlp.pipe(t.lower() for t, _ in data), data):
        pred = {pid for pid in ids if doc.cats[pid] >= threshold}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for pid in gold:
            recall_at_veto[1] += 1
            recall_at_veto[0] += doc.cats[pid] >= 0.05
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"eval_sentences": len(data), "precision@0.5": round(p, 3), "recall@0.5": round(r, 3),
            "f1@0.5": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "evidence_recall@0.05": round(recall_at_veto[0] / max(1, recall_at_veto[1]), 3)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "router")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args(argv)
    meta = train(args.out, args.seed, args.epochs)
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
