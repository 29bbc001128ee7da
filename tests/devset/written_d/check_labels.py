"""Validate the labels of written_d: TOML parses, ids exist in the catalog, statuses/deviations are
legal, and every evidence phrase occurs in the extracted text (case- and whitespace-insensitive).
Run from the repository root:  .venv/bin/python tests/devset/written_d/check_labels.py"""
import glob
import os
import re
import sys
import tomllib

sys.path.insert(0, os.getcwd())
from checker.ingest import load_document  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = "/work/shared/spec/protections.toml"
DEV = {"modality", "hedge", "parameter", "scope", "missing_element", "discretion", "reversed"}
norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731

ids = {p["id"] for p in tomllib.load(open(CATALOG, "rb"))["protection"]}
bad = 0
for lf in sorted(glob.glob(os.path.join(HERE, "*.labels.toml"))):
    lab = tomllib.load(open(lf, "rb"))
    doc = os.path.join(HERE, lab["document"])
    text = norm(load_document(doc).text)
    for pid, e in lab.get("expect", {}).items():
        errs = []
        if pid not in ids:
            errs.append("unknown id")
        st = e.get("status")
        if st not in ("matching", "weakened", "missing"):
            errs.append("bad status")
        if st in ("matching", "weakened"):
            ev = e.get("evidence", "")
            n = len(ev.split())
            if not 3 <= n <= 12:
                errs.append(f"evidence has {n} words")
            if norm(ev) not in text:
                errs.append(f"evidence not found: {ev!r}")
        if st == "weakened" and not e.get("deviations"):
            errs.append("weakened without deviations")
        if set(e.get("deviations", [])) - DEV:
            errs.append("bad deviation")
        if "accept" in e and st not in e["accept"]:
            errs.append("accept lacks status")
        if not e.get("why"):
            errs.append("no why")
        for m in errs:
            bad += 1
            print(f"{os.path.basename(lf)} {pid}: {m}")
    print(f"{os.path.basename(lf)}: {len(lab.get('expect', {}))} entries checked")
sys.exit(1 if bad else 0)
