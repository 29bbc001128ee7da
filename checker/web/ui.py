"""What the web pages say, in English and Spanish, and what a web user can download.

The pages' own words are `WORDS[lang][key]`; the report inside a page is the HTML formatter's, in
the same language (`checker.i18n`). A page's language comes from `?lang=es` on its address (the
switch in the header, carried by the forms' actions), never guessed.

Errors on a page speak to someone in a browser: a hint written for the command line ("run with
--ocr", "pip install ...", "raise --max-pages") is replaced by what that person can do.

Downloads: the HTML report and the JSON report of the document just checked, carried in the page
as `data:` links (nothing is kept on the server), and the one-page brief. Another feature adds its
own file by appending a function to `EXTRA_DOWNLOADS` (for instance the Word counter-proposal of
`clausecheck propose`): it takes the report and the language and returns a `Download` or None.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Callable

from checker.formats import Options
from checker.formats import brief as brief_format
from checker.formats import html as html_format
from checker.formats import json as json_format
from checker.i18n import LANGS
from checker.result import Report
from checker.run import CheckRun, Outcome

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "check_nav": "Check a draft", "compare_nav": "Compare two drafts", "api_nav": "API",
        "sign_out": "Sign out", "switch": "Español", "switch_lang": "es",
        "footer": "Files are checked on this server and deleted as soon as the answer is sent. Nothing is kept.",
        "upload_title": "Check a draft contract",
        "upload_intro": "Upload a collective bargaining agreement or a proposal. You get, for each protection for "
                        "mixed-status and immigrant workers, whether the draft has it ({matching}), has a weaker "
                        "version ({weakened}) or lacks it ({missing}).",
        "matching": "matching", "weakened": "weakened", "missing": "missing",
        "file_label": "Contract or draft", "hint": "PDF, Word (.docx), TXT or Markdown.",
        "drop": "Or drop the file here.", "password_summary": "The PDF has a password",
        "password_label": "PDF password", "check_button": "Check this draft",
        "busy": "Checking… this takes a few seconds for a long contract.",
        "report_title": "Report", "again": "Check another draft",
        "downloads": "Download", "download_html": "HTML report", "download_json": "JSON report",
        "download_brief": "One-page brief (HTML)", "download_brief_pdf": "One-page brief (PDF)",
        "download_docx": "Counter-proposal (Word)",
        "compare_title": "Compare two drafts",
        "compare_intro": "Upload the current contract (or your last proposal) and the other side's "
                         "counter-proposal to see, protection by protection, what got better and what got worse.",
        "before": "Earlier draft (e.g. current contract)", "after": "Later draft (e.g. counter-proposal)",
        "compare_button": "Compare", "compare_busy": "Checking both drafts…",
        "changed_title": "What changed", "full_report_for": "Full report for the later draft,",
        "compare_again": "Compare other drafts",
        "error_title": "That did not work", "error_back": "Back to the upload page", "error_word": "error",
        "login_title": "Sign in", "login_intro": "This server needs the access token its operator gave you.",
        "login_failed": "That token is not right.", "token": "Access token", "sign_in": "Sign in",
        "selected": "Selected:",
    },
    "es": {
        "check_nav": "Revisar un borrador", "compare_nav": "Comparar dos borradores", "api_nav": "API",
        "sign_out": "Cerrar sesión", "switch": "English", "switch_lang": "en",
        "footer": "Los archivos se revisan en este servidor y se borran en cuanto se envía la respuesta. "
                  "No se guarda nada.",
        "upload_title": "Revisar un borrador de contrato",
        "upload_intro": "Suba un convenio colectivo o una propuesta. Para cada protección de los trabajadores "
                        "inmigrantes y de estatus mixto, verá si el borrador la tiene ({matching}), si tiene una "
                        "versión más débil ({weakened}) o si no la tiene ({missing}).",
        "matching": "cumple", "weakened": "debilitada", "missing": "ausente",
        "file_label": "Contrato o borrador", "hint": "PDF, Word (.docx), TXT o Markdown.",
        "drop": "O suelte el archivo aquí.", "password_summary": "El PDF tiene contraseña",
        "password_label": "Contraseña del PDF", "check_button": "Revisar este borrador",
        "busy": "Revisando… un contrato largo tarda unos segundos.",
        "report_title": "Informe", "again": "Revisar otro borrador",
        "downloads": "Descargar", "download_html": "Informe HTML", "download_json": "Informe JSON",
        "download_brief": "Resumen de una página (HTML)", "download_brief_pdf": "Resumen de una página (PDF)",
        "download_docx": "Contrapropuesta (Word, en inglés)",
        "compare_title": "Comparar dos borradores",
        "compare_intro": "Suba el contrato vigente (o su última propuesta) y la contrapropuesta de la otra parte "
                         "para ver, protección por protección, qué mejoró y qué empeoró.",
        "before": "Borrador anterior (p. ej., el contrato vigente)",
        "after": "Borrador posterior (p. ej., la contrapropuesta)",
        "compare_button": "Comparar", "compare_busy": "Revisando los dos borradores…",
        "changed_title": "Qué cambió", "full_report_for": "Informe completo del borrador posterior,",
        "compare_again": "Comparar otros borradores",
        "error_title": "No se pudo completar", "error_back": "Volver a la página de carga", "error_word": "error",
        "login_title": "Iniciar sesión", "login_intro": "Este servidor necesita el código de acceso que le dio su "
                                                        "administrador.",
        "login_failed": "Ese código no es correcto.", "token": "Código de acceso", "sign_in": "Entrar",
        "selected": "Seleccionado:",
    },
}

# The upload form's sector field, shown when the server has a precedents database with sectors.
WORDS["en"].update({
    "sector_label": "Sector (optional)",
    "sector_hint": "The report then also counts, for each protection, the audited contracts of this sector.",
})
WORDS["es"].update({
    "sector_label": "Sector (opcional)",
    "sector_hint": "El informe cuenta entonces también, para cada protección, los contratos auditados de este sector.",
})


# The pages of a scan read with OCR in the background (`checker.web.jobs`, `checker.web.job_pages`).
JOB_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "scan_title": "This PDF is a scan", "pages_one": "1 page", "pages_many": "{n} pages",
        "scan_intro": "{name} has {pages} that are pictures, with no text to check. clausecheck can read them "
                      "with OCR (optical character recognition) here on this server. It takes a few seconds a "
                      "page: at most {limit} for this scan.",
        "scan_caution": "OCR can misread a word, so check any quotation against the paper. If you have the Word "
                        "file or a PDF the contract was typed in, upload that instead: the report will be better.",
        "scan_start": "Read the scanned pages (OCR)", "scan_cancel": "Cancel and delete the file",
        "scan_keep": "The file stays on this server while it is read, or {minutes} minutes if you do not start, "
                     "and is then deleted. The report is kept {minutes} minutes for you to open.",
        "job_title": "Reading the scanned pages", "job_queued": "Waiting for a free worker…",
        "job_opening": "Opening the scan…", "job_pages": "Pages read: {done} of {total}",
        "job_checking": "All {total} pages read. Checking the protections…", "job_done": "Done. Opening the report…",
        "job_failed": "Reading the scan stopped.",
        "job_limit": "Time so far: {elapsed} (at most {limit} for this scan).",
        "job_note": "This page updates itself and shows the report when it is ready; you can leave it open.",
        "job_footer": "A scan is kept on this server only while it is read; its report is deleted {minutes} minutes "
                      "after it is ready. Nothing else is kept.",
        "minutes_seconds": "{m} min {s} s", "minutes": "{m} min", "seconds": "{s} s",
        "image_pages_warning": "page(s) {pages} are pictures with no text: this report could not read them",
        "image_pages_title": "Some pages are pictures", "image_pages_decline": "Keep this report, delete the file",
        "image_pages_offer": "Page(s) {pages} of {name} are pictures with no text, so the report below could not "
                             "read them. clausecheck can read them with OCR here on this server: at most {limit}.",
    },
    "es": {
        "scan_title": "Este PDF es un escaneo", "pages_one": "1 página", "pages_many": "{n} páginas",
        "scan_intro": "{name} tiene {pages} que son imágenes, sin texto que revisar. clausecheck puede leerlas con "
                      "OCR (reconocimiento óptico de caracteres) aquí, en este servidor. Tarda unos segundos por "
                      "página: como máximo {limit} para este escaneo.",
        "scan_caution": "El OCR puede leer mal alguna palabra: compare cada cita con el papel. Si tiene el archivo "
                        "de Word o un PDF en que se redactó el contrato, súbalo en su lugar: el informe será mejor.",
        "scan_start": "Leer las páginas escaneadas (OCR)", "scan_cancel": "Cancelar y borrar el archivo",
        "scan_keep": "El archivo queda en este servidor mientras se lee, o {minutes} minutos si no empieza, y "
                     "después se borra. El informe se guarda {minutes} minutos para que pueda abrirlo.",
        "job_title": "Leyendo las páginas escaneadas", "job_queued": "Esperando un proceso libre…",
        "job_opening": "Abriendo el escaneo…", "job_pages": "Páginas leídas: {done} de {total}",
        "job_checking": "Las {total} páginas están leídas. Revisando las protecciones…",
        "job_done": "Listo. Abriendo el informe…", "job_failed": "La lectura del escaneo se detuvo.",
        "job_limit": "Tiempo transcurrido: {elapsed} (como máximo {limit} para este escaneo).",
        "job_note": "Esta página se actualiza sola y muestra el informe cuando esté listo; puede dejarla abierta.",
        "job_footer": "Un escaneo queda en este servidor solo mientras se lee; su informe se borra {minutes} "
                      "minutos después de estar listo. No se guarda nada más.",
        "minutes_seconds": "{m} min {s} s", "minutes": "{m} min", "seconds": "{s} s",
        "image_pages_warning": "la(s) página(s) {pages} son imágenes sin texto: este informe no pudo leerlas",
        "image_pages_title": "Algunas páginas son imágenes",
        "image_pages_decline": "Quedarme con este informe y borrar el archivo",
        "image_pages_offer": "La(s) página(s) {pages} de {name} son imágenes sin texto, así que el informe de abajo "
                             "no pudo leerlas. clausecheck puede leerlas con OCR aquí, en este servidor: como máximo "
                             "{limit}.",
    },
}
for _lang, _words in JOB_WORDS.items():
    WORDS[_lang].update(_words)


def lang_of(request) -> str:
    """The page's language: `?lang=es` on its address, else English."""
    lang = request.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


