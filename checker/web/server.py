"""Running the app under uvicorn with the connection-level limits the app itself cannot see."""
from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers.

    uvicorn times out idle keep-alive connections but not a client that opens a connection and
    sends its headers a byte at a time (slowloris): each such connection is held forever. Here a
    connection whose next request's headers are not complete `header_timeout` seconds after it
    opened (or after the previous response) is closed."""

    header_timeout = 10.0

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._waiting_since_cycle = None
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        if self.cycle is self._waiting_since_cycle and not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not self._waiting_since_cycle and self._header_timer is not None:
            self._header_timer.cancel()  # this request's headers arrived
            self._header_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._waiting_since_cycle = self.cycle
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def connection_lost(self, exc) -> None:
        if getattr(self, "_header_timer", None) is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)


def run(app, settings, sockets=None) -> None:
    """Serve `app` until SIGTERM or Ctrl-C, on `sockets` already bound and listening (the CLI binds
    first, so a taken port is one line) or else on settings.host:port. Forwarded headers are not
    believed by uvicorn itself (the app believes them only from `settings.trusted_proxies`), and a
    stop waits at most a few seconds for running requests: their worker processes are then killed
    with the app."""
    import uvicorn

    protocol = type("Protocol", (HeaderTimeoutProtocol,), {"header_timeout": settings.header_timeout})
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", server_header=False,
                            http=protocol, proxy_headers=False, timeout_graceful_shutdown=3)
    uvicorn.Server(config).run(sockets=sockets)
