"""Values derived from a shipped file (the defeater model's weights) kept in the user's cache:
read back when the file is unchanged, built afresh when it changed or the cache file is not sound."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest

from checker.corpus import cache
from checker.engine import defeater_model as dm


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLAUSECHECK_NO_CACHE", raising=False)
    return folder


class Builds:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_second_read_comes_from_the_cache(cache_dir):
    build = Builds({"weights": {"a b": (1.5, -2.0)}, "labels": ["none", "x"]})
    assert cache.derived("model", b"source", build) == build.value
    assert cache.derived("model", b"source", build) == build.value
    assert build.calls == 1
    assert len(list(cache_dir.glob("model-*.pickle"))) == 1


def test_a_changed_source_is_built_again(cache_dir):
    old, new = Builds({"w": 1}), Builds({"w": 2})
    cache.derived("model", b"version 1", old)
    assert cache.derived("model", b"version 2", new) == {"w": 2}
    assert new.calls == 1


def test_a_tampered_cache_file_is_not_trusted(cache_dir):
    build = Builds({"w": (1.0, 2.0)})
    cache.derived("model", b"source", build)
    path = next(cache_dir.glob("model-*.pickle"))
    raw = path.read_bytes()
    path.write_bytes(raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:])  # one bit of the payload
    assert cache.derived("model", b"source", build) == {"w": (1.0, 2.0)}
    assert build.calls == 2


def test_a_cache_file_naming_code_never_runs_it(cache_dir, tmp_path):
    build = Builds({"w": 1})
    cache.derived("model", b"source", build)
    path = next(cache_dir.glob("model-*.pickle"))
    head, _, _ = path.read_bytes().partition(b"\n\n")
    key = head.split(b"\n")[1].decode()
    marker = tmp_path / "ran"
    body = pickle.dumps(_Touch(str(marker)), protocol=5)  # unpickling would create `marker`
    path.write_bytes(cache._DERIVED_MAGIC + f"{key}\n{hashlib.sha256(body).hexdigest()}\n\n".encode() + body)
    assert cache.derived("model", b"source", build) == {"w": 1}
    assert not marker.exists()
    assert build.calls == 2


class _Touch:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_no_cache_builds_every_time(cache_dir, monkeypatch):
    monkeypatch.setenv("CLAUSECHECK_NO_CACHE", "1")
    build = Builds({"w": 1})
    cache.derived("model", b"source", build)
    cache.derived("model", b"source", build)
    assert build.calls == 2
    assert not cache_dir.exists()


def test_the_defeater_model_read_from_the_cache_is_the_shipped_model(cache_dir):
    shipped = json.loads(dm.MODEL.read_text())
    for _ in range(2):  # built and stored, then read back
        dm._load.cache_clear()
        try:
            m = dm.model()
        finally:
            dm._load.cache_clear()
        assert m["labels"] == shipped["labels"] and m["bias"] == shipped["bias"]
        assert m["thresholds"] == shipped["thresholds"]
        assert m["weights"] == {f: tuple(w) for f, w in shipped["weights"].items()}
    assert len(list(cache_dir.glob("defeaters-*.pickle"))) == 1


def test_a_document_no_guard_accepts_never_loads_the_model(monkeypatch):
    from checker.api import check_text

    dm._load.cache_clear()
    monkeypatch.setattr(dm, "MODEL", Path("/nonexistent/model.json"))  # loading it would record the miss
    calls = []
    monkeypatch.setattr(dm, "_load", lambda: calls.append(1))
    check_text("The Employer shall not ask any employee about immigration status.")
    assert calls == []
    # a sentence some guard accepts is read by the model
    check_text("The Employer shall not ask any employee about immigration status. Claims under this "
               "Section shall not be subject to the grievance and arbitration procedure of Article 9.")
    assert calls
