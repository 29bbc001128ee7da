"""Load and validate a clause pack. Every problem is collected and reported at once as
`path:line: problem`; a corpus that does not validate never reaches the engine."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from checker.corpus import strength, yamlines
from checker.corpus.patterns import alternation, compiled
from checker.corpus.model import (
    Concept, Corpus, Element, Example, Narrowing, Parameter, Protection, Reversal, ScopeCheck,
    Strengthening,
)
from checker.errors import CorpusError
from checker.resources import builtin_corpus_dir, require_builtin_corpus

BUILTIN_DIR = builtin_corpus_dir()

STATUSES = ("matching", "weakened", "missing")


def deviation_kinds() -> tuple[str, ...]:
    """The kinds of deviation, as the engine's check registry declares them."""
    from checker.engine.checks import KINDS

    return KINDS


SEVERITIES = ("critical", "high", "medium", "low")
STRENGTHS = ("obligation", "prohibition")
UNITS = ("hours", "days", "working days", "months")
# The minimum example mix the built-in pack promises (issue 3): every protection is tested
# on full-strength, weakened and near-miss wording.
MIN_EXAMPLES = {"matching": 3, "weakened": 5, "missing": 3}

PACK_KEYS = {"name": (str, True), "version": (str, True), "description": (str, False),
             "extends": (str, False), "disable": (list, False), "order": (list, False)}
CONCEPT_KEYS = {"description": (str, True), "terms": (list, False), "patterns": (list, False)}
PROTECTION_KEYS = {
    "id": (str, True), "title": (str, True), "category": (str, True), "plank": (list, True),
    "severity": (str, True), "model_text": (str, True), "rationale": (str, True),
    "references": (list, True), "elements": (list, True), "strengthening": (list, False),
    "examples": (list, True), "headings": (list, False), "anchor": (list, False),
}
# Every protection is about immigration, so by default a passage must mention it before any of
# its detectors count; a protection whose subject has other words (interpreters, name changes)
# names its own `anchor`, and `anchor: []` turns the check off.
DEFAULT_ANCHOR = (("immigration",),)
ELEMENT_KEYS = {
    "index": (int, True), "description": (str, True), "strength": (str, True),
    "detect": ((list, dict), True), "context": (list, False), "scope": (list, False),
    "narrowing": (list, False), "reversed": (list, False), "allow": (list, False),
    "parameters": (list, False),
}
PARAMETER_KEYS = {"name": (str, True), "unit": (str, True), "model": ((int, float), True),
                  "better": (str, True), "required": (bool, True), "cues": (list, False),
                  "note": (str, False)}
SCOPE_KEYS = {"requires": (list, True), "expected": (str, True), "explain": (str, True), "kind": (str, False)}
NARROWING_KEYS = {"detect": (list, True), "found": (str, True), "explain": (str, True), "within": (str, False)}
NARROWING_WITHIN = ("sentence", "provision")
REVERSAL_KEYS = {"detect": (list, True), "explain": (str, True)}
EXAMPLE_KEYS = {"text": (str, True), "status": (str, True), "deviations": (list, False),
                "note": (str, False)}
STRENGTHENING_KEYS = {"description": (str, True), "suggested_text": (str, True)}


class _Problems:
    """Collects `path:line: problem` strings."""

    def __init__(self):
        self.items: list[str] = []

    def add(self, path: Path, line: int, problem: str) -> None:
        self.items.append(f"{path}:{line}: {problem}")


