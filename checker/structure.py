"""The article/section tree of a `Document`, its tables of contents, and cross-reference lookup.

One pass over the clean text's lines. Headings are recognised conservatively: a line must
start with a heading form ("ARTICLE 16", "Section 12.3", "12.3.1", "(a)") and must not read as
the continuation of a wrapped sentence ("12 hours", "Section 4 of this Article")."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from checker.document import Document, Section

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN "
    "SEVENTEEN EIGHTEEN NINETEEN TWENTY".split(), start=1)}


def roman_to_int(s: str) -> int | None:
    """Value of a Roman numeral (either case), or None if `s` is not a well-formed one."""
    u = s.upper()
    if not u or not _ROMAN_RE.match(u):
        return None
    total = 0
    for a, b in zip(u, u[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def int_to_roman(n: int) -> str:
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def letter_to_int(s: str) -> int | None:
    """a=1 … z=26, aa=27 (Word's doubling); None if not letters."""
    if not s.isalpha() or len(set(s.lower())) != 1:
        return None
    return (len(s) - 1) * 26 + ord(s[0].lower()) - ord("a") + 1


def normalize_component(comp: str) -> str:
    """'012' -> '12', 'XII' -> '12', 'b' -> 'B'. Single I/V/X letters stay letters."""
    c = comp.strip().strip(".")
    if c.isdigit():
        return str(int(c))
    if len(c) > 1 and roman_to_int(c):
        return str(roman_to_int(c))
    return c.upper()


def _variants(comp: str) -> set[str]:
    c = comp.strip().strip(".")
    out = {normalize_component(c)}
    r = roman_to_int(c)
    if r:
        out.add(str(r))
    return out


# ---- heading forms -------------------------------------------------------------------------
_SEP = r"[\s.:\-–—]*"
_ARTICLE = re.compile(
    r"^(?P<word>ARTICLE|Article|ART\.|Art\.|ARTICULO|ARTÍCULO|Artículo)\s*"
    r"(?P<num>\d{1,3}(?:\.\d{1,3})*[A-Z]{0,2}(?:,[A-Z]{1,2})*|[IVXLC]{1,7}\b|"
    + "|".join(_WORD_NUMBERS) + r"\b)(?P<rest>.*)$"
)
_SECTION = re.compile(
    r"^(?P<word>SECTION|Section|SEC\.|Sec\.|§)\s*(?P<num>\d{1,3}(?:\.\d{1,3})*[A-Za-z]?|[A-Z]\b|[IVX]{1,5}\b)(?P<rest>.*)$"
)
_DECIMAL = re.compile(r"^(?P<num>\d{1,3}(?:\.(?:\d{1,3}|[IVX]{1,5}|[A-Z]))+)\.?(?P<rest>(?:\s.*)?)$")
# "D-1. Who is protected", "A-12 Wages", "12-3 Overtime": schedule- or appendix-style numbers
_HYPHEN = re.compile(r"^(?P<num>[A-Z]{1,2}-\d{1,3}(?:\.\d{1,3})*|\d{1,3}-\d{1,3})\.?(?P<rest>\s+\S.*)$")
_PAREN = re.compile(r"^\((?P<num>[a-z]{1,2}|[ivxl]{1,6}|\d{1,2}|[A-Z]{1,2}|[IVX]{1,5})\)(?P<rest>(?:\s.*)?)$")
_DOT = re.compile(r"^(?P<num>[A-Z]|[IVX]{2,5}|\d{1,2}|[a-z]|[ivx]{2,5})[.)](?P<rest>\s+\S.*)$")
_APPENDIX = re.compile(
    r"^(?P<word>APPENDIX|Appendix|ATTACHMENT|Attachment|EXHIBIT|Exhibit|ADDENDUM|Addendum)"
    r"(?:\s+[\"“]?(?P<num>[A-Z]{1,2}|\d{1,3}|[IVX]{1,5})[\"”]?(?:\b|$|(?<=[\"”])))?(?P<rest>.*)$"
)
_SIDE = re.compile(
    r"^(?P<word>SIDE LETTER|LETTER OF (?:UNDERSTANDING|AGREEMENT|INTENT)|MEMORANDUM OF (?:UNDERSTANDING|AGREEMENT)|"
    r"Side Letter|Letter of (?:Understanding|Agreement|Intent)|Memorandum of (?:Understanding|Agreement))"
    r"(?P<rest>.*)$"
)
_ID = re.compile(r"^[\s#:.\-–—]*(?:(?:No|NO|no)\.?\s*)?([A-Z0-9][\w.\-]*\d[\w.\-]*|\d+|[A-Z])\b")
# One cheap test before the specific patterns: most body lines fail it and cost one match.
_MAYBE_HEADING = re.compile(
    r"^(?:ART|Art|SEC|Sec|§|\d|\(|[A-Za-z]{1,5}[.)]\s|[A-Z]{1,2}-\d|APPENDIX|Appendix|ATTACHMENT|Attachment|EXHIBIT|Exhibit|"
    r"ADDENDUM|Addendum|SIDE|Side|LETTER|Letter|MEMORANDUM|Memorandum)"
)

# ---- tables of contents ----------------------------------------------------------------------
_TOC_TITLE = re.compile(r"^(?:TABLE OF CONTENTS|Table of Contents|CONTENTS|Contents|INDEX)\s*$")
# Possessive runs that start only where a run starts: a line of 90 leader dots with no page number
# backtracked through every start and length (0.5-0.8 ms a line, 0.04 s of a 150-page PDF's TOCs);
# the lines it matches are the same (checked on 300,000 random strings of dots, spaces and digits).
_LEADER_PAGE = re.compile(r"(?:(?<!\.)\.{4,}+|(?<!…)…{2,}+|(?<!\. )(?:\. ){3,}+|(?<!_)_{4,}+)\s*\.?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_TRAILING_PAGE = re.compile(r"\s\d{1,3}\s*$")
_TITLED_PAGE = re.compile(r"^\S+\s+\S+\s.*[^\d\s]\s+\d{1,3}$")  # "Article 9 HOLIDAYS 17", not "ARTICLE 41"
_BARE_NUMBER = re.compile(r"^\d{1,3}$")


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def find_toc_spans(lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Runs of TOC entries: at least three lines with dot leaders and a page number (up to three
    other lines between neighbours: wrapped titles, page furniture), or at least three adjacent
    heading forms ending in a page number ("Article 9 HOLIDAYS 17") with nothing between."""
    spans = []
    run: list[int] = []  # indexes of TOC-like lines in the current run
    gap = 0
    leaders = titled = 0

    def close():
        nonlocal run, leaders, titled, gap
        if leaders >= 3 or titled >= 3:
            first = run[0]
            # claim a "TABLE OF CONTENTS" title just above the run
            for k in range(first - 1, max(first - 4, -1), -1):
                if _TOC_TITLE.match(lines[k][1]):
                    first = k
                    break
            last = run[-1]
            spans.append((lines[first][0], lines[last][0] + len(lines[last][1])))
        run, leaders, titled, gap = [], 0, 0, 0

    for i, (_, line) in enumerate(lines):
        if not line:
            continue
        if not (line[-1].isdigit() or line[-1] in "ivxlc") and not run:
            continue  # every TOC entry ends in a page number; most body lines do not
        leader = _LEADER_PAGE.search(line) is not None
        heading = not leader and len(line) < 140 and _TITLED_PAGE.match(line) is not None and _is_heading_form(line)
        weak = bool(run) and (_BARE_NUMBER.match(line) is not None or _TOC_TITLE.match(line) is not None
                              or (_TRAILING_PAGE.search(line) is not None and len(line) < 80))
        if leader or heading or weak:
            run.append(i)
            leaders += leader
            titled += heading
            gap = 0
        elif run:
            gap += 1
            if gap > (3 if leaders else 0):
                close()
    if run:
        close()
    return spans


def _is_heading_form(line: str) -> bool:
    return bool(_ARTICLE.match(line) or _SECTION.match(line) or _DECIMAL.match(line) or _APPENDIX.match(line))


# ---- the tree ------------------------------------------------------------------------------
@dataclass
class _Open:
    index: int
    rank: int
    style: str  # item style ("paren-lower", "dot-digit", …) or "" for structural nodes
    value: str  # the item's number, for roman/letter disambiguation


# Open list levels at most: real contracts nest five or six (Article > Section > (a) > (1) > (i) >
# (A)). A list restarting at "(a)" under an open "(a)" nests in it; past this depth it does not, so
# hostile text repeating "(a)" cannot build a stack as deep as the document is long (each line
# then scanned the whole stack: 1,000 lines took 80 s).
MAX_LIST_DEPTH = 16

_FIRST_SENTENCE = re.compile(r"^(.{1,80}?)[.:](?:\s|$)")


def _heading_text(rest: str) -> str:
    """Heading words after the number: the first sentence if it is short, else the short line."""
    rest = rest.strip().lstrip(".:-–—)").strip()
    if not rest:
        return ""
    m = _FIRST_SENTENCE.match(rest)
    if m and len(m.group(1).split()) <= 10:
        return m.group(1).strip()
    if len(rest) <= 80 and not rest.endswith((".", ",", ";")) and (rest.upper() == rest or len(rest.split()) <= 6):
        return rest
    return ""


def _title(rest: str) -> str:
    """An article's title: everything after the number on its line, if it is title-sized."""
    rest = rest.strip().lstrip(".:-–—)").strip()
    return rest if len(rest) <= 140 else _heading_text(rest)


def _rest_ok(rest: str) -> bool:
    """The words after a number do not read as the middle of a sentence ("12 hours", "4 of")."""
    r = rest.strip()
    if not r:
        return True
    if r[0] in ".:-–—)":
        return True
    return not r[0].islower()


def _item_style(num: str, paren: bool, stack: list[_Open]) -> tuple[str, str]:
    """Style and value of a list item, telling (i)/(v)/(x) roman from letters by their siblings."""
    prefix = "paren" if paren else "dot"
    open_styles = {o.style: o.value for o in stack if o.style}
    if num.isdigit():
        return f"{prefix}-digit", num
    lower = num.islower()
    letter_style = f"{prefix}-{'lower' if lower else 'upper'}"
    roman_style = f"{prefix}-{'lroman' if lower else 'uroman'}"
    r = roman_to_int(num)
    if r is None:
        return letter_style, num
    prev_letter = open_styles.get(letter_style)
    if len(num) == 1:
        if prev_letter and letter_to_int(prev_letter) == (letter_to_int(num) or 0) - 1:
            return letter_style, num
        if num.lower() == "i" or roman_style in open_styles:
            return roman_style, num
        return letter_style, num
    if prev_letter and letter_to_int(prev_letter) == (letter_to_int(num) or 0) - 1:
        return letter_style, num
    return roman_style, num


def _ordinal(value: str, style: str) -> int:
    """1 for "1", "a", "A", "i"; 2 for "2", "b", "ii" …, by the list's style."""
    if value.isdigit():
        return int(value)
    if "roman" in style:
        return roman_to_int(value) or 0
    return letter_to_int(value) or 0


def build_sections(document: Document) -> None:
    """Fill `document.sections` (document order, parents before children) and `toc_spans`."""
    text = document.text
    lines = list(_lines(text))
    toc = find_toc_spans(lines)
    document.toc_spans = toc
    hints = dict(document.heading_hints)
    sections: list[Section] = []
    stack: list[_Open] = []
    toc_i = 0
    seen_article = False
    in_annex = False  # past the first appendix or side letter
    article_keys: set[str] = set()
    max_article = 0
    side_count = 0
    prev_line = ""
    count_before = 0  # sections before the previous line: more now means it was a heading

    def close_to(rank: int, at: int) -> None:
        while stack and stack[-1].rank >= rank:
            sections[stack.pop().index].end = at

    def open_node(kind: str, number: str, key: str, heading: str, start: int, rank: int,
                  style: str = "", value: str = "") -> Section:
        close_to(rank, start) if not style else None
        parent = stack[-1].index if stack else None
        level = sections[parent].level + 1 if parent is not None else 1
        s = Section(index=len(sections), kind=kind, number=number, key=key, heading=heading,
                    start=start, end=len(text), level=level, parent=parent)
        sections.append(s)
        if parent is not None:
            sections[parent].children.append(s.index)
        stack.append(_Open(s.index, rank, style, value))
        return s

    def current(kinds: tuple[str, ...]) -> Section | None:
        for o in reversed(stack):
            if sections[o.index].kind in kinds:
                return sections[o.index]
        return None

    def next_line_heading(i: int) -> str:
        for j in range(i + 1, min(i + 3, len(lines))):
            cand = lines[j][1]
            if not cand:
                continue
            if (len(cand) <= 90 and cand.upper() == cand and any(ch.isalpha() for ch in cand)
                    and not _is_heading_form(cand) and not _PAREN.match(cand)):
                return cand
            return ""
        return ""

    for i, (start, line) in enumerate(lines):
        if not line:
            prev_line = ""
            count_before = len(sections)
            continue
        while toc_i < len(toc) and toc[toc_i][1] <= start:
            toc_i += 1
        if toc_i < len(toc) and toc[toc_i][0] <= start < toc[toc_i][1]:
            prev_line = line
            continue
        prev_heading = len(sections) > count_before
        # a wrapped sentence runs on: previous line long and ending mid-sentence
        continuation = (not prev_heading and len(prev_line) >= 30
                        and (prev_line[-1].islower() or prev_line[-1] in ",-–"))
        md_level = hints.get(start, 0)
        if md_level:
            continuation = False
        prev_line = line
        count_before = len(sections)
        if not md_level and not _MAYBE_HEADING.match(line):
            continue

        m = _ARTICLE.match(line)
        if m:
            upper = m.group("word").isupper()
            rest = m.group("rest")
            if m.group("num") in _WORD_NUMBERS and not upper:
                m = None
            elif not _rest_ok(rest) or len(rest) > 120 or (continuation and not upper):
                m = None
            elif not upper and rest.strip() and rest.strip()[0] not in ".:-–—" and rest.upper() != rest:
                m = None if (continuation or rest.rstrip().endswith(".")) else m
        if m:
            num = m.group("num")
            if num in _WORD_NUMBERS:
                key = str(_WORD_NUMBERS[num])
            elif roman_to_int(num):  # an article number is never a letter: ARTICLE X is 10
                key = str(roman_to_int(num))
            else:
                key = ".".join(normalize_component(c) for c in num.split("."))
            art = current(("article",))
            if art is not None and art.key == key and stack and sections[stack[0].index].kind == "article":
                continue  # the article's title repeated at the top of a continuation page
            lead = key.split(".")[0]
            lead_n = int(lead) if lead.isdigit() else 0
            if in_annex and (key in article_keys or lead_n <= max_article):
                continue  # a letter's subject line ("Article 22 – No Discrimination"), not a new article
            article_keys.add(key)
            max_article = max(max_article, lead_n)
            heading = _title(m.group("rest")) if m.group("rest").strip() else next_line_heading(i)
            open_node("article", f"{m.group('word')} {num}".replace("  ", " "), key, heading, start, 1)
            seen_article = True
            continue

        m = _SIDE.match(line)
        if m and seen_article and not continuation and len(line) <= 120 and _rest_ok(m.group("rest")):
            rest = m.group("rest")
            idm = _ID.match(rest)
            side_count += 1
            key = idm.group(1) if idm else str(side_count)
            in_annex = True
            # letters collected in an appendix ("APPENDIX A – LETTERS OF AGREEMENT") nest in it
            rank = 2 if stack and sections[stack[0].index].kind == "appendix" else 1
            # "SIDE LETTER NO. 1 — IMMIGRATION LEAVE": number "SIDE LETTER NO. 1", heading the title
            number = (m.group("word") + rest[:idm.end()]).strip() if idm else (line if len(line) <= 60 else m.group("word"))
            open_node("side_letter", number, key, _heading_text(rest[idm.end():] if idm else rest), start, rank)
            continue

        m = _APPENDIX.match(line)
        if m and not continuation and len(line) <= 120 and _rest_ok(m.group("rest")) and (
                m.group("word").isupper() or m.group("num")) and (seen_article or md_level):
            num = m.group("num") or ""
            key = normalize_component(num) if num else str(sum(1 for s in sections if s.kind == "appendix") + 1)
            top = sections[stack[0].index] if stack else None
            if num and top is not None and top.kind == "appendix" and top.key == key:
                continue  # the appendix title repeated at the top of each of its pages
            heading = _title(m.group("rest")) or next_line_heading(i)
            in_annex = True
            open_node("appendix", f"{m.group('word')} {num}".strip(), key, heading, start, 1)
            continue

        m = _SECTION.match(line)
        if m and not continuation and _rest_ok(m.group("rest")):
            num = m.group("num")
            key = ".".join(normalize_component(c) for c in num.split("."))
            open_node("section", f"{m.group('word')} {num}".replace("§ ", "§"), key,
                      _heading_text(m.group("rest")), start, 2)
            continue

        m = _DECIMAL.match(line)
        if m and not continuation and _rest_ok(m.group("rest")):
            num = m.group("num")
            comps = num.split(".")
            art = current(("article", "appendix"))
            art_first = art.key.split(".")[0] if art is not None else None
            if art is None or not art_first.isdigit() or normalize_component(comps[0]) == art_first:
                depth = len(comps)
                key = ".".join(normalize_component(c) for c in comps)
                rank = depth
                # "SECTION 4" / "§ 12" opened as a whole-number section: its "4.1", "12.2" nest in it
                whole = next((o for o in reversed(stack) if sections[o.index].kind == "section"
                              and "." not in sections[o.index].key and not o.style), None)
                if whole is not None and depth >= 2 and sections[whole.index].key == normalize_component(comps[0]):
                    rank = whole.rank + depth - 1
                open_node("section" if depth == 2 else "subsection", num, key,
                          _heading_text(m.group("rest")), start, rank)
                continue

        m = _HYPHEN.match(line)
        if m and not continuation and _rest_ok(m.group("rest")):
            num = m.group("num")
            open_node("section", num, num, _heading_text(m.group("rest")), start, 2)
            continue

        paren = _PAREN.match(line)
        m = paren or _DOT.match(line)
        if md_level and m and paren is None and m.group("num").isdigit():
            # "## 6. E-Verify": a Markdown heading numbered like a list item is a section
            top = m.group("num")
            open_node("section", f"{top}.", top, m.group("rest").strip(), start, 2)
            continue
        top_open = sections[stack[0].index] if stack else None
        numbered_top = (top_open is not None and top_open.kind == "section" and top_open.number.endswith(".")
                        and top_open.key.isdigit())
        if m and paren is None and m.group("num").isdigit() and not continuation \
                and m.group("rest").strip()[:1].isupper() \
                and (not stack or numbered_top and int(m.group("num")) == int(top_open.key) + 1):
            # "1. Definitions. In this MOA ...": numbered paragraphs of a document without articles
            top = m.group("num")
            open_node("section", f"{top}.", top, _heading_text(m.group("rest")), start, 2)
            continue
        if m and stack:
            num = m.group("num")
            rest = m.group("rest")
            if paren is None and (continuation or not rest.strip()[:1].isupper() and not rest.strip()[:1] in "“\"("):
                m = None
            elif paren is not None and continuation and rest.strip()[:1].islower():
                m = None
        else:
            m = None
        if m:
            style, value = _item_style(num, paren is not None, stack)
            # The next number of an open list closes that item and everything under it; a list
            # starting again at 1/a/i under an open item of the same style is nested in it.
            # (open items of this style with only list items above them: one pass, not one per item)
            plain = max((j for j in range(len(stack)) if not stack[j].style), default=-1)
            same = [k for k in range(plain + 1, len(stack)) if stack[k].style == style]
            succ = [k for k in same if _ordinal(value, style) == _ordinal(stack[k].value, style) + 1]
            if len(succ) > 1:  # two open lists could continue: the one whose items have titles like this one
                titled = bool(_heading_text(rest))
                succ = [k for k in succ if bool(sections[stack[k].index].heading) == titled] or succ
            k = succ[-1] if succ else (None if _ordinal(value, style) == 1 or not same else same[-1])
            if k is None and same and len(stack) >= MAX_LIST_DEPTH:
                k = same[-1]  # "(a)" after "(a)" after "(a)" …: siblings, not a list nested 1,000 deep
            if k is not None:
                while len(stack) > k:
                    sections[stack.pop().index].end = start
            parent = sections[stack[-1].index] if stack else None
            if parent is None:
                continue
            printed = f"({num})" if paren else f"{num}."
            key = f"{parent.key}({num})" if paren else (f"{parent.key}.{num}" if parent.key else num)
            open_node("item", printed, key, _heading_text(rest), start, 10, style=style, value=value)
            continue

        if md_level and not _DOT.match(line):
            # a Markdown heading without a number: a part of the document (front matter, notes)
            if md_level == 1 or not seen_article:
                open_node("part", "", "", line.strip(), start, 1)
            elif stack:
                art = current(("article", "appendix", "side_letter", "part"))
                rank = 2 if art is not None else 1
                open_node("section", "", "", line.strip(), start, rank)

    close_to(-1, len(text))
    for s in sections:
        end = s.end
        while end > s.start and text[end - 1] in "\n ":
            end -= 1
        s.end = max(end, s.start + 1)
        s.first_page = document.position(s.start).page
        s.last_page = document.position(s.end - 1).page
    document.sections = sections


# ---- cross-references ----------------------------------------------------------------------
_REF = re.compile(
    r"^\s*(?P<word>articles?|art\.?|sections?|sec\.?|§+|subsections?|paragraphs?|para\.?|appendix|appendices|"
    r"attachment|exhibit|addendum|side letter|letter of (?:understanding|agreement))?\s*"
    r"(?P<num>[0-9A-Za-z]{1,7}(?:[.\-][0-9A-Za-z]{1,5})*)?(?P<parens>(?:\([0-9A-Za-z]{1,5}\))*)\s*$",
    re.IGNORECASE,
)
_THIS = re.compile(r"^\s*(?:this|the same)\s+(article|section|subsection|paragraph|appendix)\s*$", re.IGNORECASE)
_LAST_COMP = re.compile(r"(?:\(([^()]+)\)|\.([^.()]+)|^([^.()]+))$")


def _last_comp(key: str) -> str:
    m = _LAST_COMP.search(key)
    return next((g for g in m.groups() if g), "") if m else key


def _matches(section: Section, comp: str) -> bool:
    return bool(_variants(_last_comp(section.key)) & _variants(comp)) if section.key else False


def _key_norm(k: str) -> str:
    return ".".join(normalize_component(c) for c in re.split(r"[.\-]", k) if c)


class _RefIndex:
    """A document's sections by normalized key, by key variant and by the variants of their last
    key component, built once per section tree so that resolving a reference costs a lookup, not
    a pass over every section (a long contract has thousands of references and sections)."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.by_key: dict[str, list[Section]] = {}
        self.by_variant: dict[str, list[Section]] = {}
        self.by_last: dict[str, list[int]] = {}  # variant of the last key component -> indexes, ascending
        self.last: list[set[str]] = []
        for s in sections:
            self.by_key.setdefault(_key_norm(s.key), []).append(s)
            for v in _variants(s.key):
                self.by_variant.setdefault(v, []).append(s)
            last = _variants(_last_comp(s.key)) if s.key else set()
            self.last.append(last)
            for v in last:
                self.by_last.setdefault(v, []).append(s.index)
        # Sections are stored in document order, each one's descendants right after it; then a
        # subtree is a range of indexes. Checked here; a tree built otherwise is walked instead.
        order: list[int] = []
        stack = [s.index for s in reversed(sections) if s.parent is None]
        while stack:
            i = stack.pop()
            order.append(i)
            stack.extend(reversed(sections[i].children))
        self.ranged = order == [s.index for s in sections] == list(range(len(sections)))
        self.end = list(range(len(sections)))  # the last index of each section's subtree
        if self.ranged:
            for s in reversed(sections):
                if s.children:
                    self.end[s.index] = self.end[s.children[-1]]

    def with_variant(self, comp: str) -> list[Section]:
        """Sections whose whole key shares a variant with `comp`, in document order."""
        found = {s.index: s for v in _variants(comp) for s in self.by_variant.get(v, ())}
        return [found[i] for i in sorted(found)]

    def descendants_matching(self, document: Document, node: Section, comp: str) -> list[Section]:
        """The descendants of `node` whose last key component reads as `comp`, in document order."""
        want = _variants(comp)
        if not self.ranged:
            return [d for d in _descendants(document, node) if self.last[d.index] & want]
        lo, hi = node.index, self.end[node.index]
        found: set[int] = set()
        for v in want:
            idx = self.by_last.get(v)
            if idx:
                found.update(idx[bisect.bisect_right(idx, lo):bisect.bisect_right(idx, hi)])
        return [self.sections[i] for i in sorted(found)]


def _ref_index(document: Document) -> _RefIndex:
    cached = document.__dict__.get("_ref_index")
    if cached is None or cached[0] is not document.sections or cached[1] != len(document.sections):
        cached = (document.sections, len(document.sections), _RefIndex(document.sections))
        document.__dict__["_ref_index"] = cached
    return cached[2]


def _descendants(doc: Document, s: Section):
    stack = list(reversed(s.children))
    while stack:
        c = doc.sections[stack.pop()]
        yield c
        stack.extend(reversed(c.children))


def _within(doc: Document, s: Section, top: Section) -> bool:
    while s is not None:
        if s is top:
            return True
        s = doc.sections[s.parent] if s.parent is not None else None
    return False


def resolve_reference(document: Document, reference: str, context: Section | None = None) -> Section | None:
    """The Section a cross-reference names, or None. `context` (the section the reference appears
    in) resolves "this Article" and prefers matches inside the same article."""
    secs = document.sections
    m = _THIS.match(reference)
    if m:
        if context is None:
            return None
        want = m.group(1).lower()
        chain = [context, *document.ancestors(context)]
        kinds = {"article": ("article", "appendix", "side_letter"), "appendix": ("appendix",),
                 "section": ("section", "subsection"), "subsection": ("subsection", "section"),
                 "paragraph": ("item", "subsection", "section")}[want]
        return next((s for s in chain if s.kind in kinds), None)
    m = _REF.match(reference)
    if not m or not (m.group("num") or m.group("parens")):
        return None
    word = (m.group("word") or "").lower()
    num = m.group("num") or ""
    parens = re.findall(r"\(([^()]+)\)", m.group("parens") or "")
    comps = [c for c in re.split(r"[.\-]", num) if c] if num else []
    if word.startswith("art"):
        top_kinds = ("article",)
    elif word.startswith(("appendix", "appendices", "attachment", "exhibit", "addendum")):
        top_kinds = ("appendix",)
    elif word.startswith(("side", "letter")):
        top_kinds = ("side_letter",)
    else:
        top_kinds = ()

    index = _ref_index(document)
    target = _key_norm(num) if num else ""
    scope_article = None
    if context is not None:
        scope_article = next((s for s in [context, *document.ancestors(context)] if s.parent is None), None)

    def descend(nodes: list[Section], rest: list[str]) -> Section | None:
        for node in nodes:
            if not rest:
                return node
            for d in index.descendants_matching(document, node, rest[0]):
                found = descend([d], rest[1:])
                if found:
                    return found
        return None

    found: Section | None = None
    if top_kinds:
        if target:
            found = next((s for s in index.by_key.get(target, ()) if s.kind in top_kinds), None)
            if found is None and comps:
                tops = [s for s in index.with_variant(comps[0]) if s.kind in top_kinds]
                found = descend(tops, comps[1:])
    else:
        section_kinds = ("section", "subsection", "item")
        # sections are stored in document order, an article's descendants right after it
        exact = [s for s in index.by_key.get(target, ()) if s.kind in section_kinds and s.key]
        if scope_article is not None:
            found = next((s for s in exact if _within(document, s, scope_article)), None)
        if found is None and exact:
            found = exact[0]
        if found is None and len(comps) > 1:
            tops = [s for s in index.with_variant(comps[0]) if s.parent is None and s.key]
            found = descend(tops, comps[1:])
        if found is None and len(comps) == 1 and scope_article is not None:
            found = descend([scope_article], comps)
    if found is not None and parens:
        found = descend([found], parens)
    return found
