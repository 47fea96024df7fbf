"""A request id for every request (the caller's X-Request-Id when sane), echoed back and on every log line."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from service.adapters.logs import REQUEST_ID

HEADER = "X-Request-Id"
SANE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
log = logging.getLogger("service.api.access")


def register(app: Flask) -> None:
    """Install the hooks; the first before_request, so that even a 401 has an id."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
    app.teardown_request(_reset)


def _start() -> None:
    offered = request.headers.get(HEADER, "")
    g.request_id = offered if SANE.match(offered) else uuid.uuid4().hex
    g.started = time.monotonic()
    g.request_id_token = REQUEST_ID.set(g.request_id)


def _finish(response: Response) -> Response:
    response.headers[HEADER] = g.get("request_id") or ""
    log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "method": request.method, "path": request.path, "status": response.status_code,
        "durationMs": round((time.monotonic() - g.get("started", time.monotonic())) * 1000, 1),
        "tenant": g.get("tenant"), "remote": request.remote_addr})
    return response


def _reset(_exc: BaseException | None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)
