"""Page layout that plain pdfium text gets wrong: two-column pages and ruled tables.

Detection reads only what pypdfium2 already has open (text rectangles, path objects), about
0.2 ms a page, so ordinary pages never leave the fast path. Then:

- two-column pages are re-read with pdfplumber, band by band (full-width lines, then the left
  column, then the right), each character assigned by its centre so none is read twice;
- ruled tables are found with pdfplumber's own cell algorithm (ported in `ruling`, so that a page
  with ruling lines does not import pdfplumber) fed with the ruling lines of pdfium's path
  objects, and each cell's text is read with pdfium. Running
  `pdfplumber.Page.find_tables()` instead costs 90-120 ms a page (measured on the Safeway wage
  tables, pp. 37, 38, 43), about the raw time of the whole 70-page contract, which would break
  the 2x budget of issue 2; reading the edges from pdfium costs ~1 ms.

Coordinates below are pdfium's (origin bottom-left) unless named `top`/`bottom`.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # left, bottom, right, top

# A gutter may be crossed by a few full-width lines (title, article heading, footer).
GUTTER_MAX_CROSSING = 0.15
COLUMN_MIN_RECTS = 4
COLUMN_MIN_SPAN = 0.4  # each column covers at least this share of the text's height
COLUMN_MIN_FILL = 0.6  # the median line of each column spans this share of its width
# Pages with fewer path objects cannot hold a ruled table of 2x2 cells drawn cell by cell and
# are not walked; Orange County and Safeway draw underlines with 1-17 paths per page.
TABLE_MIN_PATHS = 4
EDGE_MIN_LENGTH = 3.0  # pdfplumber's own default (`edge_min_length`)


@dataclass
class PageLayout:
    gutter: float | None = None  # x of the gap between two columns
    spanning: list[Rect] | None = None  # text rectangles that cross the gutter
    tables: list[list[Rect]] | None = None  # cells of each ruled table (top-down rows)


def text_rects(textpage, width: float) -> list[Rect] | None:
    """pdfium's text rectangles; None as soon as so many span the whole middle third that no
    gutter can exist there (an ordinary page stops after a few lines, not all of them)."""
    import pypdfium2.raw as pdfium_c

    handle = getattr(textpage, "raw", textpage)  # the bare handle: no property call per C call
    n = pdfium_c.FPDFText_CountRects(handle, 0, -1)
    l, t, r, b = (ctypes.c_double() for _ in range(4))
    lo, hi = width / 3, 2 * width / 3
    budget = GUTTER_MAX_CROSSING * n
    out = []
    get_rect = pdfium_c.FPDFText_GetRect
    for k in range(n):
        get_rect(handle, k, l, t, r, b)
        if l.value < lo and r.value > hi:
            budget -= 1
            if budget < 0:
                return None
        if r.value - l.value > 0.5 and t.value - b.value > 0.5:
            out.append((l.value, b.value, r.value, t.value))
    return out


def find_gutter(rects: list[Rect], width: float) -> tuple[float, list[Rect]] | None:
    """The x of a vertical gap in the middle third that almost no text crosses, with text on
    both sides over most of the page's text height; and the rectangles that do cross it."""
    n = len(rects)
    if n < 2 * COLUMN_MIN_RECTS:
        return None
    lo, hi = width / 3, 2 * width / 3
    # Sweep the middle third: how many rectangles cover each x.
    events = sorted([(max(lo, l), 1) for l, _, r, _ in rects if l < hi and r > lo]
                    + [(min(hi, r), -1) for l, _, r, _ in rects if l < hi and r > lo])
    depth = 0
    best = None  # (crossing, -gap width, x)
    x = lo
    for ex, d in events:
        if ex > x:
            cand = (depth, -(ex - x), (x + ex) / 2)
            best = cand if best is None or cand < best else best
        depth += d
        x = max(x, ex)
    if x < hi:
        cand = (depth, -(hi - x), (x + hi) / 2)
        best = cand if best is None or cand < best else best
    if best is None or best[0] > GUTTER_MAX_CROSSING * n:
        return None
    gx = best[2]
    left = [rc for rc in rects if rc[2] <= gx]
    right = [rc for rc in rects if rc[0] >= gx]
    if len(left) < COLUMN_MIN_RECTS or len(right) < COLUMN_MIN_RECTS:
        return None
    extent = max(rc[3] for rc in rects) - min(rc[1] for rc in rects)
    x_min, x_max = min(rc[0] for rc in rects), max(rc[2] for rc in rects)
    for side, col_width in ((left, gx - x_min), (right, x_max - gx)):
        if max(rc[3] for rc in side) - min(rc[1] for rc in side) < COLUMN_MIN_SPAN * extent:
            return None
        # Lines of running text fill most of their column; table cells, list markers and index
        # page numbers do not (Safeway's wage tables, Orange County's "c." markers).
        widths = sorted(rc[2] - rc[0] for rc in side)
        if widths[len(widths) // 2] < COLUMN_MIN_FILL * col_width:
            return None
    return gx, [rc for rc in rects if rc[0] < gx < rc[2]]


def _path_edges(paths: list, height: float) -> list[dict]:
    """Horizontal and vertical line segments of the page's path objects (`path_objects`), as
    pdfplumber edges."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict] = []
    m = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = (ctypes.c_float() for _ in range(4))
    count_segments, get_segment = pdfium_c.FPDFPath_CountSegments, pdfium_c.FPDFPath_GetPathSegment
    get_point, get_kind, get_close = (pdfium_c.FPDFPathSegment_GetPoint, pdfium_c.FPDFPathSegment_GetType,
                                      pdfium_c.FPDFPathSegment_GetClose)
    moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    for obj in paths:
        segments = count_segments(obj)
        if segments <= 6:  # a line or a rectangle: its box says it all
            pdfium_c.FPDFPageObj_GetBounds(obj, bl, bb, br, bt)
            l, b, r, t = bl.value, bb.value, br.value, bt.value
            if t - b < 2:
                _add_edge(edges, (l, (b + t) / 2), (r, (b + t) / 2), height)
            elif r - l < 2:
                _add_edge(edges, ((l + r) / 2, b), ((l + r) / 2, t), height)
            else:
                for a, z in (((l, b), (r, b)), ((l, t), (r, t)), ((l, b), (l, t)), ((r, b), (r, t))):
                    _add_edge(edges, a, z, height)
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, m)
        ma, mb, mc, md, me, mf = m.a, m.b, m.c, m.d, m.e, m.f
        start = prev = None
        for s in range(segments):
            seg = get_segment(obj, s)
            get_point(seg, x, y)
            pt = (ma * x.value + mc * y.value + me, mb * x.value + md * y.value + mf)
            kind = get_kind(seg)
            if kind == moveto:
                start = prev = pt
                continue
            if kind == lineto and prev is not None:
                _add_edge(edges, prev, pt, height)
            prev = pt
            if get_close(seg) and start is not None:
                _add_edge(edges, pt, start, height)
                prev = start
    return edges


def _add_edge(edges: list[dict], a: tuple[float, float], b: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= EDGE_MIN_LENGTH:
        x0, x1 = sorted((x0, x1))
        top = height - y0
        edges.append({"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0,
                      "orientation": "h", "object_type": "line"})
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= EDGE_MIN_LENGTH:
        top, bottom = sorted((height - y0, height - y1))
        edges.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
                      "orientation": "v", "object_type": "line"})


def find_tables(paths: list, height: float) -> list[list[Rect]]:
    """Cells (x0, top, x1, bottom) of each ruled table of at least 2 rows and 2 columns drawn by
    the page's path objects (`path_objects`); a single boxed paragraph or a one-column box stays
    ordinary text."""
    edges = _path_edges(paths, height)
    if sum(e["orientation"] == "v" for e in edges) < 2 or sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    from checker.ingest import ruling

    # pdfplumber's default tolerances (TableSettings: snap 3, join 3, intersection 3).
    edges = ruling.merge_edges(edges, 3, 3, 3, 3)
    cells = ruling.intersections_to_cells(ruling.edges_to_intersections(edges, 3, 3))
    out = []
    for tbl in ruling.cells_to_tables(cells):
        if len({c[1] for c in tbl}) >= 2 and len({c[0] for c in tbl}) >= 2:
            out.append(tbl)
    return out


def detect(page, textpage, paths: list) -> PageLayout | None:
    """Layout of a page when it needs more than plain text; None for an ordinary page. `paths`:
    the page's path objects (`path_objects`)."""
    width, height = page.get_size()
    rects = text_rects(textpage, width)
    gutter = find_gutter(rects, width) if rects else None
    tables = find_tables(paths, height) if len(paths) >= TABLE_MIN_PATHS else []
    if gutter is None and not tables:
        return None
    return PageLayout(gutter=gutter[0] if gutter else None, spanning=gutter[1] if gutter else None,
                      tables=tables)


def path_objects(page) -> list:
    """The handles of the page's path objects (lines, rectangles, curves), in page order: one walk
    over its objects, which `find_tables` then does not repeat. Valid while the page is open."""
    import pypdfium2.raw as pdfium_c

    handle = getattr(page, "raw", page)  # the bare handle: no property call per C call
    get_object, get_type, path = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDF_PAGEOBJ_PATH
    out = []
    for k in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = get_object(handle, k)
        if get_type(obj) == path:
            out.append(obj)
    return out


def table_page_lines(textpage, height: float, width: float, tables: list[list[Rect]]) -> list[str]:
    """A page with ruled tables, top to bottom: the text between tables as pdfium reads it,
    each table row as one line of cells joined by " | " between outer bars, text beside a table after its rows."""
    tables = sorted(tables, key=lambda t: min(c[1] for c in t))
    lines: list[str] = []
    y = 0.0  # top-down cursor
    for tbl in tables:
        t_top, t_bottom = min(c[1] for c in tbl), max(c[3] for c in tbl)
        t_left, t_right = min(c[0] for c in tbl), max(c[2] for c in tbl)
        lines += _bounded(textpage, 0, y, width, t_top, height)
        rows: dict[float, list[Rect]] = {}
        for c in tbl:
            rows.setdefault(round(c[1], 1), []).append(c)
        for top in sorted(rows):
            cells = [" ".join(_bounded(textpage, c[0], c[1], c[2], c[3], height)) for c in sorted(rows[top])]
            if any(cells):
                # a row reads like a Markdown table row, so it stands alone as a sentence
                lines.append("| " + " | ".join(" ".join(s.split()) for s in cells) + " |")
        lines += _bounded(textpage, 0, t_top, t_left, t_bottom, height)
        lines += _bounded(textpage, t_right, t_top, width, t_bottom, height)
        y = max(y, t_bottom)
    lines += _bounded(textpage, 0, y, width, height, height)
    return lines


def _bounded(textpage, x0: float, top: float, x1: float, bottom: float, height: float) -> list[str]:
    if bottom - top < 0.5 or x1 - x0 < 0.5:
        return []
    text = textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)
    return [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _furniture_bands(plumber_page, bands: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """`bands` plus the page's first and last line when a gap of more than two line heights sets
    them apart from the columns: a running header or a "Page 3 of 12" footer, centred and short
    enough not to cross the gutter, is read in place, not as the end of the left column."""
    chars = plumber_page.chars
    if len(chars) < 20:
        return bands
    heights = sorted(c["bottom"] - c["top"] for c in chars)
    line = heights[len(heights) // 2]
    extra = []
    last = max(c["top"] for c in chars)
    above = [c["bottom"] for c in chars if c["top"] < last - line / 2]
    if above and last - max(above) > 2 * line:
        extra.append((last - 1, float(plumber_page.height) + 1))
    first = min(c["top"] for c in chars)
    first_bottom = max(c["bottom"] for c in chars if c["top"] < first + line / 2)
    below = [c["top"] for c in chars if c["top"] >= first + line / 2]
    if below and min(below) - first_bottom > 2 * line:
        extra.append((-1.0, first_bottom + 1))
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(bands + extra):
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def column_page_lines(plumber_page, gutter: float, spanning: list[Rect], pdfium_height: float) -> list[str]:
    """A two-column page read as a person does: full-width bands in place, and between them the
    left column then the right. Each character goes to the region holding its centre."""
    h = plumber_page.height
    scale = h / pdfium_height if pdfium_height else 1.0
    bands: list[tuple[float, float]] = []
    for _, b, _, t in sorted(spanning, key=lambda rc: -rc[3]):
        top, bottom = (pdfium_height - t) * scale - 1, (pdfium_height - b) * scale + 1
        if bands and top <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], bottom))
        else:
            bands.append((top, bottom))
    bands = _furniture_bands(plumber_page, bands)
    gx = gutter * scale
    regions: list[tuple[float, float, float, float]] = []
    y = float("-inf")
    for top, bottom in bands + [(float("inf"), float("inf"))]:
        if top > y:
            regions += [(float("-inf"), y, gx, top), (gx, y, float("inf"), top)]
        if bottom != float("inf"):
            regions.append((float("-inf"), top, float("inf"), bottom))
        y = bottom
    lines: list[str] = []
    for x0, top, x1, bottom in regions:
        def inside(o, x0=x0, top=top, x1=x1, bottom=bottom):
            if o.get("object_type") != "char":
                return False
            cx = (o["x0"] + o["x1"]) / 2
            cy = (o["top"] + o["bottom"]) / 2
            return x0 <= cx < x1 and top <= cy < bottom

        text = plumber_page.filter(inside).extract_text()
        if text.strip():
            lines += text.split("\n")
    return lines
