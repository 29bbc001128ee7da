"""Text cleanup shared by every ingester: pages of raw lines in, clean text plus offset map out.

Removes running headers/footers, page numbers and margin line numbers; rejoins words hyphenated
across lines; normalizes ligatures and odd whitespace. Every emitted line records a breakpoint
(clean offset -> page, source line) so any character maps back to where it came from.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from checker.document import OffsetMap

_MAP: dict[int, str] = {
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    0x00AD: "", 0x200B: "", 0x200C: "", 0x200D: "", 0x2060: "", 0xFEFF: "",
    # pdfium reports a hyphen it judged "soft" (end-of-line) as U+FFFE.
    0xFFFE: "-", 0x2010: "-", 0x2011: "-",
}
for _cp in (0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
    _MAP[_cp] = " "
for _cp in range(0x20):
    _MAP.setdefault(_cp, "")
_MAP[0x7F] = ""
_TRANSLATE = str.maketrans(_MAP)
_SPACES = re.compile(r"  +")
_DIGITS = re.compile(r"\d+")
_EDGE_ROMAN = re.compile(r"^[ivxlc]{1,6}\b|\b[ivxlc]{1,6}$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*of\s*\d{1,5})?$", re.IGNORECASE
)
_MARGIN_NUMBER = re.compile(r"^\s{0,6}(\d{1,3})(?:\s{2,}|\s*$)")
# Lines that look like headings are never treated as running headers by shape alone
# (Safeway repeats "ARTICLE 3" at the top of each page the article continues on).
_HEADING_LIKE = re.compile(r"^(?:article|art\.|section|sec\.|appendix|§|\d+\.\d)", re.IGNORECASE)
_HYPHEN_END = re.compile(r"[^\W\d_]{2}-$")

EDGE_LINES = 3  # running headers/footers sit in the first/last 3 text lines of a page


_SOFT_BREAK = re.compile(r"([A-Za-z]*[a-z])\ufffe([a-z][A-Za-z]*)")
_TRAILING_WORD = re.compile(r"([^\W\d_]+)-$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")

# Prefixes of hyphenated compounds ("self-employed", "co-chair", "re-verify"). Long ones keep the
# hyphen whenever the joined form is not a known word; short ones, which also begin ordinary
# words split by hyphenation ("in-clude", "re-quired"), only when what follows is a word itself.
_LONG_PREFIXES = frozenset({"self", "well", "cross", "multi", "anti", "full", "part", "post"})
_SHORT_PREFIXES = frozenset({"non", "co", "ex", "pre", "re", "on", "off", "in"})


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """English word forms of spaCy's lemma lookup table (inflected forms and their lemmas).

    It lists words that inflect; "the" or "nonsense" are missing, so it is only trusted to say
    that a joined form IS a word, or that both halves are."""
    from checker.nlp import lemma_table

    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def keep_hyphen(left: str, right: str) -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen ("self-employed")
    rather than a word split across lines ("em-ployer"). `left`/`right` are the letters on
    each side."""
    lo, ro = left.lower(), right.lower()
    words = known_words()
    joined = lo + ro
    if joined in words:
        return False
    if lo in _LONG_PREFIXES:
        return True
    if lo in _SHORT_PREFIXES:
        return ro in words
    return lo in words and ro in words


def _soft_break(m: re.Match) -> str:
    return m.group(1) + ("-" if keep_hyphen(m.group(1), m.group(2)) else "") + m.group(2)


# A ligature some PDF converters write as a lone letter between spaces: "Of f ice", "af f ected",
# "f ield". Read as words, "of f ice" holds "ice" and "not ice" holds "ICE"; rejoined, they are the
# words they were.
_SPLIT_LIGATURE = re.compile(r"\b([A-Za-z]*) (f) ([a-z]+)\b")


def _join_ligature(m: re.Match) -> str:
    left, f, right = m.groups()
    words = known_words()
    if left and (left + f + right).lower() in words:
        return left + f + right
    if (f + right) in words and not (left and (left + f).lower() in words):
        return f"{left} {f}{right}" if left else f + right
    return m.group(0)


def normalize_line(line: str) -> str:
    """Ligatures expanded, invisible characters dropped, whitespace runs collapsed. Idempotent.

    pdfium joins a word hyphenated across lines itself and marks the join with U+FFFE: between
    lower-case letters that is a hyphenation to undo ("em\ufffeployer"), unless `keep_hyphen`
    says it joins a compound ("self\ufffeemployed"); else a real hyphen. A ligature written as a
    lone "f" between spaces is rejoined where the joined form is a known word ("of f ice")."""
    if "\ufffe" in line:
        line = _SOFT_BREAK.sub(_soft_break, line)
    line = _SPACES.sub(" ", line.translate(_TRANSLATE)).strip()
    if " f " in line:
        line = _SPLIT_LIGATURE.sub(_join_ligature, line)
    return line


