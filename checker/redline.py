"""A Word draft redlined with the counter-proposal, as Word tracked changes (author "clausecheck").

Each weakened clause: the passages the finding rests on are marked deleted (w:del, the text moved
into w:delText) and the model language is inserted after them as new paragraphs (w:ins runs, the
paragraph marks themselves marked inserted). Each missing protection: inserted as a new numbered
section at the end of the article that holds the draft's other clauses of its category, else of
any immigration clause, else as a new article at the end of the body. A passage that is also the
evidence of a protection the draft already meets is left alone, so the redline never takes away
what matches. `checker.ingest.word` reads the result back in either view."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from checker.document import Document
from checker.ingest.word import W, _text
from checker.propose import ARTICLE_TITLE, Proposal, ProposedClause
from checker.result import Evidence, Report

AUTHOR = "clausecheck"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CANON = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u00a0": " ", "\u00ad": "-"})
_LABEL = re.compile(r"^(?:(?:ARTICLE|Article|Section|SECTION)\s+)?(?:\d+(?:\.\d+)*|\([a-z0-9]{1,4}\)|[a-z]\.)\s+")


@dataclass
class RedlineResult:
    replaced: list[str] = field(default_factory=list)  # protection ids whose weakened clause was replaced
    inserted: list[str] = field(default_factory=list)  # protection ids inserted as new sections
    new_article: str | None = None  # the heading of an article added at the end, if any
    not_located: list[str] = field(default_factory=list)  # weakened ids whose passage was not found (inserted instead)


class _Revisions:
    """w:ins / w:del elements with unique ids, one author and one time."""

    def __init__(self, body, author: str, when: datetime):
        ids = [int(v) for el in body.iter() for k, v in el.attrib.items() if k == W + "id" and v.isdigit()]
        self.next_id = max(ids, default=0) + 1000
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str):
        from lxml import etree

        el = etree.Element(W + tag)
        el.set(W + "id", str(self.next_id))
        el.set(W + "author", self.author)
        el.set(W + "date", self.date)
        self.next_id += 1
        return el

    def paragraph(self, text: str, *, bold: bool = False):
        """A paragraph wholly inserted: its runs in w:ins and its paragraph mark marked inserted."""
        from lxml import etree

        p = etree.Element(W + "p")
        ppr = etree.SubElement(p, W + "pPr")
        rpr = etree.SubElement(ppr, W + "rPr")
        rpr.append(self.mark("ins"))
        ins = self.mark("ins")
        r = etree.SubElement(ins, W + "r")
        if bold:
            etree.SubElement(etree.SubElement(r, W + "rPr"), W + "b")
        t = etree.SubElement(r, W + "t")
        t.set(XML_SPACE, "preserve")
        t.text = text
        p.append(ins)
        return p


def _canon(text: str) -> tuple[str, list[int]]:
    """Whitespace collapsed and quotes/dashes made plain, with each kept character's raw offset."""
    out, where = [], []
    space = True
    for i, ch in enumerate(text.translate(_CANON)):
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        out.append(ch)
        where.append(i)
        space = False
    return "".join(out), where


class _Paragraphs:
    """Every body paragraph (tables included) with its accepted-view text, for finding passages."""

    def __init__(self, body):
        self.items = []
        for p in body.iter(W + "p"):
            raw = _text(p, "accepted")
            canon, where = _canon(raw)
            self.items.append((p, raw, canon, where))

    def locate(self, text: str) -> list[tuple[object, int, int]]:
        """(paragraph, start, end) raw spans holding `text`; a passage not found whole is looked
        for sentence by sentence (and without its section number, which Word may number itself)."""
        target, _ = _canon(text)
        found = self._find(target)
        if found:
            return [found]
        spans = []
        for sentence in re.split(r"(?<=[.;:])\s+(?=[A-Z(])", target):
            hit = self._find(sentence)
            if hit:
                spans.append(hit)
        return spans

    def _find(self, target: str):
        for candidate in (target, _LABEL.sub("", target)):
            if len(candidate) < 12:
                continue
            for p, raw, canon, where in self.items:
                i = canon.find(candidate)
                if i >= 0:
                    end = where[i + len(candidate) - 1] + 1
                    return p, where[i], end
        return None


