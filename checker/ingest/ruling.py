"""Ruled-table cells from ruling lines: pdfplumber's cell algorithm (pdfplumber 0.11, `table.py`,
MIT licence), ported so that reading a page with ruling lines does not import pdfplumber.

Importing pdfplumber (and pdfminer with it) costs ~80 ms of CPU, a third of the raw text
extraction of a 70-page contract; Safeway's wage tables and two pages of ruling in the Teamsters
agreement paid it on every check. The steps, tolerances and arithmetic are pdfplumber's own, in
the same order (snap, join, intersect, cells, tables), so the cells found are exactly the ones
`pdfplumber.table` finds from the same edges (tests/test_ingest_layout.py compares them).

Edges are pdfplumber-style dicts: x0, x1, top, bottom, width, height, orientation ("h"/"v").
"""
from __future__ import annotations

import itertools
from operator import itemgetter

Cell = tuple[float, float, float, float]  # x0, top, x1, bottom
_BBOX = itemgetter("x0", "top", "x1", "bottom")


def _cluster_index(values: list[float], tolerance: float) -> dict[float, int]:
    """Value -> cluster number; a cluster is a run of sorted distinct values each within
    `tolerance` of the previous one (pdfplumber's `make_cluster_dict`)."""
    xs = sorted(set(values))
    if tolerance == 0 or len(xs) < 2:
        return {x: i for i, x in enumerate(xs)}
    out: dict[float, int] = {}
    group = 0
    last = xs[0]
    for x in xs:
        if x > last + tolerance:
            group += 1
        out[x] = group
        last = x
    return out


def _snap(objs: list[dict], attr: str, tolerance: float) -> list[dict]:
    """Edges whose `attr` lie in one cluster moved to the cluster's mean (pdfplumber's
    `snap_objects`: the same sum, division and per-edge offset)."""
    moved = ("x0", "x1") if attr in ("x0", "x1") else ("top", "bottom")
    index = _cluster_index([o[attr] for o in objs], tolerance)
    ordered = sorted(((o, index[o[attr]]) for o in objs), key=itemgetter(1))
    out: list[dict] = []
    for _, group in itertools.groupby(ordered, key=itemgetter(1)):
        cluster = [o for o, _ in group]
        avg = sum(o[attr] for o in cluster) / len(cluster)
        for o in cluster:
            value = avg - o[attr]
            out.append({**o, moved[0]: o[moved[0]] + value, moved[1]: o[moved[1]] + value})
    return out


def _join_group(edges, orientation: str, tolerance: float) -> list[dict]:
    """Edges on one line joined where they touch or lie within `tolerance` of each other."""
    lo, hi, size = ("x0", "x1", "width") if orientation == "h" else ("top", "bottom", "height")
    ordered = sorted(edges, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                grown = {**last, hi: e[hi]}
                grown[size] = (e[hi] - last["x0"]) if orientation == "h" else last["height"] + (e[hi] - last[hi])
                joined[-1] = grown
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[dict], snap_x: float, snap_y: float, join_x: float, join_y: float) -> list[dict]:
    if snap_x > 0 or snap_y > 0:
        edges = (_snap([e for e in edges if e["orientation"] == "v"], "x0", snap_x)
                 + _snap([e for e in edges if e["orientation"] == "h"], "top", snap_y))

    def group(e: dict) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    out: list[dict] = []
    for k, items in itertools.groupby(sorted(edges, key=group), key=group):
        out += _join_group(items, k[0], join_x if k[0] == "h" else join_y)
    return out


def edges_to_intersections(edges: list[dict], x_tolerance: float, y_tolerance: float) -> dict:
    """(x, top) of every crossing of a vertical and a horizontal edge -> the edges through it."""
    out: dict[tuple[float, float], dict[str, list[dict]]] = {}
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in v_edges:
        for h in h_edges:
            if (v["top"] <= h["top"] + y_tolerance and v["bottom"] >= h["top"] - y_tolerance
                    and v["x0"] >= h["x0"] - x_tolerance and v["x0"] <= h["x1"] + x_tolerance):
                at = out.setdefault((v["x0"], h["top"]), {"v": [], "h": []})
                at["v"].append(v)
                at["h"].append(h)
    return out


def intersections_to_cells(intersections: dict) -> list[Cell]:
    """The smallest rectangle each crossing is the top-left corner of, its four sides ruled."""
    boxes = {pt: ({_BBOX(e) for e in at["v"]}, {_BBOX(e) for e in at["h"]}) for pt, at in intersections.items()}

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and boxes[p1][0] & boxes[p2][0]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1][1] & boxes[p2][1])

    points = sorted(intersections)
    cells = []
    for i, pt in enumerate(points[:-1]):
        rest = points[i + 1:]
        below = [p for p in rest if p[0] == pt[0]]
        right = [p for p in rest if p[1] == pt[1]]
        found = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in boxes and connects(corner, right_pt) and connects(corner, below_pt):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def cells_to_tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables of cells sharing corners, top to bottom; single cells dropped."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Cell] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            cell_corners = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    return [t for t in sorted(tables, key=lambda t: min((c[1], c[0]) for c in t)) if len(t) > 1]
