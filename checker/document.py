"""The value objects every stage after ingestion works on: a `Document` and its `Section` tree.

A `Document` holds the clean text of one input (headers, footers, page numbers and margin line
numbers removed; hyphenation rejoined; whitespace and ligatures normalized) and an offset map
from every character of that text back to the page and line of the source it came from.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourcePosition:
    page: int | None  # 1-based; None for inputs without pages
    line: int  # 1-based line in the source as extracted (text inputs: the file's own lines)


@dataclass
class OffsetMap:
    """Breakpoints (clean_offset, page, line), sorted by offset; a character maps to the last
    breakpoint at or before it. Built by the ingesters as they emit clean text."""

    offsets: list[int] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, offset: int, page: int | None, line: int) -> None:
        if self.offsets and offset == self.offsets[-1]:
            self.pages[-1], self.lines[-1] = page, line
            return
        self.offsets.append(offset)
        self.pages.append(page)
        self.lines.append(line)

    def position(self, offset: int) -> SourcePosition:
        i = bisect.bisect_right(self.offsets, offset) - 1
        if i < 0:
            return SourcePosition(self.pages[0] if self.pages else None, 1)
        return SourcePosition(self.pages[i], self.lines[i])


@dataclass
class Section:
    """One node of the article/section tree.

    `number` is the number as printed ("ARTICLE 16", "12.3.1", "(a)"); `key` is its normalized
    form used to resolve cross-references ("16", "12.3.1"). `start`/`end` span the section in
    `Document.text` including its heading and all its children.
    """

    index: int
    kind: str  # "article", "section", "subsection", "item", "appendix", "side_letter", "part"
    number: str
    key: str
    heading: str
    start: int
    end: int
    level: int
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    first_page: int | None = None
    last_page: int | None = None

    @property
    def label(self) -> str:
        return self.number or self.heading


@dataclass
class Document:
    path: str
    format: str  # pdf | docx | txt | md
    sha256: str
    text: str
    offset_map: OffsetMap
    pages: int | None = None
    sections: list[Section] = field(default_factory=list)
    toc_spans: list[tuple[int, int]] = field(default_factory=list)  # tables of contents
    warnings: list[str] = field(default_factory=list)
    # (clean offset, level) of lines that were Markdown headings in the source; a structure hint.
    heading_hints: list[tuple[int, int]] = field(default_factory=list)

    def position(self, offset: int) -> SourcePosition:
        return self.offset_map.position(offset)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing `offset`.

        Sections are stored in document order (pre-order), so the last one starting at or before
        `offset` is the deepest candidate; if it ended already, one of its ancestors holds it."""
        cached = self.__dict__.get("_starts")
        if cached is None or cached[0] is not self.sections or len(cached[1]) != len(self.sections):
            cached = (self.sections, [s.start for s in self.sections])
            self.__dict__["_starts"] = cached
        i = bisect.bisect_right(cached[1], offset) - 1
        if i < 0:
            return None
        s = self.sections[i]
        while s is not None and not (s.start <= offset < s.end):
            s = self.sections[s.parent] if s.parent is not None else None
        return s

    def ancestors(self, section: Section) -> list[Section]:
        chain = []
        while section.parent is not None:
            section = self.sections[section.parent]
            chain.append(section)
        return chain

    def in_toc(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.toc_spans)

    def resolve(self, reference: str, *, context: Section | None = None) -> Section | None:
        """Resolve a cross-reference such as "Section 8.4", "Article 10.VI.B" or "this Article"."""
        from checker.structure import resolve_reference  # structure owns numbering rules

        return resolve_reference(self, reference, context=context)
