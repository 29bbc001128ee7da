"""Permissive wording where the model binds: "may", "will endeavor", "reasonable efforts"
(entries: clause_corpus/strength/modality.yaml)."""
from __future__ import annotations

from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.result import Deviation

_EXPECTED = {"obligation": "a binding duty (shall / must / will)",
             "prohibition": "a binding prohibition (shall not / may not / will not)"}


def find(ctx: Context) -> list[Deviation]:
    el = ctx.element
    return [Deviation("modality", el.index, f"'{f.found}' leaves the duty optional", f.found,
                      _EXPECTED[el.strength], f.rule)
            for f in language.permissive(ctx.text, el.allow, ctx.lexicon)]


CHECK = Check("modality", "modality", 3, "sentence", find,
              "permissive wording where the model binds (may, will endeavor, reasonable efforts)", carried=True,
              lexicon="modality")
