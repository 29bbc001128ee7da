"""A minimal custom clause pack for tests: its pack file, a two-concept lexicon, and a writer."""
from __future__ import annotations

import textwrap
from pathlib import Path

PACK = "name: test-pack\nversion: '1'\n"
LEXICON = textwrap.dedent("""\
    concepts:
      imm:
        description: immigration
        terms: [immigration]
      tell:
        description: notice
        terms: [notify]
    """)


def write_pack(directory: Path, protections: dict[str, str], *, pack: str = PACK, lexicon: str = LEXICON) -> Path:
    """A pack folder with `pack.yaml`, `lexicon/base.yaml` and one file per protection id."""
    (directory / "lexicon").mkdir(exist_ok=True)
    (directory / "pack.yaml").write_text(pack, encoding="utf-8")
    (directory / "lexicon" / "base.yaml").write_text(lexicon, encoding="utf-8")
    for pid, text in protections.items():
        (directory / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return directory
