"""Train the defeater classifier (checker/engine/defeater_model.py) into models/defeaters/.

    python tools/train_defeaters.py [--out models/defeaters] [--hold-out 0.2] [--seed 0]

Training data, all in this repository:
- the labelled single clauses of clause_corpus/defeaters/*.jsonl (one {"text", "type", ...} a line;
  type one of the model's labels, "none" for controls);
- every `fires` example of the registry phrases that already find defeaters
  (clause_corpus/strength/enforceability.yaml, cross_article.yaml, non_binding.yaml), labelled
  with the phrase's kind, and their `quiet` examples as "none";
- the sentences of the tuning documents of tests/devset (never a folder listed under [blind] in
  tests/devset/PROTOCOL.toml, nor a folder given with --exclude): a sentence the rule-only engine
  reads as a defeater that reaches a protection gets that defeater's kind, every other sentence
  "none": all those a kind's guard accepts (the sentences the engine asks the model about: hard
  negatives; not in a document whose labels hold an enforceability defeat the rules do not report,
  whose defeating sentence is one of them), and others sampled up to --max-none in all, the real
  public contracts included.

Features (checker.engine.defeater_model.features): words, word pairs, negation scope, the guards,
and the concept lexicon CONCEPTS below, which is written into model.json with the weights.
Cross-corpus and k-fold measurements: tools/eval_defeaters.py.

Evaluation: the clause corpus is split (stratified by type, fixed seed) into a training and a
held-out part; the per-label thresholds are chosen on out-of-fold predictions of the training part
(the lowest probability at which the label's precision stays >= --precision), and the model trained
on the training part is scored once on the held-out part. The shipped model is then trained on all
the data with those thresholds. Writes model.json (weights) and training.json (data hash, counts,
held-out metrics)."""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.engine import defeater_model as dm  # noqa: E402

DEVSET = ROOT / "tests" / "devset"
CLAUSES = ROOT / "clause_corpus" / "defeaters"
_KIND = {"exclusion": "exclusion", "non_binding": "non_binding", "expiry": "sunset", "suspension": "unilateral_suspension"}


def _cross_label(rule: str) -> str | None:
    name = rule.split(".", 1)[1]
    if name.startswith(("employee_", "unit_")):
        return "status_definition"
    if name == "discharge_for_any_discrepancy":
        return "discrepancy_discharge"
    if name.startswith("agency_"):
        return "agency_cooperation"
    if name == "subject_to_policies":
        return "policy_subordination"
    return None


