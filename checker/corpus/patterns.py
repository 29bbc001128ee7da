"""One compiled-pattern cache shared by corpus validation and the engine: the corpus holds about
a thousand regular expressions, more than `re`'s own cache keeps, and compiling them twice was
most of start-up (measured 0.45 s of 0.6 s)."""
from __future__ import annotations

import re
from functools import cache

from checker.corpus import rxcode

FLAGS = int(re.MULTILINE)


@cache
def compiled(pattern: str) -> re.Pattern:
    """Corpus patterns run on one sentence at a time: "^" and "$" are its start and end. Built from
    the opcodes stored with the cached corpus when it holds them (checker.corpus.rxcode)."""
    return rxcode.compile(pattern, FLAGS)


def alternation(patterns: tuple[str, ...]) -> str:
    """The patterns of one concept as a single regex."""
    return "|".join(f"(?:{p})" for p in patterns)
