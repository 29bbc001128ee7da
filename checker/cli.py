"""The `clausecheck` command. Thin: parse options, call `checker`, format, map errors to exit codes.

`main(argv)` returns the exit code from one place (0 clean, 1 findings at or above the threshold,
2 usage/config/corpus/input error, 130 interrupted); commands return their code and raise
`ClausecheckError` for anything the user can fix, which becomes one line on stderr.
"""
from __future__ import annotations

import glob
import os
import sys
from typing import Callable, TypeVar

import click

T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
GLOB_CHARS = set("*?[")


def run_guarded(fn: Callable[[], T]) -> T:
    """Run `fn`; anything escaping the library that is not a `ClausecheckError` is a bug, raised
    as E900 so the user still gets one line (the top level prints it and returns exit 2)."""
    from checker.errors import ClausecheckError, InternalError

    try:
        return fn()
    except (ClausecheckError, KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # noqa: BLE001 — the one place unexpected errors are caught
        raise InternalError(f"unexpected {type(exc).__name__}: {exc}",
                            hint="please report this with the file") from exc


class CLI(click.Group):
    """The command group; calling it (`main(argv)`) returns the exit code instead of exiting."""

    def __call__(self, argv: list[str] | None = None) -> int:  # type: ignore[override]
        return self.main(argv, standalone_mode=False)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = self._exit_code(args, prog_name or "clausecheck", complete_var, **extra)
        if standalone_mode:  # click's own callers (CliRunner, `python -m click`) expect SystemExit
            sys.exit(code)
        return code

    def _exit_code(self, args, prog_name, complete_var, **extra) -> int:
        from checker.heap import defer_collection, resume_collection

        # Start-up allocates what lives as long as the process (checker.heap); `check` resumes the
        # collector once its corpus is loaded, every other command when it is dispatched.
        defer_collection()
        try:
            return self._run(args, prog_name, complete_var, **extra)
        finally:
            resume_collection()

    def resolve_command(self, ctx, args):
        name, cmd, rest = super().resolve_command(ctx, args)
        if name != "check":
            from checker.heap import resume_collection

            resume_collection()
        return name, cmd, rest

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        from checker.errors import ClausecheckError

        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.ClickException as exc:
            exc.show()
            return EXIT_ERROR
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("interrupted", err=True)
            return EXIT_INTERRUPTED
        except ClausecheckError as exc:
            click.echo(exc.line(), err=True)
            return EXIT_ERROR
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else EXIT_ERROR
        except Exception as exc:  # noqa: BLE001 — a bug must still be one line, never a traceback
            click.echo(f"E900 unexpected {type(exc).__name__}: {exc} (please report this with the file)", err=True)
            return EXIT_ERROR
        return rv if isinstance(rv, int) else EXIT_OK


def limit_options(fn):
    """--max-seconds/--max-pages/--max-mb: the reading limits of every command that reads files."""
    fn = click.option("--max-mb", default=200, show_default=True, type=click.IntRange(1),
                      help="largest file size in MB")(fn)
    fn = click.option("--max-pages", default=5000, show_default=True, type=click.IntRange(1))(fn)
    fn = click.option("--max-seconds", default=None, type=click.FloatRange(min=1),
                      help="per-document deadline, OCR included; `check` and `parse` stop the whole check "
                           "there [default: 300 s to read, plus 10 s for every page OCR reads]")(fn)
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


def make_limits(max_seconds: float | None, max_pages: int, max_mb: int):
    """The reading limits; without --max-seconds the time limit grows with the pages OCR reads."""
    from checker.ingest import Limits
    from checker.ingest.limits import OCR_SECONDS_PER_PAGE

    if max_seconds is None:
        return Limits(max_bytes=max_mb * 1024 * 1024, max_pages=max_pages, ocr_seconds_per_page=OCR_SECONDS_PER_PAGE)
    return Limits(max_bytes=max_mb * 1024 * 1024, max_pages=max_pages, max_seconds=max_seconds)


def whole_check_seconds(max_seconds: float | None, ocr: bool) -> float | None:
    """The wall clock of one document's worker: --max-seconds when given; else the default reading
    limit (300 s) for the whole check, or none with --ocr, where reading grows with the page count
    and stops itself (300 s plus 10 s a page)."""
    from checker.ingest import Limits

    if max_seconds is not None:
        return max_seconds
    return None if ocr else Limits().max_seconds


def stage_progress(enabled: bool, name: str):
    """Pages read, OCR'd and the check, on stderr, for a person at a terminal (or with
    CLAUSECHECK_PROGRESS=1; =now also drops the two seconds' wait before the first line);
    None when nobody watches."""
    forced = os.environ.get("CLAUSECHECK_PROGRESS")
    if not enabled or not (sys.stderr.isatty() or forced in ("1", "now")):
        return None
    from checker.progress import TerminalProgress

    return TerminalProgress(sys.stderr, os.path.basename(name), delay=0.0 if forced == "now" else None)


@click.group(cls=CLI, context_settings={"help_option_names": ["-h", "--help"]})
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

        try:
            doc = load_document(path, password=password, ocr=ocr, limits=make_limits(max_seconds, max_pages, max_mb),
                                progress=progress)
        finally:
            if progress is not None:
                progress.close()
        return outline_json(doc) if fmt == "json" else outline_text(doc)

    def work() -> str:
        from checker.isolation import Isolated, default_memory_mb  # in a killable worker, as `check`

        isolated = Isolated(outline, seconds=whole_check_seconds(max_seconds, ocr), memory_mb=default_memory_mb())
        try:
            return isolated(file)
        finally:
            isolated.close()

    progress = stage_progress(True, file)
    click.echo(run_guarded(work))


@main.group()
def corpus() -> None:
    """Validate, list and show the clause corpus (model protections)."""


@corpus.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=str))
def corpus_validate(directory: str | None) -> int:
    """Check a clause pack (default: the built-in one); print every problem as path:line."""
    from checker.corpus import load_corpus
    from checker.errors import BuiltinCorpusMissingError, CorpusError

    from checker.corpus.strength import builtin, validate as validate_strength

    try:
        c = load_corpus(directory)
        problems = validate_strength()  # every strength-lexicon example through its mechanism
        if problems:
            raise CorpusError(problems)
    except BuiltinCorpusMissingError:
        raise
    except CorpusError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        click.echo(f"{exc.code} {len(exc.problems)} problem(s) in {directory or 'the built-in corpus'}", err=True)
        return EXIT_ERROR
    examples = sum(len(p.examples) for p in c.protections)
    entries = sum(len(es) for es in builtin().entries.values())
    click.echo(f"{c.name} {c.version}: {len(c.protections)} protections, {len(c.concepts)} concepts, "
               f"{examples} examples, {entries} strength entries, sha256 {c.sha256[:12]}… — valid")
    return EXIT_OK


