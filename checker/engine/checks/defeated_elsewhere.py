"""A protection at full strength where it is stated that another provision keeps from being
enforced: an exclusion from the grievance or arbitration procedure (by number, range, title,
"this Article" or a description of its subject), a declaration that it is a statement of intent,
advisory or not binding, an expiry before the agreement's own end date, a suspension the
employer alone may impose (entries: clause_corpus/strength/enforceability.yaml; what each reaches
is decided by checker.engine.enforceability). Reported as `enforceability`, citing both clauses."""
from __future__ import annotations

from checker.engine import enforceability
from checker.engine.checks.base import Check

CHECK = Check("defeated_elsewhere", None, 0, "document", enforceability.apply_defeats,
              "a provision elsewhere (grievance article, side letter, its own article) that excludes the "
              "protection from arbitration, declares it non-binding, ends it before the agreement or lets the "
              "employer alone suspend it (reported as `enforceability`)", lexicon="enforceability")
