"""A Document's section tree as text (for eyes) or JSON (for tools): `clausecheck parse`."""
from __future__ import annotations

import json

from checker.document import Document, Section


def _pages(s: Section) -> str:
    if s.first_page is None:
        return ""
    if s.last_page in (None, s.first_page):
        return f"  (p. {s.first_page})"
    return f"  (pp. {s.first_page}–{s.last_page})"


def outline_text(doc: Document, *, max_level: int | None = None) -> str:
    pages = f"{doc.pages} pages" if doc.pages is not None else "no pages"
    out = [f"{doc.path}  [{doc.format}, {pages}, {len(doc.text):,} characters, {len(doc.sections)} sections]"]
    for w in doc.warnings:
        out.append(f"warning: {w}")
    for a, b in doc.toc_spans:
        pa, pb = doc.position(a).page, doc.position(max(a, b - 1)).page
        where = f" (pp. {pa}–{pb})" if pa is not None and pa != pb else (f" (p. {pa})" if pa else "")
        out.append(f"table of contents{where}")
    for s in doc.sections:
        if max_level is not None and s.level > max_level:
            continue
        head = f"{s.number}  {s.heading}".strip() if s.number else s.heading
        out.append("  " * (s.level - 1) + head + _pages(s))
    return "\n".join(out)


def outline_dict(doc: Document) -> dict:
    return {
        "path": doc.path,
        "format": doc.format,
        "sha256": doc.sha256,
        "pages": doc.pages,
        "characters": len(doc.text),
        "warnings": list(doc.warnings),
        "toc_spans": [list(span) for span in doc.toc_spans],
        "sections": [
            {
                "index": s.index, "kind": s.kind, "number": s.number, "key": s.key, "heading": s.heading,
                "level": s.level, "start": s.start, "end": s.end, "parent": s.parent,
                "children": list(s.children), "first_page": s.first_page, "last_page": s.last_page,
            }
            for s in doc.sections
        ],
    }


def outline_json(doc: Document) -> str:
    return json.dumps(outline_dict(doc), indent=2, ensure_ascii=False)