@corpus.command("list")
@click.option("--corpus", "directory", default=None, type=click.Path(file_okay=False, path_type=str))
def corpus_list(directory: str | None) -> None:
    """List the protections: id, category, severity, title."""
    from checker.corpus import load_corpus

    c = run_guarded(lambda: load_corpus(directory))
    for p in c.protections:
        click.echo(f"{p.id:<48} {p.category:<36} {p.severity:<9} {p.title}")


def _echo_protection(protection_id: str, directory: str | None) -> None:
    """`corpus show ID` and `explain ID`: one implementation, two names for it. A deviation's rule
    id (its `rule` in the JSON report) shows that rule."""
    from checker.corpus import load_corpus
    from checker.formats import protection_text
    from checker.rules import rule_text

    def show() -> str:
        corpus = load_corpus(directory)
        return rule_text(corpus, protection_id) or protection_text(corpus.require(protection_id))

    click.echo(run_guarded(show))


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
    """Explain protection ID (why it matters, its elements and parameters, references, model language),
    or the rule ID a deviation names (its pattern, reason, examples and file)."""
    _echo_protection(protection_id, directory)


FORMAT_CHOICES = ["text", "json", "html", "markdown", "sarif", "junit", "github", "brief"]


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> ("a", "b", "c")."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _colour(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _write(path: str, text: str | bytes, *, append: bool = False) -> None:
    from checker.errors import OutputError

    try:
        if isinstance(text, bytes):  # a PDF brief
            with open(path, "wb") as fh:
                fh.write(text)
            return
        with open(path, "a" if append else "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") or not text else text + "\n")
    except OSError as exc:
        raise OutputError(f"cannot write the output ({exc.strerror})", path=path,
                          hint="check the folder exists and is writable") from None


