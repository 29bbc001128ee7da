"""Coverage narrower than the model: eligibility conditions (clause_corpus/strength/eligibility.yaml),
narrowing definitions (definition_narrowing.yaml), and each element's own `narrowing` and `scope`
requirements in its protection file."""
from __future__ import annotations

from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.result import Deviation


def find(ctx: Context) -> list[Deviation]:
    el, a, unit, text = ctx.element, ctx.analysis, ctx.unit, ctx.text
    devs = [Deviation("scope", el.index, f"'{f.found}' leaves part of the bargaining unit out", f.found,
                      "every bargaining-unit worker", f.rule)
            for f in language.eligibility(text, ctx.lexicon)]
    defined_by = ctx.defined_by
    for n in el.narrowing:
        where = frozenset({unit}) | ctx.passage if n.within == "provision" else frozenset({unit})
        found_in = a.matcher.detector(n.detect, where)
        # the sentence's defined terms can undo only a narrowing read in the sentence itself, not one
        # another sentence of the provision states ("except that a nurse who resigns shall repay the fees")
        if found_in and (found_in - {unit} or not _defined_broadly(n, a, text, defined_by)):
            devs.append(Deviation("scope", el.index, n.explain, n.found, rule=n.rule))
    covered = ctx.passage | {unit} | defined_by
    for s in el.scope:
        if not a.matcher.groups_in(s.requires, covered):
            devs.append(Deviation(s.kind, el.index, s.explain, None, s.expected, s.rule))
    for d in a.definitions:
        if d.unit != unit and d.pattern.search(a.units[unit].text):
            devs.append(Deviation("scope", el.index, f"the definition of \"{d.term}\" narrows it ('{d.narrowing}')",
                                  d.narrowing, f"\"{d.term}\" covering everyone the model covers", d.rule))
    return devs


def _defined_broadly(n, a, text: str, defined_by: frozenset[int]) -> bool:
    """A narrowing read in the sentence alone ("ICE only") that the sentence's defined terms undo
    ('"ICE" means ICE, CBP, every other part of DHS and any local officer ...')."""
    if not defined_by:
        return False
    expanded = " ".join([text, *(a.surfaces[i] for i in sorted(defined_by))])
    return not a.matcher.detector_in_text(n.detect, expanded)


CHECK = Check("scope", "scope", 2, "sentence", find,
              "fewer people, agencies or situations than the model (eligibility conditions, narrowing "
              "definitions, the element's own narrowing and scope rules)")
