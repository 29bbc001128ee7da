"""Progress of an audit run: a bar redrawn in place for a person at a terminal, or one plain line
every N seconds for a log (CI, nohup, a scheduler) where carriage returns would pile up."""
from __future__ import annotations

import time
from typing import Callable


class ProgressReporter:
    """`mode`: "bar", "lines" or "off". Called as the run's `progress(stats, record)`."""

    def __init__(self, mode: str, *, every: float = 30.0, write: Callable[[str, bool], None],
                 clock: Callable[[], float] = time.monotonic):
        self.mode, self.every, self.write, self.clock = mode, every, write, clock
        self.t0 = clock()
        self.last_line = self.t0
        self.stats = None
        self.drawn = False

    def line(self, stats) -> str:
        elapsed = max(self.clock() - self.t0, 1e-6)
        rate = stats.done / elapsed
        eta = (stats.inputs - stats.done) / rate if rate else 0.0
        return (f"{stats.done}/{stats.inputs} documents  {rate:.1f}/s  ETA {eta:.0f}s  "
                f"errors {stats.errors}  duplicates {stats.duplicates}")

    def __call__(self, stats, record) -> None:
        self.stats = stats
        if self.mode == "bar":
            width = 24
            filled = int(width * stats.done / stats.inputs) if stats.inputs else width
            self.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {self.line(stats)}", False)
            self.drawn = True
        elif self.mode == "lines" and self.clock() - self.last_line >= self.every:
            self.last_line = self.clock()
            self.write(f"progress: {self.line(stats)}", True)

    def close(self) -> None:
        if self.mode == "bar" and self.drawn:
            self.write("", True)
