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
