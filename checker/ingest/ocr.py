"""OCR of image-only PDF pages with ocrmypdf (Tesseract), bounded in time, temp files removed.

ocrmypdf's Python API (`ocrmypdf.ocr`) runs in a child interpreter in its own process group:
the whole group (ocrmypdf, its workers, tesseract) is killed when the `Deadline` expires, which
no option of ocrmypdf's guarantees (`tesseract_timeout` is per page and only drops that page's
text), and a batch worker that is itself a daemon process may still start it. The child's
TMPDIR is the private directory, so nothing it writes outlives the call.

Installing: `pip install 'clausecheck[ocr]'` and
`apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng ghostscript`.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from checker.errors import CorruptDocumentError, LimitExceededError, OCRUnavailableError
from checker.ingest.limits import Deadline

INSTALL_HINT = (
    "pip install 'clausecheck[ocr]' (ocrmypdf) and, on Debian/Ubuntu, "
    "apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng ghostscript"
)
LANGUAGE = "eng"
MAX_JOBS = 2
# A file to write the OCR child's process group id to, for a caller that may have to kill the
# worker running this OCR from outside (the web service's jobs: cancelled, or past their limit).
GROUP_FILE_ENV = "CLAUSECHECK_OCR_GROUP_FILE"


def missing_ocr_parts() -> list[str]:
    """What of the OCR toolchain is not installed here (empty when OCR can run)."""
    missing = []
    if importlib.util.find_spec("ocrmypdf") is None:
        missing.append("the Python package ocrmypdf")
    if shutil.which("tesseract") is None:
        missing.append("the tesseract program (Debian: tesseract-ocr)")
    return missing


def _ocr_options(remaining: float, pages: list[int] | None) -> dict:
    opts = {
        "language": [LANGUAGE],
        # Pages that already have text are left as they are: only the image-only ones are OCR'd.
        "skip_text": True,
        "progress_bar": False,
        "optimize": 0,
        "output_type": "pdf",  # no PDF/A conversion: the file is read once and thrown away
        "jobs": max(1, min(MAX_JOBS, os.cpu_count() or 1)),
        "tesseract_timeout": max(1.0, remaining),
    }
    if pages:
        opts["pages"] = ",".join(map(str, pages))
    return opts


def run_ocr(path: str, password: str | None, deadline: Deadline, *, pages: list[int] | None = None) -> str:
    """OCR `path` (only `pages`, 1-based, if given) into a temporary PDF with a text layer.

    Returns its path; the caller removes its directory. Raises E209 when the tools are missing,
    E207 when the deadline passes, E204 when ocrmypdf fails."""
    missing = missing_ocr_parts()
    if missing:
        raise OCRUnavailableError(
            "OCR was requested but " + " and ".join(missing) + (" is" if len(missing) == 1 else " are")
            + " not installed", path=path, hint=INSTALL_HINT)
    deadline.check()
    remaining = deadline.expires - time.monotonic()
    tmp = tempfile.mkdtemp(prefix="clausecheck-ocr-")
    try:
        out = os.path.join(tmp, "ocr.pdf")
        job = {"input": os.path.abspath(path), "output": out, "password": password or "", "tmp": tmp,
               "result": os.path.join(tmp, "result.json"), "options": _ocr_options(remaining, pages),
               "progress": os.path.join(tmp, "progress.txt") if deadline.progress is not None else None}
        _run_child(job, path, deadline)
        with open(job["result"], encoding="utf-8") as fh:
            result = json.load(fh)
        if not result.get("ok"):
            kind, message = result.get("type", "Error"), result.get("message", "")
            if kind == "MissingDependencyError":
                raise OCRUnavailableError(f"OCR tools are incomplete ({message.strip()[:300]})", path=path,
                                          hint=INSTALL_HINT)
            raise CorruptDocumentError(f"OCR failed ({kind}: {message.strip()[:300]})", path=path,
                                       hint="check the scan, or OCR it yourself and pass the result")
        if not os.path.exists(out):
            raise CorruptDocumentError("OCR produced no output", path=path, hint="check the scan")
        return out
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _run_child(job: dict, path: str, deadline: Deadline) -> None:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, TMPDIR=job["tmp"], PYTHONPATH=os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p))
    with open(os.path.join(job["tmp"], "ocrmypdf.log"), "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "checker.ingest.ocr"], stdin=subprocess.PIPE,
                                stdout=log, stderr=log, env=env, start_new_session=True)
        try:
            if os.environ.get(GROUP_FILE_ENV):
                with open(os.environ[GROUP_FILE_ENV], "w", encoding="ascii") as fh:
                    fh.write(str(proc.pid))  # start_new_session: its pid is its group id
            proc.stdin.write(json.dumps(job).encode())
            proc.stdin.close()
            _wait(proc, job, deadline)
        except subprocess.TimeoutExpired:
            raise LimitExceededError(
                f"OCR took longer than the {deadline.seconds:.0f} s time limit", path=path,
                hint="raise --max-seconds (OCR runs at a few seconds per page), or split the document",
            ) from None
        finally:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
    if proc.returncode != 0 and not os.path.exists(job["result"]):
        with open(os.path.join(job["tmp"], "ocrmypdf.log"), encoding="utf-8", errors="replace") as fh:
            tail = fh.read()[-300:].strip()
        raise CorruptDocumentError(f"OCR crashed (exit {proc.returncode}: {tail})", path=path,
                                   hint="check the OCR installation or the scan")


def kill_group(group_file: str) -> bool:
    """SIGKILL the OCR process group named in `group_file` (see GROUP_FILE_ENV), if it still runs:
    ocrmypdf, its workers and Tesseract, left behind when the process that started them was killed."""
    try:
        with open(group_file, encoding="ascii") as fh:
            group = int(fh.read().strip())
        os.killpg(group, signal.SIGKILL)
        return True
    except (OSError, ValueError):
        return False


def _wait(proc: subprocess.Popen, job: dict, deadline: Deadline) -> None:
    """Wait for the child until the deadline; pages done are passed on as they are reported."""
    last = None
    while True:
        left = deadline.expires - time.monotonic()
        if left <= 0:
            raise subprocess.TimeoutExpired(proc.args, 0)
        finished = True
        try:
            proc.wait(timeout=min(left, 0.5) if job.get("progress") else left)
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline.expires:
                raise
            finished = False
        done = _read_progress(job.get("progress"))
        if done is not None and done != last:
            last = done
            deadline.report("ocr", *done)
        if finished:
            return


def _read_progress(path: str | None) -> tuple[int, int] | None:
    """(pages done, pages in all) as the child's progress plugin last wrote them."""
    if not path:
        return None
    try:
        with open(path, encoding="ascii") as fh:
            done, total = fh.read().split()
        return int(done), int(total)
    except (OSError, ValueError):
        return None


def _child_main() -> None:
    """In the child: decrypt if needed, run ocrmypdf.ocr, write {"ok": ...} to the result file."""
    job = json.loads(sys.stdin.read())
    result: dict = {"ok": False}
    try:
        import logging

        logging.basicConfig(level=logging.WARNING)
        import ocrmypdf
        import pikepdf

        src = job["input"]
        with pikepdf.open(src, password=job["password"]) as pdf:  # ocrmypdf refuses encrypted input
            if pdf.is_encrypted:
                src = os.path.join(job["tmp"], "decrypted.pdf")
                pdf.save(src)
        options = dict(job["options"])
        if job.get("progress"):  # pages done go to a file the parent polls (checker.ingest.ocr_progress)
            os.environ["CLAUSECHECK_OCR_PROGRESS"] = job["progress"]
            options.update(progress_bar=True, plugins=["checker.ingest.ocr_progress"])
        code = ocrmypdf.ocr(src, job["output"], **options)
        result = {"ok": int(code) == 0, "type": "ExitCode", "message": str(code)}
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises a coded error
        result = {"ok": False, "type": type(exc).__name__, "message": str(exc)}
    with open(job["result"], "w", encoding="utf-8") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    _child_main()
