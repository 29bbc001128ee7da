"""Team configuration: `.clausecheck.toml`, or `[tool.clausecheck]` in pyproject.toml.

Found by walking up from the working directory (the first folder holding either file wins;
`.clausecheck.toml` before pyproject.toml), or named with `--config`. Keys (`-` or `_`):

    fail-on = "weakened"                 # weakened | missing | never
    corpus = "clause-pack"               # relative to the config file
    required = ["judicial_warrant_for_nonpublic_access"]   # only these can fail the run
    exclude = ["archive/**", "*-draft.md"]  # globs (relative to the config file) `check` skips
    [required-by-path]                   # per document glob: the protections that can fail it
    "contracts/hotels/*.pdf" = ["judicial_warrant_for_nonpublic_access", "e_verify_limits"]
    [severity]                           # per-protection override: critical|high|medium|low
    union_notice_of_immigration_contact = "critical"
    [[waivers]]                          # an accepted gap, with a reason
    document = "contracts/2019-*.pdf"    # glob, relative to the config file's folder
    protection = "i9_reverification_limits"
    reason = "Reopener on Article 31 agreed for 2027"
    expires = 2027-06-30                 # optional (TOML date or "YYYY-MM-DD")

Every problem is a `ConfigError` naming `path:line`. tomllib gives no positions for values, so
the line is found by searching the file for the key (within the n-th [[waivers]] table).
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.errors import ConfigError
from checker.run import FAIL_RANK, SEVERITIES, Policy, Waiver

CONFIG_NAMES = (".clausecheck.toml", "pyproject.toml")
KEYS = {"fail_on", "corpus", "required", "severity", "waivers", "exclude", "required_by_path"}
WAIVER_KEYS = {"document", "protection", "reason", "expires"}


@dataclass
class Config:
    path: Path | None = None
    fail_on: str | None = None
    corpus: str | None = None
    required: tuple[str, ...] = ()
    required_by_path: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    lines: list[str] = field(default_factory=list)
    table: str = ""  # "" for .clausecheck.toml, "tool.clausecheck" in pyproject.toml

    def policy(self, *, fail_on: str | None = None, select: tuple[str, ...] = (),
               ignore: tuple[str, ...] = ()) -> Policy:
        """The policy for one run: command-line options win over the file."""
        return Policy(fail_on=fail_on or self.fail_on or "missing", select=select, ignore=ignore,
                      required=self.required, severity=dict(self.severity), waivers=self.waivers,
                      required_by_path=dict(self.required_by_path),
                      base=str(self.path.parent) if self.path else "")

    def excludes(self, path: str) -> bool:
        """Whether `exclude` leaves this document out of `check` (globs relative to the file)."""
        if not self.exclude:
            return False
        from pathlib import PurePosixPath

        from checker.run import display_path

        rel = display_path(path, str(self.path.parent) if self.path else None)
        parts = PurePosixPath(rel).parts
        # "archive/**" (or "archive") also covers everything below the folder
        candidates = [rel, PurePosixPath(rel).name] + ["/".join(parts[:i]) for i in range(1, len(parts))]
        return any(fnmatch.fnmatch(c, pattern.rstrip("/")) or fnmatch.fnmatch(c + "/x", pattern)
                   for pattern in self.exclude for c in candidates)

    def validate(self, corpus) -> None:
        """Protection ids in the file must exist in the corpus in use."""
        ids = {p.id for p in corpus.protections}
        for pid in self.required:
            if pid not in ids:
                self._fail(f"unknown protection {pid!r} in required", pid)
        for pattern, pids in self.required_by_path.items():
            for pid in pids:
                if pid not in ids:
                    self._fail(f"unknown protection {pid!r} in required-by-path {pattern!r}", pid)
        for pid in self.severity:
            if pid not in ids:
                self._fail(f"unknown protection {pid!r} in [severity]", pid)
        for w in self.waivers:
            if w.protection not in ids:
                raise ConfigError(f"unknown protection {w.protection!r} in a waiver", path=w.source,
                                  hint="run `clausecheck corpus list` for the ids")

    # -- locating problems ---------------------------------------------------------------
    def line_of(self, needle: str, *, after: int = 0) -> int:
        """1-based line of the first line (from `after`) mentioning `needle` as a key or value."""
        pattern = re.compile(rf"(^|[\s\"'\[,]){re.escape(needle)}($|[\s\"'\],=.])")
        for i, line in enumerate(self.lines[after:], start=after + 1):
            if pattern.search(line.split("#", 1)[0]):
                return i
        return after + 1 if after else 1

    def where(self, needle: str, *, after: int = 0) -> str:
        return f"{self.path}:{self.line_of(needle, after=after)}"

    def _fail(self, problem: str, needle: str, *, after: int = 0, hint: str | None = None):
        raise ConfigError(problem, path=self.where(needle, after=after),
                          hint=hint or "run `clausecheck corpus list` for the ids")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .clausecheck.toml, or pyproject.toml with [tool.clausecheck], from `start` up."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / ".clausecheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\s*\[\s*tool\.clausecheck[\].]", _read(pyproject), re.M):
            return pyproject
    return None


def load_config(path: str | os.PathLike | None = None, *, start: Path | None = None) -> Config:
    """The configuration at `path`, or the one found from `start` (default: cwd), or an empty one."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError("configuration file not found", path=str(path), hint="check the --config path")
    else:
        p = find_config(start)
        if p is None:
            return Config()
    return parse_config(p)


