"""The strength lexicon: every phrase that makes a clause weaker than the model (or that the checks
must leave alone) is an entry in `clause_corpus/strength/<category>.yaml`, with a stable id, its
pattern, a one-line reason, and sentences it must fire on and must not fire on.

The category is the file name; it names the mechanism (code, in checker.engine) that reads the
entries. Entries are data: adding a hedge is adding an entry to hedge.yaml. Loading checks the
shape of every file and compiles every pattern; `example_problems` runs every example through its
mechanism (`clausecheck corpus validate` and the test suite do), so an entry no example exercises
is reported with its `path:line`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from checker.resources import builtin_corpus_dir

STRENGTH_DIR = builtin_corpus_dir() / "strength"

# category -> what its entries are (the mechanisms reading them live in checker.engine).
CATEGORIES = {
    "modality": "permissive wording that leaves an employer duty optional (modality)",
    "hedge": "wording that lets a duty give way to circumstances (hedge)",
    "discretion": "wording that leaves a duty to the employer's judgement (discretion)",
    "carve_out": "narrow legal-compliance carve-outs, normal in model language; masked before the "
                 "modality, hedge and discretion entries run",
    "eligibility": "conditions that leave part of the bargaining unit out (scope)",
    "definition_narrowing": "definitions that narrow the defined term, and with it every clause using it (scope)",
    "section_override": "a provision setting a named section aside (override)",
    "section_limit": "a provision limiting whom or what named sections cover (override, as scope)",
    "global_override": "a reservation of rights against the whole agreement (override, as discretion)",
    "disclaimer": "a provision disclaiming that it creates contract rights: its text is never evidence",
    "non_binding": "a provision declared non-binding or kept out of the grievance procedure (enforceability)",
    "vague_time": "a vague time where the model sets a number of hours or days (hedge, with parameter)",
    "right_holder": "who holds a right: a worker's, union's or arbitrator's \"may\" is no permissive duty (modality)",
    "employer_side": "who holds the duty: the employer and those acting for it (modality)",
    "learned_defeater": "what a sentence the defeater classifier reads as a defeater must name for the reading "
                        "to count (enforceability, scope, reversed, discretion)",
    "defeat_guard": "conditions under which a defeating clause is set aside (a change needing the union, a "
                    "correction exception, a warrant condition) or a described subject counts (immigration words)",
    "subject": "the words in which an exclusion elsewhere may describe a protection's subject, one entry per "
               "protection (`subject.<protection id>`): such an exclusion reaches that protection (enforceability)",
}


def categories() -> dict[str, str]:
    """The categories above, and any a registered check declares as its `lexicon` (a new kind of
    deviation may bring its own phrase file; its entries are searched as one alternation)."""
    from checker.engine.checks import REGISTRY

    out = dict(CATEGORIES)
    for check in REGISTRY:
        if check.lexicon and check.lexicon not in out:
            out[check.lexicon] = check.summary
    return out


# Categories whose entries are searched as one alternation (leftmost match, first entry at a tie):
# their patterns may not reuse a named group.
ALTERNATIONS = ("carve_out", "eligibility", "global_override", "vague_time", "non_binding")

FILE_KEYS = {"description": (str, True), "fragments": (dict, False), "prefilter": (str, False),
             "entries": (list, True)}
ENTRY_KEYS = {"id": (str, True), "pattern": (str, True), "why": (str, True), "fires": (list, True),
              "quiet": (list, True)}
_ID = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
_FRAGMENT = re.compile(r"<<([a-z_]+)>>")


@dataclass(frozen=True)
class Example:
    text: str
    line: int


@dataclass(eq=False)
class Entry:
    id: str
    category: str
    pattern: str  # fragments expanded
    why: str
    fires: tuple[Example, ...]
    quiet: tuple[Example, ...]
    path: str
    line: int
    _regex: re.Pattern | None = None
    _gate: tuple[frozenset[str], ...] | None = None  # computed at load: it is stored with the cached corpus

    @property
    def regex(self) -> re.Pattern:
        """Compiled on first use (the entries of an alternation category run as one pattern)."""
        if self._regex is None:
            from checker.corpus import rxcode

            self._regex = rxcode.compile(self.pattern)
        return self._regex

    @property
    def gate(self) -> tuple[frozenset[str], ...]:
        """The literals a text must hold for the pattern to match in it (checker.engine.literals)."""
        if self._gate is None:
            from checker.engine.literals import literal_gate

            self._gate = literal_gate(self.pattern)
        return self._gate

    def admits(self, text: str) -> bool:
        """Whether `text` holds a literal of every set of the gate (checker.engine.literals.passes,
        inlined: it runs for every entry on every sentence)."""
        for literals in self._gate if self._gate is not None else self.gate:
            for lit in literals:
                if lit in text:
                    break
            else:
                return False
        return True

    def finditer(self, text: str):
        """`regex.finditer(text)`, not run on a text that lacks the pattern's required literals
        (most sentences lack most entries': measured, the literal checks cost a tenth of the searches)."""
        return (self._regex or self.regex).finditer(text) if self.admits(text) else iter(())

    def search(self, text: str) -> re.Match | None:
        """`regex.search(text)`, behind the same literal gate as `finditer`."""
        return (self._regex or self.regex).search(text) if self.admits(text) else None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(eq=False)
class Lexicon:
    entries: dict[str, tuple[Entry, ...]]  # category -> entries in file order
    prefilters: dict[str, re.Pattern]
    files: list[Path]
    _alternations: dict[str, re.Pattern] = field(default_factory=dict)

    def _key(self) -> tuple:
        """What the lexicon says (compiled patterns are a cache of it, not part of it)."""
        return ({c: tuple((e.id, e.pattern, e.why, e.fires, e.quiet, e.path, e.line) for e in es)
                 for c, es in self.entries.items()},
                {c: (rx.pattern, rx.flags) for c, rx in self.prefilters.items()}, [str(f) for f in self.files])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self._key() == other._key()

    def __getitem__(self, category: str) -> tuple[Entry, ...]:
        return self.entries.get(category, ())

    def get(self, entry_id: str) -> Entry | None:
        return next((e for es in self.entries.values() for e in es if e.id == entry_id), None)

    def passes(self, category: str, text: str) -> bool:
        """False when the category's prefilter rules `text` out (no entry can fire there)."""
        pre = self.prefilters.get(category)
        return pre is None or pre.search(text) is not None

    def alternation(self, category: str) -> re.Pattern:
        """The category's entries as one regex; `match.lastgroup` names the entry (`_<n>`)."""
        rx = self._alternations.get(category)
        if rx is None:
            rx = self._alternations[category] = re.compile(
                "|".join(f"(?P<_{i}>{e.pattern})" for i, e in enumerate(self[category])))
        return rx

    def entry_of(self, category: str, match: re.Match) -> Entry:
        return self[category][int(match.lastgroup[1:])]

    def may_match(self, category: str, text: str) -> bool:
        """False when no entry of the category can match in `text`: it holds the required literals of
        none of them (checker.engine.literals), so neither can their alternation."""
        return any(e.admits(text) for e in self[category])

    def finditer(self, category: str, text: str):
        """(entry, match) for the category's alternation over `text`, left to right."""
        if not self.may_match(category, text):
            return
        entries = self[category]
        for m in self.alternation(category).finditer(text):
            yield entries[int(m.lastgroup[1:])], m

    def search(self, category: str, text: str) -> re.Match | None:
        """The first match of the category's alternation in `text` (`entry_of` names its entry)."""
        return self.alternation(category).search(text) if self.may_match(category, text) else None

    def first(self, category: str, text: str) -> tuple[Entry, re.Match] | tuple[None, None]:
        """The leftmost match of any entry (the earlier entry at a tie), as an alternation would
        find it; works for entries that share a named group (`(?P<ref>...)`)."""
        best: tuple[Entry, re.Match] | tuple[None, None] = (None, None)
        for e in self[category]:
            m = e.search(text)
            if m is not None and (best[1] is None or m.start() < best[1].start()):
                best = (e, m)
        return best


def _expand(pattern: str, fragments: dict[str, str], path: Path, line: int, problems) -> str:
    for _ in range(5):  # fragments may use earlier fragments
        if not _FRAGMENT.search(pattern):
            return pattern
        missing = [n for n in _FRAGMENT.findall(pattern) if n not in fragments]
        if missing:
            problems.add(path, line, f"unknown fragment <<{missing[0]}>> (define it under `fragments:`)")
            return pattern
        pattern = _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)
    problems.add(path, line, "fragments nest too deeply")
    return pattern