def _emit(text: str | bytes, output: str | None) -> None:
    """Write the rendered output to stdout or to --output (an unwritable path is E402, exit 2)."""
    if output is None:
        if text:
            click.echo(text)
        return
    _write(output, text)


def _progress(enabled: bool):
    """A one-line counter on stderr, only for a person watching a terminal."""
    if not enabled:
        return None

    def show(i: int, n: int, path: str) -> None:
        click.echo(f"\r\x1b[K[{i}/{n}] {path}", err=True, nl=False)
        if i == n:
            click.echo("", err=True)

    return show


def _is_glob(path: str) -> bool:
    return path != "-" and not os.path.exists(path) and bool(GLOB_CHARS & set(path))


def expand_arguments(paths: tuple[str, ...]) -> list[str]:
    """Command-line paths with quoted globs expanded (`check 'contracts/**/*.pdf'` works the same
    in every shell, and on Windows where the shell expands nothing). A path that exists is taken
    as it is, even when its name holds glob characters."""
    out: list[str] = []
    for p in paths:
        if _is_glob(p):
            out.extend(sorted(glob.glob(p, recursive=True)))
        else:
            out.append(p)
    return out


def _stdin_document(name: str | None, workdir: str) -> str:
    """`-`: standard input saved under --stdin-filename's name (its extension picks the reader)."""
    target = os.path.join(workdir, os.path.basename(name or "stdin.txt"))
    with open(target, "wb") as fh:
        fh.write(sys.stdin.buffer.read())
    return target


@main.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True,
              help="json: one report object (a list of them for several files or a folder); "
                   "sarif/junit: one combined document; github: workflow-command annotations "
                   "and a Markdown job summary in $GITHUB_STEP_SUMMARY; brief: the one-page brief "
                   "(Markdown, or HTML/PDF for an --output ending .html/.pdf)")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="write the report to this file instead of stdout")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="language of the report: titles, statuses, explanations and model language (es: Spanish)")
@click.option("--fail-on", type=click.Choice(["weakened", "missing", "never"]), default=None,
              help="exit 1 when any protection is at or below this status [default: missing, or the config's]")
@policy_options
@click.option("--baseline", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a JSON report of an earlier run: only findings not in it fail the run")
@click.option("--write-baseline", is_flag=True,
              help="write this run's findings to the --baseline file (as a JSON report) and exit 0")
@click.option("--stdin-filename", default=None,
              help="with `-`: the name of the document read from standard input (its extension picks the reader)")
@click.option("--password", default=None, help="password of an encrypted PDF")
@click.option("--ocr", is_flag=True, help="OCR scanned pages (needs clausecheck[ocr] and tesseract-ocr)")
@click.option("--quiet", "-q", is_flag=True, help="only what fails, the summaries and errors")
@click.option("--verbose", "-v", is_flag=True, help="also print the model language to propose")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default=None,
              help="Word drafts with tracked changes: check the text with the changes accepted (the default) "
                   "or the original text before them; DOCX inputs only (anything else is a usage error)")
@click.option("--precedents", "precedents_db", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a results database written by `clausecheck audit`: add to each finding how the audited "
                   "contracts fare on it and the strongest matching wording among them")
@click.option("--sector", default=None,
              help="with --precedents, when the audit has sector metadata: the checked documents' sector, "
                   "for the counts in that sector (default: the sector the audit gives the file, if it is one "
                   "of the audited contracts)")
@click.option("--employer", default=None,
              help="with --precedents, when the audit has employer metadata: the counts at this employer "
                   "(default: as for --sector)")
