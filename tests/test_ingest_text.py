"""Plain text and Markdown: encodings, form feeds as pages, layout exports, Markdown markup;
property tests for the cleanup that every ingester shares."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest import load_document
from checker.ingest.cleanup import clean_pages, normalize_line, strip_margin_numbers
from checker.ingest.text import decode, strip_markdown

TEXT = "ARTICLE 31 — IMMIGRATION\nThe Employer shall give notice of any I-9 audit. Señor Peña’s café.\n"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("cp1252", b""),
])
def test_ingest_text_encodings(tmp_path, encoding, bom):
    path = tmp_path / "c.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = load_document(path)
    assert doc.text == TEXT.strip()
    assert doc.pages is None and doc.format == "txt"


def test_ingest_text_without_form_feeds_uses_file_lines(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Preamble.\n\n\nARTICLE 2 WAGES\nWages are paid weekly.\n", encoding="utf-8")
    doc = load_document(path)
    pos = doc.position(doc.text.index("Wages are"))
    assert pos.page is None and pos.line == 5


def _layout_page(p: int, body: list[str], numbered: bool = True) -> str:
    lines = ["2023-2025 SEIU Local 503/State of Oregon CBA"] + body + [f"                         {p}"]
    if numbered:
        lines = [f"{k:>2}    {ln}" if k not in (1, len(lines)) else ln for k, ln in enumerate(lines, start=1)]
    return "\n".join(lines)


def test_ingest_text_form_feeds_are_pages_with_headers_and_margin_numbers_removed(tmp_path):
    bodies = [
        ["ARTICLE 1 - RECOGNITION", "The State recognizes the Union as the exclusive", "representative of the employees.",
         "Employees keep all rights.", "Nothing here limits them."],
        ["ARTICLE 2 - WAGES", "Wages shall be paid on the", "first of the month.", "Overtime is paid weekly.", "No pay is withheld."],
        ["ARTICLE 3 - HOURS", "The workweek is forty hours.", "Breaks are paid.", "Meal periods are unpaid.", "Schedules post weekly."],
    ]
    path = tmp_path / "layout.txt"
    path.write_text("\f".join(_layout_page(p, b) for p, b in enumerate(bodies, start=1)) + "\f", encoding="utf-8")
    doc = load_document(path)
    assert doc.pages == 3
    assert "SEIU Local 503" not in doc.text
    assert "ARTICLE 2 - WAGES" in doc.text.split("\n")
    assert "2    ARTICLE" not in doc.text
    pos = doc.position(doc.text.index("Overtime is paid"))
    assert pos.page == 2
    assert [s.first_page for s in doc.sections if s.kind == "article"] == [1, 2, 3]


def test_ingest_markdown_headings_and_emphasis(tmp_path):
    path = tmp_path / "c.md"
    path.write_text(
        "---\ntitle: Contract\n---\n## ARTICLE 31 — IMMIGRATION\n"
        "**31.1 Notice.** The Employer shall notify the _Union_ within [three days](http://x).\n"
        "<br>\n> quoted\n", encoding="utf-8")
    doc = load_document(path)
    lines = doc.text.split("\n")
    assert lines[0] == "ARTICLE 31 — IMMIGRATION"
    assert lines[1] == "31.1 Notice. The Employer shall notify the Union within three days."
    assert "title: Contract" not in doc.text
    art = doc.sections[0]
    assert (art.kind, art.key, art.heading) == ("article", "31", "IMMIGRATION")
    assert doc.position(0).line == 4


@pytest.mark.parametrize("raw, expected", [
    ("## ARTICLE 5 - PAY", ("ARTICLE 5 - PAY", 2)),
    ("**bold** and *it* and __b__", ("bold and it and b", 0)),
    ("snake_case_name stays", ("snake_case_name stays", 0)),
    ("3 * 4 * 5", ("3 * 4 * 5", 0)),
    ("---", ("", 0)),
])
def test_ingest_markdown_strip(raw, expected):
    assert strip_markdown(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("e\ufb03cient ﬁnal ﬂoor", "efficient final floor"),
    ("non\u00a0breaking\u2009thin", "non breaking thin"),
    ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
    ("  many    spaces\there  ", "many spaces here"),
    ("em\ufffeployer AFL\ufffeCIO", "employer AFL-CIO"),
])
def test_ingest_cleanup_normalize(raw, expected):
    assert normalize_line(raw) == expected


def test_ingest_cleanup_margin_numbers_only_when_counting():
    numbered = [f"{k}   line {k} text" for k in range(1, 9)]
    assert strip_margin_numbers(numbered)[0] == "line 1 text"
    list_items = ["1   apples", "text", "3   pears", "more", "7   plums", "and", "2   figs", "x"]
    assert strip_margin_numbers(list_items) == list_items


def test_ingest_cleanup_hyphenation_rejoined_with_positions():
    pages = [[("The em-", 1), ("ployer pays.", 2)], [("Well-", 1), ("Being Plan", 2)]]
    out = clean_pages(pages, paged=True)
    assert out.text == "The employer pays.\nWell-\nBeing Plan"
    assert out.offset_map.position(out.text.index("ployer")).line == 2


# ---- properties ---------------------------------------------------------------------------
_chars = st.sampled_from(list("abcXYZ019 -.\t\u00a0\u00ad\u200b\ufb01\ufffe§—“")) | st.characters()
_line = st.text(_chars, max_size=40)
_page = st.lists(_line, max_size=12)


@given(_line)
def test_ingest_cleanup_normalize_idempotent(s):
    once = normalize_line(s)
    assert normalize_line(once) == once
    assert "\n" not in once and "\u00ad" not in once


@settings(max_examples=150, deadline=None)
@given(st.lists(_page, min_size=1, max_size=6), st.booleans())
def test_ingest_cleanup_offsets_map_into_valid_pages_and_lines(pages, paged):
    numbered = [[(t.replace("\n", " ").replace("\r", " "), k) for k, t in enumerate(p, start=1)] for p in pages]
    out = clean_pages(numbered, paged=paged)
    for offset in range(0, len(out.text) + 1):
        pos = out.offset_map.position(offset)
        if paged:
            assert 1 <= pos.page <= len(pages)
            assert 1 <= pos.line <= max(1, len(pages[pos.page - 1]))
        else:
            assert pos.page is None
            assert pos.line >= 1
    assert out.offset_map.offsets == sorted(out.offset_map.offsets)


@settings(max_examples=100, deadline=None)
@given(st.lists(_line, min_size=1, max_size=20))
def test_ingest_cleanup_text_pipeline_idempotent(lines):
    once = clean_pages([[(t.replace("\n", " ").replace("\r", " "), k) for k, t in enumerate(lines, 1)]], paged=False).text
    twice = clean_pages([[(t, k) for k, t in enumerate(once.split("\n"), 1)]], paged=False).text
    assert twice == once


@given(st.text(max_size=200))
def test_ingest_decode_never_fails(s):
    for enc in ("utf-8", "utf-16"):
        assert isinstance(decode(s.encode(enc, errors="surrogatepass")), str)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_text_utf16_without_bom(tmp_path, encoding):
    path = tmp_path / "c.txt"
    path.write_bytes(TEXT.encode(encoding))  # no BOM: found by where the NUL bytes are
    doc = load_document(path)
    assert doc.text == TEXT.strip()
    assert decode(TEXT.encode(encoding)) == TEXT


def test_ingest_text_binary_with_nuls_is_not_utf16(tmp_path):
    import random

    from checker.errors import FormatMismatchError
    from checker.ingest.text import utf16_without_bom

    rnd = random.Random(7)
    blob = bytes(rnd.choice([0, 0, 1, 7, 65, 200, 255]) for _ in range(3000))
    assert utf16_without_bom(blob) is None
    path = tmp_path / "c.txt"
    path.write_bytes(blob)
    with pytest.raises(FormatMismatchError):
        load_document(path)


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x24F), min_size=8, max_size=200))
def test_ingest_utf16_sniff_finds_latin_text(s):
    from checker.ingest.text import utf16_without_bom

    for enc in ("utf-16-le", "utf-16-be"):
        data = s.encode(enc)
        if utf16_without_bom(data) is not None:  # mostly-ASCII text is found, and then read right
            assert decode(data) == s


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("\n\t\f"), min_size=4,
               max_size=300))
def test_ingest_utf16_sniff_always_finds_ascii_text(s):
    from checker.ingest.text import utf16_without_bom

    assert utf16_without_bom(s.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(s.encode("utf-16-be")) == "utf-16-be"
