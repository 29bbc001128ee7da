"""The trained protection router (models/router): a spaCy text classifier scoring how likely a
sentence is to state each protection. Optional: the engine uses it only when asked
(`check --router`), because on the development set it does not improve the rules
(models/README.md has the measurements)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.resources import models_dir

MODEL_DIR = models_dir() / "router"
# Below this score a candidate sentence is not taken as evidence for a protection. Chosen so that
# 86% of gold evidence sentences of the written development documents score above it.
VETO_BELOW = 0.05


@lru_cache(maxsize=2)
def load_router(path: str = str(MODEL_DIR)):
    import spacy

    from checker.errors import ConfigError

    if not Path(path, "config.cfg").is_file():
        raise ConfigError(f"no trained router at {path}", hint="run `make model` to train it")
    return spacy.load(path)


class Router:
    def __init__(self, path: Path = MODEL_DIR):
        self.nlp = load_router(str(path))
        self._cache: dict[int, dict[str, float]] = {}

    def scores(self, unit: int, text: str) -> dict[str, float]:
        hit = self._cache.get(unit)
        if hit is None:
            hit = self._cache[unit] = dict(self.nlp(text.lower()).cats)
        return hit
