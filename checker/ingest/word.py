"""DOCX through python-docx: body paragraphs and tables in order, Word automatic numbering
rendered into the text, footnotes at the end; headers and footers left out.

Tracked changes are read in one of two views: "accepted" (every change accepted: insertions and
move destinations kept, deletions and move sources dropped) or "original" (the text before the
changes: the opposite). A deleted paragraph mark joins its paragraph to the next one; the merged
paragraph takes the surviving (next) mark's numbering, as ECMA-376 §17.13.5 says the joined
content takes the following paragraph's properties. Formatting-only changes (w:rPrChange,
w:pPrChange, …) hold the *old* properties and never text, so neither view reads them."""
from __future__ import annotations

import re
import zipfile
import zlib

from checker.errors import CorruptDocumentError, LimitExceededError
from checker.ingest.cleanup import Cleaned, clean_pages
from checker.ingest.limits import Deadline, Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ALWAYS_SKIP = {W + "instrText", W + "delInstrText", W + "footnoteReference", W + "endnoteReference",
                W + "rPrChange", W + "pPrChange", W + "sectPrChange", W + "tblPrChange", W + "trPrChange",
                W + "tcPrChange", W + "tblGridChange", W + "numberingChange"}
VIEWS = ("accepted", "original")
# What each view leaves out: the other view's side of every change.
_SKIP = {
    "accepted": _ALWAYS_SKIP | {W + "del", W + "moveFrom", W + "delText"},
    "original": _ALWAYS_SKIP | {W + "ins", W + "moveTo"},
}
_TEXT = {"accepted": {W + "t"}, "original": {W + "t", W + "delText"}}
_FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_LVL_REF = re.compile(r"%([1-9])")
_HEADING_STYLE = re.compile(r"^(?:heading\s*([1-6])|title)$", re.IGNORECASE)


