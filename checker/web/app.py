"""The ASGI app behind `clausecheck serve`: upload pages, the JSON API, and nothing kept afterwards."""
from __future__ import annotations

import asyncio
import json
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from checker import __version__
from checker.api import default_corpus
from checker.compare import compare
from checker.errors import (
    AuthenticationError,
    BadRequestError,
    ClausecheckError,
    ClientBusyError,
    CSRFError,
    EmptyDocumentError,
    FormatMismatchError,
    InputError,
    JobNotFoundError,
    JobNotReadyError,
    LimitExceededError,
    MissingFileError,
    ScannedDocumentError,
    ServiceBusyError,
    SlowClientError,
    TooManyAttemptsError,
    UnsupportedFormatError,
)
from checker.web import security
from checker.web.job_pages import add_job_routes
from checker.web.jobs import Job, JobStore
from checker.web.runner import Runner, check_upload  # noqa: F401 — worker processes look it up here
from checker.web.settings import Settings
from checker.web.uploads import DiskBudget, PrivateDir, empty_upload_root, receive_upload
from checker.formats import html as html_format
from checker.result import Report
from checker.web.ui import downloads, for_web, image_only_pages, lang_of, query
from checker.web.views import comparison_html, render, report_html

log = logging.getLogger("clausecheck.web")
ACCEPT = ".pdf,.docx,.txt,.md,.markdown,application/pdf,text/plain,text/markdown,"\
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def http_status(exc: ClausecheckError) -> int:
    """400 bad request, 401/403 refused, 408 too slow, 413 over a limit, 415 wrong type, 422 unreadable,
    429 too many from one client, 503 busy."""
    if isinstance(exc, AuthenticationError):
        return 401
    if isinstance(exc, CSRFError):
        return 403
    if isinstance(exc, JobNotFoundError):
        return 404
    if isinstance(exc, JobNotReadyError):
        return 409
    if exc.code == "E500":  # a job that failed on a bug
        return 500
    if isinstance(exc, ServiceBusyError):
        return 503
    if isinstance(exc, (TooManyAttemptsError, ClientBusyError)):
        return 429
    if isinstance(exc, SlowClientError):
        return 408
    if isinstance(exc, LimitExceededError):
        return 413
    if isinstance(exc, (UnsupportedFormatError, FormatMismatchError)):
        return 415
    if isinstance(exc, (BadRequestError, MissingFileError)):
        return 400
    if isinstance(exc, InputError):  # empty, corrupt, encrypted, scanned, OCR unavailable
        return 422
    return 400


def error_body(exc: ClausecheckError) -> dict:
    # `problem` and `hint`, never `line()`: that names the private temp path.
    body = {"code": exc.code, "message": exc.problem}
    if exc.hint:
        body["hint"] = exc.hint
    return body


def _multipart_body(*fields: str) -> dict:
    props = {f: {"type": "string", "format": "binary"} for f in fields}
    props["password"] = {"type": "string", "description": "password of an encrypted PDF (optional)"}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {
        "schema": {"type": "object", "required": list(fields), "properties": props}}}}}


_ERRORS = {str(s): {"description": d} for s, d in (
    (400, "bad input: not multipart, missing field"), (401, "access token required"),
    (403, "cross-site request or CSRF token refused"), (413, "over the size, page or time limit"),
    (415, "not a PDF, DOCX, TXT or MD file"), (422, "unreadable: empty, corrupt, encrypted or scanned"),
    (408, "the upload arrived too slowly"), (429, "too many requests from this client; retry after Retry-After"),
    (503, "busy; retry after the Retry-After seconds"))}
_COMPARISON_SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "comparison.schema.json").read_text())
_COMPARISON_SCHEMA = {k: v for k, v in _COMPARISON_SCHEMA.items() if not k.startswith("$")}
# How often offers not taken and finished jobs' reports are dropped (`Settings.job_keep_seconds`).
JOB_SWEEP_SECONDS = 15.0
# Sign-in attempts per client and minute: a person mistyping the token never needs more.
LOGIN_ATTEMPTS = 10
LOGIN_WINDOW = 60.0


class App(FastAPI):
    """FastAPI with `SecurityHeaders` around everything, Starlette's ServerErrorMiddleware included:
    middleware added with `add_middleware` sits inside it, so a 500 would lose the headers."""

    def build_middleware_stack(self):
        return security.SecurityHeaders(super().build_middleware_stack())


