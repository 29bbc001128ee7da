"""Twenty uploads at once against a real uvicorn server on loopback: every one gets its report."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
import httpx  # noqa: E402

from checker.api import check_file  # noqa: E402
from checker.web import Settings, create_app  # noqa: E402
from web_server import LiveServer  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hotel-counterproposal.txt"
SHORT = b"ARTICLE 1 WAGES\nThe Employer shall pay wages every two weeks.\n"


@pytest.mark.parametrize("uploads", [20])
def test_web_load_concurrent_uploads_all_get_correct_reports(tmp_path, uploads):
    root = tmp_path / "uploads"
    root.mkdir()
    short = tmp_path / "short.txt"
    short.write_bytes(SHORT)
    expected = {"long.txt": check_file(EXAMPLE).to_dict(), "short.txt": check_file(short).to_dict()}
    bodies = {"long.txt": EXAMPLE.read_bytes(), "short.txt": SHORT}
    app = create_app(Settings(workers=2, max_queue=uploads, per_client=uploads, upload_root=str(root)))

    async def one(client: httpx.AsyncClient, i: int):
        name = "long.txt" if i % 2 else "short.txt"
        r = await client.post("/api/v1/check", files={"file": (name, bodies[name])})
        return name, r

    async def all_at_once(url: str):
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            return await asyncio.gather(*(one(client, i) for i in range(uploads)))

    with LiveServer(app) as server:
        results = asyncio.run(asyncio.wait_for(all_at_once(server.url), 80))
        assert httpx.get(server.url + "/healthz").status_code == 200  # still answering afterwards
    assert len(results) == uploads
    for name, r in results:
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["summary"] == expected[name]["summary"]
        assert [f["status"] for f in body["findings"]] == [f["status"] for f in expected[name]["findings"]]
        assert body["document"]["path"] == name
    assert os.listdir(root) == []


def test_web_load_full_queue_answers_503(tmp_path, monkeypatch):
    """With one worker and no queue, uploads beyond the one running are refused, not stalled."""
    import threading

    import checker.web.app as web_app
    from checker.web.runner import check_upload

    gate = threading.Event()

    def slow(*args):
        gate.wait(10)
        return check_upload(*args)

    monkeypatch.setattr(web_app, "check_upload", slow)
    app = create_app(Settings(workers=1, max_queue=0, retry_after=3, upload_root=str(tmp_path)))

    async def scenario(url: str):
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            first = asyncio.create_task(client.post("/api/v1/check", files={"file": ("a.txt", SHORT)}))
            await asyncio.sleep(0.5)
            second = await client.post("/api/v1/check", files={"file": ("b.txt", SHORT)})
            gate.set()
            return await first, second

    with LiveServer(app) as server:
        first, second = asyncio.run(asyncio.wait_for(scenario(server.url), 30))
    assert first.status_code == 200
    assert second.status_code == 503 and second.headers["retry-after"] == "3"
    assert second.json()["code"] == "E504"
