"""What one `clausecheck serve` process is allowed to do: bind address, token, limits, queue size."""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from checker.errors import ConfigError
from checker.ingest import Limits
from checker.ingest.limits import OCR_SECONDS_PER_PAGE

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
TOKEN_ENV = "CLAUSECHECK_TOKEN"
TOKEN_FILE_ENV = "CLAUSECHECK_TOKEN_FILE"
OCR_MODES = ("ask", "auto", "off")


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    # 50 MB: the largest real CBA PDF we have is ~20 MB; a web upload over this is a mistake or abuse.
    max_upload_bytes: int = 50 * 1024 * 1024
    # Web requests get tighter limits than the CLI: a bargaining contract runs to hundreds of pages,
    # and one request must not hold a worker for minutes.
    limits: Limits = field(default_factory=lambda: Limits(max_bytes=50 * 1024 * 1024, max_pages=2000,
                                                          max_seconds=60.0))
    # Wall-clock cap for one document, queue wait excluded.
    check_timeout: float = 90.0
    workers: int = 2
    # Requests allowed to wait for a worker; one more gets 503 + Retry-After.
    max_queue: int = 32
    retry_after: int = 5
    # The one directory per-request private directories are made in, emptied of them when the
    # server starts and stops (None: clausecheck-uploads-<uid>-<port> in the system temp dir).
    upload_root: str | None = None
    # Upload bytes allowed on disk at once, all requests together, counted before a body is
    # accepted: ten uploads of the largest size. Beyond it: 503 + Retry-After.
    upload_disk_budget: int = 10 * 50 * 1024 * 1024
    # Requests one client (peer address) may have running or waiting: a person checks one or two
    # drafts at a time, a script a few more; beyond that it gets 429 + Retry-After. (A client's
    # checks also run on at most `workers - 1` workers at once: see `Runner`.)
    per_client: int | None = 8
    # Address-space ceiling of each worker process (RLIMIT_AS). A warmed worker maps ~50 MB; the
    # 50 MB upload and 2,000 page limits keep legitimate checks far below 2 GB.
    worker_memory_mb: int = 2048
    # A connection must send its request headers within this many seconds, and each piece of an
    # upload body within `body_idle_timeout` (slowloris); the whole body within `body_timeout`.
    header_timeout: float = 10.0
    body_idle_timeout: float = 10.0
    body_timeout: float = 120.0
    # Proxies whose X-Forwarded-For names the client (sign-in limits, per-client limits). Empty:
    # the peer address is the client, and forwarded headers are ignored.
    trusted_proxies: tuple[str, ...] = ()
    # A results database written by `clausecheck audit`: each finding then says how the audited
    # contracts fare on it and quotes the strongest matching wording (`check --precedents`).
    precedents: str | None = None
    # A scanned upload (no text layer) on the upload page: "ask" offers to read it with OCR as a
    # background job the page follows, "auto" starts that job at once, "off" refuses scans. OCR
    # keeps the file on the server for minutes and its text can have mistakes, so by default the
    # person decides. Off whatever this says when the OCR tools are not installed.
    ocr: str = "ask"
    # An OCR job's time limit is check_timeout plus this much for each page (as on the command
    # line), and a scan of more pages than `ocr_max_pages` is not taken: at ~5 s a page, 300 pages
    # is about 25 minutes of one worker.
    ocr_seconds_per_page: float = OCR_SECONDS_PER_PAGE
    ocr_max_pages: int = 300
    # Background jobs holding a file (offered, waiting or running), all clients together and per
    # client; each file also counts against `upload_disk_budget`. OCR jobs run on at most
    # `workers - 1` workers at once (one, with a single worker), so quick checks always find one.
    max_jobs: int = 8
    jobs_per_client: int = 2
    # An offer not taken, and a finished job's report, are dropped this many seconds later.
    job_keep_seconds: float = 600.0

    @property
    def public(self) -> bool:
        return not is_loopback(self.host)

    def validate(self) -> "Settings":
        if self.ocr not in OCR_MODES:
            raise ConfigError(f"unknown OCR mode {self.ocr!r}", hint="use one of: " + ", ".join(OCR_MODES))
        if self.public and not self.token:
            raise ConfigError(
                f"binding to {self.host} exposes uploads to the network without an access token",
                hint=f"set {TOKEN_ENV} or pass --token-file FILE, or bind to 127.0.0.1")
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the access token is shorter than 16 characters",
                              hint="use a long random token, e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`")
        return self

    @staticmethod
    def token_from_env() -> str | None:
        return os.environ.get(TOKEN_ENV) or None

    def upload_dir(self) -> str:
        import tempfile

        uid = os.getuid() if hasattr(os, "getuid") else "user"
        return self.upload_root or os.path.join(tempfile.gettempdir(), f"clausecheck-uploads-{uid}-{self.port}")


def read_token_file(path: str) -> str:
    """The access token from a file (its first line), so it never appears in `ps` or shell history."""
    try:
        with open(path, encoding="utf-8") as fh:
            token = fh.readline().strip()
    except OSError as exc:
        raise ConfigError(f"cannot read the token file ({exc.strerror})", path=path,
                          hint="give a readable file holding the token on its first line") from None
    if not token:
        raise ConfigError("the token file is empty", path=path, hint="write the token on its first line")
    return token
