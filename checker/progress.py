"""Progress of one long document for a person at a terminal: pages read, pages OCR'd, the check.

`TerminalProgress` is the `progress(stage, done, total)` callback `checker.api.check_file` and
`checker.ingest.load_document` accept. It stays silent for the first seconds (a quick check
prints nothing), then rewrites one line on the stream it is given; `close()` ends the line."""
from __future__ import annotations

import os
import time
from typing import Callable, TextIO

STAGES = {"read": "reading page", "ocr": "OCR page", "check": "checking the protections"}
# A check of a text-layer contract takes about a second; progress starts once work runs longer.
DELAY_SECONDS = 2.0
REFRESH_SECONDS = 0.25  # no faster than a terminal can be read


def describe(stage: str, done: int, total: int | None) -> str:
    """'OCR page 12/96' or 'checking the protections'."""
    label = STAGES.get(stage, stage)
    if stage == "check":
        return label + (" (done)" if total and done >= total else "")
    return f"{label} {done}/{total}" if total else f"{label} {done}"


class TerminalProgress:
    def __init__(self, stream: TextIO, name: str = "", *, delay: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.name = name
        self.delay = DELAY_SECONDS if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.shown = False
        self.last_write = float("-inf")
        self.lines: list[str] = []  # every line shown, for the caller's log and tests

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = self.clock()
        elapsed = now - self.started
        final = bool(total) and done >= total
        if elapsed < self.delay or (now - self.last_write < REFRESH_SECONDS and not final):
            return
        text = f"{self.name + ': ' if self.name else ''}{describe(stage, done, total)} ({_clock(elapsed)})"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self.lines.append(text)
        self.shown = True
        self.last_write = now

    def close(self) -> None:
        """End the progress line (only if one was written)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}m {s:02d}s" if m else f"{s}s"


class FileProgress:
    """The same callback for work running in another process: each stage's latest "stage done
    total", the current stage last, is written to `path` (whole, by rename, so a reader never sees
    half a file) for the process that shows it, e.g. the web page of a background OCR job
    (`checker.web.jobs`). Every stage stays: OCR's count is still there while the check runs."""

    def __init__(self, path: str):
        self.path = path
        self.stages: dict[str, tuple[int, int]] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.stages.pop(stage, None)
        self.stages[stage] = (int(done), int(total or 0))
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write("".join(f"{s} {d} {t}\n" for s, (d, t) in self.stages.items()))
        os.replace(tmp, self.path)


def read_progress(path: str) -> dict[str, tuple[int, int]]:
    """{stage: (done, total)} as a `FileProgress` last wrote it, the current stage last; empty
    before its first report."""
    try:
        with open(path, encoding="ascii") as fh:
            text = fh.read()
    except OSError:
        return {}
    stages = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            stages[parts[0]] = (int(parts[1]), int(parts[2]))
    return stages