def corpus_clauses() -> list[dict]:
    out = []
    for path in sorted(CLAUSES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row.get("type") or row.get("label")
            text = row.get("text") or row.get("clause")
            if label not in dm.LABELS or not text:
                raise SystemExit(f"{path}:{n}: a clause needs a text and a type among {dm.LABELS}")
            out.append({"text": text, "label": label, "source": f"{path.name}:{n}"})
    return out


def registry_examples() -> list[dict]:
    from checker.corpus.strength import builtin
    from checker.engine import enforceability

    lex = builtin()
    out = []
    for category in ("enforceability", "cross_article", "non_binding"):
        for e in lex[category]:
            if category == "enforceability":
                label = _KIND[enforceability.HOW.get(e.id, "non_binding")]
            elif category == "cross_article":
                label = _cross_label(e.id)
            else:
                label = "non_binding"
            if label is None:
                continue
            out += [{"text": ex.text, "label": label, "source": e.id} for ex in e.fires]
            out += [{"text": ex.text, "label": "none", "source": e.id} for ex in e.quiet]
    return out


def _blind() -> set[str]:
    return set(tomllib.loads((DEVSET / "PROTOCOL.toml").read_text()).get("blind", {}))


def _analysed(document, corpus):
    """The analysis and findings evaluate() makes, with the document-stage checks run."""
    from checker.engine import checks, concept_index
    from checker.engine.analysis import Analysis
    from checker.engine.grade import grade, missing_confidence
    from checker.engine.overlap import resolve_overlaps

    a = Analysis.build(document, concept_index(corpus))
    a.strength = corpus.strength
    findings = [grade(p, a) for p in corpus.protections]
    resolve_overlaps(findings, missing_confidence())
    for check in checks.DOCUMENT:
        check.find(a, corpus.protections, findings)
    return a, findings


def document_sentences(exclude: set[str], max_none: int, seed: int) -> list[dict]:
    """Sentences of the tuning documents, labelled by what the rule-only engine reads in them: a
    defeater that reaches a protection its kind, a sentence read as no defeater "none" (a defeater
    reaching nothing is left out: it may be a control or a miss of the reach)."""
    from checker.corpus import load_corpus
    from checker.engine import enforceability
    from checker.ingest import load_document

    corpus = load_corpus()
    skip = _blind() | exclude
    positives, none = [], []
    with dm.disabled():
        for labels in sorted(DEVSET.rglob("*.labels.toml")):
            folder = labels.parent.name
            if folder in skip:
                continue
            case = tomllib.loads(labels.read_text())
            a, findings = _analysed(load_document(labels.parent / case["document"]), corpus)
            cited = {(d.rule, e.start) for f in findings for d in f.deviations for e in f.evidence if d.rule}
            kinds, reaching = {}, set()
            for d in enforceability.defeats(a):
                kinds[d.unit] = _KIND[d.how]
                if (d.rule, a.units[d.unit].start) in cited:
                    reaching.add(d.unit)
            for c in enforceability.cross_article(a):
                kinds[c.unit] = _cross_label(c.rule)
                if (c.rule, a.units[c.unit].start) in cited:
                    reaching.add(c.unit)
            # a document whose labels hold a defeat (an enforceability deviation) the rules do not
            # report has a defeating sentence the rules miss: its sentences are no sure "none"
            # examples where a guard accepts them (that sentence is among those)
            got = {f.protection: {d.kind for d in f.deviations} for f in findings}
            missed = any("enforceability" in e.get("deviations", ()) and "enforceability" not in got.get(pid, ())
                         for pid, e in case.get("expect", {}).items() if isinstance(e, dict))
            for i, u in enumerate(a.units):
                text = " ".join(u.text.split())
                if u.heading or len(text.split()) < 5:
                    continue
                row = {"text": text, "source": f"{folder}/{labels.name}"}
                if i in reaching:
                    positives.append({**row, "label": kinds[i]})
                elif i not in kinds and not (missed and dm.guarded(text)):
                    none.append({**row, "label": "none"})
    rng = random.Random(seed)
    rng.shuffle(none)
    # every sentence the engine would ask the model about (some kind's guard accepts it) is kept:
    # these are the hard negatives (a protection's own "shall not ... because the worker filed a
    # grievance"); the others are sampled up to --max-none in all
    asked = [r for r in none if dm.guarded(r["text"])]
    other = [r for r in none if not dm.guarded(r["text"])]
    print(f"document sentences: {len(positives)} defeaters, {len(asked)} others a guard accepts, "
          f"{len(other)} more", file=sys.stderr)
    return positives + asked + other[:max(0, max_none - len(asked))]


# --- the concept lexicon: word classes the model reads as features -------------------------------
# Broad classes of what a defeating clause speaks of (a forum, a denial, a work status, a definition,
# a record discrepancy, a discharge, an agency, a handing-over...), so that a word or phrase no
# training clause used still counts through its class ("Home Office" as an agency, "right-to-work
# papers" as a status). Shipped inside model.json (the weights are only meaningful with the lexicon
# they were trained with) and matched on the lower-cased sentence.
CONCEPTS = (
    ("forum", r"\b(?:griev\w*|arbitra\w*|umpires?|adjustment (?:board|procedure)|dispute[- ]resolution|"
              r"grievance machinery|(?:first|second|third|fourth|final) step|step (?:\d|one|two|three|four))"),
    ("deny", r"\b(?:not|no|never|nor|neither|none|nothing|without|exclu\w*|exempt\w*|outside|barred|preclud\w*|"
             r"waive\w*|beyond|lacks?|removed|withdrawn|carved?)\b"),
    ("only", r"\b(?:only|solely|exclusive(?:ly)?|alone|sole)\b"),
    ("body", r"\b(?:committee|board|panel|trustees?|administrator|director|manager|commission|council|ombuds\w*|"
             r"internal|open[- ]door|human resources|general manager|chief|president|superintendent)\b"),
    ("final", r"\b(?:final|conclusive|unreviewable|not (?:be )?subject to (?:further )?review|shall not be reviewed)\b"),
    ("bind", r"\b(?:bind\w*|enforc(?!ement)\w*|obligat\w*|contractual|contract|legal(?:ly)?|dut(?:y|ies)|rights?|"
             r"terms? (?:and conditions )?of (?:this|the) (?:collective )?agreement|part of (?:this|the) agreement|"
             r"rel(?:y|ied) on|cited|liab\w*|commitments?|promises?|guarantee\w*)\b"),
    ("aspire", r"\b(?:aspir\w*|precatory|hortatory|goals?|hopes?|intent\w*|guid\w*|best practices?|recommend\w*|"
               r"encourag\w*|voluntar\w*|advisory|moral|informational|principles?|endeavou?r\w*|good[- ]faith efforts?|"
               r"wish\w*|statements? of|matters? of policy|expectations?|ideals?|objectives?|desir\w*|courtes\w*)\b"),
    ("end", r"\b(?:expir\w*|sunset\w*|laps\w*|terminat\w*|ceas\w*|end(?:s|ed|ing)?|no longer|no further|"
            r"discontinu\w*|conclud\w*|revert\w*|of no (?:force|effect)|null and void|run out)\b"),
    ("temporary", r"\b(?:temporar\w*|trial|pilot|interim|until|for (?:a|the) (?:period|term) of|initial|first \w+ "
                  r"(?:months?|years?)|calendar year|fiscal year|school year|contract year|anniversary|(?:months?|days?|"
                  r"weeks?|years?) (?:from|after|following)|only for|through|thru|valid|in (?:force|effect)|remain\w*)\b"),
    ("term", r"\b(?:term of (?:this|the) (?:collective (?:bargaining )?)?(?:agreement|contract)|successor agreement|"
             r"full term|life of (?:this|the) (?:agreement|contract)|duration|renew\w*|survive\w*|coterminous|"
             r"expiration of (?:this|the) (?:collective (?:bargaining )?)?(?:agreement|contract))\b"),
    ("suspend", r"\b(?:suspen\w*|set\w* (?:[\w'-]+ ){0,3}aside|abeyance|paus\w*|halt\w*|discontinu\w*|withdraw\w*|rescind\w*|"
                r"revok\w*|modif\w*|amend\w*|var(?:y|ied|ies)|overrid\w*|waive\w*|opt(?:s|ed)? out|relieve\w*|"
                r"not (?:to )?apply|inoperative|on hold|disregard\w*|excuse\w*|release\w*|defer\w*|postpon\w*)\b"),
    ("discretion", r"\b(?:sole\w*|option|discretion\w*|judge?ment|unilateral\w*|as it (?:determines|deems|sees fit|"
                   r"considers|chooses)|whenever|at any time|for any reason|reserves?|retains?|business (?:conditions|"
                   r"needs|necessity|reasons)|economic|operational|emergenc\w*|necessity|staffing|budget\w*|fiscal|"
                   r"directive|guidance|orders?|determines?|deems?|prudent|appropriate)\b"),
    ("mutual", r"\b(?:mutual\w*|jointly|joint|both parties|by agreement of|consent of the union|union's (?:\w+ )?"
               r"(?:consent|agreement)|agreement of the union)\b"),
    ("status", r"(?:\bsocial security|\bssns?\b|\b(?:work|employment)[- ]authori[sz]\w*|\bauthori[sz]ed to (?:work|be "
               r"employed)|\beligib\w* (?:to|for) (?:work|employment)|\bemployment eligibility|\bright[- ]to[- ]work|"
               r"\blawful\w*|\blegal(?:ly)? (?:status|present|entitled|authori[sz]ed|employ\w*|resident|right)|"
               r"\bcitizen\w*|\bimmigration status|\bpermanent residen\w*|\bgreen cards?|\bvisas?\b|\bi-9|"
               r"\be-?verify|\b(?:un)?documented|\baliens?\b|\bsponsor\w*|\bwork permits?|\bentitled to (?:work|"
               r"employment)|\bunexpired|\bimmigration documents?)"),
    ("define", r"\b(?:means?|defin\w*|refer(?:s|red)? to|includ\w*|exclud\w*|consists? of|compris\w*|limited to|"
               r"restricted to|extends? only|appl(?:y|ies) only|deemed|regarded|considered|treated as|eligib\w*|"
               r"cover\w*|bargaining unit|members?|recogni[sz]\w*|provided that|must (?:hold|have|possess|present|"
               r"furnish|produce|be)|unless|until|as used|for (?:the )?purposes? of|shall not include|term)\b"),
    ("discrepancy", r"\b(?:discrepan\w*|mismatch\w*|no-?match\w*|inconsisten\w*|irregular\w*|errors?|omissions?|"
                    r"incorrect|inaccura\w*|false\w*|falsif\w*|misrepresent\w*|different|differs?|other than|more than "
                    r"one|(?:does|do|did) not (?:match|agree|correspond)|not (?:be )?(?:verified|confirmed)|(?:cannot|could "
                    r"not|unable to) (?:be )?(?:verif|confirm)\w*|nonconfirmation|conflict\w*|invalid|fraudulent|"
                    r"variance|anomal\w*|problems? with)\b"),
    ("records", r"\b(?:records?|documents?|documentation|papers?|identity|names?|numbers?|i-9s?|forms?|information|"
                r"data|files?|details|payroll|personnel|correspondence|letters?|notices?)\b"),
    ("discharge", r"\b(?:discharg\w*|dismiss\w*|terminat\w*|fir(?:e|ed|ing)|separat\w*|removal|gross misconduct|"
                  r"misconduct|offen[cs]es?|violations?|disciplin\w*|just cause|cause for|grounds? for|summary|"
                  r"immediate(?:ly)?|at once|retain\w* in employment|breach)\b"),
    ("correction", r"\b(?:correct\w*|lawful(?:ly)? chang\w*|legal(?:ly)? chang\w*|name change|chang\w* (?:of|in) "
                   r"(?:name|number)|updated?|good faith|opportunity to|reasonable (?:time|period)|except\w*|solely "
                   r"because|shall not (?:be )?(?:disciplin|discharg)\w*)\b"),
    ("agency", r"\b(?:agenc\w*|authorit\w*|officials?|officers?|agents?|law[- ]enforcement|government\w*|federal|"
               r"homeland|dhs|ice|cbp|hsi|uscis|home office|immigration enforcement|police|sheriff\w*|"
               r"investigators?|inspectors?|department of|state|public bod\w*)\b"),
    ("handover", r"\b(?:cooperat\w*|assist\w*|complian\w*|compl(?:y|ies)|admit\w*|allow\w*|permit\w*|grant\w*|open\w*|"
                 r"shar\w*|disclos\w*|releas\w*|furnish\w*|hand\w* over|turn\w* over|make available|provid\w*|"
                 r"report\w*|access|entry|enter\w*|interview\w*|respond\w*|honou?r\w*|participat\w*|inquir\w*|"
                 r"subpoena\w*|detainers?|transmit\w*|send|sent|give|supply\w*|copies)\b"),
    ("free", r"\b(?:free to|right to|entitled to|reserves?|retains?|nothing in|limits?|restricts?|affects?|impairs?|(?:shall|does|will) not (?:be construed "
             r"to )?(?:restrict|limit|affect|prevent|prohibit|impair|apply to)|ability to|at its option|may)\b"),
    ("safeguard", r"\b(?:judicial warrant|signed by a (?:judge|court)|court order|notify the union|notice to the union|"
                  r"inform the union|union (?:representative|steward)|prohibit\w*|shall not (?:permit|allow|disclose|"
                  r"share|provide|release))\b"),
    ("policy", r"\b(?:polic(?:y|ies)|rules?|regulations?|procedures?|practices?|handbook|guidelines?|directives?|"
               r"manual|standards?|needs of the service|operational (?:needs|requirements)|programs?|programmes?)\b"),
    ("subject", r"\b(?:subject to|in accordance with|consistent with|as (?:set out|provided|defined|determined|amended|"
                r"revised|modified|changed) (?:in|by|from)|pursuant to|governed by|from time to time|as (?:it|they|the "
                r"\w+) (?:may )?(?:\w+ )?(?:amend|revis|modif|chang|allow|permit|determin)\w*|to the extent)\b"),
    ("immigration", r"\b(?:immigra\w*|no-?match|reverif\w*|re-verif\w*|naturali[sz]\w*|raids?|deport\w*|asylum|"
                    r"citizenship|undocumented|migrant)"),
    ("other_subject", r"\b(?:pensions?|health (?:and welfare|plan|benefits?)|welfare|trust fund|workers' compensation|"
                      r"classification|reclassification|probation\w*|curriculum|wage rates?|layoffs?|cafeteria|"
                      r"apprentic\w*|tuition|job evaluation|salary grades?|vacation|overtime|insurance|retirement)\b"),
)
USE_CONCEPTS = True


def concepts() -> tuple[tuple[str, str], ...]:
    return CONCEPTS if USE_CONCEPTS else ()


# --- the model: multinomial logistic regression over sparse binary features ----------------------

def _index(rows: list[dict], vocab: dict[str, int] | None = None, min_count: int = 2):
    feats = [dm.features(r["text"], concepts=concepts()) for r in rows]
    if vocab is None:
        counts = Counter(f for fs in feats for f in fs)
        vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    idx = [np.array(sorted(vocab[f] for f in fs if f in vocab), dtype=np.int64) for fs in feats]
    return idx, vocab


def _scores(W, b, idx):
    flat = np.concatenate([i for i in idx]) if idx else np.zeros(0, dtype=np.int64)
    lens = np.array([len(i) for i in idx])
    out = np.tile(b, (len(idx), 1))
    if flat.size:
        rows = np.repeat(np.arange(len(idx)), lens)
        np.add.at(out, rows, W[flat])
    return out, flat, rows if flat.size else None


def _softmax(s):
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


BROAD = ("status_definition", "agency_cooperation", "discrepancy_discharge")
BALANCE = 1.0  # class weights (largest class / class size) ** BALANCE


L2 = 1e-4
PRUNE = 0.01  # features no label weighs this much are left out of model.json (smaller, faster to load)


def fit(rows: list[dict], vocab=None, l2: float | None = None, epochs: int = 300, lr: float = 0.1):
    l2 = L2 if l2 is None else l2
    idx, vocab = _index(rows, vocab)
    y = np.array([dm.LABELS.index(r["label"]) for r in rows])
    n, k, d = len(rows), len(dm.LABELS), len(vocab)
    counts = np.bincount(y, minlength=k).astype(float)
    # classes weighed to balance, so a few dozen clauses of a kind are not drowned by thousands of
    # ordinary sentences (the guards and the reach rules keep the precision)
    cw = np.where(counts > 0, (counts.max() / np.maximum(counts, 1)) ** BALANCE, 0.0)
    sw = cw[y] / cw[y].mean()
    W, b = np.zeros((d, k)), np.zeros(k)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    Y = np.eye(k)[y]
    for t in range(1, epochs + 1):
        s, flat, rowsix = _scores(W, b, idx)
        p = _softmax(s)
        g = (p - Y) * sw[:, None] / n
        gW = l2 * W
        if rowsix is not None:
            np.add.at(gW, flat, g[rowsix])
        gb = g.sum(axis=0)
        for param, grad, m, v in ((W, gW, mW, vW), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return W, b, vocab


def to_json(W, b, vocab, th: dict[str, float]) -> dict:
    """The content of model.json: labels, bias, thresholds and the weights of every feature some
    label weighs at least PRUNE, rounded to 3 decimals."""
    keep = np.abs(W).max(axis=1) >= PRUNE
    inv = sorted(vocab, key=vocab.get)
    weights = {f: [round(float(x), 3) for x in W[i]] for i, f in enumerate(inv) if keep[i]}
    return {"labels": list(dm.LABELS), "bias": [round(float(x), 3) for x in b], "thresholds": th, "weights": weights,
            **({"concepts": [list(c) for c in concepts()]} if concepts() else {})}


def predict(W, b, vocab, rows) -> np.ndarray:
    idx, _ = _index(rows, vocab)
    return _softmax(_scores(W, b, idx)[0])


def thresholds(rows: list[dict], precision: float, seed: int, folds: int = 5) -> dict[str, float]:
    """Per label, the lowest probability at which out-of-fold precision stays >= `precision`."""
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    probs = np.zeros((len(rows), len(dm.LABELS)))
    for f in range(folds):
        test = order[f::folds]
        train = [rows[i] for i in order if i not in set(test)]
        W, b, vocab = fit(train)
        probs[test] = predict(W, b, vocab, [rows[i] for i in test])
    y = np.array([dm.LABELS.index(r["label"]) for r in rows])
    top = probs.argmax(axis=1)
    out = {}
    for k, label in enumerate(dm.LABELS):
        if label == "none":
            continue
        picked = top == k
        cands = sorted(set(np.round(probs[picked, k], 3)))
        best = 0.99
        for c in cands:
            sel = picked & (probs[:, k] >= c)
            if sel.sum() and (y[sel] == k).mean() >= precision:
                best = float(c)
                break
        out[label] = max(0.5, best)
    return out


def apply(probs: np.ndarray, th: dict[str, float]) -> list[str]:
    out = []
    for p in probs:
        k = int(p.argmax())
        label = dm.LABELS[k]
        out.append(label if label == "none" or p[k] >= th[label] else "none")
    return out


def metrics(gold: list[str], got: list[str]) -> dict:
    per = {}
    for label in dm.LABELS:
        tp = sum(g == label == o for g, o in zip(gold, got))
        fp = sum(o == label != g for g, o in zip(gold, got))
        fn = sum(g == label != o for g, o in zip(gold, got))
        per[label] = {"n": sum(g == label for g in gold), "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                      "recall": round(tp / (tp + fn), 3) if tp + fn else None}
    return {"accuracy": round(sum(g == o for g, o in zip(gold, got)) / max(1, len(gold)), 3),
            "defeaters_called_none": sum(g != "none" and o == "none" for g, o in zip(gold, got)),
            "controls_called_defeaters": sum(g == "none" and o != "none" for g, o in zip(gold, got)),
            "per_label": per}


def split(rows: list[dict], part: float, seed: int) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    by = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    train, test = [], []
    for label in sorted(by):
        group = by[label][:]
        rng.shuffle(group)
        cut = round(len(group) * part)
        test += group[:cut]
        train += group[cut:]
    return train, test


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "models" / "defeaters"))
    ap.add_argument("--hold-out", type=float, default=0.2)
    ap.add_argument("--precision", type=float, default=0.95)
    ap.add_argument("--max-none", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threshold", type=float, help="one probability threshold for every label (default: chosen "
                                                     "per label on out-of-fold predictions, see --precision)")
    ap.add_argument("--broad-threshold", type=float, default=0.7,
                    help="the least threshold of the kinds that reach the whole document (status definitions, "
                         "agency cooperation, discrepancy discharge)")
    ap.add_argument("--prune", type=float, default=PRUNE, help="leave out features no label weighs this much")
    ap.add_argument("--l2", type=float, default=L2, help="L2 penalty of the weights (chosen on the cross-corpus "
                                                       "runs of tools/eval_defeaters.py)")
    ap.add_argument("--exclude", default="", help="tuning folders kept out of training (comma-separated)")
    ap.add_argument("--sentences", help="a JSON file keeping the labelled document sentences between runs "
                                        "(read when it exists, written otherwise)")
    args = ap.parse_args(argv)
    globals()["PRUNE"], globals()["L2"] = args.prune, args.l2

    clauses = corpus_clauses()
    registry = registry_examples()
    if args.sentences and Path(args.sentences).is_file():
        docs = json.loads(Path(args.sentences).read_text())
    else:
        docs = document_sentences({x for x in args.exclude.split(",") if x}, args.max_none, args.seed)
        if args.sentences:
            Path(args.sentences).write_text(json.dumps(docs))
    print(f"clauses {len(clauses)}, registry examples {len(registry)}, document sentences {len(docs)}", file=sys.stderr)

    c_train, c_test = split(clauses, args.hold_out, args.seed) if clauses else ([], [])
    train = c_train + registry + docs
    th = ({label: args.threshold for label in dm.LABELS if label != "none"} if args.threshold is not None
          else thresholds(train, args.precision, args.seed))
    for label in BROAD:  # kinds reaching every protection of the document
        th[label] = max(th[label], args.broad_threshold)
    W, b, vocab = fit(train)
    held = {}
    if c_test:
        got = apply(predict(W, b, vocab, c_test), th)
        held = metrics([r["label"] for r in c_test], got)
        held["n"] = len(c_test)
        held["errors"] = [{"text": r["text"][:160], "gold": r["label"], "got": o}
                          for r, o in zip(c_test, got) if o != r["label"]]
    every = clauses + registry + docs
    W, b, vocab = fit(every)
    shipped = to_json(W, b, vocab, th)
    weights = shipped["weights"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps(shipped, sort_keys=True) + "\n")
    h = hashlib.sha256()
    for r in every:
        h.update(f"{r['label']}\t{r['text']}\n".encode())
    info = {"data_sha256": h.hexdigest(), "seed": args.seed, "hold_out": args.hold_out, "precision_target": args.precision,
            "counts": {"clauses": len(clauses), "registry_examples": len(registry), "document_sentences": len(docs),
                       "by_label": dict(Counter(r["label"] for r in every))},
            "excluded_folders": sorted(_blind() | {x for x in args.exclude.split(",") if x}),
            "features": len(weights), "l2": args.l2, "thresholds": th, "held_out": held}
    (out / "training.json").write_text(json.dumps(info, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: v for k, v in held.items() if k != "errors"}, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