def check_zip(path: str, limits: Limits) -> None:
    """Refuse zip bombs from declared sizes, before anything is decompressed."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(f"DOCX is not a readable zip archive ({exc})", path=path,
                                   hint="the file is truncated or damaged; save it again from Word") from None
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceededError(
            f"DOCX would unpack to {total / 1e6:.0f} MB, over the {limits.max_unzipped_bytes / 1e6:.0f} MB limit",
            path=path, hint="this looks like a zip bomb; if it is a real contract raise Limits.max_unzipped_bytes")
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > limits.max_zip_ratio * max(i.compress_size, 1):
            raise LimitExceededError(
                f"DOCX member {i.filename} expands {i.file_size // max(i.compress_size, 1)}x",
                path=path, hint="this looks like a zip bomb; if it is a real contract raise Limits.max_zip_ratio")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise CorruptDocumentError("zip archive has no word/document.xml", path=path,
                                   hint="this is not a Word document; export it as .docx again")
    inflate_bounded(path, limits)


def inflate_bounded(path: str, limits: Limits) -> None:
    """Inflate every member once, in 1 MB steps, counting the bytes that really come out: a part
    that inflates past `max_part_bytes`, or all of them past `max_unzipped_bytes`, stops here at
    the limit, whatever sizes the archive declares (a falsified size fails the CRC or the count)."""
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                part = 0
                with zf.open(info) as fh:
                    while chunk := fh.read(1 << 20):
                        part += len(chunk)
                        total += len(chunk)
                        if part > limits.max_part_bytes:
                            raise LimitExceededError(
                                f"DOCX part {info.filename} inflates past the {limits.max_part_bytes / 1e6:.0f} MB "
                                f"part limit", path=path,
                                hint="this looks like a zip bomb; if it is a real contract raise Limits.max_part_bytes")
                        if total > limits.max_unzipped_bytes:
                            raise LimitExceededError(
                                f"DOCX inflates past the {limits.max_unzipped_bytes / 1e6:.0f} MB limit", path=path,
                                hint="this looks like a zip bomb; if it is a real contract raise "
                                     "Limits.max_unzipped_bytes")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise CorruptDocumentError(f"DOCX is not a readable zip archive ({exc})", path=path,
                                   hint="the file is truncated or damaged; save it again from Word") from None


def format_number(value: int, fmt: str) -> str:
    """One level of a Word list number in its numFmt."""
    if fmt in ("lowerLetter", "upperLetter"):
        v = max(value, 1)
        s = chr(ord("a") + (v - 1) % 26) * ((v - 1) // 26 + 1)  # past z Word repeats: aa, bb
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s, v = "", value
        for n, r in _ROMAN:
            while v >= n:
                s += r
                v -= n
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


class Numbering:
    """Counters for Word's automatic numbering, advanced paragraph by paragraph."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> lvl info
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            lv = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                lv[ilvl] = {
                    "start": int(_val(lvl, "start") or 1),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") if lvl.find(W + "lvlText") is not None else f"%{ilvl + 1}.",
                }
            self.levels[aid] = lv
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            a = num.find(W + "abstractNumId")
            if a is not None:
                self.num_abstract[nid] = a.get(W + "val")
            for ov in num.iter(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    self.overrides[(nid, int(ov.get(W + "ilvl", "0")))] = int(so.get(W + "val"))

    def label(self, num_id: str, ilvl: int) -> str:
        aid = self.num_abstract.get(num_id)
        levels = self.levels.get(aid or "")
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        # Counters belong to the abstract list, so two numIds sharing one continue each other;
        # a numId with a startOverride restarts on first use.
        key = aid if not any(k[0] == num_id for k in self.overrides) else f"{aid}/{num_id}"
        counters = self.counters.setdefault(key, [None] * 9)
        if counters[ilvl] is None:
            counters[ilvl] = self.overrides.get((num_id, ilvl), levels[ilvl]["start"])
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet":
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            info = levels.get(k, {"start": 1, "fmt": "decimal"})
            v = counters[k] if counters[k] is not None else info["start"]
            return format_number(v, info["fmt"])

        return _LVL_REF.sub(sub, lvl["text"] or "").strip()


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


def _text(el, view: str = "accepted") -> str:
    parts: list[str] = []
    stack = [el]
    skip, text_tags = _SKIP[view], _TEXT[view]
    # explicit stack instead of recursion: deeply nested XML must not blow the C stack
    order: list = []
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in skip:
            continue
        if tag in text_tags:
            order.append(node.text or "")
            continue
        if tag in (W + "tab", W + "br", W + "cr"):
            order.append(" ")
            continue
        if tag == W + "r" and _struck(node):
            # struck-through text (strikethrough formatting, not a tracked deletion) is withdrawn
            # wording in a redline: marked as Markdown strikethrough, which the engine leaves out
            inner = _text_of_run(node, skip, text_tags)
            if inner.strip():
                order.append(f"~~{inner}~~")
            continue
        stack.extend(reversed(list(node)))
    parts.extend(order)
    return "".join(parts)


def _struck(run) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    for tag in ("strike", "dstrike"):
        el = rpr.find(W + tag)
        if el is not None and el.get(W + "val", "true") not in ("0", "false", "off"):
            return True
    return False


def _text_of_run(run, skip, text_tags) -> str:
    out = []
    for node in run.iter():
        if node.tag in skip:
            continue
        if node.tag in text_tags:
            out.append(node.text or "")
        elif node.tag in (W + "tab", W + "br", W + "cr"):
            out.append(" ")
    return "".join(out)


def _mark_removed(p_el, view: str) -> bool:
    """Whether this paragraph's mark is gone in `view` (deleted, or inserted and read as original),
    so its text runs on into the next paragraph."""
    rpr = p_el.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return False
    gone = (W + "del", W + "moveFrom") if view == "accepted" else (W + "ins", W + "moveTo")
    return any(child.tag in gone for child in rpr)


def _row_removed(tr, view: str) -> bool:
    trpr = tr.find(W + "trPr")
    if trpr is None:
        return False
    return trpr.find(W + ("del" if view == "accepted" else "ins")) is not None


def count_revisions(roots) -> dict[str, int]:
    """Tracked changes in these XML trees: text insertions and deletions (run level and whole
    paragraphs or table rows), moves, and formatting-only changes."""
    counts = {"insertions": 0, "deletions": 0, "moves": 0, "formatting": 0}
    for root in roots:
        for tag, key in (("ins", "insertions"), ("del", "deletions")):
            counts[key] += sum(1 for _ in root.iter(W + tag))
        counts["moves"] += sum(1 for _ in root.iter(W + "moveTo"))
        counts["formatting"] += sum(1 for t in _FORMAT_CHANGES for _ in root.iter(W + t))
    return counts


def revisions_warning(counts: dict[str, int], view: str) -> str | None:
    """The line for Document.warnings: what is tracked and which view was checked."""
    ins, dels, moves, fmt = counts["insertions"], counts["deletions"], counts["moves"], counts["formatting"]
    if not (ins or dels or moves or fmt):
        return None
    what = f"{ins} tracked insertion{'s' * (ins != 1)} and {dels} deletion{'s' * (dels != 1)}"
    if moves:
        what += f", {moves} move{'s' * (moves != 1)}"
    if fmt:
        what += f", {fmt} formatting-only change{'s' * (fmt != 1)} (no effect on the text)"
    if view == "accepted":
        checked = "checked the accepted view (all changes accepted); --revisions original checks the text before them"
    else:
        checked = "checked the original view (the text before the changes); --revisions accepted checks it with them"
    return f"the document has {what}; {checked}"


def _style_numpr(style):
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


def read_docx(path: str, *, limits: Limits, deadline: Deadline,
              revisions: str = "accepted") -> tuple[Cleaned, list[str]]:
    """The document's text in the `revisions` view ("accepted" or "original"), and warnings."""
    if revisions not in VIEWS:
        raise ValueError(f"revisions must be one of {VIEWS}, not {revisions!r}")
    view = revisions
    check_zip(path, limits)
    import docx
    from lxml import etree

    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError, …
        raise CorruptDocumentError(f"DOCX cannot be read ({type(exc).__name__}: {exc})", path=path,
                                   hint="the file is damaged; open and save it again in Word") from None
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    numbering = Numbering(numbering_root)
    styles = {}

    def para_line(p_el, text: str | None = None) -> str:
        text = _text(p_el, view) if text is None else text
        ppr = p_el.find(W + "pPr")
        num_id = ilvl = None
        if ppr is not None:
            npr = ppr.find(W + "numPr")
            if npr is not None:
                num_id, ilvl = _val(npr, "numId"), _val(npr, "ilvl")
            if num_id is None:
                sid = _val(ppr, "pStyle")
                if sid:
                    if sid not in styles:
                        try:
                            styles[sid] = _style_numpr(document.styles.get_by_id(sid, 1))
                        except Exception:
                            styles[sid] = None
                    snpr = styles[sid]
                    if snpr is not None:
                        num_id = snpr.numId.val if snpr.numId is not None else None
                        ilvl = snpr.ilvl.val if snpr.ilvl is not None else None
                        num_id = None if num_id is None else str(num_id)
        if num_id is not None and text.strip():
            label = numbering.label(str(num_id), int(ilvl or 0))
            if label:
                text = f"{label} {text}"
        return text

    lines: list[tuple[str, int]] = []
    pending: list[str] = []  # text of paragraphs whose mark is gone in this view, joined to the next
    hints: dict[int, int] = {}  # line number -> heading level, as a Markdown "#" heading gives
    levels: dict[str, int] = {}

    def heading_level(p_el) -> int:
        """1-6 for a paragraph in a Heading or Title style (or with an outline level), else 0."""
        ppr = p_el.find(W + "pPr")
        if ppr is None:
            return 0
        outline = _val(ppr, "outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 6:
            return int(outline) + 1
        sid = _val(ppr, "pStyle")
        if not sid:
            return 0
        if sid not in levels:
            try:
                name = document.styles.get_by_id(sid, 1).name or ""
            except Exception:
                name = ""
            m = _HEADING_STYLE.match(name)
            levels[sid] = int(m.group(1)) if m and m.group(1) else (1 if m else 0)
        return levels[sid]

    def paragraph(p_el) -> None:
        text = _text(p_el, view)
        if _mark_removed(p_el, view):
            pending.append(text)
            return
        if pending:
            text = " ".join(t.strip() for t in (*pending, text) if t.strip())
            pending.clear()
        line = para_line(p_el, text)
        level = heading_level(p_el) if line.strip() else 0
        if level:
            hints[len(lines) + 1] = min(level, 6)
        lines.append((line, len(lines) + 1))

    def flush() -> None:
        if pending:
            lines.append((" ".join(t.strip() for t in pending if t.strip()), len(lines) + 1))
            pending.clear()

    body = document.element.body
    for block in body.iterchildren():
        if len(lines) % 500 == 0:
            deadline.check()
        if block.tag == W + "p":
            paragraph(block)
        elif block.tag == W + "tbl":
            flush()
            for row in block.iter(W + "tr"):
                if _row_removed(row, view):
                    continue
                cells = [" ".join(_text(p, view) for p in tc.iter(W + "p")).strip()
                         for tc in row.iterchildren(W + "tc")]
                # a row reads like a Markdown table row, so it stands alone as a sentence
                row_text = " | ".join(c for c in cells if c)
                lines.append((f"| {row_text} |" if row_text else "", len(lines) + 1))
            lines.append(("", len(lines) + 1))
        elif block.tag == W + "sdt":
            for p in block.iter(W + "p"):
                paragraph(p)
    flush()
    roots = [body]
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            roots.append(root)
            notes = [fn for fn in root.iter(W + "footnote") if fn.get(W + "type") in (None, "normal")]
            if notes:
                lines.append(("", len(lines) + 1))
                lines.append(("FOOTNOTES", len(lines) + 1))
            for fn in notes:
                text = " ".join(_text(p, view) for p in fn.iter(W + "p")).strip()
                lines.append((f"[{fn.get(W + 'id')}] {text}", len(lines) + 1))
    warning = revisions_warning(count_revisions(roots), view)
    return clean_pages([lines], paged=False, hints=hints), [warning] if warning else []
