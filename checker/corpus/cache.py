"""The loaded clause corpus, kept between runs so that start-up does not parse and validate it again.

Reading, validating and compiling the corpus's YAML is most of what a short check costs (measured:
0.11 s of parsing and validation, then about as much again parsing the regular expressions for the
engine's literal prefilters). The first run with a given corpus stores the loaded `Corpus`, the
built-in strength lexicon, those prefilters, the lemma table (checker.nlp) and the opcodes of every regular expression the corpus
and the lexicon hold (checker.corpus.rxcode) in the user's cache directory; later runs read them
back in a few milliseconds and build each pattern from its opcodes instead of compiling it.

Safe against a changed or tampered corpus:
- the cache file's name is the SHA-256 of every file of the corpus folders (all of them, whatever
  the loader reads: new data files are covered without a change here), the catalog, the loader's
  and the literal prefilter's source, the tool's and Python's versions; any change means another
  file, compiled afresh;
- the file holds a SHA-256 of its own payload, checked before the payload is read;
- the payload is unpickled by a loader that accepts only the corpus's value classes and plain
  data (no other class or function can be named in it, so a crafted file cannot run code); the
  opcodes are plain data that `_sre` validates before use;
- any error on the way (missing, truncated, foreign, unreadable, unwritable) falls back to
  loading the corpus afresh, exactly as without a cache. A broken corpus is never cached: it
  fails to load as it always did, with every problem listed.

`CLAUSECHECK_CACHE_DIR` sets the folder; `CLAUSECHECK_NO_CACHE=1` turns the cache off.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path

from checker import nlp
from checker.corpus import rxcode
from checker.resources import builtin_corpus_dir

from checker import __version__

_MAGIC = b"clausecheck-corpus-cache 2\n"
BUILTIN_DIR = builtin_corpus_dir()  # = checker.corpus.load.BUILTIN_DIR, without importing the loader
_MODULES = ("checker.corpus.model", "checker.corpus.strength")
# Compiled patterns pickle as a call that compiles them again (here: builds them from the stored
# opcodes), and paths (where a strength entry was written, for path:line) as a path built from
# text: text in, a value out, no code.
_PATTERNS = {("re", "_compile"), ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "Path")}
_BUILTINS = {"frozenset", "set", "tuple", "list", "dict", "str", "int", "float", "bool", "complex", "bytes"}


def cache_dir() -> Path | None:
    """The per-user cache folder (XDG on Linux, ~/Library/Caches on macOS, LOCALAPPDATA on Windows)."""
    if os.environ.get("CLAUSECHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("CLAUSECHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "clausecheck" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "clausecheck"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "clausecheck"


def _tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def corpus_key(directory: Path | None) -> str:
    """SHA-256 of everything the loaded corpus depends on."""
    h = hashlib.sha256()
    # the folders' own paths too: the cached corpus and strength lexicon carry their files' paths,
    # so two installations of the same corpus (two venvs, two checkouts) keep separate caches
    h.update(f"{__version__}\0{sys.version}\0{sys.byteorder}\0{directory.resolve() if directory else ''}\0"
             f"{BUILTIN_DIR.resolve()}\0".encode())
    loader = Path(__file__).resolve().parent
    folders = [("code", loader), ("builtin", BUILTIN_DIR)] + ([("pack", directory)] if directory else [])
    for label, folder in folders:
        for f in (p for p in _tree_files(folder) if label != "code" or p.suffix == ".py"):
            h.update(f"{label}/{f.relative_to(folder).as_posix()}\0".encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    # the stored literal prefilters are computed by the engine's literals module
    h.update(hashlib.sha256((loader.parent / "engine" / "literals.py").read_bytes()).digest())
    # the stored lemma table is checker.nlp's reading of spacy-lookups-data's file
    h.update(hashlib.sha256((loader.parent / "nlp.py").read_bytes()).digest())
    h.update(nlp.lemma_file_hash().encode())
    return h.hexdigest()


class _CorpusUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) == ("re", "_compile"):
            return rxcode.compile
        if ((module in _MODULES and not name.startswith("_")) or (module == "builtins" and name in _BUILTINS)
                or (module, name) in _PATTERNS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a corpus")


def _own_file(path: Path) -> bool:
    """A regular file of this user's (another user's file in a shared folder is not trusted)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return path.is_file() and (not hasattr(os, "getuid") or st.st_uid == os.getuid())


def _read(path: Path, key: str):
    raw = path.read_bytes()
    head, _, rest = raw.partition(b"\n\n")
    lines = (head + b"\n").split(b"\n", 3)
    if raw[:len(_MAGIC)] != _MAGIC or len(lines) < 3 or lines[1].decode() != key:
        return None
    if hashlib.sha256(rest).hexdigest() != lines[2].decode():
        return None
    stream = io.BytesIO(rest)
    rxcode.install(_CorpusUnpickler(stream).load())  # the opcodes first: the payload's patterns use them
    return _CorpusUnpickler(stream).load()