def duration(seconds: float, lang: str = "en") -> str:
    """'3 min 10 s' or '45 s'."""
    m, s = divmod(int(round(seconds)), 60)
    if not m:
        return words(lang)("seconds", s=s)
    return words(lang)("minutes_seconds", m=m, s=s) if s else words(lang)("minutes", m=m)


def pages_phrase(n: int, lang: str = "en") -> str:
    return words(lang)("pages_one") if n == 1 else words(lang)("pages_many", n=n)


def words(lang: str) -> Callable[[str], str]:
    table = WORDS.get(lang, WORDS["en"])
    return lambda key, **values: (table.get(key) or WORDS["en"].get(key, key)).format(**values)


def query(lang: str) -> str:
    """What a link or a form action carries to keep the language: '' or '?lang=es'."""
    return "" if lang == "en" else f"?lang={lang}"


# ---- errors for people in a browser ---------------------------------------------------------------
WEB_HINTS: dict[str, dict[str, str]] = {
    "en": {
        "E205": "Open “The PDF has a password” on the upload page, type the password and upload the file again.",
        "E206": "This PDF is a scan: its pages are pictures with no text. Upload the Word file or the PDF the "
                "contract was typed in, or ask the union office for a text copy.",
        "E207": "The file is over this server's size, page or time limit. Upload the article on immigration "
                "(or the pages around it) as its own file, or ask the server's operator to raise the limit.",
        "E209": "This PDF is a scan and this server cannot read scans. Upload the Word file or the PDF the "
                "contract was typed in.",
        "other": "Check that this is the right file, or save it again as PDF or Word and upload that.",
    },
    "es": {
        "E202": "Suba un archivo PDF, Word (.docx), TXT o Markdown (un .doc o .rtf: guárdelo antes como .docx).",
        "E203": "Compruebe que sea el archivo correcto.",
        "E204": "Guarde el archivo de nuevo como PDF o Word y súbalo otra vez.",
        "E205": "Abra «El PDF tiene contraseña» en la página de carga, escriba la contraseña y suba el archivo "
                "de nuevo.",
        "E206": "Este PDF es un escaneo: sus páginas son imágenes sin texto. Suba el archivo de Word o el PDF en "
                "que se redactó el contrato, o pida una copia en texto a la oficina del sindicato.",
        "E207": "El archivo supera el límite de tamaño, de páginas o de tiempo de este servidor. Suba el artículo "
                "sobre inmigración (o las páginas cercanas) como un archivo aparte, o pida al administrador del "
                "servidor que amplíe el límite.",
        "E208": "Cambie el nombre del archivo con la extensión correcta o expórtelo de nuevo.",
        "E209": "Este PDF es un escaneo y este servidor no puede leer escaneos. Suba el archivo de Word o el PDF "
                "en que se redactó el contrato.",
        "other": "Compruebe que sea el archivo correcto, o guárdelo de nuevo como PDF o Word y súbalo.",
    },
}
# What went wrong, in Spanish, by code (the English `message` names the detail; the code says it).
WEB_MESSAGES: dict[str, dict[str, str]] = {"es": {
    "E201": "No se recibió ningún archivo.",
    "E202": "El archivo no es un PDF, un documento de Word (.docx) ni un documento de texto.",
    "E203": "El archivo está vacío.",
    "E204": "No se puede leer el archivo: está dañado o incompleto.",
    "E205": "El PDF está protegido con contraseña.",
    "E206": "El PDF es un escaneo: ninguna página tiene texto.",
    "E207": "El archivo supera un límite de este servidor.",
    "E208": "La extensión del nombre del archivo no coincide con su contenido.",
    "E209": "El PDF es un escaneo: ninguna página tiene texto.",
}}
# A background OCR job's errors (`checker.web.jobs`).
WEB_HINTS["en"]["E214"] = WEB_HINTS["en"]["E207"]
WEB_HINTS["es"]["E214"] = WEB_HINTS["es"]["E207"]
WEB_MESSAGES["es"].update({
    "E214": "La revisión tardó más de lo que permite este servidor.",
    "E504": "El servidor está ocupado con otros documentos.",
    "E506": "Ya tiene documentos en revisión o en espera.",
    "E514": "Ese trabajo no existe: pudo haber terminado hace un rato o haberse cancelado.",
    "E515": "El informe todavía no está listo.",
})
WEB_HINTS["es"].update({
    "E504": "Inténtelo de nuevo en unos minutos.",
    "E506": "Espere a que terminen (o cancele uno) y suba este archivo de nuevo.",
    "E514": "Suba el archivo de nuevo.",
})
_COMMAND_LINE = ("--", "pip ", "clausecheck ", "`", "apt-get", "Limits.")


