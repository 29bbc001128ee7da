"""The shipped router loads from disk without network and scores sentences for protections."""
from __future__ import annotations

import json

from checker.engine.router import MODEL_DIR, Router


def test_router_loads_offline_and_ranks_the_right_protection(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    router = Router()
    scores = router.scores(0, "The Employer shall grant leave to attend an immigration hearing of the "
                              "employee or a family member without loss of seniority.")
    assert max(scores, key=scores.get) == "immigration_proceedings_leave"


def test_router_records_its_training_data_and_metrics():
    meta = json.loads((MODEL_DIR / "training.json").read_text())
    assert len(meta["training_data_sha256"]) == 64
    assert meta["seed"] == 0 and meta["training_examples"] > 1000
    assert 0 < meta["f1@0.5"] <= 1