def _write(path: Path, key: str, payload) -> None:
    keys = _pattern_keys(payload) | set(payload.get("module_patterns", ()))
    body = (pickle.dumps(rxcode.table(sorted(keys)), protocol=pickle.HIGHEST_PROTOCOL)
            + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    data = _MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n\n".encode() + body
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".corpus-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never half
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prefilters(corpus) -> dict:
    """The literal prefilter of every regular expression the engine may scan a document with."""
    from checker.engine.literals import required_literals

    sources = {p for c in corpus.concepts.values() for p in c.patterns}
    stack = list(corpus.protections)
    while stack:  # inline "re:" members, wherever the protections hold them
        x = stack.pop()
        if isinstance(x, str):
            if x.startswith("re:"):
                sources.add(x[3:])
        elif isinstance(x, (tuple, list, frozenset, set)):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif hasattr(x, "__dataclass_fields__"):
            stack.extend(getattr(x, f) for f in x.__dataclass_fields__)
    return {s: required_literals(s) for s in sorted(sources)}


def _pattern_keys(payload) -> set[tuple[str, int]]:
    """(pattern, flags) of every regular expression the payload holds or the engine compiles from
    it: compiled patterns, concept patterns and their alternations, inline "re:" members and
    parameter cues (as checker.corpus.patterns compiles them), strength entries (as `Entry.regex`)."""
    from checker.corpus.patterns import FLAGS, alternation
    from checker.corpus.strength import Entry

    keys = set()
    seen: set[int] = set()
    stack = [payload]
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, re.Pattern):
            keys.add((x.pattern, int(x.flags)))
        elif isinstance(x, str):
            if x.startswith("re:"):
                keys.add((x[3:], FLAGS))
        elif isinstance(x, (tuple, list, frozenset, set)):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif hasattr(x, "__dataclass_fields__"):
            if isinstance(x, Entry):
                keys.add((x.pattern, 0))
            for name in ("patterns", "cues"):
                for p in getattr(x, name, ()) or ():
                    if isinstance(p, str):
                        keys.add((p, FLAGS))
            if getattr(x, "patterns", None) and isinstance(x.patterns, tuple):
                keys.add((alternation(x.patterns), FLAGS))
            stack.extend(getattr(x, f) for f in x.__dataclass_fields__)
    return keys


def load_corpus(directory: Path | str | None = None):
    """`checker.corpus.load.load_corpus`, through the cache when one is usable."""
    from checker.corpus import strength
    from checker.corpus.model import Corpus

    def fresh(directory):
        from checker.corpus import load  # the YAML loader: only when compiling afresh

        return load.load_corpus(directory)

    folder = cache_dir()
    if folder is None or not (BUILTIN_DIR / "pack.yaml").is_file():  # no corpus installed: the loader says so
        return fresh(directory)
    directory = Path(directory) if directory is not None else None
    if directory is not None and not directory.is_dir():
        return fresh(directory)  # the loader's own error
    try:
        key = corpus_key(directory)
        path = folder / f"corpus-{key[:32]}.pickle"
        payload = _read(path, key) if _own_file(path) else None
        if isinstance(payload, dict) and isinstance(payload.get("literals"), dict):
            corpus = payload["corpus"]
            if isinstance(corpus, Corpus):
                # the engine's own module-level patterns, before the engine is imported (it compiles
                # them at import): found in re's cache, built from the stored opcodes
                rxcode.preload(payload.get("module_patterns", ()))
                from checker.engine import literals

                literals.remember(payload["literals"])
                strength.remember(payload.get("strength"))
                nlp.remember(payload.get("lemmas"))
                return corpus
    except Exception:  # noqa: BLE001 — any problem with the cache: compile afresh
        key = None
    corpus = fresh(directory)  # raises CorpusError for a broken corpus, never cached
    if key is not None:
        try:
            import checker.engine  # noqa: F401 — every engine module, for their patterns
            import checker.i18n, checker.screening, checker.structure  # noqa: F401, E401 — and a check's others

            _write(path, key, {"corpus": corpus, "literals": _prefilters(corpus), "strength": strength.builtin(),
                               "lemmas": nlp.lemma_table(), "module_patterns": sorted(rxcode.module_patterns())})
        except Exception:  # noqa: BLE001 — a read-only or full disk only costs the next start-up
            pass
    return corpus


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


_DERIVED_MAGIC = b"clausecheck-derived-cache 1\n"


def derived(name: str, source: bytes, build):
    """`build()` (plain data: dicts, lists, tuples, strings, numbers) for the file content `source`,
    kept in the cache folder between runs: a model shipped as JSON is decoded once, then read back
    several times faster. Keyed by the SHA-256 of `source`, the tool's and Python's versions; the
    file holds a SHA-256 of its payload and is unpickled by a loader that accepts no class or
    function at all. Any problem with the cache: `build()` as without one."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        h = hashlib.sha256(f"{name}\0{__version__}\0{sys.version}\0".encode())
        h.update(hashlib.sha256(source).digest())
        key = h.hexdigest()
        path = folder / f"{name}-{key[:32]}.pickle"
        if _own_file(path):
            raw = path.read_bytes()
            head, _, rest = raw.partition(b"\n\n")
            lines = (head + b"\n").split(b"\n", 3)
            if (raw[:len(_DERIVED_MAGIC)] == _DERIVED_MAGIC and len(lines) >= 3 and lines[1].decode() == key
                    and hashlib.sha256(rest).hexdigest() == lines[2].decode()):
                return _PlainUnpickler(io.BytesIO(rest)).load()
    except Exception:  # noqa: BLE001 — any problem with the cache: build afresh
        key = None
    value = build()
    if key is not None:
        try:
            body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            data = _DERIVED_MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n\n".encode() + body
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except Exception:  # noqa: BLE001 — a read-only or full disk only costs the next start-up
            pass
    return value