@limit_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, fail_on: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], corpus_dir: str | None, config_file: str | None, baseline: str | None,
          write_baseline: bool, stdin_filename: str | None, password: str | None, ocr: bool, quiet: bool,
          verbose: bool, revisions: str | None, precedents_db: str | None, max_seconds: float, max_pages: int,
          max_mb: int, sector: str | None = None, employer: str | None = None, lang: str = "en") -> int:
    """Check documents (PDF, DOCX, TXT, MD; folders are searched recursively; quoted globs are
    expanded; `-` reads standard input) against every protection.

    Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: a usage, configuration,
    corpus or input error (each unreadable file gets one stderr line; the others are still checked)."""
    import tempfile

    from checker import formats
    from checker.baseline import apply_baseline, baseline_json
    from checker.config import load_policy
    from checker.errors import NoInputsError, UsageError
    from checker.heap import resume_collection
    from checker.run import check_paths, expand_inputs

    if write_baseline and not baseline:
        raise UsageError("--write-baseline needs --baseline FILE", hint="e.g. --baseline clausecheck-baseline.json --write-baseline")
    corpus, config, policy = run_guarded(lambda: load_policy(
        config_file=config_file, corpus_dir=corpus_dir, fail_on=fail_on, select=_split(select), ignore=_split(ignore)))
    resume_collection()  # start-up is over (the built-in corpus's freeze already did; a --corpus pack's did not)
    sector, employer = (sector or "").strip() or None, (employer or "").strip() or None
    if (sector or employer) and not precedents_db:
        raise UsageError(f"--{'sector' if sector else 'employer'} needs --precedents DB",
                         hint="pass the results database of an audit run with --metadata")
    precedents = None
    if precedents_db:
        from checker.precedents import PrecedentIndex

        precedents = run_guarded(lambda: PrecedentIndex(precedents_db))
        run_guarded(lambda: (precedents.require("sector", sector), precedents.require("employer", employer)))
    with tempfile.TemporaryDirectory(prefix="clausecheck-stdin-") as workdir:
        args = expand_arguments(paths)
        stdin_path = _stdin_document(stdin_filename, workdir) if "-" in args else None
        found = expand_inputs([stdin_path if a == "-" else a for a in args])
        files = [f for f in found if f == stdin_path or not config.excludes(f)]
        if found and not files:  # as linters do: excluded files passed by a hook are not an error
            click.echo(f"all {len(found)} document(s) are excluded by {config.path}; nothing to check", err=True)
            return EXIT_OK
        if output:  # a report written into a folder being checked is not an input of the next run
            files = [f for f in files if os.path.abspath(f) != os.path.abspath(output)]
        many = len(args) > 1 or any(os.path.isdir(p) for p in args) or any(_is_glob(p) for p in paths)
        if not files:
            raise NoInputsError("no PDF, DOCX, TXT or MD documents found", path=", ".join(paths),
                                hint="pass files, a folder that contains some, or a glob that matches some "
                                     "(and check the configuration's exclude)")
        if revisions:
            run_guarded(lambda: _docx_only(files))

        def check_one(path: str):
            from checker.api import check_file

            try:
                report = check_file(path, corpus, password=password, ocr=ocr, revisions=revisions,
                                    limits=make_limits(max_seconds, max_pages, max_mb), progress=one)
            finally:
                if one is not None:
                    one.close()
            if path == stdin_path:
                report.document["path"] = stdin_filename or "-"
            return report

        show = _progress(len(files) > 1 and not quiet and sys.stderr.isatty())
        one = stage_progress(len(files) == 1 and not quiet, files[0])  # one long document: its pages
        from checker.isolation import Isolated, default_memory_mb  # each file in a killable worker

        isolated = Isolated(check_one, seconds=whole_check_seconds(max_seconds, ocr), memory_mb=default_memory_mb())
        try:
            result = check_paths(files, isolated, policy, many=many, progress=show)
        finally:
            isolated.close()
        if precedents is not None:  # in this process: the database stays out of the workers
            for report in result.reports:
                precedents.annotate(report, sector=sector, employer=employer)
    for outcome in result.errors:
        click.echo(outcome.error.replace(stdin_path, stdin_filename or "-") if stdin_path else outcome.error, err=True)
    for report in result.reports if not quiet else ():  # -q: errors only (warnings stay in the report)
        for warning in report.warnings:
            click.echo(f"{report.document['path']}: warning: {warning}", err=True)
    for warning in result.warnings():
        click.echo(f"warning: {warning}", err=True)
    if baseline and write_baseline:
        _write(baseline, baseline_json(result))
        click.echo(f"wrote the baseline of {len(result.reports)} document(s) to {baseline}", err=True)
        return EXIT_ERROR if result.errors else EXIT_OK  # an unreadable file is not part of the baseline
    if baseline:
        run_guarded(lambda: apply_baseline(result, baseline))
    options = formats.Options(color=_colour(output) and fmt == "text", verbose=verbose, quiet=quiet, lang=lang,
                              output=output)
    if result.reports or many or fmt in ("sarif", "junit"):
        _emit(formats.FORMATTERS[fmt].render(result, options), output)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _write(os.environ["GITHUB_STEP_SUMMARY"], formats.github.job_summary(result), append=True)
    if verbose:
        for r in result.reports:
            t = r.timings
            click.echo(f"{r.document['path']}: ingest {t.get('ingest_seconds', 0):.2f}s, "
                       f"engine {t.get('engine_seconds', 0):.2f}s", err=True)
    return result.exit_code()


