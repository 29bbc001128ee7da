"""Hedges that let a duty give way: "where practicable", "as soon as practicable"
(entries: clause_corpus/strength/hedge.yaml)."""
from __future__ import annotations

from checker.engine import language
from checker.engine.checks.base import Check, Context
from checker.result import Deviation


def find(ctx: Context) -> list[Deviation]:
    el = ctx.element
    return [Deviation("hedge", el.index, f"'{f.found}' lets the duty give way", f.found, "an unconditional duty", f.rule)
            for f in language.hedges(ctx.text, el.allow, ctx.lexicon)]


CHECK = Check("hedge", "hedge", 2, "sentence", find,
              "conditions that let the duty give way (where practicable, as soon as possible, normally)", carried=True,
              lexicon="hedge")
