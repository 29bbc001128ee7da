"""Invariance suites over the development set's text documents: print the rates.

    python tools/invariance.py [format|paraphrase|must-change ...] [--sample N] [--seed S] [--json OUT] [-v]

- format: each .txt/.md document rendered as Word (Heading styles and automatic numbering; bold
  run-in headings) and PDF (one column, two columns; running header, page numbers) must get the
  statuses its text gets, protection by protection. Rate: unchanged verdicts / all verdicts.
- paraphrase: meaning-keeping rewrites (tools/perturb.py PARAPHRASES) keep every status. Rate:
  unchanged verdicts / verdicts of the documents the rewrite changed.
- must-change: a matching clause perturbed ("shall" to "may", a hedge, a worse number, a deleted
  element, a "notwithstanding" exception) must turn weakened. Rate: weakened / perturbed.

`--sample N` takes N documents (format, paraphrase) or N cases per perturbation (must-change),
chosen with `--seed` (deterministic). Documents over MAX_CHARS are left out (they alone would
take minutes to render). The generators live in tools/perturb.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devsplit  # noqa: E402
import perturb  # noqa: E402

# The largest development text is a 1.3 MB state master agreement; rendering it to PDF twice takes
# longer than the rest of the suite. 60,000 characters keeps every written and trap document.
MAX_CHARS = 60_000
SUITES = ("format", "paraphrase", "must-change")


def documents() -> list[Path]:
    """The development set's text documents (tuning and blind folders), in a stable order."""
    out = []
    for folder in [*devsplit.tuning_folders(), *devsplit.blind_folders()]:
        for labels in sorted(folder.glob("*.labels.toml")):
            name = tomllib.loads(labels.read_text(encoding="utf-8"))["document"]
            doc = folder / name
            if doc.suffix in (".txt", ".md") and doc.is_file() and len(doc.read_text(encoding="utf-8")) <= MAX_CHARS:
                out.append(doc)
    return out


def _statuses(report) -> dict[str, str]:
    return {f.protection: f.status for f in report.findings}


def _check_text(text: str, markdown: bool):
    from checker.api import check_text

    return check_text(text, markdown=markdown)