def _with_precedents(db: str, reports: list[Report], sector: str | None = None, employer: str | None = None) -> None:
    """Each finding of each report with its precedent from the audit database (one indexed query
    per protection; the database is opened read-only for the request)."""
    from checker.precedents import PrecedentIndex

    with PrecedentIndex(db) as index:
        for report in reports:
            index.annotate(report, sector=sector, employer=employer)


def _precedent_fields(db: str | None, fields: dict) -> dict:
    """The upload's optional `sector` and `employer` (as `check --sector/--employer`), refused
    before any check runs when no audited contract has them; nothing without a database."""
    from checker.precedents import PrecedentIndex

    given = {k: (fields.get(k) or "").strip() or None for k in ("sector", "employer")} if db else {}
    if any(given.values()):
        with PrecedentIndex(db) as index:
            for column, value in given.items():
                index.require(column, value)
    return given


def _sectors(db: str | None) -> list[str] | None:
    """The audit's sectors for the upload form's sector field (None: no field)."""
    from checker.precedents import PrecedentIndex

    if not db:
        return None
    with PrecedentIndex(db) as index:
        return index.values("sector") if index.has_sector else None


def ocr_available(settings: Settings) -> bool:
    """Whether scans uploaded to this server can be read with OCR: asked for, and the tools installed."""
    from checker.ingest.ocr import missing_ocr_parts

    return settings.ocr != "off" and not missing_ocr_parts()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = (settings or Settings()).validate()
    runner = Runner(settings.workers, settings.max_queue, settings.check_timeout, settings.retry_after,
                    memory_mb=settings.worker_memory_mb, per_client=settings.per_client)
    upload_root = settings.upload_dir()
    empty_upload_root(upload_root)  # what a crashed or killed server left behind
    budget = DiskBudget(settings.upload_disk_budget, settings.retry_after)
    sessions = security.Sessions()

    async def annotate(report: Report, **facets) -> None:
        if settings.precedents:
            await asyncio.to_thread(_with_precedents, settings.precedents, [report], **facets)

    jobs = JobStore(settings, runner, upload_root, budget, enabled=ocr_available(settings), annotate=annotate)

    @asynccontextmanager
    async def lifespan(_app):
        runner.warm_up()
        sweeper = asyncio.get_running_loop().create_task(jobs.sweep_every(JOB_SWEEP_SECONDS))
        try:
            yield
        finally:
            sweeper.cancel()
            await jobs.aclose()
            runner.shutdown()
            empty_upload_root(upload_root)

    app = App(title="clausecheck", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Check collective bargaining agreements for mixed-status worker "
                              "protections. Errors are JSON objects {code, message, hint}.")
    app.state.settings = settings
    app.state.runner = runner
    app.state.sessions = sessions
    app.state.upload_budget = budget
    app.state.jobs = jobs
    app.state.login_attempts = security.AttemptLimiter(LOGIN_ATTEMPTS, LOGIN_WINDOW)

    # ---- errors -------------------------------------------------------------------------------
    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/healthz", "/openapi"))

    def error_response(request: Request, exc: ClausecheckError) -> Response:
        status = http_status(exc)
        headers = {}
        if status == 503 or isinstance(exc, ClientBusyError):
            headers["Retry-After"] = str(settings.retry_after)
        if isinstance(exc, TooManyAttemptsError):
            headers["Retry-After"] = str(exc.retry_after)
        if status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="clausecheck"'
        if wants_html(request):
            return HTMLResponse(render("error.html", status=status, error=error_body(exc), lang=lang_of(request)),
                                status_code=status, headers=headers)
        return JSONResponse(error_body(exc), status_code=status, headers=headers)

    @app.exception_handler(ClausecheckError)
    async def on_clausecheck_error(request: Request, exc: ClausecheckError):
        return error_response(request, exc)

    @app.exception_handler(404)
    async def on_not_found(request: Request, exc):
        body = {"code": "E511", "message": "no such page"}
        if wants_html(request):
            return HTMLResponse(render("error.html", status=404, error=body), status_code=404)
        return JSONResponse(body, status_code=404)

    @app.exception_handler(405)
    async def on_bad_method(request: Request, exc):
        return JSONResponse({"code": "E512", "message": "method not allowed"}, status_code=405)

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception):
        # A bug, not the user's input (input failures are ClausecheckErrors). Log the type only:
        # exception messages can quote document text.
        log.error("internal error %s in %s", type(exc).__name__, request.url.path)
        return JSONResponse({"code": "E500", "message": "internal error; please report it"},
                            status_code=500)

    # ---- access control -----------------------------------------------------------------------
    @app.middleware("http")
    async def access_control(request: Request, call_next):
        if not security.host_allowed(settings, request.headers.get("host", "")):
            return JSONResponse({"code": "E513", "message": "unexpected Host header"}, status_code=400)
        path = request.url.path
        if not path.startswith(security.PUBLIC_PATHS) and not security.authenticated(
                settings, request.headers, request.cookies, sessions):
            if request.method == "GET" and wants_html(request):
                return RedirectResponse("/login", status_code=303)
            return error_response(request, AuthenticationError(
                "an access token is required", hint="send 'Authorization: Bearer <token>' or sign in at /login"))
        return await call_next(request)

    # ---- helpers ------------------------------------------------------------------------------
    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        token = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf_token()
        html = render(template, csrf=token, accept=ACCEPT, auth=bool(settings.token), lang=lang_of(request), **context)
        resp = HTMLResponse(html, status_code=status)
        resp.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
        return resp

    async def checked(request: Request, fields: tuple[str, ...], *, form: bool,
                      scan: bool = False) -> list[Report] | Job:
        """Receive the upload into a private directory, check each file, delete it all. With `scan`,
        a single PDF without a text layer is kept as a background OCR job instead (when OCR is on)."""
        security.check_same_origin(request)
        # Admission before the body is read: a refused upload never reaches the disk.
        client = security.client_address(settings, request)
        with runner.admit(client), PrivateDir(upload_root, budget) as tmp:
            upload = await receive_upload(request, tmp.path, max_bytes=settings.max_upload_bytes,
                                          reserve=tmp.reserve, idle_timeout=settings.body_idle_timeout,
                                          total_timeout=settings.body_timeout)
            if form:
                security.check_csrf(request, upload.fields.get(security.CSRF_FIELD))
            files = []
            for name in fields:
                f = upload.files.get(name)
                if f is None:
                    raise MissingFileError(f"no file in the form field {name!r}",
                                           hint="choose a PDF, DOCX, TXT or MD file")
                if f.size == 0:
                    raise EmptyDocumentError(f"the file in {name!r} is empty",
                                             hint="check that this is the right file")
                files.append(f)
            password = upload.fields.get("password") or None
            facets = await asyncio.to_thread(_precedent_fields, settings.precedents, upload.fields)
            try:
                reports = list(await asyncio.gather(*(runner.run(f, settings.limits, password, client=client)
                                                      for f in files)))
            except ScannedDocumentError as exc:
                if not (scan and jobs.enabled and len(files) == 1 and exc.pages):
                    raise
                return jobs.hold(tmp, files[0], pages=exc.pages, password=password, client=client)
            if scan and jobs.enabled and len(files) == 1 and image_only_pages(reports[0]):
                await annotate(reports[0], **facets)
                try:  # some pages are pictures: the report now, and the offer to read them
                    return jobs.hold(tmp, files[0], pages=reports[0].document.get("pages") or 1,
                                     password=password, client=client, partial=reports[0])
                except ClausecheckError:
                    return reports  # over a job limit: the report without the offer
        if settings.precedents:
            await asyncio.to_thread(_with_precedents, settings.precedents, reports, **facets)
        return reports

    # ---- pages --------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    async def upload_page(request: Request):
        return page(request, "upload.html", sectors=await asyncio.to_thread(_sectors, settings.precedents))

    @app.post("/check", include_in_schema=False)
    async def report_page(request: Request):
        got = await checked(request, ("file",), form=True, scan=True)
        lang = lang_of(request)
        if isinstance(got, Job):  # a scan: offered OCR at its own address (or OCR'd at once)
            if settings.ocr == "auto":
                jobs.start(got)
            return RedirectResponse(f"/jobs/{got.id}{query(lang)}", status_code=303)
        (report,) = got
        report = for_web(report, lang)
        return page(request, "report.html", report=report.to_dict(), body=report_html(report, lang),
                    downloads=downloads(report, lang))

    @app.get("/compare", include_in_schema=False)
    async def compare_page(request: Request):
        return page(request, "compare.html")

    @app.post("/compare", include_in_schema=False)
    async def compare_result_page(request: Request):
        before, after = await checked(request, ("before", "after"), form=True)
        return page(request, "compare_result.html", before=before.to_dict(), after=after.to_dict(),
                    body=comparison_html(compare(before, after)), after_body=report_html(after, lang_of(request)))

    @app.get("/login", include_in_schema=False)
    async def login_page(request: Request):
        return page(request, "login.html")

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        security.check_same_origin(request)
        wait = app.state.login_attempts.attempt(security.client_address(settings, request))
        if wait is not None:
            raise TooManyAttemptsError("too many sign-in attempts from this address",
                                       retry_after=wait, hint=f"wait {wait} seconds and try again")
        form = await security.small_form(request, "sign-in form")
        if not security.token_matches(settings, form.get("token", "")):
            return page(request, "login.html", status=401, failed=True)
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(security.SESSION_COOKIE, sessions.create(), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path="/")
        return resp

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request):
        security.check_same_origin(request)
        body = await request.body()  # the route is behind the token check, so this is a signed-in user
        form = {k: v[0] for k, v in parse_qs(body[:4096].decode("utf-8", "replace")).items()}
        security.check_csrf(request, form.get(security.CSRF_FIELD))
        sessions.revoke(request.cookies.get(security.SESSION_COOKIE, ""))  # the cookie is dead everywhere
        resp = RedirectResponse("/login" if settings.token else "/", status_code=303)
        resp.delete_cookie(security.SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
        return resp

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/docs", include_in_schema=False)
    async def docs_page(request: Request):
        return page(request, "docs.html", spec=app.openapi())

    # ---- JSON API -----------------------------------------------------------------------------
    @app.post("/api/v1/check", summary="Check one document", responses=_ERRORS,
              openapi_extra=_multipart_body("file"))
    async def api_check(request: Request):
        """Upload a PDF, DOCX, TXT or MD contract as form field `file`; get the JSON report
        (schema_version 1: summary and one finding per protection)."""
        try:
            (report,) = await checked(request, ("file",), form=False)
        except ScannedDocumentError as exc:
            if jobs.enabled:
                exc.hint = "POST the file to /api/v1/jobs to have its pages read with OCR"
            raise
        return JSONResponse(report.to_dict())

    @app.post("/api/v1/compare", summary="Compare two drafts", responses={
        "200": {"description": "the comparison", "content": {"application/json": {"schema": _COMPARISON_SCHEMA}}},
        **_ERRORS},
              openapi_extra=_multipart_body("before", "after"))
    async def api_compare(request: Request):
        """Upload two drafts as `before` and `after`; get the comparison `clausecheck compare
        --format json` prints: per protection, the status in each draft and the change
        (`regression`, `improvement`, `unchanged`, or `added`/`removed` for a protection in one
        report only), with the reasons."""
        before, after = await checked(request, ("before", "after"), form=False)
        return JSONResponse(compare(before, after).to_dict())

    @app.get("/api/v1/protections", summary="The protections checked")
    async def api_protections():
        corpus = default_corpus()
        return {"corpus": {"name": corpus.name, "version": corpus.version, "sha256": corpus.sha256},
                "protections": [{"id": p.id, "title": p.title, "category": p.category,
                                 "severity": p.severity, "elements": len(p.elements),
                                 "model_text": p.model_text} for p in corpus.protections]}

    @app.get("/healthz", summary="Liveness probe")
    @app.get("/api/v1/health", summary="Liveness probe")
    async def health():
        return {"status": "ok", "version": __version__}

    add_job_routes(app, jobs, page=page, checked=checked)

    # ---- static files -------------------------------------------------------------------------
    # The report's CSS and copy-button JS come from the HTML formatter itself (one source), as
    # files: the CSP refuses inline style and script. Declared before the mount, which would
    # otherwise answer for these paths.
    @app.get("/static/report.css", include_in_schema=False)
    async def report_css():
        return Response(html_format.CSS, media_type="text/css")

    @app.get("/static/report.js", include_in_schema=False)
    async def report_js():
        return Response(html_format.JS, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    return app
