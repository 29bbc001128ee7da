"""The clause corpus: model protections as data, a shared lexicon, and their validation."""
from checker.corpus.cache import load_corpus
from checker.corpus.model import Concept, Corpus, Element, Example, Parameter, Protection

__all__ = ["BUILTIN_DIR", "Concept", "Corpus", "Element", "Example", "Parameter", "Protection",
           "builtin_order", "load_corpus"]


def __getattr__(name: str):
    # the YAML loader is imported only when a corpus is compiled afresh (checker/corpus/cache.py)
    if name in ("BUILTIN_DIR", "builtin_order"):
        from checker.corpus import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
