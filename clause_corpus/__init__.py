"""The built-in clause corpus as package data: installed as `checker.clause_corpus` (see setup.py) and read with importlib.resources (checker/resources.py)."""
