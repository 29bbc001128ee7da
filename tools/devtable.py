"""The development set's scores per folder as a Markdown table: `python tools/devtable.py`.

Tuning folders first, then the frozen blind folders of tests/devset/PROTOCOL.toml (never tuned
or calibrated on) with the score each had when it was first run, and a total for each part.
"""
from __future__ import annotations

import io
import json
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devscore  # noqa: E402
import devsplit  # noqa: E402

DEVSET = devscore.ROOT / "tests" / "devset"


def scores(folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.json"
        with redirect_stdout(io.StringIO()):
            devscore.score([str(folder), "--json", str(out)])
        return json.loads(out.read_text())["summary"]


def _row(name: str, s: dict, first: str = "") -> str:
    ev = "–" if s["evidence_hit_rate"] is None else f"{s['evidence_hit_rate']:.3f}"
    return (f"| {name} | {s['documents']} | {s['macro_f1']:.3f} | {s['false_assurance_rate']:.3f} | {ev} | "
            f"{s['accuracy']:.3f} | {first} |")


def _first(entry: dict) -> str:
    if not entry:
        return ""
    return (f"{entry.get('macro_f1', 0):.3f} / {entry.get('false_assurance', 0):.3f} / "
            f"{entry.get('evidence_hits', 0):.3f} ({entry.get('date', '?')})")


def _pooled(folders: list[Path]) -> dict:
    """One score over several folders: the scorer run on a folder of links to their cases."""
    with tempfile.TemporaryDirectory() as tmp:
        return scores(devsplit.link_cases(folders, Path(tmp)))


def main() -> int:
    print("| folder | documents | macro-F1 | false assurance | evidence hits | accuracy | first score (F1 / FA / ev) |")
    print("|---|---|---|---|---|---|---|")
    tuning, blind = devsplit.tuning_folders(), devsplit.blind_folders()
    for folder in tuning:
        print(_row(folder.name, scores(folder)))
    print(_row("**tuning**", _pooled(tuning)))
    first = devsplit.first_scores()
    for folder in blind:
        print(_row(f"{folder.name} (blind)", scores(folder), _first(first.get(folder.name, {}))))
    if blind:
        print(_row("**blind (frozen)**", _pooled(blind)))
    print(_row("**all**", scores(DEVSET)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
