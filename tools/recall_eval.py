"""Measure the recall layer: each development folder scored without it and with it at one or
more similarity thresholds, with the shared scorer's own code (as tools/devscore.py does).

    python tools/recall_eval.py [--similar 0.85 ...] [FOLDER ...]

Default folders: every folder of tests/devset. Prints one row per folder and setting: macro-F1,
false assurance, accuracy, evidence hits and the number of verdicts that changed. Frozen blind
folders (tests/devset/PROTOCOL.toml) may be scored here; never tune on them.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))


def run(folder: Path, recall: bool) -> dict:
    import devscore

    devscore.RECALL = recall
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        with contextlib.redirect_stdout(io.StringIO()):
            devscore.score([str(folder), "--json", str(out)])
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--similar", type=float, nargs="+", default=None)
    args = ap.parse_args(argv)
    from checker.engine import recall as recall_mod

    folders = args.folders or sorted(p for p in (ROOT / "tests" / "devset").iterdir() if p.is_dir())
    settings = [("off", None)] + [(f"recall@{s:.2f}", s) for s in (args.similar or [recall_mod.SIMILAR])]
    print(f"{'folder':<12} {'engine':<12} {'macro-F1':>8} {'f.assur':>8} {'accuracy':>8} {'evidence':>8}  changed verdicts")
    for folder in folders:
        base = None
        for name, similar in settings:
            if similar is not None:
                recall_mod.recall_for.cache_clear()
                recall_mod.Recall.__init__.__defaults__ = (recall_mod.MODEL_DIR, similar)
            data = run(folder, similar is not None)
            got = {(r["document"], r["protection"]): r["got"] for r in data["pairs"]}
            base = base or got
            changed = [f"{d}:{p} {base[d, p]}->{g}" for (d, p), g in got.items() if g != base[d, p]]
            s = data["summary"]
            hits = s["evidence_hit_rate"]
            print(f"{folder.name:<12} {name:<12} {s['macro_f1']:>8.3f} {s['false_assurance_rate']:>8.3f} "
                  f"{s['accuracy']:>8.3f} {'' if hits is None else f'{hits:.3f}':>8}  {len(changed)} {' '.join(changed[:4])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
