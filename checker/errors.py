"""Coded errors. Every user-facing failure is one of these, turned into one stderr line by the CLI.

Codes: E1xx corpus, E2xx input document, E3xx configuration, E4xx usage, E5xx web service,
E6xx results database, E9xx a bug in clausecheck; W2xx warnings about an input. `CODES` is the one registry: every code the
program can print is there with its meaning, docs/errors.md is generated from it
(`python -m checker.errors`), and a test keeps code, classes and docs in step.
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


class BuiltinCorpusMissingError(CorpusError):
    """The installed package has no built-in clause corpus (a broken or partial install)."""

    code = "E103"

    def __init__(self, problem: str, *, path: str | None = None, hint: str | None = None):
        self.problems = [problem]
        ClausecheckError.__init__(self, problem, path=path, hint=hint)


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

    def __init__(self, problem: str, *, path: str | None = None, hint: str | None = None, pages: int | None = None):
        self.pages = pages  # the scan's page count: what the web service sizes an OCR job's time limit by
        super().__init__(problem, path=path, hint=hint)


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


class OutputError(UsageError):
    """The report cannot be written where --output (or --write-baseline) points."""

    code = "E402"


class NoInputsError(UsageError):
    """The paths and globs given to `check` name no document."""

    code = "E403"


class BaselineError(UsageError):
    """The --baseline file cannot be read as a clausecheck JSON report."""

    code = "E404"


class ServeStartError(ClausecheckError):
    """`clausecheck serve` cannot start: the address is taken, not allowed or not local."""

    code = "E510"


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


class InternalError(ClausecheckError):
    """Something escaped the library that is not the user's input: a bug to report."""

    code = "E900"


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


class JobNotFoundError(ServiceError):
    """A background job id the web service does not hold: never issued, cancelled or expired."""

    code = "E514"


class JobNotReadyError(ServiceError):
    """The report of a background job asked for before the job has finished."""

    code = "E515"


# The registry: every code clausecheck prints, once. Codes that are not raised as exceptions
# (HTTP-level answers of the web service) are listed too, so no two meanings share a code.
CODES: dict[str, str] = {
    "E101": "the clause corpus (built-in or a --corpus pack) has problems; each is listed as path:line",
    "E102": "unknown protection id (explain, corpus show)",
    "E103": "the built-in clause corpus is missing from the installation",
    "E200": "the input document cannot be read",
    "E201": "the input file does not exist",
    "E202": "unsupported file type (clausecheck reads PDF, DOCX, TXT and MD)",
    "E203": "the document has no text",
    "E204": "the document is corrupt or truncated",
    "E205": "the PDF is encrypted and no (right) --password was given",
    "E206": "the PDF has no text layer (scanned); run with --ocr",
    "E207": "the document exceeds a reading limit (--max-pages, --max-mb, --max-seconds)",
    "E208": "the file's contents do not match its extension",
    "E209": "--ocr was asked for but the OCR tools are not installed",
    "E210": "audit: the file changed while it was being audited",
    "E211": "audit: the worker process died on this document",
    "E212": "audit: the document ran past the per-document --timeout",
    "E213": "audit: the file exists but cannot be opened (permissions, I/O error)",
    "E214": "the whole check ran past its wall-clock limit; its worker was stopped",
    "E215": "the check ran into its worker's memory ceiling",
    "E216": "the extracted text is over a cap (characters, lines, or numbered sections and items)",
    "E217": "a path found while walking a folder cannot be read (symlink loop, permission, I/O error)",
    "E301": "the configuration (.clausecheck.toml, [tool.clausecheck], --config) is invalid; path:line",
    "E401": "wrong or conflicting command-line usage",
    "E402": "the output file cannot be written",
    "E403": "no PDF, DOCX, TXT or MD document matched the given paths or globs",
    "E404": "the --baseline file is missing or not a clausecheck JSON report",
    "E500": "web service: internal error (a bug; the server log has its type)",
    "E501": "web service: malformed upload",
    "E502": "web service: missing or wrong access token",
    "E503": "web service: missing or wrong CSRF token",
    "E504": "web service: all workers busy and the queue full (retry after Retry-After)",
    "E505": "web service: too many sign-in attempts (retry after Retry-After)",
    "E506": "web service: this client already has as many checks running or waiting as it may",
    "E507": "web service: the request's headers or body did not arrive in time",
    "E510": "serve: the server cannot start (address in use, not allowed, web extra missing)",
    "E511": "web service: no such page",
    "E512": "web service: method not allowed",
    "E513": "web service: unexpected Host header",
    "E514": "web service: no such background job (never started, cancelled, or its result expired)",
    "E515": "web service: the background job has no report yet (poll its status until it is done)",
    "E601": "audit: the results database cannot be opened or written",
    "E900": "unexpected internal error (a bug: please report it with the file)",
    # Warnings: the document was checked, but the report may not mean what it seems.
    "W201": "warning: the text does not read as English; the checks are written for English agreements",
    "W202": "warning: the text does not read like an agreement (too short, or no contract language)",
}


def code_classes() -> dict[str, list[type]]:
    """Every ClausecheckError subclass (loaded so far) grouped by its code."""
    out: dict[str, list[type]] = {}
    todo = [ClausecheckError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not ClausecheckError:
            out.setdefault(cls.code, []).append(cls)
    return out


def markdown_table() -> str:
    """docs/errors.md's table, generated from `CODES`."""
    rows = ["| Code | Meaning |", "|---|---|"] + [f"| {code} | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
