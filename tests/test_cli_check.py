"""`clausecheck check`: inputs, formats, filters and exit codes, through the real command."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

SAMPLE = Path(__file__).parent / "devset" / "shared" / "sample01_hotel_immigration_article.md"
# Nothing about immigration: every protection is missing whatever the engine learns next.
NOTHING = "ARTICLE 1 WAGES\n\n1.1 Employees shall be paid every two weeks by direct deposit.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def plain(tmp_path) -> Path:
    p = tmp_path / "wages.txt"
    p.write_text(NOTHING, encoding="utf-8")
    return p


def invoke(runner, args, **kw):
    return runner.invoke(main, ["check", *map(str, args)], catch_exceptions=False, **kw)


@pytest.mark.parametrize("extra, code", [
    ([], 1),
    (["--fail-on", "missing"], 1),
    (["--fail-on", "weakened"], 1),
    (["--fail-on", "never"], 0),
])
def test_cli_check_exit_code_follows_fail_on(runner, plain, extra, code):
    result = invoke(runner, [plain, *extra])
    assert result.exit_code == code
    assert result.stderr == ""


@pytest.mark.parametrize("args, code, stderr_start", [
    (["no/such/file.txt"], 2, "E201 no/such/file.txt: file not found"),
    (["--select", "no_such_protection", "{plain}"], 2, "E401 unknown protection or category 'no_such_protection' in --select"),
    (["--ignore", "nope", "{plain}"], 2, "E401 unknown protection or category 'nope' in --ignore"),
    (["--corpus", "{missing_dir}", "{plain}"], 2, "E"),
])
def test_cli_check_usage_and_input_errors_are_one_line(runner, plain, tmp_path, args, code, stderr_start):
    args = [a.format(plain=plain, missing_dir=tmp_path / "nope") for a in args]
    result = invoke(runner, args)
    assert result.exit_code == code
    assert result.stderr.startswith(stderr_start)
    assert "Traceback" not in result.output


def test_cli_check_bad_file_among_several_keeps_the_others(runner, plain, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("# Agreement\n\n" + NOTHING, encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a pdf")
    result = invoke(runner, [plain, bad, other, "--format", "json"])
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and str(bad) in errors[0] and errors[0].startswith("E2")
    reports = json.loads(result.stdout)
    assert [r["document"]["path"] for r in reports] == [str(plain), str(other)]


def test_cli_check_folder_is_searched_recursively_once_per_file(runner, tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("a.txt", "sub/b.md", "sub/deeper/c.TXT"):
        (tmp_path / name).write_text(NOTHING, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    result = invoke(runner, [tmp_path, tmp_path / "a.txt", "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    paths = [Path(r["document"]["path"]).relative_to(tmp_path).as_posix() for r in json.loads(result.stdout)]
    assert paths == ["a.txt", "sub/b.md", "sub/deeper/c.TXT"]


def test_cli_check_empty_folder_is_an_error(runner, tmp_path):
    result = invoke(runner, [tmp_path])
    assert result.exit_code == 2
    assert result.stderr.startswith("E403 ") and "no PDF, DOCX, TXT or MD documents" in result.stderr


@pytest.mark.parametrize("several", [False, True])
def test_cli_check_json_is_an_object_for_one_file_and_a_list_for_several(runner, plain, several):
    args = [plain, plain.parent] if several else [plain]
    data = json.loads(invoke(runner, [*args, "--format", "json"]).stdout)
    if several:
        assert isinstance(data, list) and len(data) == 1
    else:
        assert data["schema_version"] == "1" and data["summary"]["matching"] == 0


@pytest.mark.parametrize("option, value, keep", [
    ("--select", "ice_enforcement", lambda f: f["category"] == "ice_enforcement"),
    ("--select", "judicial_warrant_for_nonpublic_access,union_notice_of_immigration_contact",
     lambda f: f["protection"] in ("judicial_warrant_for_nonpublic_access", "union_notice_of_immigration_contact")),
    ("--ignore", "ice_enforcement", lambda f: f["category"] != "ice_enforcement"),
])
def test_cli_check_select_and_ignore_filter_findings(runner, plain, option, value, keep):
    full = json.loads(invoke(runner, [plain, "--format", "json"]).stdout)["findings"]
    data = json.loads(invoke(runner, [plain, "--format", "json", option, value]).stdout)
    assert [f["protection"] for f in data["findings"]] == [f["protection"] for f in full if keep(f)]
    assert sum(data["summary"].values()) == len(data["findings"])


def test_cli_check_select_is_repeatable(runner, plain):
    data = json.loads(invoke(runner, [plain, "--format", "json", "--select", "judicial_warrant_for_nonpublic_access",
                                      "--select", "union_notice_of_immigration_contact"]).stdout)
    assert [f["protection"] for f in data["findings"]] == ["judicial_warrant_for_nonpublic_access",
                                                             "union_notice_of_immigration_contact"]


def test_cli_check_select_below_threshold_exits_zero(runner, plain):
    result = invoke(runner, [plain, "--select", "judicial_warrant_for_nonpublic_access", "--fail-on", "never"])
    assert result.exit_code == 0


def test_cli_check_output_writes_the_file_not_stdout(runner, plain, tmp_path):
    out = tmp_path / "report.json"
    result = invoke(runner, [plain, "--format", "json", "--output", out])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["path"] == str(plain)


def test_cli_check_unwritable_output_is_exit_2(runner, plain, tmp_path):
    result = invoke(runner, [plain, "--output", tmp_path / "no" / "such" / "dir.txt"])
    assert result.exit_code == 2 and result.stderr.startswith("E402 ")


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}])
def test_cli_check_no_colour_off_a_terminal(runner, plain, env):
    result = invoke(runner, [plain], env=env)
    assert "\x1b[" not in result.output


def test_cli_check_quiet_text_lists_only_failures(runner, plain):
    loud = invoke(runner, [plain]).stdout
    quiet = invoke(runner, [plain, "--quiet", "--select", "ice_enforcement"]).stdout
    assert "corpus " in loud and "corpus " not in quiet
    assert all(line.startswith(("✘", str(plain), "0 matching")) for line in quiet.strip().splitlines())


def test_cli_check_verbose_adds_model_language_and_timings(runner, plain):
    result = invoke(runner, [plain, "--verbose"])
    assert "propose: " in result.stdout
    assert result.stderr.startswith(f"{plain}: ingest ")


def parse(fmt: str, text: str):
    if fmt in ("json", "sarif"):
        return json.loads(text)
    if fmt == "junit":
        return ET.fromstring(text)
    return text


@pytest.mark.parametrize("fmt, probe", [
    ("text", lambda out: "sample01_hotel_immigration_article.md" in out),
    ("json", lambda out: len(out["findings"]) > 0),
    ("html", lambda out: out.startswith("<!DOCTYPE html>") and "</html>" in out),
    ("markdown", lambda out: out.startswith("# clausecheck report")),
    ("sarif", lambda out: out["version"] == "2.1.0" and len(out["runs"][0]["tool"]["driver"]["rules"]) > 0),
    ("junit", lambda out: out.tag == "testsuites" and len(out.findall("testsuite/testcase")) > 0),
    ("github", lambda out: all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())),
])
def test_cli_check_every_format_renders_a_real_document(runner, fmt, probe):
    result = invoke(runner, [SAMPLE, "--format", fmt, "--fail-on", "never"])
    assert result.exit_code == 0
    assert probe(parse(fmt, result.stdout))


def test_cli_check_unknown_format_is_a_usage_error(runner, plain):
    assert invoke(runner, [plain, "--format", "yaml"]).exit_code == 2


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_cli_check_machine_formats_combine_several_documents(runner, plain, tmp_path, fmt):
    other = tmp_path / "two.txt"
    other.write_text(NOTHING, encoding="utf-8")
    out = parse(fmt, invoke(runner, [plain, other, "--format", fmt]).stdout)
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in out["runs"][0]["results"]}
        assert len(out["runs"]) == 1 and len(uris) == 2
    else:
        assert len(out.findall("testsuite")) == 2


def test_cli_check_a_folder_skips_the_report_it_writes_into_it(tmp_path):
    from click.testing import CliRunner

    from cli import main

    (tmp_path / "draft.txt").write_text("ARTICLE 1\n\n1.1 Wages are in Appendix A.\n")
    report = tmp_path / "report.md"
    for _ in range(2):  # the second run finds the first run's report in the folder
        result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "markdown", "-o", str(report)])
        assert result.exit_code == 1, result.output
        assert "report.md" not in report.read_text()
