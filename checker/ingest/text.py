"""Plain text and Markdown: encoding detection, form feeds as page breaks, Markdown markup off."""
from __future__ import annotations

import codecs
import re

from checker.ingest.cleanup import Cleaned, clean_pages

_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")
# Every inline pattern below is linear in the line's length: a span's content cannot run past the
# next delimiter of its kind, so a line of unclosed openers ("_a _a _a …", "[[[", "[](" runs) is
# scanned once rather than once per opener (which froze a 120 KB line for ~45 s).
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_MD_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MD_STRONG = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_MD_EM = re.compile(r"(?<![\w*])(?:\*(?=\S)([^*]+?)(?<=\S)\*|_(?=\S)([^_]+?)(?<=\S)_)(?![\w*])")
_MD_CODE = re.compile(r"`([^`]*)`")
# What is left of emphasis that spans lines ("**twelve" ... "(12)**"): markers at a word's edge.
_MD_OPEN_MARK = re.compile(r"(?<![\w*_])(\*\*|__|\*)(?=[\w\[(\"“'])")
_MD_CLOSE_MARK = re.compile(r"(?<=[\w.,;:)\]\"”'])(\*\*|__|\*)(?![\w*_])")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")  # |---|:--:|


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when `data` looks like BOM-less UTF-16 text, else None.

    Latin-script text in UTF-16 has a NUL as the high byte of most characters: many NULs at odd
    offsets and almost none at even ones (little-endian), or the reverse (big-endian). Binary
    data has NULs at both. The sample must also decode to mostly printable text."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    for nuls, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * pairs and other <= 0.02 * pairs:
            text = sample.decode(enc, errors="replace")
            printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t\f")
            if printable >= 0.95 * len(text):
                return enc
    return None


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16/32 with BOM, UTF-16 without BOM (by its NUL bytes), else cp1252
    (which also reads Latin-1 text)."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if b"\x00" in data[:4096]:
        enc = utf16_without_bom(data)
        if enc:
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def strip_markdown(line: str) -> tuple[str, int]:
    """One Markdown line as plain text, and its heading level (0 if not a heading)."""
    level = 0
    m = _MD_HEADING.match(line)
    if m:
        level, line = len(m.group(1)), m.group(2).rstrip().rstrip("#").rstrip()
    elif _MD_RULE.match(line) or _MD_TABLE_RULE.match(line):
        return "", 0
    line = _MD_BLOCKQUOTE.sub("", line)
    if "<" in line:
        line = _MD_AUTOLINK.sub(r"\1", line)
        line = _HTML_TAG.sub(" ", line)
    if "](" in line:
        line = _MD_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MD_STRONG.sub(_span_text, line)
        line = _MD_EM.sub(_span_text, line)
        if "*" in line or "__" in line:
            line = _MD_CLOSE_MARK.sub("", _MD_OPEN_MARK.sub("", line))
    if "`" in line:
        line = _MD_CODE.sub(r"\1", line)
    return line, level


def _span_text(m: re.Match) -> str:
    return m.group(1) if m.group(1) is not None else m.group(2)


def read_text(data: bytes, *, markdown: bool) -> tuple[Cleaned, int | None]:
    """Clean text and page count (None when the file has no form feeds)."""
    text = decode(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    if markdown and lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 400)):
            if _FRONT_MATTER_END.match(lines[i]):
                start = i + 1
                break
    paged = "\f" in text
    pages: list[list[tuple[str, int]]] = [[]]
    hints: dict[int, int] = {}
    for lineno in range(start + 1, len(lines) + 1):
        line = lines[lineno - 1]
        if paged and "\f" in line:
            parts = line.split("\f")
            for k, part in enumerate(parts):
                if k:
                    pages.append([])
                if part.strip():
                    pages[-1].append(_md(part, lineno, hints) if markdown else (part, lineno))
            continue
        pages[-1].append(_md(line, lineno, hints) if markdown else (line, lineno))
    if paged and len(pages) > 1 and not any(t.strip() for t, _ in pages[-1]):
        pages.pop()  # a trailing form feed ends the last page; it does not start a new one
    drawn = None if paged or markdown else _drawn_pages(pages)
    if drawn:
        pages = drawn
    cleaned = clean_pages(pages, paged=paged, hints=hints, drawn=bool(drawn))
    return cleaned, (len(pages) if paged else None)


_PAGE_RULE = re.compile(r"^\s*={20,}\s*$")
_PAGE_NUMBERED = re.compile(r"\bpage\s+\d{1,4}\b|^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$", re.IGNORECASE)


def _drawn_pages(pages: list[list[tuple[str, int]]]) -> list[list[tuple[str, int]]] | None:
    """A plain-text file laid out in pages drawn with full rules of "=" signs between them (a page's
    footer with its page number, the rule, the next page's header): its lines split into those
    pages, the rules dropped, so running headers and footers are found as in a PDF. None when fewer
    than two such rules."""
    lines = pages[0]
    # a rule is a page break only right after a page number ("... Page 31", "- 12 -"); a rule under a
    # heading (a setext-style underline) is not
    breaks = set()
    for k, (t, _) in enumerate(lines):
        if _PAGE_RULE.match(t):
            before = [x for x, _ in lines[max(0, k - 4):k] if x.strip()][-2:]
            if any(_PAGE_NUMBERED.search(x) for x in before):
                breaks.add(k)
    if len(breaks) < 2:
        return None
    out: list[list[tuple[str, int]]] = [[]]
    for k, (t, n) in enumerate(lines):
        if k in breaks:
            out.append([])
        else:
            out[-1].append((t, n))
    return [p for p in out if any(t.strip() for t, _ in p)] or None


def _md(line: str, lineno: int, hints: dict[int, int]) -> tuple[str, int]:
    text, level = strip_markdown(line)
    if level:
        hints[lineno] = level
    return text, lineno
