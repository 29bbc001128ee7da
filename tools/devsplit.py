"""The development protocol: which folders of tests/devset are for tuning and which are frozen.

`tests/devset/PROTOCOL.toml` names the frozen blind folders. A blind folder was written by
someone who never saw the engine or the corpus, scored once on the day it was added (its
`first_score` is kept in the file), and is never tuned or calibrated on afterwards: the tools
that tune (`tools/calibrate.py`) skip it, and the README's accuracy table reports it apart.
Every other folder is a tuning folder.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset"
PROTOCOL = DEVSET / "PROTOCOL.toml"


def protocol() -> dict:
    return tomllib.loads(PROTOCOL.read_text(encoding="utf-8")) if PROTOCOL.exists() else {}


def blind_folders() -> list[Path]:
    """The frozen folders, in the order the protocol lists them."""
    return [DEVSET / name for name in protocol().get("blind", {})]


def tuning_folders() -> list[Path]:
    blind = {p.name for p in blind_folders()}
    return sorted(p for p in DEVSET.iterdir() if p.is_dir() and p.name not in blind)


def first_scores() -> dict[str, dict]:
    return {name: entry.get("first_score", {}) for name, entry in protocol().get("blind", {}).items()}


def link_cases(folders: list[Path], dest: Path) -> Path:
    """A case tree under `dest` holding `folders` side by side, for one pooled score: real
    directories with a link per file (the scorer's rglob does not descend into linked directories
    on Python < 3.13)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                target = dest / folder.name / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(path.resolve())
    return dest
