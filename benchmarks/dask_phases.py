"""Where the time of a batch audit goes, phase by phase: local processes against a Dask LocalCluster.

    .venv/bin/python benchmarks/dask_phases.py                 # the 40-document mix of speed_bench
    .venv/bin/python benchmarks/dask_phases.py --executor dask --repeat 3

One audit per executor and round, each executor in a fresh process (as `clausecheck audit` runs),
of the batch mix of benchmarks/speed_bench.py. The client's phases are timed by wrapping the batch modules'
functions (wall clock and this process's CPU at each mark): the results database opened, the
executor entered, Dask imported, the engine warmed for the workers, the cluster up, the first
result, the cluster closing and closed. Each document's worker records when it started and ended and
its own thread's CPU, so the report shows per worker: when it got its first document, the idle
gaps between documents, and how far apart the workers' last documents ended (the run's tail).
A diagnostic, not a figure with a target: speed_bench.py has those."""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import checker.batch.cluster as cluster  # noqa: E402
import checker.batch.pool as pool  # noqa: E402
import checker.batch.run as run  # noqa: E402
import checker.batch.worker as worker  # noqa: E402

MARKS: list[tuple[str, float, float]] = []


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter(), time.process_time()))


def wrap(module, name: str, before: str, after: str | None = None) -> None:
    real = getattr(module, name)

    def timed(*args, **kwargs):
        mark(before)
        out = real(*args, **kwargs)
        if after:
            mark(after)
        return out

    setattr(module, name, timed)


def timed_audit_one(real):
    def audit_one(task: dict) -> dict:
        start, cpu = time.time(), time.thread_time()
        rec = real(task)
        rec["timings"]["phase"] = {"pid": os.getpid(), "start": start, "end": time.time(),
                                   "cpu": time.thread_time() - cpu}
        return rec
    return audit_one


def instrument() -> None:
    # forked workers (local pool and Dask's, on Linux) inherit these wrappers
    one = timed_audit_one(worker.audit_one)
    worker.audit_one = pool.audit_one = one
    wrap(run, "ResultsDB", "opening the results database", "results database open")
    wrap(cluster, "run_dask", "executor entered (Dask)")
    wrap(pool, "run_local", "executor entered (local)")
    wrap(cluster, "warm", "Dask imported; warming the engine", "engine warm")
    wrap(pool, "warm", "warming the engine", "engine warm")
    wrap(cluster, "_local_cluster", "starting the cluster", "cluster up")

    real_close = None

    def local_cluster(*args, **kwargs):
        nonlocal real_close
        c = real_local_cluster(*args, **kwargs)
        real_close = c.close

        def close(*a, **k):
            mark("closing the cluster")
            out = real_close(*a, **k)
            mark("cluster closed")
            return out
        c.close = close
        return c
    real_local_cluster = cluster._local_cluster
    cluster._local_cluster = local_cluster


def report(label: str, n: int, seconds: float, t0: float, wall0: float, records: list[dict],
           children_cpu: float) -> None:
    print(f"\n{label}: {n} documents in {seconds:.2f} s = {n / seconds:.2f} docs/s "
          f"(load average {os.getloadavg()[0]:.2f})")
    prev = t0
    for name, wall, cpu in MARKS:
        print(f"  {wall - t0:6.2f} s (+{wall - prev:5.2f})  client CPU {cpu:6.2f} s  {name}")
        prev = wall
    by = defaultdict(list)
    for r in records:
        p = r["timings"].get("phase")
        if p:
            by[p["pid"]].append(p)
    ends = []
    for pid, ps in sorted(by.items()):
        ps.sort(key=lambda p: p["start"])
        gaps = [b["start"] - a["end"] for a, b in zip(ps, ps[1:])]
        busy = sum(p["end"] - p["start"] for p in ps)
        ends.append(ps[-1]["end"] - wall0)
        print(f"  worker {pid}: {len(ps)} documents, first at +{ps[0]['start'] - wall0:.2f} s, busy {busy:.2f} s "
              f"(CPU {sum(p['cpu'] for p in ps):.2f} s), idle between documents {sum(gaps):.2f} s "
              f"(longest {max(gaps, default=0):.2f}), last ended at +{ps[-1]['end'] - wall0:.2f} s")
    if len(ends) > 1:
        print(f"  tail: the workers' last documents ended {max(ends) - min(ends):.2f} s apart; "
              f"the audit returned {seconds - max(ends):.2f} s after the last one")
    print(f"  CPU: this process {time.process_time():.2f} s, workers {children_cpu:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--executor", choices=("both", "local", "dask"), default="both")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if args.executor == "both":  # each executor in a fresh process, as a user's run starts
        import subprocess

        for kind in ("local", "dask"):
            subprocess.run([sys.executable, __file__, "--executor", kind, "--jobs", str(args.jobs),
                            "--repeat", str(args.repeat)], check=True)
        return 0
    from checker.batch import AuditOptions, run_audit
    from speed_bench import batch_mix

    instrument()
    kinds = [args.executor]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp, "docs")
        docs.mkdir()
        paths = batch_mix(docs)
        for rnd in range(args.repeat):
            for kind in kinds:
                db = str(Path(tmp, f"{kind}{rnd}.sqlite"))
                MARKS.clear()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0, wall0 = time.perf_counter(), time.time()
                records: list[dict] = []

                def progress(stats, rec):
                    if rec is not None:
                        if not records:
                            mark("first result")
                        records.append(rec)

                stats = run_audit(paths, db, AuditOptions(jobs=args.jobs, scheduler=None if kind == "local" else "local"),
                                  progress=progress)
                seconds = time.perf_counter() - t0
                mark("audit returned")
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                report(f"round {rnd + 1}, {kind}", stats.audited, seconds, t0, wall0, records, children)
    return 0


if __name__ == "__main__":
    sys.exit(main())