def web_error(error: dict, lang: str = "en") -> dict:
    """The error as a page shows it: the hint in the page's language and never a command-line step."""
    code, hint = error.get("code", ""), error.get("hint") or ""
    hints = WEB_HINTS.get(lang, WEB_HINTS["en"])
    if code in hints:
        hint = hints[code]
    elif any(marker in hint for marker in _COMMAND_LINE) or (lang != "en" and hint):
        hint = hints["other"]
    message = WEB_MESSAGES.get(lang, {}).get(code, error.get("message", ""))
    return {**error, "message": message, "hint": hint}


# ---- a PDF with pages that are pictures ---------------------------------------------------------
def _image_only_pattern():
    import re

    from checker.ingest.pdf import IMAGE_ONLY_WARNING

    return re.compile(re.escape(IMAGE_ONLY_WARNING).replace(re.escape("{pages}"), "(?P<pages>.+?)"))


def image_only_pages(report: Report) -> str | None:
    """'2, 5' when some pages of the checked PDF are pictures with no text (not read), else None."""
    pattern = _image_only_pattern()
    for w in report.warnings:
        m = pattern.fullmatch(w)
        if m:
            return m.group("pages")
    return None


def for_web(report: Report, lang: str = "en") -> Report:
    """The report as a page shows it: the warning about pages that are pictures says so without
    the command-line step (the page itself offers OCR when the server can read them)."""
    from dataclasses import replace

    pattern = _image_only_pattern()
    warnings = [pattern.sub(lambda m: words(lang)("image_pages_warning", pages=m.group("pages")), w)
                for w in report.warnings]
    return replace(report, warnings=warnings) if warnings != report.warnings else report


