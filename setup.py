"""Package layout only (metadata is in pyproject.toml).

The repository keeps the clause corpus and the trained models at its top level
(clause_corpus/, models/); the installed package carries them inside `checker` as
`checker.clause_corpus` and `checker.models`, read with importlib.resources. This mapping is the
one thing pyproject.toml cannot say while still finding `checker`'s subpackages automatically.
Every folder of the data trees is declared as a package (setuptools installs data only from
declared packages), so a folder added to the corpus ships without editing this file. Editable
installs map the same names back to the top-level folders."""
from pathlib import Path

from setuptools import find_namespace_packages, setup

DATA_ROOTS = {"checker.clause_corpus": "clause_corpus", "checker.models": "models"}


def data_packages() -> dict[str, str]:
    """{package name: folder} for each data root and every folder below it."""
    out = {}
    for package, root in DATA_ROOTS.items():
        folders = [Path(root), *sorted(p for p in Path(root).rglob("*") if p.is_dir())]
        for folder in folders:
            if "__pycache__" in folder.parts:
                continue
            out[".".join((package, *folder.relative_to(root).parts))] = folder.as_posix()
    return out


DATA = data_packages()

setup(
    packages=find_namespace_packages(include=["checker", "checker.*"], exclude=["*__pycache__*"]) + list(DATA),
    package_dir=DATA,
    package_data={"": ["*.json", "*.html", "*.css", "*.js", "*.svg", "*.png", "*.ico", "*.yaml", "*.toml"], **{p: ["*"] for p in DATA}},
    exclude_package_data={"": ["*.pyc"]},
)
