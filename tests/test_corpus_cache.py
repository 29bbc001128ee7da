"""The compiled-corpus cache: reused when nothing changed, never trusted when anything did."""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from checker.corpus import cache
from checker.corpus.load import load_corpus as load_fresh
from checker.errors import CorpusError
from corpus_pack import write_pack
from test_corpus_schema import GOOD


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLAUSECHECK_NO_CACHE", raising=False)
    return folder


def pack(tmp_path: Path, protection: str = GOOD) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    return write_pack(folder, {"custom_protection": protection})


def only_file(folder: Path) -> Path:
    files = list(folder.glob("corpus-*.pickle"))
    assert len(files) == 1, files
    return files[0]


@pytest.mark.parametrize("custom", [False, True])
def test_corpus_cache_second_load_equals_a_fresh_load(tmp_path, cache_dir, custom):
    directory = pack(tmp_path) if custom else None
    first = cache.load_corpus(directory)
    stored = only_file(cache_dir)
    again = cache.load_corpus(directory)
    assert again == first == load_fresh(directory)
    assert only_file(cache_dir) == stored  # read back, not rebuilt under another name


@pytest.mark.parametrize("custom", [False, True])
def test_corpus_cache_second_load_compiles_nothing(tmp_path, cache_dir, custom, monkeypatch):
    """The stored corpus (its strength lexicon and compiled patterns included) is what the second
    start-up uses: the YAML loader is not called again."""
    from checker.corpus import load

    directory = pack(tmp_path) if custom else None
    first = cache.load_corpus(directory)
    assert first.strength is not None and first.strength.entries

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled afresh although the cache holds this corpus")

    monkeypatch.setattr(load, "load_corpus", no_compile)
    again = cache.load_corpus(directory)
    assert again == first
    assert again.strength.alternation("hedge").pattern == first.strength.alternation("hedge").pattern


@pytest.mark.parametrize("edit", ["protection", "new data file"])
def test_corpus_cache_changed_corpus_is_compiled_afresh(tmp_path, cache_dir, edit):
    directory = pack(tmp_path)
    before = cache.load_corpus(directory)
    if edit == "protection":
        (directory / "custom_protection.yaml").write_text(GOOD.replace("title: A custom protection",
                                                                       "title: A renamed protection"))
    else:  # files the loader may read in future (any file of the pack counts)
        (directory / "notes").mkdir()
        (directory / "notes" / "phrases.yaml").write_text("phrases: [shall]\n")
    after = cache.load_corpus(directory)
    assert after == load_fresh(directory)
    if edit == "protection":
        assert after.protections[0].title == "A renamed protection" != before.protections[0].title
    assert len(list(cache_dir.glob("corpus-*.pickle"))) == 2


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "empty", "foreign key"])
def test_corpus_cache_damaged_file_falls_back_to_a_fresh_load(tmp_path, cache_dir, damage):
    directory = pack(tmp_path)
    expected = cache.load_corpus(directory)
    f = only_file(cache_dir)
    raw = bytearray(f.read_bytes())
    if damage == "flipped byte":
        raw[-100] ^= 0xFF
    elif damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "empty":
        raw = bytearray()
    else:
        raw = raw.replace(cache.corpus_key(directory).encode(), b"0" * 64)
    f.write_bytes(bytes(raw))
    assert cache.load_corpus(directory) == expected
    assert cache.load_corpus(directory) == expected  # and the file was rewritten whole


class _Boom:
    """Unpickling this would call os.system: a crafted cache file must never get that far."""

    def __reduce__(self):
        import os

        return (os.system, ("touch pwned",))


def test_corpus_cache_refuses_to_unpickle_anything_but_corpus_data(tmp_path, cache_dir, monkeypatch):
    directory = pack(tmp_path)
    expected = cache.load_corpus(directory)
    f = only_file(cache_dir)
    key = cache.corpus_key(directory)
    body = pickle.dumps({"corpus": _Boom(), "literals": {}})
    f.write_bytes(cache._MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n\n".encode() + body)
    monkeypatch.chdir(tmp_path)
    assert cache.load_corpus(directory) == expected
    assert not (tmp_path / "pwned").exists()


def test_corpus_cache_broken_corpus_still_reports_its_problems(tmp_path, cache_dir):
    directory = pack(tmp_path, GOOD.replace("severity: high", "severity: high\ncolour: red"))
    with pytest.raises(CorpusError) as exc:
        cache.load_corpus(directory)
    assert any("unknown key 'colour'" in p for p in exc.value.problems)
    assert not list(cache_dir.glob("corpus-*.pickle"))


def test_corpus_cache_can_be_turned_off(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setenv("CLAUSECHECK_NO_CACHE", "1")
    assert cache.load_corpus(pack(tmp_path)) == load_fresh(pack(tmp_path))
    assert not cache_dir.exists()


def test_corpus_cache_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("CLAUSECHECK_NO_CACHE", raising=False)
    assert cache.load_corpus(pack(tmp_path)) == load_fresh(pack(tmp_path))


@pytest.mark.parametrize(("env", "expected"), [
    ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/clausecheck")),
    ({"XDG_CACHE_HOME": "relative/ignored"}, Path.home() / ".cache" / "clausecheck"),
    ({}, Path.home() / ".cache" / "clausecheck"),
])
def test_corpus_cache_folder_follows_xdg_on_linux(monkeypatch, env, expected):
    monkeypatch.setattr(cache.sys, "platform", "linux")
    for name in ("CLAUSECHECK_CACHE_DIR", "CLAUSECHECK_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache.cache_dir() == expected


def test_corpus_cache_two_installations_of_the_same_corpus_keep_separate_caches(tmp_path, monkeypatch):
    """The cached corpus and strength lexicon carry their files' paths: a second installation of
    the same corpus (another venv or checkout, sharing the user's cache folder) must not be handed
    the first one's paths."""
    import shutil

    here = cache.corpus_key(None)
    copy = tmp_path / "site-packages" / "checker" / "clause_corpus"
    shutil.copytree(cache.BUILTIN_DIR, copy)
    monkeypatch.setattr(cache, "BUILTIN_DIR", copy)
    assert cache.corpus_key(None) != here
