"""What request handlers share: the application's `Services` (built by service/bootstrap.py) and the tenant."""

from __future__ import annotations

from flask import current_app, g

from service.bootstrap import Services

__all__ = ["Services", "services", "tenant"]


def services() -> Services:
    """The handles of the application serving the current request."""
    return current_app.extensions["syncmatch"]


def tenant() -> str:
    """The tenant of the caller (set by authentication)."""
    return g.tenant
