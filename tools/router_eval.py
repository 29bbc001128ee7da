"""Development-set scores with and without the trained router: `python tools/router_eval.py`."""
from __future__ import annotations

import io
import json
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devscore  # noqa: E402

from checker import api  # noqa: E402


def run(router: bool) -> dict:
    original = api.check_document

    def patched(document, corpus=None):
        return original(document, corpus, router=router)

    api.check_document = patched
    out = Path(f"/tmp/router-{router}.json")
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        devscore.score([str(devscore.ROOT / "tests" / "devset"), "--json", str(out)])
    api.check_document = original
    summary = json.loads(out.read_text())["summary"]
    summary["seconds_total"] = round(time.perf_counter() - start, 2)
    return summary


if __name__ == "__main__":
    for flag in (False, True):
        s = run(flag)
        print(f"router={flag}: macro-F1 {s['macro_f1']:.3f}  false assurance {s['false_assurance_rate']:.3f}  "
              f"accuracy {s['accuracy']:.3f}  evidence {s['evidence_hit_rate']:.3f}  {s['seconds_total']}s")
