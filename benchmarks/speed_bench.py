"""Speed and memory of clausecheck, each figure as a ratio against its floor measured in the same run.

    .venv/bin/python benchmarks/speed_bench.py [--repeat 5] [--out benchmarks/RESULTS-speed.md]
    .venv/bin/python benchmarks/speed_bench.py --only startup,real     # a subset while iterating

CPU seconds (user + system, of the process and the children it waited for), not wall time: the
machine is shared, and CPU time is what load from other jobs changes least. Child processes run as an
installed clausecheck does: byte-compiled modules and the per-user corpus cache, both written by a
first (unmeasured) run into a temporary folder. Every figure is a
median of `--repeat` runs, interleaved with its floor so that load hits both alike. Results are
appended to `--out` with the date, the commit and the load average (earlier results are kept).

Figures (targets from issue 15):
- startup: `clausecheck check` of a 1-line text file, whole process; floor: `python -c pass`
  (the interpreter alone). Target <= 0.2 s CPU.
- real: whole `clausecheck check FILE --format json` of the real 70-115-page PDFs and the
  generated 150-page PDF of benchmarks/check_bench.py (a real agreement's text with an
  immigration article); floor: a whole process that extracts the same
  PDF's text with pypdfium2. Target <= 2.5x the floor, 150 pages <= 0.7 s.
- ingest: `load_document` in one process against raw pypdfium2 extraction of the same file, on
  PDFs of real contract text (150 and 1,000 pages, benchmarks/realpdf.py). Target <= 2x.
- linear: whole check of 100, 1,000 and 5,000 pages of real contract text (plain text with form
  feeds; the text caps of E216 raised tenfold, as 5,000 such pages are over them); floor: the 1,000-page document (x5 for 5,000 pages). Target 5,000 <= 5.5x 1,000, peak
  memory (VmHWM of the checking process) < 300 MB.
- batch: 40 documents (the 6 real development agreements, 3 PDFs and 3 long Markdown files,
  each copied 3 times, and 22 shorter drafts of tests/devset/written_*), audited with local
  processes and with a Dask LocalCluster, 2 workers each (wall time including worker and cluster
  start, documents/s) and by the CPU time of every process of the audit (workers included; on a
  machine others share this is the steadier figure); floor for local: the same documents checked
  one after another in one warm process (the engine's own CPU time; as a rate, on 2 cores);
  floor for Dask: local processes. Targets: local >= 6 documents/s, Dask within 15% of local.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from realpdf import real_contract_pdf, real_contract_text  # noqa: E402

REAL = ROOT / "tests" / "devset" / "real"
PY = sys.executable
# The CLI exactly as the console script runs it, reporting at exit the peak RSS of its own (VmHWM)
# or of the worker it forked to check the document (ru_maxrss of its children, no execve between):
# ru_maxrss of this benchmark's children is not reliable (Linux carries it across execve).
_CLI = ("import atexit, os, sys\n"
        "def _hwm():\n"
        "    out = os.environ.get('SPEED_BENCH_HWM')\n"
        "    if out:\n"
        "        import resource\n"
        "        kb = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
        "        kb = max(kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # the checking worker\n"
        "        open(out, 'w').write(str(kb))\n"
        "atexit.register(_hwm)\n"
        "if os.environ.get('SPEED_BENCH_TEXT_CAPS'):\n"
        "    import dataclasses, checker.ingest.limits as L\n"
        "    caps = ('max_chars', 'max_lines', 'max_sections', 'max_list_items')\n"
        "    L.Limits.__init__.__defaults__ = tuple(v * 10 if f.name in caps else v for f, v in\n"
        "                                           zip(dataclasses.fields(L.Limits), L.Limits.__init__.__defaults__))\n"
        "sys.argv = ['clausecheck', *sys.argv[1:]]\n"
        "from cli import main\n"
        "sys.exit(main())\n")
_RAW = ("import sys, pypdfium2 as pdfium\n"
        "pdf = pdfium.PdfDocument(sys.argv[1])\n"
        "n = 0\n"
        "for i in range(len(pdf)):\n"
        "    page = pdf[i]; tp = page.get_textpage(); n += len(tp.get_text_range()); tp.close(); page.close()\n"
        "print(n)\n")


def cpu_run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(CPU seconds, peak MB) of one whole process."""
    with tempfile.NamedTemporaryFile(suffix=".hwm", delete=False) as fh:
        hwm = fh.name
    e = dict(os.environ, SPEED_BENCH_HWM=hwm, **(env or {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} failed: {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        peak = int(Path(hwm).read_text() or 0) / 1024
    except (OSError, ValueError):
        peak = 0.0
    finally:
        os.unlink(hwm)
    return cpu, peak


def check_cmd(path: Path) -> list[str]:
    return [PY, "-c", _CLI, "check", str(path), "--format", "json", "--fail-on", "never"]


def paired(fns: list, repeat: int) -> list[list]:
    """Each of `fns` run `repeat` times, interleaved; the list of results per function."""
    out: list[list] = [[] for _ in fns]
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            out[k].append(fn())
    return out


def med(xs, i=None):
    return statistics.median(x[i] if i is not None else x for x in xs)


def bench_startup(tmp: Path, repeat: int) -> list[dict]:
    one = tmp / "one-line.txt"
    one.write_text("The Employer shall not ask about immigration status.\n")
    cpu_run(check_cmd(one))  # the first run byte-compiles and fills the cache
    floor, check = paired([lambda: cpu_run([PY, "-c", "pass"]), lambda: cpu_run(check_cmd(one))], repeat)
    return [{"figure": "1-line document, whole `clausecheck check`", "floor_name": "python -c pass",
             "floor": med(floor, 0), "value": med(check, 0), "unit": "s CPU", "target": "<= 0.2 s",
             "ok": med(check, 0) <= 0.2, "peak_mb": med(check, 1)}]


def bench_real(tmp: Path, repeat: int) -> list[dict]:
    from check_bench import contract_pdf  # the 150-page PDF: a real agreement, one immigration article

    gen = tmp / "contract-150-pages.pdf"
    contract_pdf(gen, 150)
    rows = []
    for f in [gen, *sorted(REAL.glob("*.pdf"))]:
        subprocess.run(check_cmd(f), capture_output=True)  # warm the OS file cache and compiled-corpus cache
        floor, check = paired([lambda: cpu_run([PY, "-c", _RAW, str(f)]), lambda: cpu_run(check_cmd(f))], repeat)
        ratio = med(check, 0) / med(floor, 0)
        target = "<= 2.5x, <= 0.7 s" if f == gen else "<= 2.5x"
        ok = ratio <= 2.5 and (f != gen or med(check, 0) <= 0.7)
        rows.append({"figure": f"{f.name}, whole `clausecheck check --format json`",
                     "floor_name": "whole-process pypdfium2 extraction", "floor": med(floor, 0),
                     "value": med(check, 0), "unit": "s CPU", "target": target, "ok": ok,
                     "peak_mb": med(check, 1)})
    return rows


def bench_ingest(tmp: Path, repeat: int) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from ingest_bench import raw_pdf

    from checker.ingest import load_document

    rows = []
    for pages in (150, 1000):
        f = tmp / f"real-text-{pages}-pages.pdf"
        if not f.exists():
            real_contract_pdf(f, pages)
        raw_pdf(f)
        load_document(f)

        def timed(fn):
            t = time.process_time()
            fn()
            return (time.process_time() - t,)

        floor, doc = paired([lambda: timed(lambda: raw_pdf(f)), lambda: timed(lambda: load_document(f))],
                            repeat if pages < 1000 else max(1, min(repeat, 3)))
        rows.append({"figure": f"PDF -> Document, {pages} pages of real contract text", "floor_name":
                     "raw pypdfium2 extraction (same process)", "floor": med(floor, 0), "value": med(doc, 0),
                     "unit": "s CPU", "target": "<= 2x", "ok": med(doc, 0) / med(floor, 0) <= 2})
    return rows


def bench_linear(tmp: Path, repeat: int) -> list[dict]:
    res = {}
    for pages in (100, 1000, 5000):
        f = tmp / f"real-text-{pages}-pages.txt"
        f.write_text(real_contract_text(pages), encoding="utf-8")
        n = repeat if pages < 5000 else max(1, min(repeat, 3))
        # 5,000 pages of this text are over the text caps (E216: 8 M characters, 200,000 lines):
        # every size of this figure runs with those caps raised tenfold, nothing else changed.
        res[pages] = [cpu_run(check_cmd(f), env={"SPEED_BENCH_TEXT_CAPS": "1"}) for _ in range(n)]
    base = med(res[1000], 0)
    rows = []
    for pages in (100, 1000, 5000):
        v = med(res[pages], 0)
        rows.append({"figure": f"{pages:,} pages of real contract text (.txt), whole check", "floor_name":
                     "the 1,000-page document", "floor": base, "value": v, "unit": "s CPU",
                     "target": "<= 5.5x, < 300 MB" if pages == 5000 else "",
                     "ok": (v / base <= 5.5 and med(res[pages], 1) < 300) if pages == 5000 else None,
                     "peak_mb": med(res[pages], 1)})
    return rows


def batch_mix(out: Path) -> list[str]:
    """40 distinct files: the 6 real agreements x3 and 22 written drafts, made unique by a trailing
    comment so that neither resume nor duplicate detection skips any."""
    real = sorted(p for p in REAL.iterdir() if p.suffix in (".pdf", ".md"))
    drafts = sorted(p for d in sorted((ROOT / "tests" / "devset").glob("written_*"))
                    for p in d.iterdir() if p.suffix in (".txt", ".md"))
    step = max(1, len(drafts) // 22)
    chosen = [(i, p) for i in range(3) for p in real] + [(0, p) for p in drafts[::step][:22]]
    for i, p in chosen:
        dst = out / f"c{i}_{p.parent.name}_{p.name}"
        shutil.copy(p, dst)
        with open(dst, "ab") as fh:
            fh.write(f"\n%copy {i}\n".encode() if p.suffix == ".pdf" else f"\n\nCopy {i}.\n".encode())
    return sorted(str(p) for p in out.iterdir())


_BATCH = ("import json, sys, time\n"
          "sys.path.insert(0, {root!r})\n"
          "from checker.batch import AuditOptions, run_audit\n"
          "paths = json.load(open({paths!r}))\n"
          "t = time.perf_counter()\n"
          "stats = run_audit(paths, {db!r}, AuditOptions(jobs=2, scheduler={sched!r}))\n"
          "dt = time.perf_counter() - t\n"
          "assert stats.audited == len(paths), stats\n"
          "print(json.dumps({{'seconds': dt, 'errors': stats.errors}}))\n")


def bench_batch(tmp: Path, repeat: int) -> list[dict]:
    docs = tmp / "batch"
    docs.mkdir()
    paths = batch_mix(docs)
    plist = tmp / "batch.json"
    plist.write_text(json.dumps(paths))

    def audit(sched, k=[0]):
        k[0] += 1
        code = _BATCH.format(root=str(ROOT), paths=str(plist), db=str(tmp / f"audit{k[0]}.sqlite"), sched=sched)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode:
            raise RuntimeError(out.stderr[-800:])
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)  # workers included
        return len(paths) / json.loads(out.stdout.strip().splitlines()[-1])["seconds"], cpu

    def serial():
        code = ("import json, sys, time\n"
                f"sys.path.insert(0, {str(ROOT)!r})\n"
                "from checker.api import check_file, default_corpus\n"
                f"paths = json.load(open({str(plist)!r}))\n"
                "c = default_corpus(); check_file(paths[0], c)\n"
                "t = time.process_time()\n"
                "for p in paths: check_file(p, c)\n"
                "print(time.process_time() - t)\n")
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    floor, local, dask = paired([serial, lambda: audit(None), lambda: audit("local")], repeat)
    n = len(paths)
    engine = statistics.median(floor)
    l_rate, d_rate = med(local, 0), med(dask, 0)
    l_cpu, d_cpu = med(local, 1), med(dask, 1)
    per_round = statistics.median(x[0] / y[0] for x, y in zip(dask, local))
    return [
        {"figure": f"audit of {n} documents, local processes, 2 workers (wall clock, worker start included)",
         "floor_name": "engine CPU of the same documents in one warm process, on 2 cores",
         "floor": n / (engine / 2), "value": l_rate, "unit": "docs/s", "target": ">= 6 docs/s", "ok": l_rate >= 6},
        {"figure": f"audit of {n} documents, local processes, 2 workers: CPU of every process",
         "floor_name": "engine CPU of the same documents in one warm process", "floor": engine, "value": l_cpu,
         "unit": "s CPU", "target": "", "ok": None,
         "note": f"{n / (l_cpu / 2):.1f} docs/s when 2 cores are free"},
        {"figure": f"audit of {n} documents, Dask LocalCluster, 2 workers (wall clock, cluster start included)",
         "floor_name": "local processes, 2 workers (same round)", "floor": l_rate, "value": d_rate,
         "unit": "docs/s", "target": ">= 0.85x local", "ok": per_round >= 0.85,
         "note": f"per-round ratio median {per_round:.2f}"},
        {"figure": f"audit of {n} documents, Dask LocalCluster, 2 workers: CPU of every process",
         "floor_name": "local processes, 2 workers: CPU of every process", "floor": l_cpu, "value": d_cpu,
         "unit": "s CPU", "target": "<= 1.15x local", "ok": d_cpu / l_cpu <= 1.15,
         "note": f"{n / (d_cpu / 2):.1f} docs/s when 2 cores are free"},
    ]


BENCHES = {"startup": bench_startup, "real": bench_real, "ingest": bench_ingest, "linear": bench_linear,
           "batch": bench_batch}


def commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (out.stdout.strip() or "?") + ("+changes" if dirty else "")


def fmt(v: float, unit: str) -> str:
    return f"{v:.3f} {unit}" if unit != "docs/s" else f"{v:.2f} {unit}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default=",".join(BENCHES))
    ap.add_argument("--label", default="", help="a note for the results heading (e.g. 'before')")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-speed.md")
    args = ap.parse_args(argv)
    # every child process (Dask's spawned workers too) imports this tree's checker
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    load0 = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        # As an installed clausecheck runs: with byte-compiled modules (pip writes them at install;
        # kept out of the source tree here) and its per-user cache, both filled by a first run.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp, "pycache"))
        os.environ["CLAUSECHECK_CACHE_DIR"] = str(Path(tmp, "cache"))
        for name in args.only.split(","):
            for r in BENCHES[name](Path(tmp), args.repeat):
                rows.append(r)
                print(f"{r['figure']}: {fmt(r['value'], r['unit'])}, floor {fmt(r['floor'], r['unit'])} "
                      f"({r['floor_name']}), ratio {r['value'] / r['floor']:.2f}x", flush=True)
    load1 = os.getloadavg()
    out = [f"## {started}{' — ' + args.label if args.label else ''}", "",
           f"Commit {commit()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
           f"load average {load0[0]:.2f}/{load0[1]:.2f} at the start, {load1[0]:.2f}/{load1[1]:.2f} at the end. "
           f"Medians of {args.repeat} (5,000 pages and 1,000-page ingestion: of up to 3), interleaved with the floor. "
           f"`{' '.join(['.venv/bin/python', 'benchmarks/speed_bench.py', *(argv if argv is not None else sys.argv[1:])])}`",
           "", "| figure | floor | floor value | value | ratio to floor | peak MB | target | met |",
           "|---|---|---:|---:|---:|---:|---|---|"]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r["ok"]]
        note = f" ({r['note']})" if r.get("note") else ""
        out.append(f"| {r['figure']} | {r['floor_name']} | {fmt(r['floor'], r['unit'])} | {fmt(r['value'], r['unit'])} | "
                   f"{r['value'] / r['floor']:.2f}×{note} | {r.get('peak_mb', 0) or '':.0f} | {r['target']} | {met} |"
                   if r.get("peak_mb") else
                   f"| {r['figure']} | {r['floor_name']} | {fmt(r['floor'], r['unit'])} | {fmt(r['value'], r['unit'])} | "
                   f"{r['value'] / r['floor']:.2f}×{note} |  | {r['target']} | {met} |")
    text = "\n".join(out) + "\n"
    if not args.out.exists():
        args.out.write_text("# Speed benchmark (benchmarks/speed_bench.py)\n\nEach run is appended below; "
                            "earlier runs are kept. CPU seconds unless the unit says otherwise.\n\n")
    with open(args.out, "a", encoding="utf-8") as fh:
        fh.write(text + "\n")
    print("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
