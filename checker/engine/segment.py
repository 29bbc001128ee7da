"""Split a document's clean text into sentence units: the grain at which elements are found."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a period does not end a sentence.
_ABBREV = {"u.s", "no", "nos", "sec", "secs", "art", "arts", "e.g", "i.e", "inc", "mr", "ms", "mrs",
           "dr", "st", "v", "vs", "c.f.r", "u.s.c", "cal", "gov", "lab", "stat", "etc", "p", "pp",
           "para", "cf", "co", "corp", "ltd", "jr", "sr", "dept", "approx", "seq", "ch", "subd", "incl",
           "excl", "viz", "esp", "resp", "max", "min", "est", "fig", "govt", "assn", "admin", "natl", "intl"}
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9§(])")
# A list item or numbered provision at the start of a line starts a new unit.
_ITEM_START = re.compile(
    r"^\s*(?:\(?[a-zA-Z0-9]{1,4}\)|[0-9]+(?:\.[0-9]+)*\.\s|[0-9]+(?:\.[0-9]+)+\s|[a-z]\.\s|[ivxlc]+\.\s|§|"
    r"(?:section|article|sec\.|art\.)\s|[-•*]\s|\|)", re.I)  # "|": each row of a table stands alone
# "(30) days" at the start of a line continues "thirty" on the line before; it is no list item.
_CONTINUES = re.compile(r"^\s*\(\d+\)\s+(?:calendar |business |working |consecutive |full )?"
                        r"(?:hours?|days?|weeks?|months?|years?|percent|%|cents|dollars|shifts?)\b", re.I)
# "... This" / "Section is established as a pilot": a reference word opening a line continues a line
# that ends on a word a reference follows, however much it looks like a new numbered provision
_REFERENCE_LINE = re.compile(r"^\s*(?:section|article|sec\.|art\.)\s", re.I)
_REFERENCE_LEAD = re.compile(r"\b(?:this|that|these|those|such|said|the|of|under|in|to|by|per|and|or|see|with)$", re.I)
# A line ending mid-sentence ("... Legal Services Fund, which provides free") runs on into the
# next line, however much that next line looks like a title.
_RUNS_ON = re.compile(r"(?:[a-z,\-–(]|\b(?:the|a|an|of|and|or|to|for|in|by|with)|\b(?:U\.S|No|Nos|Sec|Art|"
                      r"Inc|Co|Corp|e\.g|i\.e|incl|approx|Dept|St)\.)$")
# "22.2 Government Agents. If an agent of U.S. Immigration and Customs": a run-in heading and the
# start of its sentence, hard-wrapped; the line is no heading, and the next line continues it
_RUN_IN_SENTENCE = re.compile(r"[a-z]{3,}\.\s+[A-Z][a-z]*\s+\w")
_RUNS_ON_LAST = frozenset("abcdefghijklmnopqrstuvwxyz,-–(")  # a line ending in one runs on (_RUNS_ON's first branch)


def _runs_on(line: str) -> bool:
    return line[-1:] in _RUNS_ON_LAST or _RUNS_ON.search(line) is not None


_MAX_UNIT = 1600  # longer paragraphs are also split at semicolons (measured: 99% of real sentences are shorter)


@dataclass
class Unit:
    index: int
    start: int
    end: int
    text: str  # whitespace-normalized surface text
    heading: bool = False


_UPPER = re.compile(r"[^\W\d_a-z]")  # letters that are not lower-case (counted in C, not per character)
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_MODAL = re.compile(r"\b(shall|must|will|may|agree|agrees)\b", re.I)


_HEADING_CHARS = 140  # 14 words of a heading fit in well under 140 characters


def _is_heading(text: str) -> bool:
    if len(text) > _HEADING_CHARS:
        return False
    words = text.split()
    if not words or len(words) > 14 or text.rstrip().endswith((".", ";", ":", ",")) and len(words) > 4:
        return False
    n_upper = len(_UPPER.findall(text))
    n_letters = n_upper + len(_LOWER.findall(text))
    if n_letters and n_upper / n_letters > 0.7:
        return True
    if text.rstrip().endswith("."):
        return False
    alpha = [w for w in words if w[:1].isalpha()]
    title = sum(w[:1].isupper() for w in alpha) >= max(1, 0.6 * len(alpha))
    return title and not _MODAL.search(text)


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")


def _last_word(before: str) -> re.Match | None:
    """`_LAST_WORD.search(before)`, read from near the end: the search from the start of a long
    sentence costs more than the sentence's split. A match that begins where the reading began may
    run on to its left, so that one is searched for in full."""
    pos = max(0, len(before) - 48)
    word = _LAST_WORD.search(before, pos)
    return word if pos == 0 or word is None or word.start() > pos else _LAST_WORD.search(before)


def _split_paragraph(text: str, base: int) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        before = text[start:m.start() + 1]
        word = _last_word(before.rstrip("\"'”’)]"))
        if word and (word.group(1).lower().rstrip(".") in _ABBREV or len(word.group(1)) == 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        if b - a > _MAX_UNIT:
            pieces = [m.end() for m in re.finditer(r";\s+", text[a:b])]
            cuts = [a] + [a + p for p in pieces] + [b]
            out.extend((x, y) for x, y in zip(cuts, cuts[1:]) if y > x)
        else:
            out.append((a, b))
    return [(base + a, base + b) for a, b in out if text[a:b].strip()]


def _join_lead_ins(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence that ends in a colon ("... after any of the following:") and the list items that
    complete it are one sentence: its subject and duty are in the lead-in, its objects in the items."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        a, b = blocks[i]
        j = i + 1
        if text[a:b].rstrip().endswith(":") and not _is_heading(text[a:b].strip()):
            # a table's rows stay rows (each is read with its lead-in's grant: analysis._carry_table_lead_in)
            while (j < len(blocks) and _ITEM_START.match(text[blocks[j][0]:blocks[j][1]])
                   and not text[blocks[j][0]:blocks[j][1]].lstrip().startswith("|")
                   and blocks[j][1] - a <= _MAX_UNIT and not text[a:blocks[j - 1][1]].rstrip().endswith(".")):
                j += 1
        out.append((a, blocks[j - 1][1]))
        i = j
    return out


def split_units(text: str) -> list[Unit]:
    """Units in document order: sentences, list items, and heading lines (marked `heading`)."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    block_start = None
    long_block = False  # the block so far is past a heading's length: it stays so as it grows
    prev = ""
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            if block_start is not None:
                blocks.append((block_start, pos))
                block_start = None
        elif block_start is None:
            block_start, long_block = pos, False
        elif (_ITEM_START.match(line) and not _CONTINUES.match(line)
              and not (_REFERENCE_LINE.match(line) and _REFERENCE_LEAD.search(prev))) \
                or (not _runs_on(prev) and _is_heading(stripped)):
            blocks.append((block_start, pos))
            block_start, long_block = pos, False
        elif not long_block:  # the block so far, read as a heading
            so_far = text[block_start:pos].strip()
            if len(so_far) > _HEADING_CHARS:
                long_block = True
            elif _is_heading(so_far) and not _RUN_IN_SENTENCE.search(so_far):
                blocks.append((block_start, pos))
                block_start = pos
        if stripped:
            prev = stripped
        pos += len(line)
    if block_start is not None:
        blocks.append((block_start, pos))

    blocks = _join_lead_ins(text, blocks)
    units: list[Unit] = []
    for a, b in blocks:
        block = text[a:b]
        if _is_heading(block.strip()):
            units.append(Unit(len(units), a, b, " ".join(block.split()), heading=True))
            continue
        for s, e in _split_paragraph(block, a):
            # trim surrounding whitespace so offsets point at the words themselves
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                units.append(Unit(len(units), s, e, " ".join(text[s:e].split())))
    return _join_questions(text, units)


_QUESTION = re.compile(r"^\W{0,3}(?:q|question)\s*\d*\s*[:.)\-–]", re.I)
_ANSWER = re.compile(r"^\W{0,3}(?:a|answer)\s*\d*\s*[:.)\-–]", re.I)


def _join_questions(text: str, units: list[Unit]) -> list[Unit]:
    """In question-and-answer drafting ("Q: Can the Employer sign up for E-Verify?" / "A: Not unless
    a federal law requires it.") the answer's first sentence means nothing without its question:
    the two are one sentence."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if i + 1 < len(units) and _QUESTION.match(u.text) and _ANSWER.match(units[i + 1].text):
            nxt = units[i + 1]
            out.append(Unit(len(out), u.start, nxt.end, " ".join(text[u.start:nxt.end].split())))
            i += 2
            continue
        out.append(u if u.index == len(out) else Unit(len(out), u.start, u.end, u.text, u.heading))
        i += 1
    return out
