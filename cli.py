"""The `clausecheck` command. Thin: parse options, call `checker`, format, map errors to exit codes."""
from __future__ import annotations

import os
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


def limit_options(fn):
    """--max-seconds/--max-pages/--max-mb: the reading limits of every command that reads files."""
    fn = click.option("--max-mb", default=200, show_default=True, type=click.IntRange(1),
                      help="largest file size in MB")(fn)
    fn = click.option("--max-pages", default=5000, show_default=True, type=click.IntRange(1))(fn)
    fn = click.option("--max-seconds", default=300.0, show_default=True, type=click.FloatRange(min=1),
                      help="per-document deadline, OCR included (a scan takes ~5 s a page); `check` and `parse` "
                           "stop the whole check there")(fn)
    return fn


def policy_options(fn):
    """--select/--ignore/--corpus/--config: which protections count, against which pack and config."""
    fn = click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False, path_type=str),
                      help="use this .clausecheck.toml / pyproject.toml instead of searching up from here")(fn)
    fn = click.option("--corpus", "corpus_dir", default=None, type=click.Path(file_okay=False, path_type=str),
                      help="a clause pack folder to use instead of (or extending) the built-in one")(fn)
    fn = click.option("--ignore", multiple=True,
                      help="leave out these protection ids or categories (comma-separated, repeatable)")(fn)
    fn = click.option("--select", multiple=True,
                      help="only these protection ids or categories (comma-separated, repeatable)")(fn)
    return fn


def make_limits(max_seconds: float, max_pages: int, max_mb: int):
    from checker.ingest import Limits

    return Limits(max_bytes=max_mb * 1024 * 1024, max_pages=max_pages, max_seconds=max_seconds)


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
@limit_options
def parse(file: str, fmt: str, password: str | None, ocr: bool, max_seconds: float, max_pages: int,
          max_mb: int) -> None:
    """Show the article/section tree of FILE (PDF, DOCX, TXT or MD)."""

    def outline(path: str) -> str:
        from checker.ingest import load_document
        from checker.outline import outline_json, outline_text

        doc = load_document(path, password=password, ocr=ocr, limits=make_limits(max_seconds, max_pages, max_mb))
        return outline_json(doc) if fmt == "json" else outline_text(doc)

    def work() -> str:
        from checker.isolation import Isolated, default_memory_mb  # in a killable worker, as `check`

        isolated = Isolated(outline, seconds=max_seconds, memory_mb=default_memory_mb())
        try:
            return isolated(file)
        finally:
            isolated.close()

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


def _echo_protection(protection_id: str, directory: str | None) -> None:
    """`corpus show ID` and `explain ID`: one implementation, two names for it."""
    from checker.corpus import load_corpus
    from checker.formats import protection_text

    click.echo(run_guarded(lambda: protection_text(load_corpus(directory).require(protection_id))))


@corpus.command("show")
@click.argument("protection_id")
@click.option("--corpus", "directory", default=None, type=click.Path(file_okay=False, path_type=str))
def corpus_show(protection_id: str, directory: str | None) -> None:
    """Print a protection's model language, elements, rationale and references."""
    _echo_protection(protection_id, directory)


@main.command()
@click.argument("protection_id", metavar="ID")
@click.option("--corpus", "directory", default=None, type=click.Path(file_okay=False, path_type=str),
              help="a custom clause pack (default: the built-in corpus)")
def explain(protection_id: str, directory: str | None) -> None:
    """Explain protection ID: why it matters, its elements and parameters, references, model language."""
    _echo_protection(protection_id, directory)


FORMAT_CHOICES = ["text", "json", "html", "markdown", "sarif", "junit", "github"]


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> ("a", "b", "c")."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _colour(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output: str | None) -> None:
    """Write the rendered output to stdout or to --output (an unwritable path is exit 2)."""
    if output is None:
        if text:
            click.echo(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") or not text else text + "\n")
    except OSError as exc:
        click.echo(f"E402 {output}: cannot write the output ({exc.strerror}; check the folder exists "
                   f"and is writable)", err=True)
        sys.exit(EXIT_ERROR)


def _progress(enabled: bool):
    """A one-line counter on stderr, only for a person watching a terminal."""
    if not enabled:
        return None

    def show(i: int, n: int, path: str) -> None:
        click.echo(f"\r\x1b[K[{i}/{n}] {path}", err=True, nl=False)
        if i == n:
            click.echo("", err=True)

    return show


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True,
              help="json: one report object (a list of them for several files or a folder); "
                   "sarif/junit: one combined document; github: workflow-command annotations")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="write the report to this file instead of stdout")
