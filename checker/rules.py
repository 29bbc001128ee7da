"""The rule behind a deviation, by its id (`clausecheck explain RULE`): a strength-lexicon entry
(`hedge.as_soon_as_practicable`), a protection's own rule (`<protection>.e1.narrowing.2`,
`<protection>.e1.parameter.<name>`, `<protection>.e1.detect`) or a check (`override`)."""
from __future__ import annotations

import re

from checker.corpus.model import Corpus

_PROTECTION_RULE = re.compile(r"(?P<pid>[a-z][a-z0-9_]*)\.e(?P<index>\d+)\.(?P<part>detect|scope|narrowing|reversed|parameter)"
                              r"(?:\.(?P<n>[a-z0-9_]+))?")


def rule_text(corpus: Corpus, rule_id: str) -> str | None:
    """What the rule `rule_id` is, where it is written and what it is tested on; None when no rule
    has that id."""
    from checker.corpus.strength import builtin
    from checker.engine.checks import BY_ID

    entry = builtin().get(rule_id)
    if entry is not None:
        lines = [f"{entry.id}  ({entry.category}; {entry.location})", f"  why: {entry.why}",
                 f"  pattern: {entry.pattern}", "  fires on:"]
        lines += [f"    - {ex.text}" for ex in entry.fires]
        lines.append("  does not fire on:")
        lines += [f"    - {ex.text}" for ex in entry.quiet]
        return "\n".join(lines)
    check = BY_ID.get(rule_id)
    if check is not None:
        kind = check.kind or "the kind of what it finds"
        return f"{check.id}  (check; kind {kind}; weight {check.weight}; {check.stage} stage)\n  {check.summary}"
    m = _PROTECTION_RULE.fullmatch(rule_id)
    if m is None:
        return None
    protection = corpus.get(m.group("pid"))
    index = int(m.group("index"))
    if protection is None or not 1 <= index <= len(protection.elements):
        return None
    el = protection.elements[index - 1]
    part, n = m.group("part"), m.group("n")
    head = f"{rule_id}  (protection {protection.id}, element {index}; {protection.source})"
    if part == "detect":
        return f"{head}\n  the element is found where one of its detectors matches: {el.description}"
    if part == "parameter":
        p = next((p for p in el.parameters if p.name == n), None)
        return None if p is None else (f"{head}\n  parameter {p.name}: the model sets {p.model:g} {p.unit} "
                                       f"({p.better} is better; {'required' if p.required else 'optional'})")
    rules = {"scope": el.scope, "narrowing": el.narrowing, "reversed": el.reversed}[part]
    if n is None or not n.isdigit() or not 1 <= int(n) <= len(rules):
        return None
    r = rules[int(n) - 1]
    return f"{head}\n  {part} rule {n}: {r.explain}"
