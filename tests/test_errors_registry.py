"""One registry of error codes (checker.errors.CODES): every code the program prints is in it,
no two meanings share a code, and docs/errors.md is the registry's table."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import checker.batch.errors  # noqa: F401 — registers the batch error classes
import checker.errors as errors
from checker.cli import main

REPO = Path(__file__).resolve().parents[1]
# Relays carry another error's code unchanged (a worker's corpus error re-raised in the parent).
RELAYS = {"WorkerCorpusError"}


def test_errors_every_class_code_is_registered_once():
    by_code = errors.code_classes()
    for code, classes in by_code.items():
        if code == "E000":
            continue
        assert code in errors.CODES, f"{code} ({classes[0].__name__}) is not in checker.errors.CODES"
        own = [c for c in classes if c.__name__ not in RELAYS]
        assert len(own) <= 1, f"{code} is used by {[c.__name__ for c in own]}"


def test_errors_every_code_in_the_source_is_registered():
    """Codes written as literals (web answers, messages) must be registered too."""
    literal = re.compile(r"""["'{ ]\b([EW]\d{3})\b""")
    found = {}
    for path in (REPO / "checker").rglob("*.py"):
        for code in literal.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, path.relative_to(REPO))
    found.pop("E000", None)  # ClausecheckError's placeholder: only its subclasses are raised
    missing = {code: str(where) for code, where in found.items() if code not in errors.CODES}
    assert not missing


def test_errors_docs_table_is_the_registry():
    text = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    assert errors.markdown_table() in text
    assert len(re.findall(r"^\| [EW]\d{3} ", text, re.M)) == len(errors.CODES)
    generated = subprocess.run([sys.executable, "-m", "checker.errors"], capture_output=True, text=True, check=True)
    assert generated.stdout == errors.markdown_table()


def test_errors_codes_follow_the_families():
    family = {"1": "corpus", "2": "input", "3": "config", "4": "usage", "5": "web", "6": "database", "9": "bug"}
    assert all(code[1] in family for code in errors.CODES)
    assert list(errors.CODES) == sorted(errors.CODES, key=lambda c: (c[0] == "W", c))


@pytest.fixture
def busy_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    yield s.getsockname()[1]
    s.close()


def test_errors_serve_port_in_use_is_one_line(busy_port, capsys):
    pytest.importorskip("uvicorn", reason="serve needs the web extra (installed by make setup)")
    assert main(["serve", "--port", str(busy_port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"E510 cannot listen on 127.0.0.1:{busy_port}") and err.count("\n") == 1


def test_errors_serve_public_without_token_is_one_line(capsys, monkeypatch):
    pytest.importorskip("uvicorn", reason="serve needs the web extra (installed by make setup)")
    monkeypatch.delenv("CLAUSECHECK_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("E301 ") and "access token" in err and err.count("\n") == 1


def test_errors_serve_without_web_extra_is_one_line(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn -> ImportError
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("E510 the web extra is not installed") and err.count("\n") == 1


def test_errors_corpus_option_missing_folder_is_a_corpus_error(capsys, tmp_path):
    assert main(["check", str(REPO / "examples" / "hotel-counterproposal.txt"), "--corpus", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("E101 ") and "not a directory" in err and err.count("\n") == 1
