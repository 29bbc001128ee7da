"""`clausecheck` behaves like the linters CI users know (ruff, semgrep, eslint): -h, `-` for
standard input, quoted globs, exclude and per-path required in the configuration, baselines, a
GitHub job summary, and `compare` in SARIF, JUnit and GitHub formats with --fail-on."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

SAMPLE = Path(__file__).parent / "devset" / "shared" / "sample01_hotel_immigration_article.md"
COUNTER = Path(__file__).parents[1] / "examples" / "hotel-counterproposal.txt"
NOTHING = "ARTICLE 1 WAGES\n\n1.1 Employees shall be paid every two weeks by direct deposit.\n"
WARRANT = "judicial_warrant_for_nonpublic_access"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """A contract repository: two contracts with nothing in them, an archive, a README."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contracts" / "hotels").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    for name in ("contracts/hotels/a.txt", "contracts/b.txt", "archive/old.txt"):
        (tmp_path / name).write_text(NOTHING)
    (tmp_path / "README.md").write_text("# contracts\n")
    return tmp_path


def run(runner, *args, **kw):
    return runner.invoke(main, list(map(str, args)), catch_exceptions=False, **kw)


@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["audit", "-h"], ["compare", "-h"]])
def test_cli_short_help_option(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_cli_main_returns_the_exit_code(tree, capsys):
    assert main(["check", "contracts/b.txt", "--fail-on", "never", "-q"]) == 0
    assert main(["check", "contracts/b.txt", "-q"]) == 1
    assert main(["check", "no-such.txt"]) == 2
    assert main(["--version"]) == 0


@pytest.mark.parametrize("name, fmt", [(None, "txt"), ("draft.md", "md")])
def test_cli_check_dash_reads_standard_input(runner, name, fmt):
    extra = ["--stdin-filename", name] if name else []
    result = run(runner, "check", "-", "--format", "json", *extra, input=SAMPLE.read_bytes())
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["path"] == (name or "-") and report["document"]["format"] == fmt
    assert any(f["status"] != "missing" for f in report["findings"])  # the article was read


@pytest.mark.parametrize("pattern, expected", [
    ("contracts/**/*.txt", {"contracts/hotels/a.txt", "contracts/b.txt"}),
    ("contracts/*.txt", {"contracts/b.txt"}),
    ("*/hotels/?.txt", {"contracts/hotels/a.txt"}),
])
def test_cli_check_expands_quoted_globs(runner, tree, pattern, expected):
    result = run(runner, "check", pattern, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    assert {Path(r["document"]["path"]).as_posix() for r in json.loads(result.stdout)} == expected


def test_cli_check_glob_matching_nothing_is_e403(runner, tree):
    result = run(runner, "check", "contracts/*.pdf")
    assert result.exit_code == 2 and result.stderr.startswith("E403 ")


def test_cli_check_config_exclude(runner, tree):
    (tree / ".clausecheck.toml").write_text('exclude = ["archive/**", "README.md"]\n')
    result = run(runner, "check", ".", "--format", "json", "--fail-on", "never")
    paths = {Path(r["document"]["path"]).as_posix() for r in json.loads(result.stdout)}
    assert paths == {"contracts/hotels/a.txt", "contracts/b.txt"}


def test_cli_check_config_required_by_path(runner, tree):
    """Hotels must have the warrant clause; elsewhere only the notice clause can fail the run."""
    (tree / ".clausecheck.toml").write_text(
        'required = ["union_notice_of_immigration_contact"]\n'
        f'[required-by-path]\n"contracts/hotels/*" = ["{WARRANT}"]\n')
    result = run(runner, "check", "contracts", "--format", "junit")
    suites = {s.get("name"): s for s in ET.fromstring(result.stdout)}
    failing = {name: [c.get("name") for c in s if c.find("failure") is not None] for name, s in suites.items()}
    assert failing == {"contracts/hotels/a.txt": [WARRANT], "contracts/b.txt": ["union_notice_of_immigration_contact"]}
    assert result.exit_code == 1


def test_cli_check_config_unknown_id_in_required_by_path(runner, tree):
    (tree / ".clausecheck.toml").write_text('[required-by-path]\n"x/*" = ["no_such_protection"]\n')
    result = run(runner, "check", "contracts")
    assert result.exit_code == 2 and result.stderr.startswith("E301 ") and ".clausecheck.toml:2" in result.stderr


def test_cli_check_baseline_fails_only_on_new_findings(runner, tree):
    written = run(runner, "check", "contracts/b.txt", "--baseline", "base.json", "--write-baseline")
    assert written.exit_code == 0 and json.loads(Path("base.json").read_text())[0]["document"]["path"]
    same = run(runner, "check", "contracts/b.txt", "--baseline", "base.json")
    assert same.exit_code == 0  # every finding is known
    # a protection that was matching in the baseline and is missing now fails the run
    data = json.loads(Path("base.json").read_text())
    data[0]["findings"][0]["status"] = "matching"
    Path("base.json").write_text(json.dumps(data))
    worse = run(runner, "check", "contracts/b.txt", "--baseline", "base.json", "--format", "junit")
    assert worse.exit_code == 1
    failing = [c.get("name") for c in ET.fromstring(worse.stdout).iter("testcase") if c.find("failure") is not None]
    assert failing == [data[0]["findings"][0]["protection"]]
    # an ordinary --format json report is a baseline too
    run(runner, "check", "contracts/b.txt", "--format", "json", "-o", "report.json", "--fail-on", "never")
    assert run(runner, "check", "contracts/b.txt", "--baseline", "report.json").exit_code == 0


@pytest.mark.parametrize("content, message", [(None, "baseline file not found"), ("{", "cannot read the baseline"),
                                              ('{"a": 1}', "not a clausecheck JSON report")])
def test_cli_check_bad_baseline_is_e404(runner, tree, content, message):
    if content is not None:
        Path("base.json").write_text(content)
    result = run(runner, "check", "contracts/b.txt", "--baseline", "base.json")
    assert result.exit_code == 2 and result.stderr.startswith("E404 ") and message in result.stderr


def test_cli_check_github_groups_within_limits_and_writes_job_summary(runner, tree, monkeypatch):
    for i in range(14):
        (tree / "contracts" / f"c{i:02}.txt").write_text(NOTHING)
    summary = tree / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run(runner, "check", "contracts", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    errors = [ln for ln in lines if ln.startswith("::error")]
    assert len(errors) == 10  # GitHub shows 10 per step: 9 documents and one "more" line
    assert errors[-1].endswith("the job summary lists every finding") and "7 more document(s)" in errors[-1]
    text = summary.read_text()
    assert text.startswith("earlier step\n## clausecheck")  # appended, not replaced
    assert "16 document(s) checked, 400 finding(s) failing" in text
    assert text.count("### contracts/") == 16


def test_cli_check_unwritable_output_is_e402(runner, tree):
    result = run(runner, "check", "contracts/b.txt", "-o", "no/such/dir/out.json")
    assert result.exit_code == 2 and result.stderr.startswith("E402 no/such/dir/out.json: cannot write")


@pytest.fixture
def drafts(tmp_path) -> tuple[Path, Path]:
    """The union's article and a counter with nothing: every protection the article had regresses."""
    old, new = tmp_path / "union.md", tmp_path / "counter.txt"
    old.write_bytes(SAMPLE.read_bytes())
    new.write_text(NOTHING)
    return old, new


@pytest.mark.parametrize("fail_on, code", [("regression", 1), ("never", 0), ("missing", 1)])
def test_cli_compare_fail_on(runner, drafts, fail_on, code):
    assert run(runner, "compare", *drafts, "--fail-on", fail_on, "-q").exit_code == code


def test_cli_compare_fail_on_regression_passes_identical_drafts(runner, drafts):
    old, _ = drafts
    assert run(runner, "compare", old, old).exit_code == 0
    assert run(runner, "compare", old, old, "--fail-on", "missing").exit_code == 1  # it still misses some


def test_cli_compare_sarif(runner, drafts):
    result = run(runner, "compare", *drafts, "--format", "sarif")
    doc = json.loads(result.stdout)
    results = doc["runs"][0]["results"]
    assert doc["version"] == "2.1.0" and results
    assert all(r["level"] == "error" and r["properties"]["change"] == "regression" for r in results)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"counter.txt"} \
        or all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("counter.txt") for r in results)


def test_cli_compare_junit_and_github(runner, drafts):
    junit = run(runner, "compare", *drafts, "--format", "junit")
    root = ET.fromstring(junit.stdout)
    failures = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert failures and int(root.get("failures")) == len(failures)
    assert len(list(root.iter("testcase"))) == 25
    github = run(runner, "compare", *drafts, "--format", "github")
    errors = [ln for ln in github.stdout.splitlines() if ln.startswith("::error")]
    assert 0 < len(errors) <= 10 and github.exit_code == 1


def test_cli_check_sarif_regions_for_pdf_findings(runner, tmp_path, monkeypatch, make_pdf):
    """Every SARIF result with evidence has a region, PDF included: the line in the extracted
    text, with the page in the location's properties."""
    monkeypatch.chdir(tmp_path)
    lines = [ln.replace("#", "").strip() for ln in SAMPLE.read_text().splitlines() if ln.strip()]
    make_pdf([lines[i:i + 40] for i in range(0, len(lines), 40)], name="article.pdf")
    doc = json.loads(run(runner, "check", "article.pdf", "--format", "sarif").stdout)
    results = doc["runs"][0]["results"]
    located = [r for r in results if r["properties"]["status"] == "weakened"]
    assert located, "the article has weakened protections"
    for r in located:
        loc = r["locations"][0]
        assert loc["physicalLocation"]["region"]["startLine"] >= 1
        assert loc["properties"]["page"] >= 1 and loc["properties"]["lineIn"] == "extracted text"


def test_cli_compare_sarif_validates_against_the_oasis_schema(runner, drafts):
    jsonschema = pytest.importorskip("jsonschema", reason="the test extra installs jsonschema")
    schema = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = json.loads(run(runner, "compare", *drafts, "--format", "sarif").stdout)
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
    assert not errors


def test_cli_compare_junit_validates_against_the_jenkins_schema(runner, drafts):
    etree = pytest.importorskip("lxml.etree", reason="lxml comes with the test extra (python-docx)")
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "junit-10.xsd")))
    doc = etree.fromstring(run(runner, "compare", *drafts, "--format", "junit").stdout.encode())
    assert schema.validate(doc), schema.error_log
