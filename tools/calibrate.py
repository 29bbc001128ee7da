"""Calibrate finding confidence on the labelled development set:
`python tools/calibrate.py [CASES_DIR ...]` writes checker/engine/calibration.json.

Without arguments it reads the tuning folders of the development set only: the frozen blind
folders of tests/devset/PROTOCOL.toml are never calibrated on (tools/devsplit.py), and naming
one on the command line is refused.

Each finding falls in a bin (checker.engine.grade.confidence_bin: status, and for matching the
weakest element's similarity to the model, for weakened the number of deviation kinds). A bin's
confidence is the share of its findings the labels accept, with a Beta(2, 1) prior pulling
small bins toward 2/3, so a bin seen a few times does not claim certainty.
"""
from __future__ import annotations

import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import devsplit  # noqa: E402

OUT = ROOT / "checker" / "engine" / "calibration.json"
PRIOR_RIGHT, PRIOR_WRONG = 2, 1


def main(argv: list[str]) -> int:
    import importlib

    from checker.api import default_corpus
    from checker.engine import analysis as analysis_mod
    from checker.engine import checks, concept_index
    from checker.engine.overlap import resolve_overlaps
    from checker.ingest import load_document

    grade_mod = importlib.import_module("checker.engine.grade")  # the package re-exports grade()

    corpus = default_corpus()
    dirs = [Path(a).resolve() for a in argv] or devsplit.tuning_folders()
    frozen = {p.resolve() for p in devsplit.blind_folders()}
    refused = [d for d in dirs if any(d == f or d in f.parents or f in d.parents for f in frozen)]
    if refused:
        print(f"{refused[0]}: holds a frozen blind folder of tests/devset/PROTOCOL.toml; calibrate on "
              f"tuning folders only", file=sys.stderr)
        return 2
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for labels in sorted(p for d in dirs for p in d.rglob("*.labels.toml")):
        case = tomllib.loads(labels.read_text())
        doc = load_document(labels.parent / case["document"])
        a = analysis_mod.Analysis.build(doc, concept_index(corpus))
        a.strength = corpus.strength
        # the findings exactly as `checker.engine.evaluate` makes them: graded, overlaps resolved,
        # then what other provisions defeat (the document-stage checks of the registry)
        results = {p.id: [grade_mod.evaluate_element(el, a, p.anchor, p.id) for el in p.elements]
                   for p in corpus.protections}
        findings = [grade_mod.grade(p, a) for p in corpus.protections]
        resolve_overlaps(findings, grade_mod.missing_confidence())
        for check in checks.DOCUMENT:
            check.find(a, corpus.protections, findings)
        for protection, finding in zip(corpus.protections, findings):
            key = grade_mod.confidence_bin(finding.status, results[protection.id], finding.deviations)
            expect = case.get("expect", {}).get(protection.id, {})
            gold = expect.get("status", "missing")
            ok = finding.status in set(expect.get("accept", [gold]))
            tally[key][0 if ok else 1] += 1
    bins = {k: {"right": r, "wrong": w,
                "confidence": round((r + PRIOR_RIGHT) / (r + w + PRIOR_RIGHT + PRIOR_WRONG), 3)}
            for k, (r, w) in sorted(tally.items())}
    OUT.write_text(json.dumps({"source": [str(d.relative_to(ROOT)) for d in dirs], "prior": [PRIOR_RIGHT, PRIOR_WRONG],
                               "bins": bins}, indent=2) + "\n")
    for k, v in bins.items():
        print(f"{k:<16} right {v['right']:>4} wrong {v['wrong']:>3} -> {v['confidence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