def _visible_runs(p):
    """The runs of `p` that the accepted view reads, in order, with their text."""
    skip = (W + "del", W + "moveFrom")
    out = []
    for r in p.iter(W + "r"):
        anc = r.getparent()
        hidden = False
        while anc is not None and anc is not p:
            if anc.tag in skip:
                hidden = True
                break
            anc = anc.getparent()
        if hidden or anc is None:
            continue
        out.append((r, _text(r, "accepted")))
    return out


def _delete_span(p, start: int, end: int, rev: _Revisions) -> None:
    """Mark characters [start, end) of `p`'s accepted text deleted, splitting runs at the edges."""
    pos = 0
    for r, text in _visible_runs(p):
        r_start = pos
        pos += len(text)
        if pos <= start or r_start >= end or not text:
            continue
        rpr = r.find(W + "rPr")
        parts: list[tuple[bool, str, object]] = []  # (deleted, kind, text or element)
        offset = r_start
        for kind, value in _explode(r):
            if kind == "t":
                cuts = sorted({0, len(value), *(x - offset for x in (start, end) if 0 < x - offset < len(value))})
                for x, y in zip(cuts, cuts[1:]):
                    parts.append((start <= offset + x < end, "t", value[x:y]))
                offset += len(value)
            else:
                width = 1 if value.tag in (W + "tab", W + "br", W + "cr") else 0
                parts.append((width == 1 and start <= offset < end, "el", value))
                offset += width
        parent = r.getparent()
        index = parent.index(r)
        parent.remove(r)
        group = None
        for deleted, kind, value in parts:
            run = _make_run(rpr, kind, value, deleted)
            if deleted:
                if group is None:
                    group = rev.mark("del")
                    parent.insert(index, group)
                    index += 1
                group.append(run)
            else:
                group = None
                parent.insert(index, run)
                index += 1


def _explode(r) -> list[tuple[str, object]]:
    """A run's content as pieces: ("t", text) for text, ("el", element) for a tab, break or other."""
    pieces = []
    for child in r:
        if child.tag == W + "rPr":
            continue
        if child.tag == W + "t":
            if child.text:
                pieces.append(("t", child.text))
        else:
            pieces.append(("el", child))
    return pieces


