"""Run every corpus example through the engine: `python -m checker.corpus.examples [ID ...]`.

Each example is checked as a document of its own; the protection it belongs to must come out
with the example's status and, for weakened examples, with every deviation kind it lists."""
from __future__ import annotations

import sys
from dataclasses import dataclass

from checker.corpus.model import Corpus, Example, Protection


@dataclass
class ExampleResult:
    protection: str
    example: Example
    status: str
    kinds: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.status == self.example.status and set(self.example.deviations) <= set(self.kinds)


def run_example(protection: Protection, example: Example, corpus: Corpus) -> ExampleResult:
    from checker.api import check_document, document_from_text

    report = check_document(document_from_text(example.text), corpus)
    finding = next(f for f in report.findings if f.protection == protection.id)
    return ExampleResult(protection.id, example, finding.status, tuple(sorted({d.kind for d in finding.deviations})))


def run_examples(corpus: Corpus, ids: list[str] | None = None) -> list[ExampleResult]:
    out = []
    for p in corpus.protections:
        if ids and p.id not in ids:
            continue
        out.extend(run_example(p, ex, corpus) for ex in p.examples)
    return out


def main(argv: list[str]) -> int:
    from checker.corpus import load_corpus

    results = run_examples(load_corpus(), argv or None)
    bad = [r for r in results if not r.ok]
    for r in bad:
        text = " ".join(r.example.text.split())
        print(f"FAIL {r.protection} (line {r.example.line}): expected {r.example.status} "
              f"{list(r.example.deviations)}, got {r.status} {list(r.kinds)}\n     {text[:200]}")
    print(f"{len(results) - len(bad)}/{len(results)} examples pass")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
