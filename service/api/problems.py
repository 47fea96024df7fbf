"""Every error as application/problem+json: HTTP errors, validation errors, Redis outages, bugs."""

from __future__ import annotations

import json
import logging
import math
import time
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context
from marshmallow import ValidationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from service.exceptions import QuotaExceeded, UploadSpaceFull
from service.problems import PROBLEM_JSON, problem, problem_type

log = logging.getLogger(__name__)
STORAGE_FULL_RETRY = 60
UPLOAD_SPACE_RETRY = 5
JOBS_QUOTA_RETRY = 5
NOT_UNICODE = ("A text value is not valid Unicode: it holds an unpaired UTF-16 surrogate (such as \\ud800, often a "
               "character cut in half). Correct or remove that value and send it again.")


def problem_response(status: int, title: str | None = None, detail: str | None = None,
                     type_: str = "about:blank", headers: dict[str, str] | None = None,
                     **extra: Any) -> Response:
    """A problem+json response; it carries the request id so that a caller can quote it."""
    if has_request_context() and "requestId" not in extra:
        extra["requestId"] = g.get("request_id")
    body = json.dumps(problem(status, title, detail, type_, **extra), ensure_ascii=False)
    return Response(body, status=status, mimetype=PROBLEM_JSON, headers=headers)


def register(app: Flask) -> None:
    """Install the error handlers on `app`."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(RedisConnectionError, _redis_unavailable)
    app.register_error_handler(RedisTimeoutError, _redis_unavailable)
    app.register_error_handler(ResponseError, _redis_refused)
    app.register_error_handler(QuotaExceeded, _over_quota)
    app.register_error_handler(UploadSpaceFull, _upload_space_full)
    app.register_error_handler(Exception, _unexpected_error)


def validation_pointers(messages: Any, path: str = "") -> list[dict[str, str]]:
    """Flatten marshmallow's nested messages into [{"pointer": JSON Pointer, "detail": text}]."""
    if isinstance(messages, dict):
        return [item for key, value in messages.items()
                for item in validation_pointers(value, _child_pointer(path, key))]
    if isinstance(messages, list):
        return [item for value in messages for item in validation_pointers(value, path)]
    return [{"pointer": path, "detail": str(messages)}]


def _child_pointer(path: str, key: Any) -> str:
    if key == "_schema":  # marshmallow's key for errors about the object itself
        return path
    return f"{path}/" + str(key).replace("~", "~0").replace("/", "~1")


def _http_error(exc: HTTPException) -> Response:
    allowed = getattr(exc, "valid_methods", None)  # MethodNotAllowed only
    headers = {"Allow": ", ".join(sorted(allowed))} if allowed else {}
    detail = exc.description
    if isinstance(exc, RequestEntityTooLarge):
        detail = (f"The request body is larger than the {current_app.config['MAX_CONTENT_LENGTH']} bytes "
                  "allowed (SYNCMATCH_MAX_UPLOAD_BYTES).")
    if exc.code == 429:
        headers["Retry-After"] = str(_retry_after())
        detail = f"Too many requests for this API key (limit {detail}); wait and try again."
    return problem_response(exc.code or 500, exc.name, detail, headers=headers or None)


def _retry_after() -> int:
    """Seconds until the limit that was hit allows one more request (its moving window's oldest request leaves it)."""
    limiter = current_app.extensions.get("syncmatch-limiter")
    limits = getattr(limiter, "current_limits", None) or []
    resets = [limit.window.reset_time for limit in limits if limit.breached]  # reset_at is rounded up a second
    return max(1, math.ceil(max(resets) - time.time())) if resets else 1


def _validation_error(exc: ValidationError) -> Response:
    return problem_response(422, "Invalid request", "The request body does not have the expected shape; "
                            "see `errors`.", problem_type("validation"),
                            errors=validation_pointers(exc.messages))


def _redis_unavailable(exc: Exception) -> Response:
    log.warning("Redis unavailable: %s", exc)
    return problem_response(503, "Storage unavailable", "The service cannot reach its Redis server right "
                            "now. Try again shortly.", problem_type("storage-unavailable"),
                            headers={"Retry-After": "5"})


def storage_full(exc: ResponseError) -> bool:
    """Redis refused a write for lack of room: out of memory (maxmemory, noeviction) or a failing disk."""
    text = str(exc)
    return isinstance(exc, OutOfMemoryError) or "OOM command not allowed" in text or "MISCONF" in text


def _redis_refused(exc: ResponseError) -> Response:
    if not storage_full(exc):
        return _unexpected_error(exc)
    log.warning("Redis refused a write: %s", exc)
    return problem_response(503, "Storage full", "The service's storage is full, so nothing was stored. Try again "
                            "later or with a smaller snapshot; the operator can give Redis more room (maxmemory, "
                            "disk space) or delete snapshots and jobs that are no longer needed.",
                            problem_type("storage-full"), headers={"Retry-After": str(STORAGE_FULL_RETRY)})


def _over_quota(exc: QuotaExceeded) -> Response:
    """507 for the stored-bytes quota (it passes when the tenant deletes data), 429 for the concurrent jobs one."""
    if exc.quota == "concurrentJobs":
        return problem_response(429, "Too many jobs", exc.detail, problem_type("quota-exceeded"), quota=exc.quota,
                                limit=exc.limit, used=exc.used, headers={"Retry-After": str(JOBS_QUOTA_RETRY)})
    return problem_response(507, "Quota exceeded", exc.detail, problem_type("quota-exceeded"), quota=exc.quota,
                            limit=exc.limit, used=exc.used)


def _upload_space_full(exc: UploadSpaceFull) -> Response:
    log.warning("upload refused: %s", exc)
    return problem_response(503, "Upload space full", "Too many uploads are being read at once; nothing was "
                            "stored. Send it again in a few seconds (the operator can raise "
                            "SYNCMATCH_UPLOAD_SPOOL_BYTES).", problem_type("upload-space-full"),
                            headers={"Retry-After": str(UPLOAD_SPACE_RETRY)})


def _unexpected_error(exc: Exception) -> Response:
    log.exception("unhandled error")
    return problem_response(500, detail="An unexpected error occurred; it has been logged.")
