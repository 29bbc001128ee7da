"""The engine's module-level regular expressions, built from the corpus cache's stored opcodes
instead of compiled at every start-up: the same patterns, matching the same text."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from checker.corpus import rxcode

ROOT = Path(__file__).resolve().parents[1]

_PROBE = r"""
import re, sys
from re import _compiler
compiled = []
_orig = _compiler.compile
_compiler.compile = lambda p, flags=0: (compiled.append(p), _orig(p, flags))[1]
from checker.corpus.cache import load_corpus
load_corpus()
import checker.engine.enforceability as E
print(E._VERB.pattern in compiled, bool(E._VERB.search("the agreement shall expire")))
"""


def _run(cache: Path) -> str:
    env = dict(os.environ, CLAUSECHECK_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    env.pop("CLAUSECHECK_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def test_a_warm_cache_builds_the_engine_patterns_without_compiling_them(tmp_path):
    cache = tmp_path / "cache"
    assert _run(cache) == ["True", "True"]  # the first start-up compiles them and stores their opcodes
    assert _run(cache) == ["False", "True"]  # later ones find them built


def test_module_patterns_are_recorded_with_the_flags_they_are_compiled_with():
    import checker.engine.enforceability as E
    import checker.engine.segment as S

    keys = rxcode.module_patterns()
    assert (E._VERB.pattern, 0) in keys
    assert (S._ITEM_START.pattern, int(re.I)) in keys


def test_preloaded_patterns_are_what_re_compile_returns(monkeypatch):
    pattern, flags = r"\bpreload(?:ed)? probe (\d+)\b", int(re.I)
    monkeypatch.setattr(rxcode, "_TABLE", {})
    rxcode.install(rxcode.table([(pattern, flags)]))
    re.purge()
    rxcode.preload([(pattern, flags), ("not stored", 0), "not a key"])
    got = re.compile(pattern, re.I)
    fresh = re._compiler.compile(pattern, flags)
    assert (got.pattern, got.flags, got.groups) == (fresh.pattern, fresh.flags, fresh.groups)
    assert got.search("a PRELOADED probe 42.").group(1) == "42"
    re.purge()
