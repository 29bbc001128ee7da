"""The strength checks, one module each, registered in one table.

A check declares the deviation kind it defines, its weight (how much one such deviation counts
against a candidate sentence), the stage it runs at, and its `find`. The kinds the report may
carry, their weights, the report schema's enum and the docs are all read from REGISTRY. Adding a
kind of deviation is a module here plus its line below (clause_corpus/README.md shows one)."""
from __future__ import annotations

from checker.engine.checks import (
    cross_article, defeated_elsewhere, discretion, enforceability, hedge, missing_element, modality, override,
    parameter, reversed, scope,
)
from checker.engine.checks.base import STAGES, Check, Context

# Sentence-stage checks run in this order; their deviations are reported in it.
REGISTRY: tuple[Check, ...] = (
    modality.CHECK,
    hedge.CHECK,
    discretion.CHECK,
    scope.CHECK,
    parameter.CHECK,
    enforceability.CHECK,
    reversed.CHECK,
    missing_element.CHECK,
    override.CHECK,
    defeated_elsewhere.CHECK,
    cross_article.CHECK,
)

BY_ID: dict[str, Check] = {c.id: c for c in REGISTRY}
KINDS: tuple[str, ...] = tuple(c.kind for c in REGISTRY if c.kind)
WEIGHTS: dict[str, int] = {c.kind: c.weight for c in REGISTRY if c.kind}
CARRIED: tuple[str, ...] = tuple(c.kind for c in REGISTRY if c.carried and c.kind)
SENTENCE: tuple[Check, ...] = tuple(c for c in REGISTRY if c.stage == "sentence")
DOCUMENT: tuple[Check, ...] = tuple(c for c in REGISTRY if c.stage == "document")

assert len(BY_ID) == len(REGISTRY) and len(set(KINDS)) == len(KINDS), "check ids and kinds are unique"
assert all(c.stage in STAGES for c in REGISTRY)


def markdown_table() -> str:
    """The registry as the Markdown table clause_corpus/README.md shows (a test keeps them equal)."""
    rows = ["| check | kind | weight | stage | what it finds |", "|---|---|---|---|---|"]
    for c in REGISTRY:
        rows.append(f"| `{c.id}` | {f'`{c.kind}`' if c.kind else '(as found)'} | {c.weight if c.kind else '–'} "
                    f"| {c.stage} | {c.summary} |")
    return "\n".join(rows)


__all__ = ["BY_ID", "CARRIED", "DOCUMENT", "KINDS", "REGISTRY", "SENTENCE", "WEIGHTS", "Check", "Context", "markdown_table"]
