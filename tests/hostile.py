"""Hostile inputs, built by hand: each one stalled, exhausted or was silently skipped by some front
end before (issue 16). Used by the fuzz corpus tests, the web server test and benchmarks/."""
from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')


def numbered_list(items: int) -> bytes:
    """A long numbered list whose every item mentions immigration (quadratic in `anchor_zone`)."""
    lines = ["ARTICLE 1 IMMIGRATION", ""]
    lines += [f"{i}. The Employer shall notify the Union of any immigration inspection, item {i}."
              for i in range(1, items + 1)]
    return ("\n".join(lines) + "\n").encode()


def markdown_runs(kind: str, size: int = 120_000) -> bytes:
    """One Markdown line of unclosed openers: `_a ` or `*a ` runs, `[` runs ending in `](`, `[](` runs."""
    unit = {"underscore": "_a ", "star": "*a ", "strong": "**a ", "bracket": "[", "link": "[]("}[kind]
    line = unit * (size // len(unit))
    if kind == "bracket":
        line += "]("
    return ("# Article 1\n\n" + line + "\n").encode()


def single_line(chars: int, seed: int = 1) -> bytes:
    """A document that is one very long line of contract words."""
    rng = random.Random(seed)
    words = ["the", "employer", "shall", "notify", "union", "immigration", "agent", "worker", "leave", "days"]
    out, n = [], 0
    while n < chars:
        w = rng.choice(words)
        out.append(w)
        n += len(w) + 1
    return " ".join(out).encode()[:chars]


def _document_xml_chunks(inflated: int, seed: int = 2):
    """word/document.xml of about `inflated` bytes that deflates ~100x: within the ratio limit."""
    rng = random.Random(seed)
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    para = ("<w:p><w:r><w:t>" + "The Employer shall notify the Union of any immigration inspection. " * 60
            + "{}</w:t></w:r></w:p>")
    done = 0
    while done < inflated:
        block = "".join(para.format(rng.getrandbits(64)) for _ in range(64)).encode()
        done += len(block)
        yield block
    yield b"</w:body></w:document>"


def inflating_docx(path: str, inflated: int) -> None:
    """A small DOCX whose document.xml inflates to `inflated` bytes, each member within the ratio limit."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for chunk in _document_xml_chunks(inflated):
                fh.write(chunk)


def falsified_docx(path: str, inflated: int, declared: int = 100_000) -> None:
    """`inflating_docx` with document.xml's sizes rewritten to claim `declared` bytes (both headers)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", b"".join(_document_xml_chunks(inflated)))
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    # (signature, offset of the uncompressed size, offset of the name length, header length)
    for sig, size_at, name_len_at, header in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = 0
        while (pos := data.find(sig, pos)) != -1:
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if bytes(data[pos + header: pos + header + n]) == name:
                struct.pack_into("<I", data, pos + size_at, declared)
            pos += 4
    with open(path, "wb") as fh:
        fh.write(bytes(data))


# ---- running the CLI with a measured peak -------------------------------------------------------
_PEAK = r"""
import atexit, resource, sys
out = sys.argv[1]
def _peak():
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    with open(out, "w") as fh:
        fh.write(str(kb))
atexit.register(_peak)
sys.argv = ["clausecheck"] + sys.argv[2:]
from cli import main
sys.exit(main())
"""


def run_cli(args: list[str], *, timeout: float, env: dict | None = None) -> tuple[int, str, float, float]:
    """`clausecheck ARGS` in a fresh process: exit code, stderr, wall seconds and peak RSS in MB
    (the CLI process or its worker, whichever peaked higher)."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak", delete=False) as fh:
        peak_file = fh.name
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    t0 = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-c", _PEAK, peak_file, *args], capture_output=True, text=True,
                              timeout=timeout, cwd=root, env={**os.environ, **(env or {})})
        seconds = time.monotonic() - t0
        with open(peak_file) as fh:
            text = fh.read().strip()
        peak = int(text) / 1024 if text else float("nan")
    finally:
        os.unlink(peak_file)
    return proc.returncode, proc.stderr, seconds, peak
