"""Compiled regular expressions kept with the cached corpus, so that start-up does not compile them.

Python compiles a regular expression in two pure-Python steps (parse, then code generation) and
hands the resulting list of opcodes to the `_sre` extension. The corpus holds about a thousand
patterns and the strength lexicon a few hundred more; compiling them was a third of a short
document's check (0.1-0.3 s) although they are the same every run. The corpus cache
(checker.corpus.cache) therefore stores, next to the corpus, each pattern's opcodes as Python
computed them (`table`), and a later run builds the pattern object from them directly (`install`,
`compile`): the same object `re.compile` returns, at a small fraction of the cost.

Safe by construction: the opcodes are Python's own output for that pattern and flags, the cache
file is keyed by the Python version (which fixes the opcode format) and checked by its SHA-256,
and `_sre` validates any code it is given (a corrupt list raises, it cannot crash); any failure
compiles the pattern the ordinary way. Patterns without an entry compile the ordinary way too.
"""
from __future__ import annotations

import re
from array import array

try:  # CPython's internals; elsewhere every pattern compiles the ordinary way
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_TABLE: dict[tuple[str, int], tuple] = {}


def _opcodes(pattern: str, flags: int) -> tuple | None:
    """What `re._compiler.compile(pattern, flags)` hands to `_sre.compile`, after `pattern`."""
    if _sre is None:
        return None
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    indexgroup = [None] * p.state.groups
    for name, i in p.state.groupdict.items():
        indexgroup[i] = name
    # plain ints: the opcodes are named int constants that refuse to pickle; packed as 32-bit words
    # (`_sre`'s own code size), which read back and take memory several times less than a list
    ints = [int(c) for c in code]
    try:
        packed = array("I", ints).tobytes() if array("I").itemsize == 4 else ints
    except OverflowError:
        packed = ints
    return (int(flags | p.state.flags), packed, int(p.state.groups - 1),
            dict(p.state.groupdict), tuple(indexgroup))


def _unpacked(entry: tuple) -> tuple:
    code = entry[1]
    if isinstance(code, bytes):
        code = array("I", code).tolist()
    return (entry[0], code, *entry[2:])


def table(keys) -> dict[tuple[str, int], tuple]:
    """The opcodes of every (pattern, flags) in `keys` that compiles (to store with the corpus)."""
    out = {}
    for pattern, flags in keys:
        try:
            code = _opcodes(pattern, int(flags))
        except (re.error, RecursionError, OverflowError, TypeError):
            continue
        if code is not None:
            out[(pattern, int(flags))] = code
    return out


def install(codes) -> None:
    """Make the stored opcodes available to `compile` (a table read from the cache)."""
    if isinstance(codes, dict):
        _TABLE.update(codes)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 — re.compile's counterpart
    """`re.compile(pattern, flags)`, from stored opcodes when there are some."""
    entry = _TABLE.get((pattern, int(flags)))
    if entry is not None and _sre is not None:
        try:
            return _sre.compile(pattern, *_unpacked(entry))
        except Exception:  # noqa: BLE001 — a foreign or corrupt entry: compile it afresh
            pass
    return re.compile(pattern, flags)


def module_patterns(prefix: str = "checker.") -> set[tuple[str, int]]:
    """(pattern, flags as passed to `re.compile`) of the regular expressions the loaded modules
    under `prefix` compiled at import (module globals, and those in their tuples, lists and dicts)."""
    import sys

    keys = set()
    for name, mod in list(sys.modules.items()):
        if not name.startswith(prefix) or mod is None:
            continue
        for v in list(vars(mod).values()):
            items = v if isinstance(v, (tuple, list)) else v.values() if isinstance(v, dict) else (v,)
            for x in list(items):
                for y in (x if isinstance(x, tuple) else (x,)):
                    if isinstance(y, re.Pattern) and isinstance(y.pattern, str):
                        keys.add((y.pattern, int(y.flags) & ~int(re.UNICODE)))
    return keys


def preload(keys) -> None:
    """Put the patterns of `keys` that have stored opcodes in `re`'s own cache of compiled patterns,
    before the modules that compile them at import are imported: their `re.compile` then finds
    them there instead of compiling (a key that differs from the module's call is simply not hit)."""
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict):
        return
    for key in keys:
        try:
            pattern, flags = key
            entry = _TABLE.get((pattern, int(flags)))
            if entry is not None and (str, pattern, int(flags)) not in cache:
                cache[str, pattern, int(flags)] = _sre.compile(pattern, *_unpacked(entry))
        except Exception:  # noqa: BLE001 — a foreign or corrupt entry: the module compiles it itself
            continue
