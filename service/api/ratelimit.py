"""A request budget per API key (per client address when the service runs open), counted in Redis.

The window moves (limits' "moving-window"): a refused caller's `Retry-After` is the time until its oldest
counted request leaves the window, that is, until one more request is allowed. Failed authentications are
counted per client address (`AuthFailures`), so guessing keys is refused like any other excess.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from flask import Flask, Response, g, request
from flask_limiter import Limiter
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from service.api.auth import PROTECTED_PREFIX
from service.config import Settings

STRATEGY = "moving-window"
log = logging.getLogger(__name__)


def _caller() -> str:
    return g.get("principal") or f"ip:{request.remote_addr}"


def _exempt() -> bool:
    return not request.path.startswith(PROTECTED_PREFIX)


def _storage_options(settings: Settings) -> dict[str, Any]:
    return {"socket_connect_timeout": settings.redis_timeout, "socket_timeout": settings.redis_timeout}


def register(app: Flask, settings: Settings) -> None:
    """Apply SYNCMATCH_RATE_LIMIT to every /v1/ request, and the failed-authentication limit; after authentication."""
    if settings.auth_failure_limit is not None and not settings.open_access:
        app.extensions["syncmatch-auth-failures"] = AuthFailures(settings)
    if settings.rate_limit is None:
        return
    app.after_request(_keep_own_retry_after)  # registered before the limiter's hook: runs after it
    limiter = Limiter(
        _caller, app=app, application_limits=[settings.rate_limit], application_limits_exempt_when=_exempt,
        storage_uri=settings.require_redis_url(), storage_options=_storage_options(settings),
        key_prefix=f"{settings.namespace}:ratelimit", strategy=STRATEGY, headers_enabled=True,
        swallow_errors=True,
    )
    app.after_request(_note_retry_after)  # registered after the limiter's hook: runs before it
    app.extensions["syncmatch-limiter"] = limiter


def _note_retry_after(response: Response) -> Response:
    """Remember the Retry-After the view or error handler chose, before the limiter's headers are added."""
    g.own_retry_after = response.headers.get("Retry-After")
    return response


def _keep_own_retry_after(response: Response) -> Response:
    """flask-limiter puts its window's reset on every response; keep only the Retry-After SyncMatch chose."""
    own = g.pop("own_retry_after", None)
    if own is None:
        response.headers.pop("Retry-After", None)
    else:
        response.headers["Retry-After"] = own
    return response


class AuthFailures:
    """Failed authentications per client address, in a moving window (SYNCMATCH_AUTH_FAILURE_LIMIT)."""

    def __init__(self, settings: Settings) -> None:
        storage = storage_from_string(settings.require_redis_url(), key_prefix=f"{settings.namespace}:authfail",
                                      **_storage_options(settings))
        self.limiter = MovingWindowRateLimiter(storage)
        self.limit = parse(str(settings.auth_failure_limit))

    def wait(self, address: str) -> int | None:
        """Seconds until `address` may try again, or None if it has failures left (or Redis does not answer)."""
        try:
            if self.limiter.test(self.limit, address):
                return None
            reset = self.limiter.get_window_stats(self.limit, address).reset_time
        except Exception as exc:  # like the request limiter: fail open when Redis does not answer
            log.warning("failed-authentication limit unavailable: %s", exc)
            return None
        return max(1, math.ceil(reset - time.time()))

    def record(self, address: str) -> None:
        """Count one failed authentication from `address`."""
        try:
            self.limiter.hit(self.limit, address)
        except Exception as exc:  # see wait()
            log.warning("failed-authentication limit unavailable: %s", exc)
