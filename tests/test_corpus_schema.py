"""Corpus validation: every kind of broken file is reported at its line, all problems at once."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.corpus import load_corpus
from checker.corpus.load import _load_dir, _Problems
from checker.errors import CorpusError
from corpus_pack import LEXICON, PACK, write_pack

GOOD = textwrap.dedent("""\
    id: custom_protection
    title: A custom protection
    category: other
    plank: [1]
    severity: high
    model_text: The Employer shall notify the Union of immigration matters.
    rationale: Because.
    references: [a statute]
    elements:
      - index: 1
        description: notice
        strength: obligation
        detect: [tell, imm]
    examples:
      - status: matching
        text: The Employer shall notify the Union of any immigration inspection.
    """)


def make_pack(tmp_path: Path, protection: str = GOOD, *, pack: str = PACK, lexicon: str = LEXICON,
              name: str = "custom_protection") -> Path:
    return write_pack(tmp_path, {name: protection}, pack=pack, lexicon=lexicon)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CorpusError) as exc:
        load_corpus(path)
    return exc.value.problems


def test_corpus_builtin_pack_loads_cleanly_with_every_catalog_id():
    from checker.corpus import builtin_order

    corpus = load_corpus()
    assert [p.id for p in corpus.protections] == builtin_order()
    assert corpus.name == "power-model-clauses" and len(corpus.sha256) == 64


def test_corpus_custom_pack_loads(tmp_path):
    corpus = load_corpus(make_pack(tmp_path))
    assert [p.id for p in corpus.protections] == ["custom_protection"]
    assert corpus.name == "test-pack" and corpus.version == "1"


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("severity: high", "severity: high\ncolour: red", 6, "unknown key 'colour' in protection"),
    ("severity: high", "severity: urgent", 5, "severity must be one of"),
    ("detect: [tell, imm]", "detect: [tell, imm, nonsense]", 13, "unknown concept 'nonsense'"),
    ("detect: [tell, imm]", "detect: [tell, 're:(unclosed']", 13, "bad pattern"),
    ("strength: obligation", "strength: maybe", 12, "strength must be one of"),
    ("  - status: matching", "  - status: fine", 15, "example status must be one of"),
    ("id: custom_protection", "id: other_name", 1, "does not match the file name"),
    ("title: A custom protection\n", "", 1, "missing required key 'title'"),
    ("  - index: 1", "  - index: 2", 10, "element index 2 out of order"),
    ("rationale: Because.", "rationale: [1, 2]", 7, "protection.rationale must be str"),
    ("detect: [tell, imm]\n", "detect: [tell, imm]\n    narrowing:\n      - detect: [imm]\n        found: x\n"
     "        explain: y\n        within: article\n", 18, "within: 'article' is not one of sentence, provision"),
])
def test_corpus_broken_protection_is_reported_at_its_line(tmp_path, old, new, line, message):
    assert old in GOOD
    problems = problems_of(make_pack(tmp_path, GOOD.replace(old, new, 1)))
    assert any(p.startswith(f"{tmp_path / 'custom_protection.yaml'}:{line}: ") and message in p
               for p in problems), problems


def test_corpus_invalid_yaml_is_reported_with_its_line(tmp_path):
    problems = problems_of(make_pack(tmp_path, GOOD.replace("plank: [1]", "plank: [1")))
    assert len(problems) == 1 and "invalid YAML" in problems[0]
    assert problems[0].startswith(str(tmp_path / "custom_protection.yaml") + ":")


def test_corpus_reports_every_problem_at_once(tmp_path):
    broken = GOOD.replace("severity: high", "severity: urgent").replace("detect: [tell, imm]", "detect: [nope]")
    problems = problems_of(make_pack(tmp_path, broken))
    assert len(problems) == 2


def test_corpus_duplicate_concepts_across_lexicon_files(tmp_path):
    make_pack(tmp_path)
    (tmp_path / "lexicon" / "more.yaml").write_text("concepts:\n  imm:\n    description: again\n    terms: [x]\n")
    problems = problems_of(tmp_path)
    assert any("more.yaml:2: duplicate concept 'imm'" in p for p in problems), problems


def test_corpus_duplicate_key_in_yaml(tmp_path):
    problems = problems_of(make_pack(tmp_path, GOOD + "severity: low\n"))
    assert any("duplicate key 'severity'" in p for p in problems), problems


def test_corpus_missing_pack_file(tmp_path):
    make_pack(tmp_path)
    (tmp_path / "pack.yaml").unlink()
    assert any("missing pack.yaml" in p for p in problems_of(tmp_path))


def test_corpus_builtin_rules_reject_ids_outside_the_catalog_and_thin_examples(tmp_path):
    make_pack(tmp_path)
    problems = _Problems()
    _load_dir(tmp_path, problems, builtin=True, base=None)
    text = "\n".join(problems.items)
    assert "id 'custom_protection' is not in the catalog" in text
    assert "0 weakened examples, at least 5 needed" in text


def test_corpus_parameter_must_agree_with_catalog(tmp_path):
    from checker.corpus import BUILTIN_DIR

    source = (BUILTIN_DIR / "union_notice_of_immigration_contact.yaml").read_text()
    broken = source.replace("model: 24", "model: 48", 1)
    problems = _Problems()
    pack_dir = tmp_path
    (pack_dir / "lexicon").mkdir()
    for f in (BUILTIN_DIR / "lexicon").glob("*.yaml"):
        (pack_dir / "lexicon" / f.name).write_text(f.read_text())
    (pack_dir / "pack.yaml").write_text(PACK)
    (pack_dir / "union_notice_of_immigration_contact.yaml").write_text(broken)
    _load_dir(pack_dir, problems, builtin=False, base=None)
    line = broken.splitlines().index(next(l for l in broken.splitlines() if "model: 48" in l)) + 1
    assert any(f":{line}: parameter union_notice_hours.model is 48, the catalog says 24" in p
               for p in problems.items), problems.items


def test_corpus_extending_pack_overrides_and_disables(tmp_path):
    pack = PACK + "extends: builtin\ndisable: [language_access]\n"
    corpus = load_corpus(make_pack(tmp_path, pack=pack, lexicon="concepts:\n  imm_extra:\n"
                                   "    description: x\n    terms: [immigration]\n",
                                   protection=GOOD.replace("[tell, imm]", "[notify_verb, immigration]")))
    ids = [p.id for p in corpus.protections]
    assert "language_access" not in ids and "custom_protection" in ids and len(ids) == 25
    assert corpus.sha256 != load_corpus().sha256


def test_corpus_disabling_an_unknown_id_is_an_error(tmp_path):
    problems = problems_of(make_pack(tmp_path, pack=PACK + "disable: [no_such_thing]\n"))
    assert any("pack.yaml:3: cannot disable unknown protection 'no_such_thing'" in p for p in problems), problems


@pytest.mark.parametrize("body", ["concepts:\n", "concepts: [a, b]\n"])
def test_corpus_lexicon_file_without_a_mapping_is_a_problem_not_a_crash(tmp_path, body):
    make_pack(tmp_path)
    (tmp_path / "lexicon" / "empty.yaml").write_text(body)
    problems = problems_of(tmp_path)
    assert any("empty.yaml:1: `concepts:` must map concept names" in p for p in problems), problems


NARROWED = GOOD.replace("detect: [tell, imm]\n", """detect: [tell, imm]
    narrowing:
      - detect: ['re:\\bonly\\b']
        found: only some
        explain: the notice covers only some matters
        within: WITHIN
""")


@pytest.mark.parametrize(("within", "weakened"), [("provision", True), ("sentence", False)])
def test_corpus_a_narrowing_read_within_the_provision_reaches_its_other_sentences(tmp_path, within, weakened):
    from checker.api import check_text

    corpus = load_corpus(make_pack(tmp_path, NARROWED.replace("WITHIN", within)))
    text = ("7.1 The Employer shall notify the Union of any immigration inspection. This applies to the "
            "main plant only.\n")
    finding = check_text(text, corpus).findings[0]
    assert (finding.status == "weakened") is weakened
    lone = check_text("7.1 The Employer shall notify the Union of any immigration inspection.\n", corpus).findings[0]
    assert lone.status == "matching"
