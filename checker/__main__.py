"""`python -m checker …` is the `clausecheck` command."""
import sys

from checker.cli import main

sys.exit(main())
