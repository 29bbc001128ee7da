"""Show why the engine decided what it did: `python tools/explain.py DOC [PROTECTION_ID ...]`."""
from __future__ import annotations

import sys

from checker.api import check_file


def main(argv: list[str]) -> int:
    report = check_file(argv[0])
    for f in report.findings:
        if len(argv) > 1 and f.protection not in argv[1:]:
            continue
        if len(argv) == 1 and f.status == "missing":
            continue
        print(f"== {f.protection}: {f.status} ({f.confidence})")
        for i, ev in enumerate(f.evidence):
            print(f"   [{i}] §{ev.section} p{ev.page} l{ev.line}: {ev.text[:240]}")
        for d in f.deviations:
            print(f"   - {d.kind} e{d.element}: {d.explanation} | found={d.found!r} | rule={d.rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
