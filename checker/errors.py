"""Coded errors. Every user-facing failure is one of these, turned into one stderr line by the CLI.

Codes: E1xx corpus, E2xx input document, E3xx configuration, E4xx usage, E5xx web service.
"""
from __future__ import annotations


class ClausecheckError(Exception):
    """A failure the user can fix. `str()` is the one line shown on stderr."""

    code = "E000"

    def __init__(self, problem: str, *, path: str | None = None, hint: str | None = None):
        self.problem = problem
        self.path = path
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.code} {where}{self.problem}{hint}"


class CorpusError(ClausecheckError):
    """The clause corpus (built-in or a custom pack) is invalid. `problems` lists every one."""

    code = "E101"

    def __init__(self, problems: list[str], *, path: str | None = None):
        self.problems = problems
        summary = f"{len(problems)} problem(s) in the clause corpus: " + "; ".join(problems[:3])
        if len(problems) > 3:
            summary += f"; … and {len(problems) - 3} more"
        super().__init__(summary, path=path, hint="run `clausecheck corpus validate` to list them all")


class UnknownProtectionError(ClausecheckError):
    """A protection id that is not in the corpus (`explain ID`, `corpus show ID`)."""

    code = "E102"


class InputError(ClausecheckError):
    """The input document cannot be read."""

    code = "E200"


class MissingFileError(InputError):
    code = "E201"


class UnsupportedFormatError(InputError):
    code = "E202"


class EmptyDocumentError(InputError):
    code = "E203"


class CorruptDocumentError(InputError):
    code = "E204"


class EncryptedDocumentError(InputError):
    code = "E205"


class ScannedDocumentError(InputError):
    code = "E206"


class LimitExceededError(InputError):
    code = "E207"


class FormatMismatchError(InputError):
    code = "E208"


class OCRUnavailableError(InputError):
    code = "E209"


class ConfigError(ClausecheckError):
    code = "E301"


class UsageError(ClausecheckError):
    code = "E401"


class ServiceError(ClausecheckError):
    """A request to the web service (`clausecheck serve`) that is refused before any checking."""

    code = "E500"


class BadRequestError(ServiceError):
    """Malformed upload: not multipart, a missing or repeated field, a broken part."""

    code = "E501"


class AuthenticationError(ServiceError):
    code = "E502"


class CSRFError(ServiceError):
    code = "E503"


class ServiceBusyError(ServiceError):
    code = "E504"


class TooManyAttemptsError(ServiceError):
    """Too many token sign-in attempts from one client; `retry_after` is in seconds."""

    code = "E505"

    def __init__(self, problem: str, *, retry_after: int, hint: str | None = None):
        self.retry_after = retry_after
        super().__init__(problem, hint=hint)


# ---- bounded work (hostile or runaway input): one block, E214-E217 and E506-E507 ------------------
class TimeLimitError(LimitExceededError):
    """The whole check (reading and engine) ran past its wall-clock limit; its worker was killed."""

    code = "E214"


class MemoryLimitError(LimitExceededError):
    """The check ran into its worker's memory ceiling (RLIMIT_AS); the worker was replaced."""

    code = "E215"


class TextLimitError(LimitExceededError):
    """The extracted text is over a cap: characters, lines, or numbered sections and list items."""

    code = "E216"


class UnreadablePathError(InputError):
    """A path found while walking a folder cannot be read: a symlink loop, a folder or file without
    permission, an I/O error. Reported for that path; the other files are still checked."""

    code = "E217"


class ClientBusyError(ServiceError):
    """One client already has as many checks running or waiting as it may (web service)."""

    code = "E506"


class SlowClientError(ServiceError):
    """The request's headers or body did not arrive within the time allowed (web service)."""

    code = "E507"
# ---- end of the bounded-work block ------------------------------------------------------------
