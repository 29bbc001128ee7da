"""`.clausecheck.toml` / `[tool.clausecheck]`: discovery, policy, waivers, and `path:line` errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.config import find_config, load_config
from cli import main

PID = "judicial_warrant_for_nonpublic_access"
OTHER = "union_notice_of_immigration_contact"
NOTHING = "ARTICLE 1 WAGES\n\n1.1 Employees shall be paid every two weeks by direct deposit.\n"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "wages.txt").write_text(NOTHING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)


@pytest.mark.parametrize("name, text, found", [
    (".clausecheck.toml", 'fail-on = "never"\n', True),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.clausecheck]\nfail-on = "never"\n', True),
    ("pyproject.toml", '[project]\nname = "x"\n', False),
])
def test_config_found_walking_up(tmp_path, name, text, found):
    (tmp_path / name).write_text(text, encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert (find_config(deep) == tmp_path / name) is found
    assert load_config(start=deep).fail_on == ("never" if found else None)


@pytest.mark.parametrize("text, line, problem", [
    ('fail-on = "never"\nfail-on-typo = 1\n', 2, "unknown key 'fail-on-typo'"),
    ('# team policy\nfail-on = "sometimes"\n', 2, "fail-on must be one of weakened, missing, never (got 'sometimes')"),
    (f'required = ["{PID}"]\n\n[severity]\n{OTHER} = "urgent"\n', 4,
     f"severity of '{OTHER}' must be one of critical, high, medium, low (got 'urgent')"),
    (f'required = [\n  "{PID}",\n  "no_such_id",\n]\n', 3, "unknown protection 'no_such_id' in required"),
    (f'[[waivers]]\ndocument = "*.txt"\nprotection = "{PID}"\nreason = "ok"\n\n[[waivers]]\ndocument = "*"\n'
     f'protection = "{PID}"\n', 6, "waiver needs a non-empty 'reason'"),
    (f'[[waivers]]\ndocument = "*"\nprotection = "{PID}"\nreason = "r"\nexpires = "someday"\n', 5,
     "expires must be a date YYYY-MM-DD (got 'someday')"),
    ('[[waivers]]\ndocument = "*"\nprotection = "nope_nope"\nreason = "r"\n', 3, "unknown protection 'nope_nope' in a waiver"),
    ('fail-on = "never"\nrequired = [\n', 2, "invalid TOML"),
    ('corpus = "no/such/pack"\n', 1, "corpus folder 'no/such/pack' does not exist"),
])
def test_config_invalid_is_exit_2_with_path_line(repo, text, line, problem):
    (repo / ".clausecheck.toml").write_text(text, encoding="utf-8")
    result = check("contracts/wages.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"E301 {repo / '.clausecheck.toml'}:{line}: {problem}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_explicit_file_and_missing_explicit_file(repo):
    (repo / "team.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert check("contracts/wages.txt", "--config", "team.toml").exit_code == 0
    missing = check("contracts/wages.txt", "--config", "nope.toml")
    assert missing.exit_code == 2 and missing.stderr.startswith("E301 nope.toml: configuration file not found")


@pytest.mark.parametrize("text, args, code", [
    ('fail-on = "never"\n', [], 0),
    ('fail-on = "never"\n', ["--fail-on", "missing"], 1),
    (f'required = ["{PID}"]\n', [], 1),
    (f'required = ["{PID}"]\n[[waivers]]\ndocument = "contracts/*.txt"\nprotection = "{PID}"\nreason = "agreed"\n', [], 0),
])
def test_config_policy_sets_the_exit_code(repo, text, args, code):
    (repo / ".clausecheck.toml").write_text(text, encoding="utf-8")
    assert check("contracts/wages.txt", *args).exit_code == code


def test_config_waived_finding_stays_in_output_marked(repo):
    (repo / "pyproject.toml").write_text(
        f'[tool.clausecheck]\nrequired = ["{PID}"]\n\n[tool.clausecheck.severity]\n{PID} = "low"\n\n'
        f'[[tool.clausecheck.waivers]]\ndocument = "contracts/wages.txt"\nprotection = "{PID}"\n'
        f'reason = "Reopener agreed for 2027"\nexpires = 2099-12-31\n', encoding="utf-8")
    result = check("contracts/wages.txt", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    (f,) = [f for f in json.loads(result.stdout)["findings"] if f["protection"] == PID]
    assert f["severity"] == "low"
    assert f["waived"] == {"reason": "Reopener agreed for 2027", "document": "contracts/wages.txt",
                           "expires": "2099-12-31"}
    text = check("contracts/wages.txt").stdout
    assert f"{PID}  (low)  [waived: Reopener agreed for 2027]" in text


@pytest.mark.parametrize("waiver, code, warning", [
    (f'document = "contracts/*"\nprotection = "{PID}"\nreason = "r"\nexpires = 2020-01-01\n', 1,
     f"warning: {{cfg}}:4: waiver for {PID} on 'contracts/*' expired on 2020-01-01"),
    (f'document = "elsewhere/*.pdf"\nprotection = "{PID}"\nreason = "r"\n', 1,
     f"warning: {{cfg}}:4: waiver for {PID} on 'elsewhere/*.pdf' matched no weakened or missing finding"),
])
def test_config_expired_and_unused_waivers_are_reported(repo, waiver, code, warning):
    cfg = repo / ".clausecheck.toml"
    cfg.write_text(f'required = ["{PID}"]\n[[waivers]]\n{waiver}', encoding="utf-8")
    result = check("contracts/wages.txt")
    assert result.exit_code == code
    assert result.stderr.startswith(warning.format(cfg=cfg))
