"""The `clausecheck` command. Thin: parse options, call `checker`, format, map errors to exit codes."""
from __future__ import annotations

import sys

import click


@click.group()
@click.version_option(package_name="clausecheck")
def main() -> None:
    """Check collective bargaining agreements for mixed-status worker protections."""


if __name__ == "__main__":
    sys.exit(main())