@dataclass
class Cleaned:
    text: str
    offset_map: OffsetMap
    removed_lines: int = 0
    heading_hints: list[tuple[int, int]] = field(default_factory=list)


def strip_margin_numbers(lines: list[str]) -> list[str]:
    """Drop line numbers printed in the left margin (legal-style numbered pages).

    Only when most non-blank lines start with a small integer and the integers mostly count up
    by one, so a numbered list is not mistaken for margin numbering."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 5:
        return lines
    nums = []
    for ln in nonblank:
        m = _MARGIN_NUMBER.match(ln)
        if m:
            nums.append(int(m.group(1)))
    if len(nums) < max(5, 0.6 * len(nonblank)):
        return lines
    steps = sum(1 for a, b in zip(nums, nums[1:]) if b == a + 1)
    if steps < 0.6 * (len(nums) - 1):
        return lines
    return [_MARGIN_NUMBER.sub("", ln, count=1) if _MARGIN_NUMBER.match(ln) else ln for ln in lines]


def _edge_indexes(lines: list[str]) -> list[int]:
    idx = [i for i, ln in enumerate(lines) if ln]
    if len(idx) <= 2 * EDGE_LINES:  # a short page: only its first and last line can be furniture
        return idx[:1] + idx[-1:]
    return idx[:EDGE_LINES] + idx[-EDGE_LINES:]


def _shape(line: str) -> str:
    """A line with its page number folded out: "Page 12 of 115" and "Page 3 of 115" agree."""
    return _EDGE_ROMAN.sub("#", _DIGITS.sub("#", line.lower()))


def running_keys(pages: list[list[str]]) -> set[str]:
    """Shapes (digits folded) of lines repeated at the top/bottom of many pages."""
    n = len(pages)
    if n < 2:
        return set()
    counts: Counter[str] = Counter()
    literal: Counter[str] = Counter()
    for lines in pages:
        keys, lits = set(), set()
        for i in _edge_indexes(lines):
            ln = lines[i]
            lits.add(ln)
            if not _HEADING_LIKE.match(ln):
                keys.add(_shape(ln))
        counts.update(keys)
        literal.update(lits)
    # A third of the pages: front matter, TOC and appendices often carry no header.
    threshold = n if n < 4 else max(3, math.ceil(0.3 * n))
    keys = {k for k, c in counts.items() if c >= threshold}
    keys |= {"=" + s for s, c in literal.items() if c >= threshold and len(s) > 3}
    return keys


def clean_pages(pages: list[list[tuple[str, int]]], *, paged: bool, hints: dict[int, int] | None = None,
                drawn: bool = False) -> Cleaned:
    """`pages`: per page, (raw line, source line number). `paged=False` for text without page
    breaks: positions then carry page None and the file's own line numbers. `drawn=True`: pages a
    plain-text file draws with rules of "=" signs (no form feeds), whose running headers and
    footers go like a PDF's while positions still carry page None. `hints` are source line number
    -> Markdown heading level, reported back as (clean offset, level)."""
    norm_pages: list[list[str]] = []
    for page in pages:
        raw = strip_margin_numbers([t for t, _ in page]) if paged else [t for t, _ in page]
        norm_pages.append([normalize_line(t) for t in raw])
    running = running_keys(norm_pages) if paged or drawn else set()

    out: list[str] = []
    pos = 0
    omap = OffsetMap()
    removed = 0
    hint_offsets: list[tuple[int, int]] = []
    last = ""  # last emitted line ("" after a blank)
    blank_pending = False
    for pno, (page, lines) in enumerate(zip(pages, norm_pages), start=1):
        edges = set(_edge_indexes(lines)) if paged or drawn else set()
        page_no = pno if paged else None
        for i, ln in enumerate(lines):
            if not ln:
                blank_pending = bool(out)
                continue
            if i in edges and (
                _PAGE_NUMBER.match(ln)
                or ("=" + ln) in running
                or (not _HEADING_LIKE.match(ln) and _shape(ln) in running)
            ):
                removed += 1
                continue
            src_line = page[i][1]
            if last and not blank_pending and last[-1] == "-" and _HYPHEN_END.search(last) and ln[0].islower():
                if keep_hyphen(_TRAILING_WORD.search(last).group(1), _LEADING_WORD.match(ln).group(0)):
                    omap.add(pos, page_no, src_line)  # "self-" + "employed": the hyphen stays
                else:
                    out[-1] = out[-1][:-1]
                    pos -= 1
                    omap.add(pos, page_no, src_line)
                out.append(ln)
                pos += len(ln)
                last = ln
                continue
            if out:
                sep = "\n\n" if blank_pending else "\n"
                out.append(sep)
                pos += len(sep)
            blank_pending = False
            omap.add(pos, page_no, src_line)
            if hints and src_line in hints:
                hint_offsets.append((pos, hints[src_line]))
            out.append(ln)
            pos += len(ln)
            last = ln
    if not omap.offsets:
        omap.add(0, 1 if paged else None, 1)
    return Cleaned("".join(out), omap, removed, hint_offsets)
