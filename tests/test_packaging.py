"""The installed package works without the repository around it: the wheel carries the corpus and
models, installs no top-level `cli`, and every command runs from a fresh virtual environment
outside the source tree."""
from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "hotel-counterproposal.txt"


def _source_copy(dest: Path) -> Path:
    """The repository's files (tracked and new, not ignored) — what a clone or sdist would hold."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """`python -m build` as the release workflow runs it: the sdist, then the wheel built from it."""
    src = _source_copy(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(src)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    (whl,) = dist.glob("clausecheck-*.whl")
    return whl


def test_packaging_twine_check_passes(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert any(f.endswith(".tar.gz") for f in files) and any(f.endswith(".whl") for f in files)
    out = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_packaging_release_workflow_builds_and_checks():
    import yaml

    wf = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text())
    runs = "\n".join(step.get("run", "") for job in wf["jobs"].values() for step in job["steps"])
    assert "python -m build" in runs and "twine check" in runs and "docker build -f Containerfile" in runs


def test_packaging_containerfile_serves_the_wheel():
    """The image is built and smoke-tested by the release workflow (where docker exists); here the
    recipe's commands are checked against the CLI they call."""
    from click.testing import CliRunner

    from checker.cli import main

    lines = [ln for ln in (REPO / "Containerfile").read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines[0].startswith("FROM python:3.11") and any(ln.startswith("USER ") for ln in lines)
    cmd = json.loads(next(ln for ln in lines if ln.startswith("CMD ")).removeprefix("CMD "))
    assert cmd[:2] == ["clausecheck", "serve"] and "0.0.0.0" in cmd
    help_text = CliRunner().invoke(main, ["serve", "--help"]).stdout
    assert all(opt in help_text for opt in cmd if opt.startswith("--"))
    assert "/healthz" in next(ln for ln in lines if ln.startswith("HEALTHCHECK"))
    # scanned uploads are offered OCR on the web page: the image carries the OCR extra and Tesseract
    runs = " ".join(ln for ln in lines if ln.startswith("RUN ") or ln.startswith("    "))
    assert "[web,ocr]" in runs and "tesseract-ocr" in runs
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {"web", "ocr"} <= set(extras)
    assert any("python -m build --wheel" in ln for ln in lines)


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; its dependencies come from this interpreter's
    site-packages through a .pth line, so the test needs no network."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    py = root / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "_clausecheck_test_deps.pth").write_text(deps + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    return root


def _run(venv: Path, *args, cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, **kw)


def test_packaging_wheel_holds_corpus_models_and_no_top_level_cli(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/clause_corpus/pack.yaml" in names and "checker/models/router/config.cfg" in names
    for top in ("clause_corpus", "models"):  # every file of the two trees, subfolders included
        tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", top], cwd=REPO, check=True,
                                 capture_output=True, text=True).stdout.split()
        assert tracked and not [f for f in tracked if f"checker/{f}" not in names and (REPO / f).is_file()]
    assert "checker/engine/calibration.json" in names
    assert "checker/__main__.py" in names and "checker/cli.py" in names
    assert not [n for n in names if "/" not in n and n.endswith(".py")], "a top-level module in the wheel"
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: AGPL-3.0-or-later" in text
    entry = zipfile.ZipFile(wheel).read(meta.replace("METADATA", "entry_points.txt")).decode()
    assert "clausecheck = checker.cli:main" in entry


def test_packaging_installed_package_is_the_wheel_not_the_source(venv, tmp_path):
    out = _run(venv, "python", "-c", "import checker, checker.resources as r; print(checker.__file__); "
                                     "print(r.builtin_corpus_dir()); print(r.models_dir()); "
                                     "from checker.engine.router import Router; "
                                     "print(sorted(Router().scores(0, 'notice to the union'))[0])", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    *paths, label = out.stdout.split()
    for line in paths:
        assert str(venv) in line and str(REPO) not in line
    assert label  # the trained router loads from the installed package


@pytest.mark.parametrize(("args", "expect"), [
    (["clausecheck", "corpus", "list"], "judicial_warrant_for_nonpublic_access"),
    (["clausecheck", "corpus", "validate"], "valid"),
    (["clausecheck", "explain", "e_verify_limits"], "E-Verify"),
    (["python", "-m", "checker", "--version"], "clausecheck"),
    (["clausecheck", "-h"], "Usage: clausecheck"),
])
def test_packaging_installed_commands_run_outside_the_source_tree(venv, tmp_path, args, expect):
    out = _run(venv, *args, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert expect in out.stdout


def test_packaging_installed_check_and_audit(venv, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "counter.txt")
    out = _run(venv, "clausecheck", "check", "counter.txt", "--format", "json", cwd=tmp_path)
    assert out.returncode == 1, out.stderr  # the counter-proposal misses protections
    report = json.loads(out.stdout)
    assert len(report["findings"]) == 25 and report["corpus"]["name"]
    (tmp_path / "set").mkdir()
    shutil.copy(SAMPLE, tmp_path / "set" / "a.txt")
    out = _run(venv, "clausecheck", "audit", "set", "--db", "audit.sqlite", "--jobs", "1", "--no-progress",
               cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "1 documents: 1 audited" in out.stdout


def test_packaging_installed_serve_answers_healthz(venv, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.Popen([str(venv / "bin" / "clausecheck"), "serve", "--port", "0"], cwd=tmp_path, env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{m.group(1)}/healthz", timeout=5) as r:
                    assert r.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_packaging_missing_builtin_corpus_says_so(venv, tmp_path):
    """A broken install (no corpus in the package) is one line naming the missing corpus."""
    out = _run(venv, "python", "-c", "import checker.resources as r; print(r.builtin_corpus_dir())", cwd=tmp_path)
    corpus = Path(out.stdout.strip())
    moved = corpus.with_name("clause_corpus.moved")
    corpus.rename(moved)
    try:
        out = _run(venv, "clausecheck", "corpus", "list", cwd=tmp_path)
    finally:
        moved.rename(corpus)
    assert out.returncode == 2
    assert out.stderr.startswith("E103 ") and "built-in clause corpus is not installed" in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
