"""The development set's scores per folder as a Markdown table: `python tools/devtable.py`."""
from __future__ import annotations

import io
import json
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devscore  # noqa: E402

DEVSET = devscore.ROOT / "tests" / "devset"


def scores(folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.json"
        with redirect_stdout(io.StringIO()):
            devscore.score([str(folder), "--json", str(out)])
        return json.loads(out.read_text())["summary"]


def main() -> int:
    print("| folder | documents | macro-F1 | false assurance | evidence hits | accuracy |")
    print("|---|---|---|---|---|---|")
    for folder in [*sorted(p for p in DEVSET.iterdir() if p.is_dir()), DEVSET]:
        s = scores(folder)
        ev = "–" if s["evidence_hit_rate"] is None else f"{s['evidence_hit_rate']:.3f}"
        name = "**all**" if folder == DEVSET else folder.name
        print(f"| {name} | {s['documents']} | {s['macro_f1']:.3f} | {s['false_assurance_rate']:.3f} | {ev} | "
              f"{s['accuracy']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
