"""A clause at full strength that cannot be enforced as written: its provision is declared a
statement of intent, advisory, non-binding, or outside the grievance procedure (entries:
clause_corpus/strength/non_binding.yaml). Further ways (expiry before the agreement, suspension
by the employer alone) are further entries or mechanisms under this kind."""
from __future__ import annotations

from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.result import Deviation


def _non_binding_units(a) -> dict[int, list]:
    """Units declaring something non-binding, found once per document."""
    found = a.__dict__.get("_non_binding_units")
    if found is None:
        found = {}
        for i, text in enumerate(a.surfaces):
            hits = language.non_binding(text, a.strength)
            if hits:
                found[i] = hits
        a.__dict__["_non_binding_units"] = found
    return found


def find(ctx: Context) -> list[Deviation]:
    units = _non_binding_units(ctx.analysis)
    if not units:
        return []
    out = []
    for i in sorted(({ctx.unit} | ctx.passage) & units.keys()):
        if i != ctx.unit:
            ctx.cite.append(i)  # the evidence cites the protection and the provision that defeats it
        for f in units[i]:
            out.append(Deviation("enforceability", ctx.element.index,
                                 f"'{f.found}': the provision cannot be enforced as written", f.found,
                                 "a binding provision, enforceable through the grievance procedure", f.rule))
    return out


CHECK = Check("enforceability", "enforceability", 3, "sentence", find,
              "reads at full strength but cannot be enforced as written (a statement of intent, advisory, "
              "kept out of the grievance procedure)", lexicon="non_binding")
