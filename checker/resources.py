"""Where the data that ships with clausecheck lives: the built-in clause corpus and the trained
models. Both are package data (`checker.clause_corpus`, `checker.models`; in the repository they
are the top-level clause_corpus/ and models/ folders, mapped into the package by setup.py), so an
installed wheel, an editable install and a git-URL install all find them the same way."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _package_dir(package: str) -> Path:
    try:
        root = files(package)
    except ModuleNotFoundError:  # an install built without the data packages
        return Path(f"<{package} not installed>")
    # Packages installed from a wheel or in editable mode live on the file system; the engine
    # hands these paths to PyYAML and spaCy, which read folders.
    return Path(str(root))


def builtin_corpus_dir() -> Path:
    """The built-in clause pack's folder (it may be missing from a broken install: see
    `require_builtin_corpus`)."""
    return _package_dir("checker.clause_corpus")


def require_builtin_corpus() -> Path:
    """The built-in clause pack's folder, or `BuiltinCorpusMissingError` saying it is missing."""
    from checker.errors import BuiltinCorpusMissingError

    directory = builtin_corpus_dir()
    if not (directory / "pack.yaml").is_file():
        raise BuiltinCorpusMissingError(
            "the built-in clause corpus is not installed (no pack.yaml)", path=str(directory),
            hint="reinstall clausecheck from a wheel or `pip install .`; or pass --corpus DIR with a clause pack")
    return directory


def models_dir() -> Path:
    """The trained models' folder (models/README.md describes them)."""
    return _package_dir("checker.models")
