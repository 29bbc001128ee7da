"""The trained models as package data: installed as `checker.models` (see setup.py) and read with importlib.resources (checker/resources.py)."""
