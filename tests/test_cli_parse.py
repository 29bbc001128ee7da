"""`clausecheck parse`: the tree as text or JSON; every input error is one stderr line, exit 2."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main, run_guarded

CONTRACT = """ARTICLE 30 WAGES
30.1 Rates. Wages are paid weekly.
\f
ARTICLE 31 IMMIGRATION
31.1 Notice. The Employer shall notify the Union.
(a) within 72 hours;
\f
31.2 Reverification. No reverification unless required by law.
"""


@pytest.fixture
def contract(tmp_path) -> Path:
    p = tmp_path / "contract.txt"
    p.write_text(CONTRACT, encoding="utf-8")
    return p


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_cli_parse_text_tree(contract):
    result = invoke("parse", contract)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(str(contract)) and "3 pages" in lines[0]
    assert "ARTICLE 31  IMMIGRATION  (pp. 2–3)" in lines
    assert "  31.1  Notice  (p. 2)" in lines
    assert "    (a)  (p. 2)" in lines


def test_cli_parse_json(contract):
    result = invoke("parse", contract, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["format"] == "txt" and data["pages"] == 3 and len(data["sha256"]) == 64
    art = next(s for s in data["sections"] if s["key"] == "31")
    assert (art["kind"], art["heading"], art["first_page"], art["last_page"]) == ("article", "IMMIGRATION", 2, 3)
    assert {"index", "number", "start", "end", "level", "parent", "children"} <= set(art)


@pytest.mark.parametrize("setup, code", [
    (lambda d: d / "missing.pdf", "E201"),
    (lambda d: d, "E201"),
    (lambda d: (d / "empty.txt").write_bytes(b"") and None or d / "empty.txt", "E203"),
    (lambda d: (d / "x.xlsx").write_bytes(b"PK") and None or d / "x.xlsx", "E202"),
    (lambda d: (d / "fake.pdf").write_text("hello") and None or d / "fake.pdf", "E208"),
    (lambda d: (d / "bad.pdf").write_bytes(b"%PDF-1.4\n garbage") and None or d / "bad.pdf", "E204"),
])
def test_cli_parse_errors_are_one_line_exit_2(tmp_path, setup, code):
    path = setup(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(code + " ")
    assert "Traceback" not in result.output


def test_cli_parse_encrypted_password(make_pdf):
    path = make_pdf([["ARTICLE 1 RECOGNITION", "Text of the article."]], password="pw")
    assert invoke("parse", path).output.startswith("E205 ")
    ok = invoke("parse", path, "--password", "pw")
    assert ok.exit_code == 0 and "ARTICLE 1  RECOGNITION" in ok.output


def test_cli_run_guarded_maps_unexpected_errors(capsys, monkeypatch):
    from checker.errors import InternalError

    def boom():
        raise RuntimeError("parser exploded")

    with pytest.raises(InternalError) as info:
        run_guarded(boom)
    assert info.value.line().startswith("E900 unexpected RuntimeError: parser exploded")
    # through the command: one stderr line, exit code 2, returned by main(argv)
    import checker.outline

    monkeypatch.setattr(checker.outline, "outline_text", lambda doc: boom())
    doc = Path(__file__).parent / "devset" / "shared" / "sample01_hotel_immigration_article.md"
    assert main(["parse", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("E900 unexpected RuntimeError: parser exploded") and err.count("\n") == 1


def test_cli_help_loads_no_engine():
    """`clausecheck --help` answers at once because it imports neither spaCy, the PDF readers nor
    the engine (their import is what a check pays for; `make bench` times the whole command)."""
    probe = ("import sys, contextlib, io\n"
             "from checker.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
             "    code = main(['--help'])\n"
             "heavy = sorted(m for m in ('spacy', 'pdfplumber', 'pypdfium2', 'docx', 'checker.engine', 'fastapi')"
             " if m in sys.modules)\n"
             "print(code, 'parse' in out.getvalue(), heavy)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split(None, 2)
    assert out[:2] == ["0", "True"] and out[2].strip() == "[]", out


@pytest.mark.parametrize(("option", "message"), [("--max-pages", "over the 2 page limit"),
                                                  ("--max-mb", "MB limit")])
def test_cli_parse_reading_limits_are_options(tmp_path, option, message):
    from click.testing import CliRunner

    from cli import main

    doc = tmp_path / "three-pages.txt"
    doc.write_text("ARTICLE 1\n\nOne.\f" + "Two. " * 300000 + "\fThree.\f")
    value = "2" if option == "--max-pages" else "1"
    result = CliRunner().invoke(main, ["parse", str(doc), option, value])
    assert result.exit_code == 2
    assert message in result.output and "E207" in result.output