@click.option("--fail-on", type=click.Choice(["weakened", "missing", "never"]), default=None,
              help="exit 1 when any protection is at or below this status [default: missing, or the config's]")
@policy_options
@click.option("--password", default=None, help="password of an encrypted PDF")
@click.option("--ocr", is_flag=True, help="OCR scanned pages (needs clausecheck[ocr] and tesseract-ocr)")
@click.option("--quiet", "-q", is_flag=True, help="only what fails, the summaries and errors")
@click.option("--verbose", "-v", is_flag=True, help="also print the model language to propose")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default=None,
              help="Word drafts with tracked changes: check the text with the changes accepted (the default) "
                   "or the original text before them; DOCX inputs only (anything else is a usage error)")
@limit_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, fail_on: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], corpus_dir: str | None, config_file: str | None, password: str | None,
          ocr: bool, quiet: bool, verbose: bool, revisions: str | None, max_seconds: float, max_pages: int,
          max_mb: int) -> None:
    """Check documents (PDF, DOCX, TXT, MD; folders are searched recursively) against every protection.

    Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: a usage, configuration,
    corpus or input error (each unreadable file gets one stderr line; the others are still checked)."""
    from checker import formats
    from checker.run import check_paths, expand_inputs

    def setup():
        from checker.api import default_corpus
        from checker.config import load_config
        from checker.corpus import load_corpus

        config = load_config(config_file)
        directory = corpus_dir or config.corpus
        corpus = load_corpus(directory) if directory else default_corpus()
        config.validate(corpus)
        policy = config.policy(fail_on=fail_on, select=_split(select), ignore=_split(ignore))
        policy.validate(corpus)
        return corpus, policy

    corpus, policy = run_guarded(setup)
    files = expand_inputs(paths)
    if output:  # a report written into a folder being checked is not an input of the next run
        files = [f for f in files if os.path.abspath(f) != os.path.abspath(output)]
    many = len(paths) > 1 or any(os.path.isdir(p) for p in paths)
    if not files:
        click.echo(f"E203 {', '.join(paths)}: no PDF, DOCX, TXT or MD documents found (pass files or a folder "
                   f"that contains some)", err=True)
        sys.exit(EXIT_ERROR)
    if revisions:
        run_guarded(lambda: _docx_only(files))

    def check_one(path: str):
        from checker.api import check_file

        return check_file(path, corpus, password=password, ocr=ocr, revisions=revisions,
                          limits=make_limits(max_seconds, max_pages, max_mb))

    show = _progress(len(files) > 1 and not quiet and sys.stderr.isatty())
    from checker.isolation import Isolated, default_memory_mb  # each file in a killable worker

    isolated = Isolated(check_one, seconds=max_seconds, memory_mb=default_memory_mb())
    try:
        result = check_paths(files, isolated, policy, many=many, progress=show)
    finally:
        isolated.close()
    for outcome in result.errors:
        click.echo(outcome.error, err=True)
    for warning in result.warnings():
        click.echo(f"warning: {warning}", err=True)
    options = formats.Options(color=_colour(output) and fmt == "text", verbose=verbose, quiet=quiet)
    if result.reports or many or fmt in ("sarif", "junit"):
        _emit(formats.FORMATTERS[fmt].render(result, options), output)
    if verbose:
        for r in result.reports:
            t = r.timings
            click.echo(f"{r.document['path']}: ingest {t.get('ingest_seconds', 0):.2f}s, "
                       f"engine {t.get('engine_seconds', 0):.2f}s", err=True)
    sys.exit(result.exit_code())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to bind; anything but loopback requires an access token")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", default=None, envvar="CLAUSECHECK_TOKEN", show_envvar=True,
              help="access token clients must send (Authorization: Bearer, or /login in a browser); "
                   "prefer the environment variable or --token-file: a token on the command line shows in `ps`")
@click.option("--token-file", default=None, envvar="CLAUSECHECK_TOKEN_FILE", show_envvar=True,
              type=click.Path(dir_okay=False, path_type=str), help="read the access token from this file's first line")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True,
              help="address of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
@click.option("--workers", default=2, show_default=True, type=int, help="documents checked at once")
@click.option("--queue", "max_queue", default=32, show_default=True, type=int,
              help="uploads allowed to wait; more get 503 + Retry-After")