def _make_run(rpr, kind: str, value, deleted: bool):
    from lxml import etree

    run = etree.Element(W + "r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if kind == "t":
        t = etree.SubElement(run, W + ("delText" if deleted else "t"))
        t.set(XML_SPACE, "preserve")
        t.text = value
    else:
        run.append(copy.deepcopy(value))
    return run


def _top(el, body):
    """The body-level block (paragraph or table) that holds `el`."""
    while el.getparent() is not None and el.getparent() is not body:
        el = el.getparent()
    return el


def _overlaps(a: tuple, spans: list[tuple]) -> bool:
    return any(a[0] is b[0] and a[1] < b[2] and b[1] < a[2] for b in spans)


def _article_of(doc: Document, ev: Evidence):
    """The top-level section (article) that holds an evidence passage."""
    section = doc.section_at(ev.start)
    if section is None:
        return None
    chain = [section, *doc.ancestors(section)]
    return chain[-1]


def _next_number(doc: Document, article, used: dict) -> str:
    """The number for a new section at the end of `article`: "16.4" after 16.1-16.3."""
    if article is None:
        return ""
    if article.key in used:
        used[article.key] += 1
        return f"{article.key}.{used[article.key]}"
    numbers = []
    for i in article.children:
        m = re.fullmatch(rf"{re.escape(article.key)}\.(\d+)", doc.sections[i].key)
        if m:
            numbers.append(int(m.group(1)))
    if not numbers and not article.key.isdigit():
        return ""
    used[article.key] = max(numbers, default=0) + 1
    return f"{article.key}.{used[article.key]}"


def _last_paragraph(doc: Document, article, paragraphs: _Paragraphs, body, fallback):
    """The body block that ends `article`: found from the article's last line of text."""
    lines = [ln for ln in doc.text[article.start:article.end].splitlines() if ln.strip()]
    for line in reversed(lines[-3:]):
        spans = paragraphs.locate(line)
        if spans:
            return _top(spans[-1][0], body)
    return fallback


def write_redline(draft: str, out: str, report: Report, proposal: Proposal, doc: Document, *,
                  author: str = AUTHOR, when: datetime | None = None) -> RedlineResult:
    """Write `draft` redlined with `proposal` to `out` (see the module's docstring)."""
    import docx

    when = when or datetime.now(timezone.utc)
    d = docx.Document(draft)
    body = d.element.body
    rev = _Revisions(body, author, when)
    paragraphs = _Paragraphs(body)
    result = RedlineResult()
    keep: list[tuple] = []  # passages of protections the draft meets: never deleted
    for f in report.findings:
        if f.status == "matching":
            for ev in f.evidence:
                keep += paragraphs.locate(ev.text)
    after: dict[int, object] = {}  # id(anchor block) -> the last block inserted after it
    used_numbers: dict[str, int] = {}

    def insert_after(anchor, blocks) -> None:
        last = after.get(id(anchor), anchor)
        for block in blocks:
            last.addnext(block)
            last = block
        after[id(anchor)] = last

    missing: list[ProposedClause] = []
    for c in proposal.clauses:
        if c.status != "weakened":
            missing.append(c)
            continue
        spans = []
        for ev in c.finding.evidence:
            for span in paragraphs.locate(ev.text):
                if not _overlaps(span, keep) and not _overlaps(span, spans):
                    spans.append(span)
        if not spans:
            result.not_located.append(c.protection)
            missing.append(c)
            continue
        for p, start, end in sorted(spans, key=lambda s: -s[1]):
            _delete_span(p, start, end, rev)
        anchor = _top(spans[-1][0], body)
        insert_after(anchor, [rev.paragraph(text) for text in c.paragraphs])
        result.replaced.append(c.protection)

    if missing:
        articles = {}
        for f in report.findings:
            if f.status != "missing" and f.evidence:
                art = _article_of(doc, f.evidence[-1])
                if art is not None:
                    articles.setdefault(f.category, art)
                    articles.setdefault("*", art)
        sect = body.find(W + "sectPr")
        end_anchor = None
        for c in missing:
            article = articles.get(c.finding.category) or articles.get("*")
            if article is not None:
                anchor = _last_paragraph(doc, article, paragraphs, body, None)
            else:
                anchor = None
            if anchor is None:
                if end_anchor is None:
                    tops = [b for b in body if b.tag in (W + "p", W + "tbl")]
                    numbers = [int(s.key) for s in doc.sections if s.parent is None and s.key.isdigit()]
                    n = max(numbers, default=0) + 1
                    result.new_article = f"ARTICLE {n} {ARTICLE_TITLE.upper()}"
                    heading = rev.paragraph(result.new_article, bold=True)
                    if tops:
                        tops[-1].addnext(heading)
                    elif sect is not None:
                        sect.addprevious(heading)
                    else:
                        body.append(heading)
                    end_anchor = heading
                anchor, key = end_anchor, result.new_article.split()[1]
                used_numbers[key] = used_numbers.get(key, 0) + 1
                number = f"{key}.{used_numbers[key]}"
            else:
                number = _next_number(doc, article, used_numbers)
            title = f"{number} {c.heading}".strip()
            insert_after(anchor, [rev.paragraph(title, bold=True)] + [rev.paragraph(t) for t in c.paragraphs])
            result.inserted.append(c.protection)
    d.save(out)
    return result
