"""The Dask executor's tuning for one machine (checker.batch.cluster): work stealing every 100 ms
on a LocalCluster only, the collector deferred while Dask is imported and always resumed, and
with two workers stealing from each other the same records as local processes, each once."""
from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from checker.batch import AuditOptions, ResultsDB, discover, run_audit
from checker.batch.cluster import run_dask
from checker.errors import ConfigError

DEVSET = Path(__file__).parent / "devset" / "shared"
BAD = {"empty.txt": b"", "corrupt.pdf": b"%PDF-1.4\n%garbage, not a PDF body\n"}


def records(db: Path) -> dict:
    out = {}
    for r in ResultsDB(db).records():
        r = dict(r)
        r.pop("timings", None)
        out[r["path"]] = r
    return out


def test_batch_dask_two_workers_record_every_file_once_as_local_processes_do(tmp_path):
    pytest.importorskip("distributed")
    docs = tmp_path / "docs"
    docs.mkdir()
    good = sorted(p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    for i in range(2):  # two distinct copies of each, so that neither resume nor duplicates skip any
        for p in good:
            (docs / f"{i}_{p.name}").write_text(p.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n", encoding="utf-8")
    for name, data in BAD.items():
        (docs / name).write_bytes(data)
    paths = discover([str(docs)])
    local = run_audit(paths, str(tmp_path / "local.sqlite"), AuditOptions(jobs=2))
    dask = run_audit(paths, str(tmp_path / "dask.sqlite"), AuditOptions(jobs=2, scheduler="local"))
    assert dask.audited == local.audited == len(paths)
    assert dask.errors == local.errors == len(BAD)
    assert records(tmp_path / "dask.sqlite") == records(tmp_path / "local.sqlite")
    assert gc.isenabled()


def test_batch_dask_local_cluster_steals_every_100ms_without_changing_dasks_settings():
    pytest.importorskip("distributed")
    import dask

    from checker.batch.cluster import _local_cluster

    before = dask.config.get("distributed.scheduler.work-stealing-interval")
    cluster = _local_cluster(1, processes=False)
    try:
        assert cluster.scheduler.extensions["stealing"]._callback_time == pytest.approx(0.1)
    finally:
        cluster.close()
    assert dask.config.get("distributed.scheduler.work-stealing-interval") == before


@pytest.mark.parametrize("dask_missing", [False, True], ids=["dask installed", "dask missing"])
def test_batch_dask_import_leaves_the_collector_on(monkeypatch, dask_missing):
    if dask_missing:
        monkeypatch.setitem(sys.modules, "dask.distributed", None)  # `import` raises ImportError
        with pytest.raises(ConfigError):
            run_dask(iter([]), lambda rec: None, scheduler="local", jobs=1)
    else:
        pytest.importorskip("distributed")
        run_dask(iter([]), lambda rec: None, scheduler="local", jobs=1)
    assert gc.isenabled()
