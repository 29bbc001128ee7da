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
# The engine's explanations of a deviation that comes from another clause (checker.engine.grade).
OVERRIDES = ("an exception elsewhere in the document overrides this clause",
             "another provision limits who or what this clause covers")
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

    def runs(self, title: str | None, items: list[str]):
        """A w:ins holding the title (bold) and the items, each item after a line break: one
        paragraph per clause, so the clause stays one passage (as the checker reads a section)."""
        from lxml import etree

        ins = self.mark("ins")
        first = True
        for text, bold in ([(title, True)] if title else []) + [(x, False) for x in items]:
            r = etree.SubElement(ins, W + "r")
            if bold:
                etree.SubElement(etree.SubElement(r, W + "rPr"), W + "b")
            if not first:
                etree.SubElement(r, W + "br")
            t = etree.SubElement(r, W + "t")
            t.set(XML_SPACE, "preserve")
            t.text = text
            first = False
        return ins

    def paragraph(self, title: str | None, items: list[str] = ()):
        """A paragraph wholly inserted: its runs in w:ins and its paragraph mark marked inserted."""
        from lxml import etree

        p = etree.Element(W + "p")
        ppr = etree.SubElement(p, W + "pPr")
        rpr = etree.SubElement(ppr, W + "rPr")
        rpr.append(self.mark("ins"))
        p.append(self.runs(title, list(items)))
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
        self.index = {}
        for p in body.iter(W + "p"):
            self.index[id(p)] = len(self.items)
            self.items.append(self._item(p))

    @staticmethod
    def _item(p):
        raw = _text(p, "accepted")
        canon, where = _canon(raw)
        return p, raw, canon, where

    def refresh(self, p) -> None:
        """Read `p` again after a change (its offsets moved)."""
        if id(p) in self.index:
            self.items[self.index[id(p)]] = self._item(p)

    def text_of(self, span: tuple) -> str:
        p, start, end = span
        return _canon(self.items[self.index[id(p)]][1][start:end])[0]

    def find_override(self, found: str):
        """The span of an overriding clause the engine quoted (lower-cased, maybe cut short with
        "…"): the whole paragraph after its number when the quote is most of it."""
        target = _canon(found.rstrip("…").strip())[0].lower()
        if len(target) < 12:
            return None
        for p, raw, canon, where in self.items:
            i = canon.lower().find(target)
            if i < 0:
                continue
            label = _LABEL.match(raw.lstrip())
            lead = len(raw) - len(raw.lstrip()) + (label.end() if label else 0)
            if len(target) >= 0.5 * len(canon):
                return p, lead, len(raw)
            return p, where[i], where[i + len(target) - 1] + 1
        return None

    def locate(self, text: str) -> list[tuple[object, int, int]]:
        """(paragraph, start, end) raw spans holding `text`; a passage not found whole is looked
        for sentence by sentence (and without its section number, which Word may number itself)."""
        target, _ = _canon(text)
        found = self._find(target)
        if found:
            return [found]
        spans = []
        whole = []  # a passage running over several paragraphs holds some of them whole
        for p, raw, canon, where in self.items:
            if len(canon.split()) >= 8 and canon in target:
                spans.append((p, where[0], where[-1] + 1))
                whole.append(canon)
        for sentence in re.split(r"(?<=[.;:])\s+(?=[A-Z(])", target):
            if any(sentence in w for w in whole):
                continue
            hit = self._find(sentence)
            if hit and not any(hit[0] is s[0] and hit[1] < s[2] and s[1] < hit[2] for s in spans):
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


def _delete_span(p, start: int, end: int, rev: _Revisions):
    """Mark characters [start, end) of `p`'s accepted text deleted, splitting runs at the edges;
    returns the last w:del made (None when nothing was deleted)."""
    last = None
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
                    last = group
                group.append(run)
            else:
                group = None
                parent.insert(index, run)
                index += 1
    return last


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


@dataclass
class _Article:
    key: str | None  # "16": new sections are numbered 16.N; None: not numbered that way
    last: object  # the Section whose end is the article's end
    numbers: list[int]  # the N of its sections numbered key.N


def _article_of(doc: Document, ev: Evidence) -> _Article | None:
    """The article that holds an evidence passage: its top-level section, or, for a draft numbered
    "27.1", "27.2" with no article heading, every top-level section numbered 27.N."""
    section = doc.section_at(ev.start)
    if section is None:
        return None
    top = [section, *doc.ancestors(section)][-1]
    m = re.fullmatch(r"(\d+)\.\d+", top.key)
    if m:
        group = [x for x in doc.sections if x.parent is None and re.fullmatch(rf"{m.group(1)}\.\d+", x.key)]
        return _Article(m.group(1), max(group, key=lambda x: x.end), [int(x.key.split(".")[1]) for x in group])
    numbers = []
    for i in top.children:
        k = re.fullmatch(rf"{re.escape(top.key)}\.(\d+)", doc.sections[i].key)
        if k:
            numbers.append(int(k.group(1)))
    return _Article(top.key if top.key.isdigit() else None, top, numbers)


def _next_number(article: _Article, used: dict) -> str:
    """The number for a new section at the end of `article`: "16.4" after 16.1-16.3."""
    if article.key is None:
        return ""
    used[article.key] = used.get(article.key, max(article.numbers, default=0)) + 1
    return f"{article.key}.{used[article.key]}"


def _last_paragraph(doc: Document, article: _Article, paragraphs: _Paragraphs, body):
    """The body block that ends `article`: found from the article's last lines of text."""
    section = article.last
    lines = [ln for ln in doc.text[section.start:section.end].splitlines() if ln.strip()]
    for line in reversed(lines[-3:]):
        spans = paragraphs.locate(line)
        if spans:
            return _top(spans[-1][0], body)
    return None


