"""Propose lexicon additions for review: corpus phrases nearest to existing entries.

    python tools/propose_lexicon.py --corpus /tmp/recall/corpus.txt [--strength hedge,discretion]
        [--concept leave,immigration_proceeding] [--top 15] [--min-count 5]

For each strength category (clause_corpus/strength/*.yaml) the seeds are the phrases its entries'
patterns match in their own `fires` examples; for each protection concept (clause_corpus/lexicon)
the seeds are its terms. Every phrase of one to four words occurring at least --min-count times in
the corpus, and not already matched by the category (or already a term of any concept), is
ranked by the cosine similarity of its mean word vector (models/recall) to the nearest seed. The
result is printed for a person to judge; nothing is written to the lexicon. A proposal that is
accepted becomes an entry with `fires` and `quiet` examples like any other.

--corpus is the normalized text tools/train_recall.py writes (one lower-cased paragraph a line).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
STRENGTH = ROOT / "clause_corpus" / "strength"
LEXICON = ROOT / "clause_corpus" / "lexicon"
# Phrases made only of these words carry no meaning of their own.
FUNCTION = frozenset("""a an the of to in on at by for or and as be is are was were been it its this that
these those such any all each shall will may must not no with from which who whom his her their
he she they we our or nor if than then so""".split())


def ngrams(lines, max_n: int = 4, min_count: int = 5) -> Counter:
    counts: Counter = Counter()
    for line in lines:
        words = line.split()
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if gram[0] in FUNCTION or gram[-1] in FUNCTION:
                    continue
                counts[" ".join(gram)] += 1
    return Counter({g: c for g, c in counts.items() if c >= min_count})


class Embedder:
    def __init__(self, vectors):
        self.vectors = vectors
        self._cache: dict[str, np.ndarray] = {}

    def words(self, words: list[str]) -> None:
        todo = [w for w in set(words) if w not in self._cache]
        if todo:
            rows = self.vectors.get_batch(todo)
            for w, row in zip(todo, np.asarray(rows)):
                self._cache[w] = row

    def phrases(self, phrases: list[str]) -> np.ndarray:
        self.words([w for p in phrases for w in p.split()])
        rows = np.stack([np.mean([self._cache[w] for w in p.split()], axis=0) for p in phrases])
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return rows / norms


def strength_seeds(path: Path) -> tuple[list[str], list]:
    """(phrases the category's patterns match in their own examples, the compiled patterns)."""
    from checker.corpus.patterns import compiled

    data = yaml.safe_load(path.read_text())
    seeds, patterns = [], []
    for entry in data.get("entries", []):
        pattern = entry.get("pattern")
        if not pattern:
            continue
        rx = compiled(pattern)
        patterns.append(rx)
        for example in entry.get("fires", []):
            m = rx.search(example.lower())
            if m and m.group(0).strip():
                seeds.append(" ".join(m.group(0).lower().split()))
    return sorted(set(seeds)), patterns


def concept_seeds() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(LEXICON.glob("*.yaml")):
        for name, c in (yaml.safe_load(path.read_text()).get("concepts") or {}).items():
            out[name] = [t.lower() for t in c.get("terms", [])]
    return out


def propose(emb: Embedder, seeds: list[str], candidates: list[str], counts: Counter, top: int):
    seeds = [s for s in seeds if s.split()]
    if not seeds or not candidates:
        return []
    sims = emb.phrases(candidates) @ emb.phrases(seeds).T
    best = sims.argmax(axis=1)
    score = sims[np.arange(len(candidates)), best]
    order = np.argsort(-score)[:top]
    return [(candidates[i], float(score[i]), seeds[int(best[i])], counts[candidates[i]]) for i in order]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="normalized corpus text (one paragraph a line)")
    ap.add_argument("--strength", default="all", help="comma-separated strength categories, 'all' or 'none'")
    ap.add_argument("--concept", default="", help="comma-separated lexicon concepts ('all' for every one)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--max-lines", type=int, default=0, help="read only this many corpus lines (0: all)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: propose_lexicon: {args.corpus}: no such corpus file; run tools/train_recall.py "
              "first or pass the normalized text with --corpus", file=sys.stderr)
        return 2
    from checker.engine.recall import load_vectors

    emb = Embedder(load_vectors())
    with args.corpus.open(encoding="utf-8") as fh:
        lines = [line for i, line in enumerate(fh) if not args.max_lines or i < args.max_lines]
    counts = ngrams(lines, min_count=args.min_count)
    grams = sorted(counts)
    print(f"# {len(lines)} corpus paragraphs, {len(grams)} phrases seen at least {args.min_count} times")

    names = sorted(p.stem for p in STRENGTH.glob("*.yaml"))
    wanted = names if args.strength == "all" else [] if args.strength == "none" else args.strength.split(",")
    for name in wanted:
        path = STRENGTH / f"{name}.yaml"
        if not path.is_file():
            print(f"error: propose_lexicon: no strength category {name!r} (have: {', '.join(names)})", file=sys.stderr)
            return 2
        seeds, patterns = strength_seeds(path)
        # what a pattern already matches, or a fragment of a seed, is not news
        fresh = [g for g in grams if not any(rx.search(g) for rx in patterns) and not any(g in x for x in seeds)]
        print(f"\n## strength/{name}: {len(seeds)} seed phrases")
        for phrase, sim, seed, n in propose(emb, seeds, fresh, counts, args.top):
            print(f"  {sim:.3f}  {phrase!r}  (near {seed!r}; {n}x)")

    concepts = concept_seeds()
    known = {t for terms in concepts.values() for t in terms}
    chosen = sorted(concepts) if args.concept == "all" else [c for c in args.concept.split(",") if c]
    for name in chosen:
        if name not in concepts:
            print(f"error: propose_lexicon: no lexicon concept {name!r}", file=sys.stderr)
            return 2
        fresh = [g for g in grams if g not in known and len(g.split()) <= 3 and not any(g in x for x in concepts[name])]
        print(f"\n## concept {name}: {len(concepts[name])} terms")
        for phrase, sim, seed, n in propose(emb, concepts[name], fresh, counts, args.top):
            print(f"  {sim:.3f}  {phrase!r}  (near {seed!r}; {n}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