def _diff(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return [f"{pid}: {a[pid]} -> {b.get(pid)}" for pid in a if a[pid] != b.get(pid)]


def format_suite(docs: list[Path], renderings=perturb.RENDERINGS, verbose: bool = False) -> dict:
    from checker.api import check_file

    per: Counter = Counter()
    same: Counter = Counter()
    changes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            text = doc.read_text(encoding="utf-8")
            base = _statuses(check_file(doc))
            for rendering in renderings:
                path = perturb.render(text, doc.suffix == ".md", rendering, Path(tmp), doc.stem)
                got = _statuses(check_file(path))
                diff = _diff(base, got)
                per[rendering] += len(base)
                same[rendering] += len(base) - len(diff)
                changes.extend(f"{doc.parent.name}/{doc.name} [{rendering}] {d}" for d in diff)
                if verbose and diff:
                    print(f"{doc.name} [{rendering}]: {'; '.join(diff)}", file=sys.stderr)
    return _rates(per, same, changes, len(docs))


def paraphrase_suite(docs: list[Path], verbose: bool = False) -> dict:
    per: Counter = Counter()
    same: Counter = Counter()
    changes: list[str] = []
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        md = doc.suffix == ".md"
        base = None
        for name, rewrite in perturb.PARAPHRASES.items():
            new = rewrite(text)
            if new == text:
                continue
            base = base or _statuses(_check_text(text, md))
            got = _statuses(_check_text(new, md))
            diff = _diff(base, got)
            per[name] += len(base)
            same[name] += len(base) - len(diff)
            changes.extend(f"{doc.parent.name}/{doc.name} [{name}] {d}" for d in diff)
            if verbose and diff:
                print(f"{doc.name} [{name}]: {'; '.join(diff)}", file=sys.stderr)
    return _rates(per, same, changes, len(docs))


def _rates(per: Counter, same: Counter, changes: list[str], ndocs: int) -> dict:
    total, kept = sum(per.values()), sum(same.values())
    return {"documents": ndocs, "verdicts": total, "unchanged": kept, "rate": kept / total if total else 1.0,
            "by_kind": {k: {"verdicts": per[k], "unchanged": same[k], "rate": same[k] / per[k]} for k in per},
            "changes": changes}


def must_change_cases(docs: list[Path]) -> list[tuple[Path, str, str, str]]:
    """(document, protection, perturbation, perturbed text) for every matching finding and every
    perturbation that applies to it."""
    from checker.api import default_corpus

    protections = {p.id: p for p in default_corpus().protections}
    cases = []
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        report = _check_text(text, doc.suffix == ".md")
        for f in report.findings:
            if f.status != "matching":
                continue
            states = [e for e in f.elements if e.evidence_index is not None]
            if not states:
                continue
            first = f.evidence[states[0].evidence_index]
            span = perturb.locate(text, first.text)
            if span is None:
                continue
            a, b = span
            sentence = text[a:b]
            for kind, new in (("may", perturb.to_may(sentence)), ("hedge", perturb.add_hedge(sentence))):
                if new is not None:
                    cases.append((doc, f.protection, kind, text[:a] + new + text[b:]))
            for el in protections[f.protection].elements:
                state = next((e for e in f.elements if e.index == el.index), None)
                if not el.parameters or state is None or state.evidence_index is None:
                    continue
                p = el.parameters[0]
                ev = f.evidence[state.evidence_index]
                sp = perturb.locate(text, ev.text)
                new = sp and perturb.worse_number(text[sp[0]:sp[1]], p.better, p.model, p.unit, p.cues)
                if new:
                    cases.append((doc, f.protection, "number", text[:sp[0]] + new + text[sp[1]:]))
                    break
            units = {e.evidence_index for e in states}
            if len(states) >= 2 and len(units) == len(states):
                last = f.evidence[states[-1].evidence_index]
                sp = perturb.locate(text, last.text)
                if sp is not None:
                    cases.append((doc, f.protection, "delete", text[:sp[0]] + text[sp[1]:]))
            new = perturb.notwithstanding(text, first.section and _cite(first), first.text)
            if new is not None:
                cases.append((doc, f.protection, "notwithstanding", new))
    return cases


def _cite(ev) -> str:
    """How the exception names the evidence's provision: "Section 31.4", "Section 12(b)"."""
    return f"Section {ev.section}"


def must_change_suite(docs: list[Path], n: int | None, seed: int, verbose: bool = False) -> dict:
    cases = must_change_cases(docs)
    per: Counter = Counter()
    hit: Counter = Counter()
    misses: list[str] = []
    for kind in perturb.MUST_CHANGE:
        for doc, pid, _, new in perturb.sample([c for c in cases if c[2] == kind], n, seed):
            got = _statuses(_check_text(new, doc.suffix == ".md")).get(pid)
            per[kind] += 1
            if got == "weakened":
                hit[kind] += 1
            else:
                misses.append(f"{doc.parent.name}/{doc.name} [{kind}] {pid}: matching -> {got}")
                if verbose:
                    print(misses[-1], file=sys.stderr)
    total = sum(per.values())
    return {"cases": total, "weakened": sum(hit.values()), "rate": sum(hit.values()) / total if total else 1.0,
            "by_kind": {k: {"cases": per[k], "weakened": hit[k], "rate": hit[k] / per[k]} for k in per},
            "changes": misses}


def run(suites=SUITES, sample: int | None = None, seed: int = 11, verbose: bool = False) -> dict:
    docs = documents()
    out = {}
    picked = perturb.sample(docs, sample, seed)
    if "format" in suites:
        out["format"] = format_suite(picked, verbose=verbose)
    if "paraphrase" in suites:
        out["paraphrase"] = paraphrase_suite(picked, verbose=verbose)
    if "must-change" in suites:
        out["must-change"] = must_change_suite(docs if sample is None else perturb.sample(docs, 2 * sample, seed),
                                               sample, seed, verbose=verbose)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("suites", nargs="*", metavar="SUITE", help=f"one or more of {', '.join(SUITES)} (default: all)")
    ap.add_argument("--sample", type=int, default=None)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print each changed verdict")
    args = ap.parse_args(argv)
    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        ap.error(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}")
    result = run(args.suites or SUITES, args.sample, args.seed, args.verbose)
    for suite, r in result.items():
        unit = "verdicts" if suite != "must-change" else "cases"
        good = r.get("unchanged", r.get("weakened"))
        print(f"{suite}: {r['rate']:.3f} ({good} of {r[unit] if unit in r else r['verdicts']} {unit}"
              f"{', ' + str(r['documents']) + ' documents' if 'documents' in r else ''})")
        for kind, k in r["by_kind"].items():
            n = k.get("verdicts", k.get("cases"))
            print(f"  {kind:<16} {k['rate']:.3f}  ({n})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
