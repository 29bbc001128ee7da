"""The strength lexicon (clause_corpus/strength/): every entry's examples run as tests, and a bad
entry is reported at its path:line."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from checker.corpus.strength import STRENGTH_DIR, builtin, validate
from checker.engine.language import fired

ENTRIES = [e for es in builtin().entries.values() for e in es]


@pytest.mark.parametrize(("entry", "text"), [(e, ex.text) for e in ENTRIES for ex in e.fires],
                         ids=lambda v: getattr(v, "id", None))
def test_strength_entry_fires_on_its_examples(entry, text):
    assert entry.id in fired(entry.category, text)


@pytest.mark.parametrize(("entry", "text"), [(e, ex.text) for e in ENTRIES for ex in e.quiet],
                         ids=lambda v: getattr(v, "id", None))
def test_strength_entry_is_quiet_on_its_near_misses(entry, text):
    assert entry.id not in fired(entry.category, text)


@pytest.mark.parametrize("entry_id", [
    "modality.intends_to", "modality.is_encouraged", "modality.will_consider", "modality.need_not",
    "hedge.where_practicable", "discretion.see_fit", "modality.not_obligated", "modality.endeavors",
    "hedge.within_reason", "discretion.if_funding_permits", "discretion.good_faith_judgment",
    "discretion.extent_permitted_under",
])
def test_strength_entries_once_untested_have_examples(entry_id):
    entry = builtin().get(entry_id)
    assert entry is not None and entry.fires and entry.quiet


def test_strength_builtin_lexicon_validates():
    assert validate() == []


def test_strength_ids_are_unique_and_name_their_category():
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(e.id.split(".")[0] == e.category for e in ENTRIES)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "strength"
    shutil.copytree(STRENGTH_DIR, target)
    return target


def _append(path: Path, entry: str) -> int:
    """Append an entry to a strength file; the 1-based line its `- id:` starts on."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + textwrap.indent(textwrap.dedent(entry), "  "), encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(("entry", "offset", "problem"), [
    ("""\
     - id: hedge.when_convenient
       pattern: '\\bwhen convenient\\b'
       why: a duty owed when convenient gives way when it is not
       fires: ["The Employer shall notify the Union when it is convenient."]
       quiet: ["The Employer shall notify the Union within 24 hours."]
     """, 3, "hedge.when_convenient does not fire on"),
    ("""\
     - id: hedge.when_convenient
       pattern: '\\bwhen (?:it is )?convenient\\b'
       why: a duty owed when convenient gives way when it is not
       fires: ["The Employer shall notify the Union when it is convenient."]
       quiet: ["The Employer shall notify the Union when convenient."]
     """, 4, "fires on 'The Employer shall notify the Union when convenient.', which it must not"),
    ("""\
     - id: hedge.when_convenient
       pattern: '\\bwhen (convenient\\b'
       why: unbalanced
       fires: ["x"]
       quiet: ["y"]
     """, 1, "bad pattern for hedge.when_convenient"),
    ("""\
     - id: hedge.when_convenient
       pattern: '\\bwhen convenient\\b'
       why: no near miss
       fires: ["The Employer shall notify the Union when convenient."]
       quiet: []
     """, 4, "needs at least one sentence it must not fire on"),
    ("""\
     - id: modality.when_convenient
       pattern: '\\bwhen convenient\\b'
       why: wrong file
       fires: ["The Employer shall notify the Union when convenient."]
       quiet: ["The Employer shall notify the Union."]
     """, 0, "must read hedge.<snake_case name>"),
])
def test_strength_bad_entry_is_reported_at_its_line(tmp_path, entry, offset, problem):
    directory = _copy(tmp_path)
    path = directory / "hedge.yaml"
    line = _append(path, entry) + offset
    problems = validate(directory)
    assert any(p.startswith(f"{path}:{line}: ") and problem in p for p in problems), problems


def test_strength_a_new_hedge_is_one_entry(tmp_path):
    """The worked example of clause_corpus/README.md: an entry with its examples is all it takes."""
    directory = _copy(tmp_path)
    _append(directory / "hedge.yaml", """\
     - id: hedge.when_convenient
       pattern: '\\bwhen (?:it is )?convenient\\b'
       why: a duty owed when convenient gives way whenever it is not
       fires: ["The Employer shall notify the Union when it is convenient."]
       quiet: ["The Employer shall notify the Union at a convenient time within 24 hours."]
     """)
    assert validate(directory) == []


