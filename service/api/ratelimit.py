"""A request budget per API key (per client address when the service runs open), counted in Redis."""

from __future__ import annotations

from flask import Flask, g, request
from flask_limiter import Limiter

from service.api.auth import PROTECTED_PREFIX
from service.config import Settings


def _caller() -> str:
    return g.get("principal") or f"ip:{request.remote_addr}"


def _exempt() -> bool:
    return not request.path.startswith(PROTECTED_PREFIX)


def register(app: Flask, settings: Settings) -> None:
    """Apply SYNCMATCH_RATE_LIMIT to every /v1/ request; register after authentication."""
    if settings.rate_limit is None:
        return
    limiter = Limiter(
        _caller, app=app, application_limits=[settings.rate_limit], application_limits_exempt_when=_exempt,
        storage_uri=settings.require_redis_url(),
        storage_options={"socket_connect_timeout": settings.redis_timeout, "socket_timeout": settings.redis_timeout},
        key_prefix=f"{settings.namespace}:ratelimit", strategy="fixed-window", headers_enabled=True,
        swallow_errors=True,
    )
    app.extensions["syncmatch-limiter"] = limiter
