"""Ruled-table cells (checker.ingest.ruling): the same cells as pdfplumber's own algorithm, found
without importing pdfplumber."""
from __future__ import annotations

import random
import subprocess
import sys

import pytest

from checker.ingest import ruling


def _h(x0, x1, top):
    return {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0,
            "orientation": "h", "object_type": "line"}


def _v(x, top, bottom):
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}


def _grid(seed: int) -> list[dict]:
    """A ruled grid drawn cell side by cell side, with jitter under and over the snap tolerance,
    missing sides, short overshoots and stray strokes, in random order."""
    rnd = random.Random(seed)
    xs = sorted(rnd.sample(range(0, 500, 25), rnd.randint(2, 6)))
    ys = sorted(rnd.sample(range(0, 700, 15), rnd.randint(2, 8)))
    jitter = [0, 0.3, 1.5, 2.9, 3.5]
    edges = [_h(a + rnd.choice([0, 1, 4]), b - rnd.choice([0, 1, 4]), y + rnd.choice(jitter))
             for y in ys for a, b in zip(xs, xs[1:]) if rnd.random() < 0.9]
    edges += [_v(x + rnd.choice(jitter), a + rnd.choice([0, 1, 4]), b - rnd.choice([0, 1, 4]))
              for x in xs for a, b in zip(ys, ys[1:]) if rnd.random() < 0.9]
    for _ in range(rnd.randint(0, 4)):
        x, y = rnd.uniform(0, 500), rnd.uniform(0, 700)
        edges.append(_h(x, x + rnd.uniform(3, 200), y) if rnd.random() < 0.5 else _v(x, y, y + rnd.uniform(3, 200)))
    rnd.shuffle(edges)
    return edges


def _tables(mod, edges):
    merged = mod.merge_edges(edges, 3, 3, 3, 3)
    return mod.cells_to_tables(mod.intersections_to_cells(mod.edges_to_intersections(merged, 3, 3)))


@pytest.mark.parametrize("seed", range(40))
def test_ingest_ruling_cells_equal_pdfplumbers(seed):
    from pdfplumber import table as pt

    edges = _grid(seed)
    assert _tables(ruling, edges) == _tables(pt, edges)


@pytest.mark.parametrize("edges, cells", [
    # a 2x2 table drawn as three horizontal and three vertical rules
    ([_h(0, 100, 0), _h(0, 100, 20), _h(0, 100, 40), _v(0, 0, 40), _v(50, 0, 40), _v(100, 0, 40)],
     [[(0, 0, 50, 20), (0, 20, 50, 40), (50, 0, 100, 20), (50, 20, 100, 40)]]),
    # a single boxed paragraph is one cell, not a table
    ([_h(0, 100, 0), _h(0, 100, 40), _v(0, 0, 40), _v(100, 0, 40)], []),
])
def test_ingest_ruling_table_cells(edges, cells):
    assert _tables(ruling, edges) == cells


@pytest.mark.parametrize("name", ["safeway-pueblo-meat-2022-2025.pdf"])
def test_ingest_ruling_table_page_needs_no_pdfplumber(shared_dir, name):
    """Reading a contract with ruled wage tables leaves pdfplumber (and its ~80 ms import) out."""
    code = ("import sys\nfrom checker.ingest import load_document\n"
            f"doc = load_document({str(shared_dir / 'samples' / 'real' / name)!r})\n"
            "assert '| ' in doc.text, 'the wage tables are read as rows'\n"
            "print('pdfplumber' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