def builtin_order() -> list[str]:
    """The catalog order of the built-in protections: the `order` list of clause_corpus/pack.yaml, the
    one place it is written (a test checks it, and every protection file, against the shared spec)."""
    try:
        raw = yamlines.load((BUILTIN_DIR / "pack.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []  # reported when the built-in pack itself is loaded
    order = raw.get("order") if isinstance(raw, dict) else None
    return [str(pid) for pid in order] if isinstance(order, list) else []


class _BuiltinCatalog:
    """What a custom pack's protection with a built-in id must agree with: the built-in protection's
    title, category, plank, number of core elements and parameters (its YAML is the one source)."""

    def __init__(self, base: Corpus | None):
        self._base = base
        self._ids = set(builtin_order())

    def get(self, pid: str) -> dict | None:
        if pid not in self._ids:
            return None
        if self._base is None:
            self._base = load_corpus(None)
        p = self._base.get(pid)
        if p is None:
            return None
        return {"title": p.title, "category": p.category, "plank": list(p.plank),
                "core": [el.description for el in p.elements],
                "parameter": [{"name": x.name, "unit": x.unit, "better": x.better, "required": x.required,
                               "model": int(x.model) if float(x.model).is_integer() else x.model,
                               "element": el.index} for el in p.elements for x in el.parameters]}


def _check_keys(obj, spec: dict, path: Path, what: str, problems: _Problems) -> bool:
    if not isinstance(obj, dict):
        problems.add(path, getattr(obj, "line", 1), f"{what} must be a mapping")
        return False
    ok = True
    for key in obj:
        if key not in spec:
            problems.add(path, obj.line_of(key), f"unknown key {key!r} in {what} "
                         f"(allowed: {', '.join(sorted(spec))})")
            ok = False
    for key, (typ, required) in spec.items():
        if key not in obj:
            if required:
                problems.add(path, obj.line, f"{what} is missing required key {key!r}")
                ok = False
        elif not isinstance(obj[key], typ) or (typ is int and isinstance(obj[key], bool)):
            names = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
            problems.add(path, obj.line_of(key), f"{what}.{key} must be {names}, "
                         f"not {type(obj[key]).__name__}")
            ok = False
    return ok


def _read_yaml(path: Path, problems: _Problems):
    try:
        return yamlines.load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.add(path, 1, "not UTF-8 text")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.add(path, line, f"invalid YAML: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        problems.add(path, 1, f"invalid YAML: {exc}")
    return None


def _compile(pattern: str, path: Path, line: int, problems: _Problems) -> bool:
    try:
        compiled(pattern)
        return True
    except re.error as exc:
        problems.add(path, line, f"bad pattern {pattern!r}: {exc}")
        return False


def _detector(raw, path: Path, line: int, concepts: dict, problems: _Problems, what: str):
    """A detector is a list of groups; a group is a concept name, "re:<regex>", or a list of those."""
    if not isinstance(raw, list) or not raw:
        problems.add(path, line, f"{what} must be a non-empty list of concept groups")
        return ()
    groups = []
    for i, group in enumerate(raw):
        gline = raw.line_of(i) if hasattr(raw, "line_of") else line
        members = group if isinstance(group, list) else [group]
        out = []
        for m in members:
            if not isinstance(m, str) or not m:
                problems.add(path, gline, f"{what}: a concept group member must be a string")
                continue
            if m.startswith("re:"):
                _compile(m[3:], path, gline, problems)
            elif m not in concepts:
                problems.add(path, gline, f"{what}: unknown concept {m!r} (define it in lexicon/)")
            out.append(m)
        groups.append(tuple(out))
    return tuple(groups)


def _detectors(raw, path, line, concepts, problems, what):
    """`detect:` holds one detector (a list of groups) or several alternatives (a list of such lists
    written under `any:`)."""
    if isinstance(raw, dict) and "any" in raw:
        alts = raw["any"]
        if not isinstance(alts, list) or not alts:
            problems.add(path, line, f"{what}.any must be a non-empty list of detectors")
            return ()
        return tuple(_detector(a, path, alts.line_of(i), concepts, problems, what)
                     for i, a in enumerate(alts))
    return (_detector(raw, path, line, concepts, problems, what),)


def _load_lexicon(files: list[Path], problems: _Problems, base: dict | None = None) -> dict[str, Concept]:
    concepts: dict[str, Concept] = dict(base or {})
    seen_at: dict[str, str] = {}
    for path in files:
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict) or "concepts" not in data or set(data) - {"concepts"}:
            problems.add(path, getattr(data, "line", 1), "a lexicon file holds one key, `concepts:`")
            continue
        if not isinstance(data["concepts"], dict):
            problems.add(path, data.line_of("concepts"), "`concepts:` must map concept names to their terms")
            continue
        for name, body in data["concepts"].items():
            line = data["concepts"].line_of(name)
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
                problems.add(path, line, f"concept name {name!r} must be snake_case")
            if name in seen_at:
                problems.add(path, line, f"duplicate concept {name!r} (first defined at {seen_at[name]})")
                continue
            seen_at[name] = f"{path}:{line}"
            if not _check_keys(body, CONCEPT_KEYS, path, f"concept {name}", problems):
                continue
            terms = tuple(str(t) for t in body.get("terms", []))
            patterns = tuple(str(p) for p in body.get("patterns", []))
            if not terms and not patterns:
                problems.add(path, line, f"concept {name!r} has neither terms nor patterns")
            try:  # the engine compiles a concept's patterns as one alternation; check that first
                compiled(alternation(patterns)) if patterns else None
            except re.error:
                for i, p in enumerate(patterns):
                    _compile(p, path, body["patterns"].line_of(i), problems)
            if name in concepts:  # a pack extending another adds synonyms to the same concept
                old = concepts[name]
                terms, patterns = old.terms + terms, old.patterns + patterns
            concepts[name] = Concept(name, body["description"], terms, patterns)
    return concepts


def _load_protection(path: Path, data, concepts, catalog, builtin: bool, problems: _Problems, order=()):
    if not _check_keys(data, PROTECTION_KEYS, path, "protection", problems):
        return None
    pid = data["id"]
    if pid != path.stem:
        problems.add(path, data.line_of("id"), f"id {pid!r} does not match the file name {path.stem!r}")
    cat = catalog.get(pid)
    if builtin and pid not in order:
        problems.add(path, data.line_of("id"), f"id {pid!r} is not in the catalog (the `order` list of pack.yaml)")
    if cat is not None:
        for key in ("title", "category"):
            if data[key] != cat[key]:
                problems.add(path, data.line_of(key), f"{key} {data[key]!r} differs from the catalog's {cat[key]!r}")
        if list(data["plank"]) != list(cat["plank"]):
            problems.add(path, data.line_of("plank"), f"plank {list(data['plank'])} differs from the catalog's {cat['plank']}")
    if data["severity"] not in SEVERITIES:
        problems.add(path, data.line_of("severity"), f"severity must be one of {', '.join(SEVERITIES)}")

    elements = []
    raw_elements = data["elements"]
    cat_params = {p["name"]: p for p in (cat or {}).get("parameter", [])}
    seen_params = set()
    for i, raw in enumerate(raw_elements):
        line = raw_elements.line_of(i)
        if not _check_keys(raw, ELEMENT_KEYS, path, f"element {i + 1}", problems):
            continue
        idx = raw["index"]
        if idx != i + 1:
            problems.add(path, raw.line_of("index"), f"element index {idx} out of order (expected {i + 1})")
        if raw["strength"] not in STRENGTHS:
            problems.add(path, raw.line_of("strength"), f"strength must be one of {', '.join(STRENGTHS)}")
        where = f"element {idx}"
        detect = _detectors(raw["detect"], path, raw.line_of("detect"), concepts, problems, f"{where}.detect")
        context = (_detector(raw["context"], path, raw.line_of("context"), concepts, problems, f"{where}.context")
                   if "context" in raw else ())
        scope = []
        for j, s in enumerate(raw.get("scope", [])):
            if _check_keys(s, SCOPE_KEYS, path, f"{where}.scope[{j}]", problems):
                kind = s.get("kind", "scope")
                if kind not in ("scope", "missing_element"):
                    problems.add(path, s.line_of("kind"), "scope kind must be 'scope' or 'missing_element'")
                scope.append(ScopeCheck(_detector(s["requires"], path, s.line_of("requires"), concepts, problems,
                                                  f"{where}.scope.requires"), s["expected"], s["explain"], kind,
                                        f"{pid}.e{idx}.scope.{j + 1}"))
        narrowing = []
        for j, s in enumerate(raw.get("narrowing", [])):
            if _check_keys(s, NARROWING_KEYS, path, f"{where}.narrowing[{j}]", problems):
                within = s.get("within", "sentence")
                if within not in NARROWING_WITHIN:
                    problems.add(path, s.line_of("within") if "within" in s else s.line,
                                 f"{where}.narrowing[{j}].within: '{within}' is not one of {', '.join(NARROWING_WITHIN)}")
                narrowing.append(Narrowing(_detector(s["detect"], path, s.line_of("detect"), concepts, problems,
                                                     f"{where}.narrowing.detect"), s["found"], s["explain"],
                                           f"{pid}.e{idx}.narrowing.{j + 1}", within))
        reversals = []
        for j, s in enumerate(raw.get("reversed", [])):
            if _check_keys(s, REVERSAL_KEYS, path, f"{where}.reversed[{j}]", problems):
                reversals.append(Reversal(_detector(s["detect"], path, s.line_of("detect"), concepts, problems,
                                                    f"{where}.reversed.detect"), s["explain"],
                                          f"{pid}.e{idx}.reversed.{j + 1}"))
        params = []
        for j, p in enumerate(raw.get("parameters", [])):
            pline = raw["parameters"].line_of(j)
            if not _check_keys(p, PARAMETER_KEYS, path, f"{where}.parameters[{j}]", problems):
                continue
            for k, c in enumerate(p.get("cues", [])):
                _compile(c, path, p["cues"].line_of(k), problems)
            if p["unit"] not in UNITS:
                problems.add(path, p.line_of("unit"), f"unit must be one of {', '.join(UNITS)}")
            if p["better"] not in ("lower", "higher"):
                problems.add(path, p.line_of("better"), "better must be 'lower' or 'higher'")
            cp = cat_params.get(p["name"])
            if cat is not None and cp is None:
                problems.add(path, pline, f"parameter {p['name']!r} is not in the catalog for {pid}")
            elif cp is not None:
                seen_params.add(p["name"])
                for key in ("unit", "model", "better", "required"):
                    if p[key] != cp[key]:
                        problems.add(path, p.line_of(key), f"parameter {p['name']}.{key} is {p[key]!r}, "
                                     f"the catalog says {cp[key]!r}")
                if cp["element"] != idx:
                    problems.add(path, pline, f"parameter {p['name']} belongs to element {cp['element']} "
                                 f"in the catalog, not {idx}")
            params.append(Parameter(p["name"], p["unit"], float(p["model"]), p["better"], p["required"],
                                    tuple(p.get("cues", [])), p.get("note", ""), f"{pid}.e{idx}.parameter.{p['name']}"))
        elements.append(Element(idx, raw["description"], raw["strength"], detect, context, tuple(scope),
                                tuple(narrowing), tuple(reversals), tuple(raw.get("allow", [])), tuple(params)))
    if cat is not None:
        if len(raw_elements) != len(cat["core"]):
            problems.add(path, data.line_of("elements"), f"{len(raw_elements)} elements, the catalog has "
                         f"{len(cat['core'])} core elements")
        for name in set(cat_params) - seen_params:
            problems.add(path, data.line_of("elements"), f"catalog parameter {name!r} is not declared")

    examples = []
    counts = {s: 0 for s in STATUSES}
    for i, ex in enumerate(data["examples"]):
        line = data["examples"].line_of(i)
        if not _check_keys(ex, EXAMPLE_KEYS, path, f"example {i + 1}", problems):
            continue
        if ex["status"] not in STATUSES:
            problems.add(path, ex.line_of("status"), f"example status must be one of {', '.join(STATUSES)}")
            continue
        devs = tuple(ex.get("deviations", []))
        for d in devs:
            if d not in deviation_kinds():
                problems.add(path, ex.line_of("deviations"), f"unknown deviation kind {d!r} "
                             f"(allowed: {', '.join(deviation_kinds())})")
        if ex["status"] == "weakened" and not devs:
            problems.add(path, line, "a weakened example must list its deviations")
        if ex["status"] != "weakened" and devs:
            problems.add(path, ex.line_of("deviations"), f"a {ex['status']} example has no deviations")
        counts[ex["status"]] += 1
        examples.append(Example(ex["text"], ex["status"], devs, ex.get("note", ""), line))
    if builtin:
        for status, least in MIN_EXAMPLES.items():
            if counts[status] < least:
                problems.add(path, data.line_of("examples"), f"{counts[status]} {status} examples, at least {least} needed")

    strengthening = []
    for i, s in enumerate(data.get("strengthening", [])):
        if _check_keys(s, STRENGTHENING_KEYS, path, f"strengthening {i + 1}", problems):
            strengthening.append(Strengthening(s["description"], s["suggested_text"]))
    if "anchor" not in data:
        anchor = DEFAULT_ANCHOR if "immigration" in concepts else ()
    elif data["anchor"]:
        anchor = _detector(data["anchor"], path, data.line_of("anchor"), concepts, problems, "anchor")
    else:
        anchor = ()
    return Protection(pid, data["title"], data["category"], tuple(data["plank"]), data["severity"],
                      data["model_text"].strip(), data["rationale"].strip(),
                      tuple(data["references"]), tuple(elements), tuple(strengthening), tuple(examples),
                      tuple(data.get("headings", [])), anchor, str(path))


def _hash_files(files: list[Path], root_of: dict[Path, Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: (str(root_of[p]), str(p.relative_to(root_of[p])))):
        h.update(str(f.relative_to(root_of[f])).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _pack_files(directory: Path) -> tuple[Path, list[Path], list[Path]]:
    pack = directory / "pack.yaml"
    lexicon = sorted((directory / "lexicon").glob("*.yaml")) if (directory / "lexicon").is_dir() else []
    protections = sorted(p for p in directory.glob("*.yaml") if p.name != "pack.yaml")
    return pack, lexicon, protections


def _load_dir(directory: Path, problems: _Problems, *, builtin: bool, base: Corpus | None):
    pack_path, lexicon_files, protection_files = _pack_files(directory)
    if not pack_path.is_file():
        problems.add(pack_path, 1, "missing pack.yaml (it names the pack and its version)")
        return None
    pack = _read_yaml(pack_path, problems)
    if pack is None or not _check_keys(pack, PACK_KEYS, pack_path, "pack", problems):
        return None
    extends = pack.get("extends")
    if extends not in (None, "builtin"):
        problems.add(pack_path, pack.line_of("extends"), "extends must be 'builtin' (or absent)")
    concepts = _load_lexicon(lexicon_files, problems, base.concepts if base else None)
    # the built-in pack is checked against the shared spec by the tests; a custom pack's protection
    # with a built-in id against the built-in protection
    catalog = {} if builtin else _BuiltinCatalog(base)
    own_order = [str(pid) for pid in pack.get("order", [])]
    if builtin and not own_order:
        problems.add(pack_path, pack.line, "the built-in pack.yaml lists its protections, in catalog order, under `order:`")
    for i, pid in enumerate(own_order):
        if builtin and not (directory / f"{pid}.yaml").is_file():
            problems.add(pack_path, pack["order"].line_of(i), f"`order` names {pid!r}, which has no file {pid}.yaml")
    protections: dict[str, Protection] = {p.id: p for p in base.protections} if base else {}
    own_ids: dict[str, Path] = {}
    for path in protection_files:
        data = _read_yaml(path, problems)
        if data is None:
            continue
        prot = _load_protection(path, data, concepts, catalog, builtin, problems, own_order)
        if prot is None:
            continue
        if prot.id in own_ids:
            problems.add(path, 1, f"duplicate id {prot.id!r} (also in {own_ids[prot.id]})")
            continue
        own_ids[prot.id] = path
        protections[prot.id] = prot  # a pack overrides a built-in protection of the same id
    disabled = [str(d) for d in pack.get("disable", [])]
    for i, pid in enumerate(disabled):
        if pid not in protections:
            problems.add(pack_path, pack["disable"].line_of(i), f"cannot disable unknown protection {pid!r}")
    # the pack's own order first, then the built-in catalog order; any other protection after, by id
    order = own_order + [pid for pid in builtin_order() if pid not in own_order]
    ordered = sorted(protections.values(),
                     key=lambda p: (order.index(p.id) if p.id in order else len(order), p.id))
    files = [pack_path, *lexicon_files, *protection_files]
    return pack, concepts, [p for p in ordered if p.id not in disabled], disabled, files


def load_corpus(directory: Path | str | None = None) -> Corpus:
    """Load the built-in pack, or a custom pack at `directory` (which may extend the built-in one).

    Raises CorpusError listing every problem as `path:line: problem`."""
    problems = _Problems()
    base = None
    files: list[Path] = []
    root_of: dict[Path, Path] = {}
    if directory is not None:
        directory = Path(directory)
        if not directory.is_dir():
            raise CorpusError([f"{directory}: not a directory (a clause pack is a folder with pack.yaml)"],
                              path=str(directory))
        pack_path = directory / "pack.yaml"
        extends = None
        if pack_path.is_file():
            try:
                raw = yamlines.load(pack_path.read_text(encoding="utf-8"))
                extends = raw.get("extends") if isinstance(raw, dict) else None
            except (yaml.YAMLError, UnicodeDecodeError):
                extends = None  # reported properly by _load_dir
        if extends == "builtin":
            base = load_corpus(None)
            for f in _pack_files(BUILTIN_DIR)[1] + _pack_files(BUILTIN_DIR)[2] + [BUILTIN_DIR / "pack.yaml"]:
                files.append(f)
                root_of[f] = BUILTIN_DIR
    target = directory or require_builtin_corpus()
    loaded = _load_dir(target, problems, builtin=directory is None, base=base)
    # the strength lexicon (clause_corpus/strength/) decides every report too: it is validated and hashed;
    # a pack's own strength/ folder adds entries, each run on its examples now
    try:
        lexicon = strength.builtin()
    except CorpusError as exc:
        problems.items.extend(exc.problems)
        lexicon = None
    own_strength = target / "strength"
    if directory is not None and lexicon is not None and own_strength.is_dir():
        own = strength.load_lexicon(own_strength, problems, partial=True)
        lexicon = strength.merge(lexicon, own, problems)
        if not problems.items:
            problems.items.extend(strength.example_problems(
                lexicon, {e.id for es in own.entries.values() for e in es}))
    if problems.items or loaded is None:
        raise CorpusError(problems.items or [f"{target}: could not be loaded"], path=str(target))
    pack, concepts, protections, disabled, own_files = loaded
    for f in own_files:
        files.append(f)
        root_of[f] = target
    for f in lexicon.files:
        if f not in root_of:
            files.append(f)
            root_of[f] = target if f.is_relative_to(target) else strength.STRENGTH_DIR.parent
    return Corpus(pack["name"], str(pack["version"]), _hash_files(files, root_of), protections, concepts, disabled,
                  lexicon)