def serve(host: str, port: int, token: str | None, token_file: str | None, trusted_proxies: tuple[str, ...],
          workers: int, max_queue: int) -> None:
    """Serve the upload pages and the JSON API on HOST:PORT (needs clausecheck[web])."""

    def work():
        from checker.errors import ConfigError

        try:
            from checker.web import Settings, create_app, server
            from checker.web.settings import read_token_file
        except ImportError as exc:
            raise ConfigError(f"the web extra is not installed ({exc.name})",
                              hint="pip install 'clausecheck[web]'") from None
        settings = Settings(host=host, port=port, token=read_token_file(token_file) if token_file else token,
                            workers=workers, max_queue=max_queue, trusted_proxies=tuple(trusted_proxies))
        return server, settings, create_app(settings)

    server, settings, app = run_guarded(work)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"clausecheck serving on http://{shown}:{port}/ (Ctrl-C to stop)", err=True)
    server.run(app, settings)


# ---- audit: batch runs over whole collections (checker.batch) ----------------------------------
class _AuditGroup(click.Group):
    """`audit DIR…` runs an audit; `audit export|report|summary DB` read its results database."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_AuditGroup)
def audit() -> None:
    """Audit a whole collection: `clausecheck audit DIR|GLOB|FILE… [--from-list FILE] --db audit.sqlite`.

    Exit codes of a run: 0 every document audited, 1 finished but some of the inputs are recorded as
    errors (now or by an earlier run), 2 usage/corpus/database error, 130 interrupted (run the same command again to resume)."""


@audit.command("run")
@click.argument("inputs", nargs=-1)
@click.option("--from-list", "from_list", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a text file with one contract path a line")
@click.option("--db", "db_path", default="audit.sqlite", show_default=True, help="the results database (SQLite)")
@click.option("--jobs", "-j", default=None, type=click.IntRange(1), help="worker processes (default: CPU count)")
@click.option("--scheduler", default=None, help="run on Dask: tcp://HOST:PORT, or 'local' for a LocalCluster of --jobs workers")
@click.option("--corpus", "corpus_dir", default=None, type=click.Path(file_okay=False, path_type=str))
@click.option("--timeout", default=600.0, show_default=True, help="hard per-document seconds (local processes)")
@click.option("--max-memory", default=4096, show_default=True, help="per-worker memory cap in MB (local processes; 0: none)")
@limit_options
@click.option("--retry-errors", is_flag=True, help="audit again documents recorded as errors")
@click.option("--jsonl", "jsonl_out", default=None, help="also write every record as JSON Lines to this file at the end")
@click.option("--progress/--no-progress", default=None, help="progress bar (default: when stderr is a terminal)")
def audit_run(inputs, from_list, db_path, jobs, scheduler, corpus_dir, timeout, max_memory, max_seconds, max_pages,
              max_mb, retry_errors, jsonl_out, progress) -> None:
    """Audit every contract under INPUTS into the results database; re-running resumes."""
    import os
    import time

    from checker.batch import AuditOptions, ResultsDB, audit_summary, discover, export, run_audit, summary_text

    if not inputs and not from_list:
        click.echo("E401 give folders, files or globs to audit, or --from-list FILE", err=True)
        sys.exit(EXIT_ERROR)
    paths = run_guarded(lambda: discover(inputs, from_list=from_list))
    options = AuditOptions(corpus_dir=corpus_dir, jobs=jobs or os.cpu_count() or 1, timeout=timeout,
                           max_memory_mb=max_memory or None, scheduler=scheduler, retry_errors=retry_errors,
                           limits=make_limits(max_seconds, max_pages, max_mb))
    show = sys.stderr.isatty() if progress is None else progress
    t0 = time.monotonic()

    def tick(stats, record):
        if show:
            done = stats.done
            rate = done / max(time.monotonic() - t0, 1e-6)
            eta = (stats.inputs - done) / rate if rate else 0
            click.echo(f"\r{done}/{stats.inputs} documents  {rate:.1f}/s  ETA {eta:.0f}s  errors {stats.errors}   ",
                       err=True, nl=False)

    stats = run_guarded(lambda: run_audit(paths, db_path, options, progress=tick))
    if show:
        click.echo("", err=True)

    def finish():
        db = ResultsDB(db_path, create=False)
        try:
            if jsonl_out:
                export(db, "jsonl", jsonl_out)
            return summary_text(audit_summary(db))
        finally:
            db.close()

    click.echo(run_guarded(finish))
    click.echo(f"run {stats.run_id}: {stats.inputs} inputs, {stats.audited} audited, {stats.skipped} already done, "
               f"{stats.duplicates} duplicates, {stats.errors} errors in {stats.seconds:.1f} s", err=True)
    sys.exit(EXIT_FINDINGS if stats.failed else EXIT_OK)


@audit.command("export")
@click.argument("db_path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "json", "parquet"]), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(["documents", "findings", "protections", "summary"]), default=None,
              help="csv/parquet: documents (default), findings or protections; json: summary")
@click.option("--output", "-o", required=True, help="file to write (replaced atomically)")
def audit_export(db_path, fmt, table, output) -> None:
    """Export the results database: JSON Lines reports, CSV or Parquet tables, or the JSON summary."""
    from checker.batch import ResultsDB, export

    def work():
        db = ResultsDB(db_path, create=False)
        try:
            return export(db, fmt, output, table=table)
        finally:
            db.close()

    n = run_guarded(work)
    click.echo(f"wrote {n} rows to {output}", err=True)


@audit.command("summary")
@click.argument("db_path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def audit_summary_cmd(db_path, fmt) -> None:
    """Per-protection counts of matching / weakened / missing across the audited contracts."""
    import json

    from checker.batch import ResultsDB, audit_summary, summary_text

    def work():
        db = ResultsDB(db_path, create=False)
        try:
            s = audit_summary(db)
        finally:
            db.close()
        return json.dumps(s, indent=2, ensure_ascii=False) if fmt == "json" else summary_text(s)

    click.echo(run_guarded(work))


@audit.command("report")
@click.argument("db_path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--output", "-o", default="audit-report.html", show_default=True)
def audit_report(db_path, output) -> None:
    """A self-contained HTML summary with charts."""
    from checker.batch import ResultsDB
    from checker.batch.html import write_report

    def work():
        db = ResultsDB(db_path, create=False)
        try:
            write_report(db, output)
        finally:
            db.close()

    run_guarded(work)
    click.echo(f"wrote {output}", err=True)


COMPARE_FORMATS = ["text", "json", "html", "markdown", "github"]


def _docx_only(files: list[str]) -> None:
    """--revisions reads Word tracked changes; on any other file it would silently do nothing."""
    from checker.errors import UsageError

    for f in files:
        if not f.lower().endswith(".docx"):
            raise UsageError("--revisions applies to Word (.docx) files only", path=f,
                             hint="drop --revisions, or pass only the .docx drafts with tracked changes")


@main.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", required=False, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default="text", show_default=True)
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="write the comparison to this file instead of stdout")
@policy_options
@click.option("--password", default=None, help="password of encrypted PDFs")
@click.option("--quiet", "-q", is_flag=True, help="only the regressions")
@click.option("--revisions", is_flag=True,
              help="one Word draft: compare its text before the tracked changes with the text after them")
def compare(old: str, new: str | None, fmt: str, output: str | None, select: tuple[str, ...],
            ignore: tuple[str, ...], corpus_dir: str | None, config_file: str | None, password: str | None,
            quiet: bool, revisions: bool) -> None:
    """Compare two versions of a contract (e.g. the current agreement and the employer's counter),
    or with --revisions what the tracked changes of one Word draft do: `compare --revisions DRAFT.docx`.

    Per protection: the status in OLD and NEW and whether it regressed, improved or is unchanged.
    Exit 0: no regression; 1: at least one regression; 2: a usage, configuration, corpus or input error."""
    from checker import formats
    from checker.errors import UsageError

    def arguments():
        if revisions and new is not None:
            raise UsageError("compare --revisions takes one Word draft, not two files",
                             hint="run `clausecheck compare --revisions DRAFT.docx`, or drop --revisions to compare OLD NEW")
        if not revisions and new is None:
            raise UsageError("compare needs OLD and NEW",
                             hint="give two versions, or `--revisions DRAFT.docx` for one draft's tracked changes")
        if revisions:
            _docx_only([old])

    run_guarded(arguments)

    def work():
        from checker.api import check_file, default_corpus
        from checker.compare import compare as compare_reports
        from checker.config import load_config
        from checker.corpus import load_corpus

        config = load_config(config_file)
        directory = corpus_dir or config.corpus
        corpus = load_corpus(directory) if directory else default_corpus()
        config.validate(corpus)
        policy = config.policy(select=_split(select), ignore=_split(ignore))
        policy.validate(corpus)
        if revisions:
            from checker.compare import compare_redlines

            return compare_redlines(old, lambda view: policy.apply(check_file(old, corpus, password=password,
                                                                              revisions=view)))
        reports = [policy.apply(check_file(p, corpus, password=password)) for p in (old, new)]
        return compare_reports(*reports)

    comparison = run_guarded(work)
    options = formats.Options(color=_colour(output) and fmt == "text", quiet=quiet)
    _emit(formats.FORMATTERS[fmt].render_comparison(comparison, options), output)
    sys.exit(EXIT_FINDINGS if comparison.regressions else EXIT_OK)


if __name__ == "__main__":
    sys.exit(main())