def _listening_socket(host: str, port: int):
    """Bind before the app starts, so a taken or forbidden address is one E510 line, not a
    server log and a traceback."""
    import socket

    from checker.errors import ServeStartError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeStartError(f"cannot resolve {host} ({exc.strerror})", hint="pass --host 127.0.0.1 or an address of this machine") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeStartError(f"cannot listen on {host}:{port} ({exc.strerror})",
                              hint="pick another --port, or stop the program using it") from None
    return sock


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to bind; anything but loopback requires an access token")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="CLAUSECHECK_TOKEN", show_envvar=True,
              help="access token clients must send (Authorization: Bearer, or /login in a browser); "
                   "prefer the environment variable or --token-file: a token on the command line shows in `ps`")
@click.option("--token-file", default=None, envvar="CLAUSECHECK_TOKEN_FILE", show_envvar=True,
              type=click.Path(dir_okay=False, path_type=str), help="read the access token from this file's first line")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True,
              help="address of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
@click.option("--precedents", "precedents_db", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a results database written by `clausecheck audit`: every report on the page then says how "
                   "the audited contracts fare on each protection, with the strongest matching wording")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="documents checked at once")
@click.option("--queue", "max_queue", default=32, show_default=True, type=click.IntRange(0),
              help="uploads allowed to wait; more get 503 + Retry-After")
@click.option("--ocr", "ocr_mode", default="ask", show_default=True, type=click.Choice(["ask", "auto", "off"]),
              help="a scanned PDF uploaded to the page: offer to read it with OCR, read it at once, or refuse it")
