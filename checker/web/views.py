"""HTML pages: Jinja templates with autoescaping for the app's own pages; the report and the
comparison themselves are the HTML formatter's markup (`checker.formats.html`), which escapes every
piece of document text itself."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checker.compare import Comparison
from checker.formats import Options
from checker.formats import html as html_format
from checker.result import Report
from checker.run import CheckRun, Outcome


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def render(template: str, **context) -> str:
    """A page; `lang` (default English) picks its words (`checker.web.ui`)."""
    from checker.web import ui

    lang = context.pop("lang", "en")
    if "error" in context:
        context["error"] = ui.web_error(context["error"], lang)
    return environment().get_template(template).render(lang=lang, t=ui.words(lang), q=ui.query(lang),
                                                       **context)


def report_html(report: Report, lang: str = "en") -> Markup:
    """The report as `clausecheck check --format html` shows it, without the page around it."""
    run = CheckRun([Outcome(report.document["path"], report)])
    return Markup(html_format.fragment(run, Options(verbose=True, lang=lang)))


def comparison_html(comparison: Comparison) -> Markup:
    """The comparison as `clausecheck compare --format html` shows it, without the page around it."""
    return Markup(html_format.comparison_fragment(comparison, Options()))
