"""Lexicon hygiene: concepts that overlap heavily, and concepts no detector uses.

    python tools/lexicon_overlap.py [CORPUS_DIR] [--threshold 0.5] [--uses]

A concept's "term set" is its terms (lower-cased) plus its patterns (as written, prefixed "re:").
Two concepts are reported when the Jaccard index of their term sets is at least the threshold, or
when one set is a (non-empty, proper or equal) subset of the other; `--containment X` also
reports pairs that share at least X of the smaller set. A concept is "unused" when no
protection's anchor, element detect/context, scope requires, narrowing or reversed detector names
it. `--uses` also prints, for every concept, where it is used (protection:element:slot).

Overlap in words is a hint, not a verdict: two concepts with the same words may still be used
in different roles (an anchor vs a generic verb), and merging a narrow concept into a broad one
makes every detector that used the narrow one fire more often. Check the devset scores after
every merge.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.corpus.load import load_corpus  # noqa: E402


def term_set(concept) -> frozenset[str]:
    return frozenset([t.lower() for t in concept.terms] + [f"re:{p}" for p in concept.patterns])


def _detector_members(detector):
    for group in detector:
        for member in group:
            if not member.startswith("re:"):
                yield member


def concept_uses(corpus) -> dict[str, list[str]]:
    """concept name -> ["protection:slot", ...] for every detector that names it."""
    uses: dict[str, list[str]] = defaultdict(list)

    def add(detector, where):
        for name in _detector_members(detector):
            uses[name].append(where)

    for p in corpus.protections:
        add(p.anchor, f"{p.id}:anchor")
        for e in p.elements:
            tag = f"{p.id}:e{e.index}"
            for d in e.detect:
                add(d, f"{tag}:detect")
            add(e.context, f"{tag}:context")
            for s in e.scope:
                add(s.requires, f"{tag}:scope")
            for n in e.narrowing:
                add(n.detect, f"{tag}:narrowing")
            for r in e.reversed:
                add(r.detect, f"{tag}:reversed")
    return uses


def overlaps(corpus, threshold: float, containment: float | None = None):
    sets = {name: term_set(c) for name, c in corpus.concepts.items()}
    out = []
    for a, b in combinations(sorted(sets), 2):
        sa, sb = sets[a], sets[b]
        if not sa or not sb:
            continue
        inter = len(sa & sb)
        if not inter:
            continue
        jac = inter / len(sa | sb)
        subset = sa <= sb or sb <= sa
        contained = inter / min(len(sa), len(sb))
        if jac >= threshold or subset or (containment is not None and contained >= containment):
            rel = "=" if sa == sb else ("⊂" if sa < sb else ("⊃" if sb < sa else "~"))
            out.append((jac, a, rel, b, inter, len(sa), len(sb)))
    return sorted(out, reverse=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=None, help="pack folder (default: the built-in pack)")
    ap.add_argument("--threshold", type=float, default=0.5, help="Jaccard threshold (default 0.5)")
    ap.add_argument("--containment", type=float, default=None,
                    help="also report pairs sharing at least this share of the smaller set (e.g. 0.5)")
    ap.add_argument("--uses", action="store_true", help="also list where every concept is used")
    args = ap.parse_args(argv)

    corpus = load_corpus(args.corpus)
    uses = concept_uses(corpus)
    pairs = overlaps(corpus, args.threshold, args.containment)
    unused = sorted(n for n in corpus.concepts if n not in uses)

    print(f"{len(corpus.concepts)} concepts, {len(pairs)} overlapping pairs, {len(unused)} unused")
    print("\n# overlapping pairs (jaccard, a rel b, shared, |a|, |b|)")
    for jac, a, rel, b, inter, na, nb in pairs:
        print(f"{jac:.2f}  {a} {rel} {b}  shared={inter} |a|={na} |b|={nb}")
    print("\n# unused concepts")
    for name in unused:
        print(name)
    if args.uses:
        print("\n# uses")
        for name in sorted(corpus.concepts):
            where = uses.get(name, [])
            print(f"{name} ({len(where)}): {', '.join(sorted(set(where)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