@click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="check this .clausecheck.toml / pyproject.toml at start-up instead of the one found from here")
def serve(host: str, port: int, token: str | None, token_file: str | None, trusted_proxies: tuple[str, ...],
          precedents_db: str | None, workers: int, max_queue: int, ocr_mode: str, config_file: str | None) -> int:
    """Serve the upload pages and the JSON API on HOST:PORT (needs clausecheck[web])."""
    from checker.config import load_policy
    from checker.errors import ServeStartError

    def work():
        try:
            import uvicorn  # noqa: F401 — the web extra, asked for before anything is printed

            from checker.web import Settings, create_app, server
            from checker.web.settings import read_token_file
        except ImportError as exc:
            raise ServeStartError(f"the web extra is not installed ({exc.name})",
                                  hint="pip install 'clausecheck[web]'") from None
        load_policy(config_file=config_file)  # a broken corpus or configuration stops start-up
        if precedents_db:  # a database that cannot be read stops start-up too (E601)
            from checker.precedents import PrecedentIndex

            PrecedentIndex(precedents_db).close()
        settings = Settings(host=host, port=port, token=read_token_file(token_file) if token_file else token,
                            workers=workers, max_queue=max_queue, trusted_proxies=tuple(trusted_proxies),
                            precedents=precedents_db, ocr=ocr_mode)
        return server, settings, create_app(settings)

    server, settings, app = run_guarded(work)
    sock = run_guarded(lambda: _listening_socket(host, port))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"clausecheck serving on http://{shown}:{sock.getsockname()[1]}/ (Ctrl-C to stop)", err=True)
    if ocr_mode != "off":
        from checker.ingest.ocr import missing_ocr_parts

        if missing_ocr_parts():
            click.echo("scanned PDFs will be refused: OCR needs " + " and ".join(missing_ocr_parts()), err=True)
    server.run(app, settings, sockets=[sock])
    return EXIT_OK


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
    errors (now or by an earlier run), 2 usage/corpus/database error, 130 interrupted (Ctrl-C or
    SIGTERM; run the same command again to resume)."""


def _terminate_as_interrupt():
    """SIGTERM (a CI timeout, `kill`, a scheduler's pre-emption) ends the run like Ctrl-C: the
    run is recorded as interrupted and the next run resumes it."""
    import signal

    def on_term(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread (an embedding application): leave its handler alone
        return None


@audit.command("run")
@click.argument("inputs", nargs=-1)
@click.option("--from-list", "from_list", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a text file with one contract path a line")
@click.option("--db", "db_path", default="audit.sqlite", show_default=True, help="the results database (SQLite)")
@click.option("--jobs", "-j", default=None, type=click.IntRange(1), help="worker processes (default: CPU count)")
@click.option("--scheduler", default=None, help="run on Dask: tcp://HOST:PORT, or 'local' for a LocalCluster of --jobs workers")
@click.option("--corpus", "corpus_dir", default=None, type=click.Path(file_okay=False, path_type=str))
@click.option("--metadata", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="a CSV with a `path` column (or `file`) and columns such as employer, sector, year, "
                   "state, joined to every export row and summary")
@click.option("--timeout", default=600.0, show_default=True, help="hard per-document seconds (local processes)")
@click.option("--max-memory", default=4096, show_default=True, help="per-worker memory cap in MB (local processes; 0: none)")
@limit_options
@click.option("--retry-errors", is_flag=True, help="audit again documents recorded as errors")
@click.option("--jsonl", "jsonl_out", default=None, help="also write every record as JSON Lines to this file at the end")
@click.option("--progress/--no-progress", default=None,
              help="progress bar (default: a bar when stderr is a terminal, else a line every --progress-every seconds)")
@click.option("--progress-every", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="seconds between progress lines when stderr is not a terminal")
def audit_run(inputs, from_list, db_path, jobs, scheduler, corpus_dir, metadata, timeout, max_memory, max_seconds,
              max_pages, max_mb, retry_errors, jsonl_out, progress, progress_every) -> int:
    """Audit every contract under INPUTS into the results database; re-running resumes."""
    import signal

    from checker.batch import AuditOptions, ResultsDB, audit_summary, discover, export, run_audit, summary_text
    from checker.batch.progress import ProgressReporter
    from checker.errors import UsageError

    if not inputs and not from_list:
        raise UsageError("give folders, files or globs to audit, or --from-list FILE")
    paths = run_guarded(lambda: discover(inputs, from_list=from_list))
    meta = None
    if metadata:
        from checker.batch.metadata import read_metadata

        meta = run_guarded(lambda: read_metadata(metadata))
    options = AuditOptions(corpus_dir=corpus_dir, jobs=jobs or os.cpu_count() or 1, timeout=timeout,
                           max_memory_mb=max_memory or None, scheduler=scheduler, retry_errors=retry_errors,
                           limits=make_limits(max_seconds, max_pages, max_mb))
    mode = ("bar" if sys.stderr.isatty() else "lines") if progress is None else ("bar" if progress else "off")
    reporter = ProgressReporter(mode, every=progress_every, write=lambda s, nl: click.echo(s, err=True, nl=nl))
    previous = _terminate_as_interrupt()
    try:
        stats = run_guarded(lambda: run_audit(paths, db_path, options, progress=reporter))
    finally:
        reporter.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

    def finish():
        with ResultsDB(db_path, create=False) as db:
            if meta is not None:
                from checker.batch.metadata import store_metadata

                store_metadata(db, meta)
            if jsonl_out:
                export(db, "jsonl", jsonl_out)
            return summary_text(audit_summary(db))

    click.echo(run_guarded(finish))
    click.echo(f"run {stats.run_id}: {stats.inputs} inputs, {stats.audited} audited, {stats.skipped} already done, "
               f"{stats.duplicates} duplicates, {stats.errors} errors in {stats.seconds:.1f} s", err=True)
    return EXIT_FINDINGS if stats.failed else EXIT_OK


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
        with ResultsDB(db_path, create=False) as db:
            return export(db, fmt, output, table=table)

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
        with ResultsDB(db_path, create=False) as db:
            s = audit_summary(db)
        return json.dumps(s, indent=2, ensure_ascii=False) if fmt == "json" else summary_text(s)

    click.echo(run_guarded(work))


@audit.command("report")
@click.argument("db_path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--output", "-o", default="audit-report.html", show_default=True)
@click.option("--per-document", "per_document", default=None, type=click.Path(file_okay=False, path_type=str),
              help="also write each contract's HTML report into this folder, linked from the summary")
def audit_report(db_path, output, per_document) -> None:
    """A self-contained HTML summary with charts."""
    from checker.batch import ResultsDB
    from checker.batch.html import write_report

    def work():
        with ResultsDB(db_path, create=False) as db:
            write_report(db, output, per_document=per_document)

    run_guarded(work)
    click.echo(f"wrote {output}", err=True)


COMPARE_FORMATS = ["text", "json", "html", "markdown", "github", "sarif", "junit"]


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
@click.option("--fail-on", type=click.Choice(["regression", "weakened", "missing", "never"]), default="regression",
              show_default=True,
              help="exit 1 on any regression; or when NEW has a protection at or below weakened/missing; never: exit 0")
@policy_options
@click.option("--password", default=None, help="password of encrypted PDFs")
@click.option("--quiet", "-q", is_flag=True, help="only the regressions")
@click.option("--revisions", is_flag=True,
              help="one Word draft: compare its text before the tracked changes with the text after them")
def compare(old: str, new: str | None, fmt: str, output: str | None, fail_on: str, select: tuple[str, ...],
            ignore: tuple[str, ...], corpus_dir: str | None, config_file: str | None, password: str | None,
            quiet: bool, revisions: bool) -> int:
    """Compare two versions of a contract (e.g. the current agreement and the employer's counter),
    or with --revisions what the tracked changes of one Word draft do: `compare --revisions DRAFT.docx`.

    Per protection: the status in OLD and NEW and whether it regressed, improved or is unchanged.
    Exit 0: nothing at --fail-on; 1: at least one (default: a regression); 2: a usage,
    configuration, corpus or input error."""
    from checker import formats
    from checker.compare import failing_changes
    from checker.config import load_policy
    from checker.errors import UsageError

    if revisions and new is not None:
        raise UsageError("compare --revisions takes one Word draft, not two files",
                         hint="run `clausecheck compare --revisions DRAFT.docx`, or drop --revisions to compare OLD NEW")
    if not revisions and new is None:
        raise UsageError("compare needs OLD and NEW",
                         hint="give two versions, or `--revisions DRAFT.docx` for one draft's tracked changes")
    if revisions:
        _docx_only([old])

    def work():
        from checker.api import check_file
        from checker.compare import compare as compare_reports

        corpus, _, policy = load_policy(config_file=config_file, corpus_dir=corpus_dir,
                                        select=_split(select), ignore=_split(ignore))
        if revisions:
            from checker.compare import compare_redlines

            return compare_redlines(old, lambda view: policy.apply(check_file(old, corpus, password=password,
                                                                              revisions=view)))
        reports = [policy.apply(_check_with_progress(check_file, p, corpus, password)) for p in (old, new)]
        return compare_reports(*reports)

    comparison = run_guarded(work)
    options = formats.Options(color=_colour(output) and fmt == "text", quiet=quiet, fail_on=fail_on)
    _emit(formats.FORMATTERS[fmt].render_comparison(comparison, options), output)
    return EXIT_FINDINGS if failing_changes(comparison, fail_on) else EXIT_OK


def _check_with_progress(check_file, path: str, corpus, password: str | None):
    """`check_file` with its pages and the check shown on a terminal (compare's two drafts)."""
    progress = stage_progress(True, path)
    try:
        return check_file(path, corpus, password=password, progress=progress)
    finally:
        if progress is not None:
            progress.close()


# ---- propose: the counter-proposal as a Word document (checker.propose) ----------------------
@main.command()
@click.argument("draft", type=click.Path(dir_okay=False, path_type=str))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="the Word file to write (.docx)")
@click.option("--employer", default=None, help="the employer's name for the model language "
                                                "(default: from the draft's preamble or recognition clause)")
@click.option("--union", default=None, help="the union's name (default: from the draft)")
@click.option("--redline", is_flag=True, help="DOCX drafts: write the draft itself with Word tracked changes "
                                              "(author clausecheck) instead of a separate counter-proposal")
@policy_options
@click.option("--password", default=None, help="password of an encrypted PDF")
@click.option("--ocr", is_flag=True, help="OCR scanned pages (needs clausecheck[ocr] and tesseract-ocr)")
@limit_options
def propose(draft: str, output: str, employer: str | None, union: str | None, redline: bool,
            select: tuple[str, ...], ignore: tuple[str, ...], corpus_dir: str | None, config_file: str | None,
            password: str | None, ocr: bool, max_seconds: float, max_pages: int, max_mb: int) -> None:
    """Write a counter-proposal to DRAFT as a Word document: the model language of each missing or
    weakened protection (or the --select'ed ones), the parties' names filled in, as one article
    behind a table of what changes and why. With --redline (DOCX drafts), the draft itself with
    tracked changes that replace each weakened clause and insert each missing one.

    Exit 0: written (or nothing to propose); 2: a usage, configuration, corpus or input error."""

    def work():
        from checker.api import default_corpus
        from checker.config import load_config
        from checker.corpus import load_corpus
        from checker.propose import propose_file

        config = load_config(config_file)
        directory = corpus_dir or config.corpus
        corpus = load_corpus(directory) if directory else default_corpus()
        config.validate(corpus)
        policy = config.policy(select=_split(select), ignore=_split(ignore))
        policy.validate(corpus)
        try:
            return propose_file(draft, output, corpus=corpus, policy=policy, employer=employer, union=union,
                                redline=redline, password=password, ocr=ocr,
                                limits=make_limits(max_seconds, max_pages, max_mb), progress=progress)
        finally:
            if progress is not None:
                progress.close()

    progress = stage_progress(True, draft)
    outcome = run_guarded(work)
    for line in outcome_lines(outcome):
        click.echo(line, err=True)


def outcome_lines(outcome) -> list[str]:
    """What `propose` tells the user on stderr: what was written, and the names still to fill."""
    p = outcome.proposal
    if outcome.output is None:
        return [f"{p.document}: nothing to propose: every selected protection matches the model"]
    weak = sum(c.status == "weakened" for c in p.clauses)
    lines = [f"wrote {outcome.output}: {len(p.clauses)} protection(s), {weak} weakened, "
             f"{len(p.clauses) - weak} missing"]
    r = outcome.redline
    if r is not None:
        lines[0] += f"; tracked changes: {len(r.replaced)} clause(s) replaced, {len(r.inserted)} inserted"
        if r.new_article:
            lines.append(f"added {r.new_article} at the end (the draft has no article for these protections)")
        if r.not_located:
            lines.append("could not find the clause to replace for " + ", ".join(r.not_located)
                         + "; inserted the model language instead")
    for role in ("employer", "union"):
        lines += [f"{role}: {line}" for line in [p.parties.describe(role.capitalize())] if line]
    if p.unfilled:
        lines.append("placeholders left to fill: " + ", ".join(p.unfilled)
                     + " (no name in the draft; pass --employer and --union)")
    return lines


if __name__ == "__main__":
    sys.exit(main())
