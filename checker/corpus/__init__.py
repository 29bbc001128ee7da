"""The clause corpus: model protections as data, a shared lexicon, and their validation."""
from checker.corpus.load import BUILTIN_DIR, builtin_order, load_corpus
from checker.corpus.model import Concept, Corpus, Element, Example, Parameter, Protection

__all__ = ["BUILTIN_DIR", "Concept", "Corpus", "Element", "Example", "Parameter", "Protection",
           "builtin_order", "load_corpus"]
