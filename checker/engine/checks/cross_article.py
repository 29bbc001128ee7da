"""A clause in another article that defeats a protection read at full strength where it is
stated: "employee" defined by a Social Security number or work authorization (scope), discharge
for any identity or work-authorization discrepancy with no exception for corrections (reversed),
a right to give any agency access to facilities or records (reversed), a duty "subject to the
Employer's policies, as they may be amended" (discretion). Entries:
clause_corpus/strength/cross_article.yaml; what each reaches: checker.engine.enforceability."""
from __future__ import annotations

from checker.engine import enforceability
from checker.engine.checks.base import Check

CHECK = Check("cross_article", None, 0, "document", enforceability.apply_cross_article,
              "a definition, discharge rule, management right or policy clause in another article that "
              "narrows, reverses or swallows the protection (reported as scope, reversed or discretion)",
              lexicon="cross_article")
