"""Grants of employer discretion: "as it deems necessary", "sole discretion", "to the extent
permitted by law" (entries: clause_corpus/strength/discretion.yaml)."""
from __future__ import annotations

from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.result import Deviation


def find(ctx: Context) -> list[Deviation]:
    el = ctx.element
    return [Deviation("discretion", el.index, f"'{f.found}' leaves the duty to the employer's judgement", f.found,
                      "no employer discretion (a narrow 'except as required by law' is fine)", f.rule)
            for f in language.discretion(ctx.text, el.allow, ctx.lexicon)]


CHECK = Check("discretion", "discretion", 3, "sentence", find,
              "the duty left to the employer's judgement (as it deems necessary, sole discretion, "
              "to the extent permitted by law)", carried=True, lexicon="discretion")
