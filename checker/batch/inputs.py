"""Which files an audit covers: folders (walked), globs, explicit files and list files."""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable

from checker.errors import UsageError
from checker.ingest import find_documents

GLOB_CHARS = set("*?[")


def discover(sources: Iterable[str], *, from_list: str | None = None) -> list[str]:
    """Absolute paths of every input, each once, in a stable order.

    A folder contributes the contract files (by extension) under it, hidden ones excluded; a glob
    or an explicit file (or a line of the list file) is taken as is, so a wrongly named or broken
    file there gets an error record rather than silently vanishing."""
    found: list[str] = []
    for src in sources:
        if os.path.isdir(src):
            found.extend(find_documents(src))
        elif GLOB_CHARS & set(src) and not os.path.exists(src):
            matches = sorted(glob.glob(src, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {src!r}", hint="check the pattern; quote it so the shell leaves it alone")
            for m in matches:
                found.extend(find_documents(m) if os.path.isdir(m) else [m])
        else:
            found.append(src)  # missing files are recorded as E201 documents, not a usage error
    if from_list is not None:
        try:
            with open(from_list, encoding="utf-8") as fh:
                lines = [ln.strip() for ln in fh]
        except OSError as exc:
            raise UsageError(f"cannot read the list file ({exc.strerror})", hint="give a text file with one path a line") from None
        base = os.path.dirname(os.path.abspath(from_list))
        found.extend(os.path.join(base, ln) for ln in lines if ln and not ln.startswith("#"))
    seen: set[str] = set()
    unique = []
    for p in found:
        a = os.path.abspath(p)
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return unique