def _examples(raw, path: Path, what: str, problems) -> tuple[Example, ...]:
    out = []
    for i, text in enumerate(raw):
        line = raw.line_of(i)
        if not isinstance(text, str) or not text.strip():
            problems.add(path, line, f"{what} examples must be non-empty strings")
            continue
        out.append(Example(text, line))
    return tuple(out)


def _compiled(category: str, entries: list[Entry], path: Path, pattern_line: dict[str, int],
              alternations: dict[str, re.Pattern], problems) -> list[Entry]:
    """The entries whose patterns compile. An alternation category is compiled once, as one pattern
    (its entries compile on first use); a bad pattern is reported at its line."""
    if entries and (category in ALTERNATIONS or category not in CATEGORIES):
        try:
            alternations[category] = re.compile("|".join(f"(?P<_{i}>{e.pattern})" for i, e in enumerate(entries)))
            return entries
        except re.error as exc:
            combine_error = exc
    else:
        combine_error = None
    good = []
    for e in entries:
        try:
            e._regex = re.compile(e.pattern)
            good.append(e)
        except re.error as exc:
            problems.add(path, pattern_line[e.id], f"bad pattern for {e.id}: {exc}")
    if combine_error is not None and len(good) == len(entries):
        problems.add(path, entries[0].line, f"the entries of {category} must combine into one pattern "
                     f"(do not reuse a named group): {combine_error}")
    return good


