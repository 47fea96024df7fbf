"""Bearer API keys: each maps to a tenant; with none configured, everyone is the "default" tenant."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, Response, current_app, g, request

from service.api.context import services
from service.api.problems import problem_response
from service.config import DEFAULT_TENANT
from service.problems import problem_type

PROTECTED_PREFIX = "/v1/"
REALM = 'Bearer realm="syncmatch"'


def register(app: Flask) -> None:
    """Authenticate every request under /v1/ before anything else looks at it."""
    app.before_request(authenticate)


def tenant_for(token: str, keys: dict[str, str]) -> str | None:
    """The tenant of an API key, compared in constant time against every configured key."""
    digest = hashlib.sha256(token.encode("utf-8")).hexdigest().encode("ascii")
    found = None
    for stored, tenant in keys.items():
        if hmac.compare_digest(digest, stored.encode("ascii")):
            found = tenant
    return found


def authenticate() -> Response | None:
    """Set g.tenant and g.principal, or answer 401."""
    if not request.path.startswith(PROTECTED_PREFIX):
        return None
    settings = services().settings
    if settings.open_access:
        g.tenant, g.principal = DEFAULT_TENANT, f"ip:{request.remote_addr}"
        return None
    failures = current_app.extensions.get("syncmatch-auth-failures")
    address = request.remote_addr or "unknown"
    wait = failures.wait(address) if failures is not None else None
    if wait is not None:
        return problem_response(429, "Too many failed authentications", f"Too many requests from {address} had a "
                                f"missing or wrong API key (limit {settings.auth_failure_limit}, "
                                f"SYNCMATCH_AUTH_FAILURE_LIMIT); try again in {wait} seconds.",
                                problem_type("too-many-failed-authentications"), headers={"Retry-After": str(wait)})
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    tenant = tenant_for(token, dict(settings.api_keys)) if scheme.lower() == "bearer" and token else None
    if tenant is None:
        if failures is not None:
            failures.record(address)
        if scheme.lower() != "bearer" or not token:
            return _unauthorized("Send an API key: `Authorization: Bearer <key>`.", REALM)
        return _unauthorized("The API key is not valid.", f'{REALM}, error="invalid_token"')
    g.tenant = tenant
    g.principal = "key:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:24]
    return None


def _unauthorized(detail: str, challenge: str) -> Response:
    return problem_response(401, "Unauthorized", detail, problem_type("unauthorized"),
                            headers={"WWW-Authenticate": challenge})