def _replace(spans: list[tuple], c: ProposedClause, rev: _Revisions, paragraphs: _Paragraphs) -> None:
    """Delete the weakened clause's passages and put the model language in their place: its first
    paragraph inline after the first passage (behind the section number or item letter the
    draft keeps), the rest after line breaks in the same paragraph. A paragraph left with nothing
    but its number is removed whole, paragraph mark included."""
    order = {id(item[0]): i for i, item in enumerate(paragraphs.items)}
    spans = sorted(spans, key=lambda s: (order.get(id(s[0]), 0), s[1]))
    kept_label: dict[int, str] = {}
    adjusted = []
    for p, start, end in spans:
        raw = _text(p, "accepted")
        label = _LABEL.match(raw.lstrip())
        lead = len(raw) - len(raw.lstrip())
        if label and start <= lead + label.end():
            kept_label[id(p)] = label.group(0).strip()
            start = lead + label.end()
        if start < end:
            adjusted.append((p, start, end))
    if not adjusted:
        return
    first = adjusted[0][0]
    last_del = {}
    for p, start, end in sorted(adjusted, key=lambda s: (order.get(id(s[0]), 0), -s[1])):
        d = _delete_span(p, start, end, rev)
        if d is not None and id(p) not in last_del:
            last_del[id(p)] = d  # spans run backwards: the first kept is the paragraph's last deletion
    dropped = set()
    for p, _, _ in adjusted:
        if p is not first and id(p) not in dropped and (_only_label(p) or not _text(p, "accepted").strip()):
            _drop_paragraph(p, rev)
            dropped.add(id(p))
    texts = list(c.paragraphs)
    label = kept_label.get(id(first), "")
    if label.startswith("(") and texts and _ITEM_LABEL.match(texts[0]):
        texts[0] = _ITEM_LABEL.sub("", texts[0], count=1)  # "(c) [model (a)'s text]", not "(c) (a) …"
    inline = rev.runs(None, texts)
    inline[-1].find(W + "t").text += " "
    anchor = last_del.get(id(first))
    if anchor is not None:
        anchor.addnext(inline)
    else:
        first.append(inline)
    for p, _, _ in adjusted:
        paragraphs.refresh(p)


_ITEM_LABEL = re.compile(r"^\([a-z0-9]{1,4}\)\s+")


def _only_label(p) -> bool:
    text = _text(p, "accepted").strip()
    return bool(text) and not _LABEL.sub("", text + " ").strip()


def _drop_paragraph(p, rev: _Revisions) -> None:
    """Delete what is left of a paragraph and its mark, so the accepted view has no trace of it."""
    raw = _text(p, "accepted")
    if raw:
        _delete_span(p, 0, len(raw), rev)
    from lxml import etree

    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = etree.Element(W + "pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W + "rPr")
    if rpr is None:  # the schema's order: w:rPr comes before w:sectPr and w:pPrChange
        rpr = etree.Element(W + "rPr")
        later = [i for i, child in enumerate(ppr) if child.tag in (W + "sectPr", W + "pPrChange")]
        ppr.insert(later[0] if later else len(ppr), rpr)
    # and w:del comes first in the paragraph mark's properties, after a w:ins
    rpr.insert(1 if len(rpr) and rpr[0].tag == W + "ins" else 0, rev.mark("del"))


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
    keep = [_canon(ev.text)[0] for f in report.findings if f.status == "matching" for ev in f.evidence]

    def kept(span) -> bool:
        text = paragraphs.text_of(span)
        return any(text in k or k in text for k in keep)

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
        overrides = [d.found for d in c.finding.deviations if d.found and d.explanation in OVERRIDES]
        spans, elsewhere = [], []
        for ev in c.finding.evidence:
            ev_text = _canon(ev.text)[0].lower()
            quoted = [o for o in overrides if _canon(o.rstrip("…").strip())[0].lower() in ev_text]
            if quoted:  # the clause that overrides this one: only the overriding words go
                for o in quoted:
                    span = paragraphs.find_override(o)
                    if span and not kept(span) and not _overlaps(span, elsewhere):
                        elsewhere.append(span)
                continue
            for span in paragraphs.locate(ev.text):
                if not kept(span) and not _overlaps(span, spans):
                    spans.append(span)
        for p, start, end in sorted(elsewhere, key=lambda x: -x[1]):
            _delete_span(p, start, end, rev)
            if _only_label(p) or not _text(p, "accepted").strip():
                _drop_paragraph(p, rev)
            paragraphs.refresh(p)
        if not spans:
            result.not_located.append(c.protection)
            missing.append(c)
            continue
        _replace(spans, c, rev, paragraphs)
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
                anchor = _last_paragraph(doc, article, paragraphs, body)
            else:
                anchor = None
            if anchor is None:
                if end_anchor is None:
                    tops = [b for b in body if b.tag in (W + "p", W + "tbl")]
                    numbers = [int(s.key) for s in doc.sections if s.parent is None and s.key.isdigit()]
                    n = max(numbers, default=0) + 1
                    result.new_article = f"ARTICLE {n} {ARTICLE_TITLE.upper()}"
                    heading = rev.paragraph(result.new_article)
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
                number = _next_number(article, used_numbers)
            title = f"{number} {c.heading}.".strip()
            insert_after(anchor, [rev.paragraph(title, c.paragraphs)])
            result.inserted.append(c.protection)
    d.save(out)
    return result
