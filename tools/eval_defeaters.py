"""Score the defeater classifier on labelled clauses, and compare trainings across clause corpora.

    python tools/eval_defeaters.py score CLAUSES.jsonl [--model models/defeaters/model.json]
    python tools/eval_defeaters.py cross [--sentences FILE] [--exclude traps_d,traps_e] [--l2 X] [--sweep 0.5,0.6]
    python tools/eval_defeaters.py cv [--folds 5] [--sentences FILE]

`score`: a shipped model on a clause file it never saw (one {"text", "type"} a line, the schema of
clause_corpus/defeaters/). Reports the model's own reading (its per-label thresholds, no guard:
what tools/train_defeaters.py's held-out figures measure): accuracy and precision / recall per
type; and, over the defeating clauses, how many the registry phrases alone recognise as a defeater
(a phrase of enforceability.yaml, cross_article.yaml or non_binding.yaml fires on the clause) and
how many the rules and the classifier together do, the classifier read as the engine reads it
(guard on: checker.engine.defeater_model.classify(text, guard=True)); "found" counts any defeating
kind, "right kind" the labelled one. Controls a reading calls a defeater are counted the same way,
and both counts again after the engine's sentence-level gates (`gated`: a suspension needing the
union, a negated or corrected discrepancy, cooperation under a warrant, an end with no date, an
exclusion naming no procedure), which the engine applies to a phrase's and a classifier's reading
alike; what a clause reaches (another subject, the agreement's own term) needs a document, so even
the gated counts are upper bounds of what the engine acts on.

`cross`: the cross-corpus protocol. For each clause file of clause_corpus/defeaters/, a model
trained on the other files (with the registry examples and the tuning-document sentences, as the
shipped model is) is scored on it; then the usual held-out split (20%, stratified, seed 0) of all
the files together. `cv`: stratified k-fold over all the clause files (out-of-fold predictions).
Both fit with the current features and training settings, so running them before and after a
change to either gives the before / after numbers.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_defeaters as td  # noqa: E402

from checker.engine import defeater_model as dm  # noqa: E402


def read_clauses(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            out.append({"text": row.get("text") or row.get("clause"), "label": row.get("type") or row.get("label"),
                        "source": f"{path.name}:{n}"})
    bad = [r["source"] for r in out if r["label"] not in dm.LABELS or not r["text"]]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} clauses without a text or a known type (first: {bad[0]})")
    return out


def rules_label(text: str) -> str:
    """The kind the registry phrases alone give the clause ("none" when no phrase fires)."""
    from checker.engine import enforceability
    from checker.engine.language import fired

    for rule in sorted(fired("enforceability", text)):
        return td._KIND[enforceability.HOW.get(rule, "non_binding")]
    for rule in sorted(fired("cross_article", text)):
        label = td._cross_label(rule)
        if label:
            return label
    if fired("non_binding", text):
        return "non_binding"
    return "none"


def gated(text: str, label: str) -> str:
    """`label` unless one of the engine's sentence-level gates sets such a reading aside, whoever made
    it (a phrase or the classifier): a suspension or a policy the employer may change only with the
    union (defeat_guard.bargained_change), a discrepancy rule that is negated or excepts corrections,
    cooperation conditioned on a warrant, an end with no date (or one tied to the agreement's own
    end), an exclusion naming no procedure. What a clause reaches (other subjects, the agreement's
    term) needs a document and is not judged here: these are still upper bounds."""
    from checker.engine import enforceability as en

    low = dm._lower(text)
    if label in ("unilateral_suspension", "policy_subordination") and en._BARGAINED.search(low):
        return "none"
    if label == "discrepancy_discharge" and (en._NEGATED.search(low) or en._CORRECTION.search(low)):
        return "none"
    if label == "agency_cooperation" and en._CONDITIONED.search(low):
        return "none"
    if label == "exclusion" and not en._FORUM_WORD.search(low):
        return "none"
    if label == "sunset":
        dated = en._dates(low) or any(rx.search(low) for rx in (en._CONTRACT_YEAR, en._ANNIVERSARY,
                                                                en._FIRST_YEARS, en._AFTER_START))
        if not dated or en._AGREEMENT_END.search(low):
            return "none"
    return label


@contextmanager
def using(model: dict):
    """The engine reads `model` (a model.json's content) for as long as the block runs."""
    decoded = dm._decode(json.dumps(model).encode())
    before = dm._load
    dm._load = lambda: decoded
    try:
        yield
    finally:
        dm._load = before


def score(rows: list[dict], model: dict) -> dict:
    return summary(rows, *readings(rows, model))


def readings(rows: list[dict], model: dict) -> tuple[list[str], list[str], list[str]]:
    """(the model's reading, the engine's guarded reading, the rules' reading) of each clause."""
    import numpy as np

    with using(model):
        labels = model["labels"]
        got = []
        for r in rows:
            p = dm.probabilities(r["text"])
            k = int(np.argmax([p[x] for x in labels]))
            label = labels[k]
            got.append(label if label == "none" or p[label] >= model["thresholds"].get(label, 1.0) else "none")
        engine = [dm.classify(r["text"], guard=True)[0] for r in rows]
    return got, engine, [rules_label(r["text"]) for r in rows]


def summary(rows: list[dict], got: list[str], engine: list[str], rules: list[str]) -> dict:
    gold = [r["label"] for r in rows]
    out = td.metrics(gold, got)
    out["n"] = len(rows)
    defeating = [i for i, g in enumerate(gold) if g != "none"]
    controls = [i for i, g in enumerate(gold) if g == "none"]
    both = [e if r == "none" else r for r, e in zip(rules, engine)]  # a phrase's kind wins, as in the engine
    rules_g = [gated(r["text"], x) for r, x in zip(rows, rules)]
    both_g = [gated(r["text"], x) for r, x in zip(rows, both)]
    out["detection"] = {
        "defeating": len(defeating), "controls": len(controls),
        "rules_found": sum(rules[i] != "none" for i in defeating),
        "rules_right_kind": sum(rules[i] == gold[i] for i in defeating),
        "rules_and_classifier_found": sum(both[i] != "none" for i in defeating),
        "rules_and_classifier_right_kind": sum(both[i] == gold[i] for i in defeating),
        "controls_read_by_rules": sum(rules[i] != "none" for i in controls),
        "controls_read_by_rules_and_classifier": sum(both[i] != "none" for i in controls),
        # the same after the engine's sentence-level gates (gated()): what the engine can still act on
        "gated_rules_found": sum(rules_g[i] != "none" for i in defeating),
        "gated_rules_and_classifier_found": sum(both_g[i] != "none" for i in defeating),
        "gated_controls_read_by_rules": sum(rules_g[i] != "none" for i in controls),
        "gated_controls_read_by_rules_and_classifier": sum(both_g[i] != "none" for i in controls),
    }
    out["errors"] = [{"text": r["text"][:160], "gold": g, "got": o} for r, g, o in zip(rows, gold, got) if g != o]
    return out


def table(name: str, m: dict) -> str:
    d = m["detection"]
    lines = [f"**{name}** ({m['n']} clauses): accuracy {m['accuracy']:.3f}; of {d['defeating']} defeating clauses "
             f"the rules alone find {d['rules_found']} ({d['rules_right_kind']} of the right kind), rules + "
             f"classifier {d['rules_and_classifier_found']} ({d['rules_and_classifier_right_kind']}); of "
             f"{d['controls']} controls, read as defeaters by the rules {d['controls_read_by_rules']}, by rules + "
             f"classifier {d['controls_read_by_rules_and_classifier']}. After the engine's sentence gates: "
             f"found by the rules {d['gated_rules_found']}, by rules + classifier "
             f"{d['gated_rules_and_classifier_found']}; controls read by the rules "
             f"{d['gated_controls_read_by_rules']}, by rules + classifier "
             f"{d['gated_controls_read_by_rules_and_classifier']}.", "",
             "| type | n | precision | recall |", "|---|---|---|---|"]
    for label, v in m["per_label"].items():
        f = (lambda x: "–" if x is None else f"{x:.2f}")
        lines.append(f"| {label} | {v['n']} | {f(v['precision'])} | {f(v['recall'])} |")
    return "\n".join(lines)


def _other(args) -> tuple[list[dict], list[dict]]:
    registry = td.registry_examples()
    if args.sentences and Path(args.sentences).is_file():
        docs = json.loads(Path(args.sentences).read_text())
    else:
        docs = td.document_sentences({x for x in args.exclude.split(",") if x}, args.max_none, args.seed)
        if args.sentences:
            Path(args.sentences).write_text(json.dumps(docs))
    return registry, docs


def trained(train: list[dict], args) -> dict:
    """A model.json's content trained on `train` with the shipped settings (thresholds included)."""
    th = ({label: args.threshold for label in dm.LABELS if label != "none"} if args.threshold is not None
          else td.thresholds(train, args.precision, args.seed))
    for label in td.BROAD:
        th[label] = max(th[label], args.broad_threshold)
    W, b, vocab = td.fit(train)
    return td.to_json(W, b, vocab, th)


def at_threshold(model: dict, threshold: float, broad: float) -> dict:
    """The same weights with every kind's threshold at `threshold` (the broad kinds at least `broad`)."""
    th = {label: max(threshold, broad) if label in td.BROAD else threshold for label in model["thresholds"]}
    return {**model, "thresholds": th}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=("score", "cross", "cv"))
    ap.add_argument("clauses", nargs="?", help="score: the clause file")
    ap.add_argument("--model", default=str(dm.MODEL))
    ap.add_argument("--sentences", help="the labelled document sentences (train_defeaters.py --sentences)")
    ap.add_argument("--exclude", default="traps_d,traps_e")
    ap.add_argument("--max-none", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--precision", type=float, default=0.95)
    ap.add_argument("--broad-threshold", type=float, default=0.7)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=td.L2)
    ap.add_argument("--prune", type=float, default=td.PRUNE)
    ap.add_argument("--balance", type=float, default=td.BALANCE)
    ap.add_argument("--no-concepts", action="store_true", help="train without the concept lexicon (as before it)")
    ap.add_argument("--sweep", default="", help="cross: also score each model at these thresholds "
                                                "(comma-separated, e.g. 0.5,0.6,0.7; the broad kinds at least "
                                                "--broad-threshold), without refitting")
    ap.add_argument("--json", help="write the full results (errors included) to this file")
    args = ap.parse_args(argv)

    td.L2, td.BALANCE, td.USE_CONCEPTS, td.PRUNE = args.l2, args.balance, not args.no_concepts, args.prune
    sweep = [float(x) for x in args.sweep.split(",") if x.strip()]
    results = {}
    if args.what == "score":
        if not args.clauses:
            ap.error("score needs a clause file")
        results[Path(args.clauses).name] = score(read_clauses(Path(args.clauses)), json.loads(Path(args.model).read_text()))
    else:
        files = sorted(td.CLAUSES.glob("*.jsonl"))
        corpora = {p.name: read_clauses(p) for p in files}
        registry, docs = _other(args)
        if args.what == "cross":
            for name, rows in corpora.items():
                if len(corpora) < 2:
                    break
                train = [r for other, rs in corpora.items() if other != name for r in rs]
                model = trained(train + registry + docs, args)
                results[f"trained on the other files, tested on {name}"] = score(rows, model)
                for t in sweep:  # the same model read at other thresholds (no refit)
                    results[f"trained on the other files, tested on {name}, threshold {t}"] = score(
                        rows, at_threshold(model, t, args.broad_threshold))
            everything = [r for rs in corpora.values() for r in rs]
            c_train, c_test = td.split(everything, 0.2, args.seed)
            model = trained(c_train + registry + docs, args)
            results["held-out 20% of all files (stratified, seed 0)"] = score(c_test, model)
            for t in sweep:
                results[f"held-out 20% of all files (stratified, seed 0), threshold {t}"] = score(
                    c_test, at_threshold(model, t, args.broad_threshold))
        else:
            everything = [r for rs in corpora.values() for r in rs]
            rng = random.Random(args.seed)
            by = {}
            for i, r in enumerate(everything):
                by.setdefault(r["label"], []).append(i)
            fold = {}
            for label in sorted(by):
                ids = by[label][:]
                rng.shuffle(ids)
                for j, i in enumerate(ids):
                    fold[i] = j % args.folds
            rows, got, engine, rules = [], [], [], []
            for f in range(args.folds):
                test = [r for i, r in enumerate(everything) if fold[i] == f]
                train = [r for i, r in enumerate(everything) if fold[i] != f]
                g, e, ru = readings(test, trained(train + registry + docs, args))
                rows += test
                got += g
                engine += e
                rules += ru
                print(f"fold {f} done", file=sys.stderr)
            results[f"{args.folds}-fold cross-validation over all files (stratified, seed {args.seed})"] = summary(
                rows, got, engine, rules)
    for name, m in results.items():
        print(table(name, m))
        print()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