def load_lexicon(directory: Path, problems, *, partial: bool = False) -> Lexicon:
    """Every `<category>.yaml` in `directory`; problems are added to `problems` (checker.corpus.load).
    `partial`: a pack's own strength folder, which holds only the categories it adds to."""
    from checker.corpus.load import _check_keys, _read_yaml

    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    entries: dict[str, tuple[Entry, ...]] = {}
    alternations: dict[str, re.Pattern] = {}
    pattern_line: dict[str, int] = {}
    prefilters: dict[str, re.Pattern] = {}
    seen: dict[str, str] = {}
    for path in files:
        category = path.stem
        known = categories()
        if category not in known:
            problems.add(path, 1, f"unknown strength category {category!r} (the file name names it; "
                         f"known: {', '.join(known)})")
            continue
        data = _read_yaml(path, problems)
        if data is None or not _check_keys(data, FILE_KEYS, path, "strength file", problems):
            continue
        fragments = {str(k): str(v) for k, v in data.get("fragments", {}).items()}
        if "prefilter" in data:
            try:
                prefilters[category] = re.compile(data["prefilter"])
            except re.error as exc:
                problems.add(path, data.line_of("prefilter"), f"bad prefilter {data['prefilter']!r}: {exc}")
        out = []
        for i, raw in enumerate(data["entries"]):
            line = data["entries"].line_of(i)
            if not _check_keys(raw, ENTRY_KEYS, path, f"entry {i + 1}", problems):
                continue
            eid = raw["id"]
            if not _ID.fullmatch(eid) or not eid.startswith(category + "."):
                problems.add(path, raw.line_of("id"), f"id {eid!r} must read {category}.<snake_case name>")
            if eid in seen:
                problems.add(path, raw.line_of("id"), f"duplicate id {eid!r} (first at {seen[eid]})")
                continue
            seen[eid] = f"{path}:{line}"
            pattern = _expand(raw["pattern"], fragments, path, raw.line_of("pattern"), problems)
            fires = _examples(raw["fires"], path, "fires", problems)
            quiet = _examples(raw["quiet"], path, "quiet", problems)
            if not fires:
                problems.add(path, raw.line_of("fires"), f"{eid} needs at least one sentence it fires on")
            if not quiet:
                problems.add(path, raw.line_of("quiet"), f"{eid} needs at least one sentence it must not fire on")
            out.append(Entry(eid, category, pattern, raw["why"].strip(), fires, quiet, str(path), line))
            pattern_line[eid] = raw.line_of("pattern")
        entries[category] = tuple(_compiled(category, out, path, pattern_line, alternations, problems))
        for e in entries[category]:
            e.gate  # noqa: B018 — computed now, so that the cached corpus stores it
    for category in () if partial else categories():
        if category not in entries:
            problems.add(directory / f"{category}.yaml", 1, f"missing strength file for {category!r}")
    return Lexicon(entries, prefilters, files, alternations)


