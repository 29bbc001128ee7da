"""Coded errors of batch audits. Codes follow checker/errors.py: E2xx per document, E6xx results database.

Kept here (not in checker/errors.py) only while that file has another engineer's uncommitted edits."""
from __future__ import annotations

from checker.errors import ClausecheckError, InputError


class FileChangedError(InputError):
    """The file's bytes differ between the audit's hash and the engine's read."""

    code = "E210"


class WorkerCrashError(InputError):
    """The worker process died (killed, segfault, out of memory) while on this document."""

    code = "E211"


class DocumentTimeoutError(InputError):
    """The document ran past the per-document wall-clock limit of a batch audit."""

    code = "E212"


class UnreadableFileError(InputError):
    """The file exists but cannot be opened (permissions, I/O error)."""

    code = "E213"


class ResultsDatabaseError(ClausecheckError):
    """The audit results database cannot be opened or written (not ours, locked, disk full)."""

    code = "E601"


class WorkerCorpusError(ClausecheckError):
    """A worker could not load the audit's clause corpus (or loaded a different one): stop the run.

    Carries the worker's own coded line unchanged, so the CLI prints it once."""

    code = "E101"

    def __init__(self, message: str):
        self.message = message
        self.problems = [message]
        self.code = message.split(" ", 1)[0] if message[:1] == "E" else self.code
        Exception.__init__(self, message)

    def line(self) -> str:
        return self.message
