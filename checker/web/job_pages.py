"""The pages and API of background OCR jobs (`checker.web.jobs`).

A person: the upload page sends them to /jobs/<id>, which offers to read the scan (or, once
started, shows "Pages read: 3 of 12", refreshed by a small script polling the JSON status, or by
the page reloading itself every few seconds without JavaScript), then becomes the report page.
A program: POST /api/v1/jobs, poll GET /api/v1/jobs/<id>, GET /api/v1/jobs/<id>/report."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from checker.errors import JobNotReadyError
from checker.web import security
from checker.web.jobs import Job, JobStore
from checker.web.ui import downloads, duration, for_web, image_only_pages, lang_of, pages_phrase, query, words
from checker.web.views import report_html

# Seconds between reloads of the progress page without JavaScript, and between the script's polls.
REFRESH_SECONDS = 3
POLL_MILLISECONDS = 1000


def status_text(status: dict, lang: str) -> str:
    """One line saying how far the job got: 'Pages read: 3 of 12'."""
    t = words(lang)
    state, stage = status["state"], status["stage"]
    if state in ("offered", "queued", "done", "failed"):
        return t({"offered": "scan_title", "queued": "job_queued", "done": "job_done", "failed": "job_failed"}[state])
    if stage == "check":
        return t("job_checking", total=status["pages_total"])
    if stage == "ocr" or status["pages_done"]:
        return t("job_pages", done=status["pages_done"], total=status["pages_total"])
    return t("job_opening")


def status_json(job: Job, clock: float, lang: str) -> dict:
    body = job.status(clock)
    body.update(text=status_text(body, lang),
                time_text=words(lang)("job_limit", elapsed=duration(body["elapsed_seconds"], lang),
                                      limit=duration(body["time_limit_seconds"], lang)),
                page=f"/jobs/{job.id}", status=f"/api/v1/jobs/{job.id}")
    if job.state == "done":
        body["report"] = f"/api/v1/jobs/{job.id}/report"
    return body


def add_job_routes(app, jobs: JobStore, *, page, checked) -> None:
    """Register the job pages and endpoints; `page` and `checked` are the app's own helpers."""
    settings = jobs.settings
    keep_minutes = round(settings.job_keep_seconds / 60)

    async def form_fields(request: Request) -> dict:
        """A small urlencoded form from this site, its CSRF token checked."""
        security.check_same_origin(request)
        return await security.small_form(request)

    # ---- pages --------------------------------------------------------------------------------
    @app.get("/jobs/{job_id}", include_in_schema=False)
    async def job_page(request: Request, job_id: str):
        job = jobs.get(job_id)
        lang = lang_of(request)
        common = dict(job=job, keep_minutes=keep_minutes)
        if job.state == "offered" and job.partial is not None:  # the report so far, and the offer
            report = for_web(job.partial, lang)
            return page(request, "report.html", report=report.to_dict(), body=report_html(report, lang),
                        downloads=downloads(report, lang), ocr_offer=job, image_pages=image_only_pages(job.partial),
                        limit=duration(job.seconds, lang), here=f"/jobs/{job.id}", **common)
        if job.state == "offered":
            return page(request, "scan_offer.html", pages=pages_phrase(job.pages, lang),
                        limit=duration(job.seconds, lang), **common)
        if job.state == "done":
            report = for_web(job.report, lang)
            return page(request, "report.html", report=report.to_dict(), body=report_html(report, lang),
                        downloads=downloads(report, lang), here=f"/jobs/{job.id}")
        if job.state == "failed":
            raise job.error.with_traceback(None)  # the same error every time the page is asked for
        status = status_json(job, jobs.clock(), lang)
        return page(request, "job.html", progress=status, refresh=REFRESH_SECONDS, poll=POLL_MILLISECONDS, **common)

    @app.post("/jobs/{job_id}/ocr", include_in_schema=False)
    async def job_start(request: Request, job_id: str):
        await form_fields(request)
        jobs.start(jobs.get(job_id))
        return RedirectResponse(f"/jobs/{job_id}{query(lang_of(request))}", status_code=303)

    @app.post("/jobs/{job_id}/cancel", include_in_schema=False)
    async def job_cancel(request: Request, job_id: str):
        await form_fields(request)
        job = jobs.get(job_id)
        if job.state == "offered" and job.partial is not None:  # the report stays, without its file
            jobs.decline(job)
            return RedirectResponse(f"/jobs/{job_id}{query(lang_of(request))}", status_code=303)
        await jobs.cancel(job_id)
        return RedirectResponse(f"/{query(lang_of(request))}", status_code=303)

    # ---- JSON API -----------------------------------------------------------------------------
    @app.post("/api/v1/jobs", summary="Check one document in the background, reading scans with OCR",
              status_code=202, openapi_extra={"requestBody": {"required": True, "content": {"multipart/form-data": {
                  "schema": {"type": "object", "required": ["file"], "properties": {
                      "file": {"type": "string", "format": "binary"},
                      "password": {"type": "string", "description": "password of an encrypted PDF (optional)"}}}}}}})
    async def api_job_start(request: Request):
        """Upload a document as form field `file`. A scanned PDF is read with OCR in the background:
        the answer (202, `Location`) is the job's status; poll it until `state` is `done` (then GET
        its `report`) or `failed` (its `error`). A document with text is checked at once and its
        job is already `done`. The time limit grows with the page count (`time_limit_seconds`)."""
        got = await checked(request, ("file",), form=False, scan=True)
        if isinstance(got, Job):
            job = jobs.start(got)
        else:
            job = jobs.finished(got[0], security.client_address(settings, request))
        return JSONResponse(status_json(job, jobs.clock(), lang_of(request)), status_code=202,
                            headers={"Location": f"/api/v1/jobs/{job.id}"})

    @app.get("/api/v1/jobs/{job_id}", summary="A background job's state and progress")
    async def api_job_status(request: Request, job_id: str):
        """`state`: offered, queued, running, done or failed; `pages_done` of `pages_total` pages read
        by OCR; `text`: the same as one line for a person (`?lang=es`: in Spanish)."""
        return status_json(jobs.get(job_id), jobs.clock(), lang_of(request))

    @app.get("/api/v1/jobs/{job_id}/report", summary="A finished job's report")
    async def api_job_report(job_id: str):
        """The JSON report (as from /api/v1/check) once the job is done; its error if it failed;
        409 (E515) while it is still running."""
        job = jobs.get(job_id)
        if job.state == "failed":
            raise job.error.with_traceback(None)
        if job.state != "done":
            raise JobNotReadyError("the job has not finished yet", hint="poll its status until state is done")
        return JSONResponse(job.report.to_dict())

    @app.delete("/api/v1/jobs/{job_id}", summary="Cancel a job and delete its file", status_code=204)
    async def api_job_cancel(request: Request, job_id: str):
        security.check_same_origin(request)
        await jobs.cancel(job_id)
        return Response(status_code=204)