# ---- downloads ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Download:
    label: str
    filename: str
    media_type: str
    data: bytes

    @property
    def href(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def _counter_proposal(report: Report, lang: str) -> "Download | None":
    """The Word counter-proposal of `clausecheck propose` for every protection that falls short
    (the parties' names stay placeholders: the page has the report, not the draft's preamble)."""
    import io

    from checker.api import default_corpus
    from checker.propose import Parties, proposal_of, write_counter_docx

    proposal = proposal_of(report, default_corpus(), Parties())
    if not proposal.clauses:
        return None
    buffer = io.BytesIO()
    write_counter_docx(proposal, buffer)
    return Download(words(lang)("download_docx"), f"{_stem(report)}-counter-proposal.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer.getvalue())


EXTRA_DOWNLOADS: list[Callable[[Report, str], "Download | None"]] = [_counter_proposal]


def _stem(report: Report) -> str:
    name = report.document["path"].rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60] or "report"


def downloads(report: Report, lang: str = "en") -> list[Download]:
    """The files a web user can take away for one report: HTML and JSON reports, the brief, and any
    file another feature registered in `EXTRA_DOWNLOADS`."""
    t = words(lang)
    run = CheckRun([Outcome(report.document["path"], report)])
    options = Options(verbose=True, lang=lang)
    stem = _stem(report)
    out = [
        Download(t("download_html"), f"{stem}-clausecheck.html", "text/html;charset=utf-8",
                 html_format.render(run, options).encode("utf-8")),
        Download(t("download_json"), f"{stem}-clausecheck.json", "application/json",
                 json_format.render(run, options).encode("utf-8")),
        Download(t("download_brief"), f"{stem}-brief.html", "text/html;charset=utf-8",
                 brief_format.render(run, Options(lang=lang, output="brief.html")).encode("utf-8")),
    ]
    try:
        import fpdf  # noqa: F401 — the PDF brief needs clausecheck[pdf]
    except ImportError:
        pass
    else:
        out.append(Download(t("download_brief_pdf"), f"{stem}-brief.pdf", "application/pdf",
                            brief_format.render(run, Options(lang=lang, output="brief.pdf"))))
    for extra in EXTRA_DOWNLOADS:
        d = extra(report, lang)
        if d is not None:
            out.append(d)
    return out
