"""Who may use the service and how its pages defend themselves: token, CSRF, origin, headers."""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from urllib.parse import parse_qs, urlsplit

from checker.errors import AuthenticationError, BadRequestError, CSRFError
from checker.web.settings import LOOPBACK_NAMES, Settings

SESSION_COOKIE = "clausecheck_session"
CSRF_COOKIE = "clausecheck_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

# Everything the pages use is served by the app itself: no inline script or style, no CDN.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not "no-referrer": with it Chromium sends `Origin: null` on the page's own form posts, and
    # the same-origin check could not tell them from a sandboxed attacker frame.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    # Reports are the bargaining team's strategy: no browser or proxy may keep a copy.
    (b"cache-control", b"no-store"),
]
# Reached without a token: the load balancer's probe, the login form and what it needs to render.
PUBLIC_PATHS = ("/healthz", "/api/v1/health", "/login", "/static/", "/favicon.ico")


class SecurityHeaders:
    """ASGI wrapper adding the headers above to every response, errors included.

    It wraps the whole middleware stack (see `app.App`), outside Starlette's ServerErrorMiddleware,
    so 500 responses get the headers too. HEAD is answered as GET without the body: FastAPI routes
    declared with @app.get would otherwise answer HEAD with 405."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AttemptLimiter:
    """At most `limit` attempts per client in any `window` seconds (a sliding window).

    The token is long and random, so this is not what makes guessing it hopeless; it keeps one
    client from hammering the sign-in form. Bounded memory: at most `max_clients` are tracked, the
    least recently seen forgotten first."""

    def __init__(self, limit: int = 10, window: float = 60.0, max_clients: int = 10_000, clock=time.monotonic):
        self.limit, self.window, self.max_clients, self.clock = limit, window, max_clients, clock
        self._seen: OrderedDict[str, deque] = OrderedDict()
        self._lock = threading.Lock()

    def attempt(self, client: str) -> int | None:
        """Record an attempt; None if allowed, else the seconds until the next one will be."""
        now = self.clock()
        with self._lock:
            times = self._seen.pop(client, None) or deque()
            while times and times[0] <= now - self.window:
                times.popleft()
            self._seen[client] = times
            while len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)
            if len(times) >= self.limit:
                return max(1, math.ceil(times[0] + self.window - now))
            times.append(now)
            return None


class Sessions:
    """Browser sessions held by the server: the cookie is a random id that means something only
    while it is in this table. Signing out removes it, so a copied cookie dies with the sign-out.
    Bounded: at most `max_sessions`, the oldest dropped first; each lives `lifetime` seconds."""

    def __init__(self, lifetime: float = 12 * 3600, max_sessions: int = 10_000, clock=time.monotonic):
        self.lifetime, self.max_sessions, self.clock = lifetime, max_sessions, clock
        self._ids: OrderedDict[str, float] = OrderedDict()  # sha256(id) -> expiry
        self._lock = threading.Lock()

    @staticmethod
    def _key(session_id: str) -> str:
        return hashlib.sha256(session_id.encode()).hexdigest()

    def create(self) -> str:
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            self._ids[self._key(session_id)] = self.clock() + self.lifetime
            while len(self._ids) > self.max_sessions:
                self._ids.popitem(last=False)
        return session_id

    def valid(self, session_id: str) -> bool:
        with self._lock:
            expiry = self._ids.get(self._key(session_id))
            if expiry is not None and expiry < self.clock():
                del self._ids[self._key(session_id)]
                return False
            return expiry is not None

    def revoke(self, session_id: str) -> None:
        with self._lock:
            self._ids.pop(self._key(session_id), None)


def authenticated(settings: Settings, headers, cookies, sessions: Sessions | None = None) -> bool:
    if not settings.token:
        return True
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return hmac.compare_digest(auth[7:].strip().encode(), settings.token.encode())
    cookie = cookies.get(SESSION_COOKIE)
    if cookie and sessions is not None:
        return sessions.valid(cookie)
    return False


def client_address(settings: Settings, request) -> str:
    """Who the client is, for per-client limits: the peer address, or, when the peer is one of the
    configured proxies, the address that proxy appended last to X-Forwarded-For (a client can put
    anything in the header; only what a trusted proxy added is believed)."""
    peer = request.client.host if request.client else "?"
    if peer in settings.trusted_proxies:
        forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return peer


def require_token(settings: Settings, request, sessions: Sessions | None = None) -> None:
    if not authenticated(settings, request.headers, request.cookies, sessions):
        raise AuthenticationError("an access token is required",
                                  hint="send 'Authorization: Bearer <token>' or sign in at /login")


def token_matches(settings: Settings, given: str) -> bool:
    return bool(settings.token) and hmac.compare_digest(given.encode(), settings.token.encode())


def host_allowed(settings: Settings, host_header: str) -> bool:
    """On loopback, only loopback Host names: a DNS-rebinding page cannot reach a local server."""
    if settings.public:
        return True
    host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    if host_header.startswith("["):
        host = host_header.split("]")[0] + "]"
    return host.lower() in LOOPBACK_NAMES


def check_same_origin(request) -> None:
    """Refuse unsafe requests a browser marks as coming from another site."""
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        raise CSRFError("cross-site request refused")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        o = urlsplit(origin)
        if o.netloc.lower() != request.headers.get("host", "").lower():
            raise CSRFError("cross-origin request refused")
    elif origin == "null":
        raise CSRFError("request from an opaque origin refused")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


FORM_LIMIT = 4096  # bytes of a small form (sign-in, OCR job buttons)


async def small_form(request, what: str = "form") -> dict:
    """A small urlencoded form posted from this site's pages, its CSRF token checked. At most
    FORM_LIMIT bytes are read; a longer body is refused as "`what` too long"."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_LIMIT:
            raise BadRequestError(f"{what} too long")
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    check_csrf(request, form.get(CSRF_FIELD))
    return form


def check_csrf(request, form_value: str | None) -> None:
    """Double submit: the form's hidden field must equal the cookie set with the page."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = form_value or request.headers.get(CSRF_HEADER, "")
    if not cookie or not given or not hmac.compare_digest(cookie.encode(), given.encode()):
        raise CSRFError("the form's security token is missing or stale",
                        hint="reload the page and submit the form again")
