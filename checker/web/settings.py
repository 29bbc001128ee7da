"""What one `clausecheck serve` process is allowed to do: bind address, token, limits, queue size."""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from checker.errors import ConfigError
from checker.ingest import Limits

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
TOKEN_ENV = "CLAUSECHECK_TOKEN"


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
    # Where per-request private directories are made (None: the system temp dir).
    upload_root: str | None = None

    @property
    def public(self) -> bool:
        return not is_loopback(self.host)

    def validate(self) -> "Settings":
        if self.public and not self.token:
            raise ConfigError(
                f"binding to {self.host} exposes uploads to the network without an access token",
                hint=f"pass --token or set {TOKEN_ENV}, or bind to 127.0.0.1")
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the access token is shorter than 16 characters",
                              hint="use a long random token, e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`")
        return self

    @staticmethod
    def token_from_env() -> str | None:
        return os.environ.get(TOKEN_ENV) or None
