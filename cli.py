"""Run clausecheck from a source checkout: `python cli.py check FILE`.

The command itself lives in `checker.cli` (installed as the `clausecheck` entry point, and
`python -m checker`); this file only keeps the repository's documented entry working."""
import sys

from checker.cli import main, run_guarded  # noqa: F401 — re-exported for `from cli import main`

if __name__ == "__main__":
    sys.exit(main())
