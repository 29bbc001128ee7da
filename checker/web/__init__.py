"""`clausecheck serve`: upload pages and a JSON API over the same library API as the CLI."""
from __future__ import annotations

from checker.web.settings import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings | None = None):
    from checker.web.app import create_app as _create

    return _create(settings)