def merge(base: Lexicon, own: Lexicon, problems) -> Lexicon:
    """The built-in lexicon with a pack's own entries: an entry with a built-in id replaces that entry
    where it stands (as a protection with a built-in id replaces it); a new one comes after the
    category's built-in entries. A category the pack changes keeps a prefilter only if the pack's
    file declares one too (both then count)."""
    entries = {c: tuple(es) for c, es in base.entries.items()}
    prefilters = dict(base.prefilters)
    alternations = {c: rx for c, rx in base._alternations.items() if c not in own.entries}
    for category, extra in own.entries.items():
        replacing = {e.id: e for e in extra}
        merged = [replacing.pop(e.id, e) for e in entries.get(category, ())] + list(replacing.values())
        entries[category] = tuple(merged)
        if category in prefilters:
            if category in own.prefilters:
                prefilters[category] = re.compile(f"(?:{prefilters[category].pattern})|(?:{own.prefilters[category].pattern})")
            else:
                del prefilters[category]
        if category in ALTERNATIONS or category not in CATEGORIES:
            alternations[category] = re.compile("|".join(f"(?P<_{i}>{e.pattern})" for i, e in enumerate(merged)))
    return Lexicon(entries, prefilters, base.files + own.files, alternations)


_REMEMBERED: dict[Path, Lexicon] = {}


def remember(lexicon) -> None:
    """The built-in lexicon as the corpus cache stored it (checker.corpus.cache): `builtin` returns
    it instead of reading and compiling the files again (the cache is keyed by those files)."""
    if isinstance(lexicon, Lexicon):
        _REMEMBERED.setdefault(STRENGTH_DIR, lexicon)


@cache
def builtin() -> Lexicon:
    """The built-in strength lexicon the engine reads (raises CorpusError if it does not validate)."""
    if STRENGTH_DIR in _REMEMBERED:
        return _REMEMBERED[STRENGTH_DIR]
    from checker.corpus.load import _Problems
    from checker.errors import CorpusError

    problems = _Problems()
    lex = load_lexicon(STRENGTH_DIR, problems)
    if problems.items:
        raise CorpusError(problems.items, path=str(STRENGTH_DIR))
    return lex


def example_problems(lex: Lexicon, only: set[str] | None = None) -> list[str]:
    """`path:line: problem` for every example its entry does not fire on (fires) or fires on (quiet):
    an entry none of its examples exercises is reported this way. `only`: these entry ids."""
    from checker.engine.language import fired

    out = []
    for entries in lex.entries.values():
        for e in entries:
            if only is not None and e.id not in only:
                continue
            for ex in e.fires:
                if e.id not in fired(e.category, ex.text, lex):
                    out.append(f"{e.path}:{ex.line}: {e.id} does not fire on {ex.text!r} "
                               f"(fix the pattern or the example)")
            for ex in e.quiet:
                if e.id in fired(e.category, ex.text, lex):
                    out.append(f"{e.path}:{ex.line}: {e.id} fires on {ex.text!r}, which it must not")
    return out


def validate(directory: Path = STRENGTH_DIR) -> list[str]:
    """Every problem of the strength lexicon in `directory`: its files' shape and patterns, then
    every example run through its mechanism."""
    from checker.corpus.load import _Problems

    problems = _Problems()
    lex = load_lexicon(Path(directory), problems)
    return problems.items or example_problems(lex)
