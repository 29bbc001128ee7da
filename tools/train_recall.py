"""Train the recall layer's domain word vectors (models/recall) from public contract text.

    python tools/train_recall.py --mirror DIR [--extra FILE.md ...] [--work /tmp/recall]

DIR is a git directory of the public-domain Oregon collective-bargaining collection
(github.com/OregonAI/oregon-collective-bargaining, brought onto the machine with any git
clone); its `agreements/**/*.md` at HEAD are read with `git show`, so no work tree is needed.
The raw text stays in --work (outside the repository); only the trained vectors and
models/recall/training.json (sources, commit, document and token counts, parameters, hashes)
are written to the repository. Needs floret (`pip install -e ".[train]"`, a development tool only: the
engine reads the vectors with spaCy, which it already depends on).

The vectors are floret vectors (fastText subword n-grams hashed into a small table), so a word
never seen in training still gets a vector from its character n-grams.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "recall"
PARAMS = {"model": "cbow", "dim": 64, "bucket": 20000, "minn": 4, "maxn": 5, "hashCount": 2,
          "epoch": 8, "minCount": 5, "thread": 1}  # one thread: the same corpus gives the same vectors
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def normalize(text: str) -> list[str]:
    """One lower-cased, word-only line per paragraph (frontmatter, numbers, layout removed)."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end > 0 else text
    text = re.sub(r"-\n\s*(?=[a-z])", "", text)  # hyphenated hard wraps
    out = []
    for para in re.split(r"\n\s*\n", text.lower()):
        words = WORD.findall(para)
        if len(words) >= 4:
            out.append(" ".join(words))
    return out


def git_docs(mirror: Path) -> tuple[str, list[tuple[str, str]]]:
    def git(*args: str) -> str:
        return subprocess.run(["git", "--git-dir", str(mirror), *args], check=True,
                              capture_output=True, text=True).stdout
    commit = git("rev-parse", "HEAD").strip()
    paths = [p for p in git("ls-tree", "-r", "--name-only", "HEAD", "agreements").splitlines() if p.endswith(".md")]
    return commit, [(p, git("show", f"HEAD:{p}")) for p in sorted(paths)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", type=Path, required=True, help="git directory of the Oregon collection")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="more public contract text files")
    ap.add_argument("--work", type=Path, default=Path("/tmp/recall"), help="where raw text goes (not the repo)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    import floret

    args.work.mkdir(parents=True, exist_ok=True)
    commit, docs = git_docs(args.mirror)
    docs += [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in args.extra]
    seen: set[str] = set()
    lines: list[str] = []
    for _, text in docs:
        for line in normalize(text):
            key = hashlib.sha1(line.encode()).hexdigest()
            if key not in seen:  # amended and blackline copies repeat whole articles
                seen.add(key)
                lines.append(line)
    corpus = args.work / "corpus.txt"
    corpus.write_text("\n".join(lines) + "\n")
    tokens = sum(len(line.split()) for line in lines)
    print(f"{len(docs)} documents, {len(lines)} unique paragraphs, {tokens} tokens", file=sys.stderr)
    model = floret.train_unsupervised(str(corpus), mode="floret", verbose=0, **PARAMS)
    vec = args.work / "recall.floret"
    model.save_floret_vectors(str(vec))
    args.out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "en", str(vec), str(args.out),
                    "--mode", "floret", "--name", "clausecheck_recall"], check=True)
    meta = {
        "sources": [{"repository": "https://github.com/OregonAI/oregon-collective-bargaining",
                     "commit": commit, "paths": "agreements/**/*.md",
                     "licence": "CC0-1.0 for the agreement text (the repository's LICENSE)"}]
        + [{"file": Path(p).name} for p in map(str, args.extra)],
        "documents": len(docs), "unique_paragraphs": len(lines), "tokens": tokens,
        "corpus_sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(),
        "floret": floret.__version__ if hasattr(floret, "__version__") else "0.10.5",
        "params": PARAMS,
    }
    (args.out / "training.json").write_text(json.dumps(meta, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
