"""`python -m checker.engine.checks`: the registry as the table clause_corpus/README.md shows."""
from checker.engine.checks import markdown_table

print(markdown_table())
