"""The `clausecheck` command. Thin: parse options, call `checker`, format, map errors to exit codes."""
from __future__ import annotations

import sys
from typing import Callable, TypeVar

import click

T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run_guarded(fn: Callable[[], T]) -> T:
    """Run `fn`; turn any failure into one stderr line and exit 2 — never a traceback.

    A `ClausecheckError` prints its own coded line. Anything else escaping the library is a bug
    or a file a parser choked on; it is reported E204-style so the user still gets one line."""
    from checker.errors import ClausecheckError

    try:
        return fn()
    except ClausecheckError as exc:
        click.echo(exc.line(), err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — the one place unexpected errors are caught
        click.echo(f"E204 unexpected {type(exc).__name__}: {exc} (please report this with the file)", err=True)
        sys.exit(EXIT_ERROR)


@click.group()
@click.version_option(package_name="clausecheck")
def main() -> None:
    """Check collective bargaining agreements for mixed-status worker protections."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: an indented tree to check by eye; json: metadata and the section list")
@click.option("--password", default=None, help="password of an encrypted PDF")
@click.option("--ocr", is_flag=True, help="OCR scanned pages (needs clausecheck[ocr] and tesseract-ocr)")
def parse(file: str, fmt: str, password: str | None, ocr: bool) -> None:
    """Show the article/section tree of FILE (PDF, DOCX, TXT or MD)."""

    def work() -> str:
        from checker.ingest import load_document
        from checker.outline import outline_json, outline_text

        doc = load_document(file, password=password, ocr=ocr)
        return outline_json(doc) if fmt == "json" else outline_text(doc)

    click.echo(run_guarded(work))


@main.group()
def corpus() -> None:
    """Validate, list and show the clause corpus (model protections)."""


@corpus.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=str))
def corpus_validate(directory: str | None) -> None:
    """Check a clause pack (default: the built-in one); print every problem as path:line."""
    from checker.corpus import load_corpus
    from checker.errors import CorpusError

    try:
        c = load_corpus(directory)
    except CorpusError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        click.echo(f"{exc.code} {len(exc.problems)} problem(s) in {directory or 'the built-in corpus'}", err=True)
        sys.exit(EXIT_ERROR)
    examples = sum(len(p.examples) for p in c.protections)
    click.echo(f"{c.name} {c.version}: {len(c.protections)} protections, {len(c.concepts)} concepts, "
               f"{examples} examples, sha256 {c.sha256[:12]}… — valid")


@corpus.command("list")
@click.option("--corpus", "directory", default=None, type=click.Path(file_okay=False, path_type=str))
def corpus_list(directory: str | None) -> None:
    """List the protections: id, category, severity, title."""
    from checker.corpus import load_corpus

    c = run_guarded(lambda: load_corpus(directory))
    for p in c.protections:
        click.echo(f"{p.id:<48} {p.category:<36} {p.severity:<9} {p.title}")


@corpus.command("show")
@click.argument("protection_id")
@click.option("--corpus", "directory", default=None, type=click.Path(file_okay=False, path_type=str))
def corpus_show(protection_id: str, directory: str | None) -> None:
    """Print a protection's model language, elements, rationale and references."""
    from checker.corpus import load_corpus
    from checker.formats import protection_text

    c = run_guarded(lambda: load_corpus(directory))
    p = c.get(protection_id)
    if p is None:
        click.echo(f"E102 unknown protection {protection_id!r} (run `clausecheck corpus list` for the ids)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(protection_text(p))


FAIL_RANK = {"never": 99, "weakened": 1, "missing": 2}
STATUS_RANK = {"matching": 0, "weakened": 1, "missing": 2}


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["weakened", "missing", "never"]), default="missing",
              show_default=True, help="exit 1 when any protection is at or below this status")
@click.option("--corpus", "corpus_dir", default=None, type=click.Path(file_okay=False, path_type=str),
              help="a clause pack folder to use instead of (or extending) the built-in one")
@click.option("--password", default=None, help="password of an encrypted PDF")
@click.option("--ocr", is_flag=True, help="OCR scanned pages (needs clausecheck[ocr] and tesseract-ocr)")
@click.option("--verbose", "-v", is_flag=True, help="also print the model language to propose")
def check(file: str, fmt: str, fail_on: str, corpus_dir: str | None, password: str | None, ocr: bool,
          verbose: bool) -> None:
    """Check FILE against every protection and report matching / weakened / missing."""

    def work():
        from checker.api import check_file
        from checker.corpus import load_corpus

        corpus = load_corpus(corpus_dir) if corpus_dir else None
        return check_file(file, corpus, password=password, ocr=ocr)

    report = run_guarded(work)
    from checker import formats

    if fmt == "json":
        click.echo(formats.to_json(report))
    else:
        import os

        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(formats.to_text(report, color=color, verbose=verbose))
    worst = max((STATUS_RANK[f.status] for f in report.findings), default=0)
    sys.exit(EXIT_FINDINGS if worst >= FAIL_RANK[fail_on] else EXIT_OK)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to bind; anything but loopback requires an access token")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", default=None, envvar="CLAUSECHECK_TOKEN", show_envvar=True,
              help="access token clients must send (Authorization: Bearer, or /login in a browser)")
@click.option("--workers", default=2, show_default=True, type=int, help="documents checked at once")
@click.option("--queue", "max_queue", default=32, show_default=True, type=int,
              help="uploads allowed to wait; more get 503 + Retry-After")
def serve(host: str, port: int, token: str | None, workers: int, max_queue: int) -> None:
    """Serve the upload pages and the JSON API on HOST:PORT (needs clausecheck[web])."""

    def work():
        from checker.errors import ConfigError

        try:
            import uvicorn

            from checker.web import Settings, create_app
        except ImportError as exc:
            raise ConfigError(f"the web extra is not installed ({exc.name})",
                              hint="pip install 'clausecheck[web]'") from None
        settings = Settings(host=host, port=port, token=token, workers=workers, max_queue=max_queue)
        return uvicorn, create_app(settings)

    uvicorn, app = run_guarded(work)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"clausecheck serving on http://{shown}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


if __name__ == "__main__":
    sys.exit(main())
