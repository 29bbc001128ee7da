"""The set-up commands do what the README says: `make demo` installs only the runtime, `make test`
everything; scripts/system-deps.sh waits for a held package-manager lock instead of failing."""
from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _make_dry_run(target: str) -> str:
    return subprocess.run(["make", "-n", "-B", target, "PYTHON=python3"], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout


def test_setup_make_demo_installs_the_runtime_only():
    out = _make_dry_run("demo")
    installs = [ln for ln in out.splitlines() if "pip install" in ln and "--upgrade pip" not in ln]
    assert installs and all("[test]" not in ln and "'.[" not in ln for ln in installs), installs
    assert "clausecheck check examples/hotel-counterproposal.txt" in out


def test_setup_make_test_installs_the_test_extra():
    out = _make_dry_run("test")
    assert "pip install --quiet -e '.[test]'" in out and "system-deps" in out and "pytest" in out


def test_setup_test_extra_holds_the_ci_tools():
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    names = {re.split(r"[<>=\[]", e)[0] for e in extras}
    assert {"build", "twine", "pre-commit", "pytest"} <= names


@pytest.fixture
def fake_apt(tmp_path) -> tuple[Path, Path]:
    """An apt-get that reports a held lock twice, then succeeds; it logs every call."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    counter = tmp_path / "count"
    (bin_dir / "apt-get").write_text(f"""#!/usr/bin/env bash
echo "$*" >> "{log}"
n=$(cat "{counter}" 2>/dev/null || echo 0); echo $((n + 1)) > "{counter}"
if [ "$n" -lt 2 ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
""")
    (bin_dir / "id").write_text("#!/usr/bin/env bash\necho 0\n")
    for f in bin_dir.iterdir():
        f.chmod(0o755)
    return bin_dir, log


def test_setup_system_deps_waits_for_the_dpkg_lock(fake_apt, tmp_path):
    bin_dir, log = fake_apt
    env = dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin", CHROMIUM=str(tmp_path / "no-chromium"),
               APT_LOCK_POLL="0", APT_LOCK_WAIT="30")
    out = subprocess.run(["bash", str(REPO / "scripts" / "system-deps.sh")], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr.count("waiting for another package manager process") == 2
    calls = log.read_text().splitlines()
    assert [c.split()[2] for c in calls] == ["update", "update", "update", "install"]
    assert "DPkg::Lock::Timeout=30" in calls[0] and "chromium" in calls[-1]


def test_setup_system_deps_gives_up_on_other_errors(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text("#!/usr/bin/env bash\necho 'E: Unable to locate package chromium' >&2\nexit 100\n")
    (bin_dir / "id").write_text("#!/usr/bin/env bash\necho 0\n")
    for f in bin_dir.iterdir():
        f.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin", CHROMIUM=str(tmp_path / "no"), APT_LOCK_POLL="0")
    out = subprocess.run(["bash", str(REPO / "scripts" / "system-deps.sh")], env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "Unable to locate package" in out.stderr and "waiting" not in out.stderr


def test_setup_shared_material_missing_fails_in_ci(tmp_path):
    """Without ../shared a test that needs it skips with its reason locally and fails in CI."""
    test = tmp_path / "test_needs_shared.py"
    test.write_text("def test_x(shared_dir):\n    pass\n")
    (tmp_path / "conftest.py").write_text((REPO / "tests" / "conftest.py").read_text())
    base = dict(os.environ, CLAUSECHECK_SHARED=str(tmp_path / "absent"))
    base.pop("CI", None)
    import sys

    local = subprocess.run([sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", str(test)], cwd=tmp_path,
                           env=base, capture_output=True, text=True)
    assert local.returncode == 0 and "SKIPPED" in local.stdout and "set CLAUSECHECK_SHARED" in local.stdout
    ci = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(test)], cwd=tmp_path,
                        env=dict(base, CI="true"), capture_output=True, text=True)
    assert ci.returncode == 1 and "shared material not found" in ci.stdout