def _read(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration ({exc})", path=str(p)) from exc


def parse_config(p: Path) -> Config:
    import tomllib  # only when there is a configuration to read

    text = _read(p)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        line = int(m.group(1)) if m else max(1, len(text.splitlines()))  # "at end of document"
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ConfigError(f"invalid TOML: {msg}", path=f"{p}:{line}",
                          hint="fix the syntax; see docs/ci.md for an example") from exc
    cfg = Config(path=p, lines=text.splitlines())
    if p.name == "pyproject.toml":
        cfg.table = "tool.clausecheck"
        data = data.get("tool", {}).get("clausecheck", {})
    if not isinstance(data, dict):
        raise ConfigError("[tool.clausecheck] must be a table", path=cfg.where("clausecheck"))
    raw = {k.replace("-", "_"): (k, v) for k, v in data.items()}
    for key, (original, _) in raw.items():
        if key not in KEYS:
            cfg._fail(f"unknown key {original!r}", original,
                      hint=f"known keys: {', '.join(sorted(k.replace('_', '-') for k in KEYS))}")

    if "fail_on" in raw:
        key, value = raw["fail_on"]
        if value not in FAIL_RANK:
            cfg._fail(f"{key} must be one of weakened, missing, never (got {value!r})", key,
                      hint="e.g. fail-on = \"weakened\"")
        cfg.fail_on = value
    if "corpus" in raw:
        key, value = raw["corpus"]
        if not isinstance(value, str) or not value:
            cfg._fail(f"{key} must be a folder path (a string)", key, hint="e.g. corpus = \"clause-pack\"")
        folder = (p.parent / value).resolve()
        if not folder.is_dir():
            cfg._fail(f"corpus folder {value!r} does not exist", key,
                      hint="the path is relative to the configuration file")
        cfg.corpus = str(folder)
    if "required" in raw:
        key, value = raw["required"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            cfg._fail(f"{key} must be a list of protection ids", key, hint="e.g. required = [\"id_one\", \"id_two\"]")
        cfg.required = tuple(value)
    if "exclude" in raw:
        key, value = raw["exclude"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            cfg._fail(f"{key} must be a list of globs", key, hint="e.g. exclude = [\"archive/**\", \"*-notes.md\"]")
        cfg.exclude = tuple(value)
    if "required_by_path" in raw:
        key, value = raw["required_by_path"]
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values()):
            cfg._fail(f"{key} must be a table of document glob = [protection ids]", key,
                      hint="e.g. [required-by-path] then \"hotels/*.pdf\" = [\"e_verify_limits\"]")
        cfg.required_by_path = {k: tuple(v) for k, v in value.items()}
    if "severity" in raw:
        key, value = raw["severity"]
        if not isinstance(value, dict):
            cfg._fail("severity must be a table of protection id = level", key,
                      hint="e.g. [severity] then some_protection = \"critical\"")
        for pid, level in value.items():
            if level not in SEVERITIES:
                cfg._fail(f"severity of {pid!r} must be one of {', '.join(SEVERITIES)} (got {level!r})", pid,
                          hint="use critical, high, medium or low")
        cfg.severity = dict(value)
    if "waivers" in raw:
        cfg.waivers = _waivers(cfg, *raw["waivers"])
    return cfg


def _waivers(cfg: Config, key: str, value) -> tuple[Waiver, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        cfg._fail("waivers must be an array of tables ([[waivers]])", key, hint="write each waiver under [[waivers]]")
    header = re.compile(r"^\s*\[\[\s*(tool\.clausecheck\.)?waivers\s*\]\]")
    starts = [i for i, line in enumerate(cfg.lines) if header.match(line)]
    out = []
    for n, entry in enumerate(value):
        after = starts[n] if n < len(starts) else 0  # inline arrays: search from the top
        at = f"{cfg.path}:{after + 1}"
        for k in entry:
            if k not in WAIVER_KEYS:
                cfg._fail(f"unknown key {k!r} in a waiver", k, after=after,
                          hint="a waiver has document, protection, reason and optional expires")
        for k in ("document", "protection", "reason"):
            v = entry.get(k)
            if not isinstance(v, str) or not v.strip():
                raise ConfigError(f"waiver needs a non-empty {k!r}", path=at,
                                  hint="a waiver has document, protection, reason and optional expires")
        expires = entry.get("expires")
        if isinstance(expires, str):
            try:
                expires = date.fromisoformat(expires)
            except ValueError:
                cfg._fail(f"expires must be a date YYYY-MM-DD (got {expires!r})", "expires", after=after,
                          hint="e.g. expires = 2027-06-30")
        elif expires is not None and not isinstance(expires, date):
            cfg._fail("expires must be a date YYYY-MM-DD", "expires", after=after, hint="e.g. expires = 2027-06-30")
        out.append(Waiver(document=entry["document"], protection=entry["protection"], reason=entry["reason"].strip(),
                          expires=expires, source=f"{cfg.path}:{cfg.line_of('protection', after=after)}",
                          base=str(cfg.path.parent)))
    return tuple(out)


def load_policy(*, config_file: str | None = None, corpus_dir: str | None = None, fail_on: str | None = None,
                select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()):
    """The one policy set-up of `check`, `compare` and `serve`: the configuration (found or named),
    the corpus (--corpus, else the configuration's, else the built-in one), and the policy with
    the command line winning over the file. Every id in either is checked against the corpus.
    Returns (corpus, config, policy)."""
    from checker.api import default_corpus
    from checker.corpus import load_corpus

    config = load_config(config_file)
    directory = corpus_dir or config.corpus
    corpus = load_corpus(directory) if directory else default_corpus()
    config.validate(corpus)
    policy = config.policy(fail_on=fail_on, select=select, ignore=ignore)
    policy.validate(corpus)
    return corpus, config, policy
