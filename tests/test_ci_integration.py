"""The documented CI entry points work as a contract repository would use them: the pre-commit
hook (run by `pre-commit` from PyPI against a local clone of this repository, installed from its
git URL) and the composite GitHub Action (its steps run as the runner would run them)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "hotel-counterproposal.txt"


def _git(*args, cwd):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this working tree's files (tracked and new, not ignored), like a
    clone of the commit under test. Returns its path and commit."""
    dest = tmp_path_factory.mktemp("clausecheck-clone")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-qm", "snapshot", cwd=dest)
    return dest, _git("rev-parse", "HEAD", cwd=dest)


def _contracts_repo(root: Path) -> Path:
    root.mkdir()
    _git("init", "-q", cwd=root)
    (root / "contracts").mkdir()
    shutil.copy(SAMPLE, root / "contracts" / "hotel-counter.txt")
    (root / "README.md").write_text("# Our contracts\n\nBargaining drafts for Local 11.\n")
    return root


def test_ci_precommit_hook_installs_from_git_url_and_checks_contracts_only(clone, tmp_path):
    src, rev = clone
    repo = _contracts_repo(tmp_path / "contracts-repo")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{
        "repo": src.as_uri(), "rev": rev, "hooks": [{"id": "clausecheck"}]}]}))
    _git("add", "-A", cwd=repo)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    precommit = [sys.executable, "-m", "pre_commit"]
    out = subprocess.run([*precommit, "run", "--all-files", "--verbose"], cwd=repo, env=env, capture_output=True,
                         text=True, timeout=1500)
    assert out.returncode == 1, out.stdout + out.stderr  # the counter-proposal misses protections
    assert "contracts/hotel-counter.txt" in out.stdout and "missing" in out.stdout
    assert "README.md" not in out.stdout, "the hook checked the README"
    # excluding the folder in .clausecheck.toml leaves nothing failing
    (repo / ".clausecheck.toml").write_text('exclude = ["contracts/**"]\n')
    (repo / "contracts" / "notes.md").write_text("# Notes\n")
    _git("add", "-A", cwd=repo)
    out = subprocess.run([*precommit, "run", "--files", "contracts/hotel-counter.txt"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.fixture(scope="module")
def action_python(tmp_path_factory) -> Path:
    """An interpreter whose venvs see this environment's dependencies (a .pth line), so the
    Action's `pip install` step installs clausecheck itself from the action path without network."""
    root = tmp_path_factory.mktemp("runner-python")
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    wrapper = root / "python-with-deps"
    deps = sysconfig.get_paths()["purelib"]
    # venvs made by this wrapper get the .pth added right after creation
    wrapper.write_text(f"""#!/usr/bin/env bash
set -e
"{root}/bin/python" "$@"
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  purelib=$("$3/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
  echo "{deps}" > "$purelib/_deps.pth"
fi
""")
    wrapper.chmod(0o755)
    return wrapper


def _action_steps(action: dict, inputs: dict, env: dict, cwd: Path) -> list[subprocess.CompletedProcess]:
    """Run a composite action's steps as the runner does: ${{ inputs.x }} substituted in `env`,
    each `run` in bash -e, GITHUB_ACTION_PATH and RUNNER_TEMP set."""
    values = {name: str(inputs.get(name, spec.get("default", ""))) for name, spec in action["inputs"].items()}
    results = []
    for step in action["runs"]["steps"]:
        step_env = dict(env)
        for k, v in (step.get("env") or {}).items():
            for name, value in values.items():
                v = v.replace(f"${{{{ inputs.{name} }}}}", value)
            step_env[k] = v
        out = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=step_env, capture_output=True,
                             text=True, timeout=900)
        results.append(out)
        if out.returncode != 0:
            break
    return results


def test_ci_github_action_installs_from_its_checkout_annotates_and_summarizes(clone, action_python, tmp_path):
    src, _ = clone
    action = yaml.safe_load((src / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    repo = _contracts_repo(tmp_path / "workspace")
    summary = tmp_path / "step-summary.md"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(GITHUB_ACTION_PATH=str(src), RUNNER_TEMP=str(tmp_path / "runner-temp"),
               GITHUB_STEP_SUMMARY=str(summary), GITHUB_ACTIONS="true")
    (tmp_path / "runner-temp").mkdir()
    steps = _action_steps(action, {"paths": "contracts/*.txt README.md", "python": str(action_python),
                                   "sarif": "out.sarif", "fail-on": "missing"}, env, repo)
    install, check = steps
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1, check.stderr  # findings at the threshold fail the step
    annotations = [ln for ln in check.stdout.splitlines() if ln.startswith("::")]
    assert annotations and all("file=contracts/hotel-counter.txt" in a or "file=README.md" in a for a in annotations)
    assert len([a for a in annotations if a.startswith("::error")]) <= 10
    assert "## clausecheck" in summary.read_text() and "hotel-counter.txt" in summary.read_text()
    assert (repo / "out.sarif").is_file()
