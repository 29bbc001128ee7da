"""Package layout only (metadata is in pyproject.toml).

The repository keeps the clause corpus and the trained models at its top level
(clause_corpus/, models/); the installed package carries them inside `checker` as
`checker.clause_corpus` and `checker.models`, read with importlib.resources. This mapping is the
one thing pyproject.toml cannot say while still finding `checker`'s subpackages automatically.
Editable installs map the same names back to the top-level folders."""
from setuptools import find_packages, setup

DATA_PACKAGES = {"checker.clause_corpus": "clause_corpus", "checker.models": "models"}

setup(
    packages=find_packages(include=["checker", "checker.*"]) + list(DATA_PACKAGES),
    package_dir=DATA_PACKAGES,
    package_data={"checker": ["**/*.json", "**/*.html", "**/*.css", "**/*.js", "**/*.yaml", "**/*.toml"],
                  "checker.clause_corpus": ["**/*.yaml", "**/*.toml", "**/*.md"],
                  "checker.models": ["**/*"]},
    exclude_package_data={"": ["__pycache__/*", "*.pyc"]},
)
