"""Text that is in the file but is not contract language: struck (withdrawn) redline text, cover
memos and negotiators' notes. Only contract language addresses a protection (LABELS.md), so this
text is blanked out (same length, offsets unchanged) before sentences are found."""
from __future__ import annotations

import re

# struck text: Markdown ~~...~~, HTML <del>/<s>/<strike>, and the word-diff convention [-...-] of a
# plain-text redline (whose insertions read {+...+} and stay)
_STRUCK = re.compile(r"~~.+?~~|<(?:del|s|strike)\b[^>]*>.*?</(?:del|s|strike)>|\[-.+?-\]", re.S | re.I)
_INSERTED = re.compile(r"\{\+.+?\+\}", re.S)
# "(?!_)": the leading word cannot begin with the "_" the prefix class also takes, or a line of
# underscores is split every possible way (quadratic: 20,000 "_" took 2.6 s).
_MEMO_START = re.compile(
    r"^[ \t>*_#]*(?:cover (?:note|memo(?:randum)?|letter)|transmittal (?:note|memo)|"
    r"negotiator'?s'? (?:note|memo|comment)s?|bargaining notes?|explanatory (?:note|memo))\b.*$|"
    r"^.*\bnot (?:a )?part of (?:the|this) (?:proposal|agreement|contract|tentative agreement)\b.*$|"
    r"^[ \t>*_#]*(?:(?!_)[\w'’]+ )?(?:issues|items|proposals?|matters)\b[^\n]{0,200}\b(?:no recommendation|"
    r"not recommended|not (?:been )?agreed|withdrawn|rejected)\b.*$",
    re.I | re.M)
_MEMO_END = re.compile(
    r"^\s*(?:[=\-_*~]{3,}\s*$|#*\s*(?:article|section|appendix|side letter|letter of|memorandum of|§)\b|"
    r"#*\s*\d+(?:\.\d+)+\s+\S|#+\s)", re.I | re.M)
_RULE = re.compile(r"[=\-_*~]{3,}")
_NOTE = re.compile(r"^[ \t>*_\[]*(?:note|comment|drafting note|union note|employer note)\b[^\n]*"
                   r"(?:\n(?![ \t]*\n)[^\n]*)*", re.I | re.M)
_BRACKETED = re.compile(r"^[ \t>*_]*(?:\(?[a-z0-9]{1,3}[.)][ \t]*)?\[[^\]\[]{8,600}\][ \t*_]*$", re.M)  # a bracketed note, over lines too
# a party's figure or wording noted inside a sentence ("within forty-eight (48) hours [Union: 12 hours]"):
# kept in the quoted text (it is in the document), but read as blank (analysis.Analysis.build)
INLINE_NOTE = re.compile(r"\[(?:the )?(?:union|local|employer|company|hotel|city|county|district|management|"
                          r"association|prior|current|existing|old|previous|original|was|ta|u|e)(?:'s)?"
                          r"(?: (?:proposal|position|figure|text|language|offer))?\s*[:=][^\]\[\n]{1,120}\]", re.I)
_NOTE_VOICE = re.compile(r"\b(?:we|our|us|negotiat\w*|withdrawn|withdraws?|deleted|struck|across the table|proposal|request|agreed to|"
                         r"caucus|tentative(?:ly)? agreed)\b", re.I)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span replaced by spaces (newlines kept, so lines stay where they were)."""
    if not spans:
        return text
    out, done = [], 0  # the text up to `done` is in `out`
    for a, b in sorted(spans):
        a = max(a, done)  # spans may overlap: what an earlier one blanked is not read twice
        if b <= a:
            continue
        out.append(text[done:a])
        out.append(_NOT_NEWLINE.sub(" ", text[a:b]))
        done = b
    out.append(text[done:])
    return "".join(out)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _note_end(text: str, m: re.Match) -> int:
    """Where a note ends: at its closing bracket if it opened with one, else at the next heading or
    rule, else at the blank line after it. A Word paragraph or a PDF line has no blank line after
    it, so the blank line alone would run a note over the whole contract."""
    end = m.end()
    head = m.group(0).lstrip(" \t>*_")
    if head.startswith("["):
        close = text.find("]", m.start(), end)
        if close != -1:
            return close + 1
    nxt = _MEMO_END.search(text, text.find("\n", m.start()) + 1 if "\n" in m.group(0) else end, end)
    return nxt.start() if nxt else end


def non_contract_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _STRUCK.finditer(text)]
    for m in _INSERTED.finditer(text):  # "{+seventy-two (72)+} hours": the marks go, the words stay
        spans += [(m.start(), m.start() + 2), (m.end() - 2, m.end())]
    for m in _MEMO_START.finditer(text):
        before = text[:m.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if _RULE.fullmatch(before):  # a memo boxed between rules ends at the closing rule
            end = re.compile(rf"^\s*{re.escape(before[0])}{{3,}}\s*$", re.M).search(text, m.end())
        else:
            end = _MEMO_END.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    for m in _NOTE.finditer(text):
        if _NOTE_VOICE.search(m.group(0)):
            spans.append((m.start(), _note_end(text, m)))
    for m in _BRACKETED.finditer(text):  # "[Union's request for paid sessions withdrawn; ...]"
        if _NOTE_VOICE.search(m.group(0)):
            spans.append((m.start(), m.end()))
    return sorted(spans)
