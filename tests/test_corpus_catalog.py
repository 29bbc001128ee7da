"""One source per protection: each protection is declared once, in its YAML file; the catalog order
is written once, in pack.yaml. Both agree with the shared spec (../shared/spec/protections.toml)."""
from __future__ import annotations

import tomllib

import pytest

from checker.corpus import BUILTIN_DIR, builtin_order, load_corpus
from checker.corpus.load import _load_dir, _Problems

CORPUS = load_corpus()


@pytest.fixture(scope="module")
def spec(shared_dir):
    with (shared_dir / "spec" / "protections.toml").open("rb") as f:
        return tomllib.load(f)["protection"]


def test_catalog_order_is_the_specs(spec):
    assert builtin_order() == [p["id"] for p in spec]
    assert [p.id for p in CORPUS.protections] == [p["id"] for p in spec]


@pytest.mark.parametrize("pid", builtin_order())
def test_catalog_protection_file_agrees_with_the_spec(spec, pid):
    s = next(p for p in spec if p["id"] == pid)
    p = CORPUS.require(pid)
    assert (p.title, p.category, list(p.plank)) == (s["title"], s["category"], s["plank"])
    assert [" ".join(el.description.split()) for el in p.elements] == [" ".join(c.split()) for c in s["core"]]
    assert len(p.strengthening) == len(s.get("strengthening", []))
    params = sorted((x.name, el.index, x.unit, x.model, x.better, x.required) for el in p.elements for x in el.parameters)
    assert params == sorted((x["name"], x["element"], x["unit"], x["model"], x["better"], x["required"])
                            for x in s.get("parameter", []))


def test_catalog_is_not_declared_twice():
    assert not (BUILTIN_DIR / "catalog.toml").exists()


def _builtin_copy(tmp_path, order_edit):
    import shutil

    target = tmp_path / "pack"
    shutil.copytree(BUILTIN_DIR, target, ignore=shutil.ignore_patterns("strength"))
    pack = target / "pack.yaml"
    pack.write_text(order_edit(pack.read_text(encoding="utf-8")), encoding="utf-8")
    problems = _Problems()
    _load_dir(target, problems, builtin=True, base=None)
    return pack, problems.items


@pytest.mark.parametrize(("edit", "line_of", "message"), [
    (lambda t: t.replace("  - language_access\n", ""), None,
     "id 'language_access' is not in the catalog (the `order` list of pack.yaml)"),
    (lambda t: t + "  - no_such_protection\n", "no_such_protection",
     "`order` names 'no_such_protection', which has no file no_such_protection.yaml"),
])
def test_catalog_order_and_files_must_agree(tmp_path, edit, line_of, message):
    pack, problems = _builtin_copy(tmp_path, edit)
    assert any(message in p for p in problems), problems
    if line_of:
        line = pack.read_text().splitlines().index(f"  - {line_of}") + 1
        assert any(p.startswith(f"{pack}:{line}: ") for p in problems), problems


def test_catalog_a_custom_pack_adds_a_protection_with_one_file(tmp_path):
    from corpus_pack import PACK, write_pack

    source = (BUILTIN_DIR / "language_access.yaml").read_text(encoding="utf-8")
    text = (source.replace("id: language_access", "id: sign_language_access")
            .replace("title: Interpreters and translated contract", "title: Sign-language interpreters and contract"))
    pack = write_pack(tmp_path, {"sign_language_access": text}, pack=PACK + "extends: builtin\n",
                      lexicon="concepts: {}\n")
    corpus = load_corpus(pack)
    assert [p.id for p in corpus.protections] == builtin_order() + ["sign_language_access"]
