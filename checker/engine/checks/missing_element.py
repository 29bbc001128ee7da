"""A core element the document does not state at all (no detector of the element finds it), or
a part of a duty its `scope` rule marks `kind: missing_element`."""
from __future__ import annotations

from checker.engine.checks.base import Check
from checker.result import Deviation


def find(el, protection: str = "") -> Deviation:
    return Deviation("missing_element", el.index, f"not found: {el.description}", None, el.description,
                     f"{protection}.e{el.index}.detect" if protection else "missing_element")


CHECK = Check("missing_element", "missing_element", 3, "element", find,
              "a core element stated nowhere in the document")
