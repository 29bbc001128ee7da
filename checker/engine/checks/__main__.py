"""`python -m checker.engine.checks [--write]`: the registry as the table clause_corpus/README.md
shows; `--write` also brings the report schema's `kind` enum and that table up to date."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from checker.engine.checks import KINDS, markdown_table

_PACKAGE = Path(__file__).resolve().parents[2]
SCHEMA = _PACKAGE / "schemas" / "report.schema.json"
README = _PACKAGE.parent / "clause_corpus" / "README.md"
_TABLE = re.compile(r"^\| check \| kind \|.*?(?=\n\n|\Z)", re.S | re.M)
_ENUM = re.compile(r'("kind": \{"enum": )\[[^\]]*\]')


def write() -> None:
    schema = SCHEMA.read_text(encoding="utf-8")
    SCHEMA.write_text(_ENUM.sub(lambda m: m.group(1) + json.dumps(list(KINDS)), schema, count=1), encoding="utf-8")
    if README.is_file():
        README.write_text(_TABLE.sub(lambda m: markdown_table(), README.read_text(encoding="utf-8"), count=1),
                          encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write()
    print(markdown_table())