def test_strength_unknown_category_file_is_reported(tmp_path):
    directory = _copy(tmp_path)
    (directory / "hedges.yaml").write_text("description: x\nentries: []\n", encoding="utf-8")
    assert any(p.startswith(f"{directory / 'hedges.yaml'}:1: unknown strength category") for p in validate(directory))


def test_strength_lexicon_files_are_in_the_corpus_hash(tmp_path, monkeypatch):
    from checker.corpus import load as load_mod
    from checker.corpus import strength

    before = load_mod.load_corpus().sha256
    directory = _copy(tmp_path)
    _append(directory / "hedge.yaml", """\
     - id: hedge.when_convenient
       pattern: '\\bwhen (?:it is )?convenient\\b'
       why: a duty owed when convenient gives way whenever it is not
       fires: ["The Employer shall notify the Union when it is convenient."]
       quiet: ["The Employer shall notify the Union within 24 hours."]
     """)
    monkeypatch.setattr(strength, "STRENGTH_DIR", directory)
    strength.builtin.cache_clear()
    try:
        assert load_mod.load_corpus().sha256 != before
    finally:
        strength.builtin.cache_clear()


WHEN_CONVENIENT = """\
description: hedges this union meets in its employers' drafts
entries:
  - id: hedge.when_convenient
    pattern: '\\bwhen (?:it is )?convenient\\b'
    why: a duty owed when convenient gives way whenever it is not
    fires: ["The Employer shall notify the Union when it is convenient."]
    quiet: ["The Employer shall notify the Union within 24 hours."]
"""


def _pack_with_strength(tmp_path, text: str):
    from corpus_pack import PACK, write_pack

    pack = write_pack(tmp_path, {}, pack=PACK + "extends: builtin\n", lexicon="concepts: {}\n")
    (pack / "strength").mkdir()
    (pack / "strength" / "hedge.yaml").write_text(text, encoding="utf-8")
    return pack


def test_strength_a_custom_pack_adds_a_hedge_with_one_file(tmp_path):
    from checker.api import check_document, document_from_text
    from checker.corpus import load_corpus

    corpus = load_corpus(_pack_with_strength(tmp_path, WHEN_CONVENIENT))
    assert corpus.sha256 != load_corpus().sha256
    text = ("The Employer shall notify the Union when it is convenient, and in any case within twenty-four (24) "
            "hours, whenever immigration authorities visit the workplace, contact the Employer about an employee, "
            "or request employee records, and shall give the Union copies of all notices it receives from "
            "immigration authorities.")
    finding = next(f for f in check_document(document_from_text(text), corpus).findings
                   if f.protection == "union_notice_of_immigration_contact")
    assert ("hedge", "hedge.when_convenient") in [(d.kind, d.rule) for d in finding.deviations]
    builtin_finding = next(f for f in check_document(document_from_text(text)).findings
                           if f.protection == "union_notice_of_immigration_contact")
    assert "hedge.when_convenient" not in [d.rule for d in builtin_finding.deviations]


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda t: t.replace("when it is convenient.", "whenever convenient."), "does not fire on"),
    (lambda t: t.replace("(?:it is )?", "(?:it is "), "bad pattern for hedge.when_convenient"),
])
def test_strength_a_custom_packs_bad_entry_is_reported_at_its_line(tmp_path, edit, problem):
    from checker.corpus import load_corpus
    from checker.errors import CorpusError

    pack = _pack_with_strength(tmp_path, edit(WHEN_CONVENIENT))
    with pytest.raises(CorpusError) as exc:
        load_corpus(pack)
    path = pack / "strength" / "hedge.yaml"
    assert any(p.startswith(f"{path}:") and problem in p for p in exc.value.problems), exc.value.problems


def test_strength_a_custom_packs_entry_replaces_the_built_in_one_of_its_id(tmp_path):
    from checker.corpus import load_corpus

    text = WHEN_CONVENIENT.replace("hedge.when_convenient", "hedge.within_reason")
    lex = load_corpus(_pack_with_strength(tmp_path, text)).strength
    ids = [e.id for e in lex["hedge"]]
    assert ids == [e.id for e in builtin()["hedge"]]
    assert "convenient" in lex.get("hedge.within_reason").pattern
