"""Score the development set in-process with the shared scorer's own code.

    python tools/devscore.py [CASES_DIR] [--json OUT] [--recall]

Same numbers as `python ../shared/eval/score.py tests/devset`, without starting a process per
document: the scorer's `run_checker` is replaced by a call to the library API. `--recall` scores
the engine with the recall layer on (models/recall).
"""
from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECALL = False


def shared_dir() -> Path:
    env = os.environ.get("CLAUSECHECK_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def load_scorer():
    spec = importlib.util.spec_from_file_location("clausecheck_score", shared_dir() / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_process(cmd: str, doc: Path, timeout: float):
    from checker.api import check_file
    from checker.errors import ClausecheckError

    start = time.perf_counter()
    try:
        report = check_file(doc, recall=RECALL).to_dict()
    except ClausecheckError as exc:
        return None, time.perf_counter() - start, f"exit 2: {exc.line()}"
    return report, time.perf_counter() - start, ""


def score(argv: list[str]) -> int:
    scorer = load_scorer()
    scorer.run_checker = in_process
    old = sys.argv
    sys.argv = ["score.py", *argv]
    try:
        return scorer.main()
    finally:
        sys.argv = old


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--recall" in args:
        args.remove("--recall")
        RECALL = True
    args = args or [str(ROOT / "tests" / "devset")]
    sys.exit(score(args))
