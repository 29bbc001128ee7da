"""Generators for the invariance suites (tools/invariance.py, tests/test_invariance.py).

Three families, each a pure function of a document's text (and, for the targeted ones, of the
report on it), deterministic for a given seed:

- renderings: the same document as a real Word file (Heading styles, bold run-in section numbers
  in Normal paragraphs, automatic list numbering, a table) and as a PDF (one column, two columns,
  running header and page numbers). The verdicts must not change.
- paraphrases: rewrites that keep the meaning (party and agency names, verb synonyms, active and
  passive voice, numbers in digits or words, reordered lists). The verdicts should not change.
- must-change perturbations of a matching clause ("shall" to "may", an added hedge, a worse
  number, a deleted element, a "notwithstanding" exception elsewhere). The protection must turn
  weakened.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

# ---- reading the source into paragraphs ---------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ARTICLE = re.compile(r"^\s*(?:ARTICLE|Article|ARTÍCULO|Artículo|ARTICULO)\s+[\dIVXLC]+\b")
_TOP = re.compile(r"^\s*(?:SIDE LETTER|Side Letter|LETTER OF|Letter of|APPENDIX|Appendix|MEMORANDUM OF|"
                  r"SCHEDULE|Schedule|ATTACHMENT|Attachment|EXHIBIT|Exhibit|ADDENDUM|Addendum)\b")
_SECTION = re.compile(r"^\s*(?:(?:SECTION|Section|Sec\.|§)\s*\d[\w.]*|\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?)(?=\s|$)")
_ITEM = re.compile(r"^\s*(?:\((?P<paren>[a-z]|[ivx]{1,4}|\d{1,2})\)|(?P<dot>[a-z]|\d{1,2})[.)])\s+(?=\S)")
_BULLET = re.compile(r"^\s*[-*•]\s+(?=\S)")
_HYPHEN_END = re.compile(r"[A-Za-z]-$")


@dataclass
class Para:
    kind: str  # "heading", "section", "item", "bullet", "table", "text"
    text: str
    level: int = 0  # heading level
    rows: list[list[str]] | None = None  # table cells


def _starts_block(line: str) -> bool:
    return bool(_MD_HEADING.match(line) or _TABLE_ROW.match(line) or _ARTICLE.match(line) or _TOP.match(line)
                or _SECTION.match(line) or _ITEM.match(line) or _BULLET.match(line))


def _short_heading(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 70 and s.upper() == s and any(c.isalpha() for c in s)


def _ends_short(line: str) -> bool:
    """A short line that does not run on: the end of a paragraph, an address or signature line."""
    s = line.strip()
    return len(s) < 40 and not re.search(r"[a-z,;(\-–]$", s)


def _join(lines: list[str]) -> str:
    from checker.ingest.cleanup import keep_hyphen

    out = ""
    for ln in (x.strip() for x in lines):
        if not out:
            out = ln
        elif _HYPHEN_END.search(out) and ln[:1].islower():
            left = re.search(r"([A-Za-z]+)-$", out).group(1)
            right = re.match(r"[A-Za-z]+", ln)
            out = out + ln if right and keep_hyphen(left, right.group(0)) else out[:-1] + ln
        else:
            out = f"{out} {ln}"
    return out


def paragraphs(text: str, *, markdown: bool) -> list[Para]:
    """The document as a list of paragraphs: hard-wrapped lines joined, headings, list items and
    tables apart. Markdown emphasis is kept in the text (the renderers turn it into runs)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    if markdown and lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 400)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    out: list[Para] = []
    cur: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal cur
        if cur:
            joined = _join(cur)
            out.append(_classify(joined))
            cur = []

    def flush_table() -> None:
        nonlocal table
        if table:
            out.append(Para("table", "", rows=table))
            table = []

    for line in lines:
        if markdown:
            line = re.sub(r"^\s{0,3}>\s?", "", line)
        if markdown and _TABLE_ROW.match(line):
            flush()
            if not _TABLE_RULE.match(line):
                table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if not line.strip() or (markdown and re.match(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", line)):
            flush()
            continue
        if re.fullmatch(r"\s*[-=_*~]{3,}\s*", line):  # a rule is a paragraph of its own
            flush()
            out.append(Para("text", line.strip()))
            continue
        m = _MD_HEADING.match(line) if markdown else None
        if m:
            flush()
            out.append(Para("heading", m.group(2), level=min(len(m.group(1)), 3)))
            continue
        if cur and (_starts_block(line) or _short_heading(cur[-1]) or _short_heading(line)
                    or cur[-1].rstrip().endswith(":") or _ends_short(cur[-1])):
            flush()
        cur.append(line)
    flush()
    flush_table()
    return out


def _classify(text: str) -> Para:
    if (_ARTICLE.match(text) or _TOP.match(text)) and len(text) <= 120:
        return Para("heading", text, level=1)
    if _short_heading(text):
        return Para("heading", text, level=2)
    if _SECTION.match(text):
        return Para("section", text)
    if _ITEM.match(text):
        return Para("item", text)
    if _BULLET.match(text):
        return Para("bullet", _BULLET.sub("", text))
    return Para("text", text)


_STRUCK = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def runs(text: str) -> list[tuple[str, bool, bool, bool]]:
    """Markdown inline markup as (text, bold, italic, struck) runs; other markup dropped."""
    text = _LINK.sub(r"\1", text).replace("`", "")
    out: list[tuple[str, bool, bool, bool]] = []
    pos = 0
    for m in _STRUCK.finditer(text):
        out.extend(_strong_runs(text[pos:m.start()]))
        out.append((m.group(1), False, False, True))
        pos = m.end()
    out.extend(_strong_runs(text[pos:]))
    return [r for r in out if r[0]]


def _strong_runs(text: str) -> list[tuple[str, bool, bool, bool]]:
    out, pos = [], 0
    for m in _STRONG.finditer(text):
        out.extend(_em_runs(text[pos:m.start()], False))
        out.append((m.group(2), True, False, False))
        pos = m.end()
    out.extend(_em_runs(text[pos:], False))
    return out


def _em_runs(text: str, bold: bool) -> list[tuple[str, bool, bool, bool]]:
    out, pos = [], 0
    for m in _EM.finditer(text):
        out.append((text[pos:m.start()], bold, False, False))
        out.append((m.group(2), bold, True, False))
        pos = m.end()
    out.append((text[pos:], bold, False, False))
    return out


def plain(text: str) -> str:
    """The text without markup; struck (withdrawn) wording left out, as a clean copy of a redline
    shows it (a PDF carries no strikethrough the reader can see as markup)."""
    return re.sub(r"\s{2,}", " ", "".join(t for t, _, _, struck in runs(text) if not struck)).strip()


# ---- Word ---------------------------------------------------------------------------------

_RUNIN = re.compile(r"^(?P<num>(?:(?:SECTION|Section|Sec\.|§)\s*)?\d{1,3}(?:\.\d{1,3})*\.?)\s+(?P<rest>.*)$")


def render_docx(paras: list[Para], path: Path, *, style: str) -> Path:
    """A Word file of `paras`. style "headings": articles and sections in Heading 1/2 styles,
    lettered and numbered items in Word automatic numbering, Markdown tables as Word tables.
    style "runin": headings as bold Normal paragraphs, section numbers and titles run in bold at
    the start of their first paragraph, items numbered by hand."""
    import docx

    document = docx.Document()
    lists = _Lists(document) if style == "headings" else None
    pending_heading: str | None = None

    def para(text: str, *, style_name: str | None = None, bold_prefix: str = "") -> None:
        p = document.add_paragraph(style=style_name)
        if bold_prefix:
            p.add_run(plain(bold_prefix) + " ").bold = True
        _add_runs(p, text)

    item_list = None
    for p in paras:
        if p.kind != "item":
            item_list = None
        if style == "runin" and pending_heading is not None:
            if p.kind in ("text",):
                para(p.text, bold_prefix=pending_heading)
                pending_heading = None
                continue
            para("", bold_prefix=pending_heading)
            pending_heading = None
        if p.kind == "heading":
            if style == "headings":
                document.add_paragraph(plain(p.text), style=f"Heading {p.level}")
            else:
                para("", bold_prefix=p.text)
        elif p.kind == "section":
            m = _RUNIN.match(plain(p.text))
            if style == "headings" and m and len(m.group("rest")) <= 80 and not m.group("rest").rstrip().endswith(
                    (".", ";", ",")) or style == "headings" and m is None:
                document.add_paragraph(plain(p.text), style="Heading 2")
            elif style == "headings":
                para(m.group("rest"), bold_prefix=m.group("num"))
            elif m and len(m.group("rest")) <= 80 and not m.group("rest").rstrip().endswith((".", ";", ",")):
                pending_heading = plain(p.text)  # a title line: runs into the next paragraph
            elif m:
                para(m.group("rest"), bold_prefix=m.group("num"))
            else:
                para(p.text)
        elif p.kind == "item" and lists is not None:
            m = _ITEM.match(p.text)
            marker = m.group("paren") or m.group("dot")
            pattern = "(%1)" if m.group("paren") else "%1."
            fmt = _item_format(marker, item_list)
            value = _ordinal(marker, fmt)
            if item_list is None or item_list[0] != (fmt, pattern) or value != item_list[2] + 1:
                item_list = [(fmt, pattern), lists.new(fmt, pattern, value), value]
            else:
                item_list[2] = value
            q = document.add_paragraph()
            lists.apply(q, item_list[1])
            _add_runs(q, p.text[m.end():])
        elif p.kind == "bullet":
            para(p.text, style_name="List Bullet")
        elif p.kind == "table":
            width = max(len(r) for r in p.rows)
            t = document.add_table(rows=len(p.rows), cols=width)
            t.style = "Table Grid"
            for ri, row in enumerate(p.rows):
                for ci, cell in enumerate(row):
                    t.cell(ri, ci).text = plain(cell)
        else:
            para(p.text)
    if pending_heading is not None:
        para("", bold_prefix=pending_heading)
    document.save(str(path))
    return path


def _add_runs(paragraph, text: str) -> None:
    for t, b, i, struck in runs(text):
        r = paragraph.add_run(t)
        r.bold = b or None
        r.italic = i or None
        if struck:
            r.font.strike = True


def _item_format(marker: str, open_list) -> str:
    """Word's numFmt for a list marker: (i) after (h) is a letter, (i) opening a list a numeral."""
    if marker.isdigit():
        return "decimal"
    if open_list is not None and open_list[0][0] == "lowerLetter" and _ordinal(marker, "lowerLetter") == open_list[2] + 1:
        return "lowerLetter"
    if set(marker) <= set("ivx") and (len(marker) > 1 or open_list is None or open_list[0][0] == "lowerRoman"):
        return "lowerRoman"
    return "lowerLetter"


def _ordinal(marker: str, fmt: str) -> int:
    if fmt == "decimal":
        return int(marker)
    if fmt == "lowerRoman":
        from checker.structure import roman_to_int

        return roman_to_int(marker) or 1
    return ord(marker[0]) - ord("a") + 1


class _Lists:
    """Word automatic numbering: one abstract list per (format, pattern), one w:num per list."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.numbering = document.part.numbering_part.element
        self.abstract: dict[tuple[str, str], int] = {}
        self.next_id = 100

    def _abstract(self, fmt: str, pattern: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        key = (fmt, pattern)
        if key not in self.abstract:
            aid = 50 + len(self.abstract)
            xml = (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                   f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{pattern}"/>'
                   f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>')
            first_num = self.numbering.find(self.qn("w:num"))
            el = parse_xml(xml)
            if first_num is not None:
                first_num.addprevious(el)
            else:
                self.numbering.append(el)
            self.abstract[key] = aid
        return self.abstract[key]

    def new(self, fmt: str, pattern: str, start: int) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        aid = self._abstract(fmt, pattern)
        nid = self.next_id
        self.next_id += 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return nid

    def apply(self, paragraph, num_id: int) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


# ---- PDF ----------------------------------------------------------------------------------

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_LATIN1 = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "…": "...", "•": "-",
                         "\u00a0": " ", "≤": "<=", "≥": ">="})


def render_pdf(paras: list[Para], path: Path, *, columns: int, header: str) -> Path:
    """A PDF of `paras`: `columns` 1 or 2, `header` printed at the top of every page and
    "Page N of M" at the bottom."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            self.set_font(self.family_name, "", 8)
            self.cell(0, 5, self.fix(header), align="C")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font(self.family_name, "", 8)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

        def fix(self, s: str) -> str:
            return s if self.unicode else s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    pdf = Doc(format="Letter")
    regular, bold = _FONT_DIR / "DejaVuSans.ttf", _FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("body", "", str(regular))
        pdf.add_font("body", "B", str(bold))
        pdf.family_name, pdf.unicode = "body", True
    else:
        pdf.family_name, pdf.unicode = "helvetica", False
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_font(pdf.family_name, "", 10)
    if columns == 1:
        for p in paras:
            if p.kind == "table":
                _pdf_table(pdf, p)
                continue
            for text, bold_ in _pdf_blocks(p):
                pdf.set_font(pdf.family_name, "B" if bold_ else "", 11 if bold_ else 10)
                pdf.multi_cell(0, 5, pdf.fix(text), align="L")
                pdf.ln(2)
    else:
        # text flows in two columns; a table spans the page between two runs of columns
        chunks: list[list[Para]] = [[]]
        for p in paras:
            if p.kind == "table":
                chunks += [[p], []]
            else:
                chunks[-1].append(p)
        for chunk in chunks:
            if chunk and chunk[0].kind == "table":
                _pdf_table(pdf, chunk[0])
                continue
            if not chunk:
                continue
            with pdf.text_columns(ncols=2, gutter=10, text_align="LEFT") as cols:
                for p in chunk:
                    for text, bold_ in _pdf_blocks(p):
                        with cols.paragraph(bottom_margin=2) as par:
                            pdf.set_font(pdf.family_name, "B" if bold_ else "", 10 if bold_ else 9)
                            par.write(pdf.fix(text))
    pdf.output(str(path))
    return path


def _pdf_table(pdf, p: Para) -> None:
    """A ruled table, as Word or a typesetter prints one."""
    width = max(len(r) for r in p.rows)
    pdf.set_font(pdf.family_name, "", 8)
    with pdf.table(borders_layout="ALL", text_align="LEFT", line_height=4) as table:
        for row in p.rows:
            cells = [pdf.fix(plain(c)) for c in row] + [""] * (width - len(row))
            table.row(cells)
    pdf.ln(3)


def _pdf_blocks(p: Para) -> list[tuple[str, bool]]:
    if re.fullmatch(r"[-=_*~]{3,}", p.text.strip()):
        return [(p.text.strip()[:36], False)]  # a rule drawn to fit a column
    if p.kind == "table":
        return [(" | ".join(plain(c) for c in row), False) for row in p.rows]
    if p.kind == "heading":
        return [(plain(p.text), True)]
    if p.kind == "bullet":
        return [("- " + plain(p.text), False)]
    return [(plain(p.text), False)]


RENDERINGS = ("docx-headings", "docx-runin", "pdf-1col", "pdf-2col")


def render(text: str, markdown: bool, rendering: str, out_dir: Path, name: str) -> Path:
    paras = paragraphs(text, markdown=markdown)
    header = f"{name[:40]} - Collective Bargaining Agreement"
    if rendering == "docx-headings":
        return render_docx(paras, out_dir / f"{name}.docx", style="headings")
    if rendering == "docx-runin":
        return render_docx(paras, out_dir / f"{name}.runin.docx", style="runin")
    if rendering == "pdf-1col":
        return render_pdf(paras, out_dir / f"{name}.pdf", columns=1, header=header)
    if rendering == "pdf-2col":
        return render_pdf(paras, out_dir / f"{name}.2col.pdf", columns=2, header=header)
    raise ValueError(rendering)


# ---- paraphrases ----------------------------------------------------------------------------

_EMPLOYERS = ("Employer", "Company", "Hotel", "Hospital", "County", "City", "University", "District",
              "Contractor", "Association", "Grower", "Facility", "Agency", "State", "Authority")
_AGENCIES = [
    (r"\bU\.S\. Immigration and Customs Enforcement \(ICE\)", "ICE"),
    (r"\bImmigration and Customs Enforcement \(ICE\)", "ICE"),
    (r"(?<![\w(])ICE(?![\w)])", "Immigration and Customs Enforcement"),
    (r"(?<![\w(])DHS(?![\w)])", "the Department of Homeland Security"),
    (r"(?<![\w(])SSA(?![\w)])", "the Social Security Administration"),
    (r"\bSocial Security Administration\b", "SSA"),
    (r"\bDepartment of Homeland Security\b", "DHS"),
]
# Verbs with a synonym that keeps the legal meaning in contract language.
_VERBS = {"provide": "furnish", "provides": "furnishes", "provided": "furnished", "permit": "allow",
          "permits": "allows", "permitted": "allowed", "notify": "inform", "notifies": "informs",
          "notified": "informed", "receive": "obtain", "receives": "obtains", "request": "ask for",
          "requests": "asks for", "attend": "go to", "discharge": "terminate", "discharged": "terminated",
          "terminate": "discharge", "terminated": "discharged", "assist": "help", "assists": "helps",
          "retain": "keep", "retains": "keeps", "ensure": "make sure", "ensures": "makes sure"}
_PASSIVE_VERBS = {"notify": "notified", "inform": "informed", "pay": "paid", "compensate": "compensated",
                  "reinstate": "reinstated", "release": "released", "grant": "granted", "give": "given",
                  "provide": "provided", "allow": "allowed", "permit": "permitted", "excuse": "excused",
                  "discipline": "disciplined", "discharge": "discharged", "terminate": "terminated",
                  "question": "questioned", "contact": "contacted", "consult": "consulted", "advise": "advised"}
_OBJECTS = r"(?:the Union|the affected employee|the employee|any employee|an employee|employees|the worker|workers)"
_WORD_NUMS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
              10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 24: "twenty-four",
              30: "thirty", 45: "forty-five", 48: "forty-eight", 60: "sixty", 72: "seventy-two", 90: "ninety",
              120: "one hundred twenty", 180: "one hundred eighty"}
_UNIT_WORDS = r"(?:hours?|days?|business days|calendar days|working days|weeks?|months?|years?)"


def _employer(text: str) -> str | None:
    counts = {w: len(re.findall(rf"\b[Tt]he {w}\b", text)) for w in _EMPLOYERS}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


def rename_parties(text: str) -> str:
    """The employer called by another name: "the Hotel" -> "the Company" (or "the Company" ->
    "the Employer"), and the union "the Union" -> "the Union" left alone (its name is bargained)."""
    who = _employer(text)
    if who is None:
        return text
    new = "Company" if who != "Company" else "Employer"
    text = re.sub(rf"\b([Tt]he) {who}\b", rf"\1 {new}", text)
    return re.sub(rf"\b{who}'s\b", f"{new}'s", text)


def rename_agencies(text: str) -> str:
    for pattern, repl in _AGENCIES:
        new = re.sub(pattern, repl, text)
        if new != text:
            return new
    return text


def verb_synonyms(text: str) -> str:
    return re.sub(r"\b(" + "|".join(_VERBS) + r")\b", lambda m: _VERBS[m.group(1)], text)


def passive_voice(text: str) -> str:
    """"The Hotel shall notify the Union ..." -> "The Union shall be notified by the Hotel ..."."""
    subject = r"(?P<subj>[Tt]he (?:" + "|".join(_EMPLOYERS) + r"))"
    verbs = "|".join(_PASSIVE_VERBS)
    pattern = re.compile(subject + r"\s+(?P<modal>shall|will|must)(?P<neg>\s+not)?\s+(?P<verb>" + verbs + r")\s+(?P<obj>"
                         + _OBJECTS + r")\b")

    def sub(m: re.Match) -> str:
        obj = m.group("obj")
        obj = obj[0].upper() + obj[1:] if m.start() == 0 or m.string[max(0, m.start() - 2):m.start()].strip() in (
            "", ".", ")", ":") else obj
        subj = m.group("subj")
        subj = "t" + subj[1:] if subj[0] == "T" else subj
        return f"{obj} {m.group('modal')}{m.group('neg') or ''} be {_PASSIVE_VERBS[m.group('verb')]} by {subj}"

    return pattern.sub(sub, text)


def numbers_as_words(text: str) -> str:
    """"seventy-two (72) hours" -> "72 hours"; "14 days" -> "fourteen (14) days"."""
    words = "|".join(sorted(map(re.escape, _WORD_NUMS.values()), key=len, reverse=True))
    pattern = re.compile(r"\b(" + words + r") \((\d+)\)(?= " + _UNIT_WORDS + r"\b)", re.IGNORECASE)
    new = pattern.sub(lambda m: m.group(2) if m.group(1).lower() == _WORD_NUMS.get(int(m.group(2)), "#") else m.group(0),
                      text)
    if new != text:
        return new
    return re.sub(r"(?<![\w(.$])(\d{1,3})(?= " + _UNIT_WORDS + r"\b)",
                  lambda m: f"{_WORD_NUMS[int(m.group(1))]} ({m.group(1)})" if int(m.group(1)) in _WORD_NUMS else m.group(0),
                  text)


_LIST_STOP = {"and", "or", "the", "a", "an", "of", "to", "in", "on", "shall", "will", "may", "not", "is", "are", "be",
              "by", "for", "with", "any", "all", "that", "this", "its", "his", "her", "their", "as", "at", "if",
              "nor", "no", "such", "other", "each", "must", "who", "which", "from", "can"}


def reorder_lists(text: str) -> str:
    """"questioning, searching, seizing or detaining" -> "detaining, searching, seizing or
    questioning": a list of single lower-case words, first and last swapped."""
    pattern = re.compile(r"(?<!, )(?<=\s)([a-z]{3,})((?:, [a-z]{3,})+),? (and|or) ([a-z]{3,})\b")

    def sub(m: re.Match) -> str:
        words = [m.group(1), *[w.strip() for w in m.group(2).split(",") if w.strip()], m.group(4)]
        if any(w in _LIST_STOP for w in words) or len(set(words)) != len(words):
            return m.group(0)
        comma = "," if m.group(0)[m.end(2) - m.start():].startswith(",") else ""
        return f"{words[-1]}{''.join(', ' + w for w in words[1:-1])}{comma} {m.group(3)} {words[0]}"

    return pattern.sub(sub, text)


PARAPHRASES = {"parties": rename_parties, "agencies": rename_agencies, "verbs": verb_synonyms,
               "passive": passive_voice, "numbers": numbers_as_words, "lists": reorder_lists}


# ---- must-change perturbations ------------------------------------------------------------

def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where the evidence `quote` (normalised whitespace, maybe Markdown-stripped) sits in the source
    `text`: its words in order with any whitespace or emphasis markers between them."""
    words = re.findall(r"\S+", quote)
    if not words:
        return None
    gap = r"[\s*_>]+"
    pattern = gap.join(re.escape(w) for w in words)
    m = re.search(pattern, text)
    if m is None and len(words) > 12:
        m = re.search(gap.join(re.escape(w) for w in words[:12]), text)
        if m is None:
            return None
        return m.start(), m.start() + len(quote) + 40
    return (m.start(), m.end()) if m else None


_MODAL = re.compile(r"\b(shall|will|must)\b(?!\s+not\b)(?!\s+be\s+(?:deemed|considered)\b)")
_NEG_MODAL = re.compile(r"\b(shall|will|must) not\b")


def _employer_modal(sentence: str, pattern: re.Pattern) -> re.Match | None:
    """The first modal of `pattern` that binds the employer: a worker's or the union's "may" is a
    right, not a weakened duty (the catalog's convention), so only the employer's "shall" counts."""
    from checker.engine.language import _nearest_party

    low = sentence.lower()
    for m in pattern.finditer(sentence):
        passive = low.startswith(" be ", m.end()) or low.startswith(" not be ", m.end())
        if passive or _nearest_party(low, m.start()) == "employer":
            return m
    return None


def to_may(sentence: str) -> str | None:
    """The employer's "shall" made "may" (its "shall not" made "should not")."""
    m = _employer_modal(sentence, _MODAL)
    if m:
        return sentence[:m.start()] + "may" + sentence[m.end():]
    m = _employer_modal(sentence, _NEG_MODAL)
    if m:
        return sentence[:m.start()] + "should not" + sentence[m.end():]
    return None


def add_hedge(sentence: str) -> str | None:
    m = _MODAL.search(sentence) or _NEG_MODAL.search(sentence)
    if not m:
        return None
    return sentence[:m.end()] + ", where practicable," + sentence[m.end():]


def worse_number(sentence: str, better: str, model: float, unit: str, cues: tuple[str, ...] = ()) -> str | None:
    """The sentence with the numbers its parameter reads (those near a cue word) made worse than
    the model's: four times the model where lower is better, a quarter of it where higher is."""
    from checker.corpus.patterns import compiled
    from checker.engine.grade import CUE_DISTANCE
    from checker.engine.numbers import find_durations

    low = sentence.lower()
    cue_pos = [m.start() for c in cues for m in compiled(c).finditer(low)]
    durations = [d for d in find_durations(low) if not cues or any(abs(c - d.start) <= CUE_DISTANCE for c in cue_pos)]
    if not any(d.value > 0 for d in durations):
        return None
    unit_word = {"hours": "hours", "days": "days", "working days": "business days", "months": "months"}[unit]
    new = model * 4 if better == "lower" else max(model / 4, 0)
    if better == "higher" and new < 1:
        unit_word, new = {"months": ("days", 3), "days": ("hours", 2), "working days": ("hours", 2)}.get(unit, (unit_word, 0))
        if not new:
            return None
    value = f"{new:g}" if new != int(new) else str(int(new))
    for d in reversed(durations):  # from the end, so earlier offsets stay valid
        sentence = sentence[:d.start] + f"{value} {unit_word}" + sentence[d.end:]
    return sentence


def notwithstanding(text: str, section: str | None, quote: str) -> str | None:
    """An exception added at the end of the document: "Notwithstanding Section X, the Employer may,
    at its sole discretion, set aside the following: <the clause>"."""
    if not section:
        return None
    ref = section if re.match(r"(?i)(section|article|§)", section) else f"Section {section}"
    clause = quote.strip().rstrip(".")
    clause = re.sub(r"^\(?[a-z0-9]{1,3}[.)]\s+", "", clause)
    return (text.rstrip() + "\n\nARTICLE 98 EXCEPTIONS\n\nSection 98.1 Exceptions. Notwithstanding "
            f"{ref}, the Employer may, at its sole discretion, decline to follow this: {clause}.\n")


MUST_CHANGE = ("may", "hedge", "number", "delete", "notwithstanding")


def sample(items: list, n: int | None, seed: int) -> list:
    if n is None or n >= len(items):
        return list(items)
    return sorted(random.Random(seed).sample(items, n), key=items.index)
